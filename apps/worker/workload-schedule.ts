import { Client, ScheduleAlreadyRunning } from '@temporalio/client';
import type { NativeConnection } from '@temporalio/worker';
import type { AppConfig } from '../../libs/config/config';
import type { WorkloadSnapshotArgs } from '../../workflows/figures/workload-snapshot.workflow';
import { dataConverterFor } from '../../libs/temporal/data-converter';

/** Per task queue: every deployment (and every e2e system on the shared dev server) has its own. */
export const workloadScheduleId = (taskQueue: string) => `workload-snapshot-${taskQueue}`;

/**
 * The project had no daily job before the figures: deadlines are timers inside each dossier's workflow. The daily
 * workload snapshot is therefore a Temporal Schedule, created at worker start when it does not exist yet (a second
 * worker, or a restart, finds it and leaves it). It runs the `workloadSnapshot` workflow every evening at 23:30 in
 * the configured time zone; a run missed by more than an hour (the server down) is skipped, not caught up on a
 * later day, and overlapping runs are skipped. The activity writes one row per day and worker, whatever runs twice.
 */
export async function ensureWorkloadSchedule(connection: NativeConnection, config: AppConfig): Promise<'created' | 'existing'> {
  const client = new Client({ connection, namespace: config.temporalNamespace, dataConverter: dataConverterFor(config.payloadKeys) });
  const args: WorkloadSnapshotArgs = { timeZone: config.timeZone };
  try {
    await client.schedule.create({
      scheduleId: workloadScheduleId(config.taskQueue),
      spec: { calendars: [{ hour: 23, minute: 30 }], timezone: config.timeZone },
      action: {
        type: 'startWorkflow',
        workflowType: 'workloadSnapshot',
        args: [args],
        taskQueue: config.taskQueue,
        workflowExecutionTimeout: '6 hours',
      },
      policies: { overlap: 'SKIP', catchupWindow: '1 hour' },
    });
    return 'created';
  } catch (err) {
    if (err instanceof ScheduleAlreadyRunning) return 'existing';
    throw err;
  }
}

import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../../activities';
import { dateInZone } from '../../libs/deadlines/calendar-date';

const acts = proxyActivities<Activities>({ startToCloseTimeout: '2 minutes', retry: { maximumAttempts: 10 } });

export interface WorkloadSnapshotArgs {
  timeZone: string;
  /** A given day (a test, a catch-up by hand); otherwise the day the workflow runs, in `timeZone`. */
  day?: string;
}

/**
 * Started every evening by the Temporal Schedule `workload-snapshot` (apps/worker/workload-schedule.ts): today's
 * snapshot of each worker's open and overdue tasks. The day is fixed in the workflow (its deterministic clock), so a
 * retried activity still writes the day the run began on.
 */
export async function workloadSnapshot(args: WorkloadSnapshotArgs): Promise<{ day: string; written: number }> {
  const day = args.day ?? dateInZone(Date.now(), args.timeZone);
  return acts.snapshotWorkload({ day });
}

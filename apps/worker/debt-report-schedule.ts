import { Client, ScheduleAlreadyRunning, ScheduleNotFoundError, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import type { NativeConnection } from '@temporalio/worker';
import type { AppConfig } from '../../libs/config/config';
import { dateInZone } from '../../libs/deadlines/calendar-date';
import { debtReportWorkflowId, debtReportYearOwed } from '../../libs/notices/debt-annual-report';
import type { DebtReportArgs, DebtReportYearArgs } from '../../workflows/debt-mediation/annual-report.workflow';
import { dataConverterFor } from '../../libs/temporal/data-converter';

/** Per task queue, like the workload snapshot's (every deployment, and every e2e system on a shared server, has its own). */
export const debtReportScheduleId = (taskQueue: string) => `debt-mediation-report-${taskQueue}`;

export type DebtReportClockOutcome = { schedule: 'created' | 'updated' | 'deleted' | 'absent'; started: number | null };

/**
 * DEBT-1 (annual report of a recognised institution for debt mediation, by 31 March): only an OCMW recognised under the
 * decree of 24 July 1996 (OCMW_DEBT_MEDIATION_RECOGNISED_SINCE) owes it. At worker start:
 * - the yearly Temporal Schedule runs debtMediationReportYear on 1 January at 00:15 (Brussels), which opens the clock of
 *   the year that ended; it is created, or updated with today's configuration (team, warning days, recognition), or
 *   deleted when the OCMW is no longer recognised;
 * - between 1 January and 31 March the year's clock is started if it is not running yet (the schedule's run may have
 *   been missed while the server was down; a report already submitted is never started again: REJECT_DUPLICATE).
 */
export async function ensureDebtReportClock(connection: NativeConnection, config: AppConfig, now = Date.now()): Promise<DebtReportClockOutcome> {
  const client = new Client({ connection, namespace: config.temporalNamespace, dataConverter: dataConverterFor(config.payloadKeys) });
  const scheduleId = debtReportScheduleId(config.taskQueue);
  const recognisedSince = config.debtMediationRecognisedSince;
  if (!recognisedSince) {
    try {
      await client.schedule.getHandle(scheduleId).delete();
      return { schedule: 'deleted', started: null };
    } catch (err) {
      if (err instanceof ScheduleNotFoundError) return { schedule: 'absent', started: null };
      throw err;
    }
  }
  const team = config.debtMediation.reportTeam;
  const yearArgs: DebtReportYearArgs = { team, timeZone: config.timeZone, warningDays: config.deadlineWarningDays, recognisedSince };
  const action = {
    type: 'startWorkflow' as const,
    workflowType: 'debtMediationReportYear',
    args: [yearArgs],
    taskQueue: config.taskQueue,
    workflowExecutionTimeout: '1 day' as const,
  };
  let schedule: DebtReportClockOutcome['schedule'];
  try {
    await client.schedule.create({
      scheduleId,
      spec: { calendars: [{ month: 'JANUARY', dayOfMonth: 1, hour: 0, minute: 15 }], timezone: config.timeZone },
      action,
      // A run missed by less than a week is caught up; the worker's own start covers the rest of the window.
      policies: { overlap: 'SKIP', catchupWindow: '7 days' },
    });
    schedule = 'created';
  } catch (err) {
    if (!(err instanceof ScheduleAlreadyRunning)) throw err;
    await client.schedule.getHandle(scheduleId).update((previous) => ({ ...previous, action }));
    schedule = 'updated';
  }
  const year = debtReportYearOwed(dateInZone(now, config.timeZone), recognisedSince);
  if (year === null) return { schedule, started: null };
  const args: DebtReportArgs = { year, team, timeZone: config.timeZone, warningDays: config.deadlineWarningDays };
  try {
    await client.workflow.start('debtMediationAnnualReport', {
      workflowId: debtReportWorkflowId(config.taskQueue, year),
      taskQueue: config.taskQueue,
      args: [args],
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
    });
    return { schedule, started: year };
  } catch (err) {
    if (err instanceof WorkflowExecutionAlreadyStartedError) return { schedule, started: null };
    throw err;
  }
}

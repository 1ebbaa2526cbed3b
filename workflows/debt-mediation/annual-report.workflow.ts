import {
  allHandlersFinished, condition, ParentClosePolicy, setHandler, startChild, workflowInfo, WorkflowIdReusePolicy,
} from '@temporalio/workflow';
import { dateInZone } from '../../libs/deadlines/calendar-date';
import { debtReportDeadlineKey, debtReportSubject, debtReportWorkflowId, debtReportYearOwed } from '../../libs/notices/debt-annual-report';
import { DeadlineClock } from '../shared/deadline-clock';
import { debtReportSubmitted, DebtReportSubmission } from './annual-report.messages';

export interface DebtReportArgs {
  year: number;
  /** The team whose lead sees the clock and submits the report (OCMW_DEBT_REPORT_TEAM). */
  team: string;
  timeZone: string;
  warningDays: number;
}

export interface DebtReportResult {
  year: number;
  status: string;
  submittedOn: string;
}

/**
 * DEBT-1: the annual report and basic registration of a recognised institution for debt mediation, due at the Flemish
 * department by 31 March for the year before (decree of 24 July 1996; uitvoeringsbesluit of 25 March 1997). A clock of
 * the OCMW itself, without a dossier: the deadline engine computes it from the year's last day (rule DEBT-1,
 * annual-date), the team lead is warned and escalated to as for any dossier's clock, and it is met when the team lead
 * marks the report submitted (the Update debtReportSubmitted; the API freezes the figures sent). One workflow per year
 * and deployment (debtReportWorkflowId), started by the yearly schedule (debtMediationReportYear) or by a worker
 * starting between 1 January and 31 March; it ends once the report is submitted, late or not.
 */
export async function debtMediationAnnualReport(args: DebtReportArgs): Promise<DebtReportResult> {
  const subject = debtReportSubject(args.year);
  let clock: DeadlineClock | undefined;
  let submittedOn: string | null = null;
  setHandler(
    debtReportSubmitted,
    async (submission: DebtReportSubmission) => {
      await condition(() => clock !== undefined);
      if (submittedOn === null) {
        submittedOn = submission.submittedOn;
        await clock!.met(submission.submittedOn);
      }
      return { year: args.year, status: clock!.status(), submittedOn: submittedOn };
    },
    {
      validator: (submission: DebtReportSubmission) => {
        if (submission?.year !== args.year) throw new Error(`this is the report of ${args.year}, not of ${String(submission?.year)}`);
        if (!/^\d{4}-\d{2}-\d{2}$/.test(String(submission.submittedOn))) throw new Error('submittedOn must be a date YYYY-MM-DD');
        if (submission.submittedOn <= `${args.year}-12-31`) throw new Error(`the report of ${args.year} is submitted after that year`);
      },
    },
  );
  clock = await DeadlineClock.start(
    { dossierId: null, reference: subject, subject, team: args.team, warningDays: args.warningDays, timeZone: args.timeZone, call: (fn) => fn() },
    debtReportDeadlineKey(args.year),
    'DEBT-1',
    `${args.year}-12-31`,
  );
  await condition(() => submittedOn !== null && clock!.isClosed());
  await condition(allHandlersFinished);
  return { year: args.year, status: clock.status(), submittedOn: submittedOn! };
}

export interface DebtReportYearArgs {
  team: string;
  timeZone: string;
  warningDays: number;
  /** OCMW_DEBT_MEDIATION_RECOGNISED_SINCE when the schedule was last ensured; no recognition, no report. */
  recognisedSince: string | null;
  /** A given day (a test, a start by hand); otherwise the day the workflow runs, in `timeZone`. */
  today?: string;
}

/**
 * Started by the yearly Temporal Schedule (apps/worker/debt-report-schedule.ts) on 1 January: opens the clock of the
 * year that just ended as a workflow of its own (a fixed id per year, so a second start — the schedule again, or a
 * worker starting in the window — finds it and leaves it; a report already submitted is not started again).
 */
export async function debtMediationReportYear(args: DebtReportYearArgs): Promise<{ year: number | null; started: boolean }> {
  const year = debtReportYearOwed(args.today ?? dateInZone(Date.now(), args.timeZone), args.recognisedSince);
  if (year === null) return { year: null, started: false };
  const reportArgs: DebtReportArgs = { year, team: args.team, timeZone: args.timeZone, warningDays: args.warningDays };
  try {
    await startChild(debtMediationAnnualReport, {
      workflowId: debtReportWorkflowId(workflowInfo().taskQueue, year),
      args: [reportArgs],
      parentClosePolicy: ParentClosePolicy.ABANDON,
      workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
    });
    return { year, started: true };
  } catch (err) {
    // WorkflowExecutionAlreadyStartedError (of @temporalio/common, which the sandbox does not import): by its name.
    if (err instanceof Error && err.name === 'WorkflowExecutionAlreadyStartedError') return { year, started: false };
    throw err;
  }
}

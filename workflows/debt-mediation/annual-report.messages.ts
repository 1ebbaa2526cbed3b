import { defineUpdate } from '@temporalio/workflow';

/** The team lead marked the year's report submitted (API: POST /figures/debt-mediation-report/submission, via the outbox). */
export interface DebtReportSubmission {
  year: number;
  /** The day it was submitted (YYYY-MM-DD): met when on or before 31 March, otherwise met late (breached). */
  submittedOn: string;
}

export interface DebtReportSubmissionResult {
  year: number;
  status: string;
  submittedOn: string;
}

export const debtReportSubmitted = defineUpdate<DebtReportSubmissionResult, [DebtReportSubmission]>('debtReportSubmitted');

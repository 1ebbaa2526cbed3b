import { defineQuery, defineUpdate } from '@temporalio/workflow';

/** Failure types an Update validator throws; the API maps them to HTTP (see apps/api/common/errors.ts). */
export const TASK_FAILURES = {
  validation: 'OutcomeInvalid',
  notOpen: 'TaskNotOpen',
  wrongRole: 'TaskWrongRole',
} as const;

export interface CompleteTaskInput {
  taskId: string;
  userId: string;
  userRole: string;
  outcome: Record<string, unknown>;
}

export interface CompleteTaskResult {
  status: string;
  /** Tasks open in the dossier once the workflow has moved on (the "next tasks"). */
  openTaskIds: string[];
}

/** Every procedure's human tasks are completed through this one Update. */
export const completeTaskUpdate = defineUpdate<CompleteTaskResult, [CompleteTaskInput]>('completeTask');

export interface DossierStateView {
  status: string;
  tasks: { id: string; kind: string; status: string }[];
  deadlines: { key: string; ruleId: string; dueDate: string; status: string; metDate: string | null }[];
}

export const dossierStateQuery = defineQuery<DossierStateView>('dossierState');

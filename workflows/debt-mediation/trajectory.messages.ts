import { defineUpdate } from '@temporalio/workflow';
import type { BudgetPlanChanged } from '../../libs/domain/budget-plan';

/**
 * A new version of the budget plan (libs/domain/budget-plan.ts), sent by the API through the workflow outbox after the
 * social worker saved it: the payments due from its validFrom follow it. Idempotent: a version not newer than the one
 * the workflow holds changes nothing.
 */
export const budgetPlanChangedUpdate = defineUpdate<{ status: string; version: number }, [BudgetPlanChanged]>('budgetPlanChanged');

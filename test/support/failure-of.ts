import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';

/** The ApplicationFailure an activity refuses with (a test fails when it resolves or throws anything else). */
export async function failureOf(promise: Promise<unknown>): Promise<ApplicationFailure> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof ApplicationFailure) return err;
    throw err;
  }
  throw new Error('expected an ApplicationFailure');
}

/** A workflow Update validator's refusal: its failure type and the paths of the errors it names. */
export async function refusal(promise: Promise<unknown>): Promise<{ type: string | undefined; paths: string[] }> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure) {
      return { type: err.cause.type ?? undefined, paths: ((err.cause.details?.[0] ?? []) as { path: string }[]).map((e) => e.path) };
    }
    throw err;
  }
  throw new Error('expected the Update to be refused');
}

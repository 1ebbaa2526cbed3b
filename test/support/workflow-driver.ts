import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { daysBetween } from '../../libs/deadlines/calendar-date';
import { completeTaskUpdate, councilDecisionUpdate, dossierStateQuery } from '../../workflows/shared/dossier.messages';
import { fakeActivities } from './fake-activities';
import { todayInBrussels } from './factories';
import { dataConverterFor } from '../../libs/temporal/data-converter';
import { eventually, sleepPast, uniqueTaskQueue, workflowBundle } from './temporal';

type Fake = ReturnType<typeof fakeActivities>;

/** Runs `fn` while a worker on a queue of its own serves the workflows with fresh fake activities (`options` as fakeActivities takes). */
export async function withFakeWorker<T>(
  env: TestWorkflowEnvironment,
  queue: string,
  fn: (ctx: { fake: Fake; taskQueue: string }) => Promise<T>,
  options: Parameters<typeof fakeActivities>[0] = {},
): Promise<T> {
  const fake = fakeActivities(options);
  const taskQueue = uniqueTaskQueue(queue);
  const worker = await Worker.create({ connection: env.nativeConnection, taskQueue, workflowBundle: await workflowBundle(), activities: fake.activities, dataConverter: dataConverterFor(null) });
  return worker.runUntil(fn({ fake, taskQueue }));
}

/**
 * Drives a procedure workflow in a time-skipping test as the people do: a social worker completes the open task of a
 * kind, the council secretary records the session's decision once the session has come (time moved, not waited).
 */
export function workflowDriver(env: TestWorkflowEnvironment) {
  const today = async () => todayInBrussels(await env.currentTimeMs());

  async function complete(workflowId: string, fake: Fake, kind: string, outcome: Record<string, unknown>) {
    const task = await eventually(() => fake.openTasks().find((t) => t.kind === kind));
    return env.client.workflow.getHandle(workflowId).executeUpdate(completeTaskUpdate, { args: [{ taskId: task.taskId, userId: 'u-1', userRole: 'social-worker', outcome }] });
  }

  async function decide(workflowId: string, fake: Fake, decision: Record<string, unknown>) {
    const handle = env.client.workflow.getHandle(workflowId);
    const { agenda } = await eventually(async () => {
      const state = await handle.query(dossierStateQuery);
      return state.agenda.some((a) => !a.decided) ? state : undefined;
    });
    const sessionDate = fake.scheduled().at(-1)!.sessionDate;
    const now = await today();
    await sleepPast(env, sessionDate);
    const itemId = agenda.find((a) => !a.decided)!.itemId;
    await handle.executeUpdate(councilDecisionUpdate, { args: [{ itemId, decisionDate: sessionDate, motivation: 'Beslist.', userId: 'secretary', ...decision } as never] });
    return sessionDate;
  }

  return { today, complete, decide };
}

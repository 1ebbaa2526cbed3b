import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import * as path from 'node:path';
import type { Activities } from '../../../activities';
import { todayInBrussels } from '../../support/factories';
import { uniqueTaskQueue, workflowBundle } from '../../support/temporal';

/** Runs `fn` while a worker of the test-only probe workflows (probe.workflow.ts) serves a fresh task queue. */
export async function withProbeWorker<T>(
  env: TestWorkflowEnvironment,
  activities: Activities,
  fn: (ctx: { taskQueue: string; today: string }) => Promise<T>,
): Promise<T> {
  const taskQueue = uniqueTaskQueue('probe');
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowBundle: await workflowBundle(path.resolve(__dirname, 'probe.workflow.ts')),
    activities,
  });
  return worker.runUntil(async () => fn({ taskQueue, today: todayInBrussels(await env.currentTimeMs()) }));
}

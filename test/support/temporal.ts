import { type ClientOptionsForTestEnv, TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, WorkflowBundleWithSourceMap } from '@temporalio/worker';
import * as path from 'node:path';
import { findTemporalBinary } from '../../libs/infra/temporal-dev-server';
import { daysBetween } from '../../libs/deadlines/calendar-date';
import { todayInBrussels } from './factories';
import { FAILURE_CONVERTER_PATH } from '../../libs/temporal/data-converter';

const bundles = new Map<string, Promise<WorkflowBundleWithSourceMap>>();
const quiet = { trace() {}, debug() {}, info() {}, warn() {}, error: console.error, log() {} } as never;

/** The workflow bundle, built once per test file: by default the same entry the worker uses. */
export function workflowBundle(entry = path.resolve(__dirname, '../../workflows/index.ts')): Promise<WorkflowBundleWithSourceMap> {
  // With the system's failure converter, as the worker bundles it (failure messages as encoded payloads).
  if (!bundles.has(entry)) bundles.set(entry, bundleWorkflowCode({ workflowsPath: entry, logger: quiet, failureConverterPath: FAILURE_CONVERTER_PATH }));
  return bundles.get(entry)!;
}

/** The real time-skipping test server from .tools/bin (installed by `npm ci`). Time is global: run tests serially. */
export function timeSkippingEnv(client?: ClientOptionsForTestEnv): Promise<TestWorkflowEnvironment> {
  return TestWorkflowEnvironment.createTimeSkipping({
    ...(client ? { client } : {}),
    server: { executable: { type: 'existing-path', path: findTemporalBinary('temporal-test-server') } },
  });
}

let queue = 0;
export function uniqueTaskQueue(name: string): string {
  return `${name}-${process.pid}-${Date.now()}-${++queue}`;
}

/** Waits (in real time, briefly) until the worker has processed what was just sent: not a way to move legal time. */
export async function eventually<T>(probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 15000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== null && value !== false) return value as T;
    if (Date.now() > deadline) throw new Error('eventually: condition not met in time');
    await new Promise((r) => setTimeout(r, 25));
  }
}

/**
 * Moves the test server's time past `date` (to the same hour the day after): a council decision dated `date` is then in
 * the past for the workflow too, whatever the hour of the run — the workflow's clock is its last workflow task's, which
 * may lag behind the server's by hours, and near midnight in Brussels that is the day before (a decision "in the
 * future", refused).
 */
export async function sleepPast(env: TestWorkflowEnvironment, date: string): Promise<void> {
  const now = todayInBrussels(await env.currentTimeMs());
  if (date >= now) await env.sleep(`${daysBetween(now, date) + 1} days`);
}

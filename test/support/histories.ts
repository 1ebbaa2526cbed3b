import { temporal } from '@temporalio/proto';
import type { WorkflowHandleWithFirstExecutionRunId } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { daysBetween } from '../../libs/deadlines/calendar-date';
import {
  completeTaskUpdate,
  councilDecisionUpdate,
  externalEventUpdate,
  partnerMessageAcknowledgedUpdate,
  partnerMessageExportedUpdate,
  referralClosedUpdate,
  referralFollowUpUpdate,
} from '../../workflows/shared/dossier.messages';
import { todayInBrussels } from './factories';
import { fakeActivities } from './fake-activities';
import { eventually, sleepPast, timeSkippingEnv, uniqueTaskQueue, workflowBundle } from './temporal';
import { dataConverterFor } from '../../libs/temporal/data-converter';
import { TEST_PAYLOAD_KEYS } from './payload-keys';

/**
 * Stored histories of a procedure's workflows (test/workflows/<procedure>/histories/): recorded from landed code by
 * `RECORD_HISTORY=vN npx jest <procedure>.replay`, replayed on the current code by every run of the test. Running
 * dossiers survive code changes only if they replay without non-determinism.
 */

/** What a recording scenario does to a dossier, as the people and the outbox would. */
export interface RecorderContext {
  complete: (kind: string, outcome: Record<string, unknown>, role?: string) => Promise<void>;
  /** The council decides the next scheduled item at its session (time moves there). */
  decide: (result: string, extra?: Record<string, unknown>) => Promise<string>;
  /** The chair decides the next scheduled item urgently, today. */
  urgent: (result: string, extra?: Record<string, unknown>) => Promise<string>;
  /** The outbox exported a partner message; the partner answers after one reminder. */
  sent: (partnerMessageId: string) => Promise<void>;
  /** An event from outside recorded through the API reaches the dossier (the outbox's externalEvent Update). */
  event: (type: string, occurredOn: string, data: Record<string, unknown>) => Promise<void>;
  /** A referral recorded through the API reaches the dossier with its follow-up date (the outbox's referralFollowUp). */
  refer: (referralId: string, followUpOn: string) => Promise<void>;
  /** A referral closed through the API (the outbox's referralClosed). */
  closeReferral: (referralId: string) => Promise<void>;
  today: string;
  env: TestWorkflowEnvironment;
  /** The dossier's workflow, for a procedure's own Updates (debt mediation: budgetPlanChanged). */
  handle: WorkflowHandleWithFirstExecutionRunId;
  /** The fake activities the scenario runs against (its open tasks, what was called). */
  fake: ReturnType<typeof fakeActivities>;
}

export function recorderContext(env: TestWorkflowEnvironment, handle: WorkflowHandleWithFirstExecutionRunId, fake: ReturnType<typeof fakeActivities>, today: string): RecorderContext {
  const now = async () => todayInBrussels(await env.currentTimeMs());
  let decided = 0;
  const next = async () => {
    const item = await eventually(() => fake.scheduled()[decided]);
    decided++;
    return item;
  };
  return {
    today,
    env,
    handle,
    fake,
    complete: async (kind, outcome, role = 'social-worker') => {
      const task = await eventually(() => fake.openTasks().find((t) => t.kind === kind));
      await handle.executeUpdate(completeTaskUpdate, { args: [{ taskId: task.taskId, userId: 'u-1', userRole: role, outcome }] });
    },
    decide: async (result, extra = {}) => {
      const item = await next();
      await sleepPast(env, item.sessionDate);
      await handle.executeUpdate(councilDecisionUpdate, {
        args: [{ itemId: item.itemId, result, decisionDate: item.sessionDate, motivation: 'Beslist.', userId: 's', ...extra }],
      } as never);
      return item.sessionDate;
    },
    urgent: async (result, extra = {}) => {
      const item = await next();
      const day = await now();
      await handle.executeUpdate(councilDecisionUpdate, {
        args: [{ itemId: item.itemId, result, decisionDate: day, motivation: 'Dringend beslist door de voorzitter.', urgent: true, userId: 's', ...extra }],
      } as never);
      return day;
    },
    event: async (type, occurredOn, data) => {
      await handle.executeUpdate(externalEventUpdate, { args: [{ eventId: `e-${type}-${occurredOn}`, type, occurredOn, reference: null, data, recordedBy: 'u-1' }] });
    },
    refer: async (referralId, followUpOn) => {
      await handle.executeUpdate(referralFollowUpUpdate, { args: [{ referralId, followUpOn }] });
    },
    closeReferral: async (referralId) => {
      await handle.executeUpdate(referralClosedUpdate, { args: [{ referralId }] });
    },
    sent: async (partnerMessageId) => {
      const sentOn = await now();
      // Since v5 the outbox delivers these as Updates (the signals stay for running dossiers).
      await handle.executeUpdate(partnerMessageExportedUpdate, { args: [{ partnerMessageId, sentOn }] });
      await env.sleep('35 days'); // one reminder to the partner, then its answer
      await handle.executeUpdate(partnerMessageAcknowledgedUpdate, { args: [{ partnerMessageId, sentOn }] });
    },
  };
}

/** Saves every run of the dossier, following continue-as-new from the first: `<base>.json`, `<base>-<next>.json`, `<base>-<next>-2.json`, … */
export async function saveAllRuns(env: TestWorkflowEnvironment, handle: WorkflowHandleWithFirstExecutionRunId, file: (run: number) => string): Promise<void> {
  let runId: string | undefined = handle.firstExecutionRunId;
  for (let run = 0; runId; run++) {
    const raw = await env.client.workflow.getHandle(handle.workflowId, runId).fetchHistory();
    const history = temporal.api.history.v1.History.toObject(raw as temporal.api.history.v1.History, { longs: String, bytes: String });
    fs.writeFileSync(file(run), JSON.stringify(history, null, 1));
    runId = raw.events?.at(-1)?.workflowExecutionContinuedAsNewEventAttributes?.newExecutionRunId ?? undefined;
  }
}

/** The replay tests of a folder of stored histories: each must replay on the current code. */
export function replayStoredHistories(dir: string): void {
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.json'));

  it('has stored histories to replay', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  it.each(files)('replays %s on the current code', async (file) => {
    const history = temporal.api.history.v1.History.fromObject(JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')));
    // Through the payload codec, as the worker runs: the stored histories were written unencrypted and pass through it.
    await expect(Worker.runReplayHistory({ workflowBundle: await workflowBundle(), dataConverter: dataConverterFor(TEST_PAYLOAD_KEYS) }, history, file)).resolves.toBeUndefined();
  });
}

/**
 * The recording test of a procedure's replay suite (only when RECORD_HISTORY=vN is set; RECORD_ONLY=a,b records only
 * the named scenarios): each scenario runs on a fresh time-skipping server against the fake activities, then every run
 * of the dossier is saved as `<prefix>-<version>-<scenario>[-<next>[-N]].json`. A scenario returning 'terminate', or a
 * dossier still running, or one that continued as the `next` workflow, is terminated first; otherwise its result is awaited.
 */
export function recordScenarios<T extends { dossierId: string; requestDate: string }>(options: {
  dir: string;
  prefix: string;
  /** The name the runs after the first get: leefloon-…-benefit, debt-mediation-…-trajectory. */
  next: string;
  workflow: (input: T) => Promise<unknown>;
  input: (requestDate: string) => T;
  scenarios: Record<string, (ctx: RecorderContext) => Promise<unknown>>;
  /** Terminate a run that is still running at the end of its scenario instead of awaiting its result. */
  terminateRunning?: (type: string) => boolean;
  /** What the fake activities answer in a scenario (its inventory's creditors, the budget account's balance). */
  fakeOptions?: Record<string, Parameters<typeof fakeActivities>[0]>;
}): void {
  if (!process.env.RECORD_HISTORY) return;
  it('records histories of the current version', async () => {
    const only = process.env.RECORD_ONLY?.split(',');
    for (const [name, scenario] of Object.entries(options.scenarios).filter(([n]) => !only || only.includes(n))) {
      const env = await timeSkippingEnv();
      try {
        const fake = fakeActivities(options.fakeOptions?.[name]);
        const taskQueue = uniqueTaskQueue('record');
        const worker = await Worker.create({ connection: env.nativeConnection, taskQueue, workflowBundle: await workflowBundle(), activities: fake.activities, dataConverter: dataConverterFor(null) });
        await worker.runUntil(async () => {
          const input = options.input(todayInBrussels(await env.currentTimeMs()));
          const handle = await env.client.workflow.start(options.workflow, { args: [input], taskQueue, workflowId: `dossier-${input.dossierId}` });
          const stop = await scenario(recorderContext(env, handle, fake, input.requestDate));
          const latest = await handle.describe();
          if (latest.status.name === 'RUNNING' && (stop === 'terminate' || (options.terminateRunning ?? (() => true))(latest.type))) await handle.terminate('recorded');
          else await handle.result();
          const version = process.env.RECORD_HISTORY;
          await saveAllRuns(env, handle, (run) => path.join(options.dir, `${options.prefix}-${version}-${name}${run === 0 ? '' : run === 1 ? `-${options.next}` : `-${options.next}-${run}`}.json`));
        });
      } finally {
        await env.teardown();
      }
    }
  });
}

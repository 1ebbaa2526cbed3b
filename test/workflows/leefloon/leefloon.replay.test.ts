import { temporal } from '@temporalio/proto';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { leefloonApplication } from '../../../workflows/leefloon/leefloon.workflow';
import { completeTaskUpdate } from '../../../workflows/shared/dossier.messages';
import { aDossierInput, outcomes, todayInBrussels } from '../../support/factories';
import { fakeActivities } from '../../support/fake-activities';
import { eventually, timeSkippingEnv, uniqueTaskQueue, workflowBundle } from '../../support/temporal';

/**
 * Running dossiers survive code changes: every stored history of an earlier workflow version must replay on the
 * current code without non-determinism. A change that breaks this needs `patched()` or a new workflow type.
 * `RECORD_HISTORY=v2 npx jest leefloon.replay` (stored as JSON of the History proto) stores new histories of the current version next to the old ones.
 */
const DIR = path.join(__dirname, 'histories');

describe('leefloonApplication replay of stored histories', () => {
  const files = fs.readdirSync(DIR).filter((f) => f.endsWith('.json'));

  if (process.env.RECORD_HISTORY) {
    it('records histories of the current version', async () => {
      const env: TestWorkflowEnvironment = await timeSkippingEnv();
      try {
        for (const [name, scenario] of Object.entries(SCENARIOS)) {
          const fake = fakeActivities();
          const taskQueue = uniqueTaskQueue('record');
          const worker = await Worker.create({ connection: env.nativeConnection, taskQueue, workflowBundle: await workflowBundle(), activities: fake.activities });
          await worker.runUntil(async () => {
            const input = aDossierInput({ requestDate: todayInBrussels(await env.currentTimeMs()) });
            const handle = await env.client.workflow.start(leefloonApplication, { args: [input], taskQueue, workflowId: `dossier-${input.dossierId}` });
            const complete = async (kind: string, outcome: Record<string, unknown>, role = 'social-worker') => {
              const task = await eventually(() => fake.openTasks().find((t) => t.kind === kind));
              await handle.executeUpdate(completeTaskUpdate, { args: [{ taskId: task.taskId, userId: 'u-1', userRole: role, outcome }] });
            };
            await scenario(complete, input.requestDate, env);
            await handle.result();
            const file = path.join(DIR, `leefloon-${process.env.RECORD_HISTORY}-${name}.json`);
            const history = temporal.api.history.v1.History.toObject(await handle.fetchHistory() as temporal.api.history.v1.History, {
              longs: String,
              bytes: String,
            });
            fs.writeFileSync(file, JSON.stringify(history, null, 1));
          });
        }
      } finally {
        await env.teardown();
      }
    });
  }

  it('has stored histories to replay', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  it.each(files)('replays %s on the current code', async (file) => {
    const history = temporal.api.history.v1.History.fromObject(JSON.parse(fs.readFileSync(path.join(DIR, file), 'utf8')));
    await expect(Worker.runReplayHistory({ workflowBundle: await workflowBundle() }, history, file)).resolves.toBeUndefined();
  });
});

type Complete = (kind: string, outcome: Record<string, unknown>, role?: string) => Promise<void>;
const SCENARIOS: Record<string, (complete: Complete, today: string, env: TestWorkflowEnvironment) => Promise<void>> = {
  granted: async (complete, today, env) => {
    await complete('competence-check', outcomes.competent);
    await complete('social-inquiry', outcomes.inquiry(today));
    await env.sleep('25 days'); // past the warning date: the history holds the warning escalation too
    await complete('social-report', outcomes.report(today));
    await complete('decision', outcomes.decision(today), 'council-secretary');
    await complete('decision-notification', outcomes.notification(today));
  },
  'late-decision': async (complete, today, env) => {
    await complete('competence-check', outcomes.competent);
    await env.sleep('32 days'); // the decision term lapses: breach, and the client's no-decision appeal window opens
    await complete('social-inquiry', outcomes.inquiry(today));
    await complete('social-report', outcomes.report(today));
    const decidedOn = todayInBrussels(await env.currentTimeMs());
    await complete('decision', outcomes.decision(decidedOn), 'council-secretary');
    await complete('decision-notification', outcomes.notification(decidedOn));
  },
  forwarded: async (complete, today) => {
    await complete('competence-check', outcomes.notCompetent);
    await complete('forward-request', { forwardedTo: 'OCMW Gent', forwardDate: today, reasons: 'Verblijft in Gent' });
    await complete('forwarding-letter', { sentDate: today, mode: 'letter' });
  },
};

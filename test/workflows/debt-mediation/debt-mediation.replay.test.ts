import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import * as path from 'node:path';
import { debtMediationApplication } from '../../../workflows/debt-mediation/debt-mediation.workflow';
import { aDossierInput, outcomes, todayInBrussels } from '../../support/factories';
import { fakeActivities } from '../../support/fake-activities';
import { RecorderContext, recorderContext, replayStoredHistories, saveAllRuns } from '../../support/histories';
import { timeSkippingEnv, uniqueTaskQueue, workflowBundle } from '../../support/temporal';

/**
 * Running debt mediation dossiers survive code changes: every stored history (test/workflows/debt-mediation/histories/)
 * replays on the current code. `RECORD_HISTORY=v2 [RECORD_ONLY=name,…] npx jest debt-mediation.replay` records the
 * current version. v1 was recorded from the first slice (the request up to "Lopend traject", commit 3cc9b48).
 */
const DIR = path.join(__dirname, 'histories');

describe('debtMediationApplication replay of stored histories', () => {
  if (process.env.RECORD_HISTORY) {
    it('records histories of the current version', async () => {
      const only = process.env.RECORD_ONLY?.split(',');
      for (const [name, scenario] of Object.entries(SCENARIOS).filter(([n]) => !only || only.includes(n))) {
        const env: TestWorkflowEnvironment = await timeSkippingEnv();
        try {
          const fake = fakeActivities();
          const taskQueue = uniqueTaskQueue('record');
          const worker = await Worker.create({ connection: env.nativeConnection, taskQueue, workflowBundle: await workflowBundle(), activities: fake.activities });
          await worker.runUntil(async () => {
            const input = aDossierInput({ procedure: 'debt-mediation', reference: 'SB-2026-000001', requestDate: todayInBrussels(await env.currentTimeMs()) });
            const handle = await env.client.workflow.start(debtMediationApplication, { args: [input], taskQueue, workflowId: `dossier-${input.dossierId}` });
            await scenario(recorderContext(env, handle, fake, input.requestDate));
            if ((await handle.describe()).status.name === 'RUNNING') await handle.terminate('recorded');
            await saveAllRuns(env, handle, (run) => path.join(DIR, `debt-mediation-${process.env.RECORD_HISTORY}-${name}${run === 0 ? '' : run === 1 ? '-trajectory' : `-trajectory-${run}`}.json`));
          });
        } finally {
          await env.teardown();
        }
      }
    });
  }

  replayStoredHistories(DIR);
});

const inquiry = { totalDebtsCents: 1_250_000, creditorCount: 3, monthlyIncomeCents: 165_000, priorityDebts: true, hearingRequested: false };

const SCENARIOS: Record<string, (ctx: RecorderContext) => Promise<void>> = {
  // v1: budget management granted, notified, and open as "Lopend traject" past the appeal window.
  'budget-management': async ({ complete, decide, env }) => {
    await complete('competence-check', outcomes.competent);
    await complete('debt-inquiry', inquiry);
    await complete('debt-report', { proposal: 'grant', guidanceType: 'budget-management', durationMonths: 24, motivation: 'Drie schuldeisers, inkomen volstaat.' });
    const decided = await decide('granted', { guidanceType: 'budget-management', durationMonths: 24 });
    await complete('decision-notification', outcomes.notification(decided));
    await env.sleep('100 days');
  },
  refused: async ({ complete, decide, env }) => {
    await complete('competence-check', outcomes.competent);
    await complete('debt-inquiry', { ...inquiry, missingDocuments: 'Loonfiches' });
    await env.sleep('15 days'); // the documents come late: one reminder
    await complete('documents-received', { receivedOn: todayInBrussels(await env.currentTimeMs()), complete: true });
    await complete('debt-report', { proposal: 'refuse', motivation: 'Geen schulden vastgesteld.' });
    const decided = await decide('refused');
    await complete('decision-notification', outcomes.notification(decided));
    await env.sleep('100 days');
  },
  forwarded: async ({ complete, today }) => {
    await complete('competence-check', outcomes.notCompetent);
    await complete('forward-request', { forwardedTo: 'OCMW Gent', forwardDate: today, reasons: 'Verblijft in Gent' });
    await complete('forwarding-letter', { sentDate: today, mode: 'letter' });
  },
};

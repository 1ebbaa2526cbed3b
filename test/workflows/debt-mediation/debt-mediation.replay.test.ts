import * as path from 'node:path';
import { debtMediationApplication } from '../../../workflows/debt-mediation/debt-mediation.workflow';
import { aDossierInput, outcomes, todayInBrussels } from '../../support/factories';
import { RecorderContext, recordScenarios, replayStoredHistories } from '../../support/histories';

/**
 * Running debt mediation dossiers survive code changes: every stored history (test/workflows/debt-mediation/histories/)
 * replays on the current code. `RECORD_HISTORY=v2 [RECORD_ONLY=name,…] npx jest debt-mediation.replay` records the
 * current version. v1 was recorded from the first slice (the request up to "Lopend traject", commit 3cc9b48).
 */
const DIR = path.join(__dirname, 'histories');

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

describe('debtMediationApplication replay of stored histories', () => {
  recordScenarios({
    dir: DIR, prefix: 'debt-mediation', next: 'trajectory', workflow: debtMediationApplication, scenarios: SCENARIOS,
    input: (requestDate) => aDossierInput({ procedure: 'debt-mediation', reference: 'SB-2026-000001', requestDate }),
  });
  replayStoredHistories(DIR);
});

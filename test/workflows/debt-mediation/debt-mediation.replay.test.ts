import * as path from 'node:path';
import { debtMediationApplication } from '../../../workflows/debt-mediation/debt-mediation.workflow';
import { aDossierInput, outcomes, todayInBrussels } from '../../support/factories';
import { RecorderContext, recordScenarios, replayStoredHistories } from '../../support/histories';
import { budgetPlanChangedUpdate } from '../../../workflows/debt-mediation/trajectory.messages';

/**
 * Running debt mediation dossiers survive code changes: every stored history (test/workflows/debt-mediation/histories/)
 * replays on the current code. `RECORD_HISTORY=v2 [RECORD_ONLY=name,…] npx jest debt-mediation.replay` records the
 * current version. v1 was recorded from the first slice (the request up to "Lopend traject", commit 3cc9b48); v2 from
 * the trajectory's first landing (the grant continued as debtMediationTrajectory: agreement, plan, payments, evaluation).
 */
const DIR = path.join(__dirname, 'histories');

const inquiry = { totalDebtsCents: 1_250_000, creditorCount: 3, monthlyIncomeCents: 165_000, priorityDebts: true, hearingRequested: false };

const SCENARIOS: Record<string, (ctx: RecorderContext) => Promise<unknown>> = {
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
  // v2: the trajectory — the agreement signed, a budget plan, weeks of living money, the rent and an instalment, an
  // evaluation; then terminated (still running).
  trajectory: async ({ complete, decide, env, handle }) => {
    await complete('competence-check', outcomes.competent);
    await complete('debt-inquiry', inquiry);
    await complete('debt-report', { proposal: 'grant', guidanceType: 'budget-management', durationMonths: 24, motivation: 'Budgetbeheer nodig.' });
    const decided = await decide('granted', { guidanceType: 'budget-management', durationMonths: 24 });
    await complete('decision-notification', outcomes.notification(decided));
    const signedOn = todayInBrussels(await env.currentTimeMs());
    await complete('trajectory-agreement', { signed: true, signedOn, note: 'Ondertekend op de sociale dienst.' });
    await handle.executeUpdate(budgetPlanChangedUpdate, { args: [{ changedBy: 'u-1', plan: {
      version: 1, validFrom: signedOn, account: { name: 'OCMW Demo budgetbeheer', iban: 'BE71096123456769', bic: 'GKCCBEBB' }, leefgeldWeeklyCents: 12_500,
      fixedCosts: [{ key: 'rent', partyId: '7a9d1a52-3c1e-4a43-9d0c-1f8a2b3c4d5e', label: 'Huur', amountCents: 65_000, dueDay: 1 }],
      instalments: [{ debtId: '0b6e2f1a-8c3d-4e5f-9a7b-2c1d3e4f5a6b', partyId: '5c4b3a29-1d2e-4f3a-8b9c-0d1e2f3a4b5c', debtRef: 'TEL-2025-881', amountCents: 3_500, dueDay: 15 }],
      reserveMonthlyCents: 0,
    } }] });
    await env.sleep('95 days');
    await complete('debt-evaluation', { interviewDate: todayInBrussels(await env.currentTimeMs()), proposal: 'continue', report: 'Plan loopt.' });
    await env.sleep('10 days');
    return 'terminate';
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

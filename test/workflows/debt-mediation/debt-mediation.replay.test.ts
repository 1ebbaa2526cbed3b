import * as path from 'node:path';
import { debtMediationApplication } from '../../../workflows/debt-mediation/debt-mediation.workflow';
import { aDossierInput, outcomes, todayInBrussels } from '../../support/factories';
import { RecorderContext, recordScenarios, replayStoredHistories } from '../../support/histories';
import { budgetPlanChangedUpdate } from '../../../workflows/debt-mediation/trajectory.messages';
import { completeTaskUpdate } from '../../../workflows/shared/dossier.messages';
import { addDays } from '../../../libs/deadlines/calendar-date';

/**
 * Running debt mediation dossiers survive code changes: every stored history (test/workflows/debt-mediation/histories/)
 * replays on the current code. `RECORD_HISTORY=v2 [RECORD_ONLY=name,…] npx jest debt-mediation.replay` records the
 * current version. v1 was recorded from the first slice (the request up to "Lopend traject", commit 3cc9b48); v2 from
 * the trajectory's first landing (the grant continued as debtMediationTrajectory: agreement, plan, payments, evaluation);
 * v3 from commit 3ba2978's code: the paths v2 did not reach (creditor letters and an answer, a shortfall retried and
 * skipped, the CSR petition, admissibility and a claim, the yearly continue-as-new); v4 from commit 084ab05's code (the
 * yearly review): an evaluation's proposal revised by the BCSD (the status back from the agenda), a changed plan, the
 * year's end and the review on the agenda at the start of year 2, confirmed.
 */
const DIR = path.join(__dirname, 'histories');

/** The v3 scenario's inventory: two creditors and a bailiff (the fake's debtCreditors), and its budget account's money. */
const DEBT_1 = '3f1c2b4a-5d6e-4f70-8a91-b2c3d4e5f601';
const DEBT_2 = '3f1c2b4a-5d6e-4f70-8a91-b2c3d4e5f602';
const CREDITOR_1 = '5c4b3a29-1d2e-4f3a-8b9c-0d1e2f3a4b51';
const CREDITOR_2 = '5c4b3a29-1d2e-4f3a-8b9c-0d1e2f3a4b52';
const BAILIFF = '5c4b3a29-1d2e-4f3a-8b9c-0d1e2f3a4b53';
const LANDLORD = '7a9d1a52-3c1e-4a43-9d0c-1f8a2b3c4d5e';
const INVENTORY = [
  { debtId: DEBT_1, partyId: CREDITOR_1, role: 'creditor' as const, fileNumber: 'FAC-2026-001', outstandingCents: 120_000, disputed: false, priorityKind: null },
  { debtId: DEBT_2, partyId: CREDITOR_2, role: 'creditor' as const, fileNumber: null, outstandingCents: 80_000, disputed: false, priorityKind: 'energy' },
  { debtId: DEBT_2, partyId: BAILIFF, role: 'collector' as const, fileNumber: 'GD/2026/77', outstandingCents: 80_000, disputed: false, priorityKind: 'energy' },
];
let incomingCents = 0;

const inquiry = { totalDebtsCents: 1_250_000, creditorCount: 3, monthlyIncomeCents: 165_000, priorityDebts: true, hearingRequested: false };

/** A month at a time until the trajectory's first year continues as new, the evaluations completed as they come. */
async function liveUntilNextYear({ env, handle, fake }: RecorderContext, months: number, scenario: string): Promise<void> {
  const firstRun = (await handle.describe()).runId;
  for (let month = 0; month < months && (await handle.describe()).runId === firstRun; month++) {
    await env.sleep('30 days');
    for (const task of fake.openTasks().filter((t) => t.kind === 'debt-evaluation')) {
      const outcome = { interviewDate: todayInBrussels(await env.currentTimeMs()), proposal: 'continue', report: 'Plan loopt.' };
      await handle.executeUpdate(completeTaskUpdate, { args: [{ taskId: task.taskId, userId: 'u-1', userRole: 'social-worker', outcome }] });
    }
  }
  if ((await handle.describe()).runId === firstRun) throw new Error(`${scenario}: the first year did not continue as new`);
}

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
  // v3: creditor letters and one answer, a shortfall (one retried once money came in, the others skipped), the CSR
  // petition, its admissibility with the OCMW as mediator and a claim, then the year's end (continue-as-new) and a
  // few weeks of the second year.
  'trajectory-year': async (ctx) => {
    const { complete, decide, env, handle, event, fake } = ctx;
    const now = async () => todayInBrussels(await env.currentTimeMs());
    incomingCents = 0;
    await complete('competence-check', outcomes.competent);
    await complete('debt-inquiry', inquiry);
    await complete('debt-report', { proposal: 'grant', guidanceType: 'budget-management', durationMonths: 36, motivation: 'Budgetbeheer nodig.' });
    const decided = await decide('granted', { guidanceType: 'budget-management', durationMonths: 36 });
    await complete('decision-notification', outcomes.notification(decided));
    const signedOn = await now();
    await complete('trajectory-agreement', { signed: true, signedOn, note: 'Ondertekend op de sociale dienst.' });
    await handle.executeUpdate(budgetPlanChangedUpdate, { args: [{ changedBy: 'u-1', plan: {
      version: 1, validFrom: signedOn, account: { name: 'OCMW Demo budgetbeheer', iban: 'BE71096123456769', bic: 'GKCCBEBB' }, leefgeldWeeklyCents: 12_500,
      fixedCosts: [{ key: 'rent', partyId: LANDLORD, label: 'Huur', amountCents: 65_000, dueDay: 1 }],
      instalments: [
        { debtId: DEBT_1, partyId: CREDITOR_1, debtRef: 'FAC-2026-001', amountCents: 5_000, dueDay: 5 },
        { debtId: DEBT_2, partyId: CREDITOR_2, debtRef: 'ENERGIE-42', amountCents: 7_500, dueDay: 15 },
      ],
      reserveMonthlyCents: 10_000,
    } }] });
    await env.sleep('10 days');
    await event('creditor-answer', await now(), { letterKey: `statement-request:${DEBT_2}:${BAILIFF}`, answer: 'statement', amountCents: 83_450 });
    await env.sleep('30 days');
    // Money came in: the first shortfall is paid, the others skipped.
    incomingCents = 100_000_000;
    const shortfalls = fake.openTasks().filter((t) => t.kind === 'budget-shortfall');
    for (const [i, task] of shortfalls.entries()) {
      const outcome = i === 0 ? { action: 'retry', note: 'Kindergeld binnengekomen.' } : { action: 'skip', note: 'Schuldeiser verwittigd.' };
      await handle.executeUpdate(completeTaskUpdate, { args: [{ taskId: task.taskId, userId: 'u-1', userRole: 'social-worker', outcome }] });
    }
    await event('csr-petition-filed', addDays(await now(), -6), { court: 'arbeidsrechtbank Gent, afdeling Gent' });
    await event('csr-admissibility-order', await now(), { court: 'arbeidsrechtbank Gent, afdeling Gent', sentOn: await now(), mediator: 'ocmw' });
    await env.sleep('5 days');
    await event('csr-claim-received', await now(), { creditorPartyId: CREDITOR_1, amountCents: 118_250 });
    // On to the year's end, the evaluation interviews completed as they come.
    await liveUntilNextYear(ctx, 14, 'trajectory-year');
    await env.sleep('20 days');
    return 'terminate';
  },
  // v4: an evaluation proposes budget guidance → management stays, revised by the BCSD; a second plan version; the year's
  // end; the yearly review of year 1 on the agenda at the start of year 2, confirmed; weeks of year 2.
  'yearly-review': async (ctx) => {
    const { complete, decide, env, handle } = ctx;
    const now = async () => todayInBrussels(await env.currentTimeMs());
    const plan = (version: number, validFrom: string, leefgeldWeeklyCents: number) => ({
      version, validFrom, account: { name: 'OCMW Demo budgetbeheer', iban: 'BE71096123456769', bic: 'GKCCBEBB' }, leefgeldWeeklyCents,
      fixedCosts: [{ key: 'rent', partyId: LANDLORD, label: 'Huur', amountCents: 65_000, dueDay: 1 }],
      instalments: [{ debtId: DEBT_1, partyId: CREDITOR_1, debtRef: 'FAC-2026-001', amountCents: 5_000, dueDay: 5 }],
      reserveMonthlyCents: 0,
    });
    await complete('competence-check', outcomes.competent);
    await complete('debt-inquiry', inquiry);
    await complete('debt-report', { proposal: 'grant', guidanceType: 'budget-management', durationMonths: 36, motivation: 'Budgetbeheer nodig.' });
    const decided = await decide('granted', { guidanceType: 'budget-management', durationMonths: 36 });
    await complete('decision-notification', outcomes.notification(decided));
    const signedOn = await now();
    await complete('trajectory-agreement', { signed: true, signedOn, note: 'Ondertekend op de sociale dienst.' });
    await handle.executeUpdate(budgetPlanChangedUpdate, { args: [{ changedBy: 'u-1', plan: plan(1, signedOn, 12_500) }] });
    await env.sleep('95 days');
    await complete('debt-evaluation', { interviewDate: await now(), proposal: 'change-type', guidanceType: 'budget-management', durationMonths: 36, report: 'Leefgeld te laag.' });
    await decide('revised', { guidanceType: 'budget-management' });
    await handle.executeUpdate(budgetPlanChangedUpdate, { args: [{ changedBy: 'u-1', plan: plan(2, await now(), 14_000) }] });
    await liveUntilNextYear(ctx, 12, 'yearly-review');
    await decide('confirmed');
    await env.sleep('20 days');
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
    fakeOptions: {
      'trajectory-year': { creditors: INVENTORY, budgetIncomingCents: () => incomingCents },
      'yearly-review': { creditors: INVENTORY, budgetIncomingCents: () => 100_000_000 },
    },
  });
  replayStoredHistories(DIR);
});

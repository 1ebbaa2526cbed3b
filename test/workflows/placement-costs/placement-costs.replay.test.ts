import * as path from 'node:path';
import { planOgm } from '../../../libs/payments/ogm';
import { addPeriods } from '../../../libs/payments/schedule';
import { completeTaskUpdate } from '../../../workflows/shared/dossier.messages';
import { eventually } from '../../support/temporal';
import { placementCostsApplication } from '../../../workflows/placement-costs/placement-costs.workflow';
import { aDossierInput, outcomes, todayInBrussels } from '../../support/factories';
import { RecorderContext, recordScenarios, replayStoredHistories } from '../../support/histories';

/**
 * Running placement costs dossiers survive code changes: every stored history (test/workflows/placement-costs/histories/)
 * replays on the current code, each run of the dossier (the application, then its running years). `RECORD_HISTORY=v2
 * [RECORD_ONLY=name,…] npx jest placement-costs.replay` records the current version.
 */
const DIR = path.join(__dirname, 'histories');
const DEBTORS = ['5d0b8f7e-1a2b-4c3d-9e8f-0a1b2c3d4e5f', '6e1c9a8f-2b3c-4d4e-8f9a-1b2c3d4e5f60'] as const;

const inquiry = (today: string, over: Record<string, unknown> = {}) => ({
  careHomePartyId: '8c1e2f3a-4b5c-4d6e-8f90-a1b2c3d4e5f6', admittedOn: today, monthlyIncomeCents: 160_000, expectedInvoiceCents: 210_000,
  savingsCents: 100_000, couple: false, property: false, maintenanceDebtors: 'waived', ...over,
});

const SCENARIOS: Record<string, (ctx: RecorderContext) => Promise<void | 'terminate'>> = {
  // v1: granted; three months' invoices settled and the same month again not; the yearly review (savings above the
  // ceiling) continuing as the second year's run; an invoice there; the resident moves; the closure; ended.
  running: async ({ complete, decide, today, env, event }) => {
    await complete('competence-check', outcomes.competent);
    await complete('placement-inquiry', inquiry(today));
    const decided = await decide('granted', { amountCents: 61_144 });
    await complete('decision-notification', outcomes.notification(decided));
    const month = today.slice(0, 7);
    const invoice = async (m: string, amountCents: number, invoiceReference: string) => {
      await env.sleep('1 day');
      await event('care-home-invoice', todayInBrussels(await env.currentTimeMs()), { month: m, amountCents, invoiceReference });
    };
    await invoice(month, 210_000, 'F-1');
    await invoice(addPeriods(month, 1), 215_000, 'F-2');
    await invoice(addPeriods(month, 2), 210_000, 'F-3');
    await invoice(addPeriods(month, 1), 5_000, 'F-2B');
    await env.sleep('340 days');
    await complete('placement-review', { monthlyIncomeCents: 165_000, savingsCents: 400_000, note: 'Pensioen geïndexeerd.' });
    await invoice(addPeriods(month, 11), 210_000, 'F-12');
    await env.sleep('40 days');
    const lastDay = todayInBrussels(await env.currentTimeMs());
    await event('placement-ended', lastDay, { reason: 'moved', lastDay });
    await invoice(lastDay.slice(0, 7), 190_000, 'F-13');
    await complete('placement-closure', { recovery: 'none', note: 'Verhuisd.' });
    await env.sleep('10 days');
  },
  // v1: an income below the pocket money (made up to the resident), property; death, a recovery on the estate.
  deceased: async ({ complete, decide, today, env, event }) => {
    await complete('competence-check', outcomes.competent);
    await complete('placement-inquiry', inquiry(today, { monthlyIncomeCents: 5_000, property: true, maintenanceDebtors: 'examine' }));
    const decided = await decide('granted', { amountCents: 210_000 });
    await complete('decision-notification', outcomes.notification(decided));
    await env.sleep('1 day');
    await event('care-home-invoice', todayInBrussels(await env.currentTimeMs()), { month: today.slice(0, 7), amountCents: 200_000, invoiceReference: 'WZC-77' });
    await env.sleep('1 day');
    const lastDay = todayInBrussels(await env.currentTimeMs());
    await event('placement-ended', lastDay, { reason: 'deceased', lastDay });
    await complete('placement-closure', { recovery: 'estate', note: 'Onroerend goed in de nalatenschap.' });
    await env.sleep('120 days');
  },
  // v2: two maintenance debtors (art. 98 §2): the requests, the second reminded, the first's contribution by the scale
  // decided and paid once, reminded the month after; the second waived; the review year's run goes on with them; ended.
  debtors: async ({ complete, decide, today, env, event, fake, handle }) => {
    await complete('competence-check', outcomes.competent);
    await complete('placement-inquiry', inquiry(today, { maintenanceDebtors: 'examine' }));
    const decided = await decide('granted', { amountCents: 61_144 });
    await complete('decision-notification', outcomes.notification(decided));
    await complete('maintenance-debtors', { note: 'Zoon en dochter.' });
    const assess = async (partyId: string, outcome: Record<string, unknown>) => {
      const task = await eventually(() => fake.openTasks().find((t) => t.kind === 'maintenance-debtor-assessment' && t.aboutPartyId === partyId));
      await handle.executeUpdate(completeTaskUpdate, { args: [{ taskId: task.taskId, userId: 'u-1', userRole: 'social-worker', outcome }] });
    };
    await assess(DEBTORS[0], { answer: 'assessed', incomeYear: 2025, netTaxableIncomeCents: 4_000_000, dependants: 1, note: 'Aanslagbiljet.' });
    await decide('granted', { amountCents: 10_000 });
    await env.sleep('32 days');
    await assess(DEBTORS[1], { answer: 'waive', note: 'Billijkheid.' });
    await decide('refused');
    await env.sleep('1 day');
    const now = todayInBrussels(await env.currentTimeMs());
    await event('maintenance-contribution-paid', now, { amountCents: 10_000, communication: planOgm('PK-2026-000001', 1) });
    await env.sleep('70 days');
    await env.sleep('250 days');
    await complete('placement-review', { monthlyIncomeCents: 160_000, savingsCents: 100_000, note: 'Ongewijzigd.' });
    await env.sleep('40 days');
    const lastDay = todayInBrussels(await env.currentTimeMs());
    await event('placement-ended', lastDay, { reason: 'deceased', lastDay });
    await complete('placement-closure', { recovery: 'none', note: 'Overleden.' });
    await env.sleep('10 days');
  },
};

describe('placementCostsApplication replay of stored histories', () => {
  recordScenarios({
    dir: DIR, prefix: 'placement-costs', next: 'running', workflow: placementCostsApplication, scenarios: SCENARIOS,
    fakeOptions: { debtors: { maintenanceDebtors: [...DEBTORS] } },
    input: (requestDate) => aDossierInput({ procedure: 'placement-costs', reference: 'PK-2026-000001', requestDate }),
  });
  replayStoredHistories(DIR);
});

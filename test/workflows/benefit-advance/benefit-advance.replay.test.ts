import * as path from 'node:path';
import { addDays } from '../../../libs/deadlines/calendar-date';
import { benefitAdvanceApplication } from '../../../workflows/benefit-advance/benefit-advance.workflow';
import { aDossierInput, outcomes, todayInBrussels } from '../../support/factories';
import { RecorderContext, recordScenarios, replayStoredHistories } from '../../support/histories';

/**
 * Running advance dossiers survive code changes: every stored history (test/workflows/benefit-advance/histories/)
 * replays on the current code. `RECORD_HISTORY=v2 [RECORD_ONLY=name,…] npx jest benefit-advance.replay` records the
 * current version.
 */
const DIR = path.join(__dirname, 'histories');

const PAYING_BODY = '7d1e2f3a-4b5c-4d6e-8f90-a1b2c3d4e5f6';
const inquiry = (today: string, benefit: string) => ({
  benefit, benefitAppliedOn: addDays(today, -5), applicationPending: true, payingBodyPartyId: PAYING_BODY,
  expectedMonthlyBenefitCents: 140_000, monthlyAdvanceCents: 120_000, advanceFrom: today,
});

const SCENARIOS: Record<string, (ctx: RecorderContext) => Promise<void | 'terminate'>> = {
  // v1: an advance on an unemployment benefit granted, C-UNIPROC sent, two months of advances, the arrears paid with a
  // surplus for the client, the file closed and ended after the appeal window.
  settled: async ({ complete, decide, today, env, event, fake }) => {
    await complete('competence-check', outcomes.competent);
    await complete('advance-inquiry', inquiry(today, 'unemployment'));
    const decided = await decide('granted', { amountCents: 120_000 });
    await complete('decision-notification', outcomes.notification(decided));
    await env.sleep('40 days');
    const advanced = fake.of('orderPayment').reduce((s, p) => s + p.amountCents, 0);
    await event('benefit-arrears-paid', todayInBrussels(await env.currentTimeMs()), { periodFrom: today, periodTo: addDays(today, 40), amountCents: advanced + 30_000, benefitRunning: true });
    await complete('advance-settlement', { action: 'close', note: 'Uitkering loopt.' });
    await env.sleep('100 days');
  },
  // v1: an advance on a sickness benefit, refused by the sickness fund, turned into a leefloon request.
  converted: async ({ complete, decide, today, env, event }) => {
    await complete('competence-check', outcomes.competent);
    await complete('advance-inquiry', inquiry(today, 'sickness'));
    const decided = await decide('granted', { amountCents: 120_000 });
    await complete('decision-notification', outcomes.notification(decided));
    await env.sleep('10 days');
    await event('benefit-refused', todayInBrussels(await env.currentTimeMs()), { reasons: 'Wachttijd niet vervuld.' });
    await complete('advance-settlement', { action: 'convert-leefloon', note: 'Leefloon aanvragen.' });
    await env.sleep('100 days');
  },
};

describe('benefitAdvanceApplication replay of stored histories', () => {
  recordScenarios({
    dir: DIR, prefix: 'benefit-advance', next: 'none', workflow: benefitAdvanceApplication, scenarios: SCENARIOS,
    input: (requestDate) => aDossierInput({ procedure: 'benefit-advance', reference: 'VU-2026-000001', requestDate }),
  });
  replayStoredHistories(DIR);
});

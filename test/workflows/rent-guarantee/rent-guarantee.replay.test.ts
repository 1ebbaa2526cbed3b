import * as path from 'node:path';
import { addDays } from '../../../libs/deadlines/calendar-date';
import { planOgm } from '../../../libs/payments/ogm';
import { rentGuaranteeApplication } from '../../../workflows/rent-guarantee/rent-guarantee.workflow';
import { aDossierInput, outcomes, todayInBrussels, VALID_IBANS } from '../../support/factories';
import { RecorderContext, recordScenarios, replayStoredHistories } from '../../support/histories';

/**
 * Running rent guarantee dossiers survive code changes: every stored history (test/workflows/rent-guarantee/histories/)
 * replays on the current code. `RECORD_HISTORY=v2 [RECORD_ONLY=name,…] npx jest rent-guarantee.replay` records the
 * current version.
 */
const DIR = path.join(__dirname, 'histories');

const REFERENCE = 'HW-2026-000001';
const inquiry = (today: string, over: Record<string, unknown> = {}) => ({
  leaseSignedOn: addDays(today, -3), monthlyRentCents: 75_000, guaranteeCents: 150_000, form: 'blocked-account',
  landlordPartyId: '5a1e2f3a-4b5c-4d6e-8f90-a1b2c3d4e5f6', bankPartyId: '6b1e2f3a-4b5c-4d6e-8f90-a1b2c3d4e5f6', blockedAccountIban: VALID_IBANS[1],
  rentAffordable: true, homeDeclaredUnfit: false, monthlyRepaymentCents: 50_000, firstRepaymentOn: addDays(today, 45), ...over,
});

const SCENARIOS: Record<string, (ctx: RecorderContext) => Promise<void | 'terminate'>> = {
  // v1: a deposit on a blocked account, the first instalment paid, two missed (reminders, the arrears task), a new
  // plan, the rest paid at once, the release by written agreement, ended after the appeal window.
  deposit: async ({ complete, decide, today, env, event }) => {
    await complete('competence-check', outcomes.competent);
    await complete('guarantee-inquiry', inquiry(today));
    const decided = await decide('granted', { amountCents: 150_000 });
    await complete('decision-notification', outcomes.notification(decided));
    await env.sleep('44 days');
    await event('guarantee-instalment-paid', todayInBrussels(await env.currentTimeMs()), { amountCents: 50_000, communication: planOgm(REFERENCE, 1) });
    await env.sleep('75 days');
    const now = todayInBrussels(await env.currentTimeMs());
    await complete('guarantee-arrears', { action: 'new-plan', monthlyRepaymentCents: 25_000, firstRepaymentOn: addDays(now, 5), note: 'Kleinere afbetalingen.' });
    await env.sleep('3 days');
    await event('guarantee-instalment-paid', todayInBrussels(await env.currentTimeMs()), { amountCents: 100_000, communication: planOgm(REFERENCE, 2) });
    await env.sleep('30 days');
    await event('guarantee-released', todayInBrussels(await env.currentTimeMs()), { basis: 'written-agreement', returnedToOcmwCents: 150_000 });
    await env.sleep('100 days');
  },
  // v1: the guarantee letter to the landlord, released by a judgment.
  letter: async ({ complete, decide, today, env, event }) => {
    await complete('competence-check', outcomes.competent);
    await complete('guarantee-inquiry', inquiry(today, { form: 'guarantee-letter', bankPartyId: undefined, blockedAccountIban: undefined, monthlyRepaymentCents: undefined, firstRepaymentOn: undefined }));
    const decided = await decide('granted', { amountCents: 150_000 });
    await complete('decision-notification', outcomes.notification(decided));
    await env.sleep('60 days');
    await event('guarantee-released', todayInBrussels(await env.currentTimeMs()), { basis: 'judgment', returnedToOcmwCents: 0 });
    await env.sleep('100 days');
  },
  // v2: a guarantee letter called at the release (the landlord paid up to the guarantee), repaid by a plan.
  called: async ({ complete, decide, today, env, event }) => {
    await complete('competence-check', outcomes.competent);
    await complete('guarantee-inquiry', inquiry(today, { form: 'guarantee-letter', bankPartyId: undefined, blockedAccountIban: undefined, monthlyRepaymentCents: undefined, firstRepaymentOn: undefined }));
    const decided = await decide('granted', { amountCents: 150_000 });
    await complete('decision-notification', outcomes.notification(decided));
    await env.sleep('60 days');
    await event('guarantee-released', todayInBrussels(await env.currentTimeMs()), { basis: 'written-agreement', returnedToOcmwCents: 0, landlordClaimCents: 90_000 });
    const now = todayInBrussels(await env.currentTimeMs());
    await complete('guarantee-recovery', { action: 'plan', monthlyRepaymentCents: 45_000, firstRepaymentOn: addDays(now, 10), note: 'Afgesproken.' });
    await env.sleep('25 days');
    await event('guarantee-instalment-paid', todayInBrussels(await env.currentTimeMs()), { amountCents: 90_000, communication: planOgm(REFERENCE, 1) });
    await env.sleep('100 days');
  },
};

describe('rentGuaranteeApplication replay of stored histories', () => {
  recordScenarios({
    dir: DIR, prefix: 'rent-guarantee', next: 'none', workflow: rentGuaranteeApplication, scenarios: SCENARIOS,
    input: (requestDate) => aDossierInput({ procedure: 'rent-guarantee', reference: REFERENCE, requestDate }),
  });
  replayStoredHistories(DIR);
});

import * as path from 'node:path';
import { addDays } from '../../../libs/deadlines/calendar-date';
import { heatingAllowanceApplication } from '../../../workflows/heating-allowance/heating-allowance.workflow';
import { aDossierInput, outcomes } from '../../support/factories';
import { RecorderContext, recordScenarios, replayStoredHistories } from '../../support/histories';

/**
 * Running heating allowance dossiers survive code changes: every stored history (test/workflows/heating-allowance/
 * histories/) replays on the current code. `RECORD_HISTORY=v2 [RECORD_ONLY=name,…] npx jest heating-allowance.replay`
 * records the current version.
 */
const DIR = path.join(__dirname, 'histories');

const bulk = { fuel: 'gas-oil-bulk', litres: 1000, pricePerLitreMilli: 1120, category: 2, householdIncomeCents: 2_000_000, dependants: 1 };

const SCENARIOS: Record<string, (ctx: RecorderContext) => Promise<void | 'terminate'>> = {
  // v1: a bulk delivery in category 2, granted by the BCSD, notified, ordered for payment, ended after the appeal window.
  granted: async ({ complete, decide, today, env }) => {
    await complete('competence-check', outcomes.competent);
    await complete('heating-inquiry', { ...bulk, deliveryDate: addDays(today, -10) });
    const decided = await decide('granted', { amountCents: 18_000 });
    await complete('decision-notification', outcomes.notification(decided));
    await env.sleep('100 days');
  },
  // v1: a request more than 60 days after the delivery (HF-1), refused with its letter.
  'late-refused': async ({ complete, decide, today, env }) => {
    await complete('competence-check', outcomes.competent);
    await complete('heating-inquiry', { ...bulk, deliveryDate: addDays(today, -75) });
    const decided = await decide('refused');
    await complete('decision-notification', outcomes.notification(decided));
    await env.sleep('100 days');
  },
};

describe('heatingAllowanceApplication replay of stored histories', () => {
  recordScenarios({
    dir: DIR, prefix: 'heating-allowance', next: 'none', workflow: heatingAllowanceApplication, scenarios: SCENARIOS,
    input: (requestDate) => aDossierInput({ procedure: 'heating-allowance', reference: 'VT-2026-000001', requestDate }),
  });
  replayStoredHistories(DIR);
});

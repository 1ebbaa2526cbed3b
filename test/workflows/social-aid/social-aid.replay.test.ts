import * as path from 'node:path';
import { socialAidApplication } from '../../../workflows/social-aid/social-aid.workflow';
import { aDossierInput, outcomes, todayInBrussels } from '../../support/factories';
import { RecorderContext, recordScenarios, replayStoredHistories } from '../../support/histories';

/**
 * Running social aid dossiers survive code changes: every stored history (test/workflows/social-aid/histories/) replays
 * on the current code. `RECORD_HISTORY=v2 [RECORD_ONLY=name,…] npx jest social-aid.replay` records the current version.
 */
const DIR = path.join(__dirname, 'histories');


const inquiry = (homeVisitDate: string, overrides: Record<string, unknown> = {}) => ({
  homeVisitDate, residenceStatus: 'foreigners-register', rijksregisterCode: 'none', stateReimbursed: true, householdType: 'single',
  monthlyResourcesCents: 0, hearingRequested: false, ...overrides,
});
const oneOff = { aidForm: 'one-off', amountCents: 45_000, aidDescription: 'Achterstallige energiefactuur.' };

/** An equivalent leefloon granted, then ended 40 days on after a final negative asylum decision, its stop letter notified. */
async function endedAfterAsylumDecision({ complete, decide, event, today, env }: RecorderContext, stateReimbursed: boolean): Promise<void> {
  await complete('competence-check', outcomes.competent);
  await complete('aid-inquiry', inquiry(today, { residenceStatus: 'international-protection', rijksregisterCode: '206', stateReimbursed }));
  await complete('aid-report', { proposal: 'grant', aidForm: 'equivalent-leefloon', category: 2, monthlyAmountCents: 131_420, startDate: today, motivation: 'Procedure lopend.' });
  const decided = await decide('granted', { aidForm: 'equivalent-leefloon', category: 2, monthlyAmountCents: 131_420, startDate: today });
  await complete('decision-notification', outcomes.notification(decided));
  await env.sleep('40 days');
  const now = todayInBrussels(await env.currentTimeMs());
  await event('asylum-final-negative', now, { notifiedOn: now, authority: 'cgvs' });
  await complete('decision-notification', outcomes.notification(now));
}

const SCENARIOS: Record<string, (ctx: RecorderContext) => Promise<void | 'terminate'>> = {
  // An equivalent leefloon through the council into the running benefit: arrears, a month of payments, the SA-8 clock.
  'equivalent-leefloon': async ({ complete, decide, today, env }) => {
    await complete('competence-check', outcomes.competent);
    await complete('aid-inquiry', { ...inquiry(today), hearingRequested: true, missingDocuments: 'Huurcontract' });
    await env.sleep('15 days'); // the documents come late: one reminder
    await complete('documents-received', { receivedOn: todayInBrussels(await env.currentTimeMs()), complete: true });
    await complete('aid-report', { proposal: 'grant', aidForm: 'equivalent-leefloon', category: 2, monthlyAmountCents: 131_420, startDate: today, motivation: 'Geen recht op leefloon.' });
    const decided = await decide('granted', { aidForm: 'equivalent-leefloon', category: 2, monthlyAmountCents: 131_420, startDate: today });
    await complete('decision-notification', outcomes.notification(decided));
    await env.sleep('40 days');
  },
  'one-off': async ({ complete, decide, today, env }) => {
    await complete('competence-check', outcomes.competent);
    await complete('aid-inquiry', inquiry(today, { rijksregisterCode: '206', stateReimbursed: false }));
    await complete('aid-report', { proposal: 'grant', ...oneOff, motivation: 'Dringende nood.' });
    const decided = await decide('granted', oneOff);
    await complete('decision-notification', { mode: 'against-receipt', date: decided });
    await env.sleep('100 days'); // the appeal window runs out: the dossier ends
  },
  'in-kind': async ({ complete, decide, today }) => {
    await complete('competence-check', outcomes.competent);
    await complete('aid-inquiry', inquiry(today));
    await complete('aid-report', { proposal: 'grant', aidForm: 'in-kind', aidDescription: 'Voedselpakketten.', motivation: 'Nood.' });
    const decided = await decide('granted', { aidForm: 'in-kind', aidDescription: 'Voedselpakketten.' });
    await complete('decision-notification', outcomes.notification(decided));
  },
  'refused-code-207': async ({ complete, decide, today, env }) => {
    await complete('competence-check', outcomes.competent);
    await complete('aid-inquiry', inquiry(today, { residenceStatus: 'international-protection', rijksregisterCode: '207', stateReimbursed: false }));
    await complete('aid-report', { proposal: 'refuse', motivation: 'Code 207: opvang door de opvangstructuur.' });
    const decided = await decide('refused');
    await complete('decision-notification', outcomes.notification(decided));
    await env.sleep('100 days');
  },
  'late-decision': async ({ complete, decide, today, env }) => {
    await complete('competence-check', outcomes.competent);
    await env.sleep('32 days'); // SA-3 lapses: breach, and the no-decision appeal window opens
    await complete('aid-inquiry', inquiry(today));
    await complete('aid-report', { proposal: 'refuse', motivation: 'Voldoende bestaansmiddelen.' });
    await decide('postponed');
    const decided = await decide('refused');
    await complete('decision-notification', outcomes.notification(decided));
  },
  // v2 (recorded with the Wet 1965 forms and the end of aid after a final negative asylum decision):
  'state-reimbursed-stop': async ({ complete, decide, sent, today, env }) => {
    await complete('competence-check', outcomes.competent);
    await complete('aid-inquiry', inquiry(today));
    await complete('aid-report', { proposal: 'grant', aidForm: 'equivalent-leefloon', category: 2, monthlyAmountCents: 131_420, startDate: today, motivation: 'Geen recht op leefloon.' });
    const decided = await decide('granted', { aidForm: 'equivalent-leefloon', category: 2, monthlyAmountCents: 131_420, startDate: today });
    await complete('decision-notification', outcomes.notification(decided));
    await sent(`pm-wet1965-A-${today}`);
    await sent(`pm-wet1965-B1-${decided}`);
    await env.sleep('300 days');
    const reviewDay = todayInBrussels(await env.currentTimeMs());
    await complete('yearly-review', { homeVisitDate: reviewDay, proposal: 'stop', category: 2, monthlyResourcesCents: 200_000, endDate: reviewDay, motivation: 'Werk gevonden.' });
    const stopped = await decide('stopped');
    await complete('decision-notification', outcomes.notification(stopped));
    await env.sleep('3 days');
  },
  'asylum-end': (ctx) => endedAfterAsylumDecision(ctx, false),
  // v3 (the social-aid-wet1965-claims patch, issue 14): the state's reimbursement claimed while the aid runs — D1 from
  // the payments, B2 for medical aid, D2 from an invoice — each form followed until POD MI acknowledges it.
  'wet1965-claims': async ({ complete, decide, sent, event, today, env }) => {
    await complete('competence-check', outcomes.competent);
    await complete('aid-inquiry', inquiry(today));
    await complete('aid-report', { proposal: 'grant', aidForm: 'equivalent-leefloon', category: 2, monthlyAmountCents: 131_420, startDate: today, motivation: 'Geen recht op leefloon.' });
    const decided = await decide('granted', { aidForm: 'equivalent-leefloon', category: 2, monthlyAmountCents: 131_420, startDate: today });
    await complete('decision-notification', outcomes.notification(decided));
    await sent(`pm-wet1965-A-${today}`);
    await env.sleep('40 days');
    const now = async () => todayInBrussels(await env.currentTimeMs());
    await event('wet1965-claim', await now(), { form: 'D1', periodFrom: today, periodTo: await now() });
    await env.sleep('1 day');
    await event('wet1965-medical-aid', await now(), { decisionDate: await now(), kind: 'urgent-medical-aid', startDate: await now() });
    await env.sleep('1 day');
    const day = await now();
    await event('wet1965-claim', day, { form: 'D2', periodFrom: today, periodTo: day, description: 'Factuur ziekenhuis', amountCents: 12_000, paidOn: day });
    await env.sleep('5 days');
    return 'terminate';
  },
  // v4 (the wet1965-claims-after-end patch, issue 14): state-reimbursed aid given once, its D1 claimed after the payment
  // within SA-10, every form acknowledged, then closed once the window ran out.
  'last-claims': async ({ complete, decide, sent, event, today, env }) => {
    await complete('competence-check', outcomes.competent);
    await complete('aid-inquiry', inquiry(today));
    await complete('aid-report', { proposal: 'grant', aidForm: 'one-off', amountCents: 45_000, aidDescription: 'Energiefactuur.', motivation: 'Dringende nood.' });
    const decided = await decide('granted', { aidForm: 'one-off', amountCents: 45_000, aidDescription: 'Energiefactuur.' });
    await complete('decision-notification', outcomes.notification(decided));
    await env.sleep('10 days');
    const claimedOn = todayInBrussels(await env.currentTimeMs());
    await event('wet1965-claim', claimedOn, { form: 'D1', periodFrom: decided, periodTo: claimedOn });
    await sent(`pm-wet1965-A-${decided}`);
    await sent(`pm-wet1965-B1-${decided}`);
    await sent(`pm-wet1965-D1-${decided}:${claimedOn}`);
    await env.sleep('370 days');
  },
  // v4: state-reimbursed equivalent leefloon ended after a final negative asylum decision, a D1 for its last months
  // after the stop; the history ends while the last claims may still come.
  'last-claims-stop': async (ctx) => {
    const { event, today, env } = ctx;
    await endedAfterAsylumDecision(ctx, true);
    await env.sleep('40 days');
    const claimedOn = todayInBrussels(await env.currentTimeMs());
    await event('wet1965-claim', claimedOn, { form: 'D1', periodFrom: today, periodTo: claimedOn });
    await env.sleep('5 days');
    return 'terminate';
  },
  forwarded: async ({ complete, today }) => {
    await complete('competence-check', outcomes.notCompetent);
    await complete('forward-request', { forwardedTo: 'OCMW Gent', forwardDate: today, reasons: 'Verblijft in Gent' });
    await complete('forwarding-letter', { sentDate: today, mode: 'letter' });
  },
};

describe('socialAidApplication replay of stored histories', () => {
  recordScenarios({
    dir: DIR, prefix: 'social-aid', next: 'benefit', workflow: socialAidApplication, scenarios: SCENARIOS,
    input: (requestDate) => aDossierInput({ procedure: 'social-aid', reference: 'MD-2026-000001', requestDate }),
  });
  replayStoredHistories(DIR);
});

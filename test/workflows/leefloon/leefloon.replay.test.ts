import * as path from 'node:path';
import { leefloonApplication } from '../../../workflows/leefloon/leefloon.workflow';
import { addDays } from '../../../libs/deadlines/calendar-date';
import { aDossierInput, outcomes, todayInBrussels } from '../../support/factories';
import { RecorderContext, recordScenarios, replayStoredHistories } from '../../support/histories';

/**
 * Running dossiers survive code changes: every stored history of an earlier workflow version must replay on the
 * current code without non-determinism. A change that breaks this needs `patched()` or a new workflow type.
 * `RECORD_HISTORY=v5 [RECORD_ONLY=name,…] npx jest leefloon.replay` (stored as JSON of the History proto) stores new histories of the current version next to the old ones.
 */
const DIR = path.join(__dirname, 'histories');


type Scenario = (ctx: RecorderContext) => Promise<void | 'terminate'>;

const grant = { category: 2, monthlyAmountCents: 131_420 };

/** Registered late: the earliest open session falls after the decision term, and the chair grants urgently. */
async function urgentGrant({ complete, urgent, today, env }: Parameters<Scenario>[0]): Promise<string> {
  await complete('competence-check', outcomes.competent);
  await env.sleep('26 days');
  await complete('social-inquiry', outcomes.inquiry(today));
  await complete('social-report', outcomes.report(today));
  const decided = await urgent('granted', { ...grant, startDate: today });
  await complete('decision-notification', outcomes.notification(decided));
  return decided;
}

/**
 * Granted through the council, form B sent and acknowledged, then `runFor` on (300 days: the yearly review is near;
 * 30 days: the benefit scenarios start there).
 */
async function grantedForAYear({ complete, decide, sent, today, env }: Parameters<Scenario>[0], runFor: '300 days' | '30 days' = '300 days'): Promise<void> {
  await complete('competence-check', outcomes.competent);
  await complete('social-inquiry', outcomes.inquiry(today));
  await complete('social-report', outcomes.report(today));
  const decided = await decide('granted', { ...grant, startDate: today });
  await complete('decision-notification', outcomes.notification(decided));
  await complete('gpmi-signature', { signedOn: decided, type: 'training', goals: 'Opleiding' });
  await sent('pm-B');
  await env.sleep(runFor);
}

const SCENARIOS: Record<string, Scenario> = {
  // Through the council, the decision letter and form B, into the running benefit (a month of payments).
  granted: async ({ complete, decide, sent, today, env }) => {
    await complete('competence-check', outcomes.competent);
    await complete('social-inquiry', { ...outcomes.inquiry(today), hearingRequested: true, missingDocuments: 'Huurcontract' });
    await env.sleep('15 days'); // the documents come late: one reminder
    await complete('documents-received', { receivedOn: todayInBrussels(await env.currentTimeMs()), complete: true });
    await complete('social-report', outcomes.report(today));
    const decided = await decide('granted', { ...grant, startDate: today });
    await complete('decision-notification', outcomes.notification(decided));
    await complete('gpmi-signature', { signedOn: decided, type: 'training', goals: 'Opleiding' });
    await sent('pm-B');
    await env.sleep('40 days');
  },
  'late-decision': async ({ complete, decide, today, env }) => {
    await complete('competence-check', outcomes.competent);
    await env.sleep('32 days'); // the decision term lapses: breach, and the client's no-decision appeal window opens
    await complete('social-inquiry', outcomes.inquiry(today));
    await complete('social-report', outcomes.report(today));
    const decided = await decide('postponed');
    const again = await decide('granted', { ...grant, startDate: today });
    await complete('decision-notification', outcomes.notification(again));
    void decided;
  },
  refused: async ({ complete, decide, sent, today, env }) => {
    await complete('competence-check', outcomes.competent);
    await complete('social-inquiry', outcomes.inquiry(today));
    await complete('social-report', { ...outcomes.report(today), proposal: 'refuse' });
    const decided = await decide('refused');
    await complete('decision-notification', { mode: 'against-receipt', date: decided });
    await env.sleep('3 days');
    await sent('pm-C');
  },
  // v4 (recorded from the code landed on 1 December 2026, before the runtime kept keys across continue-as-new):
  // the benefit's second year; urgent decisions with their ratification; applications stopped at a stage.
  'benefit-year-2': async (ctx) => {
    const { complete, decide, sent, env } = ctx;
    await grantedForAYear(ctx);
    const reviewDay = todayInBrussels(await env.currentTimeMs());
    await complete('yearly-review', { homeVisitDate: reviewDay, proposal: 'continue', category: 2, monthlyResourcesCents: 0, motivation: 'Geen wijzigingen.' });
    await env.sleep('45 days');
    return 'terminate';
  },
  'urgent-ratified': async (ctx) => {
    const { complete, decide, sent, env } = ctx;
    await urgentGrant(ctx);
    await decide('ratified');
    await complete('gpmi-signature', { signedOn: todayInBrussels(await env.currentTimeMs()), type: 'training', goals: 'Opleiding' });
    await sent('pm-B');
    await env.sleep('10 days');
    return 'terminate';
  },
  'urgent-overruled': async (ctx) => {
    const { decide, env } = ctx;
    await urgentGrant(ctx);
    await decide('overruled');
    await env.sleep('5 days');
    return 'terminate';
  },
  'stage-inquiry': async ({ complete, env }) => {
    await complete('competence-check', outcomes.competent);
    await env.sleep('3 days');
    return 'terminate';
  },
  'stage-on-agenda': async ({ complete, today, env }) => {
    await complete('competence-check', outcomes.competent);
    await complete('social-inquiry', { ...outcomes.inquiry(today), hearingRequested: true });
    await complete('social-report', outcomes.report(today));
    await env.sleep('2 days');
    return 'terminate';
  },
  // v5 (recorded from the runtime that lives for years): a revision and a stop through their own BCSD items, and an
  // urgent grant that pays at once and is ratified in the benefit.
  revision: async (ctx) => {
    const { complete, decide, env } = ctx;
    await grantedForAYear(ctx);
    await complete('yearly-review', { homeVisitDate: todayInBrussels(await env.currentTimeMs()), proposal: 'revise', category: 1, monthlyResourcesCents: 10_000, motivation: 'Woont nu samen.' });
    const revised = await decide('revised', { category: 1 });
    await complete('decision-notification', outcomes.notification(revised));
    await env.sleep('40 days');
    return 'terminate';
  },
  stop: async (ctx) => {
    const { complete, decide, sent, env } = ctx;
    await grantedForAYear(ctx);
    const reviewDay = todayInBrussels(await env.currentTimeMs());
    await complete('yearly-review', { homeVisitDate: reviewDay, proposal: 'stop', category: 2, monthlyResourcesCents: 250_000, endDate: addDays(reviewDay, 20), motivation: 'Werk gevonden.' });
    const stopped = await decide('stopped');
    await complete('decision-notification', outcomes.notification(stopped));
    await env.sleep('3 days');
    await sent('pm-C');
  },
  'urgent-at-once': async (ctx) => {
    const { complete, decide, sent, env } = ctx;
    const decided = await urgentGrant(ctx);
    await complete('gpmi-signature', { signedOn: decided, type: 'training', goals: 'Opleiding' });
    await decide('ratified');
    await sent('pm-B');
    await env.sleep('10 days');
    return 'terminate';
  },
  // v6 (the referral-follow-up patch): referrals reach the dossier through the outbox; one is followed up twice during
  // the inquiry, one closed before its date, one carried into the benefit (continue-as-new) and followed up there.
  'referral-follow-up': async ({ complete, decide, refer, closeReferral, today, env }) => {
    await complete('competence-check', outcomes.competent);
    await refer('ref-a', addDays(today, 3));
    await refer('ref-b', addDays(today, 10));
    await refer('ref-c', addDays(today, 40));
    await env.sleep('3 days');
    await complete('referral-follow-up', { result: 'niet-bereikt', note: 'Niet bereikt.', nextFollowUpOn: addDays(today, 5) });
    await closeReferral('ref-b');
    await env.sleep('2 days');
    await complete('referral-follow-up', { result: 'afgesloten', note: 'Begeleiding loopt.' });
    await complete('social-inquiry', outcomes.inquiry(today));
    await complete('social-report', outcomes.report(today));
    const decided = await decide('granted', { ...grant, startDate: today });
    await complete('decision-notification', outcomes.notification(decided));
    await env.sleep('40 days');
    await complete('referral-follow-up', { result: 'contact-opgenomen', note: 'Het CGG volgt op.' });
    await env.sleep('2 days');
    return 'terminate';
  },
  // v7 (the competence-explained patch, issue 14): the competence check with its facts (Wet 1965): first a yes against
  // the facts, refused; then the institution's OCMW named, the explanation on the timeline, and the forwarding.
  'competence-facts': async ({ complete, today }) => {
    const facts = { situation: 'institution', institutionKind: 'care-home', registeredOnAdmission: '24062', usualResidence: '44021' };
    const refused = await complete('competence-check', { ...outcomes.competent, ...facts }).then(() => false, () => true);
    if (!refused) throw new Error('a yes against the facts was accepted');
    await complete('competence-check', { competent: false, rule: 'institution', competentOcmw: 'OCMW Leuven', reasons: 'Opgenomen, ingeschreven te Leuven.', ...facts });
    await complete('forward-request', { forwardedTo: 'OCMW Leuven', forwardDate: today, reasons: 'Opgenomen, ingeschreven te Leuven.' });
    await complete('forwarding-letter', { sentDate: today, mode: 'letter' });
  },
  // v8 (the competence-conflict patch, issue 14): a request another OCMW forwarded, declined here: the conflict to POD
  // MI (CO-2), its designation late (CO-3 breached), then designated here: the inquiry goes on.
  'competence-conflict': async ({ complete, event, today, env }) => {
    await complete('competence-check', { competent: false, rule: 'usual-residence', competentOcmw: 'OCMW Antwerpen', reasons: 'Woont in Antwerpen.', situation: 'usual-residence', usualResidence: '11002' });
    await complete('submit-competence-conflict', { submittedOn: today, podMiReference: 'BC-1', reasons: 'Woont in Antwerpen.' });
    await env.sleep('9 days');
    await event('competence-designation', todayInBrussels(await env.currentTimeMs()), { designated: 'this-ocmw' });
    await complete('social-inquiry', outcomes.inquiry(today));
    await env.sleep('1 day');
    return 'terminate';
  },
  // v9 (the competence-facts-required patch): a bare yes/no refused for a new dossier, then the facts and the inquiry.
  'facts-required': async ({ complete, today, env }) => {
    const refused = await complete('competence-check', { competent: true, rule: 'usual-residence' }).then(() => false, () => true);
    if (!refused) throw new Error('a new dossier accepted the competence check without its facts');
    await complete('competence-check', outcomes.competent);
    await complete('social-inquiry', outcomes.inquiry(today));
    await env.sleep('2 days');
    return 'terminate';
  },
  // v10 (the competence-change-co4 patch): in the running benefit, a move (CO-4): the new OCMW and the client informed,
  // no stop proposed (this OCMW stays competent), the payments go on.
  'competence-change': async (ctx) => {
    const { complete, event, env } = ctx;
    await grantedForAYear(ctx, '30 days');
    const moved = todayInBrussels(await env.currentTimeMs());
    await event('competence-changed', moved, { since: moved, newOcmw: '11002', reasons: 'Verhuisd naar Antwerpen.' });
    await complete('forward-request', { forwardedTo: 'OCMW Antwerpen', forwardDate: moved, reasons: 'Verhuisd.' });
    await complete('forwarding-letter', { sentDate: moved, mode: 'letter' });
    await complete('competence-change-stop', { proposeStop: false, motivation: 'Tijdelijk verblijf: dit OCMW blijft bevoegd.' });
    await env.sleep('35 days');
    return 'terminate';
  },
  // v11 (the competence-final-answer patch): in the running benefit, POD MI's final answer on the conflict: first one
  // naming this OCMW (confirmed), then one naming Antwerpen (CO-4 from that day), no stop proposed.
  'final-answer': async (ctx) => {
    const { complete, event, env } = ctx;
    await grantedForAYear(ctx, '30 days');
    const answered = todayInBrussels(await env.currentTimeMs());
    await event('competence-conflict-decided', answered, { competentOcmw: '44021', podMiReference: 'CC/1' });
    await env.sleep('2 days');
    await event('competence-conflict-decided', addDays(answered, 2), { competentOcmw: '11002', podMiReference: 'CC/2' });
    await complete('forward-request', { forwardedTo: 'OCMW Antwerpen', forwardDate: addDays(answered, 2), reasons: 'Eindbeslissing POD MI.' });
    await complete('forwarding-letter', { sentDate: addDays(answered, 2), mode: 'letter' });
    await complete('competence-change-stop', { proposeStop: false, motivation: 'Beroep tegen de eindbeslissing loopt.' });
    await env.sleep('35 days');
    return 'terminate';
  },
  // v12 (the forwarding-chair-ratified patch): the chair found this OCMW not competent in urgency; forwarded, then the
  // next BCSD ratifies it and the dossier ends.
  'forwarded-in-urgency': async ({ complete, decide, today }) => {
    await complete('competence-check', outcomes.notCompetent);
    await complete('forward-request', { forwardedTo: 'OCMW Antwerpen', forwardDate: today, reasons: 'Verblijft in Antwerpen', decidedBy: 'chair-urgent' });
    await complete('forwarding-letter', { sentDate: today, mode: 'letter' });
    await decide('ratified');
  },
  // v13 (the forwarding-letters patch): the competent OCMW picked from the directory, both CO-1 letters made up.
  'forwarding-letters': async ({ complete, today }) => {
    await complete('competence-check', outcomes.notCompetent);
    await complete('forward-request', { forwardedTo: 'OCMW Antwerpen', forwardedToOcmw: '11002', forwardDate: today, reasons: 'Verblijft in Antwerpen' });
    await complete('forwarding-letter', { sentDate: today, mode: 'letter' });
  },
  forwarded: async ({ complete, today }) => {
    await complete('competence-check', outcomes.notCompetent);
    await complete('forward-request', { forwardedTo: 'OCMW Gent', forwardDate: today, reasons: 'Verblijft in Gent' });
    await complete('forwarding-letter', { sentDate: today, mode: 'letter' });
  },
};

describe('leefloonApplication replay of stored histories', () => {
  recordScenarios({
    dir: DIR, prefix: 'leefloon', next: 'benefit', workflow: leefloonApplication, scenarios: SCENARIOS,
    input: (requestDate) => aDossierInput({ requestDate }),
    terminateRunning: (type) => type === 'leefloonBenefit',
    fakeOptions: { 'competence-conflict': { openedBy: { type: 'request-forwarded-by-ocmw', occurredOn: '2026-01-01', forwardingOcmw: 'OCMW Aalst' } } },
  });
  replayStoredHistories(DIR);
});

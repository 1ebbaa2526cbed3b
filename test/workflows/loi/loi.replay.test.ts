import * as path from 'node:path';
import { addDays } from '../../../libs/deadlines/calendar-date';
import { loiResidency } from '../../../workflows/loi/loi.workflow';
import { aDossierInput, todayInBrussels } from '../../support/factories';
import { RecorderContext, recordScenarios, replayStoredHistories } from '../../support/histories';
import { partnerMessageExportedUpdate } from '../../../workflows/shared/dossier.messages';

/**
 * Running LOI dossiers survive code changes: every stored history (test/workflows/loi/histories/) replays on the current
 * code. `RECORD_HISTORY=v1 [RECORD_ONLY=name,…] npx jest loi.replay` records the current version. v1 was recorded from
 * the first slice's commit (c3cb56d): an assignment, the arrival and its Match-IT declaration, evaluations and weekly leefgeld,
 * then a recognition (the leefloon opened) or a final refusal (the end of the aid), and the departure. v2 (costs-sanctions, recorded from b8254d2)
 * adds a cost paid to its supplier, a sanction withholding leefgeld and an order measure with their letters; v3
 * (recognised-household, recorded from 2c7abfa) a couple recognised: the applicant's and the partner's own leefloon; v4
 * (recognised-rent-guarantee) a recognition that also opens the linked rent guarantee request (patch loi-rent-guarantee).
 */
const DIR = path.join(__dirname, 'histories');
const PLACE = '6b7c8d9e-0f1a-4b2c-8d3e-4f5a6b7c8d9e';

const intake = (day: string) => ({ arrivalDate: day, placeId: PLACE, houseRulesHandedOver: true, brochureHandedOver: true, waitingRegisterOn: day, selfCatering: true, leefgeldMethod: 'cash' });
const evaluation = (day: string) => ({ evaluatedOn: day, needs: 'Gezin stabiel.', vulnerable: false, transferRequested: true, transferReason: 'Aangepaste plaats nodig.' });

async function arrive({ complete, env, event, fake, handle, today }: RecorderContext) {
  const now = async () => todayInBrussels(await env.currentTimeMs());
  await event('fedasil-assignment', today, { fedasilReference: 'FED-2026-0042', code207: true, asylumAppliedOn: addDays(today, -30), householdSize: 2 });
  await complete('loi-intake', intake(today));
  await env.sleep('1 day');
  const id = fake.partnerMessageId(handle.workflowId.replace(/^dossier-/, ''), 'match-it-arrival', `match-it-arrival:${today}`)!;
  await handle.executeUpdate(partnerMessageExportedUpdate, { args: [{ partnerMessageId: id, sentOn: await now() }] });
  await env.sleep('20 days');
  await complete('loi-evaluation', evaluation(await now()));
  await env.sleep('60 days');
}

async function depart({ env, event, fake, handle }: RecorderContext) {
  const now = async () => todayInBrussels(await env.currentTimeMs());
  const departedOn = addDays(await now(), -3);
  await event('loi-departure', departedOn, { departedOn, reason: 'autonomy' });
  await env.sleep('1 hour');
  const id = fake.partnerMessageId(handle.workflowId.replace(/^dossier-/, ''), 'match-it-departure', `match-it-departure:${departedOn}`)!;
  await handle.executeUpdate(partnerMessageExportedUpdate, { args: [{ partnerMessageId: id, sentOn: await now() }] });
  await handle.result(); // closed ("Vertrokken uit het LOI")
}

const SCENARIOS: Record<string, (ctx: RecorderContext) => Promise<unknown>> = {
  recognised: async (ctx) => {
    await arrive(ctx);
    const notifiedOn = todayInBrussels(await ctx.env.currentTimeMs());
    await ctx.event('cgvs-decision', notifiedOn, { decision: 'refugee', notifiedOn });
    await ctx.complete('loi-identification', { numberKind: 'bis-number', requestedOn: notifiedOn, note: 'Via de KSZ.' });
    await ctx.env.sleep('70 days');
    await depart(ctx);
  },
  // v2 (from the commit that added the sanctions): a cost paid to a supplier, a sanction withholding half the
  // leefgeld for two weeks and an order measure (letters), then the departure.
  'costs-sanctions': async (ctx) => {
    await arrive(ctx);
    const day = todayInBrussels(await ctx.env.currentTimeMs());
    await ctx.event('loi-cost', day, { kind: 'medical', supplierPartyId: '7c8d9e0f-1a2b-4c3d-9e4f-5a6b7c8d9e0f', amountCents: 4_250, invoiceReference: 'HA-2026-117', description: 'Raadpleging huisarts' });
    await ctx.event('loi-sanction', day, { sanction: 'leefgeld-restriction', facts: 'Herhaald geweld.', decidedOn: day, heardOn: day, from: addDays(day, 1), to: addDays(day, 14), leefgeldPercent: 50 });
    await ctx.event('loi-order-measure', day, { measure: 'Tijdelijk geen toegang tot de keuken', facts: 'Brandgevaar.', decidedOn: day });
    await ctx.env.sleep('28 days');
    await depart(ctx);
  },
  // v3 (from the commit that opens the other adults' leefloon): a recognition of a couple — the applicant's leefloon
  // and the partner's own (patch loi-household-leefloon).
  'recognised-household': async (ctx) => {
    await arrive(ctx);
    const notifiedOn = todayInBrussels(await ctx.env.currentTimeMs());
    await ctx.event('cgvs-decision', notifiedOn, { decision: 'subsidiary', notifiedOn });
    await ctx.complete('loi-identification', { numberKind: 'national-number', requestedOn: notifiedOn, note: 'Inschrijving in de gemeente.' });
    await ctx.env.sleep('3 days');
    await depart(ctx);
  },
  // v4 (from the commit that opens the rent guarantee on recognition): a recognition, the leefloon and the linked rent
  // guarantee request for the new home, then the departure.
  'recognised-rent-guarantee': async (ctx) => {
    await arrive(ctx);
    const notifiedOn = todayInBrussels(await ctx.env.currentTimeMs());
    await ctx.event('cgvs-decision', notifiedOn, { decision: 'refugee', notifiedOn });
    await ctx.complete('loi-identification', { numberKind: 'bis-number', requestedOn: notifiedOn, note: 'Via de KSZ.' });
    await ctx.env.sleep('5 days');
    await depart(ctx);
  },
  refused: async (ctx) => {
    await arrive(ctx);
    const notifiedOn = todayInBrussels(await ctx.env.currentTimeMs());
    await ctx.event('asylum-final-decision', notifiedOn, { outcome: 'negative', notifiedOn });
    await ctx.env.sleep('35 days');
    await depart(ctx);
  },
};

describe('loiResidency replay of stored histories', () => {
  recordScenarios({
    dir: DIR, prefix: 'loi', next: 'residency', workflow: loiResidency, scenarios: SCENARIOS,
    input: (requestDate) => aDossierInput({ procedure: 'loi', reference: 'LOI-2026-000001', requestDate, channel: 'third-party' }),
    fakeOptions: { 'recognised-household': { loiAdultMembers: ['8d9e0f1a-2b3c-4d4e-8f5a-6b7c8d9e0f1a'] } },
  });
  replayStoredHistories(DIR);
});

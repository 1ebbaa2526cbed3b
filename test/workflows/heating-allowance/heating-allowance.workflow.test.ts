import { TestWorkflowEnvironment } from '@temporalio/testing';
import { addDays } from '../../../libs/deadlines/calendar-date';
import { heatingAllowanceApplication } from '../../../workflows/heating-allowance/heating-allowance.workflow';
import type { fakeActivities } from '../../support/fake-activities';
import { aDossierInput, outcomes } from '../../support/factories';
import { eventually, timeSkippingEnv } from '../../support/temporal';
import { withFakeWorker, workflowDriver } from '../../support/workflow-driver';

type Fake = ReturnType<typeof fakeActivities>;

/**
 * The heating allowance (domain §7) from request to payment on the time-skipping server: the proposal computed from
 * the invoice and the category, the BCSD's decision within the month (HF-2), the letter, the payment within 15 days
 * (HF-3) to the client or, in category 3 with the invoice unpaid, to the supplier; a request more than 60 days after
 * the delivery (HF-1) refused unless force majeure is recorded.
 */
describe('heatingAllowanceApplication (time-skipping)', () => {
  let env: TestWorkflowEnvironment;
  beforeEach(async () => void (env = await timeSkippingEnv()));
  afterEach(() => env?.teardown());
  const drive = () => workflowDriver(env);

  const run = <T>(fn: (ctx: { fake: Fake; taskQueue: string }) => Promise<T>) => withFakeWorker(env, 'heating', fn);

  /** A request today for a delivery `daysAgo` days ago: the competence check done, the inquiry recorded. */
  async function requested(fake: Fake, taskQueue: string, daysAgo: number, inquiry: Record<string, unknown>, dossierId?: string) {
    const today = await drive().today();
    const input = aDossierInput({ procedure: 'heating-allowance', reference: 'VT-2026-000001', requestDate: today, ...(dossierId ? { dossierId } : {}) });
    const handle = await env.client.workflow.start(heatingAllowanceApplication, { args: [input], taskQueue, workflowId: `dossier-${input.dossierId}` });
    await drive().complete(handle.workflowId, fake, 'competence-check', outcomes.competent);
    await drive().complete(handle.workflowId, fake, 'heating-inquiry', { deliveryDate: addDays(today, -daysAgo), ...inquiry });
    return { handle, today, input };
  }
  const bulk = { fuel: 'gas-oil-bulk', litres: 1000, pricePerLitreMilli: 1120, category: 2, householdIncomeCents: 2_000_000, dependants: 1 };

  it('category 2, bulk: proposes the amount of the scale, the BCSD grants it within the month, the letter says it, the client is paid within 15 days', async () => {
    await run(async ({ fake, taskQueue }) => {
      const { handle, today } = await requested(fake, taskQueue, 10, bulk);
      const assessed = await eventually(() => fake.of('recordDossierEvent').find((e) => e.type === 'heating-assessed'));
      expect(assessed.description).toContain('1000 liter × 18 cent per liter = € 180,00');
      // HF-1 met (a window: the client's term), HF-2 the decision term from the request.
      expect(fake.of('planDeadline').find((d) => d.key === 'heating-request')).toMatchObject({ ruleId: 'HF-1', triggerDate: addDays(today, -10) });
      expect(fake.of('setDeadlineStatus').find((d) => d.key === 'heating-request')).toMatchObject({ status: 'met' });
      expect(fake.of('planDeadline').find((d) => d.key === 'decision')).toMatchObject({ ruleId: 'HF-2', triggerDate: today });
      const proposal = await eventually(() => fake.of('scheduleAgendaItem')[0]);
      expect(proposal.proposal).toMatchObject({ proposal: 'grant', amountCents: 18_000 });
      const sessionDate = await drive().decide(handle.workflowId, fake, { result: 'granted', amountCents: 18_000 });
      const letter = await eventually(() => fake.of('issueLetter').find((l) => l.key === 'decision-letter'));
      expect(letter).toMatchObject({ template: 'decision-grant', data: { aid: { label: 'Verwarmingstoelage', amountCents: 18_000 } } });
      await drive().complete(handle.workflowId, fake, 'decision-notification', outcomes.notification(sessionDate));
      const payment = await eventually(() => fake.of('orderPayment')[0]);
      expect(payment).toMatchObject({ kind: 'allowance', amountCents: 18_000, period: `once:heating-${addDays(today, -10)}`, computation: { litresCounted: 1000, pump: false } });
      expect(payment.payee).toBeUndefined();
      expect(fake.of('planDeadline').find((d) => d.key === 'heating-payment')).toMatchObject({ ruleId: 'HF-3', triggerDate: sessionDate });
      expect(fake.of('setDeadlineStatus').filter((d) => d.key === 'heating-payment').at(-1)).toMatchObject({ status: 'met' });
      // The dossier ends once the appeal window has run out.
      await env.sleep('100 days');
      expect(await handle.result()).toEqual({ status: 'ALLOWANCE_PAID', decision: 'granted', amountCents: 18_000 });
    });
  });

  it('category 3 with the invoice unpaid: the allowance goes to the supplier, a party of the dossier', async () => {
    await run(async ({ fake, taskQueue }) => {
      const supplier = '4c9a3f0e-6b2d-4e8a-9c71-0d2e4f6a8b10';
      const { handle } = await requested(fake, taskQueue, 5, {
        fuel: 'propane-bulk', litres: 800, pricePerLitreMilli: 1200, category: 3, inDebtMediation: true, cannotPay: true, invoiceUnpaid: true, supplierPartyId: supplier,
      });
      const sessionDate = await drive().decide(handle.workflowId, fake, { result: 'granted', amountCents: 16_000 });
      await drive().complete(handle.workflowId, fake, 'decision-notification', outcomes.notification(sessionDate));
      const payment = await eventually(() => fake.of('orderPayment')[0]);
      expect(payment).toMatchObject({ kind: 'invoice', amountCents: 16_000, payee: { partyId: supplier } });
      await handle.terminate('test done');
    });
  });

  it('a pump purchase gets the flat amount; a second request the same year for a bulk delivery is refused (they exclude each other)', async () => {
    await run(async ({ fake, taskQueue }) => {
      const first = await requested(fake, taskQueue, 3, { fuel: 'kerosene-pump', category: 1, increasedReimbursement: true, householdIncomeCents: 1_500_000 });
      expect((await eventually(() => fake.of('scheduleAgendaItem')[0])).proposal).toMatchObject({ proposal: 'grant', amountCents: 21_000 });
      const decided = await drive().decide(first.handle.workflowId, fake, { result: 'granted', amountCents: 21_000 });
      await drive().complete(first.handle.workflowId, fake, 'decision-notification', outcomes.notification(decided));
      await eventually(() => fake.of('orderPayment')[0]);
      // The same household, a bulk delivery after: nothing left this year.
      const second = await requested(fake, taskQueue, 1, bulk, '0f6d7c3a-2b1e-4d5f-8a9b-1c2d3e4f5a6b');
      const assessed = await eventually(() => fake.of('recordDossierEvent').filter((e) => e.type === 'heating-assessed')[1]);
      expect(assessed.description).toContain('werd al het forfait voor aankopen aan de pomp toegekend');
      expect(fake.of('scheduleAgendaItem').at(-1).proposal).toMatchObject({ proposal: 'refuse' });
      expect(fake.of('scheduleAgendaItem').at(-1).proposal.amountCents).toBeUndefined();
      await first.handle.terminate('test done');
      await second.handle.terminate('test done');
    });
  });

  it('HF-1: a request more than 60 days after the delivery is proposed for refusal, and refused with its letter; with force majeure it is granted', async () => {
    await run(async ({ fake, taskQueue }) => {
      const { handle } = await requested(fake, taskQueue, 75, bulk);
      const assessed = await eventually(() => fake.of('recordDossierEvent').find((e) => e.type === 'heating-assessed'));
      expect(assessed.description).toContain('meer dan 60 dagen na de levering');
      expect(fake.of('planDeadline').find((d) => d.key === 'heating-request')).toMatchObject({ ruleId: 'HF-1', kind: 'window' });
      // A client's term: no escalation to the team lead.
      expect(fake.of('raiseEscalation').filter((e) => String(e.key).includes('heating-request'))).toEqual([]);
      expect((await eventually(() => fake.of('scheduleAgendaItem')[0])).proposal).toMatchObject({ proposal: 'refuse' });
      const sessionDate = await drive().decide(handle.workflowId, fake, { result: 'refused', motivation: 'Aanvraag na de termijn van 60 dagen (HF-1), geen overmacht.' });
      const letter = await eventually(() => fake.of('issueLetter').find((l) => l.key === 'decision-letter'));
      expect(letter).toMatchObject({ template: 'decision-refusal', data: { factualReasons: 'Aanvraag na de termijn van 60 dagen (HF-1), geen overmacht.' } });
      await drive().complete(handle.workflowId, fake, 'decision-notification', outcomes.notification(sessionDate));
      await env.sleep('100 days');
      expect(await handle.result()).toEqual({ status: 'NOTIFIED', decision: 'refused' });
      expect(fake.of('orderPayment')).toEqual([]);
    });
    await run(async ({ fake, taskQueue }) => {
      await requested(fake, taskQueue, 75, { ...bulk, forceMajeure: 'Opgenomen in het ziekenhuis van de levering tot vorige week.' });
      const proposal = (await eventually(() => fake.of('scheduleAgendaItem')[0])).proposal;
      expect(proposal).toMatchObject({ proposal: 'grant', amountCents: 18_000 });
      expect(proposal.motivation).toContain('laattijdige aanvraag door overmacht aanvaard');
    });
  });

  it('refuses a fuel the fund does not cover, and a category the facts do not bear out; a bulk delivery without litres is a 400', async () => {
    await run(async ({ fake, taskQueue }) => {
      const { handle } = await requested(fake, taskQueue, 5, { fuel: 'pellets', category: 2, householdIncomeCents: 9_000_000 });
      const assessed = await eventually(() => fake.of('recordDossierEvent').find((e) => e.type === 'heating-assessed'));
      expect(assessed.data.reasons).toEqual([
        'Pellets is geen brandstof die het Sociaal Verwarmingsfonds dekt (alleen huisbrandolie, verwarmingspetroleum type C en bulkpropaan)',
        'Het inkomen van het huishouden ligt boven de grens',
      ]);
      await handle.terminate('test done');
    });
    await run(async ({ fake, taskQueue }) => {
      const today = await drive().today();
      const input = aDossierInput({ procedure: 'heating-allowance', reference: 'VT-2026-000002', requestDate: today });
      const handle = await env.client.workflow.start(heatingAllowanceApplication, { args: [input], taskQueue, workflowId: `dossier-${input.dossierId}` });
      await drive().complete(handle.workflowId, fake, 'competence-check', outcomes.competent);
      const refused = await drive().complete(handle.workflowId, fake, 'heating-inquiry', { fuel: 'gas-oil-bulk', deliveryDate: today, category: 2, householdIncomeCents: 1 }).catch((e) => e);
      expect(refused.cause.details[0].map((e: { path: string; code: string }) => `${e.path} ${e.code}`).sort()).toEqual(['/litres required', '/pricePerLitreMilli required']);
      await handle.terminate('test done');
    });
  });
});

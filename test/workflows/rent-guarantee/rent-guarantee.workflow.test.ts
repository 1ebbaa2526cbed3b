import { TestWorkflowEnvironment } from '@temporalio/testing';
import { addDays, addMonths } from '../../../libs/deadlines/calendar-date';
import { planOgm } from '../../../libs/payments/ogm';
import { rentGuaranteeApplication } from '../../../workflows/rent-guarantee/rent-guarantee.workflow';
import { dossierStateQuery, externalEventUpdate } from '../../../workflows/shared/dossier.messages';
import type { fakeActivities } from '../../support/fake-activities';
import { aDossierInput, outcomes, VALID_IBANS } from '../../support/factories';
import { eventually, sleepPast, timeSkippingEnv } from '../../support/temporal';
import { withFakeWorker, workflowDriver } from '../../support/workflow-driver';

type Fake = ReturnType<typeof fakeActivities>;

const LANDLORD = '5a1e2f3a-4b5c-4d6e-8f90-a1b2c3d4e5f6';
const BANK = '6b1e2f3a-4b5c-4d6e-8f90-a1b2c3d4e5f6';

/**
 * The rent guarantee (domain §6) from request to release on the time-skipping server: the proposal from the inquiry
 * (the cap by the lease's date), the BCSD, the letter, then the guarantee in its form — the guarantee letter to the
 * landlord, the bank request, or the deposit on a blocked account repaid by a plan with its structured communication,
 * its reminders after the grace days, the task at the second missed instalment (a new plan, or no more reminders) —
 * and the release, setting off what the bank returns against what the client still owes.
 */
describe('rentGuaranteeApplication (time-skipping)', () => {
  let env: TestWorkflowEnvironment;
  beforeEach(async () => void (env = await timeSkippingEnv()));
  afterEach(() => env?.teardown());
  const drive = () => workflowDriver(env);

  const run = <T>(fn: (ctx: { fake: Fake; taskQueue: string }) => Promise<T>) => withFakeWorker(env, 'guarantee', fn);

  const inquiry = (today: string, over: Record<string, unknown> = {}) => ({
    leaseSignedOn: addDays(today, -3), monthlyRentCents: 75_000, guaranteeCents: 150_000, form: 'blocked-account', landlordPartyId: LANDLORD,
    bankPartyId: BANK, blockedAccountIban: VALID_IBANS[1], rentAffordable: true, homeDeclaredUnfit: false,
    monthlyRepaymentCents: 50_000, firstRepaymentOn: addDays(today, 45), ...over,
  });

  /** A request today: competent, the inquiry recorded, granted by the BCSD and notified. */
  async function granted(fake: Fake, taskQueue: string, reference: string, over: Record<string, unknown> = {}) {
    const today = await drive().today();
    const input = aDossierInput({ procedure: 'rent-guarantee', reference, requestDate: today });
    const handle = await env.client.workflow.start(rentGuaranteeApplication, { args: [input], taskQueue, workflowId: `dossier-${input.dossierId}` });
    await drive().complete(handle.workflowId, fake, 'competence-check', outcomes.competent);
    const facts = inquiry(today, over);
    await drive().complete(handle.workflowId, fake, 'guarantee-inquiry', facts);
    const proposal = (await eventually(() => fake.of('scheduleAgendaItem')[0])).proposal;
    expect(proposal).toMatchObject({ proposal: 'grant', amountCents: facts.guaranteeCents });
    const sessionDate = await drive().decide(handle.workflowId, fake, { result: 'granted', amountCents: facts.guaranteeCents });
    await drive().complete(handle.workflowId, fake, 'decision-notification', outcomes.notification(sessionDate));
    return { handle, today, sessionDate, facts };
  }

  let n = 0;
  const event = (workflowId: string, type: string, occurredOn: string, data: Record<string, unknown>) =>
    env.client.workflow.getHandle(workflowId).executeUpdate(externalEventUpdate, {
      args: [{ eventId: `${type}-${occurredOn}-${++n}`, type, occurredOn, reference: null, data, recordedBy: 'finance-1' }],
    });
  const letters = (fake: Fake, template: string) => fake.of('issueLetter').filter((l) => l.template === template);
  const timeline = (fake: Fake, type: string) => fake.of('recordDossierEvent').filter((e) => e.type === type);

  it('a deposit on a blocked account: paid to the bank on that account, the plan with its communication, reminders after the grace days, a new plan at the second miss, repaid, then released', async () => {
    await run(async ({ fake, taskQueue }) => {
      const reference = 'HW-2026-000001';
      const { handle, sessionDate, facts } = await granted(fake, taskQueue, reference);
      const decision = await eventually(() => fake.of('issueLetter').find((l) => l.key === 'decision-letter'));
      expect(decision).toMatchObject({ template: 'decision-grant', data: { aid: { kind: 'guarantee', amountCents: 150_000 } } });
      expect(decision.data.legalReasons).toContain('art. 57 §1');
      // The deposit: to the bank, on the blocked account in the tenant's name, once (a business name, not a counter).
      const deposit = await eventually(() => fake.of('orderPayment').find((p) => p.kind === 'guarantee'));
      expect(deposit).toMatchObject({ period: 'once:rent-guarantee', amountCents: 150_000, payee: { partyId: BANK, iban: VALID_IBANS[1] } });
      // Plan 1: three instalments of € 500 from the first repayment day, with the communication of the dossier's plan 1.
      const plan1 = await eventually(() => letters(fake, 'guarantee-repayment-plan')[0]);
      const d1 = facts.firstRepaymentOn;
      expect(plan1).toMatchObject({ key: 'repayment-plan-1', data: { decisionDate: sessionDate, amountCents: 150_000, communication: planOgm(reference, 1) } });
      expect(plan1.data.instalments).toEqual([
        { number: 1, dueDate: d1, amountCents: 50_000 },
        { number: 2, dueDate: addMonths(d1, 1).date, amountCents: 50_000 },
        { number: 3, dueDate: addMonths(d1, 2).date, amountCents: 50_000 },
      ]);
      expect(plan1.data.communication).toBe('+++126/0000/01181+++');

      // The first instalment is paid on its day: no reminder after the grace days.
      await sleepPast(env, addDays(d1, -1));
      await event(handle.workflowId, 'guarantee-instalment-paid', await drive().today(), { amountCents: 50_000, communication: planOgm(reference, 1) });
      await sleepPast(env, addDays(d1, 11));
      expect(letters(fake, 'guarantee-instalment-reminder')).toEqual([]);
      // The second is not: reminded ten days after its day (OCMW_INSTALMENT_GRACE_DAYS), nothing asked of anyone yet.
      await sleepPast(env, addDays(addMonths(d1, 1).date, 10));
      const reminder = await eventually(() => letters(fake, 'guarantee-instalment-reminder')[0]);
      expect(reminder).toMatchObject({ key: 'instalment-reminder-1-2', data: { instalment: { number: 2 }, behindCents: 50_000, communication: planOgm(reference, 1) } });
      expect(fake.openTasks().map((t) => t.kind)).toEqual([]);
      // The third neither: the second missed instalment reminds and gives the social worker a task.
      await sleepPast(env, addDays(addMonths(d1, 2).date, 10));
      expect((await eventually(() => letters(fake, 'guarantee-instalment-reminder')[1])).data.behindCents).toBe(100_000);
      expect((await handle.query(dossierStateQuery)).status).toBe('REPAYMENT_ARREARS');
      const today = await drive().today();
      await drive().complete(handle.workflowId, fake, 'guarantee-arrears', { action: 'new-plan', monthlyRepaymentCents: 25_000, firstRepaymentOn: addDays(today, 5), note: 'Gesprek: kleinere afbetalingen.' });
      // Plan 2: what is left (€ 1.000) in four instalments of € 250, its own communication, replacing plan 1.
      const plan2 = await eventually(() => letters(fake, 'guarantee-repayment-plan')[1]);
      expect(plan2).toMatchObject({ key: 'repayment-plan-2', data: { amountCents: 100_000, communication: planOgm(reference, 2), replacesPlanOf: expect.any(String) } });
      expect(plan2.data.instalments.map((i: { amountCents: number }) => i.amountCents)).toEqual([25_000, 25_000, 25_000, 25_000]);
      // The client pays it all at once: repaid, no more reminders however long the lease runs.
      await event(handle.workflowId, 'guarantee-instalment-paid', addDays(today, 2), { amountCents: 100_000, communication: planOgm(reference, 2) });
      await eventually(() => timeline(fake, 'guarantee-repaid')[0]);
      await env.sleep('200 days');
      expect(letters(fake, 'guarantee-instalment-reminder')).toHaveLength(2);
      expect((await handle.query(dossierStateQuery)).status).toBe('GUARANTEE_GIVEN');
      // The release by written agreement: what the bank returns to the OCMW is the client's (nothing is owed any more).
      await event(handle.workflowId, 'guarantee-released', await drive().today(), { basis: 'written-agreement', returnedToOcmwCents: 150_000 });
      const surplus = await eventually(() => fake.of('orderPayment').find((p) => p.kind === 'one-off'));
      expect(surplus).toMatchObject({ amountCents: 150_000 });
      expect(surplus.payee).toBeUndefined();
      await env.sleep('100 days');
      expect(await handle.result()).toEqual({
        status: 'GUARANTEE_RELEASED', decision: 'granted', form: 'blocked-account', amountCents: 150_000, repaidCents: 150_000, setOffCents: 0, surplusCents: 150_000, outstandingCents: 0,
      });
    });
  });

  it('no more reminders until the release: what the bank returns is set off against what is still owed, the rest stays open for the BCSD', async () => {
    await run(async ({ fake, taskQueue }) => {
      const { handle, facts } = await granted(fake, taskQueue, 'HW-2026-000002', { monthlyRepaymentCents: 30_000 });
      const d1 = facts.firstRepaymentOn;
      await sleepPast(env, addDays(addMonths(d1, 1).date, 10));
      await eventually(() => (letters(fake, 'guarantee-instalment-reminder').length === 2 ? true : undefined));
      await drive().complete(handle.workflowId, fake, 'guarantee-arrears', { action: 'await-release', note: 'Cliënt kan niet betalen; verrekenen bij de vrijgave.' });
      await eventually(() => timeline(fake, 'arrears-await-release')[0]);
      await env.sleep('150 days');
      expect(letters(fake, 'guarantee-instalment-reminder')).toHaveLength(2);
      expect(fake.openTasks()).toEqual([]);
      // A payment still counts (without a communication: booked on the dossier by finance).
      await event(handle.workflowId, 'guarantee-instalment-paid', await drive().today(), { amountCents: 20_000 });
      await eventually(() => timeline(fake, 'instalment-paid')[0]);
      // The judgment releases the guarantee: the bank returns € 1.000 to the OCMW, set off against the € 1.300 owed.
      await event(handle.workflowId, 'guarantee-released', await drive().today(), { basis: 'judgment', returnedToOcmwCents: 100_000, notes: 'Vonnis vrederechter.' });
      const released = await eventually(() => timeline(fake, 'guarantee-released')[0]);
      expect(released.data).toEqual({ basis: 'judgment', returnedToOcmwCents: 100_000, setOffCents: 100_000, surplusCents: 0, outstandingCents: 30_000 });
      expect(released.description).toContain('€ 300,00 blijft open (terugvordering bij de cliënt alleen na een beslissing van het BCSD)');
      await env.sleep('100 days');
      expect(await handle.result()).toMatchObject({ status: 'GUARANTEE_RELEASED', repaidCents: 20_000, setOffCents: 100_000, surplusCents: 0, outstandingCents: 30_000 });
      expect(fake.of('orderPayment').filter((p) => p.kind === 'one-off')).toEqual([]);
    });
  });

  it('the guarantee letter to the landlord, and the bank request naming the landlord by its party: nothing is paid, the release ends the commitment', async () => {
    await run(async ({ fake, taskQueue }) => {
      const { handle } = await granted(fake, taskQueue, 'HW-2026-000003', { form: 'guarantee-letter', bankPartyId: undefined, blockedAccountIban: undefined, monthlyRepaymentCents: undefined, firstRepaymentOn: undefined });
      const letter = await eventually(() => letters(fake, 'guarantee-letter')[0]);
      expect(letter).toMatchObject({ recipient: { partyId: LANDLORD }, data: { amountCents: 150_000, monthlyRentCents: 75_000, law: 'Vlaams Woninghuurdecreet van 9 november 2018' } });
      expect((await handle.query(dossierStateQuery)).status).toBe('GUARANTEE_GIVEN');
      await event(handle.workflowId, 'guarantee-released', await drive().today(), { basis: 'written-agreement', returnedToOcmwCents: 0 });
      await env.sleep('100 days');
      expect(await handle.result()).toEqual({ status: 'GUARANTEE_RELEASED', decision: 'granted', form: 'guarantee-letter', amountCents: 150_000 });
      expect(fake.of('orderPayment')).toEqual([]);
      expect(letters(fake, 'guarantee-repayment-plan')).toEqual([]);
    });
    await run(async ({ fake, taskQueue }) => {
      const { handle } = await granted(fake, taskQueue, 'HW-2026-000004', { form: 'bank-guarantee', blockedAccountIban: undefined, monthlyRepaymentCents: undefined, firstRepaymentOn: undefined });
      const request = await eventually(() => letters(fake, 'guarantee-bank-request')[0]);
      // The landlord travels as its party id only: the activity writes its name (a landlord may be a person).
      expect(request).toMatchObject({ recipient: { partyId: BANK }, data: { landlordPartyId: LANDLORD, amountCents: 150_000 } });
      expect(fake.of('orderPayment')).toEqual([]);
      await handle.terminate('test done');
    });
  });

  it('a guarantee letter called at the release: the OCMW pays the landlord what the agreement gives it, up to the guarantee, and the client repays it by a plan', async () => {
    await run(async ({ fake, taskQueue }) => {
      const reference = 'HW-2026-000007';
      const { handle } = await granted(fake, taskQueue, reference, { form: 'guarantee-letter', bankPartyId: undefined, blockedAccountIban: undefined, monthlyRepaymentCents: undefined, firstRepaymentOn: undefined });
      await eventually(() => letters(fake, 'guarantee-letter')[0]);
      // The agreement gives the landlord more than the guarantee: the OCMW pays up to the guarantee, to the landlord.
      await event(handle.workflowId, 'guarantee-released', await drive().today(), { basis: 'written-agreement', returnedToOcmwCents: 0, landlordClaimCents: 180_000 });
      const claim = await eventually(() => fake.of('orderPayment').find((p) => p.period === 'once:guarantee-claim'));
      expect(claim).toMatchObject({ kind: 'guarantee', amountCents: 150_000, payee: { partyId: LANDLORD } });
      const today = await drive().today();
      await drive().complete(handle.workflowId, fake, 'guarantee-recovery', { action: 'plan', monthlyRepaymentCents: 75_000, firstRepaymentOn: addDays(today, 10), note: 'Afgesproken met de cliënt.' });
      const plan = await eventually(() => letters(fake, 'guarantee-repayment-plan')[0]);
      expect(plan).toMatchObject({ key: 'repayment-plan-1', data: { amountCents: 150_000, communication: planOgm(reference, 1), paidToLandlordOn: today } });
      // The first instalment is missed: reminded after the grace days.
      await sleepPast(env, addDays(today, 21));
      expect((await eventually(() => letters(fake, 'guarantee-instalment-reminder')[0])).data.behindCents).toBe(75_000);
      await event(handle.workflowId, 'guarantee-instalment-paid', await drive().today(), { amountCents: 150_000, communication: planOgm(reference, 1) });
      await eventually(() => timeline(fake, 'guarantee-repaid')[0]);
      await env.sleep('100 days');
      expect(await handle.result()).toEqual({
        status: 'GUARANTEE_RELEASED', decision: 'granted', form: 'guarantee-letter', amountCents: 150_000, landlordClaimCents: 150_000, repaidCents: 150_000, outstandingCents: 0,
      });
    });
  });

  it('proposes a refusal above the cap of the lease\'s law and for an unaffordable rent; a refused guarantee pays and writes nothing more', async () => {
    await run(async ({ fake, taskQueue }) => {
      const today = await drive().today();
      const input = aDossierInput({ procedure: 'rent-guarantee', reference: 'HW-2026-000005', requestDate: today });
      const handle = await env.client.workflow.start(rentGuaranteeApplication, { args: [input], taskQueue, workflowId: `dossier-${input.dossierId}` });
      await drive().complete(handle.workflowId, fake, 'competence-check', outcomes.competent);
      // A lease of 2018: the Woninghuurwet, a blocked account at most two months' rent.
      await drive().complete(handle.workflowId, fake, 'guarantee-inquiry', inquiry(today, { leaseSignedOn: '2018-06-01', guaranteeCents: 225_000, rentAffordable: false }));
      const assessed = await eventually(() => timeline(fake, 'guarantee-assessed')[0]);
      expect(assessed.data.reasons).toEqual([
        'De gevraagde waarborg (€ 2.250,00) is hoger dan 2 maanden huur (€ 1.500,00), het maximum voor een huurovereenkomst van 1 juni 2018 (Woninghuurwet (federaal), art. 10)',
        'De huurprijs is niet betaalbaar met het inkomen van het huishouden',
      ]);
      expect((await eventually(() => fake.of('scheduleAgendaItem')[0])).proposal).toMatchObject({ proposal: 'refuse' });
      const sessionDate = await drive().decide(handle.workflowId, fake, { result: 'refused' });
      await drive().complete(handle.workflowId, fake, 'decision-notification', outcomes.notification(sessionDate));
      await env.sleep('100 days');
      expect(await handle.result()).toEqual({ status: 'NOTIFIED', decision: 'refused' });
      expect(fake.of('orderPayment')).toEqual([]);
      expect(fake.of('issueLetter').map((l) => l.template).filter((t) => t.startsWith('guarantee-'))).toEqual([]);
    });
  });

  it('a deposit without its bank, account or plan is a 400 of the inquiry, and so is a first instalment before the request', async () => {
    await run(async ({ fake, taskQueue }) => {
      const today = await drive().today();
      const input = aDossierInput({ procedure: 'rent-guarantee', reference: 'HW-2026-000006', requestDate: today });
      const handle = await env.client.workflow.start(rentGuaranteeApplication, { args: [input], taskQueue, workflowId: `dossier-${input.dossierId}` });
      await drive().complete(handle.workflowId, fake, 'competence-check', outcomes.competent);
      const bare = await drive().complete(handle.workflowId, fake, 'guarantee-inquiry', inquiry(today, { bankPartyId: undefined, blockedAccountIban: undefined, monthlyRepaymentCents: undefined, firstRepaymentOn: undefined })).catch((e) => e);
      expect(bare.cause.details[0].map((e: { path: string }) => e.path).sort()).toEqual(['/bankPartyId', '/blockedAccountIban', '/firstRepaymentOn', '/monthlyRepaymentCents']);
      const early = await drive().complete(handle.workflowId, fake, 'guarantee-inquiry', inquiry(today, { firstRepaymentOn: addDays(today, -1) })).catch((e) => e);
      expect(early.cause.details[0].map((e: { path: string }) => e.path)).toEqual(['/firstRepaymentOn']);
      await handle.terminate('test done');
    });
  });
});

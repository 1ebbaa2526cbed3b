import { TestWorkflowEnvironment } from '@temporalio/testing';
import { addDays } from '../../../libs/deadlines/calendar-date';
import { addPeriods, lastDayOf } from '../../../libs/payments/schedule';
import { benefitAdvanceApplication } from '../../../workflows/benefit-advance/benefit-advance.workflow';
import { dossierStateQuery, externalEventUpdate } from '../../../workflows/shared/dossier.messages';
import type { fakeActivities } from '../../support/fake-activities';
import { aDossierInput, outcomes } from '../../support/factories';
import { eventually, timeSkippingEnv } from '../../support/temporal';
import { withFakeWorker, workflowDriver } from '../../support/workflow-driver';

type Fake = ReturnType<typeof fakeActivities>;

const PAYING_BODY = '7d1e2f3a-4b5c-4d6e-8f90-a1b2c3d4e5f6';

/**
 * The advance on a benefit (domain §10) from request to its end on the time-skipping server: the proposal from the
 * inquiry, the BCSD, the letter, the subrogation notice to the paying body (C-UNIPROC for unemployment), the advances
 * month by month until the paying body pays the arrears (set off against the advances, the rest paid on to the client)
 * or refuses the benefit, and the closure or the conversion into a leefloon request.
 */
describe('benefitAdvanceApplication (time-skipping)', () => {
  let env: TestWorkflowEnvironment;
  beforeEach(async () => void (env = await timeSkippingEnv()));
  afterEach(() => env?.teardown());
  const drive = () => workflowDriver(env);

  const run = <T>(fn: (ctx: { fake: Fake; taskQueue: string }) => Promise<T>) => withFakeWorker(env, 'advance', fn);

  const inquiry = (today: string, over: Record<string, unknown> = {}) => ({
    benefit: 'unemployment', benefitAppliedOn: addDays(today, -5), applicationPending: true, payingBodyPartyId: PAYING_BODY,
    expectedMonthlyBenefitCents: 140_000, monthlyAdvanceCents: 120_000, advanceFrom: today, ...over,
  });

  /** A request today: competent, the inquiry recorded, granted by the BCSD and notified. Returns the session date. */
  async function granted(fake: Fake, taskQueue: string, over: Record<string, unknown> = {}) {
    const today = await drive().today();
    const input = aDossierInput({ procedure: 'benefit-advance', reference: 'VU-2026-000001', requestDate: today });
    const handle = await env.client.workflow.start(benefitAdvanceApplication, { args: [input], taskQueue, workflowId: `dossier-${input.dossierId}` });
    await drive().complete(handle.workflowId, fake, 'competence-check', outcomes.competent);
    await drive().complete(handle.workflowId, fake, 'advance-inquiry', inquiry(today, over));
    const proposal = (await eventually(() => fake.of('scheduleAgendaItem')[0])).proposal;
    expect(proposal).toMatchObject({ proposal: 'grant', amountCents: over.monthlyAdvanceCents ?? 120_000 });
    const sessionDate = await drive().decide(handle.workflowId, fake, { result: 'granted', amountCents: over.monthlyAdvanceCents ?? 120_000 });
    await drive().complete(handle.workflowId, fake, 'decision-notification', outcomes.notification(sessionDate));
    return { handle, today, sessionDate, input };
  }

  const event = (workflowId: string, type: string, occurredOn: string, data: Record<string, unknown>) =>
    env.client.workflow.getHandle(workflowId).executeUpdate(externalEventUpdate, {
      args: [{ eventId: `${type}-${occurredOn}`, type, occurredOn, reference: 'UNIPROC 2026/118', data, recordedBy: 'u-1' }],
    });
  const advances = (fake: Fake) => fake.of('orderPayment').filter((p) => p.kind === 'advance');

  it('unemployment: C-UNIPROC to the paying body, the advances month by month, the arrears set off and the surplus paid on, then closed', async () => {
    await run(async ({ fake, taskQueue }) => {
      const { handle, today, sessionDate } = await granted(fake, taskQueue);
      // The letter: a monthly amount from the first day of the advance, with the subrogation in its legal reasons.
      const letter = await eventually(() => fake.of('issueLetter').find((l) => l.key === 'decision-letter'));
      expect(letter).toMatchObject({ template: 'decision-grant', data: { amount: { monthlyCents: 120_000 }, effectiveDate: today } });
      expect(letter.data.legalReasons).toContain('art. 99 §2');
      // The subrogation notice: form C-UNIPROC part 1 for unemployment, to the paying body (a party of the dossier).
      const form = await eventually(() => fake.of('sendPartnerForm')[0]);
      expect(form).toMatchObject({ formId: 'subrogation:C-UNIPROC', content: { decisionDate: sessionDate, benefit: 'unemployment', advanceFrom: today, monthlyAdvanceCents: 120_000, payingBodyPartyId: PAYING_BODY } });
      // The month of the request is paid at once (pro rata from the first day of the advance), then each month on its payday.
      const first = await eventually(() => advances(fake)[0]);
      expect(first).toMatchObject({ kind: 'advance', period: today.slice(0, 7) });
      expect(first.amountCents).toBeLessThanOrEqual(120_000);
      await env.sleep('70 days');
      const paid = await eventually(() => (advances(fake).length >= 3 ? advances(fake) : undefined));
      expect(paid.slice(1, 3).map((p) => [p.period, p.amountCents])).toEqual([[addPeriods(today.slice(0, 7), 1), 120_000], [addPeriods(today.slice(0, 7), 2), 120_000]]);
      const advanced = paid.reduce((s, p) => s + p.amountCents, 0);
      // The paying body pays the arrears for the whole period to the OCMW: the advances are kept, the rest is the client's.
      const to = lastDayOf(paid.at(-1)!.period);
      const arrearsCents = advanced + 55_000;
      const day = await drive().today();
      await event(handle.workflowId, 'benefit-arrears-paid', day, { periodFrom: today, periodTo: to, amountCents: arrearsCents, benefitRunning: true });
      const surplus = await eventually(() => fake.of('orderPayment').find((p) => p.kind === 'one-off'));
      expect(surplus).toMatchObject({ amountCents: 55_000, period: `once:advance-surplus-${today}-${to}` });
      expect(surplus.payee).toBeUndefined();
      const received = fake.of('recordDossierEvent').find((e) => e.type === 'arrears-received');
      expect(received.data).toMatchObject({ recoveredCents: advanced, surplusCents: 55_000, outstandingCents: 0 });
      // The benefit is now paid directly: no advance after the arrears, however long the dossier stays open.
      const count = advances(fake).length;
      await drive().complete(handle.workflowId, fake, 'advance-settlement', { action: 'close', note: 'Uitkering loopt.' });
      await env.sleep('100 days');
      expect(advances(fake)).toHaveLength(count);
      expect(await handle.result()).toEqual({ status: 'ADVANCE_SETTLED', decision: 'granted', advancedCents: advanced, recoveredCents: advanced, surplusCents: 55_000 });
    });
  });

  it('arrears for part of the period while the benefit is not yet running: the advances go on; then the benefit is refused and the file becomes a leefloon request', async () => {
    await run(async ({ fake, taskQueue }) => {
      const { handle, today } = await granted(fake, taskQueue, { benefit: 'sickness', monthlyAdvanceCents: 100_000 });
      // Not unemployment: the general subrogation notice.
      expect((await eventually(() => fake.of('sendPartnerForm')[0])).formId).toBe('subrogation:notice');
      await eventually(() => advances(fake)[0]);
      const firstMonth = today.slice(0, 7);
      const firstCents = advances(fake)[0].amountCents;
      // The sickness fund pays the first month's arrears, less than the advance: all of it is kept, nothing for the client.
      await event(handle.workflowId, 'benefit-arrears-paid', await drive().today(), { periodFrom: today, periodTo: lastDayOf(firstMonth), amountCents: firstCents - 1_000, benefitRunning: false });
      await eventually(() => fake.of('recordDossierEvent').find((e) => e.type === 'arrears-received'));
      expect(fake.of('orderPayment').filter((p) => p.kind === 'one-off')).toEqual([]);
      expect((await env.client.workflow.getHandle(handle.workflowId).query(dossierStateQuery)).status).toBe('ADVANCES_RUNNING');
      // The advances go on.
      await env.sleep('40 days');
      await eventually(() => (advances(fake).length >= 2 ? true : undefined));
      const count = advances(fake).length;
      await event(handle.workflowId, 'benefit-refused', await drive().today(), { reasons: 'Geen recht op uitkeringen: wachttijd niet vervuld.' });
      const refused = await eventually(() => fake.of('recordDossierEvent').find((e) => e.type === 'benefit-refused'));
      const outstanding = advances(fake).reduce((s, p) => s + p.amountCents, 0) - (firstCents - 1_000);
      expect(refused.data).toEqual({ outstandingCents: outstanding });
      await drive().complete(handle.workflowId, fake, 'advance-settlement', { action: 'convert-leefloon', note: 'Geen uitkering: leefloon aanvragen.' });
      const linked = await eventually(() => fake.of('openLinkedDossier')[0]);
      expect(linked).toMatchObject({ procedure: 'leefloon', linkKey: 'leefloon:after-advance' });
      await env.sleep('40 days');
      expect(advances(fake)).toHaveLength(count);
      await env.sleep('100 days');
      expect(await handle.result()).toMatchObject({ status: 'ADVANCE_CONVERTED', linkedDossierId: 'linked-1', recoveredCents: firstCents - 1_000 });
    });
  });

  it('proposes a refusal when the paying body does not confirm a pending application, or the advance is above the benefit', async () => {
    await run(async ({ fake, taskQueue }) => {
      const today = await drive().today();
      const input = aDossierInput({ procedure: 'benefit-advance', reference: 'VU-2026-000002', requestDate: today });
      const handle = await env.client.workflow.start(benefitAdvanceApplication, { args: [input], taskQueue, workflowId: `dossier-${input.dossierId}` });
      await drive().complete(handle.workflowId, fake, 'competence-check', outcomes.competent);
      await drive().complete(handle.workflowId, fake, 'advance-inquiry', inquiry(today, { applicationPending: false, monthlyAdvanceCents: 150_000 }));
      const assessed = await eventually(() => fake.of('recordDossierEvent').find((e) => e.type === 'advance-assessed'));
      expect(assessed.data.reasons).toEqual([
        'De uitbetalingsinstelling bevestigt niet dat de aanvraag van de werkloosheidsuitkering loopt en nog niet betaald is',
        'Het voorschot (€ 1.500,00 per maand) is hoger dan de verwachte uitkering (€ 1.400,00 per maand): het OCMW kan alleen terugvorderen tot het bedrag van de uitkering voor dezelfde periode (art. 99 §2 OCMW-wet)',
      ]);
      expect((await eventually(() => fake.of('scheduleAgendaItem')[0])).proposal).toMatchObject({ proposal: 'refuse' });
      const sessionDate = await drive().decide(handle.workflowId, fake, { result: 'refused' });
      await drive().complete(handle.workflowId, fake, 'decision-notification', outcomes.notification(sessionDate));
      await env.sleep('100 days');
      expect(await handle.result()).toEqual({ status: 'NOTIFIED', decision: 'refused' });
      expect(fake.of('orderPayment')).toEqual([]);
      expect(fake.of('sendPartnerForm')).toEqual([]);
    });
  });

  it('an advance from before the request is a 400 of the inquiry', async () => {
    await run(async ({ fake, taskQueue }) => {
      const today = await drive().today();
      const input = aDossierInput({ procedure: 'benefit-advance', reference: 'VU-2026-000003', requestDate: today });
      const handle = await env.client.workflow.start(benefitAdvanceApplication, { args: [input], taskQueue, workflowId: `dossier-${input.dossierId}` });
      await drive().complete(handle.workflowId, fake, 'competence-check', outcomes.competent);
      const refused = await drive().complete(handle.workflowId, fake, 'advance-inquiry', inquiry(today, { advanceFrom: addDays(today, -1) })).catch((e) => e);
      expect(refused.cause.details[0].map((e: { path: string }) => e.path)).toEqual(['/advanceFrom']);
      await handle.terminate('test done');
    });
  });
});

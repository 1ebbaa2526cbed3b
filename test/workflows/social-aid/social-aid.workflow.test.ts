import { WorkflowHandle, WorkflowUpdateFailedError } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { addDays, addMonths, daysBetween } from '../../../libs/deadlines/calendar-date';
import { socialAidApplication } from '../../../workflows/social-aid/social-aid.workflow';
import { dossierStateQuery, externalEventUpdate, partnerMessageAcknowledgedUpdate, partnerMessageExportedUpdate, TASK_FAILURES } from '../../../workflows/shared/dossier.messages';
import { partnerForm } from '../../../libs/partner-forms/registry';
import { formatDateNl } from '../../../libs/format/dutch';
import { fakeActivities } from '../../support/fake-activities';
import { aDossierInput, outcomes, todayInBrussels } from '../../support/factories';
import { eventually, timeSkippingEnv, uniqueTaskQueue, workflowBundle } from '../../support/temporal';
import { workflowDriver } from '../../support/workflow-driver';

type Fake = ReturnType<typeof fakeActivities>;

/** What the social aid inquiry finds (§2: residence status, Rijksregister code, Wet 1965). */
const inquiry = (homeVisitDate: string, overrides: Record<string, unknown> = {}) => ({
  homeVisitDate,
  residenceStatus: 'foreigners-register',
  rijksregisterCode: 'none',
  stateReimbursed: true,
  householdType: 'single',
  monthlyResourcesCents: 0,
  hearingRequested: false,
  ...overrides,
});
const equivalentLeefloon = (startDate: string) => ({
  proposal: 'grant', aidForm: 'equivalent-leefloon', category: 2, monthlyAmountCents: 131_420, startDate, motivation: 'Geen recht op leefloon, wel op maatschappelijke dienstverlening.',
});
const oneOff = { proposal: 'grant', aidForm: 'one-off', amountCents: 45_000, aidDescription: 'Achterstallige energiefactuur.', motivation: 'Dringende nood.' };

describe('socialAidApplication (time-skipping)', () => {
  let env: TestWorkflowEnvironment;

  beforeEach(async () => {
    env = await timeSkippingEnv();
  });
  afterEach(async () => {
    await env?.teardown();
  });

  async function run<T>(fn: (ctx: { fake: Fake; taskQueue: string }) => Promise<T>): Promise<T> {
    const fake = fakeActivities();
    const taskQueue = uniqueTaskQueue('social-aid');
    const worker = await Worker.create({ connection: env.nativeConnection, taskQueue, workflowBundle: await workflowBundle(), activities: fake.activities });
    return worker.runUntil(fn({ fake, taskQueue }));
  }

  const envToday = () => workflowDriver(env).today();
  const complete = (...args: Parameters<ReturnType<typeof workflowDriver>['complete']>) => workflowDriver(env).complete(...args);
  /** The secretary records the session's decision once the session has come. */
  const decide = (...args: Parameters<ReturnType<typeof workflowDriver>['decide']>) => workflowDriver(env).decide(...args);

  async function start(taskQueue: string) {
    const input = aDossierInput({ procedure: 'social-aid', reference: 'MD-2026-000001', requestDate: await envToday() });
    const handle = await env.client.workflow.start(socialAidApplication, { args: [input], taskQueue, workflowId: `dossier-${input.dossierId}` });
    return { input, handle };
  }

  /** A request granted as an equivalent leefloon, notified: the dossier runs on as socialAidBenefit. */
  async function grantedEquivalentLeefloon(fake: Fake, taskQueue: string, found: Record<string, unknown>) {
    const { input, handle } = await start(taskQueue);
    await complete(handle.workflowId, fake, 'competence-check', outcomes.competent);
    await complete(handle.workflowId, fake, 'aid-inquiry', inquiry(input.requestDate, found));
    await complete(handle.workflowId, fake, 'aid-report', equivalentLeefloon(input.requestDate));
    const sessionDate = await decide(handle.workflowId, fake, { result: 'granted', aidForm: 'equivalent-leefloon', category: 2, monthlyAmountCents: 131_420, startDate: input.requestDate });
    await complete(handle.workflowId, fake, 'decision-notification', outcomes.notification(sessionDate));
    await eventually(async () => ((await handle.describe()).type === 'socialAidBenefit' ? true : undefined));
    return { input, handle, sessionDate };
  }

  /** 40 days into the aid, the CGVS's final negative decision notified 3 days ago is recorded (SA-9: the aid ends 30 days after it). */
  async function finalNegativeAsylumDecision(handle: { executeUpdate: WorkflowHandle['executeUpdate'] }) {
    await env.sleep('40 days');
    const today = await envToday();
    const notifiedOn = addDays(today, -3);
    await handle.executeUpdate(externalEventUpdate, {
      args: [{ eventId: 'e-asylum-1', type: 'asylum-final-negative', occurredOn: notifiedOn, reference: 'CGVS 123', data: { notifiedOn, authority: 'cgvs' }, recordedBy: 'u-1' }],
    });
    return { today, notifiedOn, endDate: addDays(notifiedOn, 30) };
  }

  it('grants an equivalent leefloon: decided within one calendar month (SA-3), notified (SA-4), paid as its own running workflow with the SA-8 home visit', async () => {
    await run(async ({ fake, taskQueue }) => {
      const { input, handle } = await start(taskQueue);
      await complete(handle.workflowId, fake, 'competence-check', outcomes.competent);
      await complete(handle.workflowId, fake, 'aid-inquiry', inquiry(input.requestDate));
      await complete(handle.workflowId, fake, 'aid-report', equivalentLeefloon(input.requestDate));
      expect(fake.of('scheduleAgendaItem')[0]).toMatchObject({
        kind: 'decision', decisionDue: addMonths(input.requestDate, 1).date, proposal: expect.objectContaining({ aidForm: 'equivalent-leefloon', category: 2 }),
      });
      const sessionDate = await decide(handle.workflowId, fake, { result: 'granted', aidForm: 'equivalent-leefloon', category: 2, monthlyAmountCents: 131_420, startDate: input.requestDate });
      await complete(handle.workflowId, fake, 'decision-notification', outcomes.notification(sessionDate));

      const benefit = await eventually(async () => ((await handle.describe()).type === 'socialAidBenefit' ? true : undefined));
      expect(benefit).toBe(true);
      const planned = fake.of('planDeadline').map((d) => [d.key, d.ruleId]);
      expect(planned.slice(0, 2)).toEqual([['decision', 'SA-3'], ['notification', 'SA-4']]);
      expect(planned).toContainEqual(['appeal', 'SA-5']);
      const letter = fake.of('issueLetter').find((l) => l.key === 'decision-letter');
      expect(letter).toMatchObject({ template: 'decision-grant', data: { category: 2, amount: { monthlyCents: 131_420 }, legalReasons: expect.stringContaining('art. 57') } });
      expect(letter.data.legalReasons).not.toContain('RMI');
      // Arrears from the start date through the payments activities, at the leefloon amounts (§1.3).
      await eventually(() => fake.of('orderPayment').length > 0 || undefined);
      expect(fake.of('orderPayment')[0]).toMatchObject({ kind: expect.stringMatching(/arrears|monthly/), amountCents: expect.any(Number) });
      // State-reimbursed aid: the yearly home visit is a legal term (SA-8) from the inquiry's visit.
      await eventually(() => fake.of('planDeadline').some((d) => d.ruleId === 'SA-8') || undefined);
      expect(fake.of('planDeadline').find((d) => d.ruleId === 'SA-8')).toMatchObject({ key: 'home-visit-1', triggerDate: input.requestDate });
      expect(fake.of('recordDossierEvent').map((e) => e.status)).toContain('ACTIVE');
      expect(fake.of('sendPodMiForm')).toEqual([]); // no RMI forms B/C for social aid
      // State-reimbursed: forms A and B1 (Wet 1965) at the start of the aid, each under SA-6 ([U]) from the start date.
      await eventually(() => fake.of('sendPartnerForm').length === 2 || undefined);
      expect(fake.of('sendPartnerForm').map((f) => f.formId)).toEqual(['wet1965:A', 'wet1965:B1']);
      expect(fake.of('sendPartnerForm')[1].content).toMatchObject({ aidForm: 'equivalent-leefloon', category: 2, frequency: 'monthly', startDate: input.requestDate, decisionDate: sessionDate });
      await eventually(() => fake.of('planDeadline').filter((d) => d.ruleId === 'SA-6').length === 2 || undefined);
      expect(fake.of('planDeadline').filter((d) => d.ruleId === 'SA-6').map((d) => d.triggerDate)).toEqual([input.requestDate, input.requestDate]);

      // The yearly home visit proposes a stop: the BCSD stops the aid, the stop letter is notified, form C goes out.
      await env.sleep('340 days');
      const reviewDay = todayInBrussels(await env.currentTimeMs());
      await complete(handle.workflowId, fake, 'yearly-review', { homeVisitDate: reviewDay, proposal: 'stop', category: 2, monthlyResourcesCents: 200_000, endDate: addDays(reviewDay, 10), motivation: 'Werk gevonden.' });
      const stopped = await decide(handle.workflowId, fake, { result: 'stopped' });
      await complete(handle.workflowId, fake, 'decision-notification', outcomes.notification(stopped));
      await eventually(() => fake.of('sendPartnerForm').some((f) => f.formId === 'wet1965:C') || undefined);
      expect(fake.of('sendPartnerForm').find((f) => f.formId === 'wet1965:C').content).toMatchObject({ decisionDate: stopped, endDate: addDays(reviewDay, 10) });
      expect(fake.of('issueLetter').map((l) => l.template)).toContain('decision-stop');
      // State-reimbursed: stopped, but open for the last claims (SA-10).
      expect(fake.of('recordDossierEvent').find((e) => e.type === 'stopped')).toMatchObject({ status: 'REIMBURSEMENT_CLAIMS' });
      await handle.terminate('test done');
    });
  });

  it('refuses a grant for an applicant with code 207 (art. 57ter OCMW-wet): the report cannot propose it, the council cannot decide it, the refusal cites art. 57ter', async () => {
    await run(async ({ fake, taskQueue }) => {
      const { input, handle } = await start(taskQueue);
      await complete(handle.workflowId, fake, 'competence-check', outcomes.competent);
      await complete(handle.workflowId, fake, 'aid-inquiry', inquiry(input.requestDate, { residenceStatus: 'international-protection', rijksregisterCode: '207', stateReimbursed: false }));
      const err = await complete(handle.workflowId, fake, 'aid-report', oneOff).catch((e) => e);
      expect(err).toBeInstanceOf(WorkflowUpdateFailedError);
      expect(err.cause.type).toBe(TASK_FAILURES.validation);
      expect(err.cause.details[0]).toEqual([expect.objectContaining({ path: '/proposal', code: 'no-right-code-207' })]);
      await complete(handle.workflowId, fake, 'aid-report', { proposal: 'refuse', motivation: 'Code 207: opvang door Fedasil.' });

      const granted = await decide(handle.workflowId, fake, { result: 'granted', aidForm: 'one-off', amountCents: 45_000, aidDescription: 'Factuur.' }).catch((e) => e);
      expect(granted).toBeInstanceOf(WorkflowUpdateFailedError);
      expect(granted.cause.details[0].map((e: { code: string }) => e.code)).toEqual(['no-right-code-207']);
      const sessionDate = await decide(handle.workflowId, fake, { result: 'refused' });
      await complete(handle.workflowId, fake, 'decision-notification', outcomes.notification(sessionDate));
      const letter = await eventually(() => fake.of('issueLetter').find((l) => l.key === 'decision-letter'));
      expect(letter.template).toBe('decision-refusal');
      expect(letter.data.legalReasons).toContain('Art. 57ter OCMW-wet');
      expect(fake.of('orderPayment')).toEqual([]);
      await handle.terminate('test done');
    });
  });

  it('pays a one-off amount once to a party of the dossier (payment kind one-off, period once:<key>) and ends once the appeal window (SA-5) has run out', async () => {
    await run(async ({ fake, taskQueue }) => {
      const { input, handle } = await start(taskQueue);
      await complete(handle.workflowId, fake, 'competence-check', outcomes.competent);
      await complete(handle.workflowId, fake, 'aid-inquiry', inquiry(input.requestDate, { rijksregisterCode: '206', stateReimbursed: false }));
      await complete(handle.workflowId, fake, 'aid-report', oneOff);
      const supplier = '5b0c6f1e-8d3a-4c2e-9f71-2a4d6e8b0c13';
      const sessionDate = await decide(handle.workflowId, fake, { result: 'granted', aidForm: 'one-off', amountCents: 45_000, aidDescription: 'Achterstallige energiefactuur.', payeePartyId: supplier });
      await complete(handle.workflowId, fake, 'decision-notification', outcomes.notification(sessionDate));
      await eventually(() => fake.of('recordDossierEvent').some((e) => e.status === 'AID_GRANTED') || undefined);
      expect(fake.of('orderPayment')).toEqual([expect.objectContaining({ kind: 'one-off', amountCents: 45_000, period: `once:aid-${sessionDate}`, payee: { partyId: supplier } })]);
      const letter = fake.of('issueLetter').find((l) => l.key === 'decision-letter');
      expect(letter.data.aid).toEqual({ kind: 'one-off', label: 'Eenmalige financiële steun', description: 'Achterstallige energiefactuur.', amountCents: 45_000 });
      expect(letter.data.amount).toBeUndefined();
      // The dossier stays open for the appeal (3 judicial months), then ends with the aid granted.
      await env.sleep('100 days');
      expect(await handle.result()).toEqual({ status: 'AID_GRANTED', decision: 'granted', aidForm: 'one-off' });
      expect(fake.of('orderPayment')).toHaveLength(1);
    });
  });

  it('claims the state\'s reimbursement while the aid runs (Wet 1965): D1 from the aid paid, D2 and F from an invoice, B2 for medical aid; each form followed by its business key', async () => {
    await run(async ({ fake, taskQueue }) => {
      const { input, handle } = await grantedEquivalentLeefloon(fake, taskQueue, {});
      await env.sleep('70 days');
      const today = await envToday();
      const send = (eventId: string, type: string, data: Record<string, unknown>, reference: string | null = null) =>
        handle.executeUpdate(externalEventUpdate, { args: [{ eventId, type, occurredOn: today, reference, data, recordedBy: 'u-fin' }] });
      // D1: what was paid from the start to today, read from the payments (the arrears and the monthly payments since).
      await send('e-d1', 'wet1965-claim', { form: 'D1', periodFrom: input.requestDate, periodTo: today });
      const d1 = await eventually(() => fake.of('sendPartnerForm').find((f) => f.formId === 'wet1965:D1'));
      const paid = (await fake.activities.reimbursableCosts({ dossierId: input.dossierId, from: input.requestDate, to: today }));
      expect(paid.length).toBeGreaterThan(1);
      expect(d1.content).toEqual({ periodFrom: input.requestDate, periodTo: today, costs: paid, totalCents: paid.reduce((n, c) => n + c.amountCents, 0) });
      // A period without aid paid sends nothing, and the timeline says so.
      await send('e-d1-empty', 'wet1965-claim', { form: 'D1', periodFrom: addDays(input.requestDate, -60), periodTo: addDays(input.requestDate, -31) });
      await eventually(() => fake.of('recordDossierEvent').find((e) => e.type === 'wet1965-claim-empty'));
      // Two invoices of one period are two D2 claims (their references tell them apart); F for a first home; B2.
      const invoice = (n: number) => ({ form: 'D2', periodFrom: addDays(today, -20), periodTo: today, description: `Factuur ziekenhuis ${n}`, amountCents: 10_000 * n, paidOn: today });
      await send('e-d2-1', 'wet1965-claim', invoice(1), 'INV-1');
      await send('e-d2-2', 'wet1965-claim', invoice(2), 'INV-2');
      await send('e-f', 'wet1965-claim', { form: 'F', homeTakenOn: addDays(today, -5), description: 'Eerste maand huur', amountCents: 55_000, paidOn: today });
      await send('e-b2', 'wet1965-medical-aid', { decisionDate: today, kind: 'urgent-medical-aid', startDate: today, careProvider: 'AZ Sint-Jan' });
      await eventually(() => (fake.of('sendPartnerForm').length === 7 ? true : undefined));
      const forms = fake.of('sendPartnerForm').slice(2);
      expect(forms.map((f) => f.formId)).toEqual(['wet1965:D1', 'wet1965:D2', 'wet1965:D2', 'wet1965:F', 'wet1965:B2']);
      expect(forms[1].content).toMatchObject({ claimRef: 'INV-1', totalCents: 10_000, costs: [{ description: 'Factuur ziekenhuis 1', amountCents: 10_000, paidOn: today }] });
      expect(forms[2].content).toMatchObject({ claimRef: 'INV-2', totalCents: 20_000 });
      expect(forms[3].content).toMatchObject({ homeTakenOn: addDays(today, -5), totalCents: 55_000, claimRef: 'e-f' });
      // B2 goes under SA-6 ([U]) from the start of the covered care; the claims have no legal clock, only reminders.
      await eventually(() => fake.of('planDeadline').find((d) => d.key === `wet1965-B2-${today}`));
      expect(fake.of('planDeadline').find((d) => d.key === `wet1965-B2-${today}`)).toMatchObject({ ruleId: 'SA-6', triggerDate: today });
      expect(fake.of('planDeadline').filter((d) => String(d.key).startsWith('wet1965-D'))).toEqual([]);
      await handle.terminate('test done');
    });
  });

  it('CO-4 in a running equivalent leefloon: a move where this OCMW stays competent (no stop proposed) changes nothing but the timeline and the letters', async () => {
    await run(async ({ fake, taskQueue }) => {
      const { handle } = await grantedEquivalentLeefloon(fake, taskQueue, {});
      await env.sleep('20 days');
      const today = await envToday();
      await handle.executeUpdate(externalEventUpdate, {
        args: [{ eventId: 'e-move', type: 'competence-changed', occurredOn: today, reference: null, data: { since: today, newOcmw: '24062', reasons: 'Ingeschreven te Leuven.' }, recordedBy: 'mw' }],
      });
      await complete(handle.workflowId, fake, 'forward-request', { forwardedTo: 'OCMW Leuven', forwardDate: today, reasons: 'Ter informatie.' });
      await complete(handle.workflowId, fake, 'forwarding-letter', { sentDate: today, mode: 'letter' });
      await complete(handle.workflowId, fake, 'competence-change-stop', { proposeStop: false, motivation: 'Verblijft nog in het woonzorgcentrum: art. 2 §1, dit OCMW blijft bevoegd.' });
      const handled = await eventually(() => fake.of('recordDossierEvent').find((e) => e.type === 'competence-change-handled'));
      expect(handled.description).toBe('OCMW Leuven en de cliënt ingelicht; geen stopzetting: dit OCMW blijft bevoegd');
      await env.sleep('35 days');
      expect(fake.of('scheduleAgendaItem').filter((i) => i.proposal?.proposal === 'stop')).toEqual([]);
      expect(fake.of('cancelFuturePayments')).toEqual([]);
      expect((await handle.query(dossierStateQuery)).status).toBe('ACTIVE');
      await handle.terminate('test done');
    });
  });

  it('ends a running equivalent leefloon SA-9 days after a final negative asylum decision is notified (an event from outside), with its stop letter', async () => {
    await run(async ({ fake, taskQueue }) => {
      const { handle } = await grantedEquivalentLeefloon(fake, taskQueue, { residenceStatus: 'international-protection', rijksregisterCode: '206', stateReimbursed: false });
      // The CGVS's final negative decision, notified 3 days ago, is recorded: the aid ends 30 calendar days after that.
      const { today, notifiedOn, endDate } = await finalNegativeAsylumDecision(handle);
      await eventually(() => fake.of('planDeadline').find((d) => d.ruleId === 'SA-9'));
      expect(fake.of('planDeadline').find((d) => d.ruleId === 'SA-9')).toMatchObject({ key: 'asylum-end-of-aid', triggerDate: notifiedOn });
      const letter = await eventually(() => fake.of('issueLetter').find((l) => l.template === 'decision-stop'));
      expect(letter.data).toMatchObject({ effectiveDate: addDays(endDate, 1) });
      expect(letter.data.factualReasons).toContain('30 kalenderdagen');
      // Every month up to the last day of aid is ordered, the last one pro rata; nothing after it.
      const last = fake.of('orderPayment').filter((p) => p.kind === 'monthly').at(-1);
      expect(last.period).toBe(endDate.slice(0, 7));
      expect(last.computation.coverage.days).toBe(Number(endDate.slice(8, 10)));
      expect(fake.of('cancelFuturePayments')).toEqual([expect.objectContaining({ fromPeriod: expect.any(String) })]);
      await complete(handle.workflowId, fake, 'decision-notification', outcomes.notification(today));
      expect(await handle.result()).toMatchObject({ status: 'STOPPED' });
      expect(fake.of('recordDossierEvent').map((e) => e.status)).toContain('STOPPED');
    });
  });

  /** POD MI acknowledges every form sent so far (the outbox exported it; the fake's ids are `pm-<kind>-<ref>`). */
  async function acknowledgeAll(fake: Fake, workflowId: string) {
    const handle = env.client.workflow.getHandle(workflowId);
    const sentOn = await envToday();
    for (const f of fake.of('sendPartnerForm')) {
      const form = partnerForm(f.formId);
      const partnerMessageId = `pm-${form.kind}-${form.refOf(f.content)}`;
      await handle.executeUpdate(partnerMessageExportedUpdate, { args: [{ partnerMessageId, sentOn }] });
      await handle.executeUpdate(partnerMessageAcknowledgedUpdate, { args: [{ partnerMessageId, sentOn }] });
    }
  }

  it('keeps state-reimbursed aid that ended open for its last claims (SA-10 [U]): a D1 for the final months after the stop, then closed once the window ran out and POD MI acknowledged every form', async () => {
    await run(async ({ fake, taskQueue }) => {
      const { input, handle } = await grantedEquivalentLeefloon(fake, taskQueue, { residenceStatus: 'international-protection', rijksregisterCode: '206' });
      const { endDate } = await finalNegativeAsylumDecision(handle);
      await eventually(() => fake.of('issueLetter').find((l) => l.template === 'decision-stop'));
      // Stopped, but not closed: the last claims may still come until 12 months after the last day of aid.
      const stopped = fake.of('recordDossierEvent').find((e) => e.type === 'stopped');
      expect(stopped).toMatchObject({ status: 'REIMBURSEMENT_CLAIMS' });
      expect(stopped.closed).toBeUndefined();
      await complete(handle.workflowId, fake, 'decision-notification', outcomes.notification(await envToday()));
      const window = await eventually(() => fake.of('planDeadline').find((d) => d.ruleId === 'SA-10'));
      expect(window).toMatchObject({ key: 'wet1965-last-claims', triggerDate: endDate, kind: 'window' });
      const opened = await eventually(() => fake.of('recordDossierEvent').find((e) => e.type === 'wet1965-last-claims'));
      expect(opened.description).toBe(
        `Steun beëindigd op ${formatDateNl(endDate)}; de laatste aanvragen tot terugbetaling door de Staat (Wet 1965) kunnen nog tot en met ${formatDateNl(addMonths(endDate, 12).date)}`,
      );
      // Two months after the end, finance claims the final months: D1 from the payments, as while the aid ran.
      await env.sleep('60 days');
      const claimedOn = await envToday();
      await handle.executeUpdate(externalEventUpdate, {
        args: [{ eventId: 'e-d1-last', type: 'wet1965-claim', occurredOn: claimedOn, reference: null, data: { form: 'D1', periodFrom: input.requestDate, periodTo: endDate }, recordedBy: 'u-fin' }],
      });
      const d1 = await eventually(() => fake.of('sendPartnerForm').find((f) => f.formId === 'wet1965:D1'));
      expect(d1.content.periodTo).toBe(endDate);
      expect(d1.content.totalCents).toBeGreaterThan(0);
      // The window runs out; the dossier waits for POD MI to acknowledge what was sent, then closes.
      await env.sleep('345 days');
      expect(fake.of('setDeadlineStatus').filter((d) => d.key === 'wet1965-last-claims').at(-1)).toBeDefined();
      expect((await handle.describe()).status.name).toBe('RUNNING');
      await acknowledgeAll(fake, handle.workflowId);
      expect(await handle.result()).toMatchObject({ status: 'STOPPED' });
      const closed = fake.of('recordDossierEvent').at(-1);
      expect(closed).toMatchObject({ type: 'closed', status: 'STOPPED', closed: true });
    });
  });

  it('claims the costs of state-reimbursed aid given once after it was paid (D1 for the payment), within SA-10, then closes', async () => {
    await run(async ({ fake, taskQueue }) => {
      const { input, handle } = await start(taskQueue);
      await complete(handle.workflowId, fake, 'competence-check', outcomes.competent);
      await complete(handle.workflowId, fake, 'aid-inquiry', inquiry(input.requestDate));
      await complete(handle.workflowId, fake, 'aid-report', oneOff);
      const sessionDate = await decide(handle.workflowId, fake, { result: 'granted', aidForm: 'one-off', amountCents: 45_000, aidDescription: 'Achterstallige energiefactuur.' });
      await complete(handle.workflowId, fake, 'decision-notification', outcomes.notification(sessionDate));
      const opened = await eventually(() => fake.of('recordDossierEvent').find((e) => e.type === 'wet1965-last-claims'));
      expect(opened).toMatchObject({ status: 'REIMBURSEMENT_CLAIMS' });
      expect(fake.of('planDeadline').find((d) => d.ruleId === 'SA-10')).toMatchObject({ triggerDate: sessionDate });
      await env.sleep('10 days');
      await handle.executeUpdate(externalEventUpdate, {
        args: [{ eventId: 'e-d1-once', type: 'wet1965-claim', occurredOn: await envToday(), reference: null, data: { form: 'D1', periodFrom: sessionDate, periodTo: await envToday() }, recordedBy: 'u-fin' }],
      });
      const d1 = await eventually(() => fake.of('sendPartnerForm').find((f) => f.formId === 'wet1965:D1'));
      expect(d1.content.totalCents).toBe(45_000);
      await acknowledgeAll(fake, handle.workflowId);
      await env.sleep('370 days');
      expect(await handle.result()).toEqual({ status: 'AID_GRANTED', decision: 'granted', aidForm: 'one-off' });
      expect(fake.of('recordDossierEvent').at(-1)).toMatchObject({ type: 'closed', status: 'AID_GRANTED', closed: true });
    });
  });

  it('recovers aid for a period with benefits paid back later (art. 99 §1), up to their amount, by a BCSD decision with its letter', async () => {
    await run(async ({ fake, taskQueue }) => {
      const { input, handle } = await grantedEquivalentLeefloon(fake, taskQueue, { stateReimbursed: false });
      await env.sleep('60 days');

      const periodFrom = input.requestDate;
      const periodTo = addDays(input.requestDate, 29);
      await handle.executeUpdate(externalEventUpdate, {
        args: [{ eventId: 'e-back-paid-1', type: 'benefits-back-paid', occurredOn: await envToday(), reference: null, data: { payer: 'de RVA', periodFrom, periodTo, amountCents: 90_000 }, recordedBy: 'u-1' }],
      });
      // Never more than what was paid back for the period.
      const tooMuch = await complete(handle.workflowId, fake, 'recovery-proposal', { aidPaidCents: 131_420, recoverCents: 100_000, subrogation: true, motivation: 'RVA betaalde achteraf.' }).catch((e) => e);
      expect(tooMuch).toBeInstanceOf(WorkflowUpdateFailedError);
      expect(tooMuch.cause.details[0]).toEqual([expect.objectContaining({ path: '/recoverCents', code: 'too-much' })]);
      await complete(handle.workflowId, fake, 'recovery-proposal', { aidPaidCents: 131_420, recoverCents: 90_000, subrogation: true, motivation: 'RVA betaalde achteraf.' });
      expect(fake.of('scheduleAgendaItem').at(-1)).toMatchObject({ proposal: { proposal: 'recover', amountCents: 90_000 } });
      const decided = await decide(handle.workflowId, fake, { result: 'recovered', amountCents: 90_000 });
      await complete(handle.workflowId, fake, 'decision-notification', outcomes.notification(decided));
      const letter = await eventually(() => fake.of('issueLetter').find((l) => l.template === 'decision-recovery'));
      expect(letter.data.recovery).toEqual({ amountCents: 90_000, periodFrom, periodTo, payer: 'de RVA', subrogation: true });
      expect(letter.data.legalReasons).toContain('Art. 99 §1 OCMW-wet');
      expect(fake.of('planDeadline').map((d) => d.ruleId)).toContain('SA-5');
      await handle.terminate('test done');
    });
  });

  it('goes on with a recovery begun before the yearly review in the next year\'s run (the same task, then its BCSD decision and letter)', async () => {
    await run(async ({ fake, taskQueue }) => {
      const { input, handle } = await grantedEquivalentLeefloon(fake, taskQueue, { stateReimbursed: false });
      await env.sleep('340 days'); // the yearly review is open
      await eventually(() => fake.openTasks().find((t) => t.kind === 'yearly-review'));
      await handle.executeUpdate(externalEventUpdate, {
        args: [{ eventId: 'e-back-paid-2', type: 'benefits-back-paid', occurredOn: await envToday(), reference: null, data: { payer: 'het ziekenfonds', periodFrom: input.requestDate, periodTo: addDays(input.requestDate, 29), amountCents: 50_000 }, recordedBy: 'u-1' }],
      });
      const task = await eventually(() => fake.openTasks().find((t) => t.kind === 'recovery-proposal'));
      const firstRun = (await handle.describe()).runId;
      await complete(handle.workflowId, fake, 'yearly-review', { homeVisitDate: await envToday(), proposal: 'continue', category: 2, monthlyResourcesCents: 0, motivation: 'Ongewijzigd.' });
      await eventually(async () => ((await handle.describe()).runId !== firstRun ? true : undefined));
      // The next year's run takes the open task over (same id) and goes on with the recovery.
      await complete(handle.workflowId, fake, 'recovery-proposal', { aidPaidCents: 131_420, recoverCents: 50_000, subrogation: false, motivation: 'Ziekenfonds betaalde achteraf.' });
      expect(fake.of('openTask').filter((t) => t.kind === 'recovery-proposal').map((t) => t.taskId)).toEqual([task.taskId]);
      const decided = await decide(handle.workflowId, fake, { result: 'recovered', amountCents: 50_000 });
      await complete(handle.workflowId, fake, 'decision-notification', outcomes.notification(decided));
      const letter = await eventually(() => fake.of('issueLetter').find((l) => l.template === 'decision-recovery'));
      expect(letter.data.recovery).toMatchObject({ amountCents: 50_000, payer: 'het ziekenfonds', subrogation: false });
      await handle.terminate('test done');
    });
  });

  it('records aid in kind with its letter, and pays nothing', async () => {
    await run(async ({ fake, taskQueue }) => {
      const { input, handle } = await start(taskQueue);
      await complete(handle.workflowId, fake, 'competence-check', outcomes.competent);
      await complete(handle.workflowId, fake, 'aid-inquiry', inquiry(input.requestDate));
      await complete(handle.workflowId, fake, 'aid-report', { proposal: 'grant', aidForm: 'in-kind', aidDescription: 'Voedselpakketten gedurende drie maanden.', motivation: 'Nood.' });
      const sessionDate = await decide(handle.workflowId, fake, { result: 'granted', aidForm: 'in-kind', aidDescription: 'Voedselpakketten gedurende drie maanden.' });
      await complete(handle.workflowId, fake, 'decision-notification', outcomes.notification(sessionDate));
      const event = await eventually(() => fake.of('recordDossierEvent').find((e) => e.status === 'AID_GRANTED'));
      expect(event.description).toBe('Hulp in natura toegekend: Voedselpakketten gedurende drie maanden.');
      expect(fake.of('issueLetter').find((l) => l.key === 'decision-letter').data.aid).toMatchObject({ kind: 'in-kind' });
      expect(fake.of('orderPayment')).toEqual([]);
      await handle.terminate('test done');
    });
  });

  it('lets the SA-3 term lapse after one calendar month (not 30 days) and opens the appeal for the absence of a decision (SA-5-NO-DECISION)', async () => {
    await run(async ({ fake, taskQueue }) => {
      const { input, handle } = await start(taskQueue);
      await complete(handle.workflowId, fake, 'competence-check', outcomes.competent);
      const due = addMonths(input.requestDate, 1).date;
      expect(fake.of('planDeadline')[0]).toMatchObject({ key: 'decision', ruleId: 'SA-3' });
      expect((await handle.query(dossierStateQuery)).deadlines[0]).toMatchObject({ key: 'decision', ruleId: 'SA-3', dueDate: due, status: 'running' });
      await env.sleep(`${daysBetween(input.requestDate, due) + 1} days`);
      const state = await eventually(async () => {
        const s = await handle.query(dossierStateQuery);
        return s.deadlines.some((d) => d.key === 'appeal-no-decision') ? s : undefined;
      });
      expect(state.deadlines[0]).toMatchObject({ key: 'decision', status: 'breached' });
      expect(fake.of('planDeadline').find((d) => d.key === 'appeal-no-decision')).toMatchObject({ ruleId: 'SA-5-NO-DECISION', kind: 'window', triggerDate: due });
      expect(fake.of('raiseEscalation').map((e) => [e.key, e.level])).toContainEqual(['decision', 'breach']);
      await handle.terminate('test done');
    });
  });
});

import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { addDays, daysBetween } from '../../../libs/deadlines/calendar-date';
import { DEFAULT_LEEFLOON_AMOUNTS, monthlyLeefloon } from '../../../libs/payments/amounts';
import { addPeriods, periodOf } from '../../../libs/payments/schedule';
import { BenefitInput, leefloonBenefit } from '../../../workflows/leefloon/leefloon-benefit.workflow';
import { completeTaskUpdate, councilDecisionUpdate, dossierStateQuery, externalEventUpdate, partnerMessageAnsweredSignal, partnerMessageSentSignal } from '../../../workflows/shared/dossier.messages';
import { formatDateNl } from '../../../libs/format/dutch';
import { aDossierInput, todayInBrussels } from '../../support/factories';
import { fakeActivities } from '../../support/fake-activities';
import { eventually, sleepPast, timeSkippingEnv, uniqueTaskQueue, workflowBundle } from '../../support/temporal';

/** A test amount table: the built-in one plus an indexation in the middle of the simulated period. */
function withIndexation(month: string) {
  return [
    ...DEFAULT_LEEFLOON_AMOUNTS,
    { validFrom: `${month}-01`, amountsCents: { 1: 90_000, 2: 135_000, 3: 182_000 }, source: 'U' as const, reference: 'test indexation' },
  ];
}

describe('leefloonBenefit: a granted leefloon while it runs (time-skipping)', () => {
  let env: TestWorkflowEnvironment;
  // One test server per test: time is global to a server, and a dossier that continued as new keeps timers there.
  beforeEach(async () => {
    env = await timeSkippingEnv();
  });
  afterEach(async () => {
    await env?.teardown();
  });

  async function start(fake: ReturnType<typeof fakeActivities>, taskQueue: string, overrides: Partial<BenefitInput['grant']> = {}) {
    const today = todayInBrussels(await env.currentTimeMs());
    const dossier = aDossierInput({ requestDate: addDays(today, -20), settings: { warningDays: 7, timeZone: 'Europe/Brussels', payday: 1 } });
    const input: BenefitInput = {
      dossier,
      grant: { category: 2, monthlyResourcesCents: 20_000, startDate: addDays(today, -20), decisionDate: today, ...overrides },
      year: 1,
      nextPeriod: null,
      lastHomeVisit: addDays(today, -20),
      gpmi: { signed: false, lastEvaluation: null },
    };
    const handle = await env.client.workflow.start(leefloonBenefit, { args: [input], taskQueue, workflowId: `dossier-${dossier.dossierId}` });
    return { handle, input, today };
  }

  async function completeOpen(fake: ReturnType<typeof fakeActivities>, workflowId: string, kind: string, outcome: Record<string, unknown>) {
    const task = await eventually(() => fake.openTasks().find((t) => t.kind === kind));
    return env.client.workflow.getHandle(workflowId).executeUpdate(completeTaskUpdate, { args: [{ taskId: task.taskId, userId: 'mw', userRole: 'social-worker', outcome }] });
  }

  it('pays arrears pro rata and then exactly one payment a month for 14 months, across an indexation and a yearly review', async () => {
    const today = todayInBrussels(await env.currentTimeMs());
    const indexationMonth = addPeriods(periodOf(today), 6);
    const fake = fakeActivities({ amounts: withIndexation(indexationMonth) });
    const taskQueue = uniqueTaskQueue('benefit');
    const worker = await Worker.create({ connection: env.nativeConnection, taskQueue, workflowBundle: await workflowBundle(), activities: fake.activities });
    await worker.runUntil(async () => {
      const { handle, input } = await start(fake, taskQueue);
      await completeOpen(fake, handle.workflowId, 'gpmi-signature', { signedOn: today, type: 'training', goals: 'Opleiding Nederlands' });

      await env.sleep('330 days'); // the review task opens 30 days before the home visit is a year old
      await completeOpen(fake, handle.workflowId, 'yearly-review', {
        homeVisitDate: todayInBrussels(await env.currentTimeMs()),
        proposal: 'continue',
        category: 2,
        monthlyResourcesCents: 20_000,
        motivation: 'Geen wijzigingen.',
      });
      await env.sleep('100 days');

      const payments = fake.of('orderPayment');
      const keys = payments.map((p) => `${p.kind}:${p.period}`);
      expect(new Set(keys).size).toBe(keys.length); // never twice for the same month and kind
      const startPeriod = periodOf(input.grant.startDate);
      const arrears = payments.filter((p) => p.kind === 'arrears');
      expect(arrears.map((p) => p.period)[0]).toBe(startPeriod);
      const firstFull = monthlyLeefloon({ category: 2, monthlyResourcesCents: 20_000, month: startPeriod, table: DEFAULT_LEEFLOON_AMOUNTS }).amountCents;
      expect(arrears[0].amountCents).toBeLessThan(firstFull); // the start month pro rata
      const months = payments.map((p) => p.period);
      for (let i = 1; i < months.length; i++) expect(months[i]).toBe(addPeriods(months[i - 1], 1)); // no month skipped
      expect(months.length).toBeGreaterThanOrEqual(14);
      const before = payments.find((p) => p.period === addPeriods(indexationMonth, -1))!.amountCents;
      const after = payments.find((p) => p.period === indexationMonth)!.amountCents;
      expect(after).toBe(135_000 - 20_000);
      expect(before).toBe(firstFull);
      // The review continued the dossier as new: a small history, the same workflow id.
      const description = await handle.describe();
      expect(description.runId).not.toBe(handle.firstExecutionRunId);
      expect(fake.of('setDeadlineStatus')).toContainEqual(expect.objectContaining({ key: 'review-1', status: 'met' }));
      expect(fake.of('setDeadlineStatus')).toContainEqual(expect.objectContaining({ key: 'gpmi', status: 'met', metDate: today }));
      await handle.terminate('test done');
    });
  });

  it('stops payments after a stop decision of the BCSD, and sends form C to POD MI', async () => {
    const fake = fakeActivities();
    const taskQueue = uniqueTaskQueue('benefit');
    const worker = await Worker.create({ connection: env.nativeConnection, taskQueue, workflowBundle: await workflowBundle(), activities: fake.activities });
    await worker.runUntil(async () => {
      const { handle } = await start(fake, taskQueue);
      await env.sleep('335 days');
      const reviewDay = todayInBrussels(await env.currentTimeMs());
      const endDate = addDays(reviewDay, 10);
      await completeOpen(fake, handle.workflowId, 'yearly-review', {
        homeVisitDate: reviewDay, proposal: 'stop', category: 2, monthlyResourcesCents: 200_000, endDate, motivation: 'Werk gevonden.',
      });
      const item = await eventually(() => fake.scheduled()[0]);
      const now = todayInBrussels(await env.currentTimeMs());
      await sleepPast(env, item.sessionDate);
      await handle.executeUpdate(councilDecisionUpdate, {
        args: [{ itemId: item.itemId, result: 'stopped', decisionDate: item.sessionDate, motivation: 'Voldoende bestaansmiddelen.', userId: 'secretary' }],
      });
      const signedOn = todayInBrussels(await env.currentTimeMs());
      await completeOpen(fake, handle.workflowId, 'decision-notification', { mode: 'against-receipt', date: signedOn });
      // The dossier closes once form C has left for POD MI (LL-5 met) and POD MI confirmed it.
      await eventually(() => fake.of('sendPodMiForm').some((f) => f.form === 'C') || undefined);
      await handle.signal(partnerMessageSentSignal, { partnerMessageId: 'pm-C', sentOn: signedOn });
      await handle.signal(partnerMessageAnsweredSignal, { partnerMessageId: 'pm-C' });
      expect(await handle.result()).toMatchObject({ status: 'STOPPED' });
      expect(fake.of('issueLetter').map((l) => l.template)).toEqual(['decision-stop']);
      expect(fake.of('cancelFuturePayments')).toEqual([expect.objectContaining({ fromPeriod: addPeriods(periodOf(endDate), 1) })]);
      expect(fake.of('sendPodMiForm').map((f) => [f.form, f.decision])).toContainEqual(['C', 'stop']);
      const lastPaid = fake.of('orderPayment').at(-1).period;
      expect(lastPaid <= periodOf(endDate)).toBe(true);
      expect((await handle.query(dossierStateQuery)).status).toBe('STOPPED');
    });
  });

  it('CO-4: competence changes (a move): the new OCMW and the client are informed, a stop is proposed from that day, and only the BCSD stops it', async () => {
    const fake = fakeActivities();
    const taskQueue = uniqueTaskQueue('benefit');
    const worker = await Worker.create({ connection: env.nativeConnection, taskQueue, workflowBundle: await workflowBundle(), activities: fake.activities });
    await worker.runUntil(async () => {
      const { handle } = await start(fake, taskQueue);
      await env.sleep('40 days');
      const today = todayInBrussels(await env.currentTimeMs());
      const movedOn = addDays(today, -3);
      const change = (eventId: string, since: string) => handle.executeUpdate(externalEventUpdate, {
        args: [{ eventId, type: 'competence-changed', occurredOn: today, reference: null, data: { since, newOcmw: '11002', reasons: 'Verhuisd naar Antwerpen.' }, recordedBy: 'mw' }],
      });
      await change('e-move-1', movedOn);
      // The timeline says since when and who is competent now; three tasks open: inform the OCMW, the client, propose.
      const changed = await eventually(() => fake.of('recordDossierEvent').find((e) => e.type === 'competence-changed'));
      expect(changed.description).toBe(`Dit OCMW is niet meer bevoegd vanaf ${formatDateNl(movedOn)}: bevoegd is nu OCMW Antwerpen (Verhuisd naar Antwerpen.)`);
      await eventually(() => (fake.openTasks().filter((t) => ['forward-request', 'forwarding-letter', 'competence-change-stop'].includes(t.kind)).length === 3 ? true : undefined));
      // Never a stop by itself: the payments go on while the tasks are open.
      const paidBefore = fake.of('orderPayment').length;
      await env.sleep('35 days');
      expect(fake.of('orderPayment').length).toBeGreaterThan(paidBefore);
      expect(fake.of('cancelFuturePayments')).toEqual([]);
      await completeOpen(fake, handle.workflowId, 'forward-request', { forwardedTo: 'OCMW Antwerpen', forwardDate: today, reasons: 'Verhuisd naar Antwerpen.' });
      await completeOpen(fake, handle.workflowId, 'forwarding-letter', { sentDate: today, mode: 'letter' });
      // A stop from before the day competence ended is refused.
      const early = await completeOpen(fake, handle.workflowId, 'competence-change-stop', { proposeStop: true, stopFrom: addDays(movedOn, -1), motivation: 'Verhuisd.' }).catch((e) => e);
      expect(early.cause.details[0]).toEqual([expect.objectContaining({ path: '/stopFrom', code: 'too-early' })]);
      await completeOpen(fake, handle.workflowId, 'competence-change-stop', { proposeStop: true, stopFrom: movedOn, motivation: 'Verhuisd naar Antwerpen: daar bevoegd.' });
      // The stop goes to the BCSD as the review's would, from the day competence ended.
      const item = await eventually(() => fake.scheduled()[0]);
      // (the proposal's date is the last day of aid, as the review's stop has it)
      expect(fake.of('scheduleAgendaItem').at(-1).proposal).toMatchObject({ proposal: 'stop', startDate: addDays(movedOn, -1), motivation: 'Verhuisd naar Antwerpen: daar bevoegd.' });
      const now = todayInBrussels(await env.currentTimeMs());
      await sleepPast(env, item.sessionDate);
      await handle.executeUpdate(councilDecisionUpdate, {
        args: [{ itemId: item.itemId, result: 'stopped', decisionDate: item.sessionDate, motivation: 'Niet meer bevoegd sinds de verhuis.', userId: 'secretary' }],
      });
      expect(fake.of('cancelFuturePayments')).toEqual([expect.objectContaining({ fromPeriod: addPeriods(periodOf(addDays(movedOn, -1)), 1) })]);
      await eventually(() => fake.of('issueLetter').find((l) => l.template === 'decision-stop'));
      await handle.terminate('test done');
    });
  });

  it('CO-3: POD MI\'s final answer on a conflict: naming this OCMW confirms it; naming another is a change of competence from the day of the answer', async () => {
    const fake = fakeActivities();
    const taskQueue = uniqueTaskQueue('benefit');
    const worker = await Worker.create({ connection: env.nativeConnection, taskQueue, workflowBundle: await workflowBundle(), activities: fake.activities });
    await worker.runUntil(async () => {
      const { handle } = await start(fake, taskQueue);
      await env.sleep('10 days');
      const today = todayInBrussels(await env.currentTimeMs());
      const answer = (eventId: string, competentOcmw: string, occurredOn: string) => handle.executeUpdate(externalEventUpdate, {
        args: [{ eventId, type: 'competence-conflict-decided', occurredOn, reference: null, data: { competentOcmw, podMiReference: 'CC/2026/17' }, recordedBy: 'mw' }],
      });
      // This OCMW is Gent (44021): the answer confirms the provisional designation, and nothing opens.
      await answer('e-final-1', '44021', today);
      const confirmed = await eventually(() => fake.of('recordDossierEvent').find((e) => e.type === 'competence-confirmed'));
      expect(confirmed.description).toBe(`De POD MI besliste op ${formatDateNl(today)} definitief dat dit OCMW bevoegd is`);
      expect(fake.openTasks().filter((t) => ['forward-request', 'forwarding-letter', 'competence-change-stop'].includes(t.kind))).toEqual([]);
      expect(fake.of('recordDossierEvent').find((e) => e.type === 'competence-changed')).toBeUndefined();
      // A later answer naming Antwerpen (a correction on appeal, say): CO-4 from the day of that answer.
      const answeredOn = addDays(today, -1);
      await answer('e-final-2', '11002', answeredOn);
      const changed = await eventually(() => fake.of('recordDossierEvent').find((e) => e.type === 'competence-changed'));
      expect(changed.description).toBe(
        `Dit OCMW is niet meer bevoegd vanaf ${formatDateNl(answeredOn)}: bevoegd is nu OCMW Antwerpen (eindbeslissing van de POD MI over het bevoegdheidsconflict (kenmerk CC/2026/17))`,
      );
      expect(changed.data).toEqual({ since: answeredOn, newOcmw: '11002' });
      await eventually(() => (fake.openTasks().filter((t) => ['forward-request', 'forwarding-letter', 'competence-change-stop'].includes(t.kind)).length === 3 ? true : undefined));
      // Never a stop by itself.
      expect(fake.of('cancelFuturePayments')).toEqual([]);
      await handle.terminate('test done');
    });
  });

  it('asks the social worker for an IBAN when the client has none, then pays', async () => {
    const fake = fakeActivities({ missingIbanUntilSet: true });
    const taskQueue = uniqueTaskQueue('benefit');
    const worker = await Worker.create({ connection: env.nativeConnection, taskQueue, workflowBundle: await workflowBundle(), activities: fake.activities });
    await worker.runUntil(async () => {
      const { handle } = await start(fake, taskQueue);
      await completeOpen(fake, handle.workflowId, 'collect-iban', { iban: 'BE68539007547034' });
      await eventually(() => fake.of('orderPayment').some((p) => p.kind === 'arrears') || undefined);
      expect(fake.of('setPersonIban')).toEqual([expect.objectContaining({ iban: 'BE68539007547034' })]);
      await handle.terminate('test done');
    });
  });
});

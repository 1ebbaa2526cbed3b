import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { addDays, daysBetween } from '../../../libs/deadlines/calendar-date';
import { DEFAULT_LEEFLOON_AMOUNTS, monthlyLeefloon } from '../../../libs/payments/amounts';
import { addPeriods, periodOf } from '../../../libs/payments/schedule';
import { BenefitInput, leefloonBenefit } from '../../../workflows/leefloon/leefloon-benefit.workflow';
import { leefloonApplication } from '../../../workflows/leefloon/leefloon.workflow';
import { completeTaskUpdate, councilDecisionUpdate, partnerMessageAcknowledgedUpdate, partnerMessageExportedUpdate } from '../../../workflows/shared/dossier.messages';
import { aDossierInput, outcomes, todayInBrussels } from '../../support/factories';
import { fakeActivities, FakeOptions } from '../../support/fake-activities';
import { eventually, sleepPast, timeSkippingEnv, uniqueTaskQueue, workflowBundle } from '../../support/temporal';

/**
 * A leefloon over the years, with activities whose fakes keep ids like the tables do (an agenda item, a form, a message
 * is one row per business key): a yearly review that proposes a revision or a stop gets a new agenda item, the BCSD
 * decides it, and the payments follow; an urgent grant pays at once and an overruling stops it; a long run hands over
 * to the next with its open tasks.
 */
describe('leefloon over the years (time-skipping)', () => {
  let env: TestWorkflowEnvironment;
  beforeEach(async () => {
    env = await timeSkippingEnv();
  });
  afterEach(async () => {
    await env?.teardown();
  });

  const today = async () => todayInBrussels(await env.currentTimeMs());

  async function withWorker<T>(options: FakeOptions, fn: (fake: ReturnType<typeof fakeActivities>, taskQueue: string) => Promise<T>): Promise<T> {
    const fake = fakeActivities(options);
    const taskQueue = uniqueTaskQueue('years');
    const worker = await Worker.create({ connection: env.nativeConnection, taskQueue, workflowBundle: await workflowBundle(), activities: fake.activities });
    return worker.runUntil(fn(fake, taskQueue));
  }

  function actions(fake: ReturnType<typeof fakeActivities>, workflowId: string) {
    const handle = env.client.workflow.getHandle(workflowId);
    const seen = new Set<string>();
    return {
      handle,
      complete: async (kind: string, outcome: Record<string, unknown>) => {
        const task = await eventually(() => fake.openTasks().find((t) => t.kind === kind && !seen.has(t.taskId)));
        seen.add(task.taskId);
        await handle.executeUpdate(completeTaskUpdate, { args: [{ taskId: task.taskId, userId: 'mw', userRole: 'social-worker', outcome }] });
        return task;
      },
      /** The BCSD decides the n-th item ever scheduled in the dossier at its session. */
      decide: async (n: number, result: string, extra: Record<string, unknown> = {}) => {
        const item = await eventually(() => fake.scheduled()[n]);
        const now = await today();
        await sleepPast(env, item.sessionDate);
        await handle.executeUpdate(councilDecisionUpdate, {
          args: [{ itemId: item.itemId, result, decisionDate: item.sessionDate, motivation: 'Beslist door het BCSD.', userId: 'secretary', ...extra }],
        } as never);
        return item;
      },
      exportAndAcknowledge: async (partnerMessageId: string) => {
        const sentOn = await today();
        await handle.executeUpdate(partnerMessageExportedUpdate, { args: [{ partnerMessageId, sentOn }] });
        await handle.executeUpdate(partnerMessageAcknowledgedUpdate, { args: [{ partnerMessageId, sentOn }] });
      },
    };
  }

  it('revises the benefit in year 1 and stops it in year 2, each through its own BCSD item, and the payments follow', async () => {
    await withWorker({}, async (fake, taskQueue) => {
      const requestDate = await today();
      const input = aDossierInput({ requestDate });
      await env.client.workflow.start(leefloonApplication, { args: [input], taskQueue, workflowId: `dossier-${input.dossierId}` });
      const a = actions(fake, `dossier-${input.dossierId}`);
      await a.complete('competence-check', outcomes.competent);
      await a.complete('social-inquiry', outcomes.inquiry(requestDate));
      await a.complete('social-report', outcomes.report(requestDate));
      const granted = await a.decide(0, 'granted', { category: 2, monthlyAmountCents: 131_420, startDate: requestDate });
      await a.complete('decision-notification', outcomes.notification(granted.sessionDate));
      await eventually(async () => ((await a.handle.describe()).type === 'leefloonBenefit' ? true : undefined));
      await a.complete('gpmi-signature', { signedOn: await today(), type: 'training', goals: 'Opleiding' });
      await a.exportAndAcknowledge('pm-B');

      // Year 1: the review proposes a revision (now living together: category 1, with resources).
      await env.sleep('330 days');
      await a.complete('yearly-review', { homeVisitDate: await today(), proposal: 'revise', category: 1, monthlyResourcesCents: 10_000, motivation: 'Woont nu samen.' });
      const revision = await eventually(() => fake.scheduled()[1]);
      expect(revision.itemId).not.toBe(granted.itemId); // not the application's decided item back
      expect(fake.of('scheduleAgendaItem').map((i) => i.key)).toEqual(['application:decision-1', 'review-1:decision-1']);
      await a.decide(1, 'revised', { category: 1 });
      await a.complete('decision-notification', outcomes.notification(revision.sessionDate));
      const formB2 = await eventually(() => fake.of('sendPodMiForm').find((f) => f.decision === 'revision'));
      expect(formB2).toMatchObject({ form: 'B', category: 1, decisionDate: revision.sessionDate });
      await a.exportAndAcknowledge(`pm-B-${revision.sessionDate}`);
      await env.sleep('70 days');
      const revisedMonth = addPeriods(periodOf(revision.sessionDate), 2);
      const revisedPayment = fake.of('orderPayment').find((p) => p.kind === 'monthly' && p.period === revisedMonth);
      const expected = monthlyLeefloon({ category: 1, monthlyResourcesCents: 10_000, month: revisedMonth, table: DEFAULT_LEEFLOON_AMOUNTS }).amountCents;
      expect(revisedPayment.amountCents).toBe(expected);

      // Year 2: the review proposes a stop; the BCSD stops it and no month after the end is paid.
      await env.sleep('270 days');
      const stopDay = await today();
      const endDate = addDays(stopDay, 20);
      await a.complete('yearly-review', { homeVisitDate: stopDay, proposal: 'stop', category: 1, monthlyResourcesCents: 250_000, endDate, motivation: 'Werk gevonden.' });
      const stopItem = await eventually(() => fake.scheduled()[2]);
      expect(fake.of('scheduleAgendaItem')[2].key).toBe('review-2:decision-1');
      await a.decide(2, 'stopped');
      await a.complete('decision-notification', outcomes.notification(stopItem.sessionDate));
      await eventually(() => fake.of('sendPodMiForm').find((f) => f.form === 'C') || undefined);
      await a.exportAndAcknowledge('pm-C');
      expect(await a.handle.result()).toMatchObject({ status: 'STOPPED' });
      expect(fake.of('cancelFuturePayments')).toEqual([expect.objectContaining({ fromPeriod: addPeriods(periodOf(endDate), 1) })]);
      expect(fake.of('orderPayment').every((p) => p.period <= periodOf(endDate))).toBe(true);
      expect(fake.of('issueLetter').map((l) => l.template)).toEqual(['decision-grant', 'decision-revision', 'decision-stop']);

      // Status events of every year reach the read model: no key repeats across the runs.
      const keys = fake.of('recordDossierEvent').map((e) => e.key);
      expect(new Set(keys).size).toBe(keys.length);
      expect(keys.filter((k: string) => k.startsWith('active@'))).toHaveLength(2);
      const payments = fake.of('orderPayment').map((p) => `${p.kind}:${p.period}`);
      expect(new Set(payments).size).toBe(payments.length);
    });
  });

  it('pays an urgent grant at once (arrears, LL-5, LL-8 before the ratification session); an overruling stops it with its letter and form C', async () => {
    await withWorker({}, async (fake, taskQueue) => {
      const requestDate = addDays(await today(), -25); // the decision is due in 5 days: the chair decides urgently
      const input = aDossierInput({ requestDate });
      await env.client.workflow.start(leefloonApplication, { args: [input], taskQueue, workflowId: `dossier-${input.dossierId}` });
      const a = actions(fake, `dossier-${input.dossierId}`);
      await a.complete('competence-check', outcomes.competent);
      await a.complete('social-inquiry', outcomes.inquiry(requestDate));
      await a.complete('social-report', outcomes.report(requestDate));
      const item = await eventually(() => fake.scheduled()[0]);
      expect(item.urgent).toBe(true);
      const chairDate = await today();
      await a.handle.executeUpdate(councilDecisionUpdate, {
        args: [{ itemId: item.itemId, result: 'granted', decisionDate: chairDate, urgent: true, motivation: 'Dringend: geen inkomsten.', category: 2, monthlyAmountCents: 131_420, startDate: requestDate, userId: 'chair' }],
      });
      await a.complete('decision-notification', outcomes.notification(chairDate));

      const ratification = await eventually(() => fake.scheduled()[1]);
      expect(ratification.sessionDate > (await today())).toBe(true); // still ahead
      expect(fake.of('orderPayment').filter((p) => p.kind === 'arrears').map((p) => p.period)).toContain(periodOf(requestDate));
      await eventually(() => ['LL-5', 'LL-5-LOSS', 'LL-8'].every((rule) => fake.of('planDeadline').some((d) => d.ruleId === rule)) || undefined);
      expect(fake.of('recordDossierEvent').map((e) => e.type)).not.toContain('ratified');

      await a.decide(1, 'overruled', { motivation: 'Het BCSD acht de voorwaarden niet vervuld.' });
      await a.complete('decision-notification', outcomes.notification(ratification.sessionDate));
      await eventually(() => fake.of('sendPodMiForm').find((f) => f.form === 'C') || undefined);
      await a.exportAndAcknowledge('pm-C');
      expect(await a.handle.result()).toMatchObject({ status: 'STOPPED' });
      expect(fake.of('issueLetter').map((l) => l.template)).toEqual(['decision-grant', 'decision-stop']);
      expect(fake.of('issueLetter')[1].data).toMatchObject({ effectiveDate: ratification.sessionDate });
      expect(fake.of('sendPodMiForm').map((f) => [f.form, f.decision])).toEqual([['B', 'grant'], ['C', 'stop']]);
      expect(fake.of('cancelFuturePayments')).toEqual([expect.objectContaining({ fromPeriod: addPeriods(periodOf(addDays(ratification.sessionDate, -1)), 1) })]);
      // Nothing is recovered by the workflow: the team lead is told a separate recovery decision is needed (art. 24 RMI-wet).
      expect(fake.of('raiseEscalation').find((e) => e.key.startsWith('recovery:'))?.message).toContain('art. 24 RMI-wet');
    });
  });

  it('hands a long run over to the next between two payments: the open task stays the same task, clocks and payments go on', async () => {
    await withWorker({}, async (fake, taskQueue) => {
      const now = await today();
      const dossier = aDossierInput({ requestDate: addDays(now, -20), settings: { warningDays: 7, timeZone: 'Europe/Brussels', payday: 1, maxRunEvents: 60 } });
      const input: BenefitInput = {
        dossier, grant: { category: 2, monthlyResourcesCents: 0, startDate: addDays(now, -20), decisionDate: now }, year: 1, nextPeriod: null,
        lastHomeVisit: addDays(now, -20), gpmi: { signed: false, lastEvaluation: null },
      };
      const handle = await env.client.workflow.start(leefloonBenefit, { args: [input], taskQueue, workflowId: `dossier-${dossier.dossierId}` });
      const gpmiTask = await eventually(() => fake.openTasks().find((t) => t.kind === 'gpmi-signature'));
      await env.sleep('80 days');
      await eventually(async () => ((await handle.describe()).runId !== handle.firstExecutionRunId ? true : undefined));
      // The next run took the GPMI task over: no second row, and completing it now meets LL-8 in the new run.
      await handle.executeUpdate(completeTaskUpdate, { args: [{ taskId: gpmiTask.taskId, userId: 'mw', userRole: 'social-worker', outcome: { signedOn: await today(), type: 'training', goals: 'Opleiding' } }] });
      await eventually(() => fake.of('setDeadlineStatus').find((d) => d.key === 'gpmi' && d.status === 'met') || undefined);
      expect(fake.of('openTask').filter((t) => t.kind === 'gpmi-signature')).toHaveLength(1);
      expect(fake.of('cancelTask')).toHaveLength(0);
      await env.sleep('60 days');
      const periods = fake.of('orderPayment').map((p) => `${p.kind}:${p.period}`);
      expect(new Set(periods).size).toBe(periods.length);
      const monthly = fake.of('orderPayment').filter((p) => p.kind === 'monthly').map((p) => p.period);
      for (let i = 1; i < monthly.length; i++) expect(monthly[i]).toBe(addPeriods(monthly[i - 1], 1));
      expect(monthly.length).toBeGreaterThanOrEqual(4);
      const keys = fake.of('recordDossierEvent').map((e) => e.key);
      expect(new Set(keys).size).toBe(keys.length);
      await handle.terminate('test done');
    });
  });

  it('a background step that fails for good reaches the team lead as an escalation; the payments go on', async () => {
    await withWorker({ refuseTaskKinds: ['gpmi-signature'] }, async (fake, taskQueue) => {
      const now = await today();
      const dossier = aDossierInput({ requestDate: addDays(now, -20), settings: { warningDays: 7, timeZone: 'Europe/Brussels', payday: 1 } });
      const input: BenefitInput = {
        dossier, grant: { category: 2, monthlyResourcesCents: 0, startDate: addDays(now, -20), decisionDate: now }, year: 1, nextPeriod: null,
        lastHomeVisit: addDays(now, -20), gpmi: { signed: false, lastEvaluation: null },
      };
      const handle = await env.client.workflow.start(leefloonBenefit, { args: [input], taskQueue, workflowId: `dossier-${dossier.dossierId}` });
      const escalation = await eventually(() => fake.of('raiseEscalation').find((e) => e.key.startsWith('background:gpmi:')));
      expect(escalation).toMatchObject({ level: 'breach', message: expect.stringContaining('GPMI-opvolging') });
      await env.sleep('65 days');
      expect(fake.of('orderPayment').filter((p) => p.kind === 'monthly').length).toBeGreaterThanOrEqual(2);
      expect((await handle.describe()).status.name).toBe('RUNNING');
      await handle.terminate('test done');
    });
  });
});

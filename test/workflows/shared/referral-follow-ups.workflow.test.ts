import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { addDays } from '../../../libs/deadlines/calendar-date';
import { BenefitInput, leefloonBenefit } from '../../../workflows/leefloon/leefloon-benefit.workflow';
import { socialAidApplication } from '../../../workflows/social-aid/social-aid.workflow';
import { completeTaskUpdate, dossierStateQuery, referralClosedUpdate, referralFollowUpUpdate, TASK_FAILURES } from '../../../workflows/shared/dossier.messages';
import { aDossierInput, todayInBrussels } from '../../support/factories';
import { refusal } from '../../support/failure-of';
import { fakeActivities } from '../../support/fake-activities';
import { eventually, timeSkippingEnv, uniqueTaskQueue, workflowBundle } from '../../support/temporal';

/**
 * Referral follow-ups on the shared runtime (issue 11, "Case notes and referrals"): the outbox's referralFollowUp
 * Update starts a durable timer per referral; on the follow-up date the task "Opvolging doorverwijzing" opens for the
 * responsible social worker — not before, once across continue-as-new — and a close through the outbox ends it.
 * Time moves by the time-skipping server, never by waiting.
 */
describe('referral follow-ups (time-skipping)', () => {
  // One time-skipping server for the file (time is global: the tests run one after the other, each from its own now).
  let env: TestWorkflowEnvironment;
  beforeAll(async () => void (env = await timeSkippingEnv()));
  afterAll(() => env?.teardown());
  const today = async () => todayInBrussels(await env.currentTimeMs());

  /** A worker on the procedures' workflows with fake activities, for the length of `fn`. */
  const withWorker = async (fn: (fake: ReturnType<typeof fakeActivities>, taskQueue: string) => Promise<void>) => {
    const [fake, taskQueue] = [fakeActivities(), uniqueTaskQueue('referrals')];
    const worker = await Worker.create({ connection: env.nativeConnection, taskQueue, workflowBundle: await workflowBundle(), activities: fake.activities });
    await worker.runUntil(fn(fake, taskQueue));
  };

  const followUpTasks = (fake: ReturnType<typeof fakeActivities>) => fake.of('openTask').filter((t) => t.kind === 'referral-follow-up');

  it('opens the follow-up task on its date and not before, once across continue-as-new; a referral closed before its date opens none; a new date follows up again', async () => {
    await withWorker(async (fake, taskQueue) => {
      const now = await today();
      // maxRunEvents: the benefit hands over to a new run (continue-as-new) every few payments.
      const dossier = aDossierInput({ requestDate: addDays(now, -20), settings: { warningDays: 7, timeZone: 'Europe/Brussels', payday: 1, maxRunEvents: 60 } });
      const input: BenefitInput = {
        dossier, grant: { category: 2, monthlyResourcesCents: 0, startDate: addDays(now, -20), decisionDate: now }, year: 1, nextPeriod: null,
        lastHomeVisit: addDays(now, -20), gpmi: { signed: true, lastEvaluation: now },
      };
      const first = await env.client.workflow.start(leefloonBenefit, { args: [input], taskQueue, workflowId: `dossier-${dossier.dossierId}` });
      const handle = env.client.workflow.getHandle(first.workflowId); // always the latest run
      const followUpOn = addDays(now, 100);
      expect(await handle.executeUpdate(referralFollowUpUpdate, { args: [{ referralId: 'ref-a', followUpOn }] })).toMatchObject({ outcome: 'scheduled' });
      // The outbox delivers at least once: the same message again changes nothing.
      expect(await handle.executeUpdate(referralFollowUpUpdate, { args: [{ referralId: 'ref-a', followUpOn }] })).toMatchObject({ outcome: 'unchanged' });
      await handle.executeUpdate(referralFollowUpUpdate, { args: [{ referralId: 'ref-b', followUpOn: addDays(now, 40) }] });

      await env.sleep('20 days');
      await handle.executeUpdate(referralClosedUpdate, { args: [{ referralId: 'ref-b' }] });
      // Closed: a late redelivery of its referral does not start it again.
      expect(await handle.executeUpdate(referralFollowUpUpdate, { args: [{ referralId: 'ref-b', followUpOn: addDays(now, 40) }] })).toMatchObject({ outcome: 'closed' });

      await env.sleep('79 days'); // the day before the follow-up date
      expect((await handle.describe()).runId).not.toBe(first.firstExecutionRunId); // handed over (at least once)
      expect((await handle.query(dossierStateQuery)).referralFollowUps).toEqual([{ referralId: 'ref-a', followUpOn }]);
      expect(followUpTasks(fake)).toEqual([]);

      await env.sleep('1 day'); // the follow-up date
      const task = await eventually(() => followUpTasks(fake)[0]);
      expect(task).toMatchObject({ title: 'Opvolging doorverwijzing', role: 'social-worker', assigneeId: dossier.responsibleUserId, dossierId: dossier.dossierId });
      const runWithTask = (await handle.describe()).runId;

      await env.sleep('80 days'); // more payments, more hand-overs: the open task is carried, never opened again
      expect((await handle.describe()).runId).not.toBe(runWithTask);
      expect(followUpTasks(fake)).toHaveLength(1);
      expect(fake.of('cancelTask')).toEqual([]);

      // Not reached: follow up again in 30 days (a date before tomorrow is refused).
      const complete = (taskId: string, outcome: Record<string, unknown>) =>
        handle.executeUpdate(completeTaskUpdate, { args: [{ taskId, userId: 'mw', userRole: 'social-worker', outcome }] });
      const day = await today();
      expect(await refusal(complete(task.taskId, { result: 'niet-bereikt', note: 'Telefoon niet opgenomen.', nextFollowUpOn: day }))).toEqual({ type: TASK_FAILURES.validation, paths: ['/nextFollowUpOn'] });
      await complete(task.taskId, { result: 'niet-bereikt', note: 'Telefoon niet opgenomen.', nextFollowUpOn: addDays(day, 30) });
      expect(await eventually(() => fake.of('recordReferralFollowUp')[0])).toMatchObject({
        referralId: 'ref-a', followUpOn, result: 'niet-bereikt', nextFollowUpOn: addDays(day, 30), completedBy: 'mw',
      });
      await env.sleep('29 days');
      expect(followUpTasks(fake)).toHaveLength(1);
      await env.sleep('1 day');
      const second = await eventually(() => followUpTasks(fake)[1]);
      await complete(second.taskId, { result: 'afgesloten', note: 'Begeleiding door het CAW loopt.' });
      expect(await eventually(() => fake.of('recordReferralFollowUp')[1])).toMatchObject({ referralId: 'ref-a', followUpOn: addDays(day, 30), result: 'afgesloten', nextFollowUpOn: null });
      await eventually(async () => ((await handle.query(dossierStateQuery)).referralFollowUps?.length === 0 ? true : undefined));
      await env.sleep('60 days');
      expect(followUpTasks(fake)).toHaveLength(2);
      await handle.terminate('test done');
    });
  });

  it('works alike in a social aid dossier: a follow-up date today opens the task at once, closing the referral cancels it; bad messages are refused', async () => {
    await withWorker(async (fake, taskQueue) => {
      const now = await today();
      const dossier = aDossierInput({ procedure: 'social-aid', reference: 'MD-2026-000001', requestDate: now });
      const handle = await env.client.workflow.start(socialAidApplication, { args: [dossier], taskQueue, workflowId: `dossier-${dossier.dossierId}` });
      expect(await refusal(handle.executeUpdate(referralFollowUpUpdate, { args: [{ referralId: 'ref-c', followUpOn: '1 april 2026' }] }))).toEqual({ type: TASK_FAILURES.validation, paths: ['/followUpOn'] });
      expect(await refusal(handle.executeUpdate(referralClosedUpdate, { args: [{ referralId: '' }] }))).toEqual({ type: TASK_FAILURES.validation, paths: ['/referralId'] });

      await handle.executeUpdate(referralFollowUpUpdate, { args: [{ referralId: 'ref-c', followUpOn: now }] });
      const task = await eventually(() => followUpTasks(fake)[0]);
      expect(task.title).toBe('Opvolging doorverwijzing');
      await handle.executeUpdate(referralClosedUpdate, { args: [{ referralId: 'ref-c' }] });
      expect(fake.of('cancelTask')).toEqual([expect.objectContaining({ taskId: task.taskId, reason: 'doorverwijzing afgesloten' })]);
      expect((await handle.query(dossierStateQuery)).tasks.find((t) => t.id === task.taskId)?.status).toBe('completed');
      // The procedure goes on: its own first task opens (its registration may still be running: wait for it) and stays open.
      await eventually(() => fake.openTasks().some((t) => t.kind === 'competence-check') || undefined);
      await handle.executeUpdate(referralClosedUpdate, { args: [{ referralId: 'ref-c' }] }); // a redelivery: nothing more
      expect(fake.of('cancelTask')).toHaveLength(1);
      await handle.terminate('test done');
    });
  });
});

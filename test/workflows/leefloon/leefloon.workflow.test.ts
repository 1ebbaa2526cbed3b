import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { addDays } from '../../../libs/deadlines/calendar-date';
import { leefloonApplication } from '../../../workflows/leefloon/leefloon.workflow';
import { completeTaskUpdate, dossierStateQuery, reassignSignal, TASK_FAILURES } from '../../../workflows/shared/dossier.messages';
import { fakeActivities } from '../../support/fake-activities';
import { aDossierInput, outcomes, todayInBrussels } from '../../support/factories';
import { eventually, timeSkippingEnv, uniqueTaskQueue, workflowBundle } from '../../support/temporal';

describe('leefloonApplication (time-skipping)', () => {
  let env: TestWorkflowEnvironment;

  beforeAll(async () => {
    env = await timeSkippingEnv();
  });
  afterAll(async () => {
    await env?.teardown();
  });

  async function run<T>(fn: (ctx: { fake: ReturnType<typeof fakeActivities>; taskQueue: string }) => Promise<T>): Promise<T> {
    const fake = fakeActivities();
    const taskQueue = uniqueTaskQueue('leefloon');
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue,
      workflowBundle: await workflowBundle(),
      activities: fake.activities,
    });
    return worker.runUntil(fn({ fake, taskQueue }));
  }

  /** The test server's clock, not the machine's: time-skipping moves it. */
  async function envToday(): Promise<string> {
    return todayInBrussels(await env.currentTimeMs());
  }

  async function complete(workflowId: string, fake: ReturnType<typeof fakeActivities>, kind: string, outcome: Record<string, unknown>, role = 'social-worker') {
    const task = await eventually(() => fake.openTasks().find((t) => t.kind === kind));
    const handle = env.client.workflow.getHandle(workflowId);
    return handle.executeUpdate(completeTaskUpdate, { args: [{ taskId: task.taskId, userId: 'u-1', userRole: role, outcome }] });
  }

  it('runs a request from registration to the notified decision, meeting the decision and notification terms', async () => {
    await run(async ({ fake, taskQueue }) => {
      const input = aDossierInput({ requestDate: await envToday() });
      const today = input.requestDate;
      const handle = await env.client.workflow.start(leefloonApplication, { args: [input], taskQueue, workflowId: `dossier-${input.dossierId}` });

      await complete(handle.workflowId, fake, 'competence-check', outcomes.competent);
      await complete(handle.workflowId, fake, 'social-inquiry', outcomes.inquiry(today));
      await complete(handle.workflowId, fake, 'social-report', outcomes.report(today));
      const afterDecision = await complete(handle.workflowId, fake, 'decision', outcomes.decision(today), 'council-secretary');
      expect(afterDecision.status).toBe('DECIDED');
      expect(fake.openTasks().map((t) => t.kind)).toEqual(['decision-notification']);
      await complete(handle.workflowId, fake, 'decision-notification', outcomes.notification(today));

      expect(await handle.result()).toEqual({ status: 'NOTIFIED', decision: 'granted' });
      expect(fake.of('recordNotice').map((n) => n.kind)).toEqual(['ontvangstbewijs', 'decision-grant']);
      expect(fake.of('recordNotice')[0].content.decisionDueDate).toBe(addDays(today, 30));
      const planned = fake.of('planDeadline');
      expect(planned.map((d) => [d.key, d.ruleId, d.triggerDate])).toEqual([
        ['decision', 'LL-3', today],
        ['notification', 'LL-4', today],
      ]);
      expect(fake.of('startDeadline')).toEqual([]); // the v1 path is for dossiers started before the engine
      expect(fake.of('setDeadlineStatus').map((s) => [s.key, s.status, s.metDate])).toEqual([
        ['decision', 'met', today],
        ['notification', 'met', today],
      ]);
      expect(fake.of('raiseEscalation')).toEqual([]);
      // Social-worker tasks go to the responsible social worker; the decision is for the council secretary to claim.
      const opened = fake.of('openTask');
      expect(opened.find((t) => t.kind === 'social-inquiry').assigneeId).toBe(input.responsibleUserId);
      expect(opened.find((t) => t.kind === 'decision').assigneeId).toBeNull();
      expect(fake.of('recordDossierEvent').at(-1).status).toBe('NOTIFIED');
    });
  });

  it('forwards a request it is not competent for, within the 5-day term, and stops the decision clock', async () => {
    await run(async ({ fake, taskQueue }) => {
      const input = aDossierInput({ requestDate: await envToday() });
      const handle = await env.client.workflow.start(leefloonApplication, { args: [input], taskQueue, workflowId: `dossier-${input.dossierId}` });
      const next = await complete(handle.workflowId, fake, 'competence-check', outcomes.notCompetent);
      expect(next.openTaskIds).toHaveLength(2);
      expect(fake.openTasks().map((t) => t.kind).sort()).toEqual(['forward-request', 'forwarding-letter']);
      await complete(handle.workflowId, fake, 'forward-request', { forwardedTo: 'OCMW Gent', forwardDate: input.requestDate, reasons: 'Verblijft in Gent' });
      const state = await handle.query(dossierStateQuery);
      expect(state.status).toBe('FORWARDING'); // not forwarded until the applicant's letter is recorded too
      await complete(handle.workflowId, fake, 'forwarding-letter', { sentDate: input.requestDate, mode: 'letter' });

      expect(await handle.result()).toEqual({ status: 'FORWARDED' });
      const forwarding = fake.of('planDeadline').find((d) => d.key === 'forwarding');
      expect(forwarding).toMatchObject({ ruleId: 'LL-2', triggerDate: input.requestDate });
      expect(fake.of('openTask').find((t) => t.kind === 'forward-request').dueDate).toBe(addDays(input.requestDate, 5));
      expect(fake.of('setDeadlineStatus').map((s) => [s.key, s.status])).toEqual([
        ['forwarding', 'met'],
        ['decision', 'cancelled'],
      ]);
      expect(fake.of('recordDossierEvent').at(-1)).toMatchObject({ status: 'FORWARDED', closed: true });
    });
  });

  it('escalates a forwarding not done within 5 days, while the 30-day decision clock keeps running', async () => {
    await run(async ({ fake, taskQueue }) => {
      const input = aDossierInput({ requestDate: await envToday(), settings: { warningDays: 2, timeZone: 'Europe/Brussels' } });
      const handle = await env.client.workflow.start(leefloonApplication, { args: [input], taskQueue, workflowId: `dossier-${input.dossierId}` });
      await complete(handle.workflowId, fake, 'competence-check', outcomes.notCompetent);
      await env.sleep('6 days');

      const escalations = fake.of('raiseEscalation').map((e) => [e.key, e.level]);
      expect(escalations).toEqual([
        ['forwarding', 'warning'],
        ['forwarding', 'breach'],
      ]);
      const state = await handle.query(dossierStateQuery);
      expect(state.deadlines.find((d) => d.key === 'forwarding')?.status).toBe('breached');
      expect(state.deadlines.find((d) => d.key === 'decision')?.status).toBe('running');

      // Forwarding late: the term stays breached, with the date it was met.
      const late = addDays(input.requestDate, 6);
      await complete(handle.workflowId, fake, 'forward-request', { forwardedTo: 'OCMW Gent', forwardDate: late, reasons: 'Verblijft in Gent' });
      await complete(handle.workflowId, fake, 'forwarding-letter', { sentDate: late, mode: 'letter' });
      await handle.result();
      expect(fake.of('setDeadlineStatus').filter((s) => s.key === 'forwarding').at(-1)).toMatchObject({ status: 'breached', metDate: late });
    });
  });

  it('warns the team lead before the 30-day decision term and escalates when it passes without a decision', async () => {
    await run(async ({ fake, taskQueue }) => {
      const input = aDossierInput({ requestDate: await envToday() });
      const handle = await env.client.workflow.start(leefloonApplication, { args: [input], taskQueue, workflowId: `dossier-${input.dossierId}` });
      await complete(handle.workflowId, fake, 'competence-check', outcomes.competent);

      await env.sleep('22 days');
      expect(fake.of('raiseEscalation')).toEqual([]);
      await env.sleep('2 days'); // day 24: the warning date is 7 days before the due date (day 30)
      expect(fake.of('raiseEscalation').map((e) => [e.key, e.level])).toEqual([['decision', 'warning']]);
      await env.sleep('7 days'); // past the end of day 30
      expect(fake.of('raiseEscalation').map((e) => [e.key, e.level])).toEqual([
        ['decision', 'warning'],
        ['decision', 'breach'],
      ]);
      const state = await handle.query(dossierStateQuery);
      expect(state.deadlines[0]).toEqual({ key: 'decision', ruleId: 'LL-3', dueDate: addDays(input.requestDate, 30), status: 'breached', metDate: null });

      // The silent-refusal watch: the lapse opens the client's appeal window, a rule of its own (LL-10).
      const window = fake.of('planDeadline').find((d) => d.key === 'appeal-no-decision');
      expect(window).toMatchObject({ ruleId: 'LL-10-NO-DECISION', kind: 'window', triggerDate: addDays(input.requestDate, 30) });
      expect(state.deadlines[1]).toMatchObject({ key: 'appeal-no-decision', status: 'running' });

      // A late decision still counts as late, and closes the no-decision window.
      await complete(handle.workflowId, fake, 'social-inquiry', outcomes.inquiry(input.requestDate));
      await complete(handle.workflowId, fake, 'social-report', outcomes.report(input.requestDate));
      const decidedOn = await envToday();
      await complete(handle.workflowId, fake, 'decision', outcomes.decision(decidedOn), 'council-secretary');
      const statuses = fake.of('setDeadlineStatus').map((s) => [s.key, s.status, s.metDate ?? null]);
      expect(statuses).toContainEqual(['decision', 'breached', decidedOn]);
      expect(statuses).toContainEqual(['appeal-no-decision', 'cancelled', null]);
      await handle.terminate('test done');
    });
  });

  it('routes the tasks opened after a reassignment to the colleague covering the absence', async () => {
    await run(async ({ fake, taskQueue }) => {
      const input = aDossierInput({ requestDate: await envToday() });
      const handle = await env.client.workflow.start(leefloonApplication, { args: [input], taskQueue, workflowId: `dossier-${input.dossierId}` });
      await complete(handle.workflowId, fake, 'competence-check', outcomes.competent);
      await handle.signal(reassignSignal, { fromUserId: input.responsibleUserId!, toUserId: 'cover-user' });
      await complete(handle.workflowId, fake, 'social-inquiry', outcomes.inquiry(input.requestDate));
      const opened = fake.of('openTask');
      expect(opened.find((t) => t.kind === 'social-inquiry').assigneeId).toBe(input.responsibleUserId);
      expect(opened.find((t) => t.kind === 'social-report').assigneeId).toBe('cover-user');
      expect((await handle.query(dossierStateQuery)).responsibleUserId).toBe('cover-user');
      await handle.terminate('test done');
    });
  });

  it('rejects an outcome that fails validation, and changes nothing', async () => {
    await run(async ({ fake, taskQueue }) => {
      const input = aDossierInput({ requestDate: await envToday() });
      const handle = await env.client.workflow.start(leefloonApplication, { args: [input], taskQueue, workflowId: `dossier-${input.dossierId}` });
      const err = await complete(handle.workflowId, fake, 'competence-check', { competent: false, rule: 'usual-residence' }).catch((e) => e);
      expect(err).toBeInstanceOf(WorkflowUpdateFailedError);
      expect(err.cause).toBeInstanceOf(ApplicationFailure);
      expect(err.cause.type).toBe(TASK_FAILURES.validation);
      expect(err.cause.details[0].map((e: { path: string; code: string }) => [e.path, e.code])).toEqual([
        ['/competentOcmw', 'required'],
        ['/reasons', 'required'],
      ]);
      const state = await handle.query(dossierStateQuery);
      expect(state.tasks.map((t) => [t.kind, t.status])).toEqual([['competence-check', 'open']]);
      expect(fake.of('recordTaskCompletion')).toEqual([]);
      await handle.terminate('test done');
    });
  });
});

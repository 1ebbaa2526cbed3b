import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { addDays, daysBetween } from '../../../libs/deadlines/calendar-date';
import { formatDateNl } from '../../../libs/format/dutch';
import { leefloonApplication } from '../../../workflows/leefloon/leefloon.workflow';
import {
  completeTaskUpdate, councilDecisionUpdate, dossierReassignedUpdate, dossierStateQuery, partnerMessageAcknowledgedUpdate, partnerMessageAnsweredSignal,
  partnerMessageExportedUpdate, partnerMessageSentSignal, reassignSignal, TASK_FAILURES,
} from '../../../workflows/shared/dossier.messages';
import { fakeActivities, FakeOptions } from '../../support/fake-activities';
import { planWithEngine } from '../../../activities/deadlines/deadline.activities';
import { DEFAULT_CATALOGUE } from '../../../libs/deadlines/catalogue';
import { aDossierInput, outcomes, todayInBrussels } from '../../support/factories';
import { eventually, timeSkippingEnv, uniqueTaskQueue, workflowBundle } from '../../support/temporal';

describe('leefloonApplication (time-skipping)', () => {
  let env: TestWorkflowEnvironment;

  // One test server per test: time is global to a server, and a dossier that continued as new keeps timers there.
  beforeEach(async () => {
    env = await timeSkippingEnv();
  });
  afterEach(async () => {
    await env?.teardown();
  });

  async function run<T>(fn: (ctx: { fake: ReturnType<typeof fakeActivities>; taskQueue: string }) => Promise<T>, options: FakeOptions = {}): Promise<T> {
    const fake = fakeActivities(options);
    const taskQueue = uniqueTaskQueue('leefloon');
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue,
      workflowBundle: await workflowBundle(),
      activities: fake.activities,
    });
    return worker.runUntil(fn({ fake, taskQueue }));
  }

  /** A dossier requested today, through the competence check, the inquiry and the report: on the BCSD agenda. */
  async function toTheCouncil(fake: ReturnType<typeof fakeActivities>, taskQueue: string) {
    const input = aDossierInput({ requestDate: await envToday() });
    const handle = await env.client.workflow.start(leefloonApplication, { args: [input], taskQueue, workflowId: `dossier-${input.dossierId}` });
    await complete(handle.workflowId, fake, 'competence-check', outcomes.competent);
    await complete(handle.workflowId, fake, 'social-inquiry', outcomes.inquiry(input.requestDate));
    await complete(handle.workflowId, fake, 'social-report', outcomes.report(input.requestDate));
    return { input, handle };
  }

  /** The council secretary records the session's decision on the dossier's agenda item, once the session has come. */
  async function decideAtSession(workflowId: string, fake: ReturnType<typeof fakeActivities>, decision: Record<string, unknown> = {}) {
    const handle = env.client.workflow.getHandle(workflowId);
    const scheduled = await eventually(() => fake.of('scheduleAgendaItem').at(-1));
    const { agenda } = await eventually(async () => {
      const state = await handle.query(dossierStateQuery);
      return state.agenda.some((a) => !a.decided) ? state : undefined;
    });
    const sessionDate = (await fake.scheduled()).at(-1)!.sessionDate;
    const today = await envToday();
    if (sessionDate > today) await env.sleep(`${daysBetween(today, sessionDate)} days`);
    const itemId = agenda.find((a) => !a.decided)!.itemId;
    await handle.executeUpdate(councilDecisionUpdate, {
      args: [{ itemId, result: 'granted', decisionDate: sessionDate, motivation: 'Voldoet aan de voorwaarden.', category: 2, monthlyAmountCents: 131_420, startDate: scheduled.today, userId: 'secretary', ...decision }],
    });
    return sessionDate;
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

  it('runs a request from registration through the council to the notified decision, meeting the decision and notification terms', async () => {
    await run(async ({ fake, taskQueue }) => {
      const input = aDossierInput({ requestDate: await envToday() });
      const today = input.requestDate;
      const handle = await env.client.workflow.start(leefloonApplication, { args: [input], taskQueue, workflowId: `dossier-${input.dossierId}` });

      await complete(handle.workflowId, fake, 'competence-check', outcomes.competent);
      // What the timeline says is Dutch: the channel and the decision date as a person reads them.
      expect(fake.of('recordDossierEvent').find((e) => e.type === 'request-registered')?.description).toBe('Aanvraag leefloon geregistreerd (aan het onthaal)');
      expect(fake.of('recordNotice').find((l) => l.key === 'receipt')?.description).toBe(`Ontvangstbewijs uitgereikt; beslissing uiterlijk ${formatDateNl(addDays(today, 30))}`);
      await complete(handle.workflowId, fake, 'social-inquiry', { ...outcomes.inquiry(today), hearingRequested: true });
      await complete(handle.workflowId, fake, 'social-report', outcomes.report(today));

      // On the earliest session whose agenda is still open; the client asked to be heard, so is invited to it.
      const item = await eventually(() => fake.scheduled()[0]);
      expect(fake.of('scheduleAgendaItem')[0]).toMatchObject({ kind: 'decision', decisionDue: addDays(today, 30), hearingRequested: true });
      expect(item.urgent).toBe(false);
      expect(daysBetween(today, item.cutoffDate)).toBeGreaterThanOrEqual(0);
      expect(daysBetween(today, item.sessionDate)).toBeLessThanOrEqual(15);
      const invitation = await eventually(() => fake.of('issueLetter').find((n) => n.template === 'hearing-invitation'));
      expect(invitation.data.hearing).toEqual({ date: item.sessionDate, time: '19:00', place: 'Raadzaal' });
      expect(invitation.dueDate).toBe(item.cutoffDate); // in time: before the agenda closes

      const sessionDate = await decideAtSession(handle.workflowId, fake);
      await complete(handle.workflowId, fake, 'decision-notification', outcomes.notification(sessionDate));

      // The decision letter with its amount, delivered by registered post; the appeal window runs from notification.
      const benefit = await eventually(async () => {
        const d = await handle.describe();
        return d.type === 'leefloonBenefit' ? d : undefined;
      });
      expect(benefit.workflowId).toBe(handle.workflowId); // the granted leefloon continues as new: same dossier
      const letter = fake.of('issueLetter').find((l) => l.key === 'decision-letter');
      expect(letter).toMatchObject({ key: 'decision-letter', template: 'decision-grant', delivery: { mode: 'registered' }, dueDate: addDays(sessionDate, 8) });
      expect(letter.data).toMatchObject({ decisionDate: sessionDate, category: 2, amount: { monthlyCents: expect.any(Number) } });
      expect(letter.data.amount.computation).toContain('categorie 2');
      const delivery = fake.of('recordDelivery')[0];
      expect(delivery).toMatchObject({ mode: 'registered', postedOn: sessionDate, trackingNumber: 'RR123456789BE' });
      const appeal = fake.of('planDeadline').find((d) => d.key === 'appeal');
      expect(appeal).toMatchObject({ ruleId: 'LL-10', kind: 'window' });
      expect(appeal.triggerDate > sessionDate).toBe(true); // posted + 3 working days
      expect(fake.of('sendPodMiForm')).toEqual([expect.objectContaining({ form: 'B', decision: 'grant', decisionDate: sessionDate, category: 2 })]);
      expect(fake.of('recordNotice').map((n) => n.kind)).toEqual(['ontvangstbewijs']);
      expect(fake.of('recordNotice')[0].content.decisionDueDate).toBe(addDays(today, 30));
      const planned = fake.of('planDeadline');
      expect(planned.slice(0, 2).map((d) => [d.key, d.ruleId, d.triggerDate])).toEqual([
        ['decision', 'LL-3', today],
        ['notification', 'LL-4', sessionDate], // the decision date is the session date
      ]);
      expect(fake.of('startDeadline')).toEqual([]); // the v1 path is for dossiers started before the engine
      expect(fake.of('setDeadlineStatus').filter((s) => s.metDate).map((s) => [s.key, s.status, s.metDate])).toEqual([
        ['decision', 'met', sessionDate],
        ['notification', 'met', sessionDate],
      ]);
      expect(fake.of('raiseEscalation').filter((e) => e.level === 'breach')).toEqual([]);
      // Social-worker tasks go to the responsible social worker; no "record the decision" task any more.
      const opened = fake.of('openTask');
      expect(opened.find((t) => t.kind === 'social-inquiry').assigneeId).toBe(input.responsibleUserId);
      expect(opened.map((t) => t.kind)).not.toContain('decision');
      expect(fake.of('recordDossierEvent').map((e) => e.status)).toContain('NOTIFIED');

      // The running benefit watches form B (LL-5): its export meets both POD MI terms.
      const formKey = `pod-mi-B-${sessionDate}`;
      await eventually(() => fake.of('planDeadline').some((d) => d.key === `${formKey}-loss`) || undefined);
      await handle.signal(partnerMessageSentSignal, { partnerMessageId: 'pm-B', sentOn: sessionDate });
      await eventually(() => fake.of('setDeadlineStatus').some((d) => d.key === `${formKey}-loss` && d.status === 'met') || undefined);
      expect(fake.of('setDeadlineStatus')).toContainEqual(expect.objectContaining({ key: formKey, status: 'met', metDate: sessionDate }));
      expect(fake.of('recordDossierEvent').map((e) => e.type)).not.toContain('subsidy-lost');
      await handle.terminate('test done');
    });
  });

  it('escalates a form B to POD MI not sent in time, and records the days of state subsidy lost', async () => {
    await run(async ({ fake, taskQueue }) => {
      const { input, handle } = await toTheCouncil(fake, taskQueue);
      const decided = await decideAtSession(handle.workflowId, fake);
      await complete(handle.workflowId, fake, 'decision-notification', outcomes.notification(decided));
      const formKey = `pod-mi-B-${decided}`;
      const loss = await eventually(() => fake.of('planDeadline').find((d) => d.key === `${formKey}-loss`));
      // LL-5-LOSS (art. 21 §6 RMI-wet): on time until its due date, the subsidy lost from the day after.
      const lossPlan = planWithEngine(DEFAULT_CATALOGUE, loss);
      const lossFrom = lossPlan.consequenceFrom!;
      expect(lossFrom).toBe(addDays(lossPlan.dueDate!, 1));
      await env.sleep(`${daysBetween(await envToday(), lossFrom) + 2} days`);
      expect(fake.of('raiseEscalation').filter((e) => e.key === formKey).map((e) => e.level)).toEqual(['warning', 'breach']);
      const sentOn = await envToday();
      await handle.signal(partnerMessageSentSignal, { partnerMessageId: 'pm-B', sentOn });
      const lost = await eventually(() => fake.of('recordDossierEvent').find((e) => e.type === 'subsidy-lost'));
      expect(lost.data).toEqual({ days: daysBetween(lossFrom, sentOn) + 1, lossFrom, sentOn });
      expect(fake.of('setDeadlineStatus')).toContainEqual(expect.objectContaining({ key: `${formKey}-loss`, status: 'breached', metDate: sentOn }));

      // POD MI has not confirmed the form: reminded after the partner term, until it answers.
      await env.sleep('31 days');
      const reminders = () => fake.of('queuePartnerMessage').filter((m) => m.kind === 'form-B-reminder');
      // Keyed on the day it is due, not on a counter that restarts with the run.
      expect(reminders().map((m) => m.partnerRef)).toEqual([expect.stringMatching(new RegExp(`^${formKey}:reminder:\\d{4}-\\d{2}-\\d{2}$`))]);
      await handle.signal(partnerMessageAnsweredSignal, { partnerMessageId: 'pm-B' });
      await env.sleep('40 days');
      expect(reminders()).toHaveLength(1);
      await handle.terminate('test done');
    });
  });

  it('takes the outbox\'s Updates once: an acknowledgement alone meets LL-5 when the export was lost, and the reminders stop', async () => {
    await run(async ({ fake, taskQueue }) => {
      const { handle } = await toTheCouncil(fake, taskQueue);
      const decided = await decideAtSession(handle.workflowId, fake);
      // The workflow wrote the decision row itself (an activity), so an API that dies after the Update loses nothing.
      expect(fake.of('recordCouncilDecision')).toEqual([
        expect.objectContaining({ decision: expect.objectContaining({ result: 'granted', decisionDate: decided, recordedBy: 'secretary' }), actor: { id: 'secretary', role: 'council-secretary' } }),
      ]);
      await complete(handle.workflowId, fake, 'decision-notification', outcomes.notification(decided));
      const formKey = `pod-mi-B-${decided}`;
      await eventually(() => fake.of('planDeadline').some((d) => d.key === `${formKey}-loss`) || undefined);

      const bad = await handle.executeUpdate(partnerMessageAcknowledgedUpdate, { args: [{ partnerMessageId: 'pm-B', sentOn: '1 april' }] }).catch((e) => e);
      expect(bad).toBeInstanceOf(WorkflowUpdateFailedError);
      expect((bad.cause as ApplicationFailure).type).toBe(TASK_FAILURES.validation);

      // The export never reached the workflow; POD MI's acknowledgement carries the day the form left.
      await handle.executeUpdate(partnerMessageAcknowledgedUpdate, { args: [{ partnerMessageId: 'pm-B', sentOn: decided }] });
      await eventually(() => fake.of('setDeadlineStatus').some((d) => d.key === `${formKey}-loss` && d.status === 'met') || undefined);
      expect(fake.of('setDeadlineStatus')).toContainEqual(expect.objectContaining({ key: formKey, status: 'met', metDate: decided }));
      const formStatuses = () => fake.of('setDeadlineStatus').filter((d) => d.key.startsWith(formKey));
      const before = formStatuses().length;
      // The same messages again (a second delivery, a late export with another day) change nothing.
      await handle.executeUpdate(partnerMessageAcknowledgedUpdate, { args: [{ partnerMessageId: 'pm-B', sentOn: decided }] });
      await handle.executeUpdate(partnerMessageExportedUpdate, { args: [{ partnerMessageId: 'pm-B', sentOn: addDays(decided, 3) }] });
      await env.sleep('61 days');
      expect(fake.of('queuePartnerMessage').filter((m) => m.kind === 'form-B-reminder')).toEqual([]);
      expect(formStatuses()).toHaveLength(before);
      expect(fake.of('raiseEscalation').filter((e) => e.key === formKey && e.level === 'breach')).toEqual([]);
      await handle.terminate('test done');
    });
  });

  it('routes the tasks it opens after an absence cover (the outbox\'s dossierReassigned Update) to the cover, once', async () => {
    await run(async ({ fake, taskQueue }) => {
      const input = aDossierInput({ requestDate: await envToday() });
      const handle = await env.client.workflow.start(leefloonApplication, { args: [input], taskQueue, workflowId: `dossier-${input.dossierId}` });
      const change = { fromUserId: input.responsibleUserId!, toUserId: 'cover-1', reassignmentId: 'r-1' };
      expect(await handle.executeUpdate(dossierReassignedUpdate, { args: [change] })).toMatchObject({ responsibleUserId: 'cover-1' });
      expect(await handle.executeUpdate(dossierReassignedUpdate, { args: [change] })).toMatchObject({ responsibleUserId: 'cover-1' });
      await complete(handle.workflowId, fake, 'competence-check', outcomes.competent);
      expect((await eventually(() => fake.of('openTask').find((t) => t.kind === 'social-inquiry'))).assigneeId).toBe('cover-1');
      expect(await handle.executeUpdate(dossierReassignedUpdate, { args: [{ ...change, fromUserId: 'cover-1', toUserId: change.fromUserId }] })).toMatchObject({
        responsibleUserId: input.responsibleUserId,
      });
      await handle.terminate('test done');
    });
  });

  it('asks for missing documents, reminds the client once when they do not come, and goes on when they arrive', async () => {
    await run(async ({ fake, taskQueue }) => {
      const input = aDossierInput({ requestDate: await envToday(), settings: { warningDays: 7, timeZone: 'Europe/Brussels', documentReminderDays: 10 } });
      const handle = await env.client.workflow.start(leefloonApplication, { args: [input], taskQueue, workflowId: `dossier-${input.dossierId}` });
      await complete(handle.workflowId, fake, 'competence-check', outcomes.competent);
      await complete(handle.workflowId, fake, 'social-inquiry', { ...outcomes.inquiry(input.requestDate), missingDocuments: 'Loonfiches 2026\nHuurcontract' });
      const request = await eventually(() => fake.of('issueLetter').find((l) => l.template === 'documents-request'));
      expect(request.data.documents).toEqual(['Loonfiches 2026', 'Huurcontract']);
      await env.sleep('9 days');
      expect(fake.of('issueLetter').map((l) => l.template)).toEqual(['documents-request']);
      await env.sleep('2 days');
      const reminder = await eventually(() => fake.of('issueLetter').find((l) => l.template === 'documents-reminder'));
      expect(reminder).toMatchObject({ reminderOf: 'documents-request', data: { documents: ['Loonfiches 2026', 'Huurcontract'] } });
      await env.sleep('10 days');
      expect(fake.of('issueLetter').filter((l) => l.template === 'documents-reminder')).toHaveLength(1); // once
      await complete(handle.workflowId, fake, 'documents-received', { receivedOn: await envToday(), complete: true });
      await eventually(() => fake.openTasks().find((t) => t.kind === 'social-report'));
      await handle.terminate('test done');
    }, { settings: { documentReminderDays: 10 } }); // the configuration in force, read through dossierSettings
  });

  it('sends no reminder when the documents arrive in time', async () => {
    await run(async ({ fake, taskQueue }) => {
      const input = aDossierInput({ requestDate: await envToday(), settings: { warningDays: 7, timeZone: 'Europe/Brussels', documentReminderDays: 10 } });
      const handle = await env.client.workflow.start(leefloonApplication, { args: [input], taskQueue, workflowId: `dossier-${input.dossierId}` });
      await complete(handle.workflowId, fake, 'competence-check', outcomes.competent);
      await complete(handle.workflowId, fake, 'social-inquiry', { ...outcomes.inquiry(input.requestDate), missingDocuments: 'Huurcontract' });
      await env.sleep('3 days');
      await complete(handle.workflowId, fake, 'documents-received', { receivedOn: await envToday(), complete: true });
      await env.sleep('20 days');
      expect(fake.of('issueLetter').map((l) => l.template)).toEqual(['documents-request']);
      await handle.terminate('test done');
    });
  });

  it('moves a postponed item to the next session, and refuses a decision on an item that is not awaiting one', async () => {
    await run(async ({ fake, taskQueue }) => {
      const { input, handle } = await toTheCouncil(fake, taskQueue);
      const first = await decideAtSession(handle.workflowId, fake, { result: 'postponed' });
      const second = await eventually(() => fake.scheduled()[1]);
      expect(second.sessionDate > first).toBe(true);
      expect(fake.of('scheduleAgendaItem')[1]).toMatchObject({ key: 'application:decision-2', after: first });

      const wrong = await handle
        .executeUpdate(councilDecisionUpdate, { args: [{ itemId: fake.scheduled()[0].itemId, result: 'granted', decisionDate: first, motivation: 'x', userId: 's' }] })
        .catch((e) => e);
      expect(wrong.cause.type).toBe(TASK_FAILURES.notOnAgenda);
      const ratify = await handle
        .executeUpdate(councilDecisionUpdate, { args: [{ itemId: second.itemId, result: 'ratified', decisionDate: first, motivation: 'x', userId: 's' }] })
        .catch((e) => e);
      expect(ratify.cause.type).toBe(TASK_FAILURES.validation);
      await handle.terminate('test done');
    });
  });

  it('has the chair decide urgently when the earliest session is after the legal deadline, and the council ratify it', async () => {
    await run(async ({ fake, taskQueue }) => {
      const requestDate = addDays(await envToday(), -25); // registered late: the decision is due in 5 days
      const input = aDossierInput({ requestDate });
      const handle = await env.client.workflow.start(leefloonApplication, { args: [input], taskQueue, workflowId: `dossier-${input.dossierId}` });
      await complete(handle.workflowId, fake, 'competence-check', outcomes.competent);
      await complete(handle.workflowId, fake, 'social-inquiry', outcomes.inquiry(requestDate));
      await complete(handle.workflowId, fake, 'social-report', outcomes.report(requestDate));
      const item = await eventually(() => fake.scheduled()[0]);
      expect(item.urgent).toBe(true);
      const told = await eventually(() => fake.of('raiseEscalation').find((e) => e.key === `agenda:${item.itemId}`));
      expect(told.message).toContain('dringende beslissing van de voorzitter');

      const chairDate = await envToday();
      await handle.executeUpdate(councilDecisionUpdate, {
        args: [{ itemId: item.itemId, result: 'granted', decisionDate: chairDate, urgent: true, motivation: 'Dringend', category: 2, monthlyAmountCents: 131_420, startDate: requestDate, userId: 'secretary' }],
      });
      await complete(handle.workflowId, fake, 'decision-notification', outcomes.notification(chairDate));
      expect(fake.of('setDeadlineStatus')).toContainEqual(expect.objectContaining({ key: 'decision', status: 'met', metDate: chairDate }));
      // The urgent grant takes effect at once: the benefit runs (arrears, LL-5, LL-8) and schedules the ratification.
      const ratification = await eventually(() => fake.scheduled()[1]);
      expect((await handle.describe()).type).toBe('leefloonBenefit');
      expect(fake.of('scheduleAgendaItem')[1]).toMatchObject({ kind: 'ratification', after: chairDate, key: `ratification:${item.itemId}:1` });
      await eventually(() => fake.of('orderPayment').some((p) => p.kind === 'arrears') || undefined);
      // The watches start beside each other: wait until each clock is planned, not for a fixed order.
      await eventually(() => ['LL-5', 'LL-5-LOSS', 'LL-8'].every((rule) => fake.of('planDeadline').some((d) => d.ruleId === rule)) || undefined);

      const today = await envToday();
      if (ratification.sessionDate > today) await env.sleep(`${daysBetween(today, ratification.sessionDate)} days`);
      await handle.executeUpdate(councilDecisionUpdate, {
        args: [{ itemId: ratification.itemId, result: 'ratified', decisionDate: ratification.sessionDate, motivation: 'Bekrachtigd', userId: 'secretary' }],
      });
      await eventually(async () => ((await handle.describe()).type === 'leefloonBenefit' ? true : undefined));
      expect(fake.of('recordDossierEvent').map((e) => e.type)).toContain('ratified');
      await handle.terminate('test done');
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
      const decidedOn = await decideAtSession(handle.workflowId, fake);
      await eventually(() => fake.of('setDeadlineStatus').some((s) => s.key === 'appeal-no-decision' && s.status === 'cancelled'));
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

  it('judges the competence facts from this OCMW\'s side (Wet 1965): a contradiction is refused, the determination is on the timeline', async () => {
    await run(async ({ fake, taskQueue }) => {
      const input = aDossierInput({ requestDate: await envToday() });
      const handle = await env.client.workflow.start(leefloonApplication, { args: [input], taskQueue, workflowId: `dossier-${input.dossierId}` });
      // This OCMW is Gent (44021): living in Antwerpen (11002) makes Antwerpen competent, whatever the register says.
      const facts = { situation: 'usual-residence', usualResidence: '11002', registeredIn: '44021' };
      const err = await complete(handle.workflowId, fake, 'competence-check', { ...outcomes.competent, ...facts }).catch((e) => e);
      expect(err).toBeInstanceOf(WorkflowUpdateFailedError);
      expect(err.cause.details[0].map((e: { path: string; code: string }) => [e.path, e.code])).toEqual([['/competent', 'contradicts-facts']]);
      expect(fake.of('recordTaskCompletion')).toEqual([]);
      await complete(handle.workflowId, fake, 'competence-check', { competent: false, rule: 'usual-residence', competentOcmw: 'OCMW Antwerpen', reasons: 'Woont in Antwerpen.', ...facts });
      const determined = await eventually(() => fake.of('recordDossierEvent').find((e) => e.type === 'competence-determined'));
      expect(determined.description).toBe('Bevoegdheid (art. 1, 1° Wet 2 april 1965): bevoegd is OCMW Antwerpen.');
      expect(determined.data).toMatchObject({ competent: '11002', competentName: 'OCMW Antwerpen', thisOcmw: false, rule: 'usual-residence' });
      await eventually(async () => ((await handle.query(dossierStateQuery)).status === 'FORWARDING' ? true : undefined));
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
        ['/situation', 'required'], // a new dossier requires the facts (patch competence-facts-required)
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

import { TestWorkflowEnvironment } from '@temporalio/testing';
import { addDays, addMonths } from '../../../libs/deadlines/calendar-date';
import { formatDateNl } from '../../../libs/format/dutch';
import { counsellingDossier } from '../../../workflows/counselling/counselling.workflow';
import { dossierStateQuery, externalEventUpdate } from '../../../workflows/shared/dossier.messages';
import type { fakeActivities } from '../../support/fake-activities';
import { aDossierInput } from '../../support/factories';
import { eventually, timeSkippingEnv } from '../../support/temporal';
import { withFakeWorker, workflowDriver } from '../../support/workflow-driver';

type Fake = ReturnType<typeof fakeActivities>;

/**
 * The counselling dossier (psychosociale begeleiding) on the time-skipping server: the service norm PB-1 on the intake
 * (a late intake warns and is breached, time moved, not waited), the goals, follow-up appointments opening as tasks on
 * their day, the periodic evaluation continuing as a new run, the closure with its report; the client stopping it.
 */
describe('counsellingDossier (time-skipping)', () => {
  let env: TestWorkflowEnvironment;
  beforeEach(async () => void (env = await timeSkippingEnv()));
  afterEach(() => env?.teardown());
  const drive = () => workflowDriver(env);
  const timeline = (fake: Fake, type: string) => fake.of('recordDossierEvent').filter((e) => e.type === type);
  const openOf = (fake: Fake, kind: string) => fake.openTasks().filter((t) => t.kind === kind);

  async function start(fake: Fake, taskQueue: string, reference: string) {
    const today = await drive().today();
    const input = aDossierInput({ procedure: 'counselling', reference, requestDate: today });
    const handle = await env.client.workflow.start(counsellingDossier, { args: [input], taskQueue, workflowId: `dossier-${input.dossierId}` });
    return { handle, today };
  }

  it('intake late against the service norm, goals, appointments on their day, an evaluation in a new run, a second evaluation closing it with its report', async () => {
    await withFakeWorker(env, 'counselling', async ({ fake, taskQueue }) => {
      const { handle, today } = await start(fake, taskQueue, 'PB-2026-000001');
      // PB-1: the intake task carries the service norm's day (10 working days); past it, warned and breached.
      const intakeTask = await eventually(() => fake.of('openTask').find((t) => t.kind === 'counselling-intake'));
      expect(intakeTask.deadlineKey).toBe('first-appointment');
      const norm = await eventually(() => fake.of('planDeadline').find((d) => d.key === 'first-appointment'));
      expect(norm).toMatchObject({ ruleId: 'PB-1', triggerDate: today });
      await env.sleep('20 days');
      await eventually(() => (fake.of('raiseEscalation').some((e) => e.key === 'first-appointment' && e.level === 'breach') ? true : undefined));
      const heldOn = await drive().today();
      await drive().complete(handle.workflowId, fake, 'counselling-intake', { heldOn, mainConcern: 'isolation', situation: 'Woont alleen sinds het overlijden van de partner.', guidance: 'start' });
      await eventually(() => timeline(fake, 'intake-held')[0]);
      expect(fake.of('setDeadlineStatus').filter((s) => s.key === 'first-appointment').at(-1)).toMatchObject({ status: 'breached', metDate: heldOn });
      // The timeline says what happened, not what was said.
      expect(timeline(fake, 'intake-held')[0].description).toBe(`Intakegesprek op ${formatDateNl(heldOn)}: hulpvraag sociaal isolement; Ja: doelen afspreken met de cliënt`);

      const first = addDays(heldOn, 14);
      await drive().complete(handle.workflowId, fake, 'counselling-goals', { agreedOn: heldOn, goals: 'Eenmaal per week naar het dienstencentrum.', evaluationEveryMonths: 2, firstAppointmentOn: first });
      await eventually(() => timeline(fake, 'counselling-running')[0]);
      // No appointment task before its day; on the day it opens.
      await env.sleep('13 days');
      expect(openOf(fake, 'counselling-appointment')).toEqual([]);
      await env.sleep('1 day');
      await eventually(() => openOf(fake, 'counselling-appointment')[0]);
      expect(await drive().today()).toBe(first);
      // The next appointment must be after today: a 400 names the field, the task stays open.
      const now = await drive().today();
      await expect(drive().complete(handle.workflowId, fake, 'counselling-appointment', { result: 'held', note: 'Goed gesprek.', nextAppointmentOn: now })).rejects.toThrow();
      await drive().complete(handle.workflowId, fake, 'counselling-appointment', { result: 'held', note: 'Goed gesprek.', nextAppointmentOn: addDays(now, 20) });
      await env.sleep('21 days');
      await drive().complete(handle.workflowId, fake, 'counselling-appointment', { result: 'no-show', note: 'Niet gekomen, gebeld.' });
      expect((await eventually(() => timeline(fake, 'appointment')[1])).description).toContain('de cliënt kwam niet; geen nieuwe afspraak tot de evaluatie');

      // The evaluation two months after the goals: its own task; continued, the next period is a new run.
      const evaluationDay = addMonths(heldOn, 2).date;
      await env.sleep('40 days');
      await eventually(() => openOf(fake, 'counselling-evaluation')[0]);
      expect(timeline(fake, 'evaluation-due')[0].description).toBe(`Evaluatie van de begeleiding op ${formatDateNl(evaluationDay)}`);
      expect((await handle.query(dossierStateQuery)).status).toBe('EVALUATION');
      const later = addDays(await drive().today(), 7);
      await drive().complete(handle.workflowId, fake, 'counselling-evaluation', { progress: 'progress', decision: 'continue', note: 'Gaat naar het dienstencentrum.', nextAppointmentOn: later });
      await eventually(() => (timeline(fake, 'counselling-running').length >= 2 ? true : undefined));
      await env.sleep('8 days');
      await drive().complete(handle.workflowId, fake, 'counselling-appointment', { result: 'held', note: 'Zelfstandiger.' });
      await env.sleep('70 days');
      await eventually(() => openOf(fake, 'counselling-evaluation')[0]);
      expect(timeline(fake, 'evaluation-due')[1].description).toBe(`Evaluatie van de begeleiding op ${formatDateNl(addMonths(evaluationDay, 2).date)}`);
      await drive().complete(handle.workflowId, fake, 'counselling-evaluation', { progress: 'reached', decision: 'close', note: 'Doelen bereikt.' });
      await drive().complete(handle.workflowId, fake, 'counselling-closure', { reason: 'goals-reached', report: 'Na vier maanden opnieuw sociaal actief; geen verdere begeleiding nodig.' });
      expect(await handle.result()).toEqual({ status: 'CLOSED', reason: 'goals-reached', counts: { held: 2, noShow: 1, moved: 0, evaluations: 2 } });
      const closed = timeline(fake, 'counselling-closed')[0];
      expect(closed).toMatchObject({ status: 'CLOSED', closed: true });
      expect(closed.description).toBe('Begeleiding afgesloten: de doelen zijn bereikt; 2 opvolggesprek(ken), 1 keer niet gekomen, 2 evaluatie(s); kort verslag in de afsluitingstaak');
      expect(fake.of('scheduleAgendaItem')).toEqual([]);
    });
  });

  it('an intake that refers the client elsewhere closes the dossier with its report', async () => {
    await withFakeWorker(env, 'counselling-referred', async ({ fake, taskQueue }) => {
      const { handle, today } = await start(fake, taskQueue, 'PB-2026-000002');
      await drive().complete(handle.workflowId, fake, 'counselling-intake', { heldOn: today, mainConcern: 'addiction', situation: 'Vraagt hulp bij alcoholgebruik.', guidance: 'referred' });
      // Met within the service norm.
      await eventually(() => timeline(fake, 'intake-held')[0]);
      expect(fake.of('setDeadlineStatus').filter((s) => s.key === 'first-appointment').at(-1)).toMatchObject({ status: 'met', metDate: today });
      expect(openOf(fake, 'counselling-goals')).toEqual([]);
      await drive().complete(handle.workflowId, fake, 'counselling-closure', { reason: 'referred', report: 'Doorverwezen naar het CGG.' });
      expect(await handle.result()).toEqual({ status: 'CLOSED', reason: 'referred' });
    });
  });

  it('the client stops during the guidance: the open appointment task is cancelled and the closure follows', async () => {
    await withFakeWorker(env, 'counselling-stopped', async ({ fake, taskQueue }) => {
      const { handle, today } = await start(fake, taskQueue, 'PB-2026-000003');
      await drive().complete(handle.workflowId, fake, 'counselling-intake', { heldOn: today, mainConcern: 'family', situation: 'Conflicten thuis.', guidance: 'start' });
      await drive().complete(handle.workflowId, fake, 'counselling-goals', { agreedOn: today, goals: 'Rust in het gezin.', evaluationEveryMonths: 3, firstAppointmentOn: addDays(today, 7) });
      await env.sleep('8 days');
      const appointment = await eventually(() => openOf(fake, 'counselling-appointment')[0]);
      await env.client.workflow.getHandle(handle.workflowId).executeUpdate(externalEventUpdate, {
        args: [{ eventId: 'stop-1', type: 'counselling-stopped-by-client', occurredOn: await drive().today(), reference: null, data: { reason: 'Wil geen begeleiding meer.' }, recordedBy: 'u-1' }],
      });
      await eventually(() => timeline(fake, 'stopped-by-client')[0]);
      expect(fake.of('cancelTask').map((c) => c.taskId)).toContain(appointment.taskId);
      await drive().complete(handle.workflowId, fake, 'counselling-closure', { reason: 'client-stopped', report: 'Stopte na de intake en de doelen.' });
      expect(await handle.result()).toEqual({ status: 'CLOSED', reason: 'client-stopped', counts: { held: 0, noShow: 0, moved: 0, evaluations: 0 } });
    });
  });
});


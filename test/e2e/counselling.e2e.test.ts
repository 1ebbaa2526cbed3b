import { addDays } from '../../libs/deadlines/calendar-date';
import { todayInBrussels, VALID_NATIONAL_NUMBERS } from '../support/factories';
import { startTestSystem, TestSystem } from '../support/system';
import { openTaskOf } from '../support/task-flow';
import { eventually } from '../support/temporal';

/**
 * The counselling dossier through the API, the workflow and the database (issue 15, seed task 5): a request, the
 * service norm PB-1 on the intake (a clock like the legal terms), the intake (a bad one is a 400), the goals, a case
 * note and a referral beside them, the client stopping the guidance (an event), the closure with its report and the
 * dossier closed — and no BCSD on the way.
 */
describe('the counselling dossier (e2e)', () => {
  let sys: TestSystem;
  const today = todayInBrussels();
  beforeAll(async () => {
    sys = await startTestSystem();
    await sys.loginAll(['social-worker', 'team-lead']);
  });
  afterAll(async () => sys?.close());

  it('runs from the request through the intake and the goals to the client stopping and the closure', async () => {
    const procedures = await sys.http.get('/procedures').set(sys.as('social-worker'));
    expect(procedures.body.items.find((p: { name: string }) => p.name === 'counselling')).toMatchObject({ title: 'Psychosociale begeleiding', opensBy: 'request', decidedByCouncil: false });
    const person = await sys.http.post('/persons').set(sys.as('social-worker')).send({
      nationalNumber: VALID_NATIONAL_NUMBERS[0], firstName: 'Wim', lastName: 'Begeleid', address: { street: 'Kouter 3', postalCode: '9000', city: 'Gent' },
    });
    expect(person.status).toBe(201);
    const dossier = await sys.http.post('/dossiers').set(sys.as('social-worker')).send({ procedure: 'counselling', personId: person.body.id, requestDate: today });
    expect(dossier.status).toBe(201);
    const id = dossier.body.id as string;
    expect(dossier.body.reference).toMatch(/^PB-\d{4}-\d{6}$/);

    // PB-1: the service norm's clock runs from the request, and the intake task carries its day.
    const clock = await eventually(async () => (await sys.db.query(`SELECT rule_id, status, due_date::text AS due FROM deadlines WHERE dossier_id = $1 AND key = 'first-appointment'`, [id])).rows[0]);
    expect(clock).toMatchObject({ rule_id: 'PB-1', status: 'running' });
    const intake = await openTaskOf(sys, 'social-worker', id, 'counselling-intake');
    expect((await sys.http.get(`/tasks/${intake.id}`).set(sys.as('social-worker'))).body.dueDate).toBe(clock.due);
    const complete = (taskId: string, outcome: Record<string, unknown>) => sys.http.post(`/tasks/${taskId}/complete`).set(sys.as('social-worker')).send(outcome);
    const facts = { heldOn: today, mainConcern: 'mental-wellbeing', situation: 'Voelt zich overspoeld sinds het ontslag.', guidance: 'start' };
    // A conversation tomorrow has not been held: a 400 naming the field, the task stays open.
    const future = await complete(intake.id, { ...facts, heldOn: addDays(today, 1) });
    expect([future.status, future.body.errors?.map((e: { path: string; code: string }) => [e.path, e.code])]).toEqual([400, [['/heldOn', 'not-future']]]);
    expect((await complete(intake.id, facts)).status).toBe(200);
    await eventually(async () => ((await sys.db.query(`SELECT status FROM deadlines WHERE dossier_id = $1 AND key = 'first-appointment'`, [id])).rows[0].status === 'met' ? true : undefined));

    const goals = await openTaskOf(sys, 'social-worker', id, 'counselling-goals');
    expect((await complete(goals.id, { agreedOn: today, goals: 'Een dagritme opbouwen.\nContact met de huisarts.', evaluationEveryMonths: 3, firstAppointmentOn: addDays(today, 7) })).status).toBe(200);
    await eventually(async () => ((await sys.http.get(`/dossiers/${id}`).set(sys.as('social-worker'))).body.status === 'COUNSELLING' ? true : undefined));
    // The case notes are the dossier's own section.
    expect((await sys.http.post(`/dossiers/${id}/notes`).set(sys.as('social-worker')).send({ contactDate: today, kind: 'conversation', text: 'Eerste afspraak vastgelegd.' })).status).toBe(201);

    // The client ends it: the closure with its report, and the dossier is closed.
    expect((await sys.http.post(`/dossiers/${id}/events`).set(sys.as('social-worker')).send({ type: 'counselling-stopped-by-client', occurredOn: today, data: { reason: 'Gaat naar een psycholoog.' } })).status).toBe(201);
    const closure = await openTaskOf(sys, 'social-worker', id, 'counselling-closure');
    expect((await complete(closure.id, { reason: 'client-stopped', report: 'Intake en doelen; de cliënt koos voor een psycholoog.' })).status).toBe(200);
    const closed = await eventually(async () => {
      const d = (await sys.http.get(`/dossiers/${id}`).set(sys.as('social-worker'))).body;
      return d.status === 'CLOSED' ? d : undefined;
    });
    expect(closed.closedAt).not.toBeNull();
    expect(closed.timeline.map((e: { type: string }) => e.type)).toEqual(expect.arrayContaining(['counselling-registered', 'intake-held', 'goals-agreed', 'stopped-by-client', 'counselling-closed']));
    expect((await sys.db.query(`SELECT count(*)::int AS n FROM agenda_items WHERE dossier_id = $1`, [id])).rows[0].n).toBe(0);
  });
});

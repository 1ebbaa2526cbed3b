import { todayInBrussels, outcomes } from '../support/factories';
import { openLeefloonDossier, openTaskOf } from '../support/task-flow';
import { startTestSystem, TestSystem } from '../support/system';
import { addDays } from '../../libs/deadlines/calendar-date';

/** A task form starts from what the dossier knows and shows the amount the system computes (the definitions' `forms`). */
describe('task forms: prefill and computations (e2e)', () => {
  let sys: TestSystem;
  const as = (user: string) => sys.as(user);
  const requestDate = addDays(todayInBrussels(), -1);
  let dossierId: string;

  beforeAll(async () => {
    sys = await startTestSystem();
    await sys.loginAll(['social-worker', 'council-secretary']);
    dossierId = await openLeefloonDossier(sys, 'social-worker', requestDate, { nn: 1, firstName: 'Noor', lastName: 'Claes' });
  });
  afterAll(async () => {
    await sys?.close();
  });

  const openTask = (kind: string) => openTaskOf(sys, 'social-worker', dossierId, kind);

  it('prefills the social report from the inquiry and computes the monthly amount the workflow pays', async () => {
    const competence = await openTask('competence-check');
    expect((await sys.http.post(`/tasks/${competence.id}/complete`).set(as('social-worker')).send(outcomes.competent)).status).toBe(200);
    const inquiry = await openTask('social-inquiry');
    // The inquiry knows the household from the dossier (the applicant alone here).
    expect((await sys.http.get(`/tasks/${inquiry.id}/prefill`).set(as('social-worker'))).body).toEqual({ values: { householdSize: 1 }, sources: { householdSize: 'household.size' } });
    const found = { ...outcomes.inquiry(requestDate), monthlyResourcesCents: 20000, proposedCategory: 3 };
    expect((await sys.http.post(`/tasks/${inquiry.id}/complete`).set(as('social-worker')).send(found)).status).toBe(200);

    const report = await openTask('social-report');
    const prefill = await sys.http.get(`/tasks/${report.id}/prefill`).set(as('social-worker'));
    expect(prefill.status).toBe(200);
    expect(prefill.body).toEqual({
      values: { category: 3, startDate: requestDate },
      sources: { category: 'tasks.social-inquiry.proposedCategory', startDate: 'dossier.requestDate' },
    });
    const audited = await sys.db.query(`SELECT details FROM audit_events WHERE action = 'task.prefill-read' AND details->>'taskId' = $1`, [report.id]);
    expect(audited.rows).toEqual([{ details: { taskId: report.id, fields: ['category', 'startDate'] } }]);

    const compute = (form: object) => sys.http.post(`/tasks/${report.id}/computations`).set(as('social-worker')).send(form);
    // Category 2 in January 2026: € 1.314,20 (in force since 1 February 2025) minus the inquiry's € 200,00.
    const single = await compute({ category: 2, startDate: '2026-01-15' });
    expect(single.status).toBe(200);
    expect(single.body.items).toEqual([expect.objectContaining({
      field: 'monthlyAmountCents', amountCents: 111420, categoryAmountCents: 131420, resourcesCents: 20000, category: 2,
      categoryName: 'alleenstaande', month: '2026-01', validFrom: '2025-02-01', missing: [],
    })]);
    expect(single.body.items[0].explanation).toContain('min bestaansmiddelen € 200,00');
    // A start date in 2024 takes the amounts then in force; no category yet: what is missing.
    expect((await compute({ category: 3, startDate: '2024-06-01' })).body.items[0]).toMatchObject({ amountCents: 174129 - 20000, validFrom: '2024-05-01' });
    expect((await compute({ proposal: 'grant' })).body.items[0]).toMatchObject({ amountCents: null, missing: ['category'] });
    // Bad input: a field of no form is a 400; another role may not; an unknown task is a 404.
    expect((await compute({ nationalNumber: 'x' })).status).toBe(400);
    expect((await sys.http.post(`/tasks/${report.id}/computations`).set(as('council-secretary')).send({ category: 2 })).status).toBe(403);
    expect((await sys.http.post('/tasks/00000000-0000-4000-8000-000000000000/computations').set(as('social-worker')).send({})).status).toBe(404);
    expect((await sys.http.get('/tasks/00000000-0000-4000-8000-000000000000/prefill').set(as('social-worker'))).status).toBe(404);

    // A finished task: no prefill or computation any more (409); its outcome stays readable with who completed it.
    expect((await sys.http.get(`/tasks/${inquiry.id}/prefill`).set(as('social-worker'))).status).toBe(409);
    expect((await sys.http.post(`/tasks/${inquiry.id}/computations`).set(as('social-worker')).send({})).status).toBe(409);
    const finished = await sys.http.get(`/tasks/${inquiry.id}`).set(as('social-worker'));
    expect(finished.body).toMatchObject({ status: 'completed', outcome: found, completedByName: expect.any(String) });
    expect(finished.body.completedByName.length).toBeGreaterThan(0);
  });
});

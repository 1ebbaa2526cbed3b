import { todayInBrussels, outcomes } from '../support/factories';
import { openLeefloonDossier, openTaskOf } from '../support/task-flow';
import { startTestSystem, TestSystem } from '../support/system';
import { addDays } from '../../libs/deadlines/calendar-date';

/** A half-filled inquiry survives a closed tab: drafts on the server per task and user, gone with the completion. */
describe('task drafts (e2e)', () => {
  let sys: TestSystem;
  const as = (user: string) => sys.as(user);
  const requestDate = addDays(todayInBrussels(), -1);
  let dossierId: string;

  beforeAll(async () => {
    sys = await startTestSystem();
    await sys.loginAll(['social-worker', 'social-worker-2', 'council-secretary', 'admin']);
    dossierId = await openLeefloonDossier(sys, 'social-worker', requestDate, { nn: 2, firstName: 'Lotte', lastName: 'Wouters' });
  });
  afterAll(async () => {
    await sys?.close();
  });

  const openTask = (kind: string) => openTaskOf(sys, 'social-worker', dossierId, kind);
  const drafts = async (taskId: string) => (await sys.db.query('SELECT user_id, data FROM task_drafts WHERE task_id = $1', [taskId])).rows;

  it('keeps the caller\'s draft of an inquiry, refuses what is not the form\'s, and deletes it with the completion', async () => {
    const competence = await openTask('competence-check');
    expect((await sys.http.post(`/tasks/${competence.id}/complete`).set(as('social-worker')).send(outcomes.competent)).status).toBe(200);
    const inquiry = await openTask('social-inquiry');
    const path = `/tasks/${inquiry.id}/draft`;

    expect((await sys.http.get(path).set(as('social-worker'))).status).toBe(404);
    const partial = { homeVisitDate: requestDate, householdType: 'single' };
    const saved = await sys.http.put(path).set(as('social-worker')).send(partial);
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ taskId: inquiry.id, data: partial });
    // An incomplete or even wrong value is kept (a draft is not judged); an unknown field is refused and changes nothing.
    const wrong = { ...partial, householdSize: 'twee' };
    expect((await sys.http.put(path).set(as('social-worker')).send(wrong)).status).toBe(200);
    const unknown = await sys.http.put(path).set(as('social-worker')).send({ ...partial, nationalNumber: '93051822361' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toEqual([expect.objectContaining({ path: '/nationalNumber', code: 'unknown-property' })]);
    // A field of another task's form is not one of this form either.
    const otherForm = await sys.http.put(path).set(as('social-worker')).send({ ...partial, competent: true });
    expect(otherForm.status).toBe(400);
    expect(otherForm.body.errors).toEqual([expect.objectContaining({ path: '/competent', code: 'unknown-field' })]);
    expect((await sys.http.put(path).set(as('social-worker')).send([1, 2])).status).toBe(400);
    expect((await sys.http.put(path).set(as('social-worker')).send({ notes: 'x'.repeat(70_000) })).status).toBe(400);
    expect((await sys.http.get(path).set(as('social-worker'))).body.data).toEqual(wrong);

    // The task is claimed by the social worker: a colleague may not keep a draft of it, another role may not either.
    expect((await sys.http.put(path).set(as('social-worker-2')).send(partial)).status).toBe(409);
    expect((await sys.http.get(path).set(as('social-worker-2'))).status).toBe(404);
    expect((await sys.http.put(path).set(as('council-secretary')).send(partial)).status).toBe(403);
    expect(await drafts(inquiry.id)).toHaveLength(1);

    // Audited without its content.
    const audit = await sys.db.query(`SELECT action, details FROM audit_events WHERE details->>'taskId' = $1 AND action LIKE 'task.draft%' ORDER BY at`, [inquiry.id]);
    expect(audit.rows.map((r: { action: string }) => r.action)).toEqual(['task.draft-saved', 'task.draft-saved', 'task.draft-read']);
    expect(JSON.stringify(audit.rows)).not.toContain('twee');

    const done = await sys.http.post(`/tasks/${inquiry.id}/complete`).set(as('social-worker')).send(outcomes.inquiry(requestDate));
    expect(done.status).toBe(200);
    expect(await drafts(inquiry.id)).toEqual([]);
    expect((await sys.http.get(path).set(as('social-worker'))).status).toBe(404);
    expect((await sys.http.put(path).set(as('social-worker')).send(partial)).status).toBe(409);
    // The finished form stays readable with what was completed.
    const finished = await sys.http.get(`/tasks/${inquiry.id}`).set(as('social-worker'));
    expect(finished.body).toMatchObject({ status: 'completed', outcome: outcomes.inquiry(requestDate), completedBy: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    expect(finished.body.completedAt).toEqual(expect.any(String));
  });

  it('deletes a draft on request, once', async () => {
    const report = await openTask('social-report');
    const path = `/tasks/${report.id}/draft`;
    expect((await sys.http.put(path).set(as('social-worker')).send({})).status).toBe(200);
    expect((await sys.http.delete(path).set(as('social-worker'))).status).toBe(204);
    expect((await sys.http.delete(path).set(as('social-worker'))).status).toBe(404);
    expect((await sys.http.put('/tasks/00000000-0000-4000-8000-000000000000/draft').set(as('social-worker')).send({})).status).toBe(404);
  });
});

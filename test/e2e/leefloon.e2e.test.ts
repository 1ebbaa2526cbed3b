import { eventually } from '../support/temporal';
import { todayInBrussels, VALID_IBANS, VALID_NATIONAL_NUMBERS, outcomes } from '../support/factories';
import { treatTodayAtExtraordinarySession } from '../support/council';
import { startTestSystem, TestSystem } from '../support/system';
import { addDays } from '../../libs/deadlines/calendar-date';

/** Through HTTP, against a real PostgreSQL and a real Temporal dev server, as the people who do the work. */
describe('leefloon request from intake to notified decision (e2e)', () => {
  let sys: TestSystem;
  const as = (user: string) => sys.as(user);
  // Every date derives from the dossier's own request date (yesterday when the file starts), never from a "today"
  // that could change under a test running across midnight.
  const requestDate = addDays(todayInBrussels(), -1);

  beforeAll(async () => {
    sys = await startTestSystem();
    await sys.loginAll(['social-worker', 'social-worker-2', 'team-lead', 'council-secretary', 'finance', 'admin']);
    const created = await sys.http
      .post('/users')
      .set(as('admin'))
      .send({ username: 'noord-worker', password: 'noord-password', displayName: 'Nora Noord', role: 'social-worker', team: 'noord' });
    expect(created.status).toBe(201);
    await sys.login('noord-worker', 'noord-password');
  });
  afterAll(async () => {
    await sys?.close();
  });

  async function countRows(table: string): Promise<number> {
    const { rows } = await sys.db.query(`SELECT count(*)::int AS count FROM ${table}`);
    return rows[0].count;
  }

  async function openTask(kind: string, user: string) {
    return eventually(async () => {
      const res = await sys.http.get('/tasks').set(as(user));
      expect(res.status).toBe(200);
      return res.body.items.find((t: { kind: string }) => t.kind === kind);
    });
  }

  it('refuses requests without a valid token', async () => {
    expect((await sys.http.get('/tasks')).status).toBe(401);
    expect((await sys.http.get('/tasks').set('Authorization', 'Bearer nonsense')).status).toBe(401);
    expect((await sys.http.post('/auth/login').send({ username: 'social-worker', password: 'wrong' })).status).toBe(401);
    expect((await sys.http.post('/auth/login').send({ username: 'nobody', password: 'demo' })).status).toBe(401);
  });

  let personId: string;
  let dossierId: string;
  let decisionDate: string;

  it('validates a person, registers it once, and finds it by national number', async () => {
    const before = await countRows('persons');
    const bad = await sys.http
      .post('/persons')
      .set(as('social-worker'))
      .send({ nationalNumber: '93051822362', firstName: 'Jan', lastName: 'Peeters', address: { street: 'Markt 1', postalCode: '90000', city: 'Gent' }, iban: 'BE68539007547035' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string; code: string }) => [e.path, e.code])).toEqual([
      ['/nationalNumber', 'national-number'],
      ['/address/postalCode', 'pattern'],
      ['/iban', 'iban'],
    ]);
    expect(await countRows('persons')).toBe(before);

    const person = {
      nationalNumber: '93.05.18-223.61',
      firstName: 'Jan',
      lastName: 'Peeters',
      address: { street: 'Markt 1', postalCode: '9000', city: 'Gent' },
      iban: VALID_IBANS[0],
    };
    const created = await sys.http.post('/persons').set(as('social-worker')).send(person);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ nationalNumber: VALID_NATIONAL_NUMBERS[0], birthDate: '1993-05-18', iban: VALID_IBANS[0] });
    personId = created.body.id;

    const again = await sys.http.post('/persons').set(as('social-worker')).send(person);
    expect(again.status).toBe(409);
    expect(again.body.existingId).toBe(personId);

    const found = await sys.http.get(`/persons?nationalNumber=${VALID_NATIONAL_NUMBERS[0]}`).set(as('social-worker'));
    expect(found.body.items.map((p: { id: string }) => p.id)).toEqual([personId]);
    expect((await sys.http.get(`/persons/${personId}`).set(as('finance'))).status).toBe(403);
  });

  it('opens a leefloon dossier whose workflow carries no personal data', async () => {
    const future = await sys.http.post('/dossiers').set(as('social-worker')).send({ procedure: 'leefloon', personId, requestDate: addDays(todayInBrussels(), 1) });
    expect(future.status).toBe(400);
    expect(future.body.errors).toEqual([{ path: '/requestDate', code: 'not-future', message: expect.any(String) }]);
    expect(await countRows('dossiers')).toBe(0);

    const opened = await sys.http.post('/dossiers').set(as('social-worker')).send({ procedure: 'leefloon', personId, channel: 'counter', requestDate });
    expect(opened.status).toBe(201);
    expect(opened.body.reference).toMatch(new RegExp(`^LL-${requestDate.slice(0, 4)}-000001$`));
    dossierId = opened.body.id;

    const twice = await sys.http.post('/dossiers').set(as('social-worker')).send({ procedure: 'leefloon', personId });
    expect(twice.status).toBe(409);

    const description = await sys.temporal.workflow.getHandle(opened.body.workflowId).describe();
    const visible = JSON.stringify({ id: description.workflowId, sa: description.searchAttributes, typed: description.typedSearchAttributes });
    for (const secret of ['Jan', 'Peeters', VALID_NATIONAL_NUMBERS[0], '93.05.18']) expect(visible).not.toContain(secret);
    expect(description.workflowId).toBe(`dossier-${dossierId}`);
  });

  it('lets only the right people complete each task, through the workflow', async () => {
    const competence = await openTask('competence-check', 'social-worker');
    expect(competence).toMatchObject({ dossierId, status: 'claimed', dueDate: addDays(requestDate, 30), clientName: 'Jan Peeters' });

    const detail = await sys.http.get(`/tasks/${competence.id}`).set(as('social-worker'));
    // The kind's required fields and the facts a new dossier requires (the situation, Wet 1965).
    expect(detail.body.outcomeSchema.required).toEqual(['competent', 'rule', 'situation']);

    // Claimed by the responsible social worker: a colleague gets 409, another role 403, another team 404.
    expect((await sys.http.post(`/tasks/${competence.id}/complete`).set(as('social-worker-2')).send(outcomes.competent)).status).toBe(409);
    expect((await sys.http.post(`/tasks/${competence.id}/complete`).set(as('council-secretary')).send(outcomes.competent)).status).toBe(403);
    expect((await sys.http.post(`/tasks/${competence.id}/complete`).set(as('noord-worker')).send(outcomes.competent)).status).toBe(404);
    expect((await sys.http.post(`/tasks/00000000-0000-4000-8000-000000000000/complete`).set(as('social-worker')).send(outcomes.competent)).status).toBe(404);

    const missing = await sys.http.post(`/tasks/${competence.id}/complete`).set(as('social-worker')).send({ competent: false, rule: 'usual-residence' });
    expect(missing.status).toBe(400);
    // A new dossier requires the facts (the situation) besides the yes/no; not competent, the OCMW and the reasons too.
    expect(missing.body.errors.map((e: { path: string }) => e.path)).toEqual(['/situation', '/competentOcmw', '/reasons']);
    expect((await sys.http.get(`/tasks/${competence.id}`).set(as('social-worker'))).body.status).toBe('claimed');

    const done = await sys.http.post(`/tasks/${competence.id}/complete`).set(as('social-worker')).send(outcomes.competent);
    expect(done.status).toBe(200);
    expect(done.body.task.status).toBe('completed');
    expect(done.body.nextTasks.map((t: { kind: string; status: string }) => [t.kind, t.status])).toEqual([['social-inquiry', 'claimed']]);
    expect((await sys.http.post(`/tasks/${competence.id}/complete`).set(as('social-worker')).send(outcomes.competent)).status).toBe(409);

    const inquiry = await sys.http.post(`/tasks/${done.body.nextTasks[0].id}/complete`).set(as('social-worker')).send(outcomes.inquiry(requestDate));
    expect(inquiry.status).toBe(200);
    const report = await sys.http.post(`/tasks/${inquiry.body.nextTasks[0].id}/complete`).set(as('social-worker')).send(outcomes.report(requestDate));
    expect(report.body.nextTasks).toEqual([]);
    expect(report.body.dossierStatus).toBe('ON_AGENDA');

    // The social report puts the dossier on the earliest BCSD session whose agenda is still open.
    const meetings = await sys.http.get('/council/meetings').set(as('council-secretary'));
    const session = meetings.body.items.find((m: { items: number }) => m.items > 0);
    expect(session).toMatchObject({ kind: 'regular', agendaOpen: true, time: '19:00' });
    expect(session.cutoffDate >= requestDate).toBe(true);
    expect(meetings.body.items.filter((m: { agendaOpen: boolean }) => m.agendaOpen)[0].id).toBe(session.id);
    const agenda = await sys.http.get(`/council/meetings/${session.id}`).set(as('council-secretary'));
    const item = agenda.body.items[0];
    expect(item).toMatchObject({ dossierId, kind: 'decision', urgent: false, clientName: 'Jan Peeters', proposal: { proposal: 'grant', category: 2 } });
    const pdf = await sys.http.get(`/council/meetings/${session.id}/agenda.pdf`).set(as('council-secretary')).buffer(true).parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    expect(pdf.headers['content-type']).toContain('application/pdf');
    expect((pdf.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');

    const decision = { result: 'granted', motivation: 'Voldoet aan de voorwaarden van art. 3 RMI-wet.', category: 2, monthlyAmountCents: 131_420, startDate: requestDate };
    const early = await sys.http.post(`/council/meetings/${session.id}/items/${item.id}/decision`).set(as('council-secretary')).send(decision);
    expect(early.status).toBe(409); // the session has not taken place yet
    // The council treats it today, at an extraordinary session (as the secretary does through the API).
    const treated = await treatTodayAtExtraordinarySession(sys, dossierId);
    decisionDate = treated.date; // today, as the server saw it
    const path = `/council/meetings/${treated.meetingId}/items/${item.id}/decision`;
    expect((await sys.http.post(path).set(as('social-worker')).send(decision)).status).toBe(403);
    const incomplete = await sys.http.post(path).set(as('council-secretary')).send({ result: 'granted', motivation: 'x' });
    expect(incomplete.status).toBe(400);
    expect(incomplete.body.errors.map((e: { path: string }) => e.path)).toEqual(['/category', '/monthlyAmountCents', '/startDate']);
    const decided = await sys.http.post(path).set(as('council-secretary')).send(decision);
    expect(decided.status).toBe(200);
    expect(decided.body).toMatchObject({ result: 'granted', decisionDate });
    expect((await sys.http.post(path).set(as('council-secretary')).send(decision)).status).toBe(409);
    const notify = await openTask('decision-notification', 'social-worker');
    expect(notify).toMatchObject({ dueDate: addDays(decisionDate, 8) });
    const closed = await sys.http.post(`/council/meetings/${treated.meetingId}/close`).set(as('council-secretary'));
    expect(closed.status).toBe(200);

    const noTracking = await sys.http.post(`/tasks/${notify.id}/complete`).set(as('social-worker')).send({ mode: 'registered', date: decisionDate });
    expect(noTracking.status).toBe(400);
    expect(noTracking.body.errors[0]).toMatchObject({ path: '/trackingNumber', code: 'required' });
    const notified = await sys.http.post(`/tasks/${notify.id}/complete`).set(as('social-worker')).send(outcomes.notification(decisionDate));
    expect(notified.status).toBe(200);
    expect(notified.body.nextTasks).toEqual([]);
  });

  it('sends the decision letter with what the law requires, form B to POD MI, and orders the first payments', async () => {
    const notices = await eventually(async () => {
      const res = await sys.http.get(`/dossiers/${dossierId}/notices`).set(as('social-worker'));
      return res.body.items?.some((n: { key: string }) => n.key === 'decision-letter') ? res.body.items : undefined;
    });
    const letter = notices.find((n: { key: string }) => n.key === 'decision-letter');
    const pdf = await sys.http.get(`/notices/${letter.id}/pdf`).set(as('social-worker')).buffer(true).parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    expect(pdf.status).toBe(200);
    expect((pdf.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');

    const outbox = await eventually(async () => {
      const res = await sys.http.get('/partner-messages?partner=pod-mi').set(as('team-lead'));
      return res.body.items?.length ? res.body.items : undefined;
    });
    expect(outbox[0]).toMatchObject({ dossierId, kind: 'form-B' });

    const payments = await eventually(async () => {
      const res = await sys.http.get(`/payments?dossierId=${dossierId}`).set(as('finance'));
      return res.body.items?.length ? res.body.items : undefined;
    });
    expect(payments[0]).toMatchObject({ dossierId, status: 'due', iban: VALID_IBANS[0] });
  });

  it('shows the dossier with its deadlines and timeline to its team only, and who read it', async () => {
    // After the notification the granted leefloon runs on: status ACTIVE, its arrears ordered.
    const dossier = await eventually(async () => {
      const res = await sys.http.get(`/dossiers/${dossierId}`).set(as('social-worker'));
      const keys = (res.body.deadlines ?? []).map((d: { key: string }) => d.key);
      const gpmiTask = (res.body.openTasks ?? []).some((t: { kind: string }) => t.kind === 'gpmi-signature');
      return res.body.status === 'ACTIVE' && keys.includes('gpmi') && keys.includes('review-1') && gpmiTask ? res.body : undefined;
    });
    const deadlines = Object.fromEntries(dossier.deadlines.map((d: { key: string }) => [d.key, d]));
    expect(deadlines.decision).toMatchObject({ ruleId: 'LL-3', status: 'met', dueDate: addDays(requestDate, 30) });
    expect(deadlines.notification).toMatchObject({ ruleId: 'LL-4', status: 'met', dueDate: addDays(decisionDate, 8) });
    expect(deadlines.appeal).toMatchObject({ ruleId: 'LL-10', kind: 'window', status: 'running' });
    expect(deadlines.gpmi).toMatchObject({ ruleId: 'LL-8', status: 'running' });
    expect(deadlines['review-1']).toMatchObject({ ruleId: 'LL-7', status: 'running' });
    expect(dossier.doneTasks.map((t: { kind: string }) => t.kind)).toEqual(['competence-check', 'social-inquiry', 'social-report', 'decision-notification']);
    expect(dossier.openTasks.map((t: { kind: string }) => t.kind)).toEqual(['gpmi-signature']);
    expect(dossier.timeline.map((e: { type: string }) => e.type)).toEqual(
      expect.arrayContaining(['request-registered', 'notice', 'task-completed', 'agenda-item', 'on-agenda', 'decided', 'notified']),
    );

    expect((await sys.http.get(`/dossiers/${dossierId}`).set(as('noord-worker'))).status).toBe(404);
    expect((await sys.http.get('/dossiers').set(as('noord-worker'))).body.items).toEqual([]);
    const list = await sys.http.get('/dossiers?procedure=leefloon&status=ACTIVE').set(as('team-lead'));
    expect(list.body.items.map((d: { id: string }) => d.id)).toEqual([dossierId]);

    expect((await sys.http.get(`/dossiers/${dossierId}/audit`).set(as('social-worker'))).status).toBe(403);
    const trail = await sys.http.get(`/dossiers/${dossierId}/audit`).set(as('team-lead'));
    expect(trail.status).toBe(200);
    const actions = trail.body.items.map((e: { action: string }) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['dossier.opened', 'task.opened', 'task.completed', 'council.decision', 'dossier.read']));
    const readers = trail.body.items.filter((e: { action: string }) => e.action === 'dossier.read').map((e: { actorRole: string }) => e.actorRole);
    expect(readers).toContain('social-worker');
  });
});

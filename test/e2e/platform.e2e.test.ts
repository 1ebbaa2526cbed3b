import { addDays } from '../../libs/deadlines/calendar-date';
import { todayInBrussels, VALID_NATIONAL_NUMBERS } from '../support/factories';
import { eventually } from '../support/temporal';
import { startTestSystem, TestSystem } from '../support/system';

/** Identity, users, the error shape, and a request registered late — through HTTP on the real system. */
describe('platform (e2e)', () => {
  let sys: TestSystem;
  const as = (user: string) => sys.as(user);
  const today = todayInBrussels();

  beforeAll(async () => {
    sys = await startTestSystem();
    await sys.loginAll(['social-worker', 'social-worker-2', 'team-lead', 'admin']);
  });
  afterAll(async () => {
    await sys?.close();
  });

  it('logs in with a signed token that expires', async () => {
    const res = await sys.http.post('/auth/login').send({ username: 'team-lead', password: 'demo' });
    expect(res.status).toBe(200);
    expect(res.body.accessToken.split('.')).toHaveLength(3);
    const ttlMinutes = (Date.parse(res.body.expiresAt) - Date.now()) / 60_000;
    expect(ttlMinutes).toBeGreaterThan(470);
    expect(ttlMinutes).toBeLessThanOrEqual(480);
    const malformed = await sys.http.post('/auth/login').send({ username: 'team-lead' });
    expect(malformed.status).toBe(400);
    expect(malformed.body).toEqual({ statusCode: 400, message: expect.any(String), errors: [{ path: '/password', code: 'required', message: 'is required' }] });
  });

  it('lets only an admin manage users; a deactivated user is locked out at once', async () => {
    const body = { username: 'tijdelijk', password: 'Wolkenkrabber-Zeven-7', displayName: 'Tijdelijke MA', role: 'social-worker', team: 'demo' };
    expect((await sys.http.post('/users').set(as('team-lead')).send(body)).status).toBe(403);
    const bad = await sys.http.post('/users').set(as('admin')).send({ ...body, role: 'chef', password: 42 });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string; code: string }) => [e.path, e.code])).toEqual([
      ['/password', 'type'],
      ['/role', 'enum'],
    ]);
    const short = await sys.http.post('/users').set(as('admin')).send({ ...body, password: 'short' });
    expect(short.body.errors.map((e: { path: string; code: string }) => [e.path, e.code])).toEqual([['/password', 'password-too-short']]);
    const created = await sys.http.post('/users').set(as('admin')).send(body);
    expect(created.status).toBe(201);
    expect(created.body).not.toHaveProperty('passwordHash');
    expect((await sys.http.post('/users').set(as('admin')).send(body)).status).toBe(409);

    const token = await sys.login('tijdelijk', 'Wolkenkrabber-Zeven-7');
    expect((await sys.http.get('/tasks').set('Authorization', `Bearer ${token}`)).status).toBe(200);

    const wrong = await sys.http.post('/users/me/password').set('Authorization', `Bearer ${token}`).send({ currentPassword: 'nope', newPassword: 'nieuw-wachtwoord' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors[0]).toMatchObject({ path: '/currentPassword', code: 'incorrect' });
    const changed = await sys.http.post('/users/me/password').set('Authorization', `Bearer ${token}`).send({ currentPassword: 'Wolkenkrabber-Zeven-7', newPassword: 'nieuw-wachtwoord' });
    expect(changed.status).toBe(204);
    expect((await sys.http.post('/auth/login').send({ username: 'tijdelijk', password: 'Wolkenkrabber-Zeven-7' })).status).toBe(401);
    const fresh = await sys.login('tijdelijk', 'nieuw-wachtwoord');
    expect((await sys.http.get('/tasks').set('Authorization', `Bearer ${fresh}`)).status).toBe(200);

    expect((await sys.http.post(`/users/${created.body.id}/deactivate`).set(as('team-lead'))).status).toBe(403);
    expect((await sys.http.post(`/users/${created.body.id}/deactivate`).set(as('admin'))).status).toBe(200);
    expect((await sys.http.get('/tasks').set('Authorization', `Bearer ${fresh}`)).status).toBe(401);
    expect((await sys.http.post('/auth/login').send({ username: 'tijdelijk', password: 'nieuw-wachtwoord' })).status).toBe(401);
  });

  it('answers malformed JSON, unknown ids and bad filters in the one error shape', async () => {
    const malformed = await sys.http.post('/persons').set(as('social-worker')).set('content-type', 'application/json').send('{"nationalNumber":');
    expect(malformed.status).toBe(400);
    expect(malformed.body).toMatchObject({ statusCode: 400, errors: [{ path: '', code: 'malformed' }] });
    expect((await sys.http.get('/dossiers/not-a-uuid').set(as('social-worker'))).status).toBe(404);
    expect((await sys.http.get('/dossiers/00000000-0000-4000-8000-000000000000').set(as('social-worker'))).status).toBe(404);
    const filter = await sys.http.get('/tasks?status=busy&dueBefore=2026-02-30').set(as('social-worker'));
    expect(filter.status).toBe(400);
    expect(filter.body.errors.map((e: { path: string }) => e.path)).toEqual(['/status', '/dueBefore']);
    const unknownPerson = await sys.http.post('/dossiers').set(as('social-worker')).send({ procedure: 'leefloon', personId: '00000000-0000-4000-8000-000000000000' });
    expect(unknownPerson.status).toBe(404);
    const unknownProcedure = await sys.http.post('/dossiers').set(as('social-worker')).send({ procedure: 'huurwaarborg', personId: '00000000-0000-4000-8000-000000000000' });
    expect(unknownProcedure.body.errors[0]).toMatchObject({ path: '/procedure', code: 'enum' });
  });

  it('starts the legal clocks from a request registered late, and escalates what is already overdue', async () => {
    const person = await sys.http.post('/persons').set(as('social-worker')).send({
      nationalNumber: VALID_NATIONAL_NUMBERS[2],
      firstName: 'Lotte',
      lastName: 'Janssens',
      address: { street: 'Kerkstraat 2', postalCode: '2000', city: 'Antwerpen' },
    });
    expect(person.status).toBe(201);
    expect(person.body.birthDate).toBe('2005-03-14'); // a national number of a birth from 2000 on
    const requestDate = addDays(today, -31);
    const opened = await sys.http.post('/dossiers').set(as('social-worker')).send({ procedure: 'leefloon', personId: person.body.id, requestDate, channel: 'letter' });
    expect(opened.status).toBe(201);

    const dossier = await eventually(async () => {
      const res = await sys.http.get(`/dossiers/${opened.body.id}`).set(as('team-lead'));
      return res.body.timeline?.some((e: { type: string }) => e.type === 'escalation-breach') ? res.body : undefined;
    });
    expect(dossier.deadlines[0]).toMatchObject({ ruleId: 'LL-3', status: 'breached', triggerDate: requestDate, dueDate: addDays(requestDate, 30), daysLeft: -1 });
    expect(dossier.timeline.map((e: { type: string }) => e.type)).toEqual(expect.arrayContaining(['escalation-warning', 'escalation-breach']));

    const trail = await sys.http.get(`/dossiers/${opened.body.id}/audit`).set(as('team-lead'));
    const openedEvent = trail.body.items.find((e: { action: string }) => e.action === 'dossier.opened');
    expect(openedEvent.details).toMatchObject({ requestDate, registeredLateByDays: 31 });
  });

  it('lists the procedures with their Dutch statuses and task kinds to every signed-in role (GET /procedures), declared in the OpenAPI', async () => {
    expect((await sys.http.get('/procedures')).status).toBe(401);
    await sys.loginAll(['council-secretary', 'finance']);
    for (const role of ['social-worker', 'team-lead', 'council-secretary', 'finance', 'admin']) {
      expect([role, (await sys.http.get('/procedures').set(as(role))).status]).toEqual([role, 200]);
    }
    const res = await sys.http.get('/procedures').set(as('finance'));
    const leefloon = res.body.items.find((p: { name: string }) => p.name === 'leefloon');
    expect(leefloon).toMatchObject({ title: 'Leefloon (RMI-wet)', workflowType: 'leefloonApplication', referencePrefix: 'LL' });
    const statuses = leefloon.statuses as { code: string; label: string; order: number }[];
    expect(statuses.map((s) => s.order)).toEqual(statuses.map((_, i) => i + 1));
    expect(statuses).toEqual(expect.arrayContaining([
      { code: 'REQUEST_REGISTERED', label: 'Aanvraag geregistreerd', order: 1, final: false },
      { code: 'ON_AGENDA', label: 'Geagendeerd op het BCSD', order: 11, final: false },
      { code: 'ACTIVE', label: 'Leefloon loopt', order: 14, final: false },
      { code: 'STOPPED', label: 'Leefloon stopgezet', order: 15, final: true },
    ]));
    expect(leefloon.taskKinds).toEqual(expect.arrayContaining([
      { kind: 'social-inquiry', role: 'social-worker', title: 'Sociaal onderzoek', outcomeSchema: expect.objectContaining({ type: 'object' }) },
    ]));
    expect(leefloon.letters.appeal).toMatchObject({ court: 'arbeidsrechtbank', ruleId: 'LL-10' });
    expect(leefloon.settings.map((s: { name: string }) => s.name)).toEqual(['payday', 'documentReminderDays', 'partnerReminderDays']);
    // The household roles a member is added in, with their Dutch labels (the web app's choice).
    expect(leefloon.householdRoles).toEqual([
      { role: 'partner', label: 'Partner' }, { role: 'child', label: 'Kind' }, { role: 'other-household-member', label: 'Ander gezinslid' },
    ]);

    const openapi = await sys.http.get('/docs-json');
    const route = openapi.body.paths['/procedures'].get;
    expect(Object.keys(route.responses)).toEqual(expect.arrayContaining(['200', '401']));
    expect(route.responses['200'].content['application/json'].schema.properties.items.items.properties.statuses).toBeDefined();

    // Dossiers carry the Dutch label next to the code.
    const list = await sys.http.get('/dossiers').set(as('team-lead'));
    expect(list.body.items.length).toBeGreaterThan(0);
    for (const d of list.body.items as { status: string; statusLabel: string }[]) {
      expect(d.statusLabel).toBe(statuses.find((s) => s.code === d.status)?.label);
    }
    const one = await sys.http.get(`/dossiers/${list.body.items[0].id}`).set(as('team-lead'));
    expect(one.body.statusLabel).toBe(statuses.find((s) => s.code === one.body.status)?.label);
  });

  it('lets the team lead assign a task to a colleague of the right role, who then does it', async () => {
    const task = await eventually(async () => {
      const res = await sys.http.get('/tasks?status=claimed').set(as('team-lead'));
      return res.body.items.find((t: { kind: string }) => t.kind === 'competence-check');
    });
    const users = await sys.http.get('/users').set(as('team-lead'));
    const id = (name: string) => users.body.items.find((u: { username: string }) => u.username === name).id;

    expect((await sys.http.post(`/tasks/${task.id}/assign`).set(as('social-worker')).send({ userId: id('social-worker-2') })).status).toBe(403);
    const wrongRole = await sys.http.post(`/tasks/${task.id}/assign`).set(as('team-lead')).send({ userId: id('council-secretary') });
    expect(wrongRole.status).toBe(400);
    expect(wrongRole.body.errors[0]).toMatchObject({ path: '/userId', code: 'not-eligible' });

    const assigned = await sys.http.post(`/tasks/${task.id}/assign`).set(as('team-lead')).send({ userId: id('social-worker-2') });
    expect(assigned.body).toMatchObject({ status: 'claimed', assigneeId: id('social-worker-2') });
    const mine = await sys.http.get('/tasks?assignee=me').set(as('social-worker-2'));
    expect(mine.body.items.map((t: { id: string }) => t.id)).toEqual([task.id]);
    // Homeless, staying in Gent (art. 2 §7 Wet 1965): this OCMW is competent.
    const homeless = { situation: 'homeless', actualStay: '44021', competent: true, rule: 'homeless' };
    expect((await sys.http.post(`/tasks/${task.id}/complete`).set(as('social-worker')).send(homeless)).status).toBe(409);
    const done = await sys.http.post(`/tasks/${task.id}/complete`).set(as('social-worker-2')).send(homeless);
    expect(done.status).toBe(200);
    expect(done.body.nextTasks.map((t: { kind: string }) => t.kind)).toEqual(['social-inquiry']);
  });

  it("lists only tasks still to be done by default, also in the admin's view; a finished one is found with status=completed", async () => {
    const done = await eventually(async () => {
      const res = await sys.http.get('/tasks?status=completed').set(as('admin'));
      return res.body.items.length > 0 ? res.body.items : undefined;
    });
    const open = await eventually(async () => {
      const res = await sys.http.get('/tasks').set(as('admin'));
      return res.body.items.some((t: { kind: string }) => t.kind === 'social-inquiry') ? res.body : undefined;
    });
    expect(open.items.map((t: { status: string }) => t.status).filter((s: string) => s !== 'open' && s !== 'claimed')).toEqual([]);
    expect(open.items.map((t: { id: string }) => t.id)).not.toEqual(expect.arrayContaining([done[0].id]));
    expect(open.total).toBe(open.items.length);
    const mine = await sys.http.get('/tasks').set(as('social-worker-2'));
    expect(mine.body.items.every((t: { status: string }) => t.status === 'open' || t.status === 'claimed')).toBe(true);
  });
});

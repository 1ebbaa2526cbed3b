import * as bcrypt from 'bcryptjs';
import { VALID_NATIONAL_NUMBERS } from '../support/factories';
import { startTestSystem, TestSystem } from '../support/system';

/** What a caller learns and keeps: duplicates of another team's dossier, tokens, logins, passwords — through HTTP. */
describe('security (e2e)', () => {
  let sys: TestSystem;
  const as = (user: string) => sys.as(user);
  const NOORD_PASSWORD = 'Noorderlicht-Kade-42';

  beforeAll(async () => {
    sys = await startTestSystem();
    await sys.loginAll(['social-worker', 'team-lead', 'admin']);
    const created = await sys.http.post('/users').set(as('admin'))
      .send({ username: 'noord-worker', password: NOORD_PASSWORD, displayName: 'Nora Noord', role: 'social-worker', team: 'noord' });
    expect(created.status).toBe(201);
    await sys.login('noord-worker', NOORD_PASSWORD);
  });
  afterAll(async () => {
    await sys?.close();
  });

  async function registerPerson(user: string, nationalNumber: string, lastName: string): Promise<string> {
    const res = await sys.http.post('/persons').set(as(user))
      .send({ nationalNumber, firstName: 'Sam', lastName, address: { street: 'Markt 1', postalCode: '9000', city: 'Gent' } });
    expect(res.status).toBe(201);
    return res.body.id;
  }
  const countDossiers = async () => (await sys.db.query('SELECT count(*)::int AS n FROM dossiers')).rows[0].n as number;

  it("refuses a duplicate of another team's open dossier without naming it, and names one the caller may see", async () => {
    const personId = await registerPerson('noord-worker', VALID_NATIONAL_NUMBERS[0], 'Noord');
    const theirs = await sys.http.post('/dossiers').set(as('noord-worker')).send({ procedure: 'leefloon', personId });
    expect(theirs.status).toBe(201);
    const before = await countDossiers();

    const duplicate = await sys.http.post('/dossiers').set(as('social-worker')).send({ procedure: 'leefloon', personId });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body).toEqual({ statusCode: 409, message: expect.stringContaining('another team') });
    expect(JSON.stringify(duplicate.body)).not.toContain(theirs.body.id);
    expect(JSON.stringify(duplicate.body)).not.toContain(theirs.body.reference);
    expect(await countDossiers()).toBe(before);

    const ownPerson = await registerPerson('social-worker', VALID_NATIONAL_NUMBERS[1], 'Demo');
    const ours = await sys.http.post('/dossiers').set(as('social-worker')).send({ procedure: 'leefloon', personId: ownPerson });
    expect(ours.status).toBe(201);
    const again = await sys.http.post('/dossiers').set(as('team-lead')).send({ procedure: 'leefloon', personId: ownPerson });
    expect(again.status).toBe(409);
    expect(again.body).toEqual({ statusCode: 409, message: expect.any(String), existingId: ours.body.id, reference: ours.body.reference });
  });

  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
  async function newUser(username: string, password: string): Promise<string> {
    const res = await sys.http.post('/users').set(as('admin')).send({ username, password, displayName: username, role: 'social-worker', team: 'demo' });
    expect(res.status).toBe(201);
    return res.body.id;
  }
  const tokenVersion = async (id: string) => (await sys.db.query('SELECT token_version FROM users WHERE id = $1', [id])).rows[0].token_version as number;

  it('ends every earlier token when the user changes the password', async () => {
    await newUser('wissel', 'Kastanjelaan-Dertien-13');
    const first = await sys.login('wissel', 'Kastanjelaan-Dertien-13');
    const second = await sys.login('wissel', 'Kastanjelaan-Dertien-13');
    expect((await sys.http.get('/tasks').set(bearer(first))).status).toBe(200);

    const changed = await sys.http.post('/users/me/password').set(bearer(first)).send({ currentPassword: 'Kastanjelaan-Dertien-13', newPassword: 'Lindeboom-Vijftien-15' });
    expect(changed.status).toBe(204);
    for (const old of [first, second]) {
      const res = await sys.http.get('/tasks').set(bearer(old));
      expect(res.status).toBe(401);
      expect(res.body).toEqual({ statusCode: 401, message: 'Invalid or expired token' });
    }
    const fresh = await sys.login('wissel', 'Lindeboom-Vijftien-15');
    expect((await sys.http.get('/tasks').set(bearer(fresh))).status).toBe(200);
  });

  it("lets only an admin reset a user's password, which ends that user's tokens, audited without the password", async () => {
    const id = await newUser('vergeten', 'Beukenhof-Zeventien-17');
    const old = await sys.login('vergeten', 'Beukenhof-Zeventien-17');
    const body = { newPassword: 'Eikenpad-Negentien-19' };

    expect((await sys.http.post(`/users/${id}/password`).set(as('team-lead')).send(body)).status).toBe(403);
    expect((await sys.http.post(`/users/${id}/password`).set(bearer(old)).send(body)).status).toBe(403);
    expect((await sys.http.post('/users/00000000-0000-4000-8000-000000000000/password').set(as('admin')).send(body)).status).toBe(404);
    const bad = await sys.http.post(`/users/${id}/password`).set(as('admin')).send({ password: 'x' });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ statusCode: 400, errors: expect.arrayContaining([{ path: '/newPassword', code: 'required', message: expect.any(String) }]) });
    const adminId = (await sys.db.query(`SELECT id FROM users WHERE username = 'admin'`)).rows[0].id;
    expect((await sys.http.post(`/users/${adminId}/password`).set(as('admin')).send(body)).status).toBe(409);
    expect(await tokenVersion(id)).toBe(0);
    expect((await sys.http.get('/tasks').set(bearer(old))).status).toBe(200);

    expect((await sys.http.post(`/users/${id}/password`).set(as('admin')).send(body)).status).toBe(204);
    expect(await tokenVersion(id)).toBe(1);
    expect((await sys.http.get('/tasks').set(bearer(old))).status).toBe(401);
    expect((await sys.http.post('/auth/login').send({ username: 'vergeten', password: 'Beukenhof-Zeventien-17' })).status).toBe(401);
    await sys.login('vergeten', 'Eikenpad-Negentien-19');

    const { rows } = await sys.db.query(`SELECT actor_role, details FROM audit_events WHERE action = 'user.password-reset'`);
    expect(rows).toEqual([{ actor_role: 'admin', details: { userId: id } }]);
  });

  it('ends the tokens of a deactivated user for good', async () => {
    const id = await newUser('vertrokken', 'Populierendreef-21');
    const token = await sys.login('vertrokken', 'Populierendreef-21');
    expect((await sys.http.post(`/users/${id}/deactivate`).set(as('admin'))).status).toBe(200);
    expect(await tokenVersion(id)).toBe(1);
    expect((await sys.http.get('/tasks').set(bearer(token))).status).toBe(401);
    // Even if the account were switched on again in the database, the old token stays dead.
    await sys.db.query('UPDATE users SET active = true WHERE id = $1', [id]);
    expect((await sys.http.get('/tasks').set(bearer(token))).status).toBe(401);
  });

  it('holds every new password to the rules, with stable codes, and changes nothing on a refusal', async () => {
    const countUsers = async () => (await sys.db.query('SELECT count(*)::int AS n FROM users')).rows[0].n as number;
    const users = await countUsers();
    const create = (password: string) =>
      sys.http.post('/users').set(as('admin')).send({ username: 'regels', password, displayName: 'Rita Regels', role: 'social-worker', team: 'demo' });
    for (const [password, code] of [
      ['kort', 'password-too-short'],
      ['abcabcabcabc', 'password-repeated'],
      ['Wachtwoord1234', 'password-weak'],
      ['Rita-Regels-2026', 'password-personal'], // her own name and username
    ]) {
      const res = await create(password);
      expect(res.status).toBe(400);
      expect(res.body).toEqual({ statusCode: 400, message: expect.any(String), errors: [{ path: '/password', code, message: expect.any(String) }] });
    }
    const nul = await sys.http.post('/users').set(as('admin'))
      .send({ username: 'regels', password: 'Zandloper-Maan-Tulp', displayName: 'Rita\u0000Regels', role: 'social-worker', team: 'demo' });
    expect(nul.status).toBe(400);
    expect(nul.body.errors).toEqual([{ path: '/displayName', code: 'nul-character', message: expect.any(String) }]);
    expect(await countUsers()).toBe(users);

    const id = (await create('Zandloper-Maan-Tulp')).body.id;
    const token = await sys.login('regels', 'Zandloper-Maan-Tulp');
    const change = (body: object) => sys.http.post('/users/me/password').set(bearer(token)).send(body);
    const same = await change({ currentPassword: 'Zandloper-Maan-Tulp', newPassword: 'Zandloper-Maan-Tulp' });
    expect(same.status).toBe(400);
    expect(same.body.errors).toEqual([{ path: '/newPassword', code: 'password-reused', message: expect.any(String) }]);
    const both = await change({ currentPassword: 'geraden', newPassword: 'qwertyuiop12' });
    expect(both.body.errors.map((e: { path: string; code: string }) => [e.path, e.code])).toEqual([
      ['/currentPassword', 'incorrect'],
      ['/newPassword', 'password-weak'],
    ]);
    const reset = await sys.http.post(`/users/${id}/password`).set(as('admin')).send({ newPassword: 'Zandloper-Maan-Tulp' });
    expect(reset.status).toBe(400);
    expect(reset.body.errors).toEqual([{ path: '/newPassword', code: 'password-reused', message: expect.any(String) }]);
    const weakReset = await sys.http.post(`/users/${id}/password`).set(as('admin')).send({ newPassword: 'aaaaaaaaaaaaaaaa' });
    expect(weakReset.body.errors[0]).toMatchObject({ path: '/newPassword', code: 'password-repeated' });
    expect(await tokenVersion(id)).toBe(0);
    expect((await sys.http.get('/tasks').set(bearer(token))).status).toBe(200);
  });

  it('lets the admin read but not do casework', async () => {
    const personId = await registerPerson('social-worker', VALID_NATIONAL_NUMBERS[2], 'Beheer');
    expect((await sys.http.post('/dossiers').set(as('admin')).send({ procedure: 'leefloon', personId })).status).toBe(403);
    const person = { nationalNumber: VALID_NATIONAL_NUMBERS[2], firstName: 'Sam', lastName: 'Beheer', address: { street: 'Markt 1', postalCode: '9000', city: 'Gent' } };
    expect((await sys.http.post('/persons').set(as('admin')).send(person)).status).toBe(403);
    expect((await sys.http.get('/dossiers').set(as('admin'))).status).toBe(200);
    expect((await sys.http.get('/team/reassignments').set(as('admin'))).status).toBe(200);
  });
});

/** Failed logins counted in PostgreSQL: a system of its own, with small limits. */
describe('login limits (e2e)', () => {
  let sys: TestSystem;
  const LIMITS = { OCMW_LOGIN_MAX_FAILURES_PER_USER: '3', OCMW_LOGIN_MAX_FAILURES_PER_ADDRESS: '8', OCMW_LOGIN_WINDOW_MINUTES: '15', OCMW_LOGIN_LOCKOUT_MINUTES: '15' };
  const login = (username: string, password: string) => sys.http.post('/auth/login').send({ username, password });
  // The audit trail is append-only (even the tests leave it whole): each test reads the failures after its own start.
  let since = 0;
  const failures = async () =>
    (await sys.db.query(`SELECT details FROM audit_events WHERE action = 'auth.login-failed' AND id > $1 ORDER BY id`, [since])).rows.map((r) => r.details);
  /** As if every attempt so far had been made `minutes` earlier. */
  const travel = (minutes: number) => sys.db.query(`UPDATE login_attempts SET at = at - make_interval(mins => $1)`, [minutes]);

  beforeAll(async () => {
    sys = await startTestSystem(LIMITS);
  });
  afterAll(async () => {
    await sys?.close();
  });
  beforeEach(async () => {
    await sys.db.query('DELETE FROM login_attempts');
    since = Number((await sys.db.query(`SELECT coalesce(max(id), 0) AS id FROM audit_events`)).rows[0].id);
  });

  it('locks a username after its failures, answers 429 with Retry-After, audits every failure without the password', async () => {
    for (let i = 0; i < 3; i++) expect((await login('team-lead', `fout-${i}`)).status).toBe(401);
    const locked = await login('team-lead', 'demo'); // even the right password, while locked
    expect(locked.status).toBe(429);
    expect(locked.body).toEqual({ statusCode: 429, message: expect.stringContaining('Too many failed logins') });
    const retryAfter = Number(locked.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(14 * 60);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    expect((await login('finance', 'demo')).status).toBe(200); // another username from the same address

    const audited = await failures();
    expect(audited.map((d) => d.reason)).toEqual(['wrong-password', 'wrong-password', 'wrong-password', 'locked']);
    expect(audited[0]).toEqual({ username: 'team-lead', address: '127.0.0.1', reason: 'wrong-password', userId: expect.any(String) });
    expect(audited[3]).toMatchObject({ username: 'team-lead', address: '127.0.0.1', reason: 'locked', lockedBy: ['username'] });
    expect(JSON.stringify(audited)).not.toMatch(/fout-|"demo"/);

    await travel(15);
    expect((await login('team-lead', 'demo')).status).toBe(200);
  });

  it('counts an unknown username like a known one', async () => {
    for (let i = 0; i < 3; i++) expect((await login('niemand', 'demo')).status).toBe(401);
    expect((await login('niemand', 'demo')).status).toBe(429);
    expect((await failures()).map((d) => d.reason)).toEqual(['unknown-user', 'unknown-user', 'unknown-user', 'locked']);
  });

  it('lets attempts side by side pass no further than the limit', async () => {
    const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => login('council-secretary', `fout-${i}`)));
    expect(answers.filter((a) => a.status === 401)).toHaveLength(3);
    expect(answers.filter((a) => a.status === 429)).toHaveLength(7);
    expect(await failures()).toHaveLength(10);
  });

  it("resets a username's count on its successful login, but not the address's", async () => {
    for (let i = 0; i < 2; i++) expect((await login('social-worker', 'fout')).status).toBe(401);
    expect((await login('social-worker', 'demo')).status).toBe(200);
    for (let i = 0; i < 2; i++) expect((await login('social-worker', 'fout')).status).toBe(401); // 2 since the success
    for (const u of ['a', 'b', 'c', 'd']) expect((await login(u, 'fout')).status).toBe(401); // the address's 8th failure
    const locked = await login('finance', 'demo');
    expect(locked.status).toBe(429);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    expect((await failures()).at(-1)).toMatchObject({ username: 'finance', reason: 'locked', lockedBy: ['address'] });
    await travel(15);
    expect((await login('finance', 'demo')).status).toBe(200);
  });

  it('answers bad login input with 400 and counts nothing', async () => {
    const nul = await login('team\u0000lead', 'demo');
    expect(nul.status).toBe(400);
    expect(nul.body).toMatchObject({ statusCode: 400, errors: [{ path: '/username', code: 'nul-character' }] });
    expect((await sys.http.post('/auth/login').send({ username: 'x'.repeat(101), password: 'demo' })).status).toBe(400);
    expect((await sys.db.query('SELECT count(*)::int AS n FROM login_attempts')).rows[0].n).toBe(0);
  });
});

/** NODE_ENV=production: no demo users, and a demo password works nowhere. */
describe('production (e2e)', () => {
  let sys: TestSystem;
  const PRODUCTION = {
    NODE_ENV: 'production',
    OCMW_TOKEN_SECRET: 'test-secret-'.repeat(4),
    OCMW_LABOUR_COURT_ADDRESS: 'Arbeidsrechtbank Gent, afdeling Gent, Opgeëistenlaan 401 E, 9000 Gent',
    OCMW_DEMO_PASSWORD: '',
  };

  beforeAll(async () => {
    sys = await startTestSystem(PRODUCTION);
    const insert = `INSERT INTO users (username, password_hash, display_name, role, team) VALUES ($1, $2, $3, $4, 'sociale-dienst')`;
    await sys.db.query(insert, ['beheerder', await bcrypt.hash('Vuurtoren-Zeemeeuw-88', 4), 'Beheerder', 'admin']);
    // A demo user carried over from a local database.
    await sys.db.query(insert, ['social-worker', await bcrypt.hash('demo', 4), 'An Maatschappelijk Assistent', 'social-worker']);
  });
  afterAll(async () => {
    await sys?.close();
  });

  it('seeds no demo users, refuses a login with a demo password, and a demo password for a new user', async () => {
    expect((await sys.db.query(`SELECT count(*)::int AS n FROM users WHERE username = 'admin'`)).rows[0].n).toBe(0);
    const demo = await sys.http.post('/auth/login').send({ username: 'social-worker', password: 'demo' });
    expect(demo.status).toBe(401);
    const { rows } = await sys.db.query(`SELECT details FROM audit_events WHERE action = 'auth.login-failed'`);
    expect(rows.map((r) => r.details.reason)).toEqual(['demo-password']);

    await sys.login('beheerder', 'Vuurtoren-Zeemeeuw-88');
    const created = await sys.http.post('/users').set(sys.as('beheerder'))
      .send({ username: 'nieuw', password: 'demo', displayName: 'Nieuwe MA', role: 'social-worker', team: 'sociale-dienst' });
    expect(created.status).toBe(400);
    expect(created.body.errors).toEqual([{ path: '/password', code: 'password-demo', message: expect.any(String) }]);
  });

  it('does not start with OCMW_DEMO_PASSWORD set', async () => {
    await expect(startTestSystem({ ...PRODUCTION, OCMW_DEMO_PASSWORD: 'Demo-Wachtwoord-Ocmw-2026' })).rejects.toThrow(/OCMW_DEMO_PASSWORD: has no place in production/);
  });
});

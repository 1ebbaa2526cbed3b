import { VALID_NATIONAL_NUMBERS } from '../support/factories';
import { startTestSystem, TestSystem } from '../support/system';

/** The web app's session: an httpOnly, SameSite=Strict cookie, CSRF-protected for every change; bearer tokens unchanged. */
describe('web session cookie and CSRF', () => {
  let sys: TestSystem;
  beforeAll(async () => {
    sys = await startTestSystem();
    await sys.loginAll(['social-worker']);
  });
  afterAll(async () => {
    await sys?.close();
  });

  const signIn = async () => {
    const res = await sys.http.post('/auth/login').send({ username: 'social-worker', password: 'demo', cookie: true }).expect(200);
    const setCookie = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
    return { res, setCookie, cookie: setCookie[0].split(';')[0], csrf: res.body.csrfToken as string };
  };
  const person = { nationalNumber: VALID_NATIONAL_NUMBERS[1], firstName: 'Els', lastName: 'Maes', address: { street: 'Kouter 3', postalCode: '9000', city: 'Gent' } };

  it('sets the session cookie httpOnly, SameSite=Strict, Path=/ only when the web app asks for it', async () => {
    const { setCookie, csrf } = await signIn();
    expect(setCookie).toHaveLength(1);
    expect(setCookie[0]).toMatch(/^ocmw_session=[^;]+; Path=\/; Max-Age=\d+; HttpOnly; SameSite=Strict$/); // http here: no Secure
    expect(csrf).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const plain = await sys.http.post('/auth/login').send({ username: 'social-worker', password: 'demo' }).expect(200);
    expect(plain.headers['set-cookie']).toBeUndefined();
    expect(plain.body.csrfToken).toBeUndefined();
  });

  it('authenticates reads by the cookie; GET /auth/me gives the user and the CSRF token', async () => {
    const { cookie, csrf } = await signIn();
    const me = await sys.http.get('/auth/me').set('Cookie', cookie).expect(200);
    expect(me.body).toMatchObject({ username: 'social-worker', displayName: 'An Maatschappelijk Assistent', role: 'social-worker', team: 'demo', cookie: true, csrfToken: csrf });
    await sys.http.get('/tasks').set('Cookie', cookie).expect(200);
    await sys.http.get('/tasks').expect(401);
  });

  it('refuses a change by cookie without the right CSRF token (403, the one error shape), and changes nothing', async () => {
    const { cookie, csrf } = await signIn();
    const missing = await sys.http.post('/persons').set('Cookie', cookie).send(person).expect(403);
    expect(missing.body).toMatchObject({ statusCode: 403, message: expect.stringContaining('CSRF') });
    await sys.http.post('/persons').set('Cookie', cookie).set('X-CSRF-Token', csrf.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'))).send(person).expect(403);
    const other = await signIn(); // another session's token is worth nothing here… unless it is the same token
    if (other.csrf !== csrf) await sys.http.post('/persons').set('Cookie', cookie).set('X-CSRF-Token', other.csrf).send(person).expect(403);
    const search = await sys.http.get('/persons').query({ nationalNumber: person.nationalNumber }).set(sys.as('social-worker'));
    expect(JSON.stringify(search.body)).not.toContain('Maes');
    await sys.http.post('/persons').set('Cookie', cookie).set('X-CSRF-Token', csrf).send(person).expect(201);
  });

  it('keeps bearer tokens working without any CSRF token', async () => {
    const res = await sys.http.post('/persons').set(sys.as('social-worker')).send({ ...person, nationalNumber: VALID_NATIONAL_NUMBERS[0], firstName: 'Jan' });
    expect(res.status).toBe(201);
    const me = await sys.http.get('/auth/me').set(sys.as('social-worker')).expect(200);
    expect(me.body).toEqual({ id: expect.any(String), username: 'social-worker', displayName: 'An Maatschappelijk Assistent', role: 'social-worker', team: 'demo', cookie: false });
  });

  it('logs out: the cookie is cleared', async () => {
    await signIn();
    const res = await sys.http.post('/auth/logout').expect(204);
    expect(([] as string[]).concat(res.headers['set-cookie'] ?? [])[0]).toMatch(/^ocmw_session=; Path=\/; Max-Age=0; HttpOnly; SameSite=Strict/);
  });

  it('serves the built web app: index.html (not cached) for every /app path, hashed assets cached a year', async () => {
    const page = await sys.http.get('/app/dossiers/00000000-0000-0000-0000-000000000000').expect(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.headers['cache-control']).toBe('no-cache');
    expect(page.text).toContain('<html lang="nl">');
    const asset = /\/app\/(assets\/index-[\w-]+\.js)/.exec(page.text)![1];
    const js = await sys.http.get(`/app/${asset}`).expect(200);
    expect(js.headers['content-type']).toMatch(/javascript/);
    expect(js.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(page.text).not.toMatch(/https?:\/\//); // nothing from a CDN
  });
});

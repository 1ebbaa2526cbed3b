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

  it('lets the admin read but not do casework', async () => {
    const personId = await registerPerson('social-worker', VALID_NATIONAL_NUMBERS[2], 'Beheer');
    expect((await sys.http.post('/dossiers').set(as('admin')).send({ procedure: 'leefloon', personId })).status).toBe(403);
    const person = { nationalNumber: VALID_NATIONAL_NUMBERS[2], firstName: 'Sam', lastName: 'Beheer', address: { street: 'Markt 1', postalCode: '9000', city: 'Gent' } };
    expect((await sys.http.post('/persons').set(as('admin')).send(person)).status).toBe(403);
    expect((await sys.http.get('/dossiers').set(as('admin'))).status).toBe(200);
    expect((await sys.http.get('/team/reassignments').set(as('admin'))).status).toBe(200);
  });
});

import { VALID_NATIONAL_NUMBERS } from '../support/factories';
import { startTestSystem, TestSystem } from '../support/system';
import { uniqueTaskQueue } from '../support/temporal';

const address = { street: 'Markt 1', postalCode: '9000', city: 'Gent' };

/**
 * The person page over HTTP: identity, contact details, household and the person's dossiers (another team's left
 * out), an audited read; PATCH /persons/:id changes the contact details only, validated and audited with old and new.
 */
describe('the person page (e2e)', () => {
  let sys: TestSystem;
  const as = (user: string) => sys.as(user);
  let jan: string;
  let els: string;
  let demoDossier: string;
  let noordDossier: string;
  const person = async (user: string, nationalNumber: string, firstName: string, extra: object = {}) => {
    const res = await sys.http.post('/persons').set(as(user)).send({ nationalNumber, firstName, lastName: 'Peeters', address, ...extra });
    expect(res.status).toBe(201);
    return res.body.id as string;
  };
  const open = async (user: string, procedure: string, personId: string) => {
    const res = await sys.http.post('/dossiers').set(as(user)).send({ procedure, personId });
    expect(res.status).toBe(201);
    return res.body.id as string;
  };
  const auditRows = async (action: string, personId: string) =>
    (await sys.db.query(`SELECT actor_role, details FROM audit_events WHERE action = $1 AND person_id = $2 ORDER BY id`, [action, personId])).rows;

  beforeAll(async () => {
    sys = await startTestSystem({ TEMPORAL_TASK_QUEUE: uniqueTaskQueue('e2e-person-page') });
    await sys.loginAll(['social-worker', 'team-lead', 'council-secretary', 'finance', 'admin']);
    const noord = await sys.http.post('/users').set(as('admin'))
      .send({ username: 'noord-worker', password: 'Kwartel-Paraplu-93!', displayName: 'Noor Werker', role: 'social-worker', team: 'noord' });
    expect(noord.status).toBe(201);
    await sys.login('noord-worker', 'Kwartel-Paraplu-93!');
    jan = await person('social-worker', VALID_NATIONAL_NUMBERS[0], 'Jan', { phone: '09 123 45 67', email: 'jan@example.org' });
    els = await person('social-worker', VALID_NATIONAL_NUMBERS[1], 'Els');
    demoDossier = await open('social-worker', 'leefloon', jan);
    const member = await sys.http.post(`/dossiers/${demoDossier}/persons`).set(as('social-worker')).send({ personId: els, role: 'partner' });
    expect(member.status).toBe(201);
    // Another team's dossier of the same person.
    noordDossier = await open('noord-worker', 'social-aid', jan);
  });
  afterAll(async () => {
    await sys?.close();
  });

  it("shows identity, contact details, household and the team's own dossiers, as an audited read", async () => {
    const res = await sys.http.get(`/persons/${jan}`).set(as('social-worker'));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: jan, firstName: 'Jan', lastName: 'Peeters', nationalNumber: VALID_NATIONAL_NUMBERS[0], birthDate: '1993-05-18',
      address, phone: '09 123 45 67', email: 'jan@example.org',
      household: [{ person: { id: els, firstName: 'Els', lastName: 'Peeters' }, role: 'partner', roleLabel: 'Partner', dossierId: demoDossier }],
    });
    expect(res.body.dossiers).toEqual([
      {
        id: demoDossier, reference: expect.stringMatching(/^LL-\d{4}-\d+$/), procedure: 'leefloon', procedureTitle: 'Leefloon (RMI-wet)',
        status: expect.any(String), statusLabel: expect.any(String), requestDate: expect.any(String), openedAt: expect.any(String), closedAt: null,
      },
    ]);
    expect(res.body.dossiers[0].statusLabel).not.toBe(res.body.dossiers[0].status); // Dutch, from the definition
    expect(await auditRows('person.read', jan)).toEqual([{ actor_role: 'social-worker', details: { dossierIds: [demoDossier] } }]);

    // The other team sees its own dossier, not ours, and not the household recorded in ours.
    const theirs = await sys.http.get(`/persons/${jan}`).set(as('noord-worker'));
    expect(theirs.status).toBe(200);
    expect(theirs.body.dossiers.map((d: { id: string }) => d.id)).toEqual([noordDossier]);
    expect(theirs.body.household).toEqual([]);
    // The admin reads every team's dossiers.
    expect((await sys.http.get(`/persons/${jan}`).set(as('admin'))).body.dossiers).toHaveLength(2);
  });

  it("shows a household member the applicant of the dossier they are a member of, and refuses whoever may not", async () => {
    const res = await sys.http.get(`/persons/${els}`).set(as('team-lead'));
    expect(res.status).toBe(200);
    expect(res.body.dossiers).toEqual([]);
    expect(res.body.household).toEqual([
      { person: { id: jan, firstName: 'Jan', lastName: 'Peeters', birthDate: '1993-05-18' }, role: 'applicant', roleLabel: 'Aanvrager', dossierId: demoDossier, dossierReference: expect.any(String) },
    ]);
    expect((await sys.http.get(`/persons/${els}`).set(as('council-secretary'))).status).toBe(403);
    expect((await sys.http.get('/persons/00000000-0000-4000-8000-000000000000').set(as('social-worker'))).status).toBe(404);
    expect((await sys.http.get('/persons/not-a-uuid').set(as('social-worker'))).status).toBe(404);
  });

  it('changes the contact details, audited with the old and the new values', async () => {
    const res = await sys.http.patch(`/persons/${jan}`).set(as('social-worker')).send({ phone: '+32 470 12 34 56', email: null });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ phone: '+32 470 12 34 56', email: null, address });
    const moved = await sys.http.patch(`/persons/${jan}`).set(as('team-lead')).send({ address: { street: 'Kouter 2', postalCode: '9000', city: 'Gent' } });
    expect(moved.status).toBe(200);
    const page = await sys.http.get(`/persons/${jan}`).set(as('social-worker'));
    expect(page.body).toMatchObject({ phone: '+32 470 12 34 56', email: null, address: { street: 'Kouter 2', postalCode: '9000', city: 'Gent' } });
    expect(await auditRows('person.updated', jan)).toEqual([
      { actor_role: 'social-worker', details: { changes: { phone: { from: '09 123 45 67', to: '+32 470 12 34 56' }, email: { from: 'jan@example.org', to: null } } } },
      { actor_role: 'team-lead', details: { changes: { street: { from: 'Markt 1', to: 'Kouter 2' } } } },
    ]);
    // The same values again: nothing changes, nothing audited.
    expect((await sys.http.patch(`/persons/${jan}`).set(as('social-worker')).send({ phone: '+32 470 12 34 56' })).status).toBe(200);
    expect(await auditRows('person.updated', jan)).toHaveLength(2);
  });

  it('refuses anything but valid contact details with a 400, changes nothing; 403 and 404 as elsewhere', async () => {
    const before = (await sys.db.query(`SELECT * FROM persons WHERE id = $1`, [jan])).rows[0];
    const bad = async (body: object, path: string) => {
      const res = await sys.http.patch(`/persons/${jan}`).set(as('social-worker')).send(body);
      expect(res.status).toBe(400);
      expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path);
    };
    await bad({ firstName: 'Johan' }, '/firstName');
    await bad({ phone: '+32 470 12 34 56', nationalNumber: VALID_NATIONAL_NUMBERS[2] }, '/nationalNumber');
    await bad({ phone: 'bel me' }, '/phone');
    await bad({ email: 'geen-adres' }, '/email');
    await bad({ address: { street: 'Kouter 2', postalCode: '900', city: 'Gent' } }, '/address/postalCode');
    await bad({ address: { street: 'Kouter 2' } }, '/address/city');
    expect((await sys.http.patch(`/persons/${jan}`).set(as('social-worker')).send({})).status).toBe(400);
    expect((await sys.db.query(`SELECT * FROM persons WHERE id = $1`, [jan])).rows[0]).toEqual(before);
    expect((await sys.http.patch(`/persons/${jan}`).set(as('council-secretary')).send({ phone: '0470123456' })).status).toBe(403);
    expect((await sys.http.patch(`/persons/${jan}`).set(as('finance')).send({ phone: '0470123456' })).status).toBe(403);
    expect((await sys.http.patch(`/persons/${jan}`).set(as('admin')).send({ phone: '0470123456' })).status).toBe(403);
    expect((await sys.http.patch('/persons/00000000-0000-4000-8000-000000000000').set(as('social-worker')).send({ phone: '0470123456' })).status).toBe(404);
    expect((await sys.db.query(`SELECT phone FROM persons WHERE id = $1`, [jan])).rows[0].phone).toBe('+32 470 12 34 56');
  });
});

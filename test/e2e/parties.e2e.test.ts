import { DataSource } from 'typeorm';
import { createNoticeActivities } from '../../activities/notices/notice.activities';
import { loadConfig } from '../../libs/config/config';
import { createDataSource } from '../../libs/db/data-source';
import { DEFAULT_CATALOGUE } from '../../libs/deadlines/catalogue';
import { VALID_IBANS, VALID_NATIONAL_NUMBERS } from '../support/factories';
import { pdfText } from '../support/pdf-text';
import { startTestSystem, TestSystem } from '../support/system';

const LANDLORD = {
  name: 'Woonhaven Gent',
  kind: 'landlord',
  enterpriseNumber: '0403.170.701',
  iban: VALID_IBANS[0],
  address: { street: 'Kaai 3', postalCode: '9000', city: 'Gent' },
  email: 'huur@woonhaven.example',
  phone: '09 123 45 67',
  contactPerson: 'Dienst Huurders',
};
const AALST = { name: 'OCMW Aalst', kind: 'ocmw', enterpriseNumber: '0212 345 668', address: { street: 'Gasthuisstraat 40', postalCode: '9300', city: 'Aalst' } };

/** Parties over HTTP: register, search, link to a dossier with a role, permissions, bad input, a letter to a party. */
describe('parties (e2e)', () => {
  let sys: TestSystem;
  const as = (user: string) => sys.as(user);
  let dossierId: string;
  let otherDossierId: string;
  let landlordId: string;
  let aalstId: string;
  const count = async (table: string) => (await sys.db.query(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n as number;

  beforeAll(async () => {
    sys = await startTestSystem();
    await sys.loginAll(['social-worker', 'team-lead', 'council-secretary', 'finance', 'admin']);
    const noord = await sys.http.post('/users').set(as('admin'))
      .send({ username: 'noord-worker', password: 'Kwartel-Paraplu-93!', displayName: 'Noor Werker', role: 'social-worker', team: 'noord' });
    expect(noord.status).toBe(201);
    await sys.login('noord-worker', 'Kwartel-Paraplu-93!');
    const open = async (user: string, nationalNumber: string) => {
      const person = await sys.http.post('/persons').set(as(user)).send({ nationalNumber, firstName: 'Jan', lastName: 'Peeters', address: { street: 'Markt 1', postalCode: '9000', city: 'Gent' } });
      expect(person.status).toBe(201);
      const dossier = await sys.http.post('/dossiers').set(as(user)).send({ procedure: 'leefloon', personId: person.body.id });
      expect(dossier.status).toBe(201);
      return dossier.body.id as string;
    };
    dossierId = await open('social-worker', VALID_NATIONAL_NUMBERS[0]);
    otherDossierId = await open('noord-worker', VALID_NATIONAL_NUMBERS[1]);
  });
  afterAll(async () => {
    await sys?.close();
  });

  it('registers parties with validated identifiers, refuses the same enterprise number twice with the existing id', async () => {
    const created = await sys.http.post('/parties').set(as('social-worker')).send(LANDLORD);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name: 'Woonhaven Gent', kind: 'landlord', kindLabel: 'Verhuurder', enterpriseNumber: '0403170701', enterpriseNumberFormatted: '0403.170.701',
      iban: VALID_IBANS[0], address: { street: 'Kaai 3', postalCode: '9000', city: 'Gent', country: 'BE' }, contactPerson: 'Dienst Huurders', active: true,
    });
    landlordId = created.body.id;
    const aalst = await sys.http.post('/parties').set(as('team-lead')).send(AALST);
    expect(aalst.status).toBe(201);
    aalstId = aalst.body.id;

    // The same number written otherwise is the same party.
    const again = await sys.http.post('/parties').set(as('team-lead')).send({ ...LANDLORD, name: 'Woonhaven', enterpriseNumber: 'BE 0403170701' });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ statusCode: 409, existingId: landlordId });
    const clash = await sys.http.patch(`/parties/${aalstId}`).set(as('social-worker')).send({ enterpriseNumber: '0403170701' });
    expect(clash.status).toBe(409);
    expect(clash.body.existingId).toBe(landlordId);

    const audit = await sys.db.query(`SELECT action, details FROM audit_events WHERE action LIKE 'party.%' ORDER BY id`);
    expect(audit.rows.map((r) => [r.action, r.details.partyId])).toEqual([['party.created', landlordId], ['party.created', aalstId]]);
  });

  it('searches by name and enterprise number and kind, paged', async () => {
    const byName = await sys.http.get('/parties?q=woonhaven').set(as('finance'));
    expect(byName.status).toBe(200);
    expect(byName.body).toMatchObject({ total: 1, page: 1, pageSize: 50, items: [{ id: landlordId }] });
    expect((await sys.http.get('/parties?q=0212.345').set(as('social-worker'))).body.items.map((p: { id: string }) => p.id)).toEqual([aalstId]);
    expect((await sys.http.get('/parties?kind=ocmw').set(as('social-worker'))).body.items.map((p: { id: string }) => p.id)).toEqual([aalstId]);
    const paged = await sys.http.get('/parties?pageSize=1&page=2').set(as('admin'));
    expect(paged.body).toMatchObject({ total: 2, page: 2, pageSize: 1, items: [{ id: landlordId }] }); // by name: OCMW Aalst, Woonhaven Gent
    expect((await sys.http.get(`/parties/${aalstId}`).set(as('finance'))).body).toMatchObject({ id: aalstId, name: 'OCMW Aalst' });
  });

  it('refuses bad input with 400 in the one error shape and changes nothing', async () => {
    const before = await count('parties');
    const bad = await sys.http.post('/parties').set(as('social-worker')).send({
      name: '', kind: 'friend', enterpriseNumber: '0403170702', iban: 'BE00 1234', address: { street: 'Kaai 3', postalCode: '900', city: 'Gent' },
    });
    expect(bad.status).toBe(400);
    const codes = (bad.body.errors as { path: string; code: string }[]).map((e) => `${e.path} ${e.code}`);
    for (const c of ['/name min-length', '/kind enum', '/enterpriseNumber enterprise-number', '/iban iban', '/address/postalCode pattern']) expect(codes).toContain(c);
    // Abroad, a postal code is the country's own.
    expect((await sys.http.post('/parties').set(as('social-worker')).send({ name: 'Incasso NL', kind: 'collection-agency', address: { street: 'Dam 1', postalCode: '1012 JS', city: 'Amsterdam', country: 'NL' } })).status).toBe(201);
    expect(await count('parties')).toBe(before + 1);

    const patch = await sys.http.patch(`/parties/${landlordId}`).set(as('social-worker')).send({ iban: 'NL00' });
    expect(patch.status).toBe(400);
    expect((await sys.http.patch(`/parties/${landlordId}`).set(as('social-worker')).send({})).status).toBe(400);
    expect((await sys.http.get(`/parties/${landlordId}`).set(as('social-worker'))).body.iban).toBe(VALID_IBANS[0]);

    const links = await count('dossier_parties');
    const badLink = await sys.http.post(`/dossiers/${dossierId}/parties`).set(as('social-worker')).send({ partyId: landlordId, role: 'neighbour' });
    expect(badLink.body).toMatchObject({ statusCode: 400, errors: [{ path: '/role', code: 'enum' }] });
    // A role naming an institution needs a party of that kind.
    const wrongKind = await sys.http.post(`/dossiers/${dossierId}/parties`).set(as('social-worker')).send({ partyId: landlordId, role: 'competent-ocmw' });
    expect(wrongKind.body).toMatchObject({ statusCode: 400, errors: [{ path: '/role', code: 'party-kind' }] });
    expect(await count('dossier_parties')).toBe(links);
    expect((await sys.http.get('/parties?kind=friend').set(as('social-worker'))).status).toBe(400);
  });

  it('links a party with its role and reference, once; the dossier shows it; an ended link stays with its end', async () => {
    const link = await sys.http.post(`/dossiers/${dossierId}/parties`).set(as('social-worker')).send({ partyId: landlordId, role: 'landlord', reference: 'HUUR-2026-88' });
    expect(link.status).toBe(201);
    expect(link.body).toMatchObject({ role: 'landlord', roleLabel: 'Verhuurder', reference: 'HUUR-2026-88', endedAt: null, party: { id: landlordId, name: 'Woonhaven Gent' } });
    const twice = await sys.http.post(`/dossiers/${dossierId}/parties`).set(as('team-lead')).send({ partyId: landlordId, role: 'landlord' });
    expect(twice.status).toBe(409);
    expect(twice.body.existingId).toBe(link.body.id);
    // The same party in another role is another link.
    const creditor = await sys.http.post(`/dossiers/${dossierId}/parties`).set(as('social-worker')).send({ partyId: landlordId, role: 'creditor' });
    expect(creditor.status).toBe(201);
    const competent = await sys.http.post(`/dossiers/${dossierId}/parties`).set(as('social-worker')).send({ partyId: aalstId, role: 'competent-ocmw' });
    expect(competent.status).toBe(201);

    const ended = await sys.http.delete(`/dossiers/${dossierId}/parties/${creditor.body.id}`).set(as('team-lead'));
    expect(ended.status).toBe(200);
    expect(ended.body.endedAt).toEqual(expect.any(String));
    expect((await sys.http.delete(`/dossiers/${dossierId}/parties/${creditor.body.id}`).set(as('team-lead'))).status).toBe(409);

    const listed = await sys.http.get(`/dossiers/${dossierId}/parties`).set(as('finance'));
    expect(listed.body.items.map((l: { role: string; endedAt: string | null }) => [l.role, l.endedAt === null])).toEqual([['landlord', true], ['competent-ocmw', true], ['creditor', false]]);
    const dossier = await sys.http.get(`/dossiers/${dossierId}`).set(as('social-worker'));
    expect(dossier.body.parties).toHaveLength(3);
    expect(dossier.body.timeline.map((e: { description: string }) => e.description)).toEqual(expect.arrayContaining([
      'Woonhaven Gent gekoppeld als verhuurder (hun kenmerk HUUR-2026-88)', 'Woonhaven Gent niet langer betrokken als schuldeiser',
    ]));
    const trail = await sys.http.get(`/dossiers/${dossierId}/audit`).set(as('team-lead'));
    expect(trail.body.items.map((e: { action: string }) => e.action).filter((a: string) => a.startsWith('dossier.party'))).toEqual([
      'dossier.party-linked', 'dossier.party-linked', 'dossier.party-linked', 'dossier.party-unlinked',
    ]);
    // Linking an ended one again takes it up again.
    const relinked = await sys.http.post(`/dossiers/${dossierId}/parties`).set(as('social-worker')).send({ partyId: landlordId, role: 'creditor' });
    expect(relinked.status).toBe(201);
    expect(relinked.body).toMatchObject({ id: creditor.body.id, endedAt: null });
  });

  it('applies the matrix: 403 for a role that may not, 404 for another team and unknown ids', async () => {
    expect((await sys.http.post('/parties').set(as('admin')).send({ name: 'X', kind: 'supplier' })).status).toBe(403);
    expect((await sys.http.post('/parties').set(as('finance')).send({ name: 'X', kind: 'supplier' })).status).toBe(403);
    expect((await sys.http.get('/parties').set(as('council-secretary'))).status).toBe(403);
    expect((await sys.http.patch(`/parties/${landlordId}`).set(as('finance')).send({ active: false })).status).toBe(403);
    expect((await sys.http.post(`/dossiers/${dossierId}/parties`).set(as('finance')).send({ partyId: aalstId, role: 'referring-ocmw' })).status).toBe(403);
    expect((await sys.http.post(`/dossiers/${dossierId}/parties`).set(as('admin')).send({ partyId: aalstId, role: 'referring-ocmw' })).status).toBe(403);

    const links = await count('dossier_parties');
    expect((await sys.http.post(`/dossiers/${otherDossierId}/parties`).set(as('social-worker')).send({ partyId: aalstId, role: 'referring-ocmw' })).status).toBe(404);
    expect((await sys.http.get(`/dossiers/${otherDossierId}/parties`).set(as('social-worker'))).status).toBe(404);
    const theirs = (await sys.http.get(`/dossiers/${dossierId}/parties`).set(as('social-worker'))).body.items[0].id;
    expect((await sys.http.delete(`/dossiers/${dossierId}/parties/${theirs}`).set(as('noord-worker'))).status).toBe(404);
    expect((await sys.http.delete(`/dossiers/${otherDossierId}/parties/${theirs}`).set(as('noord-worker'))).status).toBe(404);
    expect((await sys.http.post(`/dossiers/${dossierId}/parties`).set(as('social-worker')).send({ partyId: '00000000-0000-4000-8000-000000000000', role: 'creditor' })).status).toBe(404);
    expect((await sys.http.get('/parties/00000000-0000-4000-8000-000000000000').set(as('social-worker'))).status).toBe(404);
    expect((await sys.http.get('/parties/not-a-uuid').set(as('social-worker'))).status).toBe(404);
    expect(await count('dossier_parties')).toBe(links);
    // A party is one record for every team: the other team finds it and links it to its own dossier.
    expect((await sys.http.post(`/dossiers/${otherDossierId}/parties`).set(as('noord-worker')).send({ partyId: aalstId, role: 'referring-ocmw' })).status).toBe(201);
  });

  it('shows a private person (a maintenance debtor) only to its team, the teams of its dossiers and the admin', async () => {
    const created = await sys.http.post('/parties').set(as('social-worker')).send({ name: 'Karel Onderhoudsplichtig', kind: 'private-person', address: { street: 'Dorp 2', postalCode: '9000', city: 'Gent' } });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    const search = (user: string) => sys.http.get('/parties?q=onderhoudsplichtig').set(as(user));
    // Its own team and the admin: found and read.
    for (const user of ['social-worker', 'team-lead', 'admin']) {
      expect((await sys.http.get(`/parties/${id}`).set(as(user))).status).toBe(200);
      expect((await search(user)).body.items.map((p: { id: string }) => p.id)).toEqual([id]);
    }
    // Another team: it does not exist — not found, not in the search, not linkable, not changeable; nothing changes.
    const links = await count('dossier_parties');
    expect((await sys.http.get(`/parties/${id}`).set(as('noord-worker'))).status).toBe(404);
    expect((await search('noord-worker')).body).toMatchObject({ items: [], total: 0 });
    expect((await sys.http.post(`/dossiers/${otherDossierId}/parties`).set(as('noord-worker')).send({ partyId: id, role: 'maintenance-debtor' })).status).toBe(404);
    expect((await sys.http.patch(`/parties/${id}`).set(as('noord-worker')).send({ phone: '09 000 00 00' })).status).toBe(404);
    expect(await count('dossier_parties')).toBe(links);
    expect((await sys.db.query(`SELECT phone, team FROM parties WHERE id = $1`, [id])).rows[0]).toEqual({ phone: null, team: 'demo' });
    // An organisation stays one record for every team.
    expect((await sys.http.get(`/parties/${aalstId}`).set(as('noord-worker'))).status).toBe(200);
    // Linked to a dossier of its team, still only that team's.
    expect((await sys.http.post(`/dossiers/${dossierId}/parties`).set(as('social-worker')).send({ partyId: id, role: 'maintenance-debtor' })).status).toBe(201);
    expect((await sys.http.get(`/parties/${id}`).set(as('noord-worker'))).status).toBe(404);
  });

  it('changes a party (audited with before and after), retires it, and no longer links a retired one', async () => {
    const changed = await sys.http.patch(`/parties/${landlordId}`).set(as('team-lead')).send({ phone: null, address: { street: 'Kaai 5', postalCode: '9000', city: 'Gent' } });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ phone: null, address: { street: 'Kaai 5' } });
    const [event] = (await sys.db.query(`SELECT details FROM audit_events WHERE action = 'party.updated' ORDER BY id DESC LIMIT 1`)).rows;
    expect(event.details.changes).toMatchObject({ phone: { from: '09 123 45 67', to: null }, street: { from: 'Kaai 3', to: 'Kaai 5' } });
    // A kind the party's running roles cannot have is refused.
    expect((await sys.http.patch(`/parties/${aalstId}`).set(as('team-lead')).send({ kind: 'creditor' })).body).toMatchObject({ statusCode: 400, errors: [{ path: '/kind', code: 'party-kind' }] });

    const retired = await sys.http.post('/parties').set(as('social-worker')).send({ name: 'Energie Oud', kind: 'supplier' });
    expect((await sys.http.patch(`/parties/${retired.body.id}`).set(as('social-worker')).send({ active: false })).body.active).toBe(false);
    expect((await sys.http.get('/parties?active=true&q=energie').set(as('social-worker'))).body.total).toBe(0);
    expect((await sys.http.post(`/dossiers/${dossierId}/parties`).set(as('social-worker')).send({ partyId: retired.body.id, role: 'supplier' })).body)
      .toMatchObject({ statusCode: 400, errors: [{ path: '/partyId', code: 'inactive' }] });
  });

  it("shows a letter to a party in the dossier's notices, its PDF addressed to the party", async () => {
    // No workflow addresses a party yet (the debt mediation will): the letter is issued by the real activity.
    const dataSource: DataSource = await createDataSource(sys.databaseUrl, { poolSize: 2 }).initialize();
    try {
      const acts = createNoticeActivities({ dataSource, config: loadConfig({}), catalogue: DEFAULT_CATALOGUE });
      await acts.issueLetter({
        dossierId, key: 'forwarding-aalst', template: 'forwarding-ocmw', delivery: { mode: 'letter' }, recipient: { partyId: aalstId },
        data: { requestDate: '2026-10-05', applicant: { name: 'Jan Peeters', address: ['Markt 1', '9000 Gent'] }, reasons: 'De aanvrager verblijft gewoonlijk in Aalst.' },
      });
    } finally {
      await dataSource.destroy();
    }
    const notices = await sys.http.get(`/dossiers/${dossierId}/notices`).set(as('social-worker'));
    const letter = notices.body.items.find((n: { key: string }) => n.key === 'forwarding-aalst');
    expect(letter).toMatchObject({ recipient: 'party', recipientParty: { id: aalstId, name: 'OCMW Aalst', kind: 'ocmw', kindLabel: 'OCMW' } });
    const onDossier = (await sys.http.get(`/dossiers/${dossierId}`).set(as('social-worker'))).body.notices.find((n: { id: string }) => n.id === letter.id);
    expect(onDossier.recipientParty).toMatchObject({ id: aalstId });
    const pdf = await sys.http.get(letter.pdf).set(as('social-worker')).buffer(true).parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    expect(pdf.status).toBe(200);
    const text = await pdfText(pdf.body as Buffer);
    for (const part of ['OCMW Aalst', 'Gasthuisstraat 40', '9300 Aalst']) expect(text).toContain(part);
  });
});

import { VALID_NATIONAL_NUMBERS } from '../support/factories';
import { startTestSystem, TestSystem } from '../support/system';

/** Persons without a national number yet, possible duplicates, other identifiers, a national number added later, merges. */
describe('persons without a national number (e2e)', () => {
  let sys: TestSystem;
  const as = (user: string) => sys.as(user);
  const address = { street: 'Stationsstraat 4', postalCode: '9200', city: 'Dendermonde' };
  const applicant = (overrides: Record<string, unknown> = {}) => ({
    firstName: 'Amina', lastName: 'Haddad', birthDate: '1994-04-04', noNationalNumberReason: 'international-protection-applicant', address, ...overrides,
  });
  const auditCount = async (action: string, personId: string) =>
    Number((await sys.db.query(`SELECT count(*) FROM audit_events WHERE action = $1 AND person_id = $2`, [action, personId])).rows[0].count);
  const post = (path: string, body: unknown, user = 'social-worker') => sys.http.post(path).set(as(user)).send(body as object);

  beforeAll(async () => {
    sys = await startTestSystem();
    await sys.loginAll(['social-worker', 'team-lead', 'council-secretary']);
  });
  afterAll(async () => {
    await sys?.close();
  });

  it('registers a person without a national number only with the reason and a birth date (400 without, nothing stored)', async () => {
    const missing = await post('/persons', { firstName: 'Amina', lastName: 'Haddad', address });
    expect(missing.status).toBe(400);
    expect(missing.body.errors).toEqual([
      { path: '/noNationalNumberReason', code: 'required', message: 'is required without a national number' },
      { path: '/birthDate', code: 'required', message: 'is required without a national number' },
    ]);
    const both = await post('/persons', { ...applicant(), nationalNumber: VALID_NATIONAL_NUMBERS[0] });
    expect(both.status).toBe(400);
    expect(both.body.errors[0]).toMatchObject({ path: '/noNationalNumberReason', code: 'not-allowed' });
    expect(Number((await sys.db.query(`SELECT count(*) FROM persons`)).rows[0].count)).toBe(0);

    const created = await post('/persons', applicant({ noNationalNumberNote: 'Aangemeld door Fedasil', identifiers: [{ type: 'fedasil-ov', value: 'OV 1234567' }] }));
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      nationalNumber: null, nationalNumberFormatted: null, noNationalNumberReason: 'international-protection-applicant',
      noNationalNumberNote: 'Aangemeld door Fedasil', birthDate: '1994-04-04', identifiers: [{ type: 'fedasil-ov', value: 'OV1234567' }], mergedInto: null,
    });
  });

  it('answers 409 possible-duplicate with the candidate ids only, then registers on confirmation, audited', async () => {
    const first = (await sys.db.query(`SELECT id FROM persons WHERE last_name = 'Haddad'`)).rows[0].id as string;
    // The same name written otherwise (case, accent, a space) and the same birth date.
    const again = await post('/persons', applicant({ firstName: 'amina', lastName: 'HADDAD ', noNationalNumberReason: 'bis-requested' }));
    expect(again.status).toBe(409);
    expect(again.body).toEqual({ statusCode: 409, message: expect.stringContaining('name and birth date'), code: 'possible-duplicate', candidateIds: [first] });
    // A person with a national number matching one without is the same person registered twice, too.
    const withNn = await post('/persons', { nationalNumber: VALID_NATIONAL_NUMBERS[0], firstName: 'Amina', lastName: 'Haddad', birthDate: '1993-05-18', address });
    expect(withNn.status).toBe(201); // another birth date (the number's): no match
    // Now one without a national number on the birth date of the one with: the same person registered twice?
    const sameDay = await post('/persons', applicant({ birthDate: '1993-05-18' }));
    expect(sameDay.body).toMatchObject({ code: 'possible-duplicate', candidateIds: [withNn.body.id] });
    expect(Number((await sys.db.query(`SELECT count(*) FROM persons WHERE last_name = 'Haddad'`)).rows[0].count)).toBe(2);

    const confirmed = await post('/persons', applicant({ noNationalNumberReason: 'bis-requested', confirmNotDuplicate: true }));
    expect(confirmed.status).toBe(201);
    expect(await auditCount('person.duplicate-confirmed', confirmed.body.id)).toBe(1);
    const row = (await sys.db.query(`SELECT details, actor_role FROM audit_events WHERE action = 'person.duplicate-confirmed' AND person_id = $1`, [confirmed.body.id])).rows[0];
    expect(row).toEqual({ details: { candidateIds: [first] }, actor_role: 'social-worker' });
  });

  it('finds a person with a national number registered after the same person without one', async () => {
    await post('/persons', applicant({ firstName: 'Yusuf', lastName: 'Demir', birthDate: '1985-07-30' }));
    const withNn = await post('/persons', { nationalNumber: VALID_NATIONAL_NUMBERS[1], firstName: 'Yusuf', lastName: 'Demir', address });
    expect(withNn.status).toBe(409);
    expect(withNn.body).toMatchObject({ code: 'possible-duplicate', candidateIds: [expect.any(String)] });
  });

  it('keeps other identifiers unique per type and value: a duplicate is 409 with the person who has it', async () => {
    const holder = (await sys.db.query(`SELECT person_id FROM person_identifiers WHERE type = 'fedasil-ov'`)).rows[0].person_id as string;
    const dup = await post('/persons', applicant({ firstName: 'Karim', lastName: 'Saleh', identifiers: [{ type: 'fedasil-ov', value: 'ov1234567' }] }));
    expect(dup.status).toBe(409);
    expect(dup.body).toMatchObject({ existingId: holder, path: '/identifiers/0' });
    expect(Number((await sys.db.query(`SELECT count(*) FROM persons WHERE last_name = 'Saleh'`)).rows[0].count)).toBe(0);
    const otherType = await post('/persons', applicant({ firstName: 'Karim', lastName: 'Saleh', identifiers: [{ type: 'passport', value: 'OV1234567' }] }));
    expect(otherType.status).toBe(201);
  });

  it('adds a national number later: checked, unique, birth date agreeing, the reason cleared, audited', async () => {
    const p = await post('/persons', applicant({ firstName: 'Lina', lastName: 'Nasser', birthDate: '2005-03-14' }));
    const url = `/persons/${p.body.id}/national-number`;
    expect((await post(url, { nationalNumber: VALID_NATIONAL_NUMBERS[2] }, 'council-secretary')).status).toBe(403);
    expect((await post(url, { nationalNumber: '93051822362' })).body.errors[0]).toMatchObject({ path: '/nationalNumber', code: 'national-number' });
    const taken = await post(url, { nationalNumber: VALID_NATIONAL_NUMBERS[0] });
    expect(taken.status).toBe(409);
    expect(taken.body.existingId).toEqual((await sys.db.query(`SELECT id FROM persons WHERE national_number = $1`, [VALID_NATIONAL_NUMBERS[0]])).rows[0].id);
    // 85073003328 carries 30 July 1985, not 14 March 2005.
    const mismatch = await post(url, { nationalNumber: '85073003328' });
    expect(mismatch.status).toBe(400);
    expect(mismatch.body.errors[0]).toMatchObject({ path: '/nationalNumber', code: 'mismatch' });
    const added = await post(url, { nationalNumber: '05.03.14-124.96' }, 'team-lead');
    expect(added.status).toBe(200);
    expect(added.body).toMatchObject({ nationalNumber: VALID_NATIONAL_NUMBERS[2], noNationalNumberReason: null, noNationalNumberNote: null, birthDate: '2005-03-14' });
    expect(await auditCount('person.national-number-added', p.body.id)).toBe(1);
    expect((await sys.http.get(`/persons?nationalNumber=${VALID_NATIONAL_NUMBERS[2]}`).set(as('social-worker'))).body.items[0].id).toBe(p.body.id);
  });

  it('merges a duplicate into the kept person: its dossier and identifiers move, it stays marked merged, audited', async () => {
    const kept = await post('/persons', applicant({ firstName: 'Omar', lastName: 'Farah', birthDate: '1990-01-01' }));
    const duplicate = await post('/persons', applicant({ firstName: 'Omar', lastName: 'Farah', birthDate: '1990-01-01', confirmNotDuplicate: true, identifiers: [{ type: 'bis', value: 'B-998877' }] }));
    const dossier = await post('/dossiers', { procedure: 'leefloon', personId: duplicate.body.id });
    expect(dossier.status).toBe(201);
    const url = `/persons/${kept.body.id}/merge`;
    expect((await post(url, { duplicateId: duplicate.body.id, reason: 'Tweemaal geregistreerd' })).status).toBe(403); // social worker
    expect((await post(url, { duplicateId: kept.body.id, reason: 'x' }, 'team-lead')).status).toBe(400);
    const merged = await post(url, { duplicateId: duplicate.body.id, reason: 'Tweemaal geregistreerd aan het onthaal' }, 'team-lead');
    expect(merged.status).toBe(200);
    expect(merged.body).toMatchObject({ id: kept.body.id, identifiers: [{ type: 'bis', value: 'B998877' }], mergedInto: null });
    expect((await sys.http.get(`/dossiers/${dossier.body.id}`).set(as('social-worker'))).body.person.id).toBe(kept.body.id);
    const gone = await sys.http.get(`/persons/${duplicate.body.id}`).set(as('social-worker'));
    expect(gone.status).toBe(200);
    expect(gone.body).toMatchObject({ id: duplicate.body.id, mergedInto: kept.body.id, identifiers: [] });
    const audit = (await sys.db.query(`SELECT details FROM audit_events WHERE action = 'person.merged' AND person_id = $1`, [kept.body.id])).rows;
    expect(audit).toEqual([{ details: { keptId: kept.body.id, duplicateId: duplicate.body.id, reason: 'Tweemaal geregistreerd aan het onthaal', dossierIds: [dossier.body.id], nationalNumberMoved: false, memberships: { moved: [], ended: [] } } }]);
    expect(await auditCount('person.merged-away', duplicate.body.id)).toBe(1);
    // The merged record is out of duplicate matching, cannot be merged again, and opens no dossier.
    const third = await post('/persons', applicant({ firstName: 'Omar', lastName: 'Farah', birthDate: '1990-01-01' }));
    expect(third.body.candidateIds).toEqual([kept.body.id]);
    expect((await post(url, { duplicateId: duplicate.body.id, reason: 'x' }, 'team-lead')).status).toBe(409);
    expect((await post('/dossiers', { procedure: 'leefloon', personId: duplicate.body.id })).status).toBe(409);
  });

  it('moves the national number of the duplicate to the kept person, and drops the merged one from the search', async () => {
    const kept = await post('/persons', applicant({ firstName: 'Sara', lastName: 'Ali', birthDate: '1980-02-02' }));
    const withNn = await post('/persons', { nationalNumber: '80020200181', firstName: 'Sara', lastName: 'Ali', address, confirmNotDuplicate: true });
    expect(withNn.status).toBe(201);
    const merged = await post(`/persons/${kept.body.id}/merge`, { duplicateId: withNn.body.id, reason: 'Zelfde persoon' }, 'team-lead');
    expect(merged.body).toMatchObject({ nationalNumber: '80020200181', noNationalNumberReason: null });
    const found = await sys.http.get('/persons?nationalNumber=80020200181').set(as('social-worker'));
    expect(found.body.items.map((p: { id: string }) => p.id)).toEqual([kept.body.id]);
  });

  it('refuses a merge of two different national numbers, or of two open dossiers of the same procedure', async () => {
    const a = await sys.db.query(`SELECT id FROM persons WHERE national_number = $1`, [VALID_NATIONAL_NUMBERS[0]]);
    const b = await sys.db.query(`SELECT id FROM persons WHERE national_number = $1`, [VALID_NATIONAL_NUMBERS[2]]);
    const differ = await post(`/persons/${a.rows[0].id}/merge`, { duplicateId: b.rows[0].id, reason: 'x' }, 'team-lead');
    expect(differ.status).toBe(409);
    expect(differ.body).toMatchObject({ code: 'different-national-numbers', message: expect.stringContaining('national number') });

    const one = await post('/persons', applicant({ firstName: 'Ines', lastName: 'Bakr', birthDate: '1999-09-09' }));
    const two = await post('/persons', applicant({ firstName: 'Ines', lastName: 'Bakr', birthDate: '1999-09-09', confirmNotDuplicate: true }));
    for (const p of [one, two]) expect((await post('/dossiers', { procedure: 'leefloon', personId: p.body.id })).status).toBe(201);
    const clash = await post(`/persons/${one.body.id}/merge`, { duplicateId: two.body.id, reason: 'x' }, 'team-lead');
    expect(clash.status).toBe(409);
    expect(clash.body).toMatchObject({ code: 'open-dossiers-same-procedure', procedures: ['leefloon'], message: expect.stringContaining('open leefloon dossier') });
    const dossiers = await sys.db.query(`SELECT person_id FROM dossiers WHERE person_id = ANY($1)`, [[one.body.id, two.body.id]]);
    expect(dossiers.rows.map((r: { person_id: string }) => r.person_id).sort()).toEqual([one.body.id, two.body.id].sort());
  });
});

import { VALID_NATIONAL_NUMBERS } from '../support/factories';
import { startTestSystem, TestSystem } from '../support/system';
import { uniqueTaskQueue } from '../support/temporal';

const address = { street: 'Markt 1', postalCode: '9000', city: 'Gent' };
// A contact date well in the past, and one that is in the future whatever day the test runs.
const PAST = '2026-01-15';
const FUTURE = '2999-01-01';

/**
 * The journal of a dossier over HTTP: who sees a confidential note (author, responsible social worker, team lead; not
 * a colleague, not the admin), in lists, GET /notes/:id, the timeline and the audit trail; revisions; bad input.
 */
describe('case notes (e2e)', () => {
  let sys: TestSystem;
  const as = (user: string) => sys.as(user);
  let dossierId: string;
  let open: string;
  let secret: string;

  beforeAll(async () => {
    sys = await startTestSystem({ TEMPORAL_TASK_QUEUE: uniqueTaskQueue('e2e-notes') });
    await sys.loginAll(['social-worker', 'social-worker-2', 'team-lead', 'council-secretary', 'finance', 'admin']);
    const person = await sys.http.post('/persons').set(as('social-worker')).send({ nationalNumber: VALID_NATIONAL_NUMBERS[0], firstName: 'Jan', lastName: 'Peeters', address });
    expect(person.status).toBe(201);
    // Opened by 'social-worker', its responsible social worker.
    const dossier = await sys.http.post('/dossiers').set(as('social-worker')).send({ procedure: 'leefloon', personId: person.body.id });
    expect(dossier.status).toBe(201);
    dossierId = dossier.body.id;
  });
  afterAll(async () => {
    await sys?.close();
  });

  it('lists the kinds with their Dutch labels', async () => {
    const res = await sys.http.get('/note-kinds').set(as('social-worker'));
    expect(res.status).toBe(200);
    expect(res.body.items).toContainEqual({ code: 'home-visit', label: 'huisbezoek' });
    expect(res.body.total).toBe(6);
  });

  it('writes a note, and a confidential one by a colleague', async () => {
    const a = await sys.http.post(`/dossiers/${dossierId}/notes`).set(as('social-worker')).send({ contactDate: PAST, kind: 'home-visit', text: 'Woning bezocht.' });
    expect(a.status).toBe(201);
    expect(a.body).toMatchObject({ kind: 'home-visit', kindLabel: 'huisbezoek', confidential: false, revision: 1 });
    open = a.body.id;
    const b = await sys.http.post(`/dossiers/${dossierId}/notes`).set(as('social-worker-2')).send({ contactDate: PAST, kind: 'conversation', text: 'Vertrouwelijk gesprek.', confidential: true });
    expect(b.status).toBe(201);
    secret = b.body.id;
  });

  it.each([
    ['social-worker-2', true], // the author
    ['social-worker', true], // the responsible social worker
    ['team-lead', true],
    ['admin', false],
  ])('%s sees the confidential note: %s', async (user, sees) => {
    const list = await sys.http.get(`/dossiers/${dossierId}/notes`).set(as(user));
    expect(list.status).toBe(200);
    const ids = (list.body.items as { id: string }[]).map((n) => n.id);
    expect(ids).toContain(open);
    expect(ids.includes(secret)).toBe(sees);
    expect((await sys.http.get(`/notes/${secret}`).set(as(user))).status).toBe(sees ? 200 : 404);
    expect((await sys.http.get(`/notes/${open}`).set(as(user))).status).toBe(200);
  });

  it.each(['council-secretary', 'finance'])('%s reads no notes (403)', async (user) => {
    expect((await sys.http.get(`/dossiers/${dossierId}/notes`).set(as(user))).status).toBe(403);
    expect((await sys.http.get(`/notes/${open}`).set(as(user))).status).toBe(403);
  });

  it('shows only the non-confidential note in the timeline, in Dutch', async () => {
    const res = await sys.http.get(`/dossiers/${dossierId}`).set(as('team-lead'));
    const notes = (res.body.timeline as { type: string; description: string }[]).filter((e) => e.type === 'note');
    expect(notes.map((e) => e.description)).toEqual(['Notitie: huisbezoek']);
  });

  it('leaves the audit rows of a confidential note out for whoever may not see it', async () => {
    const mentions = async (user: string) => {
      const res = await sys.http.get(`/dossiers/${dossierId}/audit`).set(as(user));
      expect(res.status).toBe(200);
      return (res.body.items as { details: { noteId?: string } }[]).filter((e) => e.details?.noteId === secret).length;
    };
    expect(await mentions('team-lead')).toBeGreaterThan(0);
    expect(await mentions('admin')).toBe(0);
  });

  it('keeps the earlier wording as a revision; only the author changes a note', async () => {
    const changed = await sys.http.patch(`/notes/${open}`).set(as('social-worker')).send({ text: 'Woning bezocht; vocht in de slaapkamer.' });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ revision: 2, text: 'Woning bezocht; vocht in de slaapkamer.' });
    expect(changed.body.revisions).toEqual([expect.objectContaining({ revision: 1, text: 'Woning bezocht.', kind: 'home-visit' })]);
    expect((await sys.http.get(`/notes/${open}`).set(as('team-lead'))).body.revisions).toHaveLength(1);
    expect((await sys.http.patch(`/notes/${open}`).set(as('team-lead')).send({ text: 'Anders.' })).status).toBe(403);
    expect((await sys.http.patch(`/notes/${open}`).set(as('admin')).send({ text: 'Anders.' })).status).toBe(403);
    // Someone who may not see the confidential note is not told it exists.
    expect((await sys.http.patch(`/notes/${secret}`).set(as('admin')).send({ text: 'Anders.' })).status).toBe(403);
    const audit = await sys.http.get(`/dossiers/${dossierId}/audit`).set(as('team-lead'));
    expect((audit.body.items as { action: string }[]).map((e) => e.action)).toContain('note.changed');
  });

  it('refuses bad input with a 4xx and changes nothing', async () => {
    const before = (await sys.db.query(`SELECT count(*)::int AS n FROM case_notes`)).rows[0].n;
    const post = (body: object) => sys.http.post(`/dossiers/${dossierId}/notes`).set(as('social-worker')).send(body);
    expect((await post({ contactDate: FUTURE, kind: 'phone', text: 'Later.' })).status).toBe(400);
    expect((await post({ contactDate: PAST, kind: 'fax', text: 'Fax.' })).status).toBe(400);
    expect((await post({ contactDate: PAST, kind: 'phone', text: 'x'.repeat(20_001) })).status).toBe(400);
    expect((await post({ contactDate: PAST, kind: 'phone', text: '   ' })).status).toBe(400);
    expect((await post({ contactDate: PAST, kind: 'phone' })).status).toBe(400);
    expect((await sys.http.patch(`/notes/${open}`).set(as('social-worker')).send({ confidential: true })).status).toBe(400);
    expect((await sys.http.patch(`/notes/${open}`).set(as('social-worker')).send({})).status).toBe(400);
    expect((await sys.http.patch(`/notes/${open}`).set(as('social-worker')).send({ contactDate: FUTURE })).status).toBe(400);
    expect((await sys.http.get(`/notes/not-a-uuid`).set(as('social-worker'))).status).toBe(404);
    expect((await sys.http.get(`/notes/00000000-0000-4000-8000-000000000000`).set(as('social-worker'))).status).toBe(404);
    expect((await sys.http.post(`/dossiers/00000000-0000-4000-8000-000000000000/notes`).set(as('social-worker')).send({ contactDate: PAST, kind: 'phone', text: 'x' })).status).toBe(404);
    expect((await sys.db.query(`SELECT count(*)::int AS n FROM case_notes`)).rows[0].n).toBe(before);
    expect((await sys.http.get(`/notes/${open}`).set(as('social-worker'))).body.revision).toBe(2);
  });
  it('refers the dossier to a partner, lists and closes the referral (once)', async () => {
    const party = await sys.http.post('/parties').set(as('social-worker')).send({ name: 'Partner Gent', kind: 'supplier', address: { street: 'Veldstraat 1', postalCode: '9000', city: 'Gent' } });
    expect(party.status).toBe(201);
    const refer = (body: object) => sys.http.post(`/dossiers/${dossierId}/referrals`).set(as('social-worker')).send(body);
    const made = await refer({ partyId: party.body.id, reason: 'Schuldhulp', referredOn: PAST, followUpOn: '2026-02-15' });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ party: { id: party.body.id, name: 'Partner Gent' }, followUpOn: '2026-02-15', closedAt: null, outcome: null });
    expect((await refer({ partyId: party.body.id, reason: 'x', referredOn: PAST, followUpOn: '2026-01-01' })).status).toBe(400);
    expect((await refer({ partyId: '00000000-0000-4000-8000-000000000000', reason: 'x', referredOn: PAST, followUpOn: PAST })).status).toBe(404);
    expect((await sys.http.post(`/dossiers/${dossierId}/referrals`).set(as('admin')).send({ partyId: party.body.id, reason: 'x', referredOn: PAST, followUpOn: PAST })).status).toBe(403);
    const list = await sys.http.get(`/dossiers/${dossierId}/referrals`).set(as('team-lead'));
    expect(list.body.items.map((r: { id: string }) => r.id)).toEqual([made.body.id]);
    const close = () => sys.http.post(`/referrals/${made.body.id}/close`).set(as('social-worker')).send({ outcome: 'Begeleiding gestart' });
    const closed = await close();
    expect(closed.status).toBe(201);
    expect(closed.body).toMatchObject({ outcome: 'Begeleiding gestart', closedAt: expect.any(String) });
    expect((await close()).status).toBe(409);
    expect((await sys.http.post(`/referrals/${made.body.id}/close`).set(as('social-worker')).send({})).status).toBe(400);
  });
});

import { DataSource } from 'typeorm';
import { createDossierActivities } from '../../activities/dossiers/dossier.activities';
import { loadConfig } from '../../libs/config/config';
import { createDataSource } from '../../libs/db/data-source';
import { VALID_NATIONAL_NUMBERS } from '../support/factories';
import { startTestSystem, TestSystem } from '../support/system';
import { eventually, uniqueTaskQueue } from '../support/temporal';

const address = { street: 'Markt 1', postalCode: '9000', city: 'Gent' };
const LOI = 'Erkenning LOI: recht op leefloon nagaan';

/**
 * A dossier that opens another (the openLinkedDossier activity on the system's database and Temporal), links made by
 * hand, and the household persons of a dossier, over HTTP; a person merge moves the memberships.
 */
describe('linked dossiers and household persons (e2e)', () => {
  const taskQueue = uniqueTaskQueue('e2e-links');
  let sys: TestSystem;
  let dataSource: DataSource;
  const as = (user: string) => sys.as(user);
  const count = async (sql: string, params: unknown[] = []) => (await sys.db.query(`SELECT count(*)::int AS n FROM ${sql}`, params)).rows[0].n as number;

  const person = async (nationalNumber: string, firstName: string) => {
    const res = await sys.http.post('/persons').set(as('social-worker')).send({ nationalNumber, firstName, lastName: 'Peeters', address });
    expect(res.status).toBe(201);
    return res.body.id as string;
  };
  /** The opening dossier: the only procedure yet is the leefloon, so it stands for an LOI's, closed so a new request may open. */
  const openingDossier = async (personId: string) => {
    const res = await sys.http.post('/dossiers').set(as('social-worker')).send({ procedure: 'leefloon', personId });
    expect(res.status).toBe(201);
    await sys.db.query(`UPDATE dossiers SET closed_at = now() WHERE id = $1`, [res.body.id]);
    return res.body as { id: string; reference: string };
  };
  const firstTaskOf = (dossierId: string) =>
    eventually(async () => {
      const tasks = await sys.http.get('/tasks').set(as('social-worker'));
      return (tasks.body.items as { dossierId: string; kind: string }[]).find((t) => t.dossierId === dossierId);
    }, 30_000);

  beforeAll(async () => {
    sys = await startTestSystem({ TEMPORAL_TASK_QUEUE: taskQueue });
    await sys.loginAll(['social-worker', 'team-lead', 'council-secretary', 'admin']);
    dataSource = await createDataSource(sys.databaseUrl, { poolSize: 4 }).initialize();
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await sys?.close();
  });

  const activities = (withClient = true) =>
    createDossierActivities({ dataSource, config: loadConfig({ TEMPORAL_TASK_QUEUE: taskQueue }), temporal: withClient ? sys.temporal : undefined });

  let from: { id: string; reference: string };
  let opened: string;
  let applicantId: string;

  it('opens one linked dossier and one link however often the activity runs, and its workflow opens its first task', async () => {
    applicantId = await person(VALID_NATIONAL_NUMBERS[0], 'Jan');
    from = await openingDossier(applicantId);
    const acts = activities();
    const input = { fromDossierId: from.id, procedure: 'leefloon', linkKey: 'leefloon:after-loi', reason: LOI, requestDate: '2026-03-02' };
    const answers = [];
    for (let i = 0; i < 3; i++) answers.push(await acts.openLinkedDossier(input));
    expect(new Set(answers.map((a) => a.dossierId)).size).toBe(1);
    expect(new Set(answers.map((a) => a.linkId)).size).toBe(1);
    expect(answers[0]).toMatchObject({ reference: expect.stringMatching(/^LL-2026-\d{6}$/), workflowId: `dossier-${answers[0].dossierId}` });
    expect(answers.map((a) => a.existing)).toEqual([false, false, false]);
    opened = answers[0].dossierId;
    expect(await count(`dossiers WHERE person_id = $1`, [applicantId])).toBe(2);
    expect(await count(`dossier_links WHERE from_dossier_id = $1`, [from.id])).toBe(1);
    expect(await count(`workflow_outbox WHERE dossier_id = $1 AND message = 'startWorkflow' AND status = 'delivered'`, [opened])).toBe(1);
    const row = (await sys.db.query(`SELECT team, responsible_user_id, request_date, procedure FROM dossiers WHERE id = $1`, [opened])).rows[0];
    expect(row).toMatchObject({ team: 'demo', procedure: 'leefloon', request_date: '2026-03-02' });
    expect((await firstTaskOf(opened)).kind).toBe('competence-check');
  });

  it('opens one dossier when two runs of the activity race', async () => {
    const personId = await person(VALID_NATIONAL_NUMBERS[1], 'Els');
    const other = await openingDossier(personId);
    const input = { fromDossierId: other.id, procedure: 'leefloon', linkKey: 'leefloon:after-loi', reason: LOI, requestDate: '2026-03-02' };
    const [a, b] = await Promise.all([activities().openLinkedDossier(input), activities().openLinkedDossier(input)]);
    expect(a.dossierId).toBe(b.dossierId);
    expect(a.linkId).toBe(b.linkId);
    expect(await count(`dossiers WHERE person_id = $1`, [personId])).toBe(2);
    expect(await count(`dossier_links WHERE from_dossier_id = $1`, [other.id])).toBe(1);
    expect(await count(`workflow_outbox WHERE dossier_id = $1 AND message = 'startWorkflow'`, [a.dossierId])).toBe(1);
    await firstTaskOf(a.dossierId);
  });

  it('without a Temporal client at hand, the API relay starts the new workflow from the outbox', async () => {
    const personId = await person(VALID_NATIONAL_NUMBERS[2], 'Mo');
    const other = await openingDossier(personId);
    const linked = await activities(false).openLinkedDossier({ fromDossierId: other.id, procedure: 'leefloon', linkKey: 'leefloon:after-loi', reason: LOI, requestDate: '2026-03-02' });
    expect((await firstTaskOf(linked.dossierId)).kind).toBe('competence-check');
  });

  it('links to the person\'s open dossier of the procedure instead of opening a second, and refuses a dossier opening itself', async () => {
    const acts = activities();
    const again = await acts.openLinkedDossier({ fromDossierId: from.id, procedure: 'leefloon', linkKey: 'leefloon:second-key', reason: 'Nogmaals', requestDate: '2026-03-02' });
    expect(again).toMatchObject({ dossierId: opened, existing: true });
    // Answered the same way when retried.
    expect(await acts.openLinkedDossier({ fromDossierId: from.id, procedure: 'leefloon', linkKey: 'leefloon:second-key', reason: 'Nogmaals', requestDate: '2026-03-02' })).toMatchObject({ dossierId: opened, existing: true });
    await expect(acts.openLinkedDossier({ fromDossierId: opened, procedure: 'leefloon', linkKey: 'x', reason: 'Zelf', requestDate: '2026-03-02' })).rejects.toMatchObject({ type: 'LinkedDossierInvalid', nonRetryable: true });
    await expect(acts.openLinkedDossier({ fromDossierId: from.id, procedure: 'onbekend', linkKey: 'x', reason: 'x', requestDate: '2026-03-02' })).rejects.toMatchObject({ type: 'LinkedDossierInvalid' });
    expect(await count(`dossiers WHERE person_id = $1`, [applicantId])).toBe(2);
  });

  it('shows the link on both dossiers with reference, Dutch procedure title, status label and role, and in both timelines', async () => {
    const source = await sys.http.get(`/dossiers/${from.id}`).set(as('social-worker'));
    expect(source.status).toBe(200);
    const target = await sys.http.get(`/dossiers/${opened}`).set(as('social-worker'));
    const targetRef = target.body.reference as string;
    expect(source.body.links).toEqual([
      expect.objectContaining({ kind: 'opened', role: 'opened', roleLabel: 'Geopend vanuit dit dossier', reason: LOI, linkKey: 'leefloon:after-loi', endedAt: null,
        dossier: expect.objectContaining({ id: opened, reference: targetRef, procedureTitle: 'Leefloon (RMI-wet)', statusLabel: expect.any(String) }) }),
      expect.objectContaining({ kind: 'opened', linkKey: 'leefloon:second-key', dossier: expect.objectContaining({ id: opened }) }),
    ]);
    expect(target.body.links[0]).toMatchObject({ role: 'opened-by', roleLabel: 'Dit dossier geopend', dossier: { id: from.id, reference: from.reference, procedureTitle: 'Leefloon (RMI-wet)' } });
    expect(source.body.timeline.map((e: { description: string }) => e.description)).toContain(`Gekoppeld dossier geopend: ${targetRef}, Leefloon (RMI-wet): ${LOI}`);
    expect(target.body.timeline.map((e: { description: string }) => e.description)).toContain(`Geopend vanuit dossier ${from.reference}, Leefloon (RMI-wet): ${LOI}`);
    const listed = await sys.http.get(`/dossiers/${opened}/links`).set(as('council-secretary'));
    expect(listed.status).toBe(200);
    expect(listed.body.total).toBe(2);
    expect(await count(`audit_events WHERE action = 'dossier.link-opened' AND dossier_id IN ($1, $2)`, [from.id, opened])).toBe(4);
    expect(await count(`audit_events WHERE action = 'dossier.opened' AND dossier_id = $1 AND actor_role = 'system'`, [opened])).toBe(1);
  });

  let related: { id: string; reference: string };
  let manualLinkId: string;

  it('links two related dossiers by hand, once, and ends the link (audited); refuses itself, unknown ones and other roles', async () => {
    const partnerId = await person('90022500186', 'An');
    const res = await sys.http.post('/dossiers').set(as('social-worker')).send({ procedure: 'leefloon', personId: partnerId });
    expect(res.status).toBe(201);
    related = res.body;
    const url = `/dossiers/${opened}/links`;
    const body = { dossierId: related.id, reason: 'Dossier van de partner' };
    const linked = await sys.http.post(url).set(as('social-worker')).send(body);
    expect(linked.status).toBe(201);
    expect(linked.body).toMatchObject({ kind: 'related', role: 'related', roleLabel: 'Verwant dossier', dossier: { id: related.id, reference: related.reference } });
    manualLinkId = linked.body.id;
    const reverse = await sys.http.post(`/dossiers/${related.id}/links`).set(as('team-lead')).send({ dossierId: opened, reason: 'Nog eens' });
    expect(reverse.status).toBe(409);
    expect(reverse.body.existingId).toBe(manualLinkId);
    const self = await sys.http.post(url).set(as('social-worker')).send({ dossierId: opened, reason: 'Zelf' });
    expect(self.status).toBe(400);
    expect(self.body.errors[0]).toMatchObject({ path: '/dossierId', code: 'same-dossier' });
    expect((await sys.http.post(url).set(as('social-worker')).send({ dossierId: '00000000-0000-4000-8000-000000000000', reason: 'x' })).status).toBe(404);
    expect((await sys.http.post(url).set(as('social-worker')).send({ dossierId: related.id })).status).toBe(400);
    expect((await sys.http.post(url).set(as('council-secretary')).send(body)).status).toBe(403);
    // Another team's dossier: as unknown (404) both ways, and nothing linked.
    const noord = await sys.http.post('/users').set(as('admin'))
      .send({ username: 'noord-worker', password: 'Kwartel-Paraplu-93!', displayName: 'Noor Werker', role: 'social-worker', team: 'noord' });
    expect(noord.status).toBe(201);
    await sys.login('noord-worker', 'Kwartel-Paraplu-93!');
    const elsewhere = await sys.http.post('/persons').set(as('noord-worker')).send({ nationalNumber: '88111200310', firstName: 'Noa', lastName: 'Peeters', address });
    const theirs = await sys.http.post('/dossiers').set(as('noord-worker')).send({ procedure: 'leefloon', personId: elsewhere.body.id });
    expect(theirs.status).toBe(201);
    expect((await sys.http.post(url).set(as('social-worker')).send({ dossierId: theirs.body.id, reason: 'x' })).status).toBe(404);
    expect((await sys.http.post(`/dossiers/${theirs.body.id}/links`).set(as('noord-worker')).send({ dossierId: opened, reason: 'x' })).status).toBe(404);
    expect((await sys.http.post(`/dossiers/${opened}/persons`).set(as('noord-worker')).send({ personId: elsewhere.body.id, role: 'child' })).status).toBe(404);
    expect(await count(`dossier_links WHERE $1 IN (from_dossier_id, to_dossier_id)`, [theirs.body.id])).toBe(0);
    const seen = await sys.http.get(`/dossiers/${related.id}`).set(as('social-worker'));
    expect(seen.body.links).toEqual([expect.objectContaining({ id: manualLinkId, role: 'related', dossier: expect.objectContaining({ id: opened }) })]);
    expect(seen.body.timeline.map((e: { description: string }) => e.description)).toContain(`Gekoppeld aan dossier ${(await sys.http.get(`/dossiers/${opened}`).set(as('social-worker'))).body.reference}, Leefloon (RMI-wet): Dossier van de partner`);

    const openedLinkId = (await sys.http.get(`/dossiers/${opened}/links`).set(as('social-worker'))).body.items.find((l: { kind: string }) => l.kind === 'opened').id;
    const permanent = await sys.http.delete(`/dossiers/${opened}/links/${openedLinkId}`).set(as('social-worker'));
    expect(permanent.status).toBe(409);
    expect(permanent.body.code).toBe('opened-link');
    const ended = await sys.http.delete(`/dossiers/${related.id}/links/${manualLinkId}`).set(as('social-worker'));
    expect(ended.status).toBe(200);
    expect(ended.body.endedAt).not.toBeNull();
    expect((await sys.http.delete(`/dossiers/${related.id}/links/${manualLinkId}`).set(as('social-worker'))).status).toBe(409);
    expect((await sys.http.delete(`/dossiers/${from.id}/links/${manualLinkId}`).set(as('social-worker'))).status).toBe(404);
    expect(await count(`audit_events WHERE action = 'dossier.unlinked' AND dossier_id IN ($1, $2)`, [opened, related.id])).toBe(2);
    const afterEnd = await sys.http.get(`/dossiers/${opened}`).set(as('social-worker'));
    expect(afterEnd.body.timeline.map((e: { description: string }) => e.description)).toContain(`Koppeling met dossier ${related.reference}, Leefloon (RMI-wet), beëindigd`);
    expect(afterEnd.body.links.at(-1)).toMatchObject({ id: manualLinkId, endedAt: expect.any(String) });
    // Ended, it can be made again.
    expect((await sys.http.post(url).set(as('social-worker')).send(body)).status).toBe(201);
  });

  let partnerId: string;
  let childMembership: string;

  it('adds household members with roles, lists them after the applicant, refuses repeats and bad input, ends a membership (audited)', async () => {
    partnerId = (await sys.http.get(`/dossiers/${related.id}`).set(as('social-worker'))).body.person.id;
    const url = `/dossiers/${opened}/persons`;
    const added = await sys.http.post(url).set(as('social-worker')).send({ personId: partnerId, role: 'partner', fromDate: '2026-03-01' });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ role: 'partner', roleLabel: 'Partner', fromDate: '2026-03-01', toDate: null, person: { id: partnerId, firstName: 'An' } });
    const twice = await sys.http.post(url).set(as('team-lead')).send({ personId: partnerId, role: 'partner' });
    expect(twice.status).toBe(409);
    expect(twice.body.existingId).toBe(added.body.id);
    const child = await sys.http.post('/persons').set(as('social-worker')).send({
      firstName: 'Lina', lastName: 'Peeters', birthDate: '2019-06-01', noNationalNumberReason: 'bis-requested', address,
    });
    expect(child.status).toBe(201);
    const asChild = await sys.http.post(url).set(as('social-worker')).send({ personId: child.body.id, role: 'child', fromDate: '2026-03-01' });
    expect(asChild.status).toBe(201);
    childMembership = asChild.body.id;
    expect((await sys.http.post(url).set(as('social-worker')).send({ personId: '00000000-0000-4000-8000-000000000000', role: 'child' })).status).toBe(404);
    const applicant = await sys.http.post(url).set(as('social-worker')).send({ personId: applicantId, role: 'other-household-member' });
    expect(applicant.status).toBe(409);
    expect(applicant.body.code).toBe('applicant');
    expect((await sys.http.post(url).set(as('social-worker')).send({ personId: partnerId, role: 'applicant' })).status).toBe(400);
    expect((await sys.http.post(url).set(as('council-secretary')).send({ personId: partnerId, role: 'child' })).status).toBe(403);

    const list = await sys.http.get(url).set(as('social-worker'));
    expect(list.status).toBe(200);
    expect(list.body.items.map((p: { role: string; roleLabel: string }) => [p.role, p.roleLabel])).toEqual([['applicant', 'Aanvrager'], ['partner', 'Partner'], ['child', 'Kind']]);
    expect(list.body.items[0]).toMatchObject({ id: null, person: { id: applicantId } });

    const tooEarly = await sys.http.delete(`${url}/${added.body.id}?toDate=2026-02-01`).set(as('social-worker'));
    expect(tooEarly.status).toBe(400);
    expect(tooEarly.body.errors[0]).toMatchObject({ path: '/toDate', code: 'before-start' });
    const ended = await sys.http.delete(`${url}/${added.body.id}?toDate=2026-03-31`).set(as('social-worker'));
    expect(ended.status).toBe(200);
    expect(ended.body).toMatchObject({ toDate: '2026-03-31', endedAt: expect.any(String) });
    expect((await sys.http.delete(`${url}/${added.body.id}`).set(as('social-worker'))).status).toBe(409);
    expect((await sys.http.delete(`${url}/00000000-0000-4000-8000-000000000000`).set(as('social-worker'))).status).toBe(404);
    // Not deleted: it stays, ended, after the current members; the same role may start again.
    expect(await count(`dossier_persons WHERE dossier_id = $1`, [opened])).toBe(2);
    const dossier = await sys.http.get(`/dossiers/${opened}`).set(as('social-worker'));
    expect(dossier.body.persons.map((p: { role: string; endedAt: string | null }) => [p.role, p.endedAt === null])).toEqual([['applicant', true], ['child', true], ['partner', false]]);
    expect(dossier.body.timeline.map((e: { description: string }) => e.description)).toEqual(expect.arrayContaining([
      'An Peeters toegevoegd als partner (vanaf 1 maart 2026)',
      'An Peeters niet langer partner in dit dossier (tot 31 maart 2026)',
    ]));
    expect(await count(`audit_events WHERE action IN ('dossier.person-added', 'dossier.person-ended') AND dossier_id = $1`, [opened])).toBe(3);
    expect((await sys.http.post(url).set(as('social-worker')).send({ personId: partnerId, role: 'partner', fromDate: '2026-05-01' })).status).toBe(201);
  });

  it('a person merge moves the duplicate\'s memberships to the kept person, ending one that would repeat the kept one\'s', async () => {
    const url = `/dossiers/${opened}/persons`;
    // The partner registered a second time (without the national number), as partner and as other member.
    const dup = await sys.http.post('/persons').set(as('social-worker')).send({
      firstName: 'Anneke', lastName: 'Peeters-Dup', birthDate: '1990-02-25', noNationalNumberReason: 'unknown', address,
    });
    expect(dup.status).toBe(201);
    const asPartner = await sys.http.post(url).set(as('social-worker')).send({ personId: dup.body.id, role: 'partner' });
    const asOther = await sys.http.post(url).set(as('social-worker')).send({ personId: dup.body.id, role: 'other-household-member' });
    expect([asPartner.status, asOther.status]).toEqual([201, 201]);
    const merged = await sys.http.post(`/persons/${partnerId}/merge`).set(as('team-lead')).send({ duplicateId: dup.body.id, reason: 'Tweemaal geregistreerd' });
    expect(merged.status).toBe(200);
    expect(await count(`dossier_persons WHERE person_id = $1`, [dup.body.id])).toBe(0);
    const rows = (await sys.db.query(`SELECT id, person_id, role, ended_at IS NOT NULL AS ended FROM dossier_persons WHERE id = ANY($1::uuid[])`, [[asPartner.body.id, asOther.body.id]])).rows;
    expect(rows.find((r) => r.id === asPartner.body.id)).toMatchObject({ person_id: partnerId, ended: true });
    expect(rows.find((r) => r.id === asOther.body.id)).toMatchObject({ person_id: partnerId, ended: false });
    const audit = (await sys.db.query(`SELECT details FROM audit_events WHERE action = 'person.merged' AND person_id = $1`, [partnerId])).rows[0].details;
    expect(audit.memberships).toEqual({ moved: expect.arrayContaining([asPartner.body.id, asOther.body.id]), ended: [asPartner.body.id] });
    const list = await sys.http.get(url).set(as('social-worker'));
    expect(list.body.items.filter((p: { endedAt: string | null }) => p.endedAt === null).map((p: { role: string; person: { id: string } }) => [p.role, p.person.id])).toEqual([
      ['applicant', applicantId], ['child', expect.any(String)], ['partner', partnerId], ['other-household-member', partnerId],
    ]);
    expect(childMembership).toBeDefined();
  });

  it('finds a dossier by its reference (GET /dossiers?reference=, as the web app links by it), only in the own team', async () => {
    const found = await sys.http.get(`/dossiers?reference=${from.reference.toLowerCase()}`).set(as('social-worker'));
    expect(found.status).toBe(200);
    expect(found.body.items.map((d: { id: string }) => d.id)).toEqual([from.id]);
    expect((await sys.http.get(`/dossiers?reference=${from.reference}`).set(as('noord-worker'))).body.items).toEqual([]);
    expect((await sys.http.get('/dossiers?reference=LL-1999-000001').set(as('social-worker'))).body.items).toEqual([]);
    const bad = await sys.http.get('/dossiers?reference=LL%27%20OR%201=1').set(as('social-worker'));
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0]).toMatchObject({ path: '/reference', code: 'pattern' });
  });
});

import JSZip from 'jszip';
import { todayInBrussels } from '../support/factories';
import { binary } from '../support/http';
import { startTestSystem, TestSystem } from '../support/system';
import { openLeefloonDossier } from '../support/task-flow';
import { eventually, uniqueTaskQueue } from '../support/temporal';

const PNG = Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex'), Buffer.alloc(200, 5)]);


/**
 * The data subject's export over HTTP (GDPR art. 15, issue 16): the admin downloads a ZIP with what is kept about a
 * person — the dossier opened by the leefloon workflow, its receipt as PDF, a document with
 * its bytes, a case note, and who read the file — and nothing of another person; every other role 403; unknown 404;
 * the export is audited.
 */
describe('the data subject export (e2e)', () => {
  let sys: TestSystem;
  const as = (user: string) => sys.as(user);
  beforeAll(async () => {
    sys = await startTestSystem({ TEMPORAL_TASK_QUEUE: uniqueTaskQueue('e2e-subject-export') });
    await sys.loginAll(['social-worker', 'team-lead', 'council-secretary', 'finance', 'admin']);
  });
  afterAll(async () => {
    await sys?.close();
  });

  it('gives the admin a ZIP of everything kept about the person, and nothing of another', async () => {
    const today = todayInBrussels();
    const dossierId = await openLeefloonDossier(sys, 'social-worker', today, { nn: 0, firstName: 'Ilse', lastName: 'Inzage' });
    await openLeefloonDossier(sys, 'social-worker', today, { nn: 1, firstName: 'Omar', lastName: 'Anders' });
    const personId = (await sys.db.query(`SELECT person_id FROM dossiers WHERE id = $1`, [dossierId])).rows[0].person_id as string;
    const note = await sys.http.post(`/dossiers/${dossierId}/notes`).set(as('social-worker')).send({ contactDate: today, kind: 'home-visit', text: 'Huisbezoek: woont alleen, geen inkomsten.' });
    expect(note.status).toBe(201);
    const uploaded = await sys.http.post(`/dossiers/${dossierId}/documents`).set(as('social-worker')).field('kind', 'lease').attach('file', PNG, { filename: 'huurcontract.png', contentType: 'image/png' });
    expect(uploaded.status).toBe(201);
    expect((await sys.http.get(`/dossiers/${dossierId}`).set(as('team-lead'))).status).toBe(200);
    // The receipt the workflow issued (its PDF is made from the stored letter, as on the dossier screen).
    await eventually(async () => (await sys.db.query(`SELECT 1 FROM notices WHERE dossier_id = $1 AND key = 'receipt'`, [dossierId])).rows[0]);
    const task = await eventually(async () => (await sys.db.query(`SELECT id FROM tasks WHERE dossier_id = $1`, [dossierId])).rows[0]);

    for (const role of ['social-worker', 'team-lead', 'council-secretary', 'finance']) {
      const refused = await sys.http.get(`/persons/${personId}/export`).set(as(role));
      expect(refused.status).toBe(403);
      expect(refused.body).toMatchObject({ statusCode: 403 });
    }
    expect((await sys.http.get(`/persons/${personId}/export`)).status).toBe(401);
    expect((await sys.http.get(`/persons/7d1c6f0e-1a52-4a7e-9a44-2d3b9f6c8e99/export`).set(as('admin'))).status).toBe(404);
    expect((await sys.http.get(`/persons/not-a-uuid/export`).set(as('admin'))).status).toBe(404);
    const before = Number((await sys.db.query(`SELECT max(id) AS id FROM audit_events`)).rows[0].id);

    const res = await sys.http.get(`/persons/${personId}/export`).set(as('admin')).buffer(true).parse(binary);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/zip');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="inzage-${personId}.zip"`);
    const zip = await JSZip.loadAsync(res.body as Buffer);
    const data = JSON.parse(await zip.file('gegevens.json')!.async('string'));
    expect(data.persoon).toBe(personId);
    expect(data.dossiers).toEqual([dossierId]);
    const s = data.secties;
    expect(s.persons.map((p: { last_name: string }) => p.last_name)).toEqual(['Inzage']);
    expect(s.dossiers.map((d: { id: string; subject_role: string }) => [d.id, d.subject_role])).toEqual([[dossierId, 'aanvrager']]);
    expect(s.case_notes.map((n: { text: string }) => n.text)).toEqual(['Huisbezoek: woont alleen, geen inkomsten.']);
    expect(s.notices.map((n: { key: string }) => n.key)).toContain('receipt');
    expect(s.tasks.map((t: { id: string }) => t.id)).toContain(task.id);
    // Who read the file: the team lead's read of the dossier is there.
    expect(s.audit_events.some((a: { action: string; actor_role: string }) => a.action === 'dossier.read' && a.actor_role === 'team-lead')).toBe(true);
    expect(JSON.stringify(data)).not.toContain('Anders');

    const letters = Object.keys(zip.files).filter((f) => f.startsWith('brieven/') && f.endsWith('.pdf'));
    expect(letters.length).toBeGreaterThanOrEqual(1);
    expect((await zip.file(letters[0])!.async('nodebuffer')).subarray(0, 5).toString()).toBe('%PDF-');
    const documents = Object.keys(zip.files).filter((f) => f.startsWith('documenten/') && !zip.files[f].dir);
    expect(documents).toEqual([`documenten/${uploaded.body.id}-huurcontract.png`]);
    expect((await zip.file(documents[0])!.async('nodebuffer')).equals(PNG)).toBe(true);
    const guide = await zip.file('LEESMIJ.txt')!.async('string');
    expect(guide).toContain('Over: Ilse Inzage');
    expect(guide).toContain('Dossiers: 1 (als aanvrager: 1, als gezinslid: 0)');
    expect(guide).toContain('- Dossiernotities (van een vertrouwelijke notitie alleen datum, soort en auteur) [case_notes]: 1');
    expect(guide).toContain('documenten/: 1 documenten');

    const audited = (await sys.db.query(`SELECT action, actor_role, person_id, details FROM audit_events WHERE id > $1 AND action = 'person.exported'`, [before])).rows;
    expect(audited).toEqual([expect.objectContaining({ actor_role: 'admin', person_id: personId, details: expect.objectContaining({ dossiers: 1, documents: 1 }) })]);
  });
});

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import S3rver from 's3rver';
import { VALID_NATIONAL_NUMBERS } from '../support/factories';
import { binary } from '../support/http';
import { startTestSystem, TestSystem } from '../support/system';
import { uniqueTaskQueue } from '../support/temporal';

const address = { street: 'Markt 1', postalCode: '9000', city: 'Gent' };
/** A small limit for this file's system, so that "too large" needs no 10 MB body. */
const MAX_BYTES = 64 * 1024;
const PNG = Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex'), Buffer.alloc(200, 7)]);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');


/** Every file under a folder (none when it does not exist). */
function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

/**
 * Documents over HTTP with the filesystem store: upload (type by content, size limit, kinds), lists per dossier and per
 * person, download (bytes equal, audited), another team's 404, deletion by the uploader or the team lead only; then the
 * same upload and download with the S3-compatible store (OCMW_DOCUMENT_STORE=s3) against s3rver.
 */
describe('documents (e2e)', () => {
  let sys: TestSystem;
  const as = (user: string) => sys.as(user);
  let personId: string;
  let dossierId: string;
  let otherDossierId: string;
  let pngId: string;
  const documentsDir = () => path.join(sys.dataDir, 'documents');
  const rows = async () => (await sys.db.query(`SELECT count(*)::int AS n FROM documents`)).rows[0].n as number;
  const upload = (user: string, dossier: string, file: Buffer, filename: string, kind = 'lease', contentType = 'application/octet-stream') =>
    sys.http.post(`/dossiers/${dossier}/documents`).set(as(user)).field('kind', kind).attach('file', file, { filename, contentType });

  beforeAll(async () => {
    sys = await startTestSystem({ TEMPORAL_TASK_QUEUE: uniqueTaskQueue('e2e-documents'), OCMW_DOCUMENT_MAX_BYTES: String(MAX_BYTES) });
    await sys.loginAll(['social-worker', 'social-worker-2', 'team-lead', 'council-secretary', 'finance', 'admin']);
    const noord = await sys.http.post('/users').set(as('admin'))
      .send({ username: 'noord-worker', password: 'Kwartel-Paraplu-93!', displayName: 'Noor Werker', role: 'social-worker', team: 'noord' });
    expect(noord.status).toBe(201);
    await sys.login('noord-worker', 'Kwartel-Paraplu-93!');
    const person = await sys.http.post('/persons').set(as('social-worker')).send({ nationalNumber: VALID_NATIONAL_NUMBERS[0], firstName: 'Jan', lastName: 'Peeters', address });
    expect(person.status).toBe(201);
    personId = person.body.id;
    const dossier = await sys.http.post('/dossiers').set(as('social-worker')).send({ procedure: 'leefloon', personId });
    expect(dossier.status).toBe(201);
    dossierId = dossier.body.id;
    // The same person's dossier in another team (persons belong to no team).
    const other = await sys.http.post('/dossiers').set(as('noord-worker')).send({ procedure: 'social-aid', personId });
    expect(other.status).toBe(201);
    otherDossierId = other.body.id;
  });
  afterAll(async () => {
    await sys?.close();
  });

  it('lists the kinds with their Dutch labels', async () => {
    const res = await sys.http.get('/document-kinds').set(as('social-worker'));
    expect(res.status).toBe(200);
    expect(res.body.items).toContainEqual({ code: 'lease', label: 'huurcontract' });
    expect(res.body.maxBytes).toBe(MAX_BYTES);
    expect(res.body.items.map((k: { label: string }) => k.label)).toEqual(['identiteitsbewijs', 'huurcontract', 'factuur', 'loonfiche', 'rekeninguittreksel', 'attest', 'verzoekschrift', 'andere']);
    expect((await sys.http.get('/document-kinds').set(as('finance'))).status).toBe(403);
  });

  it('stores an upload by its content: a PNG named .pdf is the PNG it is, under a .png name', async () => {
    const res = await upload('social-worker', dossierId, PNG, 'huurcontract.pdf', 'lease', 'application/pdf');
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ dossierId, personId, kind: 'lease', kindLabel: 'huurcontract', fileName: 'huurcontract.png', contentType: 'image/png', sizeBytes: PNG.length, uploadedByName: 'An Maatschappelijk Assistent' });
    expect(res.body.sha256).toMatch(/^[0-9a-f]{64}$/);
    pngId = res.body.id;
    expect(filesUnder(documentsDir())).toHaveLength(1);
    const pdf = await upload('team-lead', dossierId, PDF, 'loonfiche mei – Gënt.pdf', 'pay-slip');
    expect(pdf.status).toBe(201);
    expect(pdf.body).toMatchObject({ fileName: 'loonfiche mei – Gënt.pdf', contentType: 'application/pdf', kindLabel: 'loonfiche' });
    const timeline = (await sys.http.get(`/dossiers/${dossierId}`).set(as('social-worker'))).body.timeline as { description: string }[];
    expect(timeline.map((e) => e.description)).toEqual(expect.arrayContaining(['Document: huurcontract', 'Document: loonfiche']));
  });

  it('lists the documents of the dossier and of the person, latest first', async () => {
    const list = await sys.http.get(`/dossiers/${dossierId}/documents`).set(as('social-worker-2'));
    expect(list.status).toBe(200);
    expect(list.body.items.map((d: { kind: string }) => d.kind)).toEqual(['pay-slip', 'lease']);
    expect(list.body.items[0]).not.toHaveProperty('storageKey');
    await upload('noord-worker', otherDossierId, PDF, 'attest.pdf', 'certificate').expect(201);
    // Each team sees the person's documents on its own dossiers; the admin every team's.
    const ours = await sys.http.get(`/persons/${personId}/documents`).set(as('social-worker'));
    expect(ours.status).toBe(200);
    expect(ours.body.items.map((d: { kind: string }) => d.kind)).toEqual(['pay-slip', 'lease']);
    const theirs = await sys.http.get(`/persons/${personId}/documents`).set(as('noord-worker'));
    expect(theirs.body.items.map((d: { kind: string }) => d.kind)).toEqual(['certificate']);
    expect((await sys.http.get(`/persons/${personId}/documents`).set(as('admin'))).body.total).toBe(3);
    expect((await sys.http.get(`/persons/00000000-0000-4000-8000-000000000000/documents`).set(as('social-worker'))).status).toBe(404);
  });

  it('downloads the very bytes uploaded, with its type and name, and audits every download', async () => {
    const downloads = async () => (await sys.db.query(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'document.downloaded' AND details->>'documentId' = $1`, [pngId])).rows[0].n as number;
    const before = await downloads();
    const res = await sys.http.get(`/documents/${pngId}/content`).set(as('social-worker')).buffer(true).parse(binary);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('image/png');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="huurcontract.png"; filename*=UTF-8''huurcontract.png`);
    expect(Buffer.compare(res.body as Buffer, PNG)).toBe(0);
    await sys.http.get(`/documents/${pngId}/content`).set(as('admin')).expect(200);
    expect(await downloads()).toBe(before + 2);
    const row = (await sys.db.query(`SELECT actor_role, dossier_id, person_id FROM audit_events WHERE action = 'document.downloaded' ORDER BY id DESC LIMIT 1`)).rows[0];
    expect(row).toEqual({ actor_role: 'admin', dossier_id: dossierId, person_id: personId });
  });

  it('refuses what is not a PDF, JPEG or PNG, an empty file, an unknown kind, a missing file — storing nothing', async () => {
    const before = await rows();
    const files = filesUnder(documentsDir()).length;
    const text = await upload('social-worker', dossierId, Buffer.from('Dit is geen PDF maar tekst.\n'), 'brief.pdf', 'lease', 'application/pdf');
    expect(text.status).toBe(400);
    expect(text.body).toMatchObject({ statusCode: 400, errors: [{ path: '/file', code: 'unsupported-type' }] });
    const gif = await upload('social-worker', dossierId, Buffer.from('GIF89a....'), 'foto.png', 'identity', 'image/png');
    expect(gif.body.errors).toEqual([expect.objectContaining({ path: '/file', code: 'unsupported-type' })]);
    const empty = await upload('social-worker', dossierId, Buffer.alloc(0), 'leeg.pdf');
    expect(empty.status).toBe(400);
    expect(empty.body.errors).toEqual([expect.objectContaining({ path: '/file', code: 'empty' })]);
    const kind = await upload('social-worker', dossierId, PDF, 'x.pdf', 'passport');
    expect(kind.status).toBe(400);
    expect(kind.body.errors).toEqual([expect.objectContaining({ path: '/kind' })]);
    const noFile = await sys.http.post(`/dossiers/${dossierId}/documents`).set(as('social-worker')).field('kind', 'lease');
    expect(noFile.status).toBe(400);
    expect(noFile.body.errors).toEqual([expect.objectContaining({ path: '/file', code: 'required' })]);
    const json = await sys.http.post(`/dossiers/${dossierId}/documents`).set(as('social-worker')).send({ kind: 'lease' });
    expect(json.status).toBe(400);
    const twoFiles = await sys.http.post(`/dossiers/${dossierId}/documents`).set(as('social-worker')).field('kind', 'lease').attach('file', PDF, 'a.pdf').attach('file', PDF, 'b.pdf');
    expect(twoFiles.status).toBe(400);
    const wrongField = await sys.http.post(`/dossiers/${dossierId}/documents`).set(as('social-worker')).field('kind', 'lease').attach('bestand', PDF, 'a.pdf');
    expect(wrongField.status).toBe(400);
    expect(await rows()).toBe(before);
    expect(filesUnder(documentsDir())).toHaveLength(files);
  });

  it('refuses a file larger than OCMW_DOCUMENT_MAX_BYTES with 413, storing nothing; one of exactly the limit is taken', async () => {
    const before = await rows();
    const files = filesUnder(documentsDir()).length;
    const big = Buffer.concat([PDF, Buffer.alloc(MAX_BYTES + 1 - PDF.length, 0x20)]);
    const res = await upload('social-worker', dossierId, big, 'groot.pdf');
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({ statusCode: 413, message: 'The file is larger than 0.1 MB', errors: [{ path: '/file', code: 'too-large' }] });
    expect(await rows()).toBe(before);
    expect(filesUnder(documentsDir())).toHaveLength(files);
    expect((await upload('social-worker', dossierId, big.subarray(0, MAX_BYTES), 'precies.pdf')).status).toBe(201);
    expect(await rows()).toBe(before + 1);
  });

  it("answers 404 for another team's dossier and documents, 403 for a role without documents", async () => {
    const before = await rows();
    expect((await upload('noord-worker', dossierId, PDF, 'x.pdf')).status).toBe(404);
    expect((await sys.http.get(`/dossiers/${dossierId}/documents`).set(as('noord-worker'))).status).toBe(404);
    expect((await sys.http.get(`/documents/${pngId}/content`).set(as('noord-worker'))).status).toBe(404);
    expect((await sys.http.delete(`/documents/${pngId}`).set(as('noord-worker'))).status).toBe(404);
    expect((await upload('finance', dossierId, PDF, 'x.pdf')).status).toBe(403);
    expect((await upload('admin', dossierId, PDF, 'x.pdf')).status).toBe(403);
    expect((await sys.http.get(`/documents/${pngId}/content`).set(as('council-secretary'))).status).toBe(403);
    expect((await sys.http.get(`/documents/not-a-uuid/content`).set(as('social-worker'))).status).toBe(404);
    expect((await upload('social-worker', '00000000-0000-4000-8000-000000000000', PDF, 'x.pdf')).status).toBe(404);
    expect(await rows()).toBe(before);
  });

  it('deletes by marking, by the uploader or the team lead only; gone from lists and downloads, audited', async () => {
    expect((await sys.http.delete(`/documents/${pngId}`).set(as('social-worker-2'))).status).toBe(403);
    expect((await sys.http.delete(`/documents/${pngId}`).set(as('admin'))).status).toBe(403);
    expect((await sys.http.delete(`/documents/${pngId}`).set(as('social-worker'))).status).toBe(204);
    expect((await sys.http.get(`/documents/${pngId}/content`).set(as('social-worker'))).status).toBe(404);
    expect((await sys.http.delete(`/documents/${pngId}`).set(as('social-worker'))).status).toBe(404);
    const list = await sys.http.get(`/dossiers/${dossierId}/documents`).set(as('social-worker'));
    expect(list.body.items.map((d: { id: string }) => d.id)).not.toContain(pngId);
    expect((await sys.http.get(`/persons/${personId}/documents`).set(as('admin'))).body.items.map((d: { id: string }) => d.id)).not.toContain(pngId);
    const row = (await sys.db.query(`SELECT deleted_at IS NOT NULL AS deleted, deleted_by FROM documents WHERE id = $1`, [pngId])).rows[0];
    expect(row.deleted).toBe(true);
    const audit = await sys.db.query(`SELECT actor_id FROM audit_events WHERE action = 'document.deleted' AND details->>'documentId' = $1`, [pngId]);
    expect(audit.rows).toEqual([{ actor_id: row.deleted_by }]);
    // The team lead deletes a colleague's document.
    const another = (await upload('social-worker-2', dossierId, PDF, 'b.pdf')).body.id as string;
    expect((await sys.http.delete(`/documents/${another}`).set(as('team-lead'))).status).toBe(204);
    expect((await sys.http.get(`/documents/${another}/content`).set(as('social-worker-2'))).status).toBe(404);
  });
});

describe('documents in an S3-compatible store (e2e, s3rver)', () => {
  let sys: TestSystem;
  let server: S3rver;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ocmw-s3-'));
  const bucket = 'ocmw-documents';

  beforeAll(async () => {
    server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory: dir, configureBuckets: [{ name: bucket }] });
    const { port } = await server.run();
    sys = await startTestSystem({
      TEMPORAL_TASK_QUEUE: uniqueTaskQueue('e2e-documents-s3'),
      OCMW_DOCUMENT_STORE: 's3', OCMW_S3_ENDPOINT: `http://127.0.0.1:${port}`, OCMW_S3_BUCKET: bucket, OCMW_S3_ACCESS_KEY: 'S3RVER', OCMW_S3_SECRET_KEY: 'S3RVER',
    });
    await sys.loginAll(['social-worker']);
  });
  afterAll(async () => {
    await sys?.close();
    await server?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('keeps the bytes in the bucket, not in the data folder, and downloads them unchanged', async () => {
    const person = await sys.http.post('/persons').set(sys.as('social-worker')).send({ nationalNumber: VALID_NATIONAL_NUMBERS[1], firstName: 'Els', lastName: 'Claes', address });
    const dossier = await sys.http.post('/dossiers').set(sys.as('social-worker')).send({ procedure: 'leefloon', personId: person.body.id });
    const up = await sys.http.post(`/dossiers/${dossier.body.id}/documents`).set(sys.as('social-worker')).field('kind', 'identity').attach('file', PNG, 'id.png');
    expect(up.status).toBe(201);
    expect(filesUnder(path.join(sys.dataDir, 'documents'))).toEqual([]);
    expect(filesUnder(path.join(dir, bucket)).length).toBeGreaterThan(0);
    const res = await sys.http.get(`/documents/${up.body.id}/content`).set(sys.as('social-worker')).buffer(true).parse(binary);
    expect(res.status).toBe(200);
    expect(Buffer.compare(res.body as Buffer, PNG)).toBe(0);

    // The default limit, 10 MB: one byte more is 413 (the body read to its end, then refused), nothing in the bucket.
    const inBucket = filesUnder(path.join(dir, bucket)).length;
    const big = Buffer.concat([PNG, Buffer.alloc(10 * 1024 * 1024 + 1 - PNG.length)]);
    const tooLarge = await sys.http.post(`/dossiers/${dossier.body.id}/documents`).set(sys.as('social-worker')).field('kind', 'identity').attach('file', big, 'groot.png');
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.body.message).toBe('The file is larger than 10 MB');
    expect(filesUnder(path.join(dir, bucket))).toHaveLength(inBucket);
    expect((await sys.db.query(`SELECT count(*)::int AS n FROM documents`)).rows[0].n).toBe(1);
  });
});

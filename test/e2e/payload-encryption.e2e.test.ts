import { ENCRYPTED_ENCODING } from '../../libs/temporal/payload-codec';
import { todayInBrussels, VALID_NATIONAL_NUMBERS } from '../support/factories';
import { startTestSystem, TestSystem } from '../support/system';
import { historyText, payloadsOf } from '../support/payload-keys';
import { openTaskOf } from '../support/task-flow';
import { eventually } from '../support/temporal';

const NOTES = 'Zoon helpt niet meer sinds de ruzie over de verkoop van het appartement';

type Wire = { metadata: Record<string, string>; data: string };
/** The payloads of a history as the remote codec protocol sends them (base64). */
const wirePayloads = (history: unknown): Wire[] => payloadsOf(history).map((p) => ({
  metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v ?? new Uint8Array()).toString('base64')])),
  data: Buffer.from(p.data ?? new Uint8Array()).toString('base64'),
}));

/**
 * Payload encryption through the real system (issue 16): the launcher encrypts what its workflows carry with its
 * configured key, so the Temporal server holds no inquiry fact, amount or free text of a dossier; the API's codec
 * endpoint decodes the history for the admin (401 without a token, 403 for a social worker, 400 for a payload that
 * was changed), and each decode is audited.
 */
describe('payload encryption and the codec endpoint (e2e)', () => {
  let sys: TestSystem;
  const today = todayInBrussels();
  beforeAll(async () => {
    sys = await startTestSystem();
    await sys.loginAll(['social-worker', 'admin']);
  });
  afterAll(async () => sys?.close());

  it('the history holds only ciphertext; the admin reads it through /temporal-codec/decode', async () => {
    const person = await sys.http.post('/persons').set(sys.as('social-worker')).send({
      nationalNumber: VALID_NATIONAL_NUMBERS[0], firstName: 'Maria', lastName: 'Geheim', address: { street: 'Zorgstraat 2', postalCode: '9000', city: 'Gent' },
    });
    const dossier = await sys.http.post('/dossiers').set(sys.as('social-worker')).send({ procedure: 'placement-costs', personId: person.body.id, requestDate: today });
    const id = dossier.body.id as string;
    const careHome = (await sys.http.post('/parties').set(sys.as('social-worker')).send({ name: 'WZC Het Anker', kind: 'care-home', address: { street: 'Kaai 1', postalCode: '9000', city: 'Gent' } })).body.id;
    await sys.http.post(`/dossiers/${id}/parties`).set(sys.as('social-worker')).send({ partyId: careHome, role: 'care-home' });
    const complete = async (kind: string, outcome: Record<string, unknown>) => {
      const task = await openTaskOf(sys, 'social-worker', id, kind);
      expect((await sys.http.post(`/tasks/${task.id}/complete`).set(sys.as('social-worker')).send(outcome)).status).toBe(200);
    };
    await complete('competence-check', { situation: 'institution', institutionKind: 'care-home', registeredOnAdmission: '44021', competent: true, rule: 'institution' });
    await complete('placement-inquiry', {
      careHomePartyId: careHome, admittedOn: today, monthlyIncomeCents: 171_313, expectedInvoiceCents: 223_377, savingsCents: 55_555,
      couple: false, property: false, maintenanceDebtors: 'examine', notes: NOTES,
    });
    await eventually(async () => (await sys.db.query(`SELECT 1 FROM agenda_items WHERE dossier_id = $1`, [id])).rows[0]);
    const { workflow_id: workflowId } = (await sys.db.query(`SELECT workflow_id FROM dossiers WHERE id = $1`, [id])).rows[0];

    // What the Temporal server holds (a client without the codec sees the same bytes): ciphertext only.
    const history = await sys.temporal.workflow.getHandle(workflowId).fetchHistory();
    const payloads = wirePayloads(history);
    expect(payloads.length).toBeGreaterThan(10);
    for (const p of payloads) expect(Buffer.from(p.metadata.encoding, 'base64').toString()).toBe(ENCRYPTED_ENCODING);
    const raw = historyText(history);
    for (const secret of ['ruzie', '171313', '223377', '55555', 'Geheim', 'Het Anker', 'Zorgstraat']) expect(raw).not.toContain(secret);

    // The codec endpoint: no token 401, a social worker 403, the admin reads the history in clear.
    const body = { payloads };
    expect((await sys.http.post('/temporal-codec/decode').send(body)).status).toBe(401);
    const refused = await sys.http.post('/temporal-codec/decode').set(sys.as('social-worker')).send(body);
    expect(refused.status).toBe(403);
    const decoded = await sys.http.post('/temporal-codec/decode').set(sys.as('admin')).set('X-Namespace', 'default').send(body);
    expect(decoded.status).toBe(200);
    const clear = (decoded.body.payloads as Wire[]).map((p) => Buffer.from(p.data, 'base64').toString('utf8')).join('\n');
    expect(clear).toContain(NOTES);
    expect(clear).toContain('171313');
    expect((await sys.db.query(`SELECT details FROM audit_events WHERE action = 'temporal.payloads-decoded'`)).rows).toEqual([
      { details: { namespace: 'default', payloads: payloads.length } },
    ]);
    // A payload changed on its way is a 400 in the one error shape, never a 500; so is a body that is no payload list.
    const changed = { ...payloads[0], data: Buffer.from(Buffer.from(payloads[0].data, 'base64').map((b, i) => (i === 20 ? b ^ 1 : b))).toString('base64') };
    const bad = await sys.http.post('/temporal-codec/decode').set(sys.as('admin')).send({ payloads: [changed] });
    expect([bad.status, bad.body.errors?.[0]?.code]).toEqual([400, 'undecodable']);
    expect((await sys.http.post('/temporal-codec/decode').set(sys.as('admin')).send({ payloads: 'alles' })).status).toBe(400);
    // Encode gives back what decodes to the same payload (the CLI's round trip).
    const plain = { metadata: { encoding: Buffer.from('json/plain').toString('base64') }, data: Buffer.from('"hallo"').toString('base64') };
    const encoded = await sys.http.post('/temporal-codec/encode').set(sys.as('admin')).send({ payloads: [plain] });
    expect(Buffer.from(encoded.body.payloads[0].metadata.encoding, 'base64').toString()).toBe(ENCRYPTED_ENCODING);
    const back = await sys.http.post('/temporal-codec/decode').set(sys.as('admin')).send(encoded.body);
    expect(back.body.payloads[0]).toEqual(plain);
  });
});

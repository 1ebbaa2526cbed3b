import { createNoticeActivities } from '../../activities/notices/notice.activities';
import { loadConfig } from '../../libs/config/config';
import { createDataSource } from '../../libs/db/data-source';
import { addDays } from '../../libs/deadlines/calendar-date';
import { DEFAULT_CATALOGUE } from '../../libs/deadlines/catalogue';
import { formatDateNl } from '../../libs/notices/templates';
import { todayInBrussels, VALID_IBANS, VALID_NATIONAL_NUMBERS } from '../support/factories';
import { pdfText } from '../support/pdf-text';
import { binary } from '../support/http';
import { startTestSystem, TestSystem } from '../support/system';
import { eventually } from '../support/temporal';


/** Notices and the partner outbox through HTTP, against the compiled system on real PostgreSQL and Temporal. */
describe('notices and partner outbox (e2e)', () => {
  let sys: TestSystem;
  const as = (user: string) => sys.as(user);
  const today = todayInBrussels();

  beforeAll(async () => {
    sys = await startTestSystem({ OCMW_NAME: 'OCMW Notitiestad', OCMW_ADDRESS: 'Kerkplein 3, 9000 Gent' });
    await sys.loginAll(['social-worker', 'team-lead', 'council-secretary', 'finance', 'admin']);
    const created = await sys.http.post('/users').set(as('admin'))
      .send({ username: 'noord-worker', password: 'noord-password', displayName: 'Nora Noord', role: 'social-worker', team: 'noord' });
    expect(created.status).toBe(201);
    await sys.login('noord-worker', 'noord-password');
  });
  afterAll(async () => {
    await sys?.close();
  });

  async function openDossier(user: string, nationalNumber: string, lastName: string): Promise<{ id: string; reference: string }> {
    const person = await sys.http.post('/persons').set(as(user)).send({
      nationalNumber, firstName: 'An', lastName, address: { street: 'Veldstraat 10', postalCode: '9000', city: 'Gent' }, iban: VALID_IBANS[0],
    });
    expect(person.status).toBe(201);
    const dossier = await sys.http.post('/dossiers').set(as(user)).send({ procedure: 'leefloon', personId: person.body.id, channel: 'counter' });
    expect(dossier.status).toBe(201);
    return dossier.body;
  }

  let dossier: { id: string; reference: string };
  let noordDossier: { id: string; reference: string };

  it('serves the ontvangstbewijs of a dossier opened through the API as a PDF, rendered from its stored content', async () => {
    dossier = await openDossier('social-worker', VALID_NATIONAL_NUMBERS[0], 'Janssens');
    // The workflow records the receipt with recordNotice (no letter stored): the PDF is made on the fly.
    const receipt = await eventually(async () => {
      const res = await sys.http.get(`/dossiers/${dossier.id}/notices`).set(as('social-worker'));
      expect(res.status).toBe(200);
      return res.body.items.find((n: { kind: string }) => n.kind === 'ontvangstbewijs');
    });
    expect(receipt).toMatchObject({ key: 'receipt', recipient: 'client', channel: 'hand', pdf: `/notices/${receipt.id}/pdf` });

    const res = await sys.http.get(`/notices/${receipt.id}/pdf`).set(as('social-worker')).buffer(true).parse(binary);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="${dossier.reference}-receipt.pdf"`);
    const pdf = res.body as Buffer;
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = await pdfText(pdf);
    for (const part of [
      'Ontvangstbewijs van uw aanvraag', dossier.reference, 'An Janssens', 'Veldstraat 10', 'OCMW Notitiestad', 'Kerkplein 3, 9000 Gent',
      `ontvangen op ${formatDateNl(today)}`, `uiterlijk op ${formatDateNl(addDays(today, 30))}`, 'recht om gehoord te worden', 'elk nieuw feit melden',
    ]) expect(text).toContain(part);

    // Rendered, not stored: the notice still has no PDF; the read is audited.
    const { rows } = await sys.db.query(`SELECT pdf IS NULL AS none FROM notices WHERE id = $1`, [receipt.id]);
    expect(rows[0].none).toBe(true);
    const audited = await sys.db.query(
      `SELECT count(*)::int AS n FROM audit_events WHERE action = 'notice.pdf-read' AND dossier_id = $1 AND details->>'renderedOnTheFly' = 'true'`, [dossier.id]);
    expect(audited.rows[0].n).toBe(1);
    expect((await sys.db.query(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'notice.listed' AND dossier_id = $1`, [dossier.id])).rows[0].n)
      .toBeGreaterThanOrEqual(1);

    // Another team's notice is unknown to the caller; finance of the team may read it.
    expect((await sys.http.get(`/notices/${receipt.id}/pdf`).set(as('noord-worker'))).status).toBe(404);
    expect((await sys.http.get(`/dossiers/${dossier.id}/notices`).set(as('noord-worker'))).status).toBe(404);
    expect((await sys.http.get(`/notices/${receipt.id}/pdf`).set(as('finance'))).status).toBe(200);
    expect((await sys.http.get(`/notices/00000000-0000-4000-8000-000000000000/pdf`).set(as('social-worker'))).status).toBe(404);
    expect((await sys.http.get(`/notices/not-a-uuid/pdf`).set(as('social-worker'))).status).toBe(404);
  });

  it('lists, exports and acknowledges partner messages, per team', async () => {
    noordDossier = await openDossier('noord-worker', VALID_NATIONAL_NUMBERS[1], 'Noordman');
    // The activities (sendPodMiForm, queuePartnerMessage) fill the outbox; here it is seeded as they would.
    const insert = async (dossierId: string, partner: string, kind: string, ref: string, payload: object) =>
      (await sys.db.query(
        `INSERT INTO partner_messages (dossier_id, partner, partner_ref, kind, payload, due_date) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
        [dossierId, partner, ref, kind, JSON.stringify(payload), addDays(today, 8)],
      )).rows[0].id as string;
    const formB = await insert(dossier.id, 'pod-mi', 'form-B', `${dossier.reference}:${today}`, {
      form: 'B', ocmw: { enterpriseNumber: '0207123407', nisCode: '44021' }, client: { nationalNumber: VALID_NATIONAL_NUMBERS[0] },
      decision: { type: 'grant', date: today, category: 2, monthlyAmountCents: 131420 }, note: 'bedrag "netto", per maand',
    });
    const forwarding = await insert(dossier.id, 'ocmw', 'forwarding', 'OCMW Aalst', { reasons: 'gewone verblijfplaats in Aalst' });
    const noordForm = await insert(noordDossier.id, 'pod-mi', 'form-C', `${noordDossier.reference}:${today}`, { form: 'C' });

    const pending = await sys.http.get('/partner-messages?partner=pod-mi&status=pending').set(as('team-lead'));
    expect(pending.status).toBe(200);
    expect(pending.body.items.map((m: { id: string }) => m.id)).toEqual([formB]);
    expect(pending.body.items[0]).toMatchObject({ dossierReference: dossier.reference, kind: 'form-B', status: 'pending', exportedAt: null });
    expect((await sys.http.get('/partner-messages').set(as('admin'))).body.total).toBe(3);
    expect((await sys.http.get('/partner-messages').set(as('council-secretary'))).status).toBe(403);
    expect((await sys.http.get('/partner-messages?partner=bank').set(as('team-lead'))).status).toBe(400);

    // Export: only finance and the team lead; a social worker may not.
    expect((await sys.http.get('/partner-messages/export?partner=pod-mi').set(as('social-worker'))).status).toBe(403);
    expect((await sys.http.get('/partner-messages/export').set(as('finance'))).status).toBe(400);
    const csv = await sys.http.get('/partner-messages/export?partner=pod-mi&format=csv').set(as('finance'));
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toMatch(/^attachment; filename="pod-mi-\d{8}T\d{6}\.csv"$/);
    const lines = csv.text.trim().split('\r\n');
    expect(lines).toHaveLength(2); // header + the demo team's form B; not the noord team's form C
    expect(lines[0]).toBe(
      'id,dossier_reference,partner,kind,partner_ref,due_date,created_at,payload.client.nationalNumber,payload.decision.category,' +
        'payload.decision.date,payload.decision.monthlyAmountCents,payload.decision.type,payload.form,payload.note,payload.ocmw.enterpriseNumber,payload.ocmw.nisCode',
    );
    expect(lines[1]).toContain(`${formB},${dossier.reference},pod-mi,form-B,${dossier.reference}:${today},${addDays(today, 8)},`);
    expect(lines[1]).toMatch(new RegExp(`,${VALID_NATIONAL_NUMBERS[0]},2,${today},131420,grant,B,"bedrag ""netto"", per maand",0207123407,44021$`));
    const { rows } = await sys.db.query(`SELECT id, exported_at IS NOT NULL AS exported FROM partner_messages ORDER BY kind`);
    expect(rows).toEqual([
      { id: formB, exported: true },
      { id: noordForm, exported: false },
      { id: forwarding, exported: false },
    ]);
    expect((await sys.db.query(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'partner-message.exported'`)).rows[0].n).toBe(1);

    // Exported once: the next export is empty.
    const again = await sys.http.get('/partner-messages/export?partner=pod-mi').set(as('team-lead'));
    expect(again.status).toBe(200);
    expect(again.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(JSON.parse(again.text)).toMatchObject({ partner: 'pod-mi', count: 0, messages: [], sender: { name: 'OCMW Notitiestad' } });
    const ocmw = JSON.parse((await sys.http.get('/partner-messages/export?partner=ocmw').set(as('team-lead'))).text);
    expect(ocmw.messages).toEqual([expect.objectContaining({ id: forwarding, kind: 'forwarding', payload: { reasons: 'gewone verblijfplaats in Aalst' } })]);

    // Acknowledge once; again is 409; another team's message is 404; one never exported is 409.
    const ack = await sys.http.post(`/partner-messages/${formB}/acknowledge`).set(as('social-worker'));
    expect(ack.status).toBe(200);
    expect(ack.body).toMatchObject({ id: formB, acknowledgedAt: expect.any(String) });
    expect((await sys.http.post(`/partner-messages/${formB}/acknowledge`).set(as('social-worker'))).status).toBe(409);
    expect((await sys.http.post(`/partner-messages/${noordForm}/acknowledge`).set(as('social-worker'))).status).toBe(404);
    expect((await sys.http.post(`/partner-messages/${noordForm}/acknowledge`).set(as('noord-worker'))).status).toBe(409);
    expect((await sys.http.post(`/partner-messages/${formB}/acknowledge`).set(as('council-secretary'))).status).toBe(403);
    const acknowledged = await sys.http.get('/partner-messages?status=acknowledged').set(as('team-lead'));
    expect(acknowledged.body.items.map((m: { id: string; status: string }) => [m.id, m.status])).toEqual([[formB, 'acknowledged']]);
    const timeline = await sys.http.get(`/dossiers/${dossier.id}`).set(as('social-worker'));
    expect(timeline.body.timeline.map((e: { description: string }) => e.description)).toContain('Ontvangst van formulier B bevestigd door POD MI');
  });

  it('exports and acknowledges a Wet 1965 form B1 queued by the real activity, beside the RMI forms', async () => {
    // The social aid procedure calls sendPartnerForm from its workflow; here the activity runs on the system's database.
    const dataSource = await createDataSource(sys.databaseUrl, { poolSize: 1 }).initialize();
    try {
      const acts = createNoticeActivities({ dataSource, config: loadConfig({ OCMW_NAME: 'OCMW Notitiestad' }), catalogue: DEFAULT_CATALOGUE });
      const content = { decisionDate: today, aidForm: 'financial', amountCents: 25000, frequency: 'once', startDate: today };
      const sent = await acts.sendPartnerForm({ dossierId: dossier.id, formId: 'wet1965:B1', content });
      expect(sent).toMatchObject({ created: true, dueDate: addDays(today, 45) });

      const exported = JSON.parse((await sys.http.get('/partner-messages/export?partner=pod-mi').set(as('finance'))).text);
      expect(exported.messages).toEqual([expect.objectContaining({
        id: sent.partnerMessageId, kind: 'wet1965-B1', partnerRef: `${dossier.reference}:${today}`,
        payload: expect.objectContaining({ form: 'B1', formId: 'wet1965:B1', client: { nationalNumber: VALID_NATIONAL_NUMBERS[0] }, content }),
      })]);
      const ack = await sys.http.post(`/partner-messages/${sent.partnerMessageId}/acknowledge`).set(as('social-worker'));
      expect(ack.status).toBe(200);
      const listed = await sys.http.get('/partner-messages?partner=pod-mi&status=acknowledged').set(as('team-lead'));
      expect(listed.body.items.map((m: { kind: string }) => m.kind)).toContain('wet1965-B1');
    } finally {
      await dataSource.destroy();
    }
  });
});

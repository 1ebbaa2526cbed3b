import { VALID_NATIONAL_NUMBERS } from '../support/factories';
import { startTestSystem, TestSystem } from '../support/system';
import { uniqueTaskQueue } from '../support/temporal';

const address = { street: 'Kouter 7', postalCode: '9000', city: 'Gent' };
const PETITION = { court: 'arbeidsrechtbank Gent, afdeling Gent', reasons: 'Werkloos geworden na een faillissement; de schulden stapelden zich op.' };

/**
 * The collective debt settlement over HTTP: the petition (verzoekschrift) from the budget inventory — refused (409)
 * without an open debt, a PDF in the dossier's documents with one; bad input a 400 in the one error shape, nothing
 * stored; finance may not write it; GET …/csr before the court did anything: not started, no clocks or claims (the inventory's readers).
 */
describe('collective debt settlement (e2e)', () => {
  let sys: TestSystem;
  const as = (user: string) => sys.as(user);
  let dossierId: string;

  const documents = async () => (await sys.db.query(`SELECT kind, content_type, file_name, size_bytes FROM documents WHERE dossier_id = $1`, [dossierId])).rows;

  beforeAll(async () => {
    sys = await startTestSystem({ TEMPORAL_TASK_QUEUE: uniqueTaskQueue('e2e-csr') });
    await sys.loginAll(['social-worker', 'finance', 'council-secretary']);
    const person = await sys.http.post('/persons').set(as('social-worker')).send({ nationalNumber: VALID_NATIONAL_NUMBERS[1], firstName: 'Ruben', lastName: 'De Smet', address });
    expect(person.status).toBe(201);
    const dossier = await sys.http.post('/dossiers').set(as('social-worker')).send({ procedure: 'debt-mediation', personId: person.body.id });
    expect(dossier.status).toBe(201);
    dossierId = dossier.body.id;
  });
  afterAll(async () => {
    await sys?.close();
  });

  it('refuses the petition without an open debt (409), and with bad input (400), storing nothing', async () => {
    const none = await sys.http.post(`/dossiers/${dossierId}/csr-petition`).set(as('social-worker')).send(PETITION);
    expect(none.status).toBe(409);
    expect(none.body).toMatchObject({ statusCode: 409, message: expect.stringContaining('no open debt') });
    const bad = await sys.http.post(`/dossiers/${dossierId}/csr-petition`).set(as('social-worker')).send({ court: '' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['/court', '/reasons'].sort());
    expect(await documents()).toEqual([]);
  });

  it('builds the petition from the inventory as a PDF document of the dossier; finance may not', async () => {
    const party = async (name: string, kind: string) => (await sys.http.post('/parties').set(as('social-worker')).send({ name, kind, address })).body.id as string;
    const bank = await party('Bank Kredietnet', 'creditor');
    const energy = await party('Energieleverancier NV', 'supplier');
    const post = (what: string, body: object) => sys.http.post(`/dossiers/${dossierId}/${what}`).set(as('social-worker')).send(body);
    expect((await post('incomes', { kind: 'benefit', amountCents: 140000, dayOfMonth: 1 })).status).toBe(201);
    expect((await post('expenses', { kind: 'rent', amountCents: 65000, dueDay: 5 })).status).toBe(201);
    expect((await post('debts', { creditorPartyId: bank, creditorReference: 'KR-991', originalCents: 900000, outstandingCents: 812345 })).status).toBe(201);
    expect((await post('debts', { creditorPartyId: energy, originalCents: 60000, outstandingCents: 45000, priorityKind: 'energy' })).status).toBe(201);

    expect((await sys.http.post(`/dossiers/${dossierId}/csr-petition`).set(as('finance')).send(PETITION)).status).toBe(403);
    const res = await sys.http.post(`/dossiers/${dossierId}/csr-petition`).set(as('social-worker')).send(PETITION);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ kind: 'petition', contentType: 'application/pdf' });
    expect(await documents()).toEqual([expect.objectContaining({ kind: 'petition', content_type: 'application/pdf' })]);
    const content = await sys.http.get(`/documents/${res.body.id}/content`).set(as('social-worker')).buffer(true).parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    expect(content.status).toBe(200);
    const pdf = content.body as Buffer;
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.length).toBeGreaterThan(1000);
  });

  it('GET …/csr: nothing started before the court acts; the inventory readers may read it', async () => {
    const res = await sys.http.get(`/dossiers/${dossierId}/csr`).set(as('social-worker'));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ dossierId, started: false, orderDate: null, clocks: [], claims: [] });
    expect((await sys.http.get(`/dossiers/${dossierId}/csr`).set(as('finance'))).status).toBe(200);
    expect((await sys.http.get(`/dossiers/${dossierId}/csr`).set(as('council-secretary'))).status).toBe(403);
  });

  it('GET …/csr: the file as the workflow recorded it, with the clocks (due dates in Dutch, duty or for information) and the claims per creditor', async () => {
    const creditor = (await sys.db.query(`SELECT id FROM parties WHERE name = 'Bank Kredietnet'`)).rows[0].id;
    await sys.db.query(
      `INSERT INTO csr_files (dossier_id, petition_filed_on, court, order_date, order_sent_on, mediator, ocmw_mediator, status, reminder_on, declare_by)
       VALUES ($1, '2026-03-02', 'arbeidsrechtbank Gent', '2026-03-09', '2026-03-10', 'ocmw', true, 'CSR_CLAIMS', '2026-04-11', '2026-04-27')`,
      [dossierId],
    );
    await sys.db.query(`INSERT INTO csr_claims (dossier_id, party_id, declared_on, amount_cents, waived) VALUES ($1, $2, NULL, NULL, true)`, [dossierId, creditor]);
    await sys.db.query(
      `INSERT INTO deadlines (dossier_id, key, rule_id, title, legal_basis, trigger_date, due_date, warning_date, status, explanation, team, kind)
       VALUES ($1, 'csr-claims', 'CSR-2', 'Aangifte van schuldvordering door de schuldeisers', 'art. 1675/9 §2–3 Ger.W.', '2026-03-10', '2026-04-27', '2026-04-20', 'breached', '-', 'demo', 'duty'),
              ($1, 'csr-plan', 'CSR-3', 'Ontwerp van minnelijke aanzuiveringsregeling', 'art. 1675/10–11 Ger.W.', '2026-03-09', '2026-09-09', '2026-08-26', 'running', '-', 'demo', 'window')`,
      [dossierId],
    );
    const res = await sys.http.get(`/dossiers/${dossierId}/csr`).set(as('social-worker'));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      started: true, court: 'arbeidsrechtbank Gent', orderDate: '2026-03-09', mediator: 'ocmw', mediatorLabel: 'het OCMW', ocmwMediator: true,
      statusLabel: 'Collectieve schuldenregeling: aangifte van de schuldvorderingen', declareBy: '2026-04-27',
      clocks: [
        expect.objectContaining({ key: 'csr-plan', ruleId: 'CSR-3', dueDateLabel: '9 september 2026', kind: 'window', kindLabel: 'ter informatie', statusLabel: 'loopt' }),
        expect.objectContaining({ key: 'csr-claims', ruleId: 'CSR-2', dueDateLabel: '27 april 2026', kind: 'duty', kindLabel: 'plicht van het OCMW (schuldbemiddelaar)', statusLabel: 'overschreden' }),
      ],
      claims: [{ partyId: creditor, creditor: 'Bank Kredietnet', declaredOn: null, declaredOnLabel: null, amountCents: null, waived: true, stateLabel: 'geacht afgezien (geen aangifte)' }],
    });
  });

  it('takes the court events through POST …/events, checked against their schemas: an outside mediator needs its party (400 in the one error shape, nothing recorded)', async () => {
    const before = (await sys.db.query(`SELECT count(*)::int AS n FROM external_events WHERE dossier_id = $1`, [dossierId])).rows[0].n;
    const today = new Date().toISOString().slice(0, 10);
    const bad = await sys.http.post(`/dossiers/${dossierId}/events`).set(as('social-worker'))
      .send({ type: 'csr-admissibility-order', occurredOn: today, reference: 'RN 26/123/B', data: { court: 'arbeidsrechtbank Gent', sentOn: today, mediator: 'outside' } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ path: '/data/mediatorPartyId', code: 'required' })]);
    expect((await sys.db.query(`SELECT count(*)::int AS n FROM external_events WHERE dossier_id = $1`, [dossierId])).rows[0].n).toBe(before);
    const filed = await sys.http.post(`/dossiers/${dossierId}/events`).set(as('social-worker'))
      .send({ type: 'csr-petition-filed', occurredOn: today, reference: 'RN 26/123/B', data: { court: 'arbeidsrechtbank Gent, afdeling Gent' } });
    expect(filed.status).toBe(201);
    expect(filed.body).toMatchObject({ type: 'csr-petition-filed', title: 'Verzoekschrift collectieve schuldenregeling neergelegd' });
  });
});

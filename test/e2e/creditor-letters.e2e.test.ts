import { randomUUID } from 'node:crypto';
import { VALID_NATIONAL_NUMBERS } from '../support/factories';
import { startTestSystem, TestSystem } from '../support/system';
import { uniqueTaskQueue } from '../support/temporal';

const address = { street: 'Kaai 3', postalCode: '9000', city: 'Gent' };

/**
 * The creditor correspondence of a debt mediation dossier over HTTP: POST /dossiers/:id/creditor-letters checks the
 * template, its data, the party (linked to the dossier) and the debt before anything is queued for the workflow (one
 * error shape, nothing written on a refusal); GET /dossiers/:id/creditor-correspondence reads the letters with the
 * parties' names; another team's dossier is unknown (404).
 */
describe('creditor letters (e2e)', () => {
  let sys: TestSystem;
  const as = (user: string) => sys.as(user);
  let dossierId: string;
  let otherDossierId: string;
  let agency: string;
  let creditor: string;
  let unlinked: string;
  let debtId: string;

  const party = async (name: string, kind: string) => {
    const res = await sys.http.post('/parties').set(as('social-worker')).send({ name, kind, address });
    expect(res.status).toBe(201);
    return res.body.id as string;
  };
  const queued = async () => (await sys.db.query(`SELECT payload FROM workflow_outbox WHERE dossier_id = $1 AND message = 'creditorLetterRequested'`, [dossierId])).rows;
  const post = (body: object, user = 'social-worker', id = dossierId) => sys.http.post(`/dossiers/${id}/creditor-letters`).set(as(user)).send(body);

  beforeAll(async () => {
    sys = await startTestSystem({ TEMPORAL_TASK_QUEUE: uniqueTaskQueue('e2e-creditor-letters') });
    await sys.loginAll(['social-worker', 'council-secretary', 'admin']);
    const noord = await sys.http.post('/users').set(as('admin'))
      .send({ username: 'noord-worker', password: 'Kwartel-Paraplu-93!', displayName: 'Noor Werker', role: 'social-worker', team: 'noord' });
    expect(noord.status).toBe(201);
    await sys.login('noord-worker', 'Kwartel-Paraplu-93!');
    const person = await sys.http.post('/persons').set(as('social-worker')).send({ nationalNumber: VALID_NATIONAL_NUMBERS[1], firstName: 'Els', lastName: 'Wouters', address });
    expect(person.status).toBe(201);
    const dossier = await sys.http.post('/dossiers').set(as('social-worker')).send({ procedure: 'debt-mediation', personId: person.body.id });
    expect(dossier.status).toBe(201);
    dossierId = dossier.body.id;
    const neighbour = await sys.http.post('/persons').set(as('noord-worker')).send({ nationalNumber: VALID_NATIONAL_NUMBERS[2], firstName: 'Piet', lastName: 'Wouters', address });
    expect(neighbour.status).toBe(201);
    const other = await sys.http.post('/dossiers').set(as('noord-worker')).send({ procedure: 'debt-mediation', personId: neighbour.body.id });
    expect(other.status).toBe(201);
    otherDossierId = other.body.id;
    agency = await party('Incasso Vlaanderen NV', 'collection-agency');
    creditor = await party('Energie Vlaanderen', 'creditor');
    unlinked = await party('Gerechtsdeurwaarder Janssens', 'bailiff');
    expect((await sys.http.post(`/dossiers/${dossierId}/parties`).set(as('social-worker')).send({ partyId: agency, role: 'collection-agency' })).status).toBe(201);
    const debt = await sys.http.post(`/dossiers/${dossierId}/debts`).set(as('social-worker'))
      .send({ creditorPartyId: creditor, originalCents: 50_000, outstandingCents: 50_000, collectorPartyId: agency, collectorReference: 'INC-4711' });
    expect(debt.status).toBe(201);
    debtId = debt.body.id;
  });
  afterAll(async () => {
    await sys?.close();
  });

  it('refuses a bad template, bad data, an unknown or unlinked party and a debt of no dossier of its own with 400 in the one error shape, and queues nothing', async () => {
    const badTemplate = await post({ partyId: agency, template: 'creditor-reminder', data: {} });
    expect(badTemplate.status).toBe(400);
    expect(badTemplate.body).toMatchObject({ statusCode: 400, errors: [expect.objectContaining({ path: '/template' })] });

    const badData = await post({ partyId: agency, debtId, template: 'creditor-repayment-proposal', data: { monthlyCents: -5, startDate: '1 januari 2027', colour: 'blauw' } });
    expect(badData.status).toBe(400);
    expect(badData.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['/data/colour', '/data/durationMonths', '/data/monthlyCents', '/data/startDate']);

    const unknown = await post({ partyId: randomUUID(), template: 'creditor-statement-request', data: {} });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toEqual([expect.objectContaining({ path: '/partyId', code: 'unknown-party' })]);
    const notLinked = await post({ partyId: unlinked, template: 'creditor-statement-request', data: {} });
    expect(notLinked.status).toBe(400);
    expect(notLinked.body.errors).toEqual([expect.objectContaining({ path: '/partyId', code: 'not-linked' })]);
    const noDebt = await post({ partyId: agency, debtId: randomUUID(), template: 'creditor-statement-request', data: {} });
    expect(noDebt.status).toBe(400);
    expect(noDebt.body.errors).toEqual([expect.objectContaining({ path: '/debtId' })]);
    expect(await queued()).toEqual([]);
  });

  it("answers 404 for another team's dossier (read and write), 403 to a role without the inventory", async () => {
    expect((await post({ partyId: agency, template: 'creditor-statement-request', data: {} }, 'noord-worker')).status).toBe(404);
    expect((await sys.http.get(`/dossiers/${dossierId}/creditor-correspondence`).set(as('noord-worker'))).status).toBe(404);
    expect((await sys.http.get(`/dossiers/${otherDossierId}/creditor-correspondence`).set(as('social-worker'))).status).toBe(404);
    expect((await sys.http.get(`/dossiers/${dossierId}/creditor-correspondence`).set(as('council-secretary'))).status).toBe(403);
    expect(await queued()).toEqual([]);
  });

  it('queues a good request for the workflow with the file number from the inventory, once a day (409), and reads the letters with the party names', async () => {
    const body = { partyId: agency, debtId, template: 'creditor-repayment-proposal', data: { monthlyCents: 5_000, startDate: '2027-01-01', durationMonths: 10 } };
    const res = await post(body);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ dossierId, template: 'creditor-repayment-proposal', subject: 'Voorstel van afbetalingsplan', letterKey: expect.stringMatching(new RegExp(`^repayment-proposal:${debtId}:${agency}:\\d{4}-\\d{2}-\\d{2}$`)) });
    expect((await queued()).map((r: { payload: unknown }) => r.payload)).toEqual([
      expect.objectContaining({ key: res.body.letterKey, partyId: agency, debtId, template: 'creditor-repayment-proposal', data: { ...body.data, fileNumber: 'INC-4711' } }),
    ]);
    // The debt's creditor is not linked to the dossier, but takes part in it through the inventory.
    expect((await post({ partyId: creditor, debtId, template: 'creditor-statement-request', data: {} })).status).toBe(201);

    // The workflow writes the read model (workflows/shared/party-correspondence.ts); here one row as it would.
    await sys.db.query(
      `INSERT INTO creditor_letters (dossier_id, letter_key, party_id, debt_id, template, subject, sent_on, answer_due, reminder_on, reminder_answer_due, status)
       VALUES ($1, $2, $3, $4, 'creditor-repayment-proposal', 'Voorstel van afbetalingsplan', '2026-12-01', '2026-12-22', '2026-12-23', '2027-01-13', 'reminded')`,
      [dossierId, res.body.letterKey, agency, debtId],
    );
    // The same letter again today: 409, nothing more queued.
    const again = await post(body);
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ statusCode: 409, letterKey: res.body.letterKey });
    expect(await queued()).toHaveLength(2);
    const read = await sys.http.get(`/dossiers/${dossierId}/creditor-correspondence`).set(as('social-worker'));
    expect(read.status).toBe(200);
    expect(read.body).toEqual({
      dossierId, total: 1,
      items: [expect.objectContaining({
        letterKey: res.body.letterKey, party: { id: agency, name: 'Incasso Vlaanderen NV', kind: 'collection-agency' }, subject: 'Voorstel van afbetalingsplan',
        sentOn: '2026-12-01', answerDue: '2026-12-22', reminderOn: '2026-12-23', reminderAnswerDue: '2027-01-13', status: 'reminded', statusLabel: 'Herinnerd', answer: null,
      })],
    });
    const audited = await sys.db.query(`SELECT action FROM audit_events WHERE dossier_id = $1 AND action LIKE 'creditor-%' ORDER BY at`, [dossierId]);
    expect(audited.rows.map((r: { action: string }) => r.action)).toEqual(['creditor-letter.requested', 'creditor-letter.requested', 'creditor-correspondence.read']);
  });
});

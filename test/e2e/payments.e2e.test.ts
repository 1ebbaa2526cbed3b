import { addDays } from '../../libs/deadlines/calendar-date';
import { formatNationalNumber } from '../../libs/domain/identifiers';
import { formatDateLongNl } from '../../libs/format/dutch';
import { nextTarget2BusinessDay } from '../../libs/payments/target2';
import { todayInBrussels, VALID_NATIONAL_NUMBERS } from '../support/factories';
import { pain001SchemaErrors } from '../support/pain001';
import { startTestSystem, TestSystem } from '../support/system';

const ZOE_IBAN = 'BE71096123456769';
const between = (xml: string, tag: string) => [...xml.matchAll(new RegExp(`<${tag}[^>]*>([^<]*)</${tag}>`, 'g'))].map((m) => m[1]);

/** Finance turns the due payments into a SEPA file for the bank and marks it executed — through HTTP on the real system. */
describe('payments and SEPA batches (e2e)', () => {
  let sys: TestSystem;
  const as = (user: string) => sys.as(user);
  const today = todayInBrussels();
  const dossiers: { id: string; reference: string }[] = [];
  const payments: Record<'jan1' | 'jan2' | 'zoe' | 'future' | 'cancelled', string> = { jan1: '', jan2: '', zoe: '', future: '', cancelled: '' };

  const seedPayment = async (dossier: { id: string; reference: string }, p: { kind: string; period: string; amountCents: number; dueDate: string; status?: string }) => {
    // As orderPayment writes it: IBAN and name copied from the person, a remittance without national number.
    const { rows } = await sys.db.query(
      `INSERT INTO payments (dossier_id, kind, period, payment_key, amount_cents, iban, creditor_name, remittance, due_date, status, computation)
       SELECT d.id, $2, $3, $2 || ':client:' || $3, $4, p.iban, p.first_name || ' ' || p.last_name, $5, $6, $7, '{}'
         FROM dossiers d JOIN persons p ON p.id = d.person_id WHERE d.id = $1
       RETURNING id`,
      [dossier.id, p.kind, p.period, p.amountCents, `Leefloon ${p.period} ${dossier.reference}`, p.dueDate, p.status ?? 'due'],
    );
    return rows[0].id as string;
  };

  beforeAll(async () => {
    sys = await startTestSystem();
    await sys.loginAll(['social-worker', 'team-lead', 'finance', 'admin']);
    for (const [nationalNumber, firstName, lastName, iban] of [
      [VALID_NATIONAL_NUMBERS[0], 'Jan', 'Peeters', 'BE68 5390 0754 7034'],
      [VALID_NATIONAL_NUMBERS[1], 'Zoë', 'Lefèvre-Ðukić', 'BE71 0961 2345 6769'],
    ]) {
      const person = await sys.http.post('/persons').set(as('social-worker')).send({
        nationalNumber, firstName, lastName, address: { street: 'Markt 1', postalCode: '9000', city: 'Gent' }, iban,
      });
      expect(person.status).toBe(201);
      const dossier = await sys.http.post('/dossiers').set(as('social-worker')).send({ procedure: 'leefloon', personId: person.body.id });
      expect(dossier.status).toBe(201);
      dossiers.push({ id: dossier.body.id, reference: dossier.body.reference });
    }
    payments.jan1 = await seedPayment(dossiers[0], { kind: 'arrears', period: '2026-01', amountCents: 63_590, dueDate: addDays(today, -3) });
    payments.jan2 = await seedPayment(dossiers[0], { kind: 'monthly', period: '2026-02', amountCents: 131_420, dueDate: today });
    payments.zoe = await seedPayment(dossiers[1], { kind: 'monthly', period: '2026-02', amountCents: 177_607, dueDate: addDays(today, -1) });
    payments.future = await seedPayment(dossiers[1], { kind: 'monthly', period: '2026-03', amountCents: 177_607, dueDate: addDays(today, 20) });
    payments.cancelled = await seedPayment(dossiers[1], { kind: 'monthly', period: '2026-04', amountCents: 177_607, dueDate: addDays(today, -2), status: 'cancelled' });
  });
  afterAll(async () => {
    await sys?.close();
  });

  it("lets the team's social workers and finance read the payments; the read is audited", async () => {
    const due = await sys.http.get('/payments?status=due').set(as('finance'));
    expect(due.status).toBe(200);
    expect(due.body.items.map((p: { id: string }) => p.id).sort()).toEqual([payments.jan1, payments.jan2, payments.zoe, payments.future].sort());
    const ofDossier = await sys.http.get(`/payments?dossierId=${dossiers[1].id}`).set(as('social-worker'));
    expect(ofDossier.status).toBe(200);
    expect(ofDossier.body.items.map((p: { id: string; status: string }) => [p.id, p.status])).toEqual(
      expect.arrayContaining([[payments.zoe, 'due'], [payments.future, 'due'], [payments.cancelled, 'cancelled']]),
    );
    expect(ofDossier.body.items[0]).toMatchObject({ dossierReference: dossiers[1].reference, iban: ZOE_IBAN, creditorName: 'Zoë Lefèvre-Ðukić' });
    expect((await sys.http.get('/payments?team=noord').set(as('team-lead'))).status).toBe(404);
    expect((await sys.http.get('/payments?status=late').set(as('finance'))).status).toBe(400);
    const { rows } = await sys.db.query(`SELECT actor_role FROM audit_events WHERE action = 'payment.listed' AND dossier_id = $1`, [dossiers[1].id]);
    expect(rows).toEqual([{ actor_role: 'social-worker' }]);
  });

  it('keeps batches to finance: a social worker gets 403', async () => {
    expect((await sys.http.post('/payment-batches').set(as('social-worker')).send({})).status).toBe(403);
    expect((await sys.http.get('/payment-batches').set(as('social-worker'))).status).toBe(403);
    expect((await sys.http.get('/payment-batches').set(as('admin'))).status).toBe(403);
    const { rows } = await sys.db.query(`SELECT count(*)::int AS n FROM payments WHERE status = 'batched'`);
    expect(rows[0].n).toBe(0);
  });

  it('batches what is due, as a pain.001 file that validates, and marks it executed once', async () => {
    expect((await sys.http.post('/payment-batches').set(as('finance')).send({ requestedExecutionDate: addDays(today, -1) })).status).toBe(400);

    const created = await sys.http.post('/payment-batches').set(as('finance')).send({});
    expect(created.status).toBe(201);
    // Today, or the next TARGET2 business day when today is a Saturday, Sunday or TARGET2 holiday.
    expect(created.body).toMatchObject({ status: 'created', requestedExecutionDate: nextTarget2BusinessDay(today), nbOfTxs: 3, ctrlSumCents: 63_590 + 131_420 + 177_607 });
    expect(created.body.paymentIds.sort()).toEqual([payments.jan1, payments.jan2, payments.zoe].sort());
    const batchId = created.body.id as string;

    // Nothing else is due by today (the future one waits, the cancelled one never goes).
    const again = await sys.http.post('/payment-batches').set(as('finance')).send({});
    expect(again.status).toBe(409);

    const file = await sys.http.get(`/payment-batches/${batchId}/sepa.xml`).set(as('finance')).buffer(true).parse((res, done) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => done(null, text));
    });
    expect(file.status).toBe(200);
    expect(file.headers['content-type']).toMatch(/^application\/xml/);
    expect(file.headers['content-disposition']).toMatch(/^attachment; filename="pain001-.*\.xml"$/);
    const xml = file.body as string;
    expect(await pain001SchemaErrors(xml)).toEqual([]);
    expect(between(xml, 'NbOfTxs')).toEqual(['3', '3']);
    expect(between(xml, 'CtrlSum')).toEqual(['3726.17', '3726.17']);
    expect(between(xml, 'EndToEndId').sort()).toEqual([payments.jan1, payments.jan2, payments.zoe].map((id) => id.replace(/-/g, '')).sort());
    expect(between(xml, 'Nm')).toEqual(expect.arrayContaining(['OCMW Demo', 'Jan Peeters', 'Zoe Lefevre-Dukic']));
    // The OCMW (debtor) first, then the transactions by due date: Jan's arrears, Zoë's month, Jan's month.
    expect(between(xml, 'IBAN')).toEqual(['BE48001123456727', 'BE68539007547034', ZOE_IBAN, 'BE68539007547034']);
    expect(between(xml, 'Ustrd')).toContain(`Leefloon 2026-02 ${dossiers[1].reference}`);
    for (const nn of VALID_NATIONAL_NUMBERS.slice(0, 2)) {
      expect(xml).not.toContain(nn);
      expect(xml).not.toContain(formatNationalNumber(nn));
    }
    expect((await sys.http.get(`/payment-batches/${batchId}/sepa.xml`).set(as('social-worker'))).status).toBe(403);

    const batched = await sys.http.get('/payments?status=batched').set(as('finance'));
    expect(batched.body.items.map((p: { batchId: string }) => p.batchId)).toEqual([batchId, batchId, batchId]);

    const executed = await sys.http.post(`/payment-batches/${batchId}/executed`).set(as('finance'));
    expect(executed.status).toBe(200);
    expect(executed.body).toMatchObject({ id: batchId, status: 'executed', paid: 3 });
    expect((await sys.http.post(`/payment-batches/${batchId}/executed`).set(as('finance'))).status).toBe(409);

    const paid = await sys.http.get('/payments?status=paid').set(as('finance'));
    expect(paid.body.items.map((p: { id: string }) => p.id).sort()).toEqual([payments.jan1, payments.jan2, payments.zoe].sort());
    expect(paid.body.items.every((p: { paidAt: string | null }) => p.paidAt !== null)).toBe(true);
    const list = await sys.http.get('/payment-batches').set(as('finance'));
    expect(list.body.items).toEqual([expect.objectContaining({ id: batchId, status: 'executed', nbOfTxs: 3 })]);
    expect(list.body.items[0]).not.toHaveProperty('xml');

    const { rows } = await sys.db.query(
      `SELECT action, dossier_id FROM audit_events WHERE actor_role = 'finance' AND action LIKE 'payment%' ORDER BY id`,
    );
    const actions = rows.map((r: { action: string }) => r.action);
    expect(actions).toEqual(expect.arrayContaining(['payment-batch.created', 'payment-batch.downloaded', 'payment-batch.executed', 'payment-batch.listed']));
    expect(rows.filter((r: { action: string }) => r.action === 'payment.paid').map((r: { dossier_id: string }) => r.dossier_id).sort()).toEqual(
      dossiers.map((d) => d.id).sort(),
    );
  });

  it('moves an execution date on a Saturday to the next TARGET2 business day, says so, and takes what is due up to it', async () => {
    // A Saturday a week or more ahead whose Monday is a TARGET2 business day (not Easter Monday, 26 December, …).
    let saturday = addDays(today, 7);
    while (new Date(`${saturday}T00:00:00Z`).getUTCDay() !== 6 || nextTarget2BusinessDay(saturday) !== addDays(saturday, 2)) saturday = addDays(saturday, 1);
    const monday = addDays(saturday, 2);
    const onMonday = await seedPayment(dossiers[0], { kind: 'monthly', period: '2026-05', amountCents: 100_000, dueDate: monday });
    const onTuesday = await seedPayment(dossiers[0], { kind: 'monthly', period: '2026-06', amountCents: 100_000, dueDate: addDays(monday, 1) });
    const dueByMonday = (await sys.db.query(`SELECT id FROM payments WHERE status = 'due' AND due_date <= $1`, [monday])).rows.map((r: { id: string }) => r.id);

    const created = await sys.http.post('/payment-batches').set(as('finance')).send({ requestedExecutionDate: saturday });
    expect(created.status).toBe(201);
    expect(created.body.requestedExecutionDate).toBe(monday);
    expect(created.body.requestedExecutionDateNote).toBe(
      `Zaterdag ${formatDateLongNl(saturday).replace(/^zaterdag /, '')} is geen TARGET2-bankwerkdag: uitvoering op ${formatDateLongNl(monday)}.`,
    );
    expect(created.body.paymentIds).toContain(onMonday);
    expect(created.body.paymentIds).not.toContain(onTuesday);
    expect(created.body.paymentIds.sort()).toEqual(dueByMonday.sort());
    const file = await sys.http.get(`/payment-batches/${created.body.id}/sepa.xml`).set(as('finance')).buffer(true).parse((res, done) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => done(null, text));
    });
    expect(between(file.body as string, 'Dt')).toEqual([monday]);
    expect(await pain001SchemaErrors(file.body as string)).toEqual([]);
  });
});

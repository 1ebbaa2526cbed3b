import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { DataSource } from 'typeorm';
import { createPaymentActivities, OrderPaymentInput } from '../../activities/payments/payment.activities';
import { createDataSource } from '../../libs/db/data-source';
import { addDays } from '../../libs/deadlines/calendar-date';
import { DEFAULT_LEEFLOON_AMOUNTS } from '../../libs/payments/amounts';
import { todayInBrussels, VALID_NATIONAL_NUMBERS } from '../support/factories';
import { pain001SchemaErrors } from '../support/pain001';
import { startTestSystem, TestSystem } from '../support/system';

const OCMW_IBAN = 'BE48001123456727';
const JAN_IBAN = 'BE68539007547034';
const LANDLORD_IBAN = 'BE71096123456769';
const BUDGET_ACCOUNT = { name: 'OCMW Demo budgetbeheer', iban: 'BE62510007547061', bic: 'GEBABEBB' };
const between = (xml: string, tag: string) => [...xml.matchAll(new RegExp(`<${tag}[^>]*>([^<]*)</${tag}>`, 'g'))].map((m) => m[1]);

/**
 * Payees over the real system: the client and a party paid in one SEPA file from two debtor accounts, a cash payment
 * that never goes into a file and is marked paid with its receipt, payments shown with payee, method and account.
 * Orders go through the real orderPayment activity, as the worker runs it.
 */
describe('payees and payments (e2e)', () => {
  let sys: TestSystem;
  let dataSource: DataSource;
  const as = (user: string) => sys.as(user);
  const today = todayInBrussels();
  let dossierId: string;
  let reference: string;
  let landlordId: string;
  const ids = { monthly: '', rent: '', cash: '', later: '' };

  const order = async (input: Omit<OrderPaymentInput, 'dossierId' | 'computation'>) => {
    const result = await createPaymentActivities({ dataSource, amounts: DEFAULT_LEEFLOON_AMOUNTS }).orderPayment({ dossierId, computation: {}, ...input });
    if ('missingIban' in result) throw new Error('missing IBAN');
    return result;
  };
  const xmlOf = async (batchId: string) =>
    (await sys.http.get(`/payment-batches/${batchId}/sepa.xml`).set(as('finance')).buffer(true).parse((res, done) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => done(null, text));
    })).body as string;

  beforeAll(async () => {
    sys = await startTestSystem();
    await sys.loginAll(['social-worker', 'team-lead', 'finance', 'admin']);
    dataSource = await createDataSource(sys.databaseUrl, { poolSize: 4 }).initialize();
    const person = await sys.http.post('/persons').set(as('social-worker')).send({
      nationalNumber: VALID_NATIONAL_NUMBERS[0], firstName: 'Jan', lastName: 'Peeters', address: { street: 'Markt 1', postalCode: '9000', city: 'Gent' }, iban: JAN_IBAN,
    });
    expect(person.status).toBe(201);
    const dossier = await sys.http.post('/dossiers').set(as('social-worker')).send({ procedure: 'leefloon', personId: person.body.id });
    expect(dossier.status).toBe(201);
    ({ id: dossierId, reference } = dossier.body);
    const party = await sys.http.post('/parties').set(as('social-worker')).send({
      name: 'Woonhaven Gent', kind: 'landlord', iban: LANDLORD_IBAN, address: { street: 'Kaai 3', postalCode: '9000', city: 'Gent' },
    });
    expect(party.status).toBe(201);
    landlordId = party.body.id;
    const link = await sys.http.post(`/dossiers/${dossierId}/parties`).set(as('social-worker')).send({ partyId: landlordId, role: 'landlord', reference: 'HW-77' });
    expect(link.status).toBe(201);

    // The leefloon's own call, unchanged: the client, by transfer, from the OCMW's account.
    ids.monthly = (await order({ kind: 'monthly', period: '2026-05', amountCents: 131_420, dueDate: addDays(today, -1) })).paymentId;
    const rent = { kind: 'guarantee', period: 'once:rent-guarantee', amountCents: 240_000, dueDate: today, payee: { partyId: landlordId }, debtRef: 'INV-1', debtorAccount: BUDGET_ACCOUNT } as const;
    // Ordered twice (a retried activity) and twice at once: one payment.
    const orders = [await order(rent), ...(await Promise.all([order(rent), order(rent)]))];
    expect(orders.filter((o) => o.created)).toHaveLength(1);
    expect(new Set(orders.map((o) => o.paymentId)).size).toBe(1);
    ids.rent = orders[0].paymentId;
    ids.cash = (await order({ kind: 'leefgeld', period: '2026-W19', amountCents: 6_000, dueDate: addDays(today, -2), method: 'cash' })).paymentId;
    // Another invoice of the same landlord and period is another payment (not due yet: stays out of the batch).
    ids.later = (await order({ ...rent, debtRef: 'INV-2', dueDate: addDays(today, 30) })).paymentId;
    expect(ids.later).not.toBe(ids.rent);
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await sys?.close();
  });

  it('shows each payment with its payee, method and debtor account, in the list and on its own', async () => {
    const list = await sys.http.get(`/payments?dossierId=${dossierId}`).set(as('social-worker'));
    expect(list.status).toBe(200);
    const byId = Object.fromEntries(list.body.items.map((p: { id: string }) => [p.id, p]));
    expect(Object.keys(byId).sort()).toEqual(Object.values(ids).sort());
    expect(byId[ids.monthly]).toMatchObject({
      paymentKey: 'monthly:client:2026-05', kindLabel: 'Maandelijkse betaling', periodLabel: 'mei 2026', payee: { kind: 'client', partyId: null, name: 'Jan Peeters' },
      method: 'transfer', iban: JAN_IBAN, debtorAccount: { own: true, iban: OCMW_IBAN, name: 'OCMW Demo' }, receiptRef: null,
    });
    expect(byId[ids.rent]).toMatchObject({
      paymentKey: `guarantee:party:${landlordId}:once:rent-guarantee:INV-1`, kindLabel: 'Huurwaarborg', periodLabel: 'eenmalig (rent-guarantee)',
      payee: { kind: 'party', partyId: landlordId, name: 'Woonhaven Gent' }, method: 'transfer', iban: LANDLORD_IBAN, debtRef: 'INV-1',
      debtorAccount: { own: false, ...BUDGET_ACCOUNT, ibanFormatted: 'BE62 5100 0754 7061' }, remittance: `Leefloon huurwaarborg rent-guarantee INV-1 HW-77 ${reference} voor Jan Peeters`,
    });
    expect(byId[ids.cash]).toMatchObject({ method: 'cash', methodLabel: 'contant tegen ontvangstbewijs', iban: null, ibanFormatted: null, debtorAccount: null, periodLabel: 'week 19 van 2026' });
    // As declared in the OpenAPI document.
    const docs = await sys.http.get('/docs-json');
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(ajv);
    const validate = ajv.compile(docs.body.paths['/payments/{id}'].get.responses['200'].content['application/json'].schema);
    for (const item of list.body.items) expect({ id: item.id, valid: validate(item), errors: validate.errors ?? null }).toEqual({ id: item.id, valid: true, errors: null });

    const one = await sys.http.get(`/payments/${ids.rent}`).set(as('finance'));
    expect(one.status).toBe(200);
    expect(one.body).toEqual(byId[ids.rent]);
    expect((await sys.http.get(`/payments/${dossierId}`).set(as('finance'))).status).toBe(404);
    expect((await sys.http.get('/payments/not-a-uuid').set(as('finance'))).status).toBe(404);
    expect((await sys.http.get(`/payments/${ids.rent}`).set(as('admin'))).status).toBe(200);
    const { rows } = await sys.db.query(`SELECT actor_role FROM audit_events WHERE action = 'payment.read' AND details->>'paymentId' = $1 ORDER BY id`, [ids.rent]);
    expect(rows.map((r: { actor_role: string }) => r.actor_role)).toEqual(['finance', 'admin']);
    const timeline = await sys.db.query(`SELECT description FROM dossier_events WHERE dossier_id = $1 AND type = 'payment-ordered' AND data->>'paymentId' = $2`, [dossierId, ids.rent]);
    expect(timeline.rows[0].description).toContain('aan Woonhaven Gent (verhuurder)');
  });

  it('pays the client and the party in one SEPA file with two debtor accounts, valid against the XSD; cash stays out', async () => {
    const created = await sys.http.post('/payment-batches').set(as('finance')).send({});
    expect(created.status).toBe(201);
    expect(created.body.paymentIds.sort()).toEqual([ids.monthly, ids.rent].sort());
    expect(created.body).toMatchObject({ nbOfTxs: 2, ctrlSumCents: 131_420 + 240_000 });
    const xml = await xmlOf(created.body.id);
    expect(await pain001SchemaErrors(xml)).toEqual([]);
    expect(xml.match(/<PmtInf>/g)).toHaveLength(2);
    // Group header, then each PmtInf: the OCMW's account paying Jan, the budget-management account paying the landlord.
    expect(between(xml, 'NbOfTxs')).toEqual(['2', '1', '1']);
    expect(between(xml, 'CtrlSum')).toEqual(['3714.20', '1314.20', '2400.00']);
    expect(between(xml, 'IBAN')).toEqual([OCMW_IBAN, JAN_IBAN, BUDGET_ACCOUNT.iban, LANDLORD_IBAN]);
    expect(between(xml, 'Nm')).toEqual(['OCMW Demo', 'OCMW Demo', 'Jan Peeters', BUDGET_ACCOUNT.name, 'Woonhaven Gent']);
    expect(between(xml, 'Ustrd')).toEqual([`Leefloon 2026-05 ${reference}`, `Leefloon huurwaarborg rent-guarantee INV-1 HW-77 ${reference} voor Jan Peeters`]);
    expect(xml).not.toContain(ids.cash.replace(/-/g, ''));
    expect(xml).not.toContain(VALID_NATIONAL_NUMBERS[0]);
    // Nothing else is due: the cash payment never goes into a file.
    expect((await sys.http.post('/payment-batches').set(as('finance')).send({})).status).toBe(409);
  });

  it('marks a cash payment paid with its receipt (finance only, audited, in the timeline); bad input changes nothing', async () => {
    const cash = `/payments/${ids.cash}/cash-receipt`;
    expect((await sys.http.post(cash).set(as('social-worker')).send({ receiptRef: 'KB-2026-0042' })).status).toBe(403);
    expect((await sys.http.post(cash).set(as('admin')).send({ receiptRef: 'KB-2026-0042' })).status).toBe(403);
    for (const body of [{}, { receiptRef: '' }, { receiptRef: ' KB' }, { receiptRef: 'KB:1' }, { receiptRef: 'x'.repeat(36) }, { receiptRef: 'KB-1', paidOn: today }, { receiptRef: 42 }]) {
      const refused = await sys.http.post(cash).set(as('finance')).send(body);
      expect(refused.status).toBe(400);
      expect(refused.body).toMatchObject({ statusCode: 400, errors: [expect.objectContaining({ path: expect.any(String), code: expect.any(String) })] });
    }
    const transfer = await sys.http.post(`/payments/${ids.later}/cash-receipt`).set(as('finance')).send({ receiptRef: 'KB-2026-0042' });
    expect(transfer.status).toBe(409);
    expect((await sys.http.post(`/payments/${dossierId}/cash-receipt`).set(as('finance')).send({ receiptRef: 'KB-2026-0042' })).status).toBe(404);
    expect((await sys.db.query(`SELECT status, receipt_ref FROM payments WHERE id = $1`, [ids.cash])).rows).toEqual([{ status: 'due', receipt_ref: null }]);

    const paid = await sys.http.post(cash).set(as('finance')).send({ receiptRef: 'KB-2026-0042' });
    expect(paid.status).toBe(200);
    expect(paid.body).toMatchObject({ id: ids.cash, status: 'paid', receiptRef: 'KB-2026-0042', batchId: null, paidAt: expect.any(String) });
    const again = await sys.http.post(cash).set(as('finance')).send({ receiptRef: 'KB-2026-0043' });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ status: 'paid', receiptRef: 'KB-2026-0042' });

    const audited = await sys.db.query(`SELECT actor_role, details FROM audit_events WHERE action = 'payment.cash-paid' AND dossier_id = $1`, [dossierId]);
    expect(audited.rows).toEqual([{ actor_role: 'finance', details: expect.objectContaining({ paymentId: ids.cash, receiptRef: 'KB-2026-0042', amountCents: 6_000 }) }]);
    const timeline = await sys.db.query(`SELECT description FROM dossier_events WHERE dossier_id = $1 AND type = 'payment-paid'`, [dossierId]);
    expect(timeline.rows).toEqual([{ description: 'Leefgeld week 19 van 2026 aan Jan Peeters: € 60,00 contant betaald tegen ontvangstbewijs KB-2026-0042' }]);
  });
});

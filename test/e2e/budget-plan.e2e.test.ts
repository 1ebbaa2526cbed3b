import { VALID_IBANS, VALID_NATIONAL_NUMBERS } from '../support/factories';
import { startTestSystem, TestSystem } from '../support/system';
import { uniqueTaskQueue } from '../support/temporal';

const address = { street: 'Veldstraat 9', postalCode: '9000', city: 'Gent' };
const ACCOUNT_IBAN = VALID_IBANS[0];
const LANDLORD_IBAN = VALID_IBANS[1];
const CREDITOR_IBAN = 'BE41063012345610';

/**
 * Budget management over HTTP (issue 12): the budget plan of a debt mediation dossier, stored one version at a time
 * with its outbox row (budgetPlanChanged) in the same transaction; a stale version, a bad IBAN, an unlinked party or
 * a debt not of the dossier changes nothing; the preview of this week and this month; a bank statement imported twice
 * adds its movements once, matched to the payment ordered from the account and to the income of the inventory; a file
 * that is not the configured CSV stores nothing. The workflow's handling of the Update is not this test's business:
 * it asserts on the stored rows, not on the delivery.
 */
describe('budget plan and budget-management account (e2e)', () => {
  let sys: TestSystem;
  const as = (user: string) => sys.as(user);
  let dossierId: string;
  let leefloonDossierId: string;
  let landlord: string;
  let creditor: string;
  let debtId: string;
  let incomeId: string;

  const party = async (name: string, kind: string, iban?: string) => {
    const res = await sys.http.post('/parties').set(as('social-worker')).send({ name, kind, address, ...(iban ? { iban } : {}) });
    expect(res.status).toBe(201);
    return res.body.id as string;
  };
  const counts = async () => (await sys.db.query(`SELECT
      (SELECT count(*) FROM budget_plans WHERE dossier_id = $1)::int AS plans,
      (SELECT count(*) FROM workflow_outbox WHERE dossier_id = $1 AND message = 'budgetPlanChanged')::int AS outbox,
      (SELECT count(*) FROM budget_account_movements WHERE dossier_id = $1)::int AS movements`, [dossierId])).rows[0];
  const plan = (over: Record<string, unknown> = {}) => ({
    basedOnVersion: 0,
    validFrom: '2026-03-01',
    account: { name: 'OCMW Demo budgetbeheer Sam Schuldenaar', iban: 'BE68 5390 0754 7034', bic: 'GKCCBEBB' },
    leefgeldWeeklyCents: 12000,
    fixedCosts: [{ key: 'rent', partyId: landlord, label: 'Huur', amountCents: 65000, dueDay: 1 }],
    instalments: [{ debtId, partyId: creditor, debtRef: 'DOS-2024-17', amountCents: 5000, dueDay: 25 }],
    reserveMonthlyCents: 2500,
    ...over,
  });
  const put = (body: object, user = 'social-worker', id = dossierId) => sys.http.put(`/dossiers/${id}/budget-plan`).set(as(user)).send(body);
  const upload = (csv: string, user = 'social-worker') =>
    sys.http.post(`/dossiers/${dossierId}/budget-account/statements`).set(as(user)).attach('file', Buffer.from(csv, 'utf8'), { filename: 'uittreksel.csv', contentType: 'text/csv' });

  beforeAll(async () => {
    sys = await startTestSystem({ TEMPORAL_TASK_QUEUE: uniqueTaskQueue('e2e-budget-plan') });
    await sys.loginAll(['social-worker', 'finance', 'council-secretary']);
    const person = await sys.http.post('/persons').set(as('social-worker')).send({ nationalNumber: VALID_NATIONAL_NUMBERS[1], firstName: 'Sam', lastName: 'Schuldenaar', address });
    expect(person.status).toBe(201);
    const dossier = await sys.http.post('/dossiers').set(as('social-worker')).send({ procedure: 'debt-mediation', personId: person.body.id });
    expect(dossier.status).toBe(201);
    dossierId = dossier.body.id;
    const leefloon = await sys.http.post('/dossiers').set(as('social-worker')).send({ procedure: 'leefloon', personId: person.body.id });
    expect(leefloon.status).toBe(201);
    leefloonDossierId = leefloon.body.id;
    landlord = await party('Woonhaven Gent', 'landlord', LANDLORD_IBAN);
    creditor = await party('Telecom NV', 'creditor');
    for (const [partyId, role] of [[landlord, 'landlord'], [creditor, 'creditor']]) {
      expect((await sys.http.post(`/dossiers/${dossierId}/parties`).set(as('social-worker')).send({ partyId, role })).status).toBe(201);
    }
    const debt = await sys.http.post(`/dossiers/${dossierId}/debts`).set(as('social-worker')).send({ creditorPartyId: creditor, creditorReference: 'DOS-2024-17', originalCents: 60000, outstandingCents: 60000 });
    expect(debt.status).toBe(201);
    debtId = debt.body.id;
    const income = await sys.http.post(`/dossiers/${dossierId}/incomes`).set(as('social-worker')).send({ kind: 'leefloon', amountCents: 131420, dayOfMonth: 1 });
    expect(income.status).toBe(201);
    incomeId = income.body.id;
  });
  afterAll(async () => {
    await sys?.close();
  });

  it('has no plan at first, and refuses a bad IBAN, an unlinked party, a foreign debt and duplicate keys, storing nothing', async () => {
    const empty = await sys.http.get(`/dossiers/${dossierId}/budget-plan`).set(as('social-worker'));
    expect(empty.status).toBe(200);
    expect(empty.body).toMatchObject({ dossierId, plan: null, thisWeek: null, thisMonth: null, leefgeldWeekday: 1, leefgeldWeekdayLabel: 'maandag' });

    const badIban = await put(plan({ account: { name: 'x', iban: 'BE68539007547035', bic: 'GKCCBEBB' } }));
    expect(badIban.status).toBe(400);
    expect(badIban.body.errors).toEqual([expect.objectContaining({ path: '/account/iban', code: 'iban' })]);

    const stranger = await party('Onbekende NV', 'creditor');
    const wrong = await put(plan({
      fixedCosts: [
        { key: 'rent', partyId: stranger, label: 'Huur', amountCents: 65000, dueDay: 1 },
        { key: 'rent', partyId: landlord, label: 'Huur 2', amountCents: 100, dueDay: 2 },
      ],
      instalments: [{ debtId: '00000000-0000-4000-8000-000000000000', partyId: creditor, debtRef: 'DOS:17', amountCents: 5000, dueDay: 25 }],
    }));
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors.map((e: { path: string; code: string }) => `${e.path} ${e.code}`).sort()).toEqual([
      '/fixedCosts/0/partyId not-linked',
      '/fixedCosts/1/key duplicate',
      '/instalments/0/debtId unknown-debt',
      '/instalments/0/debtRef debt-ref',
    ]);
    const negative = await put(plan({ leefgeldWeeklyCents: -1, fixedCosts: [{ key: 'rent', partyId: landlord, label: 'Huur', amountCents: 10.5, dueDay: 32 }] }));
    expect(negative.status).toBe(400);
    expect(negative.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['/fixedCosts/0/amountCents', '/fixedCosts/0/dueDay', '/leefgeldWeeklyCents']);
    expect(await counts()).toEqual({ plans: 0, outbox: 0, movements: 0 });
  });

  it('has a budget plan only in a debt mediation dossier, written by the social worker (finance may not)', async () => {
    const other = await put(plan(), 'social-worker', leefloonDossierId);
    expect(other.status).toBe(409);
    expect(other.body).toMatchObject({ statusCode: 409, code: 'not-debt-mediation' });
    expect((await put(plan(), 'finance')).status).toBe(403);
    expect((await sys.http.get(`/dossiers/${dossierId}/budget-plan`).set(as('council-secretary'))).status).toBe(403);
    expect(await counts()).toMatchObject({ plans: 0, outbox: 0 });
  });

  it('stores version 1 then 2, each with its budgetPlanChanged outbox row; a change on a stale version is 409 and stores nothing', async () => {
    const first = await put(plan());
    expect(first.status).toBe(200);
    expect(first.body.plan).toMatchObject({
      version: 1, validFrom: '2026-03-01', account: { iban: ACCOUNT_IBAN, ibanFormatted: 'BE68 5390 0754 7034', bic: 'GKCCBEBB' },
      fixedCosts: [{ key: 'rent', partyName: 'Woonhaven Gent' }], instalments: [{ debtRef: 'DOS-2024-17', partyName: 'Telecom NV' }],
    });
    const stale = await put(plan({ leefgeldWeeklyCents: 15000 }));
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ code: 'stale-version', currentVersion: 1 });
    expect(await counts()).toMatchObject({ plans: 1, outbox: 1 });

    const second = await put(plan({ basedOnVersion: 1, validFrom: '2026-03-30', leefgeldWeeklyCents: 15000 }));
    expect(second.status).toBe(200);
    expect(second.body.plan).toMatchObject({ version: 2, leefgeldWeeklyCents: 15000 });
    const stored = await sys.db.query(`SELECT version, valid_from::text AS valid_from, account_iban, plan FROM budget_plans WHERE dossier_id = $1 ORDER BY version`, [dossierId]);
    expect(stored.rows.map((r) => [r.version, r.valid_from, r.account_iban, r.plan.leefgeldWeeklyCents])).toEqual([[1, '2026-03-01', ACCOUNT_IBAN, 12000], [2, '2026-03-30', ACCOUNT_IBAN, 15000]]);
    const outbox = await sys.db.query(`SELECT workflow_id, payload FROM workflow_outbox WHERE dossier_id = $1 AND message = 'budgetPlanChanged' ORDER BY seq`, [dossierId]);
    expect(outbox.rows).toHaveLength(2);
    expect(outbox.rows[1].payload).toMatchObject({ plan: { version: 2, validFrom: '2026-03-30', leefgeldWeeklyCents: 15000, account: { iban: ACCOUNT_IBAN } } });
    expect(typeof outbox.rows[1].payload.changedBy).toBe('string');
    const audited = await sys.db.query(`SELECT count(*)::int AS n FROM audit_events WHERE dossier_id = $1 AND action = 'budget-plan.changed'`, [dossierId]);
    expect(audited.rows[0].n).toBe(2);
    // A version may not start before the one it follows.
    const earlier = await put(plan({ basedOnVersion: 2, validFrom: '2026-03-29' }));
    expect(earlier.status).toBe(400);
    expect(earlier.body.errors).toEqual([expect.objectContaining({ path: '/validFrom', code: 'before-previous' })]);
    // Two changes made on the same version at the same moment: one is stored, the other is told it came too late.
    const same = plan({ basedOnVersion: 2, validFrom: '2026-03-30', leefgeldWeeklyCents: 15000 });
    const raced = await Promise.all([put(same), put(same)]);
    expect(raced.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(await counts()).toMatchObject({ plans: 3, outbox: 3 });
  });

  it("previews this week's living money (Easter Monday paid on Friday 3 April) and this month's fixed costs and instalments", async () => {
    const res = await sys.http.get(`/dossiers/${dossierId}/budget-plan?on=2026-04-01`).set(as('finance'));
    expect(res.status).toBe(200);
    expect(res.body.thisWeek).toMatchObject({ from: '2026-03-30', to: '2026-04-05', totalCents: 15000 + 65000 + 15000 });
    expect(res.body.thisWeek.payments.map((p: { date: string; label: string }) => `${p.date} ${p.label}`)).toEqual(['2026-03-30 Leefgeld', '2026-04-01 Huur', '2026-04-03 Leefgeld']);
    expect(res.body.thisMonth.payments.filter((p: { kind: string }) => p.kind !== 'leefgeld').map((p: { date: string; label: string; partyName: string }) => `${p.date} ${p.label} ${p.partyName}`))
      // May's rent (Friday 1 May, Labour Day) leaves on Thursday 30 April.
      .toEqual(['2026-04-01 Huur Woonhaven Gent', '2026-04-24 Afbetaling DOS-2024-17 Telecom NV', '2026-04-30 Huur Woonhaven Gent']);
  });

  it('imports a bank statement once, matching the payment ordered from the account and the income; the same file again adds nothing', async () => {
    const payment = await sys.db.query(
      `INSERT INTO payments (dossier_id, kind, period, payment_key, payee_party_id, method, amount_cents, iban, creditor_name, debtor_name, debtor_iban, debtor_bic, remittance, due_date, status)
       VALUES ($1, 'invoice', '2026-04', $2, $3, 'transfer', 65000, $4, 'Woonhaven Gent', 'OCMW Demo budgetbeheer', $5, 'GKCCBEBB', 'Debt mediation factuur 2026-04 rent SB-2026-000001', '2026-04-01', 'due')
       RETURNING id`,
      [dossierId, `invoice:party:${landlord}:2026-04:rent`, landlord, LANDLORD_IBAN, ACCOUNT_IBAN],
    );
    const paymentId = payment.rows[0].id as string;
    // The instalment to the creditor, found by its EndToEndId (the id without dashes) in the bank's description.
    const instalment = await sys.db.query(
      `INSERT INTO payments (dossier_id, kind, period, payment_key, payee_party_id, method, amount_cents, iban, creditor_name, debtor_name, debtor_iban, debtor_bic, remittance, due_date, status)
       VALUES ($1, 'instalment', '2026-04', $2, $3, 'transfer', 5000, $4, 'Telecom NV', 'OCMW Demo budgetbeheer', $5, 'GKCCBEBB', 'Debt mediation afbetaling 2026-04 DOS-2024-17', '2026-04-24', 'due')
       RETURNING id`,
      [dossierId, `instalment:party:${creditor}:2026-04:DOS-2024-17`, creditor, CREDITOR_IBAN, ACCOUNT_IBAN],
    );
    const instalmentId = instalment.rows[0].id as string;
    const csv = [
      'Rekening;Datum;Bedrag;Referentie;Rekening tegenpartij;Naam tegenpartij;Mededeling',
      `BE68 5390 0754 7034;01/04/2026;1.314,20;B26-0001;BE10 0000 0000 0404;POD MI;Leefloon april`,
      `BE68539007547034;01/04/2026;-650,00;B26-0002;${LANDLORD_IBAN};Woonhaven Gent;"DEBT MEDIATION FACTUUR 2026-04 RENT SB-2026-000001"`,
      `BE68539007547034;02/04/2026;-2,50;B26-0003;;;Kosten rekening`,
      `BE48001123456727;02/04/2026;-10,00;B26-0004;;;Andere rekening`,
      `BE68539007547034;31/04/2026;-1,00;B26-0005;;;Geen datum`,
      `BE68539007547034;24/04/2026;-50,00;B26-0006;${CREDITOR_IBAN};Telecom NV;SEPA E2E ${instalmentId.replace(/-/g, '')}`,
      // Same amount and payee, but neither the EndToEndId nor the remittance: not the payment (it stays unmatched).
      `BE68539007547034;25/04/2026;-50,00;B26-0007;${CREDITOR_IBAN};Telecom NV;Overschrijving`,
    ].join('\r\n');
    const first = await upload(csv, 'finance');
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ imported: 5, duplicates: 0, matched: 3 });
    expect(first.body.rejected).toEqual([
      { line: 5, code: 'other-account', reason: expect.stringContaining('another account') },
      { line: 6, code: 'date', reason: expect.stringContaining('not a date') },
    ]);
    const again = await upload(csv);
    expect(again.status).toBe(201);
    expect(again.body).toMatchObject({ imported: 0, duplicates: 5, matched: 0 });
    expect(await counts()).toMatchObject({ movements: 5 });

    const account = await sys.http.get(`/dossiers/${dossierId}/budget-account`).set(as('social-worker'));
    expect(account.status).toBe(200);
    expect(account.body).toMatchObject({ iban: ACCOUNT_IBAN, ibanFormatted: 'BE68 5390 0754 7034' });
    const byRef = Object.fromEntries(account.body.movements.items.map((m: { bankReference: string }) => [m.bankReference, m]));
    expect(byRef['B26-0001']).toMatchObject({ amountCents: 131420, incomeId, matched: true });
    expect(byRef['B26-0002']).toMatchObject({ amountCents: -65000, paymentId, matched: true });
    expect(byRef['B26-0003']).toMatchObject({ amountCents: -250, paymentId: null, incomeId: null, matched: false });
    expect(byRef['B26-0006']).toMatchObject({ amountCents: -5000, paymentId: instalmentId, matched: true });
    expect(byRef['B26-0007']).toMatchObject({ amountCents: -5000, paymentId: null, matched: false });
    expect(account.body.movements.items.map((m: { bookingDate: string }) => m.bookingDate)).toEqual(['2026-04-25', '2026-04-24', '2026-04-02', '2026-04-01', '2026-04-01']);
    expect(account.body.movements.total).toBe(5);
    // In 131420; out without an order −250 and −5000; ordered 65000 + 5000 (their executed movements not counted twice).
    expect(account.body.balance).toEqual({ iban: ACCOUNT_IBAN, incomingCents: 131420, otherOutgoingCents: -5250, orderedCents: 70000, balanceCents: 56170 });
    const paged = await sys.http.get(`/dossiers/${dossierId}/budget-account?page=3&pageSize=2`).set(as('finance'));
    expect(paged.body.movements).toMatchObject({ total: 5, page: 3, pageSize: 2 });
    expect(paged.body.movements.items).toHaveLength(1);
  });

  it('refuses a file that is not the configured CSV (400), storing nothing', async () => {
    const before = await counts();
    const wrongColumns = await upload('Date,Amount\n2026-04-01,12.00\n');
    expect(wrongColumns.status).toBe(400);
    expect(wrongColumns.body.errors).toEqual([expect.objectContaining({ path: '/file', code: 'not-a-statement' })]);
    const broken = await upload('Rekening;Datum;Bedrag;Referentie\nBE68539007547034;01/04/2026;"1,00;B26-0009\n');
    expect(broken.status).toBe(400);
    const binary = await upload('Rekening;Datum;Bedrag;Referentie\nBE68539007547034;01/04/2026;1,00;B\u00009\n');
    expect(binary.status).toBe(400);
    const none = await sys.http.post(`/dossiers/${dossierId}/budget-account/statements`).set(as('social-worker')).field('x', 'y');
    expect(none.status).toBe(400);
    expect((await upload('x', 'council-secretary')).status).toBe(403);
    expect(await counts()).toEqual(before);
  });
});

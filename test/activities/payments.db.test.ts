import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { migratedDataSource } from '../support/database';
import { createPaymentActivities, OrderPaymentInput } from '../../activities/payments/payment.activities';
import { DossierEntity, PersonEntity, UserEntity } from '../../libs/db/entities';
import { DEFAULT_LEEFLOON_AMOUNTS } from '../../libs/payments/amounts';

/**
 * Temporal runs an activity at least once: a payment order that fails after its insert, or succeeds and is run again
 * (a worker lost before reporting completion, a replay), must leave exactly one payment. Against the run's real
 * PostgreSQL, in a database of its own.
 */
describe('payment activities (db)', () => {
  let dataSource: DataSource;
  let dossierId: string;
  let dossierWithoutIban: string;
  let references = 0;

  const openDossier = async (personId: string, userId: string) => {
    const id = randomUUID();
    await dataSource.getRepository(DossierEntity).insert({
      id, reference: `LL-2026-00010${++references}`, procedure: 'leefloon', personId, status: 'DECIDED',
      team: 'demo', responsibleUserId: userId, workflowId: `dossier-${id}`, requestDate: '2026-03-02', channel: 'counter',
    });
    return id;
  };

  beforeAll(async () => {
    dataSource = await migratedDataSource('pay', 4);
    const user = await dataSource.getRepository(UserEntity).save({ username: 'mw', passwordHash: 'x', displayName: 'MW', role: 'social-worker', team: 'demo' });
    const persons = dataSource.getRepository(PersonEntity);
    const jan = await persons.save({
      nationalNumber: '93051822361', firstName: 'Jan', lastName: 'Peeters', street: 'Markt 1', postalCode: '9000', city: 'Gent', iban: 'BE68539007547034',
    });
    const els = await persons.save({
      nationalNumber: '85073003328', firstName: 'Els', lastName: 'Maes', street: 'Markt 2', postalCode: '9000', city: 'Gent', iban: null,
    });
    dossierId = await openDossier(jan.id, user.id);
    dossierWithoutIban = await openDossier(els.id, user.id);
  });
  afterAll(async () => {
    await dataSource?.destroy();
  });

  const acts = () => createPaymentActivities({ dataSource, amounts: DEFAULT_LEEFLOON_AMOUNTS, config: { payments: { payday: 1, amountsFile: null } } });
  const count = async (sql: string, ...params: unknown[]) => Number((await dataSource.query(sql, params))[0].count);
  const order = (overrides: Partial<OrderPaymentInput> = {}): OrderPaymentInput => ({
    dossierId, kind: 'monthly', period: '2026-04', amountCents: 131_420, dueDate: '2026-04-01', computation: { text: 'categorie 2' }, ...overrides,
  });

  it('crashes right after the insert, is retried, and pays exactly once', async () => {
    // The crash: the first statement after the payment row's insert (its timeline entry) fails once — a sequence is
    // not transactional, so it fires once. Everything the attempt wrote must go with it, or the retry would find a
    // payment without its timeline and audit (and report created=false).
    await dataSource.query(`CREATE SEQUENCE crash_once`);
    await dataSource.query(`CREATE FUNCTION crash_after_payment_insert() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.type = 'payment-ordered' AND nextval('crash_once') = 1 THEN RAISE EXCEPTION 'simulated crash after the payment insert'; END IF;
      RETURN NEW; END $$`);
    await dataSource.query(`CREATE TRIGGER crash_after_payment_insert BEFORE INSERT ON dossier_events FOR EACH ROW EXECUTE FUNCTION crash_after_payment_insert()`);
    try {
      const input = order({ period: '2026-03', dueDate: '2026-02-27' });
      await expect(acts().orderPayment(input)).rejects.toThrow(/simulated crash/);
      const retry = await acts().orderPayment(input); // Temporal's retry
      expect(retry).toEqual({ paymentId: expect.any(String), created: true, status: 'due' });
      // The worker is lost after the commit, before Temporal heard of it: the activity runs once more.
      const again = await acts().orderPayment(input);
      expect(again).toEqual({ paymentId: (retry as { paymentId: string }).paymentId, created: false, status: 'due' });

      expect(await count(`SELECT count(*) FROM payments WHERE dossier_id = $1 AND period = '2026-03' AND kind = 'monthly'`, dossierId)).toBe(1);
      expect(await count(`SELECT count(*) FROM dossier_events WHERE dossier_id = $1 AND type = 'payment-ordered' AND data->>'period' = '2026-03'`, dossierId)).toBe(1);
      expect(await count(`SELECT count(*) FROM audit_events WHERE dossier_id = $1 AND action = 'payment.ordered' AND details->>'period' = '2026-03'`, dossierId)).toBe(1);
    } finally {
      await dataSource.query(`DROP TRIGGER crash_after_payment_insert ON dossier_events`);
    }
  });

  it('copies the IBAN, name and a remittance without national number; a second call returns created=false', async () => {
    const first = await acts().orderPayment(order());
    const second = await acts().orderPayment(order({ amountCents: 99_999 }));
    expect(first).toEqual({ paymentId: expect.any(String), created: true, status: 'due' });
    expect(second).toMatchObject({ created: false, paymentId: (first as { paymentId: string }).paymentId });
    const [row] = await dataSource.query(`SELECT * FROM payments WHERE id = $1`, [(first as { paymentId: string }).paymentId]);
    expect(row).toMatchObject({
      kind: 'monthly', period: '2026-04', amount_cents: 131_420, iban: 'BE68539007547034', creditor_name: 'Jan Peeters',
      remittance: 'Leefloon 2026-04 LL-2026-000101', due_date: '2026-04-01', status: 'due', batch_id: null, computation: { text: 'categorie 2' },
    });
    // Another kind for the same month is another business key.
    expect(await acts().orderPayment(order({ kind: 'one-off' }))).toMatchObject({ created: true });
  });

  it('orders once when two attempts race (the unique constraint decides)', async () => {
    const results = await Promise.all([1, 2, 3].map(() => acts().orderPayment(order({ period: '2026-05', dueDate: '2026-04-30' }))));
    expect(results.filter((r) => !('missingIban' in r) && r.created)).toHaveLength(1);
    expect(new Set(results.map((r) => (r as { paymentId: string }).paymentId)).size).toBe(1);
    expect(await count(`SELECT count(*) FROM payments WHERE dossier_id = $1 AND period = '2026-05'`, dossierId)).toBe(1);
    await expect(
      dataSource.query(`INSERT INTO payments (dossier_id, kind, period, amount_cents, iban, creditor_name, remittance, due_date, status)
        VALUES ($1, 'monthly', '2026-05', 1, 'BE68539007547034', 'x', 'x', '2026-05-01', 'due')`, [dossierId]),
    ).rejects.toThrow(/payments_dossier_period_kind/);
  });

  it('returns missingIban (and orders nothing) when the person has no IBAN', async () => {
    expect(await acts().orderPayment(order({ dossierId: dossierWithoutIban }))).toEqual({ missingIban: true });
    expect(await count(`SELECT count(*) FROM payments WHERE dossier_id = $1`, dossierWithoutIban)).toBe(0);
  });

  it('refuses an order that can never succeed, without retrying', async () => {
    await expect(acts().orderPayment(order({ amountCents: 0 }))).rejects.toMatchObject({ type: 'PaymentRefused', nonRetryable: true });
    await expect(acts().orderPayment(order({ dossierId: randomUUID(), period: '2026-09' }))).rejects.toMatchObject({ type: 'PaymentRefused' });
  });

  it('cancels the due payments from a period on (a stop decision), once', async () => {
    for (const [period, dueDate] of [['2026-06', '2026-06-01'], ['2026-07', '2026-07-01'], ['2026-08', '2026-07-31']]) {
      await acts().orderPayment(order({ period, dueDate }));
    }
    expect(await acts().cancelFuturePayments({ dossierId, fromPeriod: '2026-06', reason: 'Stopzetting door het BCSD' })).toBe(3);
    expect(await acts().cancelFuturePayments({ dossierId, fromPeriod: '2026-06' })).toBe(0);
    const rows: { period: string; status: string }[] = await dataSource.query(
      `SELECT period, status FROM payments WHERE dossier_id = $1 AND kind = 'monthly' ORDER BY period`, [dossierId],
    );
    expect(rows).toEqual([
      { period: '2026-03', status: 'due' },
      { period: '2026-04', status: 'due' },
      { period: '2026-05', status: 'due' },
      { period: '2026-06', status: 'cancelled' },
      { period: '2026-07', status: 'cancelled' },
      { period: '2026-08', status: 'cancelled' },
    ]);
    expect(await count(`SELECT count(*) FROM audit_events WHERE dossier_id = $1 AND action = 'payment.cancelled'`, dossierId)).toBe(1);
    expect(await count(`SELECT count(*) FROM dossier_events WHERE dossier_id = $1 AND type = 'payments-cancelled'`, dossierId)).toBe(1);
  });

  it('leaves a paid or batched payment alone when cancelling', async () => {
    const { paymentId } = (await acts().orderPayment(order({ period: '2026-10', dueDate: '2026-09-30' }))) as { paymentId: string };
    const [batch] = await dataSource.query(`INSERT INTO payment_batches (team, created_by, requested_execution_date, status, nb_of_txs, ctrl_sum_cents, msg_id, xml)
      SELECT 'demo', id, '2026-09-30', 'created', 1, 131420, 'm1', '<x/>' FROM users LIMIT 1 RETURNING id`);
    await dataSource.query(`UPDATE payments SET status = 'batched', batch_id = $2 WHERE id = $1`, [paymentId, batch.id]);
    expect(await acts().cancelFuturePayments({ dossierId, fromPeriod: '2026-10' })).toBe(0);
  });

  it('gives workflows the amounts in force through an activity, with the arrears plan', async () => {
    const a = acts();
    expect(await a.leefloonAmount({ category: 2, monthlyResourcesCents: 20_000, month: '2026-03' })).toMatchObject({ amountCents: 111_420 });
    const plan = await a.planLeefloonPayments({ category: 2, monthlyResourcesCents: 0, startDate: '2026-03-17', decisionDate: '2026-04-10' });
    expect(plan.arrears.map((d) => [d.kind, d.period, d.amountCents, d.dueDate])).toEqual([
      ['arrears', '2026-03', 63_590, '2026-04-24'], // 15/31 of € 1.314,20
      ['arrears', '2026-04', 131_420, '2026-04-24'],
    ]);
    expect(plan.arrears[0].computation).toMatchObject({ proRata: { days: 15, daysInMonth: 31 }, monthlyAmountCents: 131_420 });
    expect(plan.arrears[0].computation.text).toContain('15/31 van € 1.314,20 = € 635,90');
    expect(plan.firstMonthly).toMatchObject({ kind: 'monthly', period: '2026-05', amountCents: 131_420, dueDate: '2026-04-30' });
    expect(await a.monthlyLeefloonPayment({ category: 3, monthlyResourcesCents: 0, period: '2026-11', startDate: '2026-03-17' })).toMatchObject({
      period: '2026-11', amountCents: 177_607, dueDate: '2026-10-30',
    });
    await expect(a.leefloonAmount({ category: 2, monthlyResourcesCents: 0, month: '2019-01' })).rejects.toMatchObject({ type: 'PaymentRefused' });
  });
});

import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { migratedDataSource } from '../support/database';
import { createPaymentActivities, OrderPaymentInput } from '../../activities/payments/payment.activities';
import { DossierEntity, PersonEntity, UserEntity } from '../../libs/db/entities';
import { DEFAULT_LEEFLOON_AMOUNTS } from '../../libs/payments/amounts';
import { PayeesAndPayments1764900000000 } from '../../libs/db/migrations/1764900000000-payees-and-payments';

/**
 * Temporal runs an activity at least once: a payment order that fails after its insert, or succeeds and is run again
 * (a worker lost before reporting completion, a replay), must leave exactly one payment. Against the run's real
 * PostgreSQL, in a database of its own.
 */
describe('payment activities (db)', () => {
  let dataSource: DataSource;
  let dossierId: string;
  let dossierWithoutIban: string;
  let aidDossier: string;
  let landlord: string;
  let unlinkedParty: string;
  let retiredParty: string;
  let partyWithoutIban: string;
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
    aidDossier = await openDossier(jan.id, user.id);
    const party = async (name: string, iban: string | null, active = true) =>
      ((await dataSource.query(`INSERT INTO parties (name, kind, iban, active) VALUES ($1, 'landlord', $2, $3) RETURNING id`, [name, iban, active]))[0].id as string);
    landlord = await party('Immo Gent', 'BE71096123456769');
    unlinkedParty = await party('Immo Brugge', 'BE71096123456769');
    retiredParty = await party('Immo Oud', 'BE71096123456769', false);
    partyWithoutIban = await party('Immo Zonder', null);
    for (const [partyId, reference] of [[landlord, 'HW-77'], [retiredParty, null], [partyWithoutIban, null]]) {
      await dataSource.query(`INSERT INTO dossier_parties (dossier_id, party_id, role, reference) VALUES ($1, $2, 'landlord', $3)`, [aidDossier, partyId, reference]);
    }
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
      dataSource.query(`INSERT INTO payments (dossier_id, kind, period, payment_key, amount_cents, iban, creditor_name, remittance, due_date, status)
        VALUES ($1, 'monthly', '2026-05', 'monthly:client:2026-05', 1, 'BE68539007547034', 'x', 'x', '2026-05-01', 'due')`, [dossierId]),
    ).rejects.toThrow(/payments_dossier_payment_key/);
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

  describe('payees, periods, methods and debtor accounts', () => {
    const aid = (overrides: Partial<OrderPaymentInput> = {}): OrderPaymentInput => ({
      dossierId: aidDossier, kind: 'one-off', period: 'once:rent-guarantee', amountCents: 120_000, dueDate: '2026-05-04', computation: { text: 'huurwaarborg' },
      payee: { partyId: landlord }, debtRef: 'INV-1', ...overrides,
    });
    const row = async (paymentId: string) => (await dataSource.query(`SELECT * FROM payments WHERE id = $1`, [paymentId]))[0];
    const idOf = (r: unknown) => (r as { paymentId: string }).paymentId;

    it('keys the old-shaped call <kind>:client:<period>: the client, by transfer, from the OCMW account', async () => {
      const ordered = await acts().orderPayment({ dossierId: aidDossier, kind: 'monthly', period: '2026-04', amountCents: 131_420, dueDate: '2026-04-01', computation: {} });
      expect(await row(idOf(ordered))).toMatchObject({
        payment_key: 'monthly:client:2026-04', payee_party_id: null, method: 'transfer', debt_ref: null, iban: 'BE68539007547034',
        debtor_iban: null, debtor_name: null, receipt_ref: null, creditor_name: 'Jan Peeters',
      });
      const [event] = await dataSource.query(`SELECT key, description FROM dossier_events WHERE dossier_id = $1 AND data->>'paymentId' = $2`, [aidDossier, idOf(ordered)]);
      expect(event).toEqual({ key: 'payment-ordered:monthly:client:2026-04', description: 'Maandelijkse betaling april 2026 aan Jan Peeters: € 1.314,20, te betalen op 1 april 2026' });
    });

    it('pays a linked party once per (kind, payee, period, debt), with its IBAN, its name and its own reference in the remittance', async () => {
      const first = await acts().orderPayment(aid());
      expect(first).toEqual({ paymentId: expect.any(String), created: true, status: 'due' });
      expect(await row(idOf(first))).toMatchObject({
        payment_key: `one-off:party:${landlord}:once:rent-guarantee:INV-1`, payee_party_id: landlord, debt_ref: 'INV-1', method: 'transfer',
        iban: 'BE71096123456769', creditor_name: 'Immo Gent', remittance: 'Leefloon eenmalig rent-guarantee INV-1 HW-77 LL-2026-000103 voor Jan Peeters',
      });
      // Retried (the worker lost after the commit) and raced: the same payment.
      expect(await acts().orderPayment(aid({ amountCents: 1 }))).toEqual({ paymentId: idOf(first), created: false, status: 'due' });
      const raced = await Promise.all([1, 2, 3].map(() => acts().orderPayment(aid({ debtRef: 'INV-9' }))));
      expect(raced.filter((r) => !('missingIban' in r) && r.created)).toHaveLength(1);
      expect(new Set(raced.map(idOf)).size).toBe(1);
      // Another invoice of the same payee and period is another payment; the client for the same period too.
      const second = await acts().orderPayment(aid({ debtRef: 'INV-2' }));
      expect(second).toMatchObject({ created: true });
      expect(idOf(second)).not.toBe(idOf(first));
      expect(await acts().orderPayment(aid({ payee: undefined, debtRef: undefined }))).toMatchObject({ created: true });
      expect(await count(`SELECT count(*) FROM payments WHERE dossier_id = $1 AND period = 'once:rent-guarantee'`, aidDossier)).toBe(4);

      const [event] = await dataSource.query(`SELECT description FROM dossier_events WHERE data->>'paymentId' = $1`, [idOf(first)]);
      expect(event.description).toBe('Eenmalige betaling eenmalig (rent-guarantee) aan Immo Gent (verhuurder) (voor INV-1): € 1.200,00, te betalen op 4 mei 2026');
      const [audited] = await dataSource.query(`SELECT details FROM audit_events WHERE action = 'payment.ordered' AND details->>'paymentId' = $1`, [idOf(first)]);
      expect(audited.details).toMatchObject({ payee: 'party', payeePartyId: landlord, payeeName: 'Immo Gent', debtRef: 'INV-1', method: 'transfer' });
    });

    it('crashes right after the insert of a party payment, is retried, and pays it once', async () => {
      await dataSource.query(`CREATE SEQUENCE crash_party_once`);
      await dataSource.query(`CREATE FUNCTION crash_after_party_payment() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN IF NEW.type = 'payment-ordered' AND NEW.data->>'payee' = 'party' AND nextval('crash_party_once') = 1 THEN RAISE EXCEPTION 'simulated crash'; END IF;
        RETURN NEW; END $$`);
      await dataSource.query(`CREATE TRIGGER crash_after_party_payment BEFORE INSERT ON dossier_events FOR EACH ROW EXECUTE FUNCTION crash_after_party_payment()`);
      try {
        const input = aid({ kind: 'invoice', period: '2026-09', debtRef: 'F-2026/0917' });
        await expect(acts().orderPayment(input)).rejects.toThrow(/simulated crash/);
        const retry = await acts().orderPayment(input);
        expect(retry).toMatchObject({ created: true });
        expect(await acts().orderPayment(input)).toEqual({ paymentId: idOf(retry), created: false, status: 'due' });
        expect(await count(`SELECT count(*) FROM payments WHERE payment_key = $1`, `invoice:party:${landlord}:2026-09:F-2026/0917`)).toBe(1);
        expect(await count(`SELECT count(*) FROM audit_events WHERE action = 'payment.ordered' AND details->>'paymentId' = $1`, idOf(retry))).toBe(1);
      } finally {
        await dataSource.query(`DROP TRIGGER crash_after_party_payment ON dossier_events`);
      }
    });

    it('accepts ISO weeks that exist and one-off keys; refuses other periods, kinds and debt references without retrying', async () => {
      const weekly = (period: string) => acts().orderPayment(aid({ kind: 'leefgeld', period, payee: undefined, debtRef: undefined, amountCents: 6_000 }));
      expect(await weekly('2026-W53')).toMatchObject({ created: true }); // 2026 starts on a Thursday: 53 ISO weeks
      expect(await weekly('2026-W01')).toMatchObject({ created: true });
      for (const period of ['2027-W53', '2026-W00', '2026-W54', '2026-W1', '2026-13', 'once:', 'once:Rent', 'once:a--b', 'once:a:b', `once:${'a'.repeat(61)}`, '2026-05-01']) {
        await expect(weekly(period)).rejects.toMatchObject({ type: 'PaymentRefused', nonRetryable: true });
      }
      await expect(acts().orderPayment(aid({ kind: 'gift' as never }))).rejects.toMatchObject({ type: 'PaymentRefused', nonRetryable: true });
      for (const debtRef of ['', 'INV:1', '-INV', 'x'.repeat(36), 'factuur 1']) {
        await expect(acts().orderPayment(aid({ debtRef }))).rejects.toMatchObject({ type: 'PaymentRefused', nonRetryable: true });
      }
      await expect(acts().orderPayment(aid({ payee: { partyId: 'not-a-uuid' } }))).rejects.toMatchObject({ type: 'PaymentRefused' });
      await expect(acts().orderPayment(aid({ method: 'cheque' as never }))).rejects.toMatchObject({ type: 'PaymentRefused' });
      // The table refuses them too, whatever writes it.
      await expect(dataSource.query(`UPDATE payments SET period = '2027-W53' WHERE dossier_id = $1 AND period = '2026-W53'`, [aidDossier])).rejects.toThrow(/payments_period_check/);
      await expect(dataSource.query(`UPDATE payments SET kind = 'gift' WHERE dossier_id = $1 AND period = '2026-W53'`, [aidDossier])).rejects.toThrow(/payments_kind_check/);
    });

    it('refuses a party that is unknown, not linked or retired; a party without IBAN is missingIban, unless paid in cash', async () => {
      await expect(acts().orderPayment(aid({ payee: { partyId: randomUUID() } }))).rejects.toMatchObject({ type: 'PaymentRefused', message: expect.stringMatching(/no party/) });
      await expect(acts().orderPayment(aid({ payee: { partyId: unlinkedParty } }))).rejects.toMatchObject({ type: 'PaymentRefused', message: expect.stringMatching(/not linked/) });
      await expect(acts().orderPayment(aid({ payee: { partyId: retiredParty } }))).rejects.toMatchObject({ type: 'PaymentRefused', message: expect.stringMatching(/retired/) });
      expect(await acts().orderPayment(aid({ payee: { partyId: partyWithoutIban } }))).toEqual({ missingIban: true });
      const cash = await acts().orderPayment(aid({ payee: { partyId: partyWithoutIban }, method: 'cash' }));
      expect(await row(idOf(cash))).toMatchObject({ method: 'cash', iban: null, creditor_name: 'Immo Zonder', status: 'due' });
    });

    it('pays a party on an account it holds for this payment (a blocked guarantee account), and refuses an account that is no IBAN', async () => {
      const paid = await acts().orderPayment(aid({ kind: 'guarantee', debtRef: undefined, payee: { partyId: landlord, iban: 'be48 0011 2345 6727' } }));
      // The party is the payee (its name, the key), the account is the one named: not the party's own.
      expect(await row(idOf(paid))).toMatchObject({ iban: 'BE48001123456727', payee_party_id: landlord, status: 'due' });
      const again = await acts().orderPayment(aid({ kind: 'guarantee', debtRef: undefined, payee: { partyId: landlord, iban: 'BE48001123456727' } }));
      expect(again).toMatchObject({ paymentId: idOf(paid), created: false });
      await expect(acts().orderPayment(aid({ kind: 'guarantee', period: 'once:rent-guarantee-2', debtRef: undefined, payee: { partyId: landlord, iban: 'BE48001123456728' } })))
        .rejects.toMatchObject({ type: 'PaymentRefused', nonRetryable: true, message: expect.stringMatching(/not an IBAN/) });
      expect(await count(`SELECT count(*) FROM payments WHERE dossier_id = $1 AND period = 'once:rent-guarantee-2'`, aidDossier)).toBe(0);
    });

    it('orders nothing to a party whose link, or the party itself, is being ended while the order runs', async () => {
      const waiting = async () =>
        Number((await dataSource.query(`SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`))[0].n);
      const raced = async (change: string, params: unknown[], period: string) => {
        const ending = dataSource.createQueryRunner();
        await ending.connect();
        await ending.startTransaction();
        try {
          // What DELETE /dossiers/:id/parties/:linkId and PATCH /parties/:id do, not yet committed.
          await ending.query(change, params);
          const ordered = acts().orderPayment(aid({ payee: { partyId: landlord }, period })).then((r) => r, (err: { message: string }) => err);
          for (let i = 0; i < 80 && (await waiting()) === 0; i++) await new Promise((r) => setTimeout(r, 25));
          await ending.commitTransaction();
          return await ordered;
        } finally {
          if (ending.isTransactionActive) await ending.rollbackTransaction();
          await ending.release();
        }
      };
      const link = `SELECT id FROM dossier_parties WHERE dossier_id = $1 AND party_id = $2 AND ended_at IS NULL`;
      const [{ id: linkId }] = await dataSource.query(link, [aidDossier, landlord]);
      try {
        expect(await raced(`UPDATE dossier_parties SET ended_at = now() WHERE id = $1`, [linkId], 'once:race-unlinked')).toMatchObject({ message: expect.stringMatching(/not linked/) });
        await dataSource.query(`UPDATE dossier_parties SET ended_at = NULL WHERE id = $1`, [linkId]);
        expect(await raced(`UPDATE parties SET active = false WHERE id = $1`, [landlord], 'once:race-retired')).toMatchObject({ message: expect.stringMatching(/retired/) });
      } finally {
        await dataSource.query(`UPDATE dossier_parties SET ended_at = NULL WHERE id = $1`, [linkId]);
        await dataSource.query(`UPDATE parties SET active = true WHERE id = $1`, [landlord]);
      }
      expect(await count(`SELECT count(*) FROM payments WHERE dossier_id = $1 AND period LIKE 'once:race-%'`, aidDossier)).toBe(0);
    });

    it('pays a client without IBAN in cash (no IBAN needed), and refuses a debtor account for cash', async () => {
      const cash = await acts().orderPayment(order({ dossierId: dossierWithoutIban, kind: 'leefgeld', period: '2026-W19', method: 'cash', amountCents: 6_000 }));
      expect(await row(idOf(cash))).toMatchObject({ payment_key: 'leefgeld:client:2026-W19', method: 'cash', iban: null, creditor_name: 'Els Maes' });
      const [event] = await dataSource.query(`SELECT description FROM dossier_events WHERE data->>'paymentId' = $1`, [idOf(cash)]);
      expect(event.description).toBe('Leefgeld week 19 van 2026 aan Els Maes (contant tegen ontvangstbewijs): € 60,00, te betalen op 1 april 2026');
      await expect(
        acts().orderPayment(order({ dossierId: dossierWithoutIban, period: '2026-W20', method: 'cash', debtorAccount: { name: 'Budgetbeheer', iban: 'BE68539007547034', bic: 'GEBABEBB' } })),
      ).rejects.toMatchObject({ type: 'PaymentRefused' });
      await expect(dataSource.query(`UPDATE payments SET method = 'transfer' WHERE id = $1`, [idOf(cash)])).rejects.toThrow(/payments_transfer_iban/);
    });

    it('stores a named debtor account on the payment, checked as the SEPA file needs it', async () => {
      const account = { name: 'OCMW Demo budgetbeheer J. Peeters', iban: 'BE62 5100 0754 7061', bic: 'gebabebb' };
      const paid = await acts().orderPayment(aid({ kind: 'instalment', period: '2026-06', debtRef: 'DOS-12', debtorAccount: account }));
      expect(await row(idOf(paid))).toMatchObject({ debtor_name: account.name, debtor_iban: 'BE62510007547061', debtor_bic: 'GEBABEBB' });
      for (const bad of [{ ...account, iban: 'BE62510007547062' }, { ...account, bic: 'GEB' }, { ...account, name: '  ' }]) {
        await expect(acts().orderPayment(aid({ kind: 'instalment', period: '2026-07', debtorAccount: bad }))).rejects.toMatchObject({ type: 'PaymentRefused' });
      }
    });

    it("cancels from a month only the client's monthly leefloon kinds: weeks, one-offs and parties are left alone", async () => {
      const before: { id: string; status: string }[] = await dataSource.query(
        `SELECT id, status FROM payments WHERE dossier_id = $1 AND (payee_party_id IS NOT NULL OR period !~ '^[0-9]{4}-[0-9]{2}$')`, [aidDossier],
      );
      expect(before.length).toBeGreaterThanOrEqual(5);
      const monthly = await acts().orderPayment(aid({ kind: 'monthly', period: '2026-08', payee: undefined, debtRef: undefined }));
      const leefgeldMonth = await acts().orderPayment(aid({ kind: 'leefgeld', period: '2026-08', payee: undefined, debtRef: undefined }));
      expect(await acts().cancelFuturePayments({ dossierId: aidDossier, fromPeriod: '2026-01' })).toBe(2); // 2026-04 and 2026-08 monthly
      expect((await row(idOf(monthly))).status).toBe('cancelled');
      expect((await row(idOf(leefgeldMonth))).status).toBe('due');
      const after: { id: string; status: string }[] = await dataSource.query(`SELECT id, status FROM payments WHERE id = ANY($1::uuid[])`, [before.map((b) => b.id)]);
      expect(after.every((a) => a.status === 'due')).toBe(true);
      // Named kinds: the leefgeld of that month too.
      expect(await acts().cancelFuturePayments({ dossierId: aidDossier, fromPeriod: '2026-08', kinds: ['leefgeld'] })).toBe(1);
      await expect(acts().cancelFuturePayments({ dossierId: aidDossier, fromPeriod: '2026-W01' })).rejects.toMatchObject({ type: 'PaymentRefused' });
    });

    it('migrates existing rows: each gets <kind>:client:<period>, and the key replaces the unique (dossier, period, kind)', async () => {
      const migration = new PayeesAndPayments1764900000000();
      const runner = dataSource.createQueryRunner();
      const scratch = await openDossier((await dataSource.query(`SELECT person_id FROM dossiers WHERE id = $1`, [dossierId]))[0].person_id, (await dataSource.query(`SELECT id FROM users LIMIT 1`))[0].id);
      try {
        await runner.startTransaction();
        await migration.down(runner);
        await runner.query(`INSERT INTO payments (dossier_id, kind, period, amount_cents, iban, creditor_name, remittance, due_date, status)
          VALUES ($1, 'arrears', '2026-02', 100, 'BE68539007547034', 'Jan Peeters', 'x', '2026-03-01', 'due')`, [scratch]);
        await migration.up(runner);
        const rows = await runner.query(`SELECT payment_key, method, payee_party_id FROM payments WHERE dossier_id = $1`, [scratch]);
        expect(rows).toEqual([{ payment_key: 'arrears:client:2026-02', method: 'transfer', payee_party_id: null }]);
        const keys = await runner.query(`SELECT payment_key FROM payments WHERE dossier_id = $1 ORDER BY payment_key`, [dossierId]);
        expect(keys.map((k: { payment_key: string }) => k.payment_key)).toContain('monthly:client:2026-04');
        await expect(runner.query(`INSERT INTO payments (dossier_id, kind, period, payment_key, amount_cents, iban, creditor_name, remittance, due_date, status)
          VALUES ($1, 'arrears', '2026-02', 'arrears:client:2026-02', 1, 'BE68539007547034', 'x', 'x', '2026-03-01', 'due')`, [scratch])).rejects.toThrow(/payments_dossier_payment_key/);
      } finally {
        await runner.rollbackTransaction();
        await runner.release();
      }
    });
  });
});

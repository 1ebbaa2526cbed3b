import { MigrationInterface, QueryRunner } from 'typeorm';

// Written out, not imported: a migration that has run must not change when libs/payments/payment-key.ts gains a kind
// (that is a migration of its own).
export const PAYMENT_KINDS_1764900000000 = `'monthly','arrears','one-off','leefgeld','invoice','advance','guarantee','allowance','instalment','pocket-money'`;

/**
 * Payees and payments (issue 10): a payment goes to the client or a party, by transfer or in cash against a receipt,
 * from the OCMW's own account or a named debtor account (a budget-management account), and is unique on
 * (dossier, payment_key) — the key naming kind, payee, period and debt (libs/payments/payment-key.ts) — instead of
 * (dossier, period, kind). Existing rows were all the client's, by transfer: their key is `<kind>:client:<period>`,
 * which keeps exactly the old uniqueness.
 */
export class PayeesAndPayments1764900000000 implements MigrationInterface {
  name = 'PayeesAndPayments1764900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE payments DROP CONSTRAINT payments_kind_check`);
    await q.query(`ALTER TABLE payments ADD CONSTRAINT payments_kind_check CHECK (kind IN (${PAYMENT_KINDS_1764900000000}))`);
    await q.query(`ALTER TABLE payments DROP CONSTRAINT payments_period_check`);
    // A month, an ISO week (week 53 only in a year that has one: 28 December is always in the ISO year's last week),
    // or a one-off key. The code checks the same (payment-key.ts periodType).
    await q.query(`ALTER TABLE payments ADD CONSTRAINT payments_period_check CHECK (
      period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'
      OR (period ~ '^[0-9]{4}-W(0[1-9]|[1-4][0-9]|5[0-3])$'
          AND (right(period, 2) <> '53' OR extract(week FROM make_date(left(period, 4)::int, 12, 28)) = 53))
      OR (period ~ '^once:[a-z0-9]+(-[a-z0-9]+)*$' AND length(period) <= 65))`);
    await q.query(`ALTER TABLE payments
      ADD COLUMN payee_party_id uuid REFERENCES parties(id),
      ADD COLUMN method text NOT NULL DEFAULT 'transfer' CHECK (method IN ('transfer','cash')),
      ADD COLUMN payment_key text,
      ADD COLUMN debt_ref text CHECK (debt_ref ~ '^[A-Za-z0-9][A-Za-z0-9./-]{0,34}$'),
      ADD COLUMN debtor_name text,
      ADD COLUMN debtor_iban text,
      ADD COLUMN debtor_bic text,
      ADD COLUMN receipt_ref text,
      ADD CONSTRAINT payments_debtor_account CHECK (
        (debtor_iban IS NULL AND debtor_name IS NULL AND debtor_bic IS NULL)
        OR (debtor_iban IS NOT NULL AND debtor_name IS NOT NULL AND debtor_bic IS NOT NULL AND method = 'transfer'))`);
    await q.query(`UPDATE payments SET payment_key = kind || ':client:' || period`);
    await q.query(`ALTER TABLE payments ALTER COLUMN payment_key SET NOT NULL`);
    await q.query(`ALTER TABLE payments DROP CONSTRAINT payments_dossier_period_kind`);
    await q.query(`ALTER TABLE payments ADD CONSTRAINT payments_dossier_payment_key UNIQUE (dossier_id, payment_key)`);
    // Cash needs no account; a transfer does.
    await q.query(`ALTER TABLE payments ALTER COLUMN iban DROP NOT NULL`);
    await q.query(`ALTER TABLE payments ADD CONSTRAINT payments_transfer_iban CHECK (method = 'cash' OR iban IS NOT NULL)`);
    // A transfer is batched and paid through a SEPA batch; cash is paid against a receipt, never batched.
    await q.query(`ALTER TABLE payments DROP CONSTRAINT payments_check`);
    await q.query(`ALTER TABLE payments ADD CONSTRAINT payments_batch CHECK (
      (status = 'batched' OR (status = 'paid' AND method = 'transfer')) = (batch_id IS NOT NULL))`);
    await q.query(`ALTER TABLE payments ADD CONSTRAINT payments_cash_receipt CHECK ((receipt_ref IS NOT NULL) = (method = 'cash' AND status = 'paid'))`);
    await q.query(`CREATE INDEX payments_payee_party ON payments (payee_party_id) WHERE payee_party_id IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    // What the old table cannot hold goes (a down migration loses the newer payments; run it only on test data).
    await q.query(`DELETE FROM payments WHERE method = 'cash' OR payee_party_id IS NOT NULL OR debt_ref IS NOT NULL
      OR kind NOT IN ('arrears','monthly','one-off') OR period !~ '^[0-9]{4}-(0[1-9]|1[0-2])$'`);
    await q.query(`ALTER TABLE payments DROP CONSTRAINT payments_cash_receipt`);
    await q.query(`ALTER TABLE payments DROP CONSTRAINT payments_batch`);
    await q.query(`ALTER TABLE payments ADD CONSTRAINT payments_check CHECK ((status IN ('batched','paid')) = (batch_id IS NOT NULL))`);
    await q.query(`ALTER TABLE payments DROP CONSTRAINT payments_transfer_iban`);
    await q.query(`ALTER TABLE payments ALTER COLUMN iban SET NOT NULL`);
    await q.query(`ALTER TABLE payments DROP CONSTRAINT payments_dossier_payment_key`);
    await q.query(`ALTER TABLE payments ADD CONSTRAINT payments_dossier_period_kind UNIQUE (dossier_id, period, kind)`);
    await q.query(`ALTER TABLE payments DROP CONSTRAINT payments_debtor_account,
      DROP COLUMN payee_party_id, DROP COLUMN method, DROP COLUMN payment_key, DROP COLUMN debt_ref,
      DROP COLUMN debtor_name, DROP COLUMN debtor_iban, DROP COLUMN debtor_bic, DROP COLUMN receipt_ref`);
    await q.query(`ALTER TABLE payments DROP CONSTRAINT payments_period_check`);
    await q.query(`ALTER TABLE payments ADD CONSTRAINT payments_period_check CHECK (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$')`);
    await q.query(`ALTER TABLE payments DROP CONSTRAINT payments_kind_check`);
    await q.query(`ALTER TABLE payments ADD CONSTRAINT payments_kind_check CHECK (kind IN ('arrears','monthly','one-off'))`);
  }
}

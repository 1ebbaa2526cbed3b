import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Payments and SEPA batches. UNIQUE (dossier_id, period, kind) is what makes a retried or replayed activity never pay
 * twice: orderPayment inserts with ON CONFLICT DO NOTHING on exactly this key.
 */
export class Payments1764500000000 implements MigrationInterface {
  name = 'Payments1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE payment_batches (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      team text NOT NULL,
      created_by uuid NOT NULL REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      requested_execution_date date NOT NULL,
      status text NOT NULL CHECK (status IN ('created','executed')),
      nb_of_txs int NOT NULL CHECK (nb_of_txs > 0),
      ctrl_sum_cents bigint NOT NULL CHECK (ctrl_sum_cents > 0),
      msg_id text NOT NULL UNIQUE,
      xml text NOT NULL,
      executed_at timestamptz,
      executed_by uuid REFERENCES users(id),
      CHECK ((status = 'executed') = (executed_at IS NOT NULL)))`);
    await q.query(`CREATE INDEX payment_batches_team_created ON payment_batches (team, created_at DESC)`);
    await q.query(`CREATE TABLE payments (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      dossier_id uuid NOT NULL REFERENCES dossiers(id),
      kind text NOT NULL CHECK (kind IN ('arrears','monthly','one-off')),
      period text NOT NULL CHECK (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
      amount_cents int NOT NULL CHECK (amount_cents > 0),
      iban text NOT NULL,
      creditor_name text NOT NULL,
      remittance text NOT NULL,
      due_date date NOT NULL,
      status text NOT NULL CHECK (status IN ('due','batched','paid','cancelled')),
      batch_id uuid REFERENCES payment_batches(id),
      computation jsonb NOT NULL DEFAULT '{}',
      created_at timestamptz NOT NULL DEFAULT now(),
      paid_at timestamptz,
      CONSTRAINT payments_dossier_period_kind UNIQUE (dossier_id, period, kind),
      CHECK ((status IN ('batched','paid')) = (batch_id IS NOT NULL)))`);
    await q.query(`CREATE INDEX payments_due ON payments (due_date) WHERE status = 'due'`);
    await q.query(`CREATE INDEX payments_batch ON payments (batch_id) WHERE batch_id IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE payments`);
    await q.query(`DROP TABLE payment_batches`);
  }
}

import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Budget management (domain §3): the versions of a dossier's budget plan (libs/domain/budget-plan.ts, the plan as
 * jsonb: the workflow receives the same document) and the movements on its budget-management account as imported
 * from bank statements. A movement is signed (+ money in, − money out); one that is the execution of a payment this
 * system ordered carries that payment's id, so the balance never counts an outgoing payment twice.
 */
export class BudgetManagement1765120000000 implements MigrationInterface {
  name = 'BudgetManagement1765120000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE budget_plans (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        dossier_id uuid NOT NULL REFERENCES dossiers(id),
        version integer NOT NULL CHECK (version >= 1),
        valid_from date NOT NULL,
        account_iban text NOT NULL,
        plan jsonb NOT NULL,
        created_by uuid NOT NULL REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT budget_plans_dossier_version UNIQUE (dossier_id, version))`);
    await q.query(`CREATE TABLE budget_account_movements (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        dossier_id uuid NOT NULL REFERENCES dossiers(id),
        account_iban text NOT NULL,
        booking_date date NOT NULL,
        amount_cents integer NOT NULL CHECK (amount_cents <> 0),
        counterparty text,
        description text,
        -- The bank's own reference of the movement: an import of the same statement again adds nothing.
        bank_reference text NOT NULL,
        payment_id uuid REFERENCES payments(id),
        -- The planned income (dossier_incomes) the movement was matched to, if any.
        income_id uuid REFERENCES dossier_incomes(id),
        imported_by uuid REFERENCES users(id),
        imported_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT budget_account_movements_reference UNIQUE (dossier_id, bank_reference))`);
    await q.query(`CREATE INDEX budget_account_movements_dossier ON budget_account_movements (dossier_id, booking_date)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE budget_account_movements`);
    await q.query(`DROP TABLE budget_plans`);
  }
}

import { MigrationInterface, QueryRunner } from 'typeorm';

// Written out, not imported from libs/domain/budget-inventory.ts: a migration that has run must not change when a kind is added.
const INCOME_KINDS = `'wage','benefit','leefloon','child-benefit','pension','other'`;
const EXPENSE_KINDS = `'rent','energy','water','insurance','telecom','maintenance','other'`;
const PRIORITY_KINDS = `'rent','energy','maintenance','fines','taxes'`;

/**
 * The budget inventory of a dossier: its incomes and fixed costs per month and its debts (a creditor party, amounts,
 * file numbers, an optional bailiff or collection agency). Amounts in cents. Every row keeps who changed it last and
 * when; what changed is in the audit events.
 */
export class BudgetInventory1765110000000 implements MigrationInterface {
  name = 'BudgetInventory1765110000000';

  async up(q: QueryRunner): Promise<void> {
    // Every inventory table: a row of one dossier, an optional description, who wrote it and who changed it last.
    const table = async (name: string, columns: string) => {
      await q.query(`CREATE TABLE ${name} (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        dossier_id uuid NOT NULL REFERENCES dossiers(id),
        description text,
        created_by uuid NOT NULL REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_by uuid NOT NULL REFERENCES users(id),
        updated_at timestamptz NOT NULL DEFAULT now(),
        ${columns})`);
      await q.query(`CREATE INDEX ${name}_dossier ON ${name} (dossier_id)`);
    };
    const day = (column: string) => `${column} smallint CHECK (${column} BETWEEN 1 AND 31)`;
    await table('dossier_incomes', `kind text NOT NULL CHECK (kind IN (${INCOME_KINDS})),
        amount_cents integer NOT NULL CHECK (amount_cents >= 0),
        ${day('day_of_month')},
        valid_from date,
        valid_until date,
        CHECK (valid_until IS NULL OR valid_from IS NULL OR valid_until >= valid_from)`);
    await table('dossier_expenses', `kind text NOT NULL CHECK (kind IN (${EXPENSE_KINDS})),
        amount_cents integer NOT NULL CHECK (amount_cents >= 0),
        ${day('due_day')}`);
    await table('dossier_debts', `creditor_party_id uuid NOT NULL REFERENCES parties(id),
        creditor_reference text,
        original_cents integer NOT NULL CHECK (original_cents >= 0),
        outstanding_cents integer NOT NULL CHECK (outstanding_cents >= 0),
        outstanding_exceeds_original boolean NOT NULL DEFAULT false,
        collector_party_id uuid REFERENCES parties(id),
        collector_reference text,
        disputed boolean NOT NULL DEFAULT false,
        priority_kind text CHECK (priority_kind IN (${PRIORITY_KINDS})),
        status text NOT NULL DEFAULT 'open' CHECK (status IN ('open','settled','paid')),
        status_date date,
        CHECK (outstanding_exceeds_original OR outstanding_cents <= original_cents)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE dossier_debts`);
    await q.query(`DROP TABLE dossier_expenses`);
    await q.query(`DROP TABLE dossier_incomes`);
  }
}

import { MigrationInterface, QueryRunner } from 'typeorm';

/** The deadline engine: computed instants, explanation steps, suspensions/extensions; absence covers. */
export class DeadlineEngine1764400000000 implements MigrationInterface {
  name = 'DeadlineEngine1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE deadlines
      ADD COLUMN rule_version int NOT NULL DEFAULT 1,
      ADD COLUMN due_at timestamptz,
      ADD COLUMN warning_at timestamptz,
      ADD COLUMN suspended_since date,
      ADD COLUMN explanation_steps jsonb NOT NULL DEFAULT '[]',
      ADD COLUMN suspensions jsonb NOT NULL DEFAULT '[]',
      ADD COLUMN extensions jsonb NOT NULL DEFAULT '[]',
      ADD COLUMN kind text NOT NULL DEFAULT 'duty' CHECK (kind IN ('duty','window')),
      ALTER COLUMN due_date DROP NOT NULL,
      ALTER COLUMN warning_date DROP NOT NULL`);
    await q.query(`ALTER TABLE deadlines DROP CONSTRAINT deadlines_status_check`);
    await q.query(`ALTER TABLE deadlines ADD CONSTRAINT deadlines_status_check
      CHECK (status IN ('running','met','at-risk','breached','suspended','cancelled','expired'))`);
    await q.query(`CREATE INDEX deadlines_open_due ON deadlines (due_date) WHERE status IN ('running','at-risk','breached','suspended') AND met_date IS NULL`);
    await q.query(`CREATE INDEX escalations_team_open ON escalations (team, created_at) WHERE acknowledged_at IS NULL`);
    await q.query(`CREATE INDEX dossiers_responsible ON dossiers (responsible_user_id) WHERE closed_at IS NULL`);
    await q.query(`CREATE TABLE reassignments (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      team text NOT NULL,
      from_user_id uuid NOT NULL REFERENCES users(id),
      to_user_id uuid NOT NULL REFERENCES users(id),
      until date,
      reason text NOT NULL,
      created_by uuid NOT NULL REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      ended_at timestamptz,
      task_ids uuid[] NOT NULL DEFAULT '{}',
      dossier_ids uuid[] NOT NULL DEFAULT '{}')`);
    await q.query(`CREATE INDEX reassignments_active ON reassignments (from_user_id) WHERE ended_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE reassignments`);
    await q.query(`DROP INDEX dossiers_responsible`);
    await q.query(`DROP INDEX escalations_team_open`);
    await q.query(`DROP INDEX deadlines_open_due`);
    await q.query(`ALTER TABLE deadlines DROP CONSTRAINT deadlines_status_check`);
    await q.query(`ALTER TABLE deadlines ADD CONSTRAINT deadlines_status_check
      CHECK (status IN ('running','met','at-risk','breached','suspended','cancelled'))`);
    await q.query(`ALTER TABLE deadlines DROP COLUMN rule_version, DROP COLUMN due_at, DROP COLUMN warning_at,
      DROP COLUMN suspended_since, DROP COLUMN explanation_steps, DROP COLUMN suspensions, DROP COLUMN extensions, DROP COLUMN kind`);
  }
}

import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The data the team lead's figures need from now on: the cause of a breach (chosen on acknowledging its escalation;
 * older rows keep none, counted as 'onbekend') and a daily snapshot of each worker's open and overdue tasks.
 */
export class Figures1765030000000 implements MigrationInterface {
  name = 'Figures1765030000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE escalations
      ADD COLUMN cause text CHECK (cause IN ('personeelstekort','wachten-op-client','wachten-op-partner','onvolledig-dossier','fout-in-planning','andere')),
      ADD COLUMN cause_note text CHECK (char_length(cause_note) <= 500)`);
    await q.query(`CREATE INDEX escalations_breach_month ON escalations (team, created_at) WHERE level = 'breach'`);
    await q.query(`CREATE TABLE workload_snapshots (
      day date NOT NULL,
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      team text NOT NULL,
      open_tasks int NOT NULL CHECK (open_tasks >= 0),
      overdue_tasks int NOT NULL CHECK (overdue_tasks >= 0),
      taken_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (day, user_id))`);
    await q.query(`CREATE INDEX workload_snapshots_team_day ON workload_snapshots (team, day)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE workload_snapshots`);
    await q.query(`DROP INDEX escalations_breach_month`);
    await q.query(`ALTER TABLE escalations DROP COLUMN cause_note, DROP COLUMN cause`);
  }
}

import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Legal clocks that belong to the OCMW rather than to one dossier — the debt mediation annual report to the Flemish
 * department by 31 March (DEBT-1, decree of 24 July 1996), later the LOI's notice to Fedasil (LOI-7) and its monthly
 * claim (LOI-8). Their deadlines and escalations have no dossier (dossier_id NULL) but a subject a person reads ("Jaarverslag
 * schuldbemiddeling 2026"); their keys stay unique among them (NULLS NOT DISTINCT, PostgreSQL 15+: the activities'
 * ON CONFLICT DO NOTHING keeps them idempotent exactly as it does for a dossier's). The outbox carries Updates to the
 * workflows that keep them (no dossier either). annual_reports keeps what was submitted: the figures frozen on the day.
 */
export class ObligationsWithoutDossier1765150000000 implements MigrationInterface {
  name = 'ObligationsWithoutDossier1765150000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE deadlines ALTER COLUMN dossier_id DROP NOT NULL`);
    await q.query(`ALTER TABLE deadlines ADD COLUMN subject text`);
    await q.query(`ALTER TABLE deadlines ADD CONSTRAINT deadlines_dossier_or_subject CHECK (dossier_id IS NOT NULL OR subject IS NOT NULL)`);
    await q.query(`ALTER TABLE deadlines DROP CONSTRAINT deadlines_dossier_id_key_key`);
    await q.query(`ALTER TABLE deadlines ADD CONSTRAINT deadlines_dossier_id_key_key UNIQUE NULLS NOT DISTINCT (dossier_id, key)`);
    await q.query(`ALTER TABLE escalations ALTER COLUMN dossier_id DROP NOT NULL`);
    await q.query(`ALTER TABLE escalations DROP CONSTRAINT escalations_dossier_id_deadline_key_level_key`);
    await q.query(
      `ALTER TABLE escalations ADD CONSTRAINT escalations_dossier_id_deadline_key_level_key UNIQUE NULLS NOT DISTINCT (dossier_id, deadline_key, level)`,
    );
    await q.query(`ALTER TABLE workflow_outbox ALTER COLUMN dossier_id DROP NOT NULL`);
    await q.query(`CREATE TABLE annual_reports (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind text NOT NULL CHECK (kind IN ('debt-mediation')),
        year int NOT NULL,
        submitted_on date NOT NULL,
        submitted_by uuid NOT NULL REFERENCES users(id),
        figures jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (kind, year))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE annual_reports`);
    await q.query(`DELETE FROM workflow_outbox WHERE dossier_id IS NULL`);
    await q.query(`ALTER TABLE workflow_outbox ALTER COLUMN dossier_id SET NOT NULL`);
    await q.query(`DELETE FROM escalations WHERE dossier_id IS NULL`);
    await q.query(`ALTER TABLE escalations DROP CONSTRAINT escalations_dossier_id_deadline_key_level_key`);
    await q.query(`ALTER TABLE escalations ADD CONSTRAINT escalations_dossier_id_deadline_key_level_key UNIQUE (dossier_id, deadline_key, level)`);
    await q.query(`ALTER TABLE escalations ALTER COLUMN dossier_id SET NOT NULL`);
    await q.query(`DELETE FROM deadlines WHERE dossier_id IS NULL`);
    await q.query(`ALTER TABLE deadlines DROP CONSTRAINT deadlines_dossier_id_key_key`);
    await q.query(`ALTER TABLE deadlines ADD CONSTRAINT deadlines_dossier_id_key_key UNIQUE (dossier_id, key)`);
    await q.query(`ALTER TABLE deadlines DROP CONSTRAINT deadlines_dossier_or_subject`);
    await q.query(`ALTER TABLE deadlines DROP COLUMN subject`);
    await q.query(`ALTER TABLE deadlines ALTER COLUMN dossier_id SET NOT NULL`);
  }
}

import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * External events (issue 10, item 3): what reached a dossier from outside, recorded by a social worker or read from
 * an import file. One event per (dossier, type, reference) when the sender gave a reference (the same letter recorded
 * twice is one event), and an event that opened its dossier (intake) once per (procedure, type, reference).
 */
export class ExternalEvents1764910000000 implements MigrationInterface {
  name = 'ExternalEvents1764910000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE external_events (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      dossier_id uuid NOT NULL REFERENCES dossiers(id),
      procedure text NOT NULL,
      type text NOT NULL,
      occurred_on date NOT NULL,
      reference text,
      data jsonb NOT NULL DEFAULT '{}',
      opened_dossier boolean NOT NULL DEFAULT false,
      source text NOT NULL CHECK (source IN ('api', 'intake', 'import')),
      recorded_by uuid NOT NULL,
      recorded_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT external_events_intake_reference CHECK (NOT opened_dossier OR reference IS NOT NULL))`);
    await q.query(`CREATE UNIQUE INDEX external_events_dossier_reference ON external_events (dossier_id, type, reference) WHERE reference IS NOT NULL`);
    await q.query(`CREATE UNIQUE INDEX external_events_intake ON external_events (procedure, type, reference) WHERE opened_dossier`);
    await q.query(`CREATE INDEX external_events_dossier ON external_events (dossier_id, recorded_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE external_events`);
  }
}

import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A regular session keeps the date the house rules' rhythm gave it (`slot_date`) when the chair moves it, so the
 * calendar never re-creates it on its old date. The workflow outbox carries changes the API makes to running dossiers:
 * written in the same transaction as the change, relayed to the dossier's workflow as an Update until delivered.
 */
export class CouncilMovesAndOutbox1764700000000 implements MigrationInterface {
  name = 'CouncilMovesAndOutbox1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE council_meetings ADD COLUMN slot_date date`);
    await q.query(`ALTER TABLE council_meetings ADD COLUMN moved_from date`);
    await q.query(`UPDATE council_meetings SET slot_date = date WHERE kind = 'regular'`);
    await q.query(`DROP INDEX council_meetings_regular_date`);
    await q.query(`CREATE UNIQUE INDEX council_meetings_regular_slot ON council_meetings (slot_date) WHERE kind = 'regular'`);
    await q.query(`CREATE INDEX council_meetings_date ON council_meetings (date)`);
    await q.query(`CREATE TABLE workflow_outbox (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      seq bigserial NOT NULL,
      dossier_id uuid NOT NULL REFERENCES dossiers(id),
      workflow_id text NOT NULL,
      message text NOT NULL,
      payload jsonb NOT NULL,
      status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','delivered','rejected')),
      attempts int NOT NULL DEFAULT 0,
      next_attempt_at timestamptz NOT NULL DEFAULT now(),
      last_error text,
      created_at timestamptz NOT NULL DEFAULT now(),
      delivered_at timestamptz)`);
    await q.query(`CREATE INDEX workflow_outbox_pending ON workflow_outbox (dossier_id, seq) WHERE status = 'pending'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE workflow_outbox`);
    await q.query(`DROP INDEX council_meetings_date`);
    await q.query(`DROP INDEX council_meetings_regular_slot`);
    await q.query(`CREATE UNIQUE INDEX council_meetings_regular_date ON council_meetings (date) WHERE kind = 'regular'`);
    await q.query(`ALTER TABLE council_meetings DROP COLUMN moved_from`);
    await q.query(`ALTER TABLE council_meetings DROP COLUMN slot_date`);
  }
}

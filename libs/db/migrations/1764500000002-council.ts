import { MigrationInterface, QueryRunner } from 'typeorm';

/** The BCSD: sessions (regular from the house rules' rhythm, or extraordinary) and their agenda items. */
export class Council1764500000002 implements MigrationInterface {
  name = 'Council1764500000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE council_meetings (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      date date NOT NULL,
      time text NOT NULL,
      place text NOT NULL,
      cutoff_date date NOT NULL,
      kind text NOT NULL CHECK (kind IN ('regular','extraordinary')),
      status text NOT NULL DEFAULT 'planned' CHECK (status IN ('planned','closed')),
      created_at timestamptz NOT NULL DEFAULT now(),
      closed_at timestamptz,
      closed_by uuid REFERENCES users(id))`);
    await q.query(`CREATE UNIQUE INDEX council_meetings_regular_date ON council_meetings (date) WHERE kind = 'regular'`);
    await q.query(`CREATE TABLE agenda_items (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      meeting_id uuid NOT NULL REFERENCES council_meetings(id),
      dossier_id uuid NOT NULL REFERENCES dossiers(id),
      key text NOT NULL,
      kind text NOT NULL CHECK (kind IN ('decision','ratification')),
      team text NOT NULL,
      proposal jsonb NOT NULL,
      hearing_requested boolean NOT NULL DEFAULT false,
      urgent boolean NOT NULL DEFAULT false,
      decision_due date,
      status text NOT NULL DEFAULT 'scheduled' CHECK (status IN ('scheduled','decided','postponed','withdrawn')),
      decision jsonb,
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (dossier_id, key))`);
    await q.query(`CREATE INDEX agenda_items_meeting ON agenda_items (meeting_id, status)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE agenda_items`);
    await q.query(`DROP TABLE council_meetings`);
  }
}

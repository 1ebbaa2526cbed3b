import { MigrationInterface, QueryRunner } from 'typeorm';

// Written out, not imported from libs/domain/case-notes.ts: a migration that has run must not change when a kind is added.
export const NOTE_KINDS_1765010000000 = `'conversation','home-visit','phone','consultation','email','other'`;

/**
 * The journal of a dossier: case notes (a contact, its kind and date, a text, a confidential flag) and the earlier
 * wordings of a note kept as revisions when its author changes it.
 */
export class CaseNotes1765010000000 implements MigrationInterface {
  name = 'CaseNotes1765010000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE case_notes (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      dossier_id uuid NOT NULL REFERENCES dossiers(id),
      author_id uuid NOT NULL REFERENCES users(id),
      contact_date date NOT NULL,
      kind text NOT NULL CHECK (kind IN (${NOTE_KINDS_1765010000000})),
      text text NOT NULL,
      confidential boolean NOT NULL DEFAULT false,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      revision integer NOT NULL DEFAULT 1)`);
    await q.query(`CREATE INDEX case_notes_dossier ON case_notes (dossier_id, contact_date)`);
    await q.query(`CREATE TABLE case_note_revisions (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      note_id uuid NOT NULL REFERENCES case_notes(id),
      revision integer NOT NULL,
      contact_date date NOT NULL,
      kind text NOT NULL,
      text text NOT NULL,
      written_at timestamptz NOT NULL,
      replaced_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (note_id, revision))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE case_note_revisions`);
    await q.query(`DROP TABLE case_notes`);
  }
}

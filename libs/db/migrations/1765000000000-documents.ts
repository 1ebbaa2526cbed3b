import { MigrationInterface, QueryRunner } from 'typeorm';

// Written out, not imported from libs/documents/kinds.ts: a migration that has run must not change when a kind is added.
const KINDS = `'identity','lease','invoice','pay-slip','bank-statement','certificate','other'`;
const TYPES = `'application/pdf','image/png','image/jpeg'`;

/**
 * Documents on a dossier or a person: what each is (kind, name, type by content, size, SHA-256) and where its bytes
 * are (storage_key in the document store, libs/documents). Deleting one is marking it (deleted_at, deleted_by): the
 * row and its bytes stay for the audit trail, out of every list and download.
 */
export class Documents1765000000000 implements MigrationInterface {
  name = 'Documents1765000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE documents (
      id uuid PRIMARY KEY,
      dossier_id uuid REFERENCES dossiers(id),
      person_id uuid NOT NULL REFERENCES persons(id),
      kind text NOT NULL CHECK (kind IN (${KINDS})),
      file_name text NOT NULL,
      content_type text NOT NULL CHECK (content_type IN (${TYPES})),
      size_bytes integer NOT NULL CHECK (size_bytes > 0),
      sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
      storage_key text NOT NULL UNIQUE,
      uploaded_by uuid NOT NULL REFERENCES users(id),
      uploaded_at timestamptz NOT NULL DEFAULT now(),
      deleted_at timestamptz,
      deleted_by uuid REFERENCES users(id),
      CHECK ((deleted_at IS NULL) = (deleted_by IS NULL)))`);
    await q.query(`CREATE INDEX documents_dossier ON documents (dossier_id, uploaded_at) WHERE deleted_at IS NULL`);
    await q.query(`CREATE INDEX documents_person ON documents (person_id, uploaded_at) WHERE deleted_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE documents`);
  }
}

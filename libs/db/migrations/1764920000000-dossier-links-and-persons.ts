import { MigrationInterface, QueryRunner } from 'typeorm';

// Written out, not imported from libs/domain/dossier-relations.ts: a migration that has run must not change when a
// kind or role is added there (that is a migration of its own).
export const DOSSIER_LINK_KINDS_1764920000000 = `'opened','related'`;
export const MEMBER_ROLES_1764920000000 = `'partner','child','other-household-member'`;

/**
 * Dossiers linked to each other (one opened by another's procedure, unique on the opening dossier and its business
 * link key; or two related dossiers linked by hand, which can be ended), and the household persons a dossier concerns
 * besides its applicant (dossiers.person_id), with a role and dates: a membership ends, it is never deleted.
 */
export class DossierLinksAndPersons1764920000000 implements MigrationInterface {
  name = 'DossierLinksAndPersons1764920000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE dossier_links (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      from_dossier_id uuid NOT NULL REFERENCES dossiers(id),
      to_dossier_id uuid NOT NULL REFERENCES dossiers(id),
      kind text NOT NULL CHECK (kind IN (${DOSSIER_LINK_KINDS_1764920000000})),
      link_key text,
      reason text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      created_by uuid REFERENCES users(id),
      ended_at timestamptz,
      ended_by uuid REFERENCES users(id),
      CHECK (from_dossier_id <> to_dossier_id),
      CHECK ((kind = 'opened') = (link_key IS NOT NULL)))`);
    // However often the opening activity runs, one link (and so one dossier) per opening dossier and key.
    await q.query(`CREATE UNIQUE INDEX dossier_links_opened ON dossier_links (from_dossier_id, link_key) WHERE link_key IS NOT NULL`);
    // One running link by hand between two dossiers, whichever way round it was made (the API also refuses one beside
    // an opened link; an opened dossier may be linked again under another key, when it was already open).
    await q.query(`CREATE UNIQUE INDEX dossier_links_pair ON dossier_links (LEAST(from_dossier_id, to_dossier_id), GREATEST(from_dossier_id, to_dossier_id)) WHERE ended_at IS NULL AND kind = 'related'`);
    await q.query(`CREATE INDEX dossier_links_to ON dossier_links (to_dossier_id)`);
    await q.query(`CREATE TABLE dossier_persons (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      dossier_id uuid NOT NULL REFERENCES dossiers(id),
      person_id uuid NOT NULL REFERENCES persons(id),
      role text NOT NULL CHECK (role IN (${MEMBER_ROLES_1764920000000})),
      from_date date NOT NULL,
      to_date date,
      created_at timestamptz NOT NULL DEFAULT now(),
      created_by uuid REFERENCES users(id),
      ended_at timestamptz,
      ended_by uuid REFERENCES users(id),
      CHECK (to_date IS NULL OR to_date >= from_date))`);
    await q.query(`CREATE UNIQUE INDEX dossier_persons_current ON dossier_persons (dossier_id, person_id, role) WHERE ended_at IS NULL`);
    await q.query(`CREATE INDEX dossier_persons_person ON dossier_persons (person_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE dossier_persons`);
    await q.query(`DROP TABLE dossier_links`);
  }
}

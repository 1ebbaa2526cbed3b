import { MigrationInterface, QueryRunner } from 'typeorm';

// Written out, not imported from libs/domain/parties.ts: a migration that has run must not change when a kind or role
// is added there (that is a migration of its own).
export const PARTY_KINDS_1764800000000 = `'creditor','bailiff','collection-agency','landlord','supplier','care-home','ocmw','fedasil','pod-mi','court'`;
export const PARTY_ROLES_1764800000000 =
  `'creditor','bailiff','collection-agency','landlord','supplier','care-home','referring-ocmw','competent-ocmw','fedasil','pod-mi','court'`;

/**
 * Parties (creditors, bailiffs, landlords, other OCMWs, Fedasil, POD MI, courts, …) as records, their links to dossiers
 * with a role (unique on dossier, party, role; an ended link stays, with its end), and the party a letter is addressed
 * to (null: the client).
 */
export class Parties1764800000000 implements MigrationInterface {
  name = 'Parties1764800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE parties (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      name text NOT NULL,
      kind text NOT NULL CHECK (kind IN (${PARTY_KINDS_1764800000000})),
      enterprise_number char(10),
      iban text,
      street text,
      postal_code text,
      city text,
      country char(2) NOT NULL DEFAULT 'BE',
      email text,
      phone text,
      contact_person text,
      active boolean NOT NULL DEFAULT true,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(`CREATE UNIQUE INDEX parties_enterprise_number ON parties (enterprise_number) WHERE enterprise_number IS NOT NULL`);
    await q.query(`CREATE INDEX parties_kind_name ON parties (kind, lower(name))`);
    await q.query(`CREATE TABLE dossier_parties (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      dossier_id uuid NOT NULL REFERENCES dossiers(id),
      party_id uuid NOT NULL REFERENCES parties(id),
      role text NOT NULL CHECK (role IN (${PARTY_ROLES_1764800000000})),
      reference text,
      created_at timestamptz NOT NULL DEFAULT now(),
      created_by uuid REFERENCES users(id),
      ended_at timestamptz,
      ended_by uuid REFERENCES users(id),
      UNIQUE (dossier_id, party_id, role))`);
    await q.query(`CREATE INDEX dossier_parties_party ON dossier_parties (party_id)`);
    await q.query(`ALTER TABLE notices ADD COLUMN recipient_party_id uuid REFERENCES parties(id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE notices DROP COLUMN recipient_party_id`);
    await q.query(`DROP TABLE dossier_parties`);
    await q.query(`DROP TABLE parties`);
  }
}

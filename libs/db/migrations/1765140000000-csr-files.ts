import { MigrationInterface, QueryRunner } from 'typeorm';

// Written out (see 1765000000000-documents.ts): the petition (verzoekschrift) joins the document kinds.
const KINDS = `'identity','lease','invoice','pay-slip','bank-statement','certificate','petition','other'`;
const OLD_KINDS = `'identity','lease','invoice','pay-slip','bank-statement','certificate','other'`;

/**
 * The collective debt settlement of a debt mediation dossier (domain §3.2), as the trajectory's workflow records it
 * (activity recordCollectiveSettlement, idempotent: the whole file each time): the petition, the admissibility order
 * and its mediator, the stage; one row per creditor with its declaration or its waiver (art. 1675/9 §3 Ger.W.). The
 * clocks themselves are in deadlines (keys csr-…). The petition (verzoekschrift) the API builds is a document kind.
 */
export class CsrFiles1765140000000 implements MigrationInterface {
  name = 'CsrFiles1765140000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE csr_files (
        dossier_id uuid PRIMARY KEY REFERENCES dossiers(id),
        petition_filed_on date,
        court text,
        order_date date,
        order_sent_on date,
        mediator text CHECK (mediator IN ('ocmw', 'outside')),
        mediator_party_id uuid REFERENCES parties(id),
        ocmw_mediator boolean NOT NULL DEFAULT false,
        status text,
        plan_sent_on date,
        outcome text CHECK (outcome IN ('homologation', 'judicial-plan')),
        reminder_on date,
        declare_by date,
        updated_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(`CREATE TABLE csr_claims (
        dossier_id uuid NOT NULL REFERENCES csr_files(dossier_id),
        party_id uuid NOT NULL REFERENCES parties(id),
        declared_on date,
        amount_cents integer CHECK (amount_cents >= 0),
        waived boolean NOT NULL DEFAULT false,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (dossier_id, party_id))`);
    await q.query(`ALTER TABLE documents DROP CONSTRAINT documents_kind_check`);
    await q.query(`ALTER TABLE documents ADD CONSTRAINT documents_kind_check CHECK (kind IN (${KINDS}))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE documents DROP CONSTRAINT documents_kind_check`);
    await q.query(`ALTER TABLE documents ADD CONSTRAINT documents_kind_check CHECK (kind IN (${OLD_KINDS}))`);
    await q.query(`DROP TABLE csr_claims`);
    await q.query(`DROP TABLE csr_files`);
  }
}

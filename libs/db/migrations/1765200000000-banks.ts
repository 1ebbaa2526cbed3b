import { MigrationInterface, QueryRunner } from 'typeorm';

// Written out, not imported from libs/domain/parties.ts (a migration that has run must not change).
const KINDS_BEFORE = `'creditor','bailiff','collection-agency','landlord','supplier','care-home','ocmw','fedasil','pod-mi','court','caw','cgg','lawyer','paying-body'`;
const ROLES_BEFORE = `'creditor','bailiff','collection-agency','landlord','supplier','care-home','referring-ocmw','competent-ocmw','fedasil','pod-mi','court','paying-body'`;

/**
 * A bank as a party of a dossier: a rent guarantee (domain §6) is deposited on a blocked account the bank holds in the
 * tenant's name, or given by the bank under the OCMW's standard contract.
 */
export class Banks1765200000000 implements MigrationInterface {
  name = 'Banks1765200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE parties DROP CONSTRAINT parties_kind_check`);
    await q.query(`ALTER TABLE parties ADD CONSTRAINT parties_kind_check CHECK (kind IN (${KINDS_BEFORE},'bank'))`);
    await q.query(`ALTER TABLE dossier_parties DROP CONSTRAINT dossier_parties_role_check`);
    await q.query(`ALTER TABLE dossier_parties ADD CONSTRAINT dossier_parties_role_check CHECK (role IN (${ROLES_BEFORE},'bank'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE dossier_parties DROP CONSTRAINT dossier_parties_role_check`);
    await q.query(`ALTER TABLE dossier_parties ADD CONSTRAINT dossier_parties_role_check CHECK (role IN (${ROLES_BEFORE}))`);
    await q.query(`ALTER TABLE parties DROP CONSTRAINT parties_kind_check`);
    await q.query(`ALTER TABLE parties ADD CONSTRAINT parties_kind_check CHECK (kind IN (${KINDS_BEFORE}))`);
  }
}

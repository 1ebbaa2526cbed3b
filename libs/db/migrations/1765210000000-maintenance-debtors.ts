import { MigrationInterface, QueryRunner } from 'typeorm';

// Written out, not imported from libs/domain/parties.ts (a migration that has run must not change).
const KINDS_BEFORE = `'creditor','bailiff','collection-agency','landlord','supplier','care-home','ocmw','fedasil','pod-mi','court','caw','cgg','lawyer','paying-body','bank'`;
const ROLES_BEFORE = `'creditor','bailiff','collection-agency','landlord','supplier','care-home','referring-ocmw','competent-ocmw','fedasil','pod-mi','court','paying-body','bank'`;

/**
 * The maintenance debtors of placement costs (art. 98 §2 OCMW-wet, domain §11): a private person as a party, playing
 * the role of maintenance debtor in a dossier — asked for a tax assessment, then for a contribution by the uniform scale.
 */
export class MaintenanceDebtors1765210000000 implements MigrationInterface {
  name = 'MaintenanceDebtors1765210000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE parties DROP CONSTRAINT parties_kind_check`);
    await q.query(`ALTER TABLE parties ADD CONSTRAINT parties_kind_check CHECK (kind IN (${KINDS_BEFORE},'private-person'))`);
    await q.query(`ALTER TABLE dossier_parties DROP CONSTRAINT dossier_parties_role_check`);
    await q.query(`ALTER TABLE dossier_parties ADD CONSTRAINT dossier_parties_role_check CHECK (role IN (${ROLES_BEFORE},'maintenance-debtor'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE dossier_parties DROP CONSTRAINT dossier_parties_role_check`);
    await q.query(`ALTER TABLE dossier_parties ADD CONSTRAINT dossier_parties_role_check CHECK (role IN (${ROLES_BEFORE}))`);
    await q.query(`ALTER TABLE parties DROP CONSTRAINT parties_kind_check`);
    await q.query(`ALTER TABLE parties ADD CONSTRAINT parties_kind_check CHECK (kind IN (${KINDS_BEFORE}))`);
  }
}

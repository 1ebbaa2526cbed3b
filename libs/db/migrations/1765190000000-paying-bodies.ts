import { MigrationInterface, QueryRunner } from 'typeorm';

// Written out, not imported from libs/domain/parties.ts or the partner list (a migration that has run must not change).
const KINDS_BEFORE = `'creditor','bailiff','collection-agency','landlord','supplier','care-home','ocmw','fedasil','pod-mi','court','caw','cgg','lawyer'`;
const ROLES_BEFORE = `'creditor','bailiff','collection-agency','landlord','supplier','care-home','referring-ocmw','competent-ocmw','fedasil','pod-mi','court'`;
const PARTNERS_BEFORE = `'pod-mi','ocmw','fedasil','creditor'`;

/**
 * The paying body of a social-security benefit (RVA and the unemployment paying bodies, sickness funds, the pension
 * service, the Groeipakket payers) as a party of a dossier and as a partner of the outbox: an advance on a benefit
 * (domain §10) sends it the subrogation notice (art. 99 §2 OCMW-wet; C-UNIPROC part 1 for unemployment).
 */
export class PayingBodies1765190000000 implements MigrationInterface {
  name = 'PayingBodies1765190000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE parties DROP CONSTRAINT parties_kind_check`);
    await q.query(`ALTER TABLE parties ADD CONSTRAINT parties_kind_check CHECK (kind IN (${KINDS_BEFORE},'paying-body'))`);
    await q.query(`ALTER TABLE dossier_parties DROP CONSTRAINT dossier_parties_role_check`);
    await q.query(`ALTER TABLE dossier_parties ADD CONSTRAINT dossier_parties_role_check CHECK (role IN (${ROLES_BEFORE},'paying-body'))`);
    await q.query(`ALTER TABLE partner_messages DROP CONSTRAINT partner_messages_partner_check`);
    await q.query(`ALTER TABLE partner_messages ADD CONSTRAINT partner_messages_partner_check CHECK (partner IN (${PARTNERS_BEFORE},'paying-body'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE partner_messages DROP CONSTRAINT partner_messages_partner_check`);
    await q.query(`ALTER TABLE partner_messages ADD CONSTRAINT partner_messages_partner_check CHECK (partner IN (${PARTNERS_BEFORE}))`);
    await q.query(`ALTER TABLE dossier_parties DROP CONSTRAINT dossier_parties_role_check`);
    await q.query(`ALTER TABLE dossier_parties ADD CONSTRAINT dossier_parties_role_check CHECK (role IN (${ROLES_BEFORE}))`);
    await q.query(`ALTER TABLE parties DROP CONSTRAINT parties_kind_check`);
    await q.query(`ALTER TABLE parties ADD CONSTRAINT parties_kind_check CHECK (kind IN (${KINDS_BEFORE}))`);
  }
}

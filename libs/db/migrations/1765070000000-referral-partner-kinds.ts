import { MigrationInterface, QueryRunner } from 'typeorm';

// Written out, not imported from libs/domain/parties.ts (a migration that has run must not change).
const KINDS_BEFORE = `'creditor','bailiff','collection-agency','landlord','supplier','care-home','ocmw','fedasil','pod-mi','court'`;
const KINDS = `${KINDS_BEFORE},'caw','cgg','lawyer'`;

/** Parties a client is referred to: a CAW, a CGG, a lawyer (advocaat). */
export class ReferralPartnerKinds1765070000000 implements MigrationInterface {
  name = 'ReferralPartnerKinds1765070000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE parties DROP CONSTRAINT parties_kind_check`);
    await q.query(`ALTER TABLE parties ADD CONSTRAINT parties_kind_check CHECK (kind IN (${KINDS}))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE parties DROP CONSTRAINT parties_kind_check`);
    await q.query(`ALTER TABLE parties ADD CONSTRAINT parties_kind_check CHECK (kind IN (${KINDS_BEFORE}))`);
  }
}

import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Referrals of a dossier to a partner of the parties registry (CAW, CGG, a lawyer, …): the reason, the date referred,
 * a follow-up date, and once closed its outcome.
 */
export class Referrals1765010000001 implements MigrationInterface {
  name = 'Referrals1765010000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE referrals (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      dossier_id uuid NOT NULL REFERENCES dossiers(id),
      party_id uuid NOT NULL REFERENCES parties(id),
      reason text NOT NULL,
      referred_on date NOT NULL,
      follow_up_on date NOT NULL CHECK (follow_up_on >= referred_on),
      created_at timestamptz NOT NULL DEFAULT now(),
      created_by uuid NOT NULL REFERENCES users(id),
      closed_at timestamptz,
      closed_by uuid REFERENCES users(id),
      outcome text,
      CHECK ((closed_at IS NULL) = (outcome IS NULL)))`);
    await q.query(`CREATE INDEX referrals_dossier ON referrals (dossier_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE referrals`);
  }
}

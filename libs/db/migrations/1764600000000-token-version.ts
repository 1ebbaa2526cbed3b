import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A version per user, carried in each token (`tv`): a password change, an admin's reset and a deactivation raise it,
 * which ends every token issued before.
 */
export class TokenVersion1764600000000 implements MigrationInterface {
  name = 'TokenVersion1764600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users ADD COLUMN token_version int NOT NULL DEFAULT 0`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users DROP COLUMN token_version`);
  }
}

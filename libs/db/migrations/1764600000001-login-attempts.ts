import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every login attempt, by attempted username and client address, so that failures are counted across API processes.
 * An attempt is 'pending' while its password is checked (and counts as a failure for attempts running beside it),
 * then 'success' or 'failure'; 'refused' is an attempt answered 429 without a check (not counted).
 * Rows older than the window and the lockout are removed by the API; the audit trail keeps every failure.
 */
export class LoginAttempts1764600000001 implements MigrationInterface {
  name = 'LoginAttempts1764600000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE login_attempts (
      id bigserial PRIMARY KEY,
      at timestamptz NOT NULL DEFAULT now(),
      username text NOT NULL,
      address text NOT NULL,
      outcome text NOT NULL CHECK (outcome IN ('pending','success','failure','refused')))`);
    await q.query(`CREATE INDEX login_attempts_username ON login_attempts (username, at)`);
    await q.query(`CREATE INDEX login_attempts_address ON login_attempts (address, at)`);
    await q.query(`CREATE INDEX login_attempts_at ON login_attempts (at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE login_attempts`);
  }
}

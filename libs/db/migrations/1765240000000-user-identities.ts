import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Single sign-on (issue 16): which account at an OpenID Connect provider is which user here — the admin's mapping,
 * by the provider's issuer and the user's subject id there (`sub`, or Entra ID's `oid`), never by e-mail.
 */
export class UserIdentities1765240000000 implements MigrationInterface {
  name = 'UserIdentities1765240000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE user_identities (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      user_id uuid NOT NULL REFERENCES users(id),
      issuer text NOT NULL CHECK (issuer <> ''),
      subject text NOT NULL CHECK (subject <> '' AND length(subject) <= 255),
      created_at timestamptz NOT NULL DEFAULT now(),
      created_by uuid REFERENCES users(id),
      last_login_at timestamptz,
      UNIQUE (issuer, subject))`);
    await q.query(`CREATE INDEX user_identities_user ON user_identities (user_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE user_identities`);
  }
}

import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Notices capability: rendered letters (document + PDF), their delivery (mode, tracking number, posting date), the
 * notification date and the client's appeal term it starts; reminders; and the outbox of messages to partners
 * (POD MI forms B/C, forwarding to another OCMW, Fedasil, creditors), exported per partner and acknowledged.
 */
export class Notices1764500000001 implements MigrationInterface {
  name = 'Notices1764500000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE notices
      ADD COLUMN document jsonb,
      ADD COLUMN pdf bytea,
      ADD COLUMN delivery_mode text CHECK (delivery_mode IN ('registered','against-receipt','e-mail','hand','letter','partner-outbox')),
      ADD COLUMN tracking_number text,
      ADD COLUMN posted_on date,
      ADD COLUMN notified_on date,
      ADD COLUMN appeal_until date,
      ADD COLUMN reminder_of uuid REFERENCES notices(id),
      ADD COLUMN answered_at timestamptz`);
    await q.query(`CREATE INDEX notices_reminder_of ON notices (reminder_of) WHERE reminder_of IS NOT NULL`);
    await q.query(`CREATE TABLE partner_messages (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      dossier_id uuid NOT NULL REFERENCES dossiers(id),
      partner text NOT NULL CHECK (partner IN ('pod-mi','ocmw','fedasil','creditor')),
      partner_ref text NOT NULL,
      kind text NOT NULL,
      payload jsonb NOT NULL,
      due_date date,
      created_at timestamptz NOT NULL DEFAULT now(),
      exported_at timestamptz,
      acknowledged_at timestamptz,
      acknowledged_by uuid REFERENCES users(id),
      reminder_count int NOT NULL DEFAULT 0,
      UNIQUE (dossier_id, kind, partner_ref))`);
    await q.query(`CREATE INDEX partner_messages_pending ON partner_messages (partner, created_at) WHERE exported_at IS NULL`);
    await q.query(`CREATE INDEX partner_messages_unacknowledged ON partner_messages (partner, exported_at) WHERE acknowledged_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE partner_messages`);
    await q.query(`DROP INDEX notices_reminder_of`);
    await q.query(`ALTER TABLE notices DROP COLUMN document, DROP COLUMN pdf, DROP COLUMN delivery_mode, DROP COLUMN tracking_number,
      DROP COLUMN posted_on, DROP COLUMN notified_on, DROP COLUMN appeal_until, DROP COLUMN reminder_of, DROP COLUMN answered_at`);
  }
}

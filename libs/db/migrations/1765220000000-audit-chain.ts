import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The tamper-evident audit trail (KSZ minimum norms, logging integrity): every audit event is linked into one hash
 * chain by a single chainer (libs/db/audit-chain.ts), afterwards and in batches, so that writing an event never waits
 * on another request. An insert into audit_events queues its id in audit_pending (trigger); the chainer takes the queue
 * in order and appends to audit_chain. Both audit tables are append-only for the application role (libs/db/roles.ts).
 */
export class AuditChain1765220000000 implements MigrationInterface {
  name = 'AuditChain1765220000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE audit_pending (event_id bigint PRIMARY KEY REFERENCES audit_events(id))`);
    await q.query(
      `CREATE TABLE audit_chain (
         seq bigint PRIMARY KEY,
         event_id bigint NOT NULL UNIQUE REFERENCES audit_events(id),
         prev_hash text NOT NULL,
         content_hash text NOT NULL,
         hash text NOT NULL,
         chained_at timestamptz NOT NULL DEFAULT now()
       )`,
    );
    // A checkpoint closes an archived segment of the chain (the retention, libs/db/audit-retention.ts): verification
    // starts after it. Written by the owner only; signed with a key the database does not hold.
    await q.query(
      `CREATE TABLE audit_checkpoints (
         id bigserial PRIMARY KEY,
         seq bigint NOT NULL UNIQUE,
         hash text NOT NULL,
         created_at timestamptz NOT NULL DEFAULT now(),
         links integer NOT NULL,
         events_deleted integer NOT NULL,
         archive text NOT NULL,
         archive_sha256 text NOT NULL,
         key_id text NOT NULL,
         signature text NOT NULL
       )`,
    );
    await q.query(
      `CREATE FUNCTION audit_pending_enqueue() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         INSERT INTO audit_pending (event_id) VALUES (NEW.id);
         RETURN NEW;
       END $$`,
    );
    await q.query(`CREATE TRIGGER audit_events_enqueue AFTER INSERT ON audit_events FOR EACH ROW EXECUTE FUNCTION audit_pending_enqueue()`);
    // The events written before the chain existed are chained first, in their order.
    await q.query(`INSERT INTO audit_pending (event_id) SELECT id FROM audit_events`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER audit_events_enqueue ON audit_events`);
    await q.query(`DROP FUNCTION audit_pending_enqueue()`);
    await q.query(`DROP TABLE audit_checkpoints`);
    await q.query(`DROP TABLE audit_chain`);
    await q.query(`DROP TABLE audit_pending`);
  }
}

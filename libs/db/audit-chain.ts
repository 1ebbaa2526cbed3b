import { createHash } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';

/**
 * The hash chain over the audit trail (migration 1765220000000-audit-chain).
 *
 * Link n holds hash_n = SHA-256(hash_{n-1} | JSON [n, event id, time to the microsecond in UTC, actor, role, action,
 * dossier, person, details as PostgreSQL's canonical jsonb text]). Changing, removing or reordering an event after it
 * was chained breaks the link that holds it; removing a link leaves a gap in the sequence. One chainer at a time
 * (an advisory lock) takes the queue of new events in id order; requests never wait for it.
 */

export const GENESIS_HASH = '0'.repeat(64);
// Advisory lock class (pg_advisory_xact_lock(int, int)) of the chainer; other classes: login-throttle, events, persons.
const LOCK_AUDIT_CHAIN = 7301;

interface EventRow {
  id: string;
  at: string;
  actor_id: string | null;
  actor_role: string;
  action: string;
  dossier_id: string | null;
  person_id: string | null;
  details: string;
}

const EVENT_COLUMNS = `e.id::text AS id, to_char(e.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at, e.actor_id, e.actor_role,
  e.action, e.dossier_id, e.person_id, e.details::text AS details`;

export function linkHash(prevHash: string, seq: string | number, event: EventRow): string {
  const content = JSON.stringify([String(seq), event.id, event.at, event.actor_id, event.actor_role, event.action, event.dossier_id, event.person_id, event.details]);
  return createHash('sha256').update(`${prevHash}|${content}`).digest('hex');
}

/** Chains up to `batch` queued events; returns how many it chained (0: the queue is empty or another chainer holds it). */
export async function chainAuditEvents(db: DataSource, batch = 1000): Promise<number> {
  return db.transaction(async (tx) => {
    const [{ locked }] = (await tx.query('SELECT pg_try_advisory_xact_lock($1, 0) AS locked', [LOCK_AUDIT_CHAIN])) as { locked: boolean }[];
    if (!locked) return 0;
    // Three plain statements on primary keys (not one join): the plan stays an index lookup even when the table's
    // statistics lag behind a burst of events (a join planned on stale statistics scanned the table per batch).
    const ids = ((await tx.query('SELECT event_id::text AS id FROM audit_pending ORDER BY event_id LIMIT $1', [batch])) as { id: string }[]).map((r) => r.id);
    if (!ids.length) return 0;
    await tx.query('DELETE FROM audit_pending WHERE event_id = ANY($1::bigint[])', [ids]);
    const events = (await tx.query(`SELECT ${EVENT_COLUMNS} FROM audit_events e WHERE e.id = ANY($1::bigint[]) ORDER BY e.id`, [ids])) as EventRow[];
    if (!events.length) return 0;
    const [last] = (await tx.query('SELECT c.seq::text AS seq, c.hash FROM audit_chain c ORDER BY c.seq DESC LIMIT 1')) as { seq: string; hash: string }[];
    let seq = BigInt(last?.seq ?? '0');
    let prev = last?.hash ?? GENESIS_HASH;
    const rows: { seq: string; eventId: string; prev: string; hash: string }[] = [];
    for (const event of events) {
      seq += 1n;
      const hash = linkHash(prev, seq.toString(), event);
      rows.push({ seq: seq.toString(), eventId: event.id, prev, hash });
      prev = hash;
    }
    await tx.query(
      `INSERT INTO audit_chain (seq, event_id, prev_hash, hash)
       SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::text[])`,
      [rows.map((r) => r.seq), rows.map((r) => r.eventId), rows.map((r) => r.prev), rows.map((r) => r.hash)],
    );
    return rows.length;
  });
}

/** Chains until the queue is empty. */
export async function chainAllAuditEvents(db: DataSource, batch = 1000): Promise<number> {
  let total = 0;
  for (;;) {
    const n = await chainAuditEvents(db, batch);
    total += n;
    if (n < batch) return total;
  }
}

export type BrokenReason = 'event-changed' | 'event-missing' | 'link-changed' | 'link-missing';

export interface AuditVerification {
  /** Links checked. */
  checked: number;
  /** The first broken link, or null when the chain holds. */
  broken: { seq: string; eventId: string | null; reason: BrokenReason; action: string | null; at: string | null } | null;
  /** Events in neither the chain nor its queue: taken out of the queue, so never chained. */
  unchained: string[];
  /** Events waiting in the queue longer than `staleAfterMinutes`: the chainer is not running. */
  stale: number;
}

/**
 * Walks the chain from its first link, recomputing every hash, and stops at the first broken link. Read-only: any
 * role that may read the audit tables can run it (`npm run audit:verify`).
 */
export async function verifyAuditChain(db: DataSource | EntityManager, options: { pageSize?: number; staleAfterMinutes?: number } = {}): Promise<AuditVerification> {
  const pageSize = options.pageSize ?? 5000;
  let expectedSeq = 1n;
  let prev = GENESIS_HASH;
  let checked = 0;
  let broken: AuditVerification['broken'] = null;
  for (;;) {
    const rows = (await db.query(
      `SELECT c.seq::text AS seq, c.event_id::text AS event_id, c.prev_hash, c.hash, e.id IS NOT NULL AS present, ${EVENT_COLUMNS}
         FROM audit_chain c LEFT JOIN audit_events e ON e.id = c.event_id
        WHERE c.seq >= $1 ORDER BY c.seq LIMIT $2`,
      [expectedSeq.toString(), pageSize],
    )) as (EventRow & { seq: string; event_id: string; prev_hash: string; hash: string; present: boolean })[];
    for (const row of rows) {
      const at = { seq: row.seq, eventId: row.event_id, action: row.action, at: row.at };
      if (BigInt(row.seq) !== expectedSeq) {
        broken = { ...at, seq: expectedSeq.toString(), eventId: null, action: null, at: null, reason: 'link-missing' };
      } else if (!row.present) broken = { ...at, reason: 'event-missing' };
      else if (row.prev_hash !== prev) broken = { ...at, reason: 'link-changed' };
      else if (linkHash(prev, row.seq, { ...row, id: row.event_id }) !== row.hash) {
        // The link's own hash no longer covers the event: either the event or the stored hash was changed.
        broken = { ...at, reason: 'event-changed' };
      }
      if (broken) break;
      checked++;
      prev = row.hash;
      expectedSeq += 1n;
    }
    if (broken || rows.length < pageSize) break;
  }
  const unchained = (await db.query(
    `SELECT e.id::text AS id FROM audit_events e
      WHERE NOT EXISTS (SELECT 1 FROM audit_chain c WHERE c.event_id = e.id) AND NOT EXISTS (SELECT 1 FROM audit_pending p WHERE p.event_id = e.id)
      ORDER BY e.id LIMIT 100`,
  )) as { id: string }[];
  const [{ stale }] = (await db.query(
    `SELECT count(*)::int AS stale FROM audit_pending p JOIN audit_events e ON e.id = p.event_id WHERE e.at < now() - make_interval(mins => $1)`,
    [options.staleAfterMinutes ?? 10],
  )) as { stale: number }[];
  return { checked, broken, unchained: unchained.map((u) => u.id), stale };
}

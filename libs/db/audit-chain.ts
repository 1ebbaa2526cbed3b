import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';

/**
 * The hash chain over the audit trail (migration 1765220000000-audit-chain).
 *
 * Link n holds content_n = SHA-256(JSON [event id, time to the microsecond in UTC, actor, role, action, dossier, person,
 * details as PostgreSQL's canonical jsonb text]) and hash_n = SHA-256(hash_{n-1} | n | content_n). Changing or removing
 * an event after it was chained breaks the link that holds it; removing, reordering or rewriting a link breaks the
 * sequence. One chainer at a time (an advisory lock) takes the queue of new events in id order; requests never wait.
 *
 * The links hold only hashes: when the retention (libs/db/audit-retention.ts) deletes an event after its period, the
 * archived links still prove the chain up to the signed checkpoint that closes the segment, without keeping the
 * event's content.
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

export function contentHash(event: EventRow): string {
  const content = JSON.stringify([event.id, event.at, event.actor_id, event.actor_role, event.action, event.dossier_id, event.person_id, event.details]);
  return createHash('sha256').update(content).digest('hex');
}

export function linkHash(prevHash: string, seq: string | number, content: string): string {
  return createHash('sha256').update(`${prevHash}|${seq}|${content}`).digest('hex');
}

export interface Checkpoint {
  seq: string;
  hash: string;
  links: number;
  eventsDeleted: number;
  archive: string;
  archiveSha256: string;
  keyId: string;
  signature: string;
}

/** What a checkpoint's signature covers. */
export function checkpointText(c: Pick<Checkpoint, 'seq' | 'hash' | 'links' | 'eventsDeleted' | 'archive' | 'archiveSha256' | 'keyId'>): string {
  return ['ocmw-flow audit checkpoint v1', c.seq, c.hash, c.links, c.eventsDeleted, c.archive, c.archiveSha256, c.keyId].join('|');
}

export function signCheckpoint(c: Omit<Checkpoint, 'signature'>, key: Buffer): string {
  return createHmac('sha256', key).update(checkpointText(c)).digest('hex');
}

/** The checkpoints, oldest first. */
export async function auditCheckpoints(db: DataSource | EntityManager): Promise<Checkpoint[]> {
  const rows = (await db.query(
    `SELECT seq::text AS seq, hash, links, events_deleted, archive, archive_sha256, key_id, signature FROM audit_checkpoints c ORDER BY c.seq`,
  )) as { seq: string; hash: string; links: number; events_deleted: number; archive: string; archive_sha256: string; key_id: string; signature: string }[];
  return rows.map((r) => ({ seq: r.seq, hash: r.hash, links: r.links, eventsDeleted: r.events_deleted, archive: r.archive, archiveSha256: r.archive_sha256, keyId: r.key_id, signature: r.signature }));
}

/** Where the chain goes on: its last link, or the last checkpoint when every link up to it was archived. */
async function chainHead(db: EntityManager): Promise<{ seq: bigint; hash: string }> {
  const [last] = (await db.query('SELECT c.seq::text AS seq, c.hash FROM audit_chain c ORDER BY c.seq DESC LIMIT 1')) as { seq: string; hash: string }[];
  const [cp] = (await db.query('SELECT c.seq::text AS seq, c.hash FROM audit_checkpoints c ORDER BY c.seq DESC LIMIT 1')) as { seq: string; hash: string }[];
  const candidates = [last, cp].filter((x): x is { seq: string; hash: string } => !!x).sort((a, b) => (BigInt(b.seq) > BigInt(a.seq) ? 1 : -1));
  return candidates.length ? { seq: BigInt(candidates[0].seq), hash: candidates[0].hash } : { seq: 0n, hash: GENESIS_HASH };
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
    const head = await chainHead(tx);
    let seq = head.seq;
    let prev = head.hash;
    const rows: { seq: string; eventId: string; prev: string; content: string; hash: string }[] = [];
    for (const event of events) {
      seq += 1n;
      const content = contentHash(event);
      const hash = linkHash(prev, seq.toString(), content);
      rows.push({ seq: seq.toString(), eventId: event.id, prev, content, hash });
      prev = hash;
    }
    await tx.query(
      `INSERT INTO audit_chain (seq, event_id, prev_hash, content_hash, hash)
       SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::text[], $5::text[])`,
      [rows.map((r) => r.seq), rows.map((r) => r.eventId), rows.map((r) => r.prev), rows.map((r) => r.content), rows.map((r) => r.hash)],
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

export type BrokenReason = 'event-changed' | 'event-missing' | 'link-changed' | 'link-missing' | 'checkpoint-forged' | 'checkpoint-unknown-key';

export interface AuditVerification {
  /** Links checked after the last checkpoint (the chain itself). */
  checked: number;
  /** Links at or before the last checkpoint still in the database (events kept longer), each checked against its event. */
  archivedChecked: number;
  /** The checkpoint verification started from (null: from the first link). */
  checkpoint: { seq: string; links: number; eventsDeleted: number; archive: string } | null;
  /** The first broken link (or forged checkpoint), or null when the trail holds. */
  broken: { seq: string; eventId: string | null; reason: BrokenReason; action: string | null; at: string | null } | null;
  /** Events in neither the chain nor its queue: taken out of the queue, so never chained. */
  unchained: string[];
  /** Events waiting in the queue longer than `staleAfterMinutes`: the chainer is not running. */
  stale: number;
}

type LinkRow = EventRow & { seq: string; event_id: string; prev_hash: string; content_hash: string; hash: string; present: boolean };

/**
 * Checks the checkpoints' signatures (with `checkpointKeys`, id → key; without keys they are trusted as stored), then
 * walks the chain from the last checkpoint (or its first link), recomputing every hash, and stops at the first broken
 * link; links archived by a checkpoint but still in the database (events with a longer retention) are checked against
 * their event one by one. Read-only: any role that may read the audit tables can run it (`npm run audit:verify`).
 */
export async function verifyAuditChain(
  db: DataSource | EntityManager,
  options: { pageSize?: number; staleAfterMinutes?: number; checkpointKeys?: ReadonlyMap<string, Buffer> | null } = {},
): Promise<AuditVerification> {
  const pageSize = options.pageSize ?? 5000;
  const checkpoints = await auditCheckpoints(db);
  let broken: AuditVerification['broken'] = null;
  for (const cp of checkpoints) {
    if (!options.checkpointKeys) break;
    const key = options.checkpointKeys.get(cp.keyId);
    if (!key) broken = { seq: cp.seq, eventId: null, action: null, at: null, reason: 'checkpoint-unknown-key' };
    else {
      const expected = Buffer.from(signCheckpoint(cp, key), 'hex');
      const given = Buffer.from(cp.signature, 'hex');
      if (expected.length !== given.length || !timingSafeEqual(expected, given)) broken = { seq: cp.seq, eventId: null, action: null, at: null, reason: 'checkpoint-forged' };
    }
    if (broken) break;
  }
  const last = checkpoints.at(-1) ?? null;
  const start = BigInt(last?.seq ?? '0');
  let expectedSeq = start + 1n;
  let prev = last?.hash ?? GENESIS_HASH;
  let checked = 0;
  let archivedChecked = 0;
  const select = `SELECT c.seq::text AS seq, c.event_id::text AS event_id, c.prev_hash, c.content_hash, c.hash, e.id IS NOT NULL AS present, ${EVENT_COLUMNS}
                    FROM audit_chain c LEFT JOIN audit_events e ON e.id = c.event_id`;
  const problemOf = (row: LinkRow): BrokenReason | null => {
    if (!row.present) return 'event-missing';
    // The link's content hash no longer covers the event: the event (or the stored hash) was changed.
    if (contentHash({ ...row, id: row.event_id }) !== row.content_hash) return 'event-changed';
    return null;
  };
  const brokenAt = (row: LinkRow, reason: BrokenReason) => ({ seq: row.seq, eventId: row.event_id, action: row.action, at: row.at, reason });

  // The archived part still in the database: each link against its event.
  let after = 0n;
  while (!broken && start > 0n) {
    const rows = (await db.query(`${select} WHERE c.seq > $1 AND c.seq <= $2 ORDER BY c.seq LIMIT $3`, [after.toString(), start.toString(), pageSize])) as LinkRow[];
    for (const row of rows) {
      const problem = problemOf(row);
      if (problem) {
        broken = brokenAt(row, problem);
        break;
      }
      archivedChecked++;
    }
    if (rows.length < pageSize) break;
    after = BigInt(rows[rows.length - 1].seq);
  }
  // The chain after the last checkpoint, link by link.
  while (!broken) {
    const rows = (await db.query(`${select} WHERE c.seq >= $1 ORDER BY c.seq LIMIT $2`, [expectedSeq.toString(), pageSize])) as LinkRow[];
    for (const row of rows) {
      if (BigInt(row.seq) !== expectedSeq) broken = { seq: expectedSeq.toString(), eventId: null, action: null, at: null, reason: 'link-missing' };
      else if (row.prev_hash !== prev || linkHash(prev, row.seq, row.content_hash) !== row.hash) broken = brokenAt(row, 'link-changed');
      else {
        const problem = problemOf(row);
        if (problem) broken = brokenAt(row, problem);
      }
      if (broken) break;
      checked++;
      prev = row.hash;
      expectedSeq += 1n;
    }
    if (rows.length < pageSize) break;
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
  return {
    checked,
    archivedChecked,
    checkpoint: last ? { seq: last.seq, links: last.links, eventsDeleted: last.eventsDeleted, archive: last.archive } : null,
    broken,
    unchained: unchained.map((u) => u.id),
    stale,
  };
}

import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DataSource } from 'typeorm';
import type { PayloadKeys } from '../temporal/payload-codec';
import { audit, SYSTEM } from './audit';
import { chainAllAuditEvents, signCheckpoint, verifyAuditChain } from './audit-chain';
import { retentionDaysOf, type RetentionPolicy } from '../domain/audit-retention-policy';

/**
 * The audit trail's retention, run as the schema owner (`npm run audit:retention`, daily from cron or a CronJob: the
 * application role may not delete audit rows, so no process of the system can do this).
 *
 * 1. The trail must hold (verification from the last checkpoint); otherwise nothing is archived or deleted.
 * 2. The links chained more than `archiveAfterDays` ago that follow the last checkpoint are written to an archive
 *    file — hashes and ids only, never an event's content — and a checkpoint closing that segment is signed with the
 *    current checkpoint key (HMAC-SHA256; the key is not in the database) and stored. Verification starts there.
 * 3. Of the events in archived segments, those past their kind's retention period are deleted with their links; the
 *    archive still proves the chain across them. Events after the last checkpoint are never deleted.
 * 4. The run is itself an audit event (`audit.retention`), with what it archived and deleted per kind.
 *
 * The periods are [U]: configuration, OCMW_AUDIT_RETENTION (libs/domain/audit-retention-policy.ts).
 */

export interface RetentionResult {
  /** The segment archived and closed by a new checkpoint (its last link's hash), or null when none was due. */
  segment: { from: string; to: string; hash: string; links: number; archive: string; archiveSha256: string } | null;
  eventsDeleted: number;
  deletedByAction: Record<string, number>;
}

const DAY_MS = 86_400_000;

export async function runAuditRetention(
  owner: DataSource,
  options: { now: Date; policy: RetentionPolicy; archiveAfterDays: number; archiveDir: string; keys: PayloadKeys },
): Promise<RetentionResult> {
  await chainAllAuditEvents(owner);
  const verification = await verifyAuditChain(owner, { checkpointKeys: options.keys.keys });
  if (verification.broken || verification.unchained.length) {
    throw new Error(
      `retention refused: the audit trail does not hold (${verification.broken ? `link ${verification.broken.seq}: ${verification.broken.reason}` : `unchained events ${verification.unchained.join(', ')}`}); run npm run audit:verify`,
    );
  }
  const from = BigInt(verification.checkpoint?.seq ?? '0');
  const archiveBefore = new Date(options.now.getTime() - options.archiveAfterDays * DAY_MS);
  const [{ to }] = (await owner.query(`SELECT max(seq)::text AS to FROM audit_chain WHERE seq > $1 AND chained_at < $2`, [from.toString(), archiveBefore])) as { to: string | null }[];

  let segment: RetentionResult['segment'] = null;
  if (to !== null) {
    const links = (await owner.query(
      `SELECT seq::text AS seq, event_id::text AS "eventId", prev_hash AS "prevHash", content_hash AS "contentHash", hash FROM audit_chain c WHERE c.seq > $1 AND c.seq <= $2 ORDER BY c.seq`,
      [from.toString(), to],
    )) as { seq: string; eventId: string; prevHash: string; contentHash: string; hash: string }[];
    const name = `audit-segment-${(from + 1n).toString().padStart(12, '0')}-${to.padStart(12, '0')}.jsonl`;
    const lines = [JSON.stringify({ format: 'ocmw-flow audit segment v1', from: (from + 1n).toString(), to, links: links.length }), ...links.map((l) => JSON.stringify(l))];
    const text = `${lines.join('\n')}\n`;
    fs.mkdirSync(options.archiveDir, { recursive: true });
    const file = path.join(options.archiveDir, name);
    // Written and synced before anything is deleted; an archive of the same segment from an interrupted run is replaced.
    const fd = fs.openSync(file, 'w', 0o640);
    try {
      fs.writeSync(fd, text);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    segment = { from: (from + 1n).toString(), to, hash: links[links.length - 1].hash, links: links.length, archive: name, archiveSha256: createHash('sha256').update(text).digest('hex') };
  }
  const upTo = segment ? segment.to : from.toString();

  return owner.transaction(async (tx) => {
    const candidates = (await tx.query(
      `SELECT e.id::text AS id, e.action, e.at FROM audit_events e JOIN audit_chain c ON c.event_id = e.id WHERE c.seq <= $1`,
      [upTo],
    )) as { id: string; action: string; at: Date }[];
    const expired = candidates.filter((e) => e.at.getTime() < options.now.getTime() - retentionDaysOf(options.policy, e.action) * DAY_MS);
    const deletedByAction: Record<string, number> = {};
    for (const e of expired) deletedByAction[e.action] = (deletedByAction[e.action] ?? 0) + 1;
    const ids = expired.map((e) => e.id);
    for (let i = 0; i < ids.length; i += 5000) {
      const batch = ids.slice(i, i + 5000);
      await tx.query(`DELETE FROM audit_chain WHERE event_id = ANY($1::bigint[])`, [batch]);
      await tx.query(`DELETE FROM audit_events WHERE id = ANY($1::bigint[])`, [batch]);
    }
    if (segment) {
      const checkpoint = { seq: segment.to, hash: segment.hash, links: segment.links, eventsDeleted: ids.length, archive: segment.archive, archiveSha256: segment.archiveSha256, keyId: options.keys.currentId };
      await tx.query(
        `INSERT INTO audit_checkpoints (seq, hash, links, events_deleted, archive, archive_sha256, key_id, signature) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [checkpoint.seq, checkpoint.hash, checkpoint.links, checkpoint.eventsDeleted, checkpoint.archive, checkpoint.archiveSha256, checkpoint.keyId, signCheckpoint(checkpoint, options.keys.keys.get(options.keys.currentId)!)],
      );
    }
    await audit(tx, SYSTEM, 'audit.retention', { details: { segment, eventsDeleted: ids.length, deletedByAction, archiveAfterDays: options.archiveAfterDays } });
    return { segment, eventsDeleted: ids.length, deletedByAction };
  });
}

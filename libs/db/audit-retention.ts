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
  if (to !== null) segment = await writeArchive(owner, from, to, options.archiveDir);
  const upTo = segment ? segment.to : from.toString();

  return owner.transaction(async (tx) => {
    // Per kind of event, in the database: the kinds old enough for the shortest period, then each kind's own cutoff.
    const shortest = Math.min(options.policy.defaultDays, ...options.policy.rules.map((r) => r.days));
    const kinds = (await tx.query(
      `SELECT DISTINCT e.action FROM audit_events e JOIN audit_chain c ON c.event_id = e.id WHERE c.seq <= $1 AND e.at < $2`,
      [upTo, new Date(options.now.getTime() - shortest * DAY_MS)],
    )) as { action: string }[];
    const deletedByAction: Record<string, number> = {};
    let deleted = 0;
    for (const { action } of kinds) {
      const [{ n }] = (await tx.query(
        `WITH links AS (
           DELETE FROM audit_chain c USING audit_events e
            WHERE c.event_id = e.id AND c.seq <= $1 AND e.action = $2 AND e.at < $3 RETURNING c.event_id
         ), events AS (DELETE FROM audit_events WHERE id IN (SELECT event_id FROM links) RETURNING 1)
         SELECT count(*)::int AS n FROM events`,
        [upTo, action, new Date(options.now.getTime() - retentionDaysOf(options.policy, action) * DAY_MS)],
      )) as { n: number }[];
      if (n) deletedByAction[action] = n;
      deleted += n;
    }
    if (segment) {
      const checkpoint = { seq: segment.to, hash: segment.hash, links: segment.links, eventsDeleted: deleted, archive: segment.archive, archiveSha256: segment.archiveSha256, keyId: options.keys.currentId };
      await tx.query(
        `INSERT INTO audit_checkpoints (seq, hash, links, events_deleted, archive, archive_sha256, key_id, signature) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [checkpoint.seq, checkpoint.hash, checkpoint.links, checkpoint.eventsDeleted, checkpoint.archive, checkpoint.archiveSha256, checkpoint.keyId, signCheckpoint(checkpoint, options.keys.keys.get(options.keys.currentId)!)],
      );
    }
    await audit(tx, SYSTEM, 'audit.retention', { details: { segment, eventsDeleted: deleted, deletedByAction, archiveAfterDays: options.archiveAfterDays } });
    return { segment, eventsDeleted: deleted, deletedByAction };
  });
}

/**
 * Writes the links (from, to] — contiguous, the trail was just verified — to the segment's archive file, a page at a
 * time (a first run may archive years), and syncs it before anything is deleted. An archive of the same segment left by
 * an interrupted run is replaced.
 */
async function writeArchive(owner: DataSource, from: bigint, to: string, archiveDir: string): Promise<NonNullable<RetentionResult['segment']>> {
  const first = (from + 1n).toString();
  const links = Number(BigInt(to) - from);
  const name = `audit-segment-${first.padStart(12, '0')}-${to.padStart(12, '0')}.jsonl`;
  fs.mkdirSync(archiveDir, { recursive: true });
  const digest = createHash('sha256');
  const fd = fs.openSync(path.join(archiveDir, name), 'w', 0o640);
  const write = (line: string) => {
    fs.writeSync(fd, line);
    digest.update(line);
  };
  let hash = '';
  try {
    write(`${JSON.stringify({ format: 'ocmw-flow audit segment v1', from: first, to, links })}\n`);
    for (let after = from.toString(); ; ) {
      const page = (await owner.query(
        `SELECT seq::text AS seq, event_id::text AS "eventId", prev_hash AS "prevHash", content_hash AS "contentHash", hash
           FROM audit_chain c WHERE c.seq > $1 AND c.seq <= $2 ORDER BY c.seq LIMIT 10000`,
        [after, to],
      )) as { seq: string; eventId: string; prevHash: string; contentHash: string; hash: string }[];
      if (!page.length) break;
      write(page.map((l) => `${JSON.stringify(l)}\n`).join(''));
      after = page[page.length - 1].seq;
      hash = page[page.length - 1].hash;
    }
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  return { from: first, to, hash, links, archive: name, archiveSha256: digest.digest('hex') };
}

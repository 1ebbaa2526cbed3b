import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DataSource } from 'typeorm';
import { retentionReport } from '../../../apps/cli/audit-retention';
import { verificationReport } from '../../../apps/cli/audit-verify';
import { chainAllAuditEvents, verifyAuditChain } from '../../../libs/db/audit-chain';
import { runAuditRetention } from '../../../libs/db/audit-retention';
import { parseRetentionPolicy } from '../../../libs/domain/audit-retention-policy';
import { parsePayloadKeys } from '../../../libs/temporal/payload-codec';
import { migratedAsRoles } from '../../support/database';
import * as os from 'node:os';

const DOSSIER = '7d1c6f0e-1a52-4a7e-9a44-2d3b9f6c8e01';
const KEYS = parsePayloadKeys(`cp-2027:${Buffer.alloc(32, 9).toString('base64')},cp-2026:${Buffer.alloc(32, 3).toString('base64')}`).keys!;
const OTHER_KEYS = parsePayloadKeys(`cp-2027:${Buffer.alloc(32, 1).toString('base64')}`).keys!;
const POLICY = parseRetentionPolicy('default=3650,auth.*=365').policy!;

/**
 * The audit retention on a real PostgreSQL, as the owner, with a fixed clock: segments archived behind signed
 * checkpoints, events deleted after their kind's period, verification starting at the checkpoint.
 */
describe('the audit retention (db)', () => {
  let owner: DataSource;
  let app: DataSource;
  let archiveDir: string;

  beforeAll(async () => {
    ({ owner, app } = await migratedAsRoles('retention'));
    archiveDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ocmw-audit-archive-')), 'archive');
  });
  afterAll(async () => {
    await app?.destroy();
    await owner?.destroy();
    if (archiveDir) fs.rmSync(path.dirname(archiveDir), { recursive: true, force: true });
  });

  /** Events as they were written on `at` (the owner sets the time; the trigger queues them as for any insert). */
  const write = (action: string, at: string, count: number) =>
    owner.query(
      `INSERT INTO audit_events (at, actor_role, action, dossier_id, details) SELECT $1::timestamptz, 'social-worker', $2, $3, jsonb_build_object('i', i) FROM generate_series(1, $4) i`,
      [at, action, DOSSIER, count],
    );
  const actions = async () => (await owner.query(`SELECT action, count(*)::int AS n FROM audit_events GROUP BY action ORDER BY action`)) as { action: string; n: number }[];
  const retention = (now: string) => runAuditRetention(owner, { now: new Date(now), policy: POLICY, archiveAfterDays: 90, archiveDir, keys: KEYS });

  it('archives the chain behind a signed checkpoint and deletes only what is past its period', async () => {
    await write('auth.login', '2026-01-10T08:00:00Z', 3); // one year: past on 1 June 2027
    await write('dossier.read', '2026-01-10T08:00:00Z', 3); // ten years: kept
    await write('auth.login-failed', '2026-12-01T08:00:00Z', 2); // one year: not yet past
    await chainAllAuditEvents(app);

    const first = await retention('2027-06-01T00:00:00Z');
    expect(first).toMatchObject({ segment: { from: '1', to: '8', links: 8 }, eventsDeleted: 3, deletedByAction: { 'auth.login': 3 } });
    expect(retentionReport(first)).toContain('Gearchiveerd: schakels 1 tot 8 (8) in audit-segment-000000000001-000000000008.jsonl');
    expect(retentionReport(first)).toContain('Verwijderd na hun bewaartermijn: 3 gebeurtenissen (auth.login: 3).');
    expect(await actions()).toEqual([
      { action: 'audit.retention', n: 1 },
      { action: 'auth.login-failed', n: 2 },
      { action: 'dossier.read', n: 3 },
    ]);

    // The archive holds the segment's hashes and ids, never an event's content; its digest is in the checkpoint.
    const text = fs.readFileSync(path.join(archiveDir, first.segment!.archive), 'utf8');
    const lines = text.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines[0]).toEqual({ format: 'ocmw-flow audit segment v1', from: '1', to: '8', links: 8 });
    expect(lines.slice(1).map((l) => Object.keys(l).sort())).toEqual(Array(8).fill(['contentHash', 'eventId', 'hash', 'prevHash', 'seq']));
    expect(text).not.toContain('social-worker');
    const [cp] = await owner.query(`SELECT seq::text AS seq, archive_sha256, key_id, events_deleted FROM audit_checkpoints`);
    expect(cp).toEqual({ seq: '8', archive_sha256: createHash('sha256').update(text).digest('hex'), key_id: 'cp-2027', events_deleted: 3 });

    // Verification starts at the checkpoint; the five kept events of the segment are checked one by one.
    await chainAllAuditEvents(app); // the retention's own event
    const v = await verifyAuditChain(app, { checkpointKeys: KEYS.keys });
    expect(v).toMatchObject({ broken: null, checked: 1, archivedChecked: 5, unchained: [], checkpoint: { seq: '8', links: 8, eventsDeleted: 3 } });
    expect(verificationReport(v).text).toContain('Vanaf het controlepunt na schakel 8 (archief audit-segment-000000000001-000000000008.jsonl, handtekeningen nagegaan); 5 gearchiveerde schakels');
  });

  it('goes on after the checkpoint, and a later run deletes what has since passed its period', async () => {
    await write('task.completed', '2027-07-01T08:00:00Z', 4);
    await chainAllAuditEvents(app);
    expect(await verifyAuditChain(app, { checkpointKeys: KEYS.keys })).toMatchObject({ broken: null, checked: 5 });

    const second = await retention('2028-02-01T00:00:00Z');
    expect(second).toMatchObject({ segment: { from: '9', to: '13', links: 5 }, eventsDeleted: 2, deletedByAction: { 'auth.login-failed': 2 } });
    await chainAllAuditEvents(app);
    expect(await verifyAuditChain(app, { checkpointKeys: KEYS.keys })).toMatchObject({ broken: null, checked: 1, archivedChecked: 3 + 1 + 4, checkpoint: { seq: '13' } });
    // Nothing new: no segment, nothing deleted (a run per day is harmless).
    const idle = await runAuditRetention(owner, { now: new Date('2028-02-01T00:00:00Z'), policy: POLICY, archiveAfterDays: 90000, archiveDir, keys: KEYS });
    expect(idle).toEqual({ segment: null, eventsDeleted: 0, deletedByAction: {} });
    expect(retentionReport(idle)).toBe('Geen nieuw segment om te archiveren.\nGeen gebeurtenissen voorbij hun bewaartermijn.');
  });

  it('names a forged checkpoint, a key it does not know, and a changed event that was archived but kept', async () => {
    expect(await app.query(`INSERT INTO audit_checkpoints (seq, hash, links, events_deleted, archive, archive_sha256, key_id, signature) VALUES (99, 'x', 1, 0, 'a', 'b', 'c', 'd')`).catch((e) => e.code)).toBe('42501');

    await owner.query(`UPDATE audit_checkpoints SET events_deleted = 0 WHERE seq = 8`);
    expect((await verifyAuditChain(app, { checkpointKeys: KEYS.keys })).broken).toMatchObject({ seq: '8', reason: 'checkpoint-forged' });
    expect(verificationReport(await verifyAuditChain(app, { checkpointKeys: KEYS.keys })).text).toContain('Audittrail GEBROKEN bij het controlepunt na schakel 8: de handtekening');
    await owner.query(`UPDATE audit_checkpoints SET events_deleted = 3 WHERE seq = 8`);
    expect((await verifyAuditChain(app, { checkpointKeys: OTHER_KEYS.keys })).broken).toMatchObject({ seq: '8', reason: 'checkpoint-forged' });
    expect((await verifyAuditChain(app, { checkpointKeys: new Map() })).broken).toMatchObject({ seq: '8', reason: 'checkpoint-unknown-key' });
    expect((await verifyAuditChain(app, { checkpointKeys: KEYS.keys })).broken).toBeNull();

    const [kept] = await owner.query(`SELECT id::text AS id FROM audit_events WHERE action = 'dossier.read' ORDER BY id LIMIT 1`);
    await owner.query(`UPDATE audit_events SET actor_role = 'admin' WHERE id = $1`, [kept.id]);
    expect((await verifyAuditChain(app, { checkpointKeys: KEYS.keys })).broken).toMatchObject({ eventId: kept.id, reason: 'event-changed' });
  });

  it('refuses to archive or delete anything while the trail does not hold', async () => {
    const before = await actions();
    await expect(retention('2040-01-01T00:00:00Z')).rejects.toThrow(/retention refused: the audit trail does not hold \(link \d+: event-changed\)/);
    expect(await actions()).toEqual(before);
    expect((await owner.query(`SELECT count(*)::int AS n FROM audit_checkpoints`))[0].n).toBe(2);
  });
});

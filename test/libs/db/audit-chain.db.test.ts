import { DataSource } from 'typeorm';
import { verificationReport } from '../../../apps/cli/audit-verify';
import { audit, SYSTEM } from '../../../libs/db/audit';
import { chainAllAuditEvents, chainAuditEvents, verifyAuditChain } from '../../../libs/db/audit-chain';
import { createDataSource } from '../../../libs/db/data-source';
import { grantApplicationRole, leastPrivilegeProblems, roleOfUrl } from '../../../libs/db/roles';
import { migratedAsRoles } from '../../support/database';

const DOSSIER = '7d1c6f0e-1a52-4a7e-9a44-2d3b9f6c8e01';
const USER = '0b6f2a34-5c1d-4e8f-a9b0-6e7d8c9f0a12';

/** Least privilege and the audit trail's hash chain, on a real PostgreSQL with an owner and an application role. */
describe('the application role and the audit chain (db)', () => {
  let ownerUrl: string;
  let appUrl: string;
  let owner: DataSource;
  let app: DataSource;

  beforeAll(async () => {
    // The migrations run as the owner, then the application role is granted (as the launcher and `npm run migrate` do).
    let migrations: string[];
    ({ owner, app, ownerUrl, appUrl, migrations } = await migratedAsRoles('chain', 3));
    expect(migrations.length).toBeGreaterThan(20);
  });
  afterAll(async () => {
    await app?.destroy();
    await owner?.destroy();
  });

  const denied = (sql: string, params: unknown[] = []) => app.query(sql, params).then(() => 'allowed', (err: { code?: string }) => err.code);

  it('lets the application role write audit rows but never change or remove one, nor touch the schema', async () => {
    await app.transaction((tx) => audit(tx, { id: USER, role: 'social-worker' }, 'dossier.read', { dossierId: DOSSIER }));
    expect(await denied(`UPDATE audit_events SET action = 'x'`)).toBe('42501');
    expect(await denied(`DELETE FROM audit_events`)).toBe('42501');
    expect(await denied(`TRUNCATE audit_events`)).toBe('42501');
    expect(await denied(`DELETE FROM audit_chain`)).toBe('42501');
    expect(await denied(`UPDATE audit_chain SET hash = 'x'`)).toBe('42501');
    expect(await denied(`INSERT INTO migrations (timestamp, name) VALUES (1, 'x')`)).toBe('42501');
    expect(await denied(`CREATE TABLE stolen (x int)`)).toBe('42501');
    expect(await denied(`ALTER TABLE dossiers ADD COLUMN x int`)).toBe('42501'); // must be owner
    expect(await denied(`DROP TRIGGER audit_events_enqueue ON audit_events`)).toBe('42501');
    // Its ordinary work: rows of the other tables.
    expect(await denied(`UPDATE users SET display_name = display_name WHERE false`)).toBe('allowed');
    expect(await leastPrivilegeProblems(app)).toEqual([]);
    expect((await leastPrivilegeProblems(owner)).join('; ')).toMatch(/superuser/);
    expect(roleOfUrl(appUrl)).toBe('ocmw_app_test');
  });

  it('re-grants after a migration: a new table is the application role\'s to use, the audit tables stay append-only', async () => {
    await owner.query(`CREATE TABLE later_table (id int)`);
    expect(await denied(`SELECT * FROM later_table`)).toBe('42501');
    await grantApplicationRole(owner, roleOfUrl(appUrl));
    expect(await denied(`INSERT INTO later_table VALUES (1)`)).toBe('allowed');
    expect(await denied(`DELETE FROM audit_events`)).toBe('42501');
    await owner.query(`DROP TABLE later_table`);
  });

  it('chains every event in order, also one whose transaction commits after later ones were chained', async () => {
    for (let i = 0; i < 25; i++) {
      await app.transaction((tx) =>
        audit(tx, { id: USER, role: 'social-worker' }, i % 2 ? 'task.completed' : 'dossier.read', { dossierId: DOSSIER, details: { n: i, note: 'één "quote"', nested: { b: 1, a: [1, 2] } } }),
      );
    }
    // A transaction that took its id early and commits late.
    const runner = app.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    await audit(runner.manager, SYSTEM, 'payment.ordered', { dossierId: DOSSIER, details: { cents: 131420 } });
    await app.transaction((tx) => audit(tx, SYSTEM, 'notice.sent', { dossierId: DOSSIER }));
    await chainAllAuditEvents(app, 10); // as the application role, in batches
    expect(await verifyAuditChain(app)).toMatchObject({ checked: 27, broken: null, unchained: [] });
    await runner.commitTransaction();
    await runner.release();
    expect(await chainAuditEvents(app)).toBe(1);
    expect(await verifyAuditChain(app)).toMatchObject({ checked: 28, broken: null, unchained: [], stale: 0 });
    const [late] = await owner.query(`SELECT c.seq::int AS seq FROM audit_chain c JOIN audit_events e ON e.id = c.event_id WHERE e.action = 'payment.ordered'`);
    expect(late.seq).toBe(28);
  });

  it('lets two chainers run at once without a fork in the chain', async () => {
    for (let i = 0; i < 40; i++) await app.transaction((tx) => audit(tx, SYSTEM, 'deadline.warned', { dossierId: DOSSIER, details: { i } }));
    const second = await createDataSource(appUrl, { poolSize: 2 }).initialize();
    try {
      await Promise.all([chainAllAuditEvents(app, 5), chainAllAuditEvents(second, 5), chainAllAuditEvents(app, 7)]);
      await chainAllAuditEvents(second);
    } finally {
      await second.destroy();
    }
    expect(await verifyAuditChain(app, { pageSize: 9 })).toMatchObject({ checked: 68, broken: null, unchained: [] });
  });

  it('names the first broken link when a row is changed directly in the database, and holds again when it is put back', async () => {
    const [row] = await owner.query(`SELECT c.seq::text AS seq, e.id::text AS id, e.details::text AS details FROM audit_chain c JOIN audit_events e ON e.id = c.event_id WHERE c.seq = 12`);
    await owner.query(`UPDATE audit_events SET details = details || '{"n": 999}' WHERE id = $1`, [row.id]);
    const changed = await verifyAuditChain(app);
    expect(changed.broken).toMatchObject({ seq: '12', eventId: row.id, reason: 'event-changed' });
    expect(changed.checked).toBe(11);
    const report = verificationReport(changed);
    expect(report.ok).toBe(false);
    expect(report.text).toContain(`Audittrail GEBROKEN bij schakel 12 (gebeurtenis ${row.id}, dossier.read, `);
    expect(report.text).toMatch(/, \d{1,2} [a-z]+ \d{4} \d\d:\d\d:\d\d UTC\): de gebeurtenis/);
    expect(report.text).toContain('De 11 schakels ervoor zijn in orde.');

    await owner.query(`UPDATE audit_events SET details = $2::jsonb WHERE id = $1`, [row.id, row.details]);
    expect((await verifyAuditChain(app)).broken).toBeNull();

    // A moved timestamp, a changed actor: each breaks its link.
    await owner.query(`UPDATE audit_events SET at = at + interval '1 microsecond' WHERE id = (SELECT event_id FROM audit_chain WHERE seq = 3)`);
    expect((await verifyAuditChain(app)).broken).toMatchObject({ seq: '3', reason: 'event-changed' });
    await owner.query(`UPDATE audit_events SET at = at - interval '1 microsecond' WHERE id = (SELECT event_id FROM audit_chain WHERE seq = 3)`);
    expect(verificationReport(await verifyAuditChain(app))).toEqual({ ok: true, text: 'Audittrail in orde: 68 schakels nagerekend.' });
  });

  it('detects a removed link, a rewritten link and an event taken out of the queue', async () => {
    const [link] = await owner.query(`SELECT * FROM audit_chain WHERE seq = 40`);
    await owner.query(`DELETE FROM audit_chain WHERE seq = 40`);
    expect((await verifyAuditChain(app)).broken).toMatchObject({ seq: '40', eventId: null, reason: 'link-missing' });
    await owner.query(`INSERT INTO audit_chain (seq, event_id, prev_hash, content_hash, hash, chained_at) VALUES ($1, $2, $3, $4, $5, $6)`, [link.seq, link.event_id, link.prev_hash, link.content_hash, link.hash, link.chained_at]);

    // Rewriting one link's hashes to cover a changed event is caught at the next link.
    const [e] = await owner.query(`SELECT event_id::text AS id FROM audit_chain WHERE seq = 50`);
    await owner.query(`UPDATE audit_events SET action = 'dossier.exported' WHERE id = $1`, [e.id]);
    const { contentHash, linkHash } = await import('../../../libs/db/audit-chain');
    const [prev] = await owner.query(`SELECT hash FROM audit_chain WHERE seq = 49`);
    const [ev] = await owner.query(
      `SELECT e.id::text AS id, to_char(e.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at, e.actor_id, e.actor_role, e.action, e.dossier_id, e.person_id, e.details::text AS details FROM audit_events e WHERE id = $1`,
      [e.id],
    );
    const content = contentHash(ev);
    await owner.query(`UPDATE audit_chain SET content_hash = $1, hash = $2 WHERE seq = 50`, [content, linkHash(prev.hash, 50, content)]);
    expect((await verifyAuditChain(app)).broken).toMatchObject({ seq: '51', reason: 'link-changed' });

    // An event the chainer never sees (its queue row removed with the application's rights) is named.
    await app.transaction((tx) => audit(tx, SYSTEM, 'dossier.read', { dossierId: DOSSIER }));
    const [{ id }] = await app.query(`SELECT event_id::text AS id FROM audit_pending`);
    await app.query(`DELETE FROM audit_pending WHERE event_id = $1`, [id]);
    expect((await verifyAuditChain(app)).unchained).toEqual([id]);
  });
});

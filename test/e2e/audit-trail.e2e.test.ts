import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { startTestSystem, TestSystem } from '../support/system';
import { applicationRoleUrl, TEST_APP_ROLE } from '../support/database';

const ROOT = path.resolve(__dirname, '../..');

/**
 * The running system as production runs it: connected as a role that owns nothing, its audit events linked into the
 * hash chain by the worker, and `npm run audit:verify` (the compiled command) naming a row changed in the database.
 */
describe('least privilege and the tamper-evident audit trail (e2e)', () => {
  let sys: TestSystem;
  beforeAll(async () => {
    sys = await startTestSystem({ OCMW_AUDIT_CHAIN_INTERVAL_SECONDS: '1' });
    await sys.loginAll(['social-worker', 'team-lead']);
  });
  afterAll(async () => {
    await sys?.close();
  });

  const verify = () => {
    const cli = path.join(ROOT, 'dist/apps/cli/audit-verify.js');
    if (!fs.existsSync(cli)) throw new Error('dist/ is missing: run `npm run build` first');
    return spawnSync(process.execPath, [cli], { env: { ...process.env, NODE_ENV: 'test', DATABASE_URL: sys.databaseUrl }, encoding: 'utf8', timeout: 60_000 });
  };
  const retention = (env: Record<string, string>) =>
    spawnSync(process.execPath, [path.join(ROOT, 'dist/apps/cli/audit-retention.js')], {
      env: { ...process.env, NODE_ENV: 'test', OCMW_DATA_DIR: sys.dataDir, OCMW_AUDIT_CHECKPOINT_KEYS: `e2e:${Buffer.alloc(32, 5).toString('base64')}`, ...env },
      encoding: 'utf8',
      timeout: 60_000,
    });
  const chained = async () => {
    for (let i = 0; i < 100; i++) {
      const { rows } = await sys.db.query(`SELECT count(*)::int AS n FROM audit_pending`);
      if (rows[0].n === 0) return;
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error('the worker did not chain the audit events');
  };

  it('connects as the application role, which may not change the audit trail', async () => {
    const { rows } = await sys.db.query(
      `SELECT DISTINCT usename FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'`,
    );
    expect(rows.map((r) => r.usename)).toEqual([TEST_APP_ROLE]);
    const { rows: rights } = await sys.db.query(
      `SELECT has_table_privilege($1, 'audit_events', 'INSERT') AS ins, has_table_privilege($1, 'audit_events', 'UPDATE') AS upd,
              has_table_privilege($1, 'audit_events', 'DELETE') AS del, has_table_privilege($1, 'dossiers', 'UPDATE') AS dossiers`,
      [TEST_APP_ROLE],
    );
    expect(rights[0]).toEqual({ ins: true, upd: false, del: false, dossiers: true });
  });

  it('chains what people do, and the verification command names a row changed directly in the database', async () => {
    // Reading the inbox and the dashboard, and a failed login, all leave audit events.
    expect((await sys.http.get('/tasks').set(sys.as('social-worker'))).status).toBe(200);
    expect((await sys.http.get('/dashboard/deadlines').set(sys.as('team-lead'))).status).toBe(200);
    expect((await sys.http.post('/auth/login').send({ username: 'social-worker', password: 'fout-wachtwoord' })).status).toBe(401);
    await chained();
    const { rows: [{ n }] } = await sys.db.query(`SELECT count(*)::int AS n FROM audit_chain`);
    expect(n).toBeGreaterThanOrEqual(3);

    const ok = verify();
    expect(ok.stdout).toContain(`Audittrail in orde: ${n} schakels nagerekend.`);
    expect(ok.status).toBe(0);

    // The retention runs as the owner only; today nothing is old enough to archive or delete.
    const appUrl = await applicationRoleUrl(sys.databaseUrl);
    const asApp = retention({ DATABASE_URL: appUrl, DATABASE_OWNER_URL: '' });
    expect(asApp.status).toBe(1);
    expect(asApp.stderr).toContain('DATABASE_OWNER_URL: is required: the retention runs as the schema owner');
    const idle = retention({ DATABASE_URL: appUrl, DATABASE_OWNER_URL: sys.databaseUrl });
    expect(idle.stdout).toContain('Geen nieuw segment om te archiveren.\nGeen gebeurtenissen voorbij hun bewaartermijn.');
    expect(idle.status).toBe(0);

    // Someone with database access rewrites who failed to log in.
    const { rows: [target] } = await sys.db.query(
      `SELECT c.seq::int AS seq, e.id::text AS id FROM audit_events e JOIN audit_chain c ON c.event_id = e.id WHERE e.action = 'auth.login-failed'`,
    );
    await sys.db.query(`UPDATE audit_events SET details = '{}' WHERE id = $1`, [target.id]);
    const broken = verify();
    expect(broken.status).toBe(1);
    expect(broken.stdout).toContain(`Audittrail GEBROKEN bij schakel ${target.seq} (gebeurtenis ${target.id}, auth.login-failed`);
    expect(broken.stdout).toContain(`De ${target.seq - 1} schakels ervoor zijn in orde.`);
    // … and the retention refuses to touch a trail that does not hold.
    const refused = retention({ DATABASE_URL: appUrl, DATABASE_OWNER_URL: sys.databaseUrl });
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain(`retention refused: the audit trail does not hold (link ${target.seq}: event-changed)`);
  });
});

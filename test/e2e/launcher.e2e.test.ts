import { Client as PgClient } from 'pg';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { freePort, portInUse } from '../../libs/infra/embedded-postgres';
import { LauncherProcess, startLauncherProcess } from '../../libs/infra/launcher-process';
import { createTestDatabase } from '../support/database';
import { uniqueTaskQueue } from '../support/temporal';

const ROOT = path.resolve(__dirname, '../..');
const TEST_DATA = path.join(ROOT, '.test-data');
const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;

/** Every process below `pid` now (children, their children, …), from /proc. */
function descendants(pid: number): number[] {
  const parents = new Map<number, number>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      parents.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // ended meanwhile
    }
  }
  const found: number[] = [];
  const walk = (parent: number) => {
    for (const [child, ppid] of parents) if (ppid === parent && !found.includes(child)) found.push(child), walk(child);
  };
  walk(pid);
  return found;
}

/** Still running: a process that exists and is not a zombie waiting to be reaped. */
function alive(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

const commandOf = (pid: number) => {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    return '';
  }
};

/** SIGTERM, and again 50 ms later; then waits until the launcher has ended and (for a while) until `children` have. */
async function sigtermTwice(launcher: LauncherProcess, children: number[]): Promise<string[]> {
  process.kill(launcher.pid, 'SIGTERM');
  await new Promise((r) => setTimeout(r, 50));
  process.kill(launcher.pid, 'SIGTERM');
  await launcher.exited;
  const deadline = Date.now() + 15_000;
  while (children.some(alive) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  return children.filter(alive).map((pid) => `${pid} ${commandOf(pid)}`);
}

/** `npm start` as it runs on a machine of its own: embedded PostgreSQL and its own Temporal dev server. */
async function launcherEnv(dataDir: string): Promise<Record<string, string>> {
  return {
    NODE_ENV: 'test',
    OCMW_DATA_DIR: dataDir,
    DATABASE_URL: '',
    TEMPORAL_ADDRESS: '',
    OCMW_EMBEDDED_PG_PORT: String(await freePort()),
    TEMPORAL_PORT: String(await freePort()),
    TEMPORAL_UI_PORT: String(await freePort()),
    TEMPORAL_TASK_QUEUE: uniqueTaskQueue('launcher'),
    OCMW_DEMO_PASSWORD: 'demo',
  };
}

(asRoot ? describe : describe.skip)('the launcher, started as root (e2e)', () => {
  let launcher: LauncherProcess | undefined;
  let dataDir: string;
  let children: number[] = [];

  beforeAll(() => fs.mkdirSync(TEST_DATA, { recursive: true }));
  afterAll(async () => {
    if (launcher) {
      process.kill(launcher.pid, 'SIGKILL');
      await launcher.exited;
    }
    for (const pid of children.filter(alive)) process.kill(pid, 'SIGKILL'); // only what this test started
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('starts with a data folder of mode 0700: PostgreSQL (run as postgres) is let through it, no further', async () => {
    dataDir = fs.mkdtempSync(path.join(TEST_DATA, 'launcher-')); // mode 0700, owned by root
    expect(fs.statSync(dataDir).mode & 0o777).toBe(0o700);
    const env = await launcherEnv(dataDir);
    launcher = await startLauncherProcess(env, await freePort(), 120_000);
    expect((await fetch(`${launcher.baseUrl}/health`)).status).toBe(200);
    const stat = fs.statSync(dataDir);
    expect(stat.mode & 0o777).toBe(0o710); // the postgres group may enter, nobody else may even look
    expect(stat.uid).toBe(0);
    expect(fs.statSync(path.join(dataDir, 'postgres', 'PG_VERSION')).isFile()).toBe(true);
    // The local default is least-privileged too: the superuser migrates, the system connects as ocmw_app.
    const db = new PgClient({ connectionString: `postgres://postgres:ocmw-local@127.0.0.1:${env.OCMW_EMBEDDED_PG_PORT}/ocmw` });
    await db.connect();
    try {
      const { rows } = await db.query(
        `SELECT DISTINCT usename FROM pg_stat_activity WHERE datname = 'ocmw' AND pid <> pg_backend_pid() AND backend_type = 'client backend'`,
      );
      expect(rows.map((r) => r.usename)).toEqual(['ocmw_app']);
      const { rows: [rights] } = await db.query(`SELECT has_table_privilege('ocmw_app', 'audit_events', 'UPDATE') AS upd, r.rolsuper FROM pg_roles r WHERE rolname = 'ocmw_app'`);
      expect(rights).toEqual({ upd: false, rolsuper: false });
    } finally {
      await db.end();
    }
  });

  it('ends everything it started on SIGTERM, SIGTERM: no Temporal dev server or PostgreSQL remains', async () => {
    const running = launcher!;
    children = descendants(running.pid);
    const names = children.map(commandOf).join('\n');
    expect(names).toMatch(/temporal server start-dev/);
    expect(names).toMatch(/postgres -D/);
    launcher = undefined;
    expect(await sigtermTwice(running, children)).toEqual([]);
  });

  it('says in one line what to do when a folder above the data folder keeps PostgreSQL out, and creates no cluster', async () => {
    const closed = fs.mkdtempSync(path.join(TEST_DATA, 'closed-')); // 0700, not the launcher's to change
    const inner = path.join(closed, 'ocmw', 'data');
    try {
      const error: Error = await startLauncherProcess(await launcherEnv(inner), await freePort(), 60_000).then(
        () => new Error('started'),
        (err: Error) => err,
      );
      const lines = error.message.split('\n').filter((l) => /PostgreSQL/.test(l));
      expect(lines).toEqual([expect.stringContaining(`cannot enter ${closed}`)]);
      expect(lines[0]).toContain('OCMW_DATA_DIR');
      expect(fs.existsSync(path.join(inner, 'postgres'))).toBe(false);
      expect(fs.statSync(closed).mode & 0o777).toBe(0o700); // left as it was
    } finally {
      fs.rmSync(closed, { recursive: true, force: true });
    }
  });
});

describe('the launcher with an existing PostgreSQL (e2e)', () => {
  let launcher: LauncherProcess | undefined;
  let children: number[] = [];
  const dataDir = path.join(TEST_DATA, `launcher-db-${process.pid}`);
  afterAll(async () => {
    if (launcher) {
      process.kill(launcher.pid, 'SIGKILL');
      await launcher.exited;
    }
    for (const pid of children.filter(alive)) process.kill(pid, 'SIGKILL');
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('ends its Temporal dev server on SIGTERM, SIGTERM (no signal kills the launcher half-way through stopping)', async () => {
    launcher = await startLauncherProcess({ ...(await launcherEnv(dataDir)), DATABASE_URL: await createTestDatabase('launcher') }, await freePort(), 120_000);
    const running = launcher;
    children = descendants(running.pid);
    expect(children.map(commandOf).join('\n')).toMatch(/temporal server start-dev/);
    launcher = undefined;
    expect(await sigtermTwice(running, children)).toEqual([]);
    expect(await running.exited).toBe(0);
  });
});

/** startEmbeddedPostgres from dist/, in a node process of its own (Jest cannot load the ESM-only package). */
function runEmbeddedPostgres(options: { dir: string; port: number; database: string; dataRoot: string }): Promise<{ ok: boolean; message: string }> {
  const script = `
    const { startEmbeddedPostgres } = require(${JSON.stringify(path.join(ROOT, 'dist/libs/infra/embedded-postgres.js'))});
    startEmbeddedPostgres(${JSON.stringify(options)}).then(
      async (pg) => { await pg.stop(); console.log(JSON.stringify({ ok: true, message: pg.url })); process.exit(0); },
      (err) => { console.log(JSON.stringify({ ok: false, message: err.message })); process.exit(0); });`;
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['-e', script], { timeout: 60_000 }, (err, stdout) => {
      if (err) return reject(err);
      resolve(JSON.parse(stdout.trim().split('\n').at(-1)!));
    });
  });
}

describe('embedded PostgreSQL (e2e)', () => {
  it('removes a half-created cluster when its first start fails, and stops the server it started', async () => {
    const parent = fs.mkdtempSync(path.join(TEST_DATA, 'half-'));
    const dir = path.join(parent, 'postgres');
    const port = await freePort();
    try {
      // The cluster is initialised and started, then creating the database fails ("postgres" already exists).
      const failed = await runEmbeddedPostgres({ dir, port, database: 'postgres', dataRoot: parent });
      expect(failed).toEqual({ ok: false, message: expect.stringMatching(/half-created cluster was removed.*already exists/) });
      expect(fs.existsSync(dir)).toBe(false);
      expect(await portInUse(port)).toBe(false);
      // The next start begins afresh and works (before: a cluster without its database, never created again).
      expect(await runEmbeddedPostgres({ dir, port, database: 'ocmw', dataRoot: parent })).toMatchObject({ ok: true });
      expect(fs.existsSync(path.join(dir, 'PG_VERSION'))).toBe(true);
    } finally {
      fs.rmSync(parent, { recursive: true, force: true });
    }
  });
});

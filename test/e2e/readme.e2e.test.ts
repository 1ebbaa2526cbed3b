import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Client as PgClient } from 'pg';
import { MIGRATIONS } from '../../libs/db/data-source';
import { createTestDatabase } from '../support/database';
import { startTestSystem, TestSystem } from '../support/system';

const ROOT = path.resolve(__dirname, '../..');
const README = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const PACKAGE = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

function run(command: string, args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(command, args, { cwd: ROOT, env: { ...process.env, ...env }, timeout: 90_000 }, (err, stdout, stderr) =>
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/** What the README tells people to run works as written. */
describe('the README and the toolchain (e2e)', () => {
  let sys: TestSystem;
  beforeAll(async () => {
    sys = await startTestSystem();
  });
  afterAll(async () => {
    await sys?.close();
  });

  it('runs the curl scenario as written: the first task is waited for, temporal workflow list finds the dossier on TEMPORAL_PORT', async () => {
    const section = README.slice(README.indexOf('## A first request with curl'));
    const script = /```bash\n([\s\S]*?)```/.exec(section)![1];
    const temporalPort = process.env.TEST_TEMPORAL_ADDRESS!.split(':').at(-1)!;
    const port = new URL(sys.baseUrl).port;
    const res = await run('bash', ['-c', `${script.replace(/localhost:3000/g, `127.0.0.1:${port}`)}\necho "TASK=$TASK DOSSIER=$DOSSIER"`], { TEMPORAL_PORT: temporalPort });
    expect(res.stderr).toBe('');
    const [, task, dossier] = /TASK=(\S*) DOSSIER=(\S*)/.exec(res.stdout)!;
    expect(task).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.stdout).toContain('"competent"'); // the outcome schema of the competence check
    expect(res.stdout).toContain('"kind": "social-inquiry"'); // the next task
    expect(res.stdout).toContain(`dossier-${dossier}`); // listed by the Temporal dev server the system runs on
    expect(res.code).toBe(0);
  });

  it('has a real `npm run migrate`: it migrates a database with the shared data source, and again finds nothing to do', async () => {
    const command: string = PACKAGE.scripts.migrate;
    const [program, script] = command.replace(/^npm run build && /, '').split(' ');
    expect(program).toBe('node');
    expect(fs.existsSync(path.join(ROOT, script))).toBe(true);
    const databaseUrl = await createTestDatabase('migrate');
    const first = await run(process.execPath, [script], { DATABASE_URL: databaseUrl, NODE_ENV: 'test' });
    expect(first).toMatchObject({ code: 0, stdout: expect.stringMatching(/^Migrations applied: .*Council1764500000002/) });
    const db = new PgClient({ connectionString: databaseUrl });
    await db.connect();
    const { rows } = await db.query('SELECT count(*)::int AS n FROM migrations');
    await db.end();
    expect(rows[0].n).toBe(MIGRATIONS.length);
    const again = await run(process.execPath, [script], { DATABASE_URL: databaseUrl, NODE_ENV: 'test' });
    expect(again).toMatchObject({ code: 0, stdout: 'The database is up to date: no migration to apply.\n' });
  });

  it('installs on Node 20 without EBADENGINE: every package in package-lock.json declares an engine Node 20 satisfies', () => {
    const lock = JSON.parse(fs.readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8'));
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const semver = require('semver') as { satisfies(version: string, range: string): boolean };
    // The lowest Node 20 the system runs on (require() of ESM-only packages), and this one when it is a Node 20.
    const versions = ['20.19.0', ...(process.version.startsWith('v20.') ? [process.version.slice(1)] : [])];
    const refusing = Object.entries(lock.packages as Record<string, { version?: string; engines?: { node?: string } }>)
      .filter(([name, p]) => name !== '' && p.engines?.node && versions.some((v) => !semver.satisfies(v, p.engines!.node!)))
      .map(([name, p]) => `${name}@${p.version} (node ${p.engines!.node})`);
    expect(refusing).toEqual([]);
  });
});

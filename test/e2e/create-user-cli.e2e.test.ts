import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Client as PgClient } from 'pg';
import { createDataSource, runMigrations } from '../../libs/db/data-source';
import { createTestDatabase } from '../support/database';
import { TEST_PAYLOAD_KEY_TEXT } from '../support/payload-keys';

const ROOT = path.resolve(__dirname, '../..');

/** `npm run user:create` (the compiled CLI) against a database of its own: the same password rules as the API. */
describe('create-user CLI (e2e)', () => {
  let databaseUrl: string;
  const run = (password: string, env: Record<string, string> = {}) => {
    const cli = path.join(ROOT, 'dist/apps/cli/create-user.js');
    if (!fs.existsSync(cli)) throw new Error('dist/ is missing: run `npm run build` first');
    return spawnSync(process.execPath, [cli, '--username', 'beheerder', '--role', 'admin', '--team', 'sociale-dienst', '--name', 'Eerste Beheerder'], {
      env: { ...process.env, NODE_ENV: 'test', DATABASE_URL: databaseUrl, OCMW_NEW_USER_PASSWORD: password, ...env },
      encoding: 'utf8',
      input: '',
      timeout: 60_000,
    });
  };
  const users = async () => {
    const db = new PgClient({ connectionString: databaseUrl });
    await db.connect();
    try {
      return (await db.query('SELECT username FROM users')).rows.map((r) => r.username);
    } finally {
      await db.end();
    }
  };

  beforeAll(async () => {
    databaseUrl = await createTestDatabase('cli');
    const dataSource = await createDataSource(databaseUrl, { poolSize: 1 }).initialize();
    await runMigrations(dataSource);
    await dataSource.destroy();
  });

  it('refuses a weak password, and a demo password in production; creates the user with a good one', async () => {
    const weak = run('Wachtwoord1234');
    expect(weak.status).toBe(1);
    expect(weak.stderr).toContain('password-weak');
    const repeated = run('abcabcabcabc');
    expect(repeated.stderr).toContain('password-repeated');
    const demo = run('demo', {
      NODE_ENV: 'production',
      OCMW_TOKEN_SECRET: 'test-secret-'.repeat(4),
      OCMW_PAYLOAD_KEYS: TEST_PAYLOAD_KEY_TEXT,
      OCMW_LABOUR_COURT_ADDRESS: 'Arbeidsrechtbank Gent, Opgeëistenlaan 401 E, 9000 Gent',
      OCMW_DEMO_PASSWORD: '',
      DATABASE_OWNER_URL: databaseUrl,
    });
    expect(demo.status).toBe(1);
    expect(demo.stderr).toContain('password-demo');
    expect(await users()).toEqual([]);

    const good = run('Vuurtoren-Zeemeeuw-88');
    expect(good.status).toBe(0);
    expect(good.stdout).toContain('Created admin beheerder');
    expect(await users()).toEqual(['beheerder']);
  });
});

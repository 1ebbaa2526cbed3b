import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { freePort } from '../../libs/infra/embedded-postgres';
import { createTestDatabase } from '../support/database';

const ROOT = path.resolve(__dirname, '../..');

/** `npm run start:api` on its own: the compiled api process against the run's PostgreSQL and Temporal. */
async function startApiProcess(env: Record<string, string>, databaseUrl?: string): Promise<{ port: number; stop(): Promise<void> }> {
  const main = path.join(ROOT, 'dist/apps/api/main.js');
  if (!fs.existsSync(main)) throw new Error('dist/ is missing: run `npm run build` first');
  const port = await freePort();
  const dataDir = path.join(ROOT, '.test-data', `api-${process.pid}-${port}`);
  const child: ChildProcess = spawn(process.execPath, [main], {
    env: {
      ...process.env,
      NODE_ENV: 'test',
      PORT: String(port),
      OCMW_DATA_DIR: dataDir,
      DATABASE_URL: databaseUrl ?? (await createTestDatabase('api')),
      TEMPORAL_ADDRESS: process.env.TEST_TEMPORAL_ADDRESS!,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null) child.kill('SIGTERM');
    await exited;
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the api exited during start-up:\n${output}`);
    if (await fetch(`http://127.0.0.1:${port}/health`).then((r) => r.ok, () => false)) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`the api did not come up:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { port, stop };
}

/** Whether the api answers on 127.0.0.2: another address of this machine than 127.0.0.1 (all of 127/8 is loopback). */
const answersOnOtherAddress = (port: number) => fetch(`http://127.0.0.2:${port}/health`).then((r) => r.ok, () => false);

describe('the api process on its own (e2e)', () => {
  it('listens on 127.0.0.1 only, unless a bind address is configured', async () => {
    const loopback = await startApiProcess({});
    try {
      expect(await answersOnOtherAddress(loopback.port)).toBe(false);
    } finally {
      await loopback.stop();
    }
    const everywhere = await startApiProcess({ OCMW_BIND_ADDRESS: '0.0.0.0' });
    try {
      expect(await answersOnOtherAddress(everywhere.port)).toBe(true);
    } finally {
      await everywhere.stop();
    }
  });

  it('counts failed logins in PostgreSQL, so two api processes share the limit', async () => {
    const databaseUrl = await createTestDatabase('api');
    const env = { OCMW_LOGIN_MAX_FAILURES_PER_USER: '3' };
    const one = await startApiProcess(env, databaseUrl);
    const two = await startApiProcess(env, databaseUrl);
    try {
      const statuses: number[] = [];
      for (const api of [one, two, one, two, one, two]) {
        const res = await fetch(`http://127.0.0.1:${api.port}/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username: 'beheerder', password: 'geraden' }),
        });
        statuses.push(res.status);
      }
      expect(statuses).toEqual([401, 401, 401, 429, 429, 429]);
    } finally {
      await one.stop();
      await two.stop();
    }
  });

  it('refuses to start on a bad bind address, naming the key', async () => {
    await expect(startApiProcess({ OCMW_BIND_ADDRESS: 'overal' })).rejects.toThrow(/OCMW_BIND_ADDRESS: must be an IP address/);
  });
});

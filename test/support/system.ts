import { Client, Connection } from '@temporalio/client';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Client as PgClient } from 'pg';
import request from 'supertest';
import { addDays, dateInZone, startOfDay } from '../../libs/deadlines/calendar-date';
import { freePort } from '../../libs/infra/embedded-postgres';
import { startLauncherProcess } from '../../libs/infra/launcher-process';
import { applicationRoleUrl, createTestDatabase } from './database';
import { uniqueTaskQueue } from './temporal';
import { dataConverterFor } from '../../libs/temporal/data-converter';
import { parsePayloadKeys } from '../../libs/temporal/payload-codec';
import { TEST_PAYLOAD_KEY_TEXT } from './payload-keys';

export interface TestSystem {
  baseUrl: string;
  /** What the system printed so far (its error log: a 500's stack), for a failing test to show. */
  output: () => string;
  /** The system's own database (for a test that runs an activity on it directly). */
  databaseUrl: string;
  /** The system's data folder (OCMW_DATA_DIR): its filesystem document store is under documents/. */
  dataDir: string;
  /** The system's own Temporal task queue (its workflows; the workload snapshot schedule is named after it). */
  taskQueue: string;
  http: ReturnType<typeof request>;
  temporal: Client;
  db: PgClient;
  login(username: string, password?: string): Promise<string>;
  /** Logs each user in once; `as(user)` is then the Authorization header to send as them. */
  loginAll(usernames: string[]): Promise<void>;
  as(username: string): { Authorization: string };
  /**
   * Kills the system's process (SIGKILL: no shutdown hook runs, whatever it had in memory is gone) and starts it again
   * on the same database, task queue and port; the users logged in before log in again.
   */
  crashAndRestart(): Promise<void>;
  close(): Promise<void>;
}

const ROOT = path.resolve(__dirname, '../..');

/** Longer than any e2e or browser file runs (they take well under a minute), shorter than Jest's hook timeout. */
const MIDNIGHT_MARGIN_MS = 90_000;

/**
 * A file's "today" must not change while it runs: the API, the workflows and the test all compute it, and a run
 * across midnight in Brussels would see two days. A file that would start in the last 90 seconds of the day starts
 * just after midnight instead. (Tests also derive their dates from the data they create wherever they can.)
 */
async function clearOfMidnight(now = Date.now()): Promise<void> {
  const tomorrow = addDays(dateInZone(now, 'Europe/Brussels'), 1);
  const untilMidnight = startOfDay(tomorrow, 'Europe/Brussels') - now;
  if (untilMidnight < MIDNIGHT_MARGIN_MS) await new Promise((r) => setTimeout(r, untilMidnight + 1_000));
}

/**
 * The real system, as `npm start` runs it against existing servers: the compiled launcher (worker + API, migrations,
 * demo users) in its own process, with its own fresh database on the run's PostgreSQL and its own task queue on the
 * run's Temporal dev server. Tests talk HTTP to it. (Nest 12 is ESM-only, which Jest on Node 20 cannot load
 * in-process; a separate process is also the honest shape of an e2e test.)
 */
export async function startTestSystem(env: Record<string, string> = {}): Promise<TestSystem> {
  await clearOfMidnight();
  const baseDbUrl = process.env.TEST_DATABASE_URL;
  const address = process.env.TEST_TEMPORAL_ADDRESS;
  if (!baseDbUrl || !address) throw new Error('TEST_DATABASE_URL / TEST_TEMPORAL_ADDRESS not set: run through jest (global setup)');

  const databaseUrl = await createTestDatabase('e2e');
  const name = databaseUrl.slice(databaseUrl.lastIndexOf('/') + 1);
  const dataDir = path.join(ROOT, '.test-data', name);
  // A port of the caller's (env.PORT: a redirect URI registered before the start, as single sign-on needs) or a free one.
  const port = env.PORT ? Number(env.PORT) : await freePort();

  const launcherEnv = {
    NODE_ENV: 'test',
    OCMW_DATA_DIR: dataDir,
    // As production: the system connects as a role that owns nothing; the schema owner runs the migrations.
    DATABASE_URL: await applicationRoleUrl(databaseUrl),
    DATABASE_OWNER_URL: databaseUrl,
    TEMPORAL_ADDRESS: address,
    TEMPORAL_TASK_QUEUE: uniqueTaskQueue('e2e'),
    OCMW_DEMO_PASSWORD: 'demo',
    // The system encrypts its payloads with this process's test key; the test's own client reads them with it.
    OCMW_PAYLOAD_KEYS: TEST_PAYLOAD_KEY_TEXT,
    ...env,
  };
  let launcher = await startLauncherProcess(launcherEnv, port);
  const baseUrl = launcher.baseUrl;

  const connection = await Connection.connect({ address });
  const temporal = new Client({ connection, dataConverter: dataConverterFor(parsePayloadKeys(launcherEnv.OCMW_PAYLOAD_KEYS).keys ?? null) });
  const db = new PgClient({ connectionString: databaseUrl });
  await db.connect();
  const http = request(baseUrl);
  const tokens = new Map<string, string>();
  const passwords = new Map<string, string>();
  const testSystem: TestSystem = {
    baseUrl,
    output: () => launcher.output(),
    databaseUrl,
    dataDir,
    taskQueue: launcherEnv.TEMPORAL_TASK_QUEUE,
    http,
    temporal,
    db,
    async login(username, password = 'demo') {
      const res = await request(baseUrl).post('/auth/login').send({ username, password });
      if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${JSON.stringify(res.body)}`);
      tokens.set(username, res.body.accessToken);
      passwords.set(username, password);
      return res.body.accessToken as string;
    },
    async loginAll(usernames) {
      for (const u of usernames) await testSystem.login(u);
    },
    as(username) {
      const token = tokens.get(username);
      if (!token) throw new Error(`${username} has not logged in`);
      return { Authorization: `Bearer ${token}` };
    },
    async crashAndRestart() {
      process.kill(launcher.pid, 'SIGKILL');
      await launcher.exited;
      launcher = await startLauncherProcess(launcherEnv, port);
      for (const [username, password] of passwords) await testSystem.login(username, password);
    },
    async close() {
      await db.end();
      await connection.close();
      await launcher.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return testSystem;
}

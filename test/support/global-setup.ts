import * as fs from 'node:fs';
import * as path from 'node:path';
import { freePort, startEmbeddedPostgres } from '../../libs/infra/embedded-postgres';
import { startTemporalDevServer } from '../../libs/infra/temporal-dev-server';

/**
 * Starts the real servers the db and e2e tiers need, once per run, on free ports of their own (so tests run while
 * `npm start` is up): an embedded PostgreSQL in a throw-away folder and an in-memory Temporal dev server.
 * Existing servers can be used instead with TEST_DATABASE_URL / TEST_TEMPORAL_ADDRESS.
 */
export default async function globalSetup(): Promise<void> {
  const started: { stop(): Promise<void> }[] = [];
  if (!process.env.TEST_DATABASE_URL) {
    const dir = path.resolve(__dirname, '../../.test-data', `pg-${process.pid}`);
    fs.rmSync(dir, { recursive: true, force: true });
    const pg = await startEmbeddedPostgres({ dir, port: await freePort(), database: 'ocmw_test' });
    process.env.TEST_DATABASE_URL = pg.url;
    started.push({ stop: async () => { await pg.stop(); fs.rmSync(dir, { recursive: true, force: true }); } });
  }
  if (!process.env.TEST_TEMPORAL_ADDRESS) {
    const temporal = await startTemporalDevServer({ port: await freePort() });
    process.env.TEST_TEMPORAL_ADDRESS = temporal.address;
    started.push(temporal);
  }
  (globalThis as { __ocmwServers?: typeof started }).__ocmwServers = started;
}

import 'reflect-metadata';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import * as path from 'node:path';
import { AppConfig, ConfigError, ensureTokenSecret, loadConfig } from '../../libs/config/config';
import { createDataSource, runMigrations } from '../../libs/db/data-source';
import { DEMO_TEAM, DEMO_USERS, seedDemoUsers } from '../../libs/db/seed';
import { startEmbeddedPostgres } from '../../libs/infra/embedded-postgres';
import { startTemporalDevServer } from '../../libs/infra/temporal-dev-server';
import { ensureSearchAttributes } from '../../libs/temporal/ensure-search-attributes';
import { createApiApp } from '../api/app.module';
import { apiTemporalInterceptors } from '../api/common/unavailable';
import { installWorkerLogging } from '../worker/worker';
import { createWorkerContext } from '../worker/worker.module';

/**
 * `npm start`: the whole system on one machine. In order: embedded PostgreSQL (data under OCMW_DATA_DIR/postgres),
 * Temporal dev server (SQLite in OCMW_DATA_DIR/temporal.db, Web UI on its own port), migrations, demo users
 * (not in production), the worker and the API. DATABASE_URL / TEMPORAL_ADDRESS use existing servers instead.
 * Ctrl-C stops everything it started, in reverse order.
 */
async function main() {
  let config: AppConfig;
  try {
    config = ensureTokenSecret(loadConfig());
  } catch (err) {
    console.error(err instanceof ConfigError ? err.message : err);
    process.exit(1);
  }
  const stops: { name: string; stop: () => Promise<unknown> }[] = [];
  installWorkerLogging();
  let stopping = false;
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping ocmw-flow ...');
    for (const { name, stop } of stops.reverse()) {
      try {
        await stop();
      } catch (err) {
        console.error(`  stopping ${name} failed:`, err);
      }
    }
    process.exit(code);
  };
  process.once('SIGINT', () => void shutdown(0));
  process.once('SIGTERM', () => void shutdown(0));

  try {
    const log = (line: string) => process.env.OCMW_VERBOSE && console.log(line);
    let databaseUrl = config.databaseUrl;
    if (!databaseUrl) {
      const pg = await startEmbeddedPostgres({ dir: path.join(config.dataDir, 'postgres'), port: config.embeddedPostgresPort, log });
      stops.push({ name: 'PostgreSQL', stop: pg.stop });
      databaseUrl = pg.url;
      console.log(`PostgreSQL (embedded)  127.0.0.1:${config.embeddedPostgresPort}, data in ${path.join(config.dataDir, 'postgres')}`);
    }
    let temporalAddress = config.temporalAddress;
    let temporalUi: string | null = null;
    if (!temporalAddress) {
      const server = await startTemporalDevServer({
        port: config.temporalPort,
        uiPort: config.temporalUiPort,
        dbFile: path.join(config.dataDir, 'temporal.db'),
        namespace: config.temporalNamespace,
        log,
      });
      stops.push({ name: 'Temporal dev server', stop: server.stop });
      temporalAddress = server.address;
      temporalUi = server.uiUrl;
    }
    const dataSource = await createDataSource(databaseUrl).initialize();
    stops.push({ name: 'database pool', stop: () => dataSource.destroy() });
    const applied = await runMigrations(dataSource);
    if (applied.length) console.log(`Migrations applied: ${applied.join(', ')}`);
    if (config.seedDemoData) {
      const created = await seedDemoUsers(dataSource, config.demoPassword);
      if (created) console.log(`Demo users created in team "${DEMO_TEAM}": ${DEMO_USERS.map((u) => u.username).join(', ')}`);
    }

    const clientConnection = await Connection.connect({ address: temporalAddress, interceptors: apiTemporalInterceptors() });
    stops.push({ name: 'Temporal client', stop: () => clientConnection.close() });
    if (config.temporalAddress) await ensureSearchAttributes(clientConnection, config.temporalNamespace);
    const workerConnection = await NativeConnection.connect({ address: temporalAddress });
    stops.push({ name: 'worker connection', stop: () => workerConnection.close() });
    const worker = await createWorkerContext({ config, dataSource, connection: workerConnection });
    stops.push({ name: 'worker', stop: () => worker.close() });

    const api = await createApiApp({ config, dataSource, temporal: new Client({ connection: clientConnection, namespace: config.temporalNamespace }) });
    await api.listen(config.port, '127.0.0.1');
    stops.push({ name: 'API', stop: () => api.close() });

    const base = `http://127.0.0.1:${config.port}`;
    console.log('');
    console.log('ocmw-flow is running');
    console.log(`  Web app        ${base}/app`);
    console.log(`  API            ${base}`);
    console.log(`  OpenAPI        ${base}/docs`);
    console.log(`  Temporal       ${temporalAddress}${temporalUi ? `   (Web UI ${temporalUi})` : ''}`);
    if (config.seedDemoData) console.log(`  Demo users     ${DEMO_USERS.map((u) => u.username).join(', ')} (password: OCMW_DEMO_PASSWORD, default "demo")`);
    console.log('Press Ctrl-C to stop.');
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    await shutdown(1);
  }
}

void main();

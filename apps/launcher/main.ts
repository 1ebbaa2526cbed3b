import 'reflect-metadata';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import * as path from 'node:path';
import { AppConfig, ConfigError, ensureTokenSecret, loadConfig } from '../../libs/config/config';
import { createDataSource } from '../../libs/db/data-source';
import { checkApplicationRole, ensureEmbeddedAppRole, migrateDatabase } from '../../libs/db/roles';
import { DEMO_TEAM, DEMO_USERS, seedDemoUsers } from '../../libs/db/seed';
import { startEmbeddedPostgres } from '../../libs/infra/embedded-postgres';
import { startTemporalDevServer } from '../../libs/infra/temporal-dev-server';
import { ensureSearchAttributes } from '../../libs/temporal/ensure-search-attributes';
import { createApiApp } from '../api/app.module';
import { apiTemporalInterceptors } from '../api/common/unavailable';
import { installWorkerLogging } from '../worker/worker';
import { createWorkerContext } from '../worker/worker.module';
import { Lifecycle, ShutdownStarted } from './lifecycle';
import { dataConverterFor } from '../../libs/temporal/data-converter';

/**
 * `npm start`: the whole system on one machine. In order: embedded PostgreSQL (data under OCMW_DATA_DIR/postgres),
 * Temporal dev server (SQLite in OCMW_DATA_DIR/temporal.db, Web UI on its own port), migrations, demo users
 * (not in production), the worker and the API. DATABASE_URL / TEMPORAL_ADDRESS use existing servers instead.
 * Ctrl-C (SIGINT) or SIGTERM stops everything it started, in reverse order; a second signal ends the server processes
 * at once (see Lifecycle).
 */
async function main() {
  let config: AppConfig;
  try {
    config = ensureTokenSecret(loadConfig());
  } catch (err) {
    console.error(err instanceof ConfigError ? err.message : err);
    process.exit(1);
  }
  installWorkerLogging();
  const life = new Lifecycle();
  life.installSignalHandlers();

  try {
    const log = (line: string) => process.env.OCMW_VERBOSE && console.log(line);
    let databaseUrl = config.databaseUrl;
    let ownerUrl = config.databaseOwnerUrl;
    if (!databaseUrl) {
      const dir = path.join(config.dataDir, 'postgres');
      const pg = await life.start(
        'PostgreSQL',
        () =>
          startEmbeddedPostgres({
            dir,
            port: config.embeddedPostgresPort,
            dataRoot: config.dataDir,
            ownSignalHandling: true,
            onStarting: (stop) => life.server('PostgreSQL', stop),
            log,
          }),
        (pg) => pg.stop,
      );
      // The superuser owns the schema and migrates; the system itself connects as the least-privileged ocmw_app.
      ownerUrl = pg.url;
      databaseUrl = await life.start('application role', () => ensureEmbeddedAppRole(pg.url));
      console.log(`PostgreSQL (embedded)  127.0.0.1:${config.embeddedPostgresPort}, data in ${dir}`);
    }
    let temporalAddress = config.temporalAddress;
    let temporalUi: string | null = null;
    if (!temporalAddress) {
      const server = await life.start(
        'Temporal dev server',
        () =>
          startTemporalDevServer({
            port: config.temporalPort,
            uiPort: config.temporalUiPort,
            dbFile: path.join(config.dataDir, 'temporal.db'),
            namespace: config.temporalNamespace,
            onStarting: (stop) => life.server('the Temporal dev server', stop),
            log,
          }),
        (server) => server.stop,
      );
      temporalAddress = server.address;
      temporalUi = server.uiUrl;
    }
    const url = databaseUrl;
    const dataSource = await life.start('database pool', () => createDataSource(url).initialize(), (ds) => () => ds.destroy());
    const applied = await life.start('migrations', () => migrateDatabase(dataSource, ownerUrl, url));
    await life.start('database role check', () => checkApplicationRole(dataSource, config.production));
    if (applied.length) console.log(`Migrations applied: ${applied.join(', ')}`);
    if (config.seedDemoData) {
      const created = await life.start('demo users', () => seedDemoUsers(dataSource, config.demoPassword));
      if (created) console.log(`Demo users created in team "${DEMO_TEAM}": ${DEMO_USERS.map((u) => u.username).join(', ')}`);
    }

    const address = temporalAddress;
    const clientConnection = await life.start(
      'Temporal client',
      () => Connection.connect({ address, interceptors: apiTemporalInterceptors() }),
      (c) => () => c.close(),
    );
    if (config.temporalAddress) await life.start('search attributes', () => ensureSearchAttributes(clientConnection, config.temporalNamespace));
    const workerConnection = await life.start('worker connection', () => NativeConnection.connect({ address }), (c) => () => c.close());
    await life.start('worker', () => createWorkerContext({ config, dataSource, connection: workerConnection }), (w) => () => w.close());

    const api = await life.start(
      'API',
      () => createApiApp({ config, dataSource, temporal: new Client({ connection: clientConnection, namespace: config.temporalNamespace, dataConverter: dataConverterFor(config.payloadKeys) }) }),
      (app) => () => app.close(),
    );
    await life.start('API port', () => api.listen(config.port, config.bindAddress));

    const base = `http://${urlHost(config.bindAddress)}:${config.port}`;
    console.log('');
    console.log('ocmw-flow is running');
    console.log(`  Web app        ${base}/app`);
    console.log(`  API            ${base}`);
    console.log(`  OpenAPI        ${base}/docs`);
    console.log(`  Temporal       ${temporalAddress}${temporalUi ? `   (Web UI ${temporalUi})` : ''}`);
    if (config.seedDemoData) console.log(`  Demo users     ${DEMO_USERS.map((u) => u.username).join(', ')} (password: OCMW_DEMO_PASSWORD, default "demo")`);
    console.log('Press Ctrl-C to stop.');
  } catch (err) {
    if (err instanceof ShutdownStarted) return; // a signal came during the start: the shutdown is under way
    console.error(err instanceof Error ? err.message : err);
    await life.shutdown(1);
  }
}

/** Where a browser on this machine reaches an API bound to `address` (all interfaces: the loopback one). */
function urlHost(address: string): string {
  if (address === '0.0.0.0' || address === '::') return '127.0.0.1';
  return address.includes(':') ? `[${address}]` : address;
}

// The process's entry point: main() reports its own failures and exits with a code.
void main();

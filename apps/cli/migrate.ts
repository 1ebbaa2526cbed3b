import 'reflect-metadata';
import * as path from 'node:path';
import { ConfigError, loadConfig } from '../../libs/config/config';
import { createDataSource, runMigrations } from '../../libs/db/data-source';
import { startEmbeddedPostgres } from '../../libs/infra/embedded-postgres';

/**
 * `npm run migrate`: runs the database migrations with the shared data source, on DATABASE_URL or (without it) on the
 * embedded PostgreSQL under OCMW_DATA_DIR, as `npm start` would use it. The api and `npm start` run them on start as
 * well; this is for a production install (migrate before the new version starts) and for checking a database.
 */
async function main() {
  const config = loadConfig();
  let url = config.databaseUrl;
  let stopPg: (() => Promise<void>) | undefined;
  if (!url) {
    const pg = await startEmbeddedPostgres({ dir: path.join(config.dataDir, 'postgres'), port: config.embeddedPostgresPort, dataRoot: config.dataDir });
    url = pg.url;
    stopPg = pg.stop;
  }
  try {
    const dataSource = await createDataSource(url, { poolSize: 1 }).initialize();
    try {
      const applied = await runMigrations(dataSource);
      console.log(applied.length ? `Migrations applied: ${applied.join(', ')}` : 'The database is up to date: no migration to apply.');
    } finally {
      await dataSource.destroy();
    }
  } finally {
    await stopPg?.();
  }
}

main().catch((err) => {
  console.error(err instanceof ConfigError || err instanceof Error ? err.message : err);
  process.exit(1);
});

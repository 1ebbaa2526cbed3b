import 'reflect-metadata';
import { ConfigError, loadConfig } from '../../libs/config/config';
import { migrateDatabase } from '../../libs/db/roles';
import { withCommandDataSource } from './database';

/**
 * `npm run migrate`: runs the database migrations with the shared data source, on DATABASE_URL or (without it) on the
 * embedded PostgreSQL under OCMW_DATA_DIR, as `npm start` would use it — as the schema owner (DATABASE_OWNER_URL) when there is one, granting the application role afterwards. The api and `npm start` run them on start as
 * well; this is for a production install (migrate before the new version starts) and for checking a database.
 */
async function main() {
  await withCommandDataSource(loadConfig(), async (dataSource, db) => {
    const applied = await migrateDatabase(dataSource, db.ownerUrl, db.url);
    console.log(applied.length ? `Migrations applied: ${applied.join(', ')}` : 'The database is up to date: no migration to apply.');
  });
}

main().catch((err) => {
  console.error(err instanceof ConfigError || err instanceof Error ? err.message : err);
  process.exit(1);
});

import { Client as PgClient } from 'pg';
import { DataSource } from 'typeorm';
import { createDataSource, runMigrations } from '../../libs/db/data-source';
import { ensureLoginRole, migrateDatabase } from '../../libs/db/roles';

/** Creates a database of its own on the run's PostgreSQL (global setup), and returns its URL. */
export async function createTestDatabase(prefix: string): Promise<string> {
  const base = process.env.TEST_DATABASE_URL;
  if (!base) throw new Error('TEST_DATABASE_URL not set: run through jest (global setup)');
  const name = `${prefix}_${process.pid}_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
  const admin = new PgClient({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  return base.replace(/\/[^/]+$/, `/${name}`);
}

/** A fresh, migrated database for a db-tier test. */
export async function migratedDataSource(prefix: string, poolSize = 3): Promise<DataSource> {
  const dataSource = await createDataSource(await createTestDatabase(prefix), { poolSize }).initialize();
  await runMigrations(dataSource);
  return dataSource;
}

export const TEST_APP_ROLE = 'ocmw_app_test';

/**
 * The URL of the same database as the least-privileged application role (libs/db/roles.ts), as production runs: the
 * role is created on the run's PostgreSQL when missing; the grants follow the migrations (migrateDatabase).
 */
export function applicationRoleUrl(ownerUrl: string): Promise<string> {
  return ensureLoginRole(ownerUrl, TEST_APP_ROLE, 'ocmw-app-test');
}

/**
 * A fresh database migrated as production does it — the owner runs the migrations, the application role is granted —
 * with a data source for each: `app` connects as the least-privileged role, `owner` as the schema owner.
 */
export async function migratedAsRoles(prefix: string, poolSize = 2): Promise<{ owner: DataSource; app: DataSource; ownerUrl: string; appUrl: string; migrations: string[] }> {
  const ownerUrl = await createTestDatabase(prefix);
  const appUrl = await applicationRoleUrl(ownerUrl);
  const app = await createDataSource(appUrl, { poolSize }).initialize();
  const migrations = await migrateDatabase(app, ownerUrl, appUrl);
  const owner = await createDataSource(ownerUrl, { poolSize: 2 }).initialize();
  return { owner, app, ownerUrl, appUrl, migrations };
}

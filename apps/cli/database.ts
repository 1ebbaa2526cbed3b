import * as path from 'node:path';
import type { DataSource } from 'typeorm';
import { ConfigError, type AppConfig } from '../../libs/config/config';
import { createDataSource } from '../../libs/db/data-source';
import { ensureEmbeddedAppRole } from '../../libs/db/roles';
import { startEmbeddedPostgres } from '../../libs/infra/embedded-postgres';

/**
 * The database a command works on, as `npm start` would use it: DATABASE_URL (with DATABASE_OWNER_URL when set), or
 * the embedded PostgreSQL under OCMW_DATA_DIR — its superuser as the owner and ocmw_app as the application role.
 */
export async function commandDatabase(config: AppConfig): Promise<{ url: string; ownerUrl: string | null; stop(): Promise<void> }> {
  if (config.databaseUrl) return { url: config.databaseUrl, ownerUrl: config.databaseOwnerUrl, stop: async () => undefined };
  const pg = await startEmbeddedPostgres({ dir: path.join(config.dataDir, 'postgres'), port: config.embeddedPostgresPort, dataRoot: config.dataDir });
  try {
    return { url: await ensureEmbeddedAppRole(pg.url), ownerUrl: pg.url, stop: pg.stop };
  } catch (err) {
    await pg.stop();
    throw err;
  }
}

/**
 * Runs `work` with a data source on the command's database — as the application role, or `asOwner` as the schema
 * owner (required then: DATABASE_OWNER_URL, or the embedded superuser) — then closes both.
 */
export async function withCommandDataSource<T>(
  config: AppConfig,
  work: (dataSource: DataSource, db: { url: string; ownerUrl: string | null }) => Promise<T>,
  options: { poolSize?: number; asOwner?: string } = {},
): Promise<T> {
  const db = await commandDatabase(config);
  try {
    if (options.asOwner && !db.ownerUrl) throw new ConfigError([{ key: 'DATABASE_OWNER_URL', message: `is required: ${options.asOwner}` }]);
    const dataSource = await createDataSource(options.asOwner ? db.ownerUrl! : db.url, { poolSize: options.poolSize ?? 1 }).initialize();
    try {
      return await work(dataSource, db);
    } finally {
      await dataSource.destroy();
    }
  } finally {
    await db.stop();
  }
}

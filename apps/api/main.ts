import 'reflect-metadata';
import { Client, Connection } from '@temporalio/client';
import { ConfigError, ensureTokenSecret, loadConfig } from '../../libs/config/config';
import { createDataSource } from '../../libs/db/data-source';
import { checkApplicationRole, migrateDatabase } from '../../libs/db/roles';
import { ensureSearchAttributes } from '../../libs/temporal/ensure-search-attributes';
import { createApiApp } from './app.module';
import { apiTemporalInterceptors } from './common/unavailable';
import { dataConverterFor } from '../../libs/temporal/data-converter';

/** The api process on its own (production, docker-compose): existing PostgreSQL and Temporal required. */
async function main() {
  const config = ensureTokenSecret(loadConfig());
  if (!config.databaseUrl || !config.temporalAddress) {
    throw new ConfigError([
      ...(!config.databaseUrl ? [{ key: 'DATABASE_URL', message: 'is required to run the api on its own (npm start runs everything)' }] : []),
      ...(!config.temporalAddress ? [{ key: 'TEMPORAL_ADDRESS', message: 'is required to run the api on its own' }] : []),
    ]);
  }
  const dataSource = await createDataSource(config.databaseUrl).initialize();
  await migrateDatabase(dataSource, config.databaseOwnerUrl, config.databaseUrl);
  await checkApplicationRole(dataSource, config.production);
  const connection = await Connection.connect({ address: config.temporalAddress, interceptors: apiTemporalInterceptors() });
  await ensureSearchAttributes(connection, config.temporalNamespace);
  const app = await createApiApp({ config, dataSource, temporal: new Client({ connection, namespace: config.temporalNamespace, dataConverter: dataConverterFor(config.payloadKeys) }) });
  await app.listen(config.port, config.bindAddress);
  console.log(`ocmw-flow api listening on ${config.bindAddress}:${config.port}`);
}

main().catch((err) => {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
});

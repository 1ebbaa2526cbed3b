import 'reflect-metadata';
import { NativeConnection } from '@temporalio/worker';
import { ConfigError, ensurePayloadKeys, loadConfig } from '../../libs/config/config';
import { createDataSource } from '../../libs/db/data-source';
import { checkApplicationRole } from '../../libs/db/roles';
import { installWorkerLogging } from './worker';
import { createWorkerContext } from './worker.module';

/** The worker process on its own (production, docker-compose): a Nest application context, no HTTP port. */
async function main() {
  const config = ensurePayloadKeys(loadConfig());
  installWorkerLogging();
  if (!config.databaseUrl || !config.temporalAddress) {
    throw new ConfigError([
      ...(!config.databaseUrl ? [{ key: 'DATABASE_URL', message: 'is required to run the worker on its own' }] : []),
      ...(!config.temporalAddress ? [{ key: 'TEMPORAL_ADDRESS', message: 'is required to run the worker on its own' }] : []),
    ]);
  }
  const dataSource = await createDataSource(config.databaseUrl).initialize();
  await checkApplicationRole(dataSource, config.production);
  const connection = await NativeConnection.connect({ address: config.temporalAddress });
  const context = await createWorkerContext({ config, dataSource, connection });
  const stop = async () => {
    await context.close();
    await connection.close();
    await dataSource.destroy();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err) => {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
});

import { DefaultLogger, NativeConnection, Runtime, Worker, WorkflowBundle } from '@temporalio/worker';
import { DataSource } from 'typeorm';
import { createActivities } from '../../activities';
import type { AppConfig } from '../../libs/config/config';
import { catalogueOf } from '../../libs/config/deadline-catalogue';
import { dataConverterFor } from '../../libs/temporal/data-converter';

/**
 * The Temporal worker: every procedure workflow (bundled from workflows/index) and every capability's activities,
 * built from their dependencies.
 */
export async function createWorker(deps: {
  config: AppConfig;
  dataSource: DataSource;
  connection: NativeConnection;
  /** A prebuilt bundle (tests build it once); otherwise bundled from workflows/ at start. */
  workflowBundle?: WorkflowBundle;
}): Promise<Worker> {
  return Worker.create({
    connection: deps.connection,
    namespace: deps.config.temporalNamespace,
    taskQueue: deps.config.taskQueue,
    ...(deps.workflowBundle ? { workflowBundle: deps.workflowBundle } : { workflowsPath: require.resolve('../../workflows') }),
    activities: createActivities({ dataSource: deps.dataSource, config: deps.config, catalogue: catalogueOf(deps.config) }),
    // Payloads encrypted, failure messages with them (issue 16); the bundle built from workflowsPath takes the failure converter.
    dataConverter: dataConverterFor(deps.config.payloadKeys),
    // A stop (deploy, SIGTERM) lets the activities under way finish for 10 s, then cancels them (their attempt fails
    // and Temporal retries it elsewhere); an activity that ignores the cancellation cannot hold the stop beyond 30 s.
    shutdownGraceTime: '10s',
    shutdownForceTime: '30s',
  });
}

/** The SDK logs every worker state change at INFO; keep WARN unless OCMW_VERBOSE is set. Call before connecting. */
export function installWorkerLogging(): void {
  Runtime.install({ logger: new DefaultLogger(process.env.OCMW_VERBOSE ? 'INFO' : 'WARN') });
}

import { DynamicModule, Inject, Injectable, Logger, Module, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NativeConnection, Worker } from '@temporalio/worker';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../../libs/config/config';
import { chainAllAuditEvents } from '../../libs/db/audit-chain';
import { createWorker } from './worker';
import { ensureWorkloadSchedule } from './workload-schedule';
import { ensureDebtReportClock } from './debt-report-schedule';

const DEPS = Symbol('WorkerDeps');
interface WorkerDeps {
  config: AppConfig;
  dataSource: DataSource;
  connection: NativeConnection;
}

/** Runs the worker for the lifetime of the Nest application context; shuts it down gracefully on close. */
@Injectable()
class WorkerRunner implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Worker');
  private worker?: Worker;
  private running?: Promise<void>;

  constructor(@Inject(DEPS) private readonly deps: WorkerDeps) {}

  async onApplicationBootstrap(): Promise<void> {
    this.worker = await createWorker(this.deps);
    this.running = this.worker.run().catch((err) => {
      this.logger.error(`worker stopped: ${err instanceof Error ? err.stack : err}`);
      throw err;
    });
    this.logger.log(`polling task queue ${this.deps.config.taskQueue}`);
    // The daily workload snapshot for the figures; a failure here must not stop the dossiers' work.
    await ensureWorkloadSchedule(this.deps.connection, this.deps.config).catch((err) =>
      this.logger.error(`workload snapshot schedule not ensured: ${err instanceof Error ? err.message : err}`),
    );
    // DEBT-1, the debt mediation annual report of a recognised OCMW; likewise not worth stopping the worker for.
    await ensureDebtReportClock(this.deps.connection, this.deps.config).catch((err) =>
      this.logger.error(`debt mediation report clock not ensured: ${err instanceof Error ? err.message : err}`),
    );
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.worker && this.worker.getState() === 'RUNNING') this.worker.shutdown();
    await this.running?.catch(() => undefined);
  }
}

/**
 * Links the new audit events into the hash chain (libs/db/audit-chain.ts) every few seconds, in the worker so that no
 * request waits for it. Several workers may run it: one at a time takes the queue (advisory lock), the others pass.
 */
@Injectable()
class AuditChainer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('AuditChain');
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> = Promise.resolve();
  private busy = false;

  constructor(@Inject(DEPS) private readonly deps: WorkerDeps) {}

  onApplicationBootstrap(): void {
    const pass = () => {
      if (this.busy) return;
      this.busy = true;
      this.running = chainAllAuditEvents(this.deps.dataSource)
        .catch((err: unknown) => this.logger.warn(`audit chain pass failed: ${err instanceof Error ? err.message : String(err)}`))
        .finally(() => (this.busy = false));
    };
    pass();
    this.timer = setInterval(pass, this.deps.config.auditChainIntervalSeconds * 1000);
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }
}

@Module({})
export class WorkerModule {
  static forRoot(deps: WorkerDeps): DynamicModule {
    return { module: WorkerModule, providers: [{ provide: DEPS, useValue: deps }, WorkerRunner, AuditChainer] };
  }
}

export async function createWorkerContext(deps: WorkerDeps) {
  const context = await NestFactory.createApplicationContext(WorkerModule.forRoot(deps), { logger: ['error', 'warn'] });
  await context.init();
  return context;
}

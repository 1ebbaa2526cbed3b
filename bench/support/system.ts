import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ensureEmbeddedAppRole } from '../../libs/db/roles';
import { freePort, startEmbeddedPostgres } from '../../libs/infra/embedded-postgres';
import { startLauncherProcess } from '../../libs/infra/launcher-process';
import { startTemporalDevServer } from '../../libs/infra/temporal-dev-server';

export interface BenchSystem {
  baseUrl: string;
  /** The superuser's URL (the benchmark seeds with it); the system itself connects as ocmw_app. */
  databaseUrl: string;
  /** The system process (for its memory figures). */
  pid: number;
  stop(): Promise<void>;
}

/**
 * A system of its own for a benchmark: embedded PostgreSQL in a temporary folder, an in-memory Temporal dev server and
 * the compiled launcher (worker + API, demo users with password "demo"), all on free ports.
 */
export async function startBenchSystem(env: Record<string, string> = {}): Promise<BenchSystem> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ocmw-bench-'));
  fs.chmodSync(dir, 0o755); // PostgreSQL runs as its own user when we are root
  const pg = await startEmbeddedPostgres({ dir: path.join(dir, 'pg'), port: await freePort(), database: 'bench' });
  const temporal = await startTemporalDevServer({ port: await freePort() });
  // As production: the system connects as the least-privileged application role, the superuser migrates.
  const appUrl = await ensureEmbeddedAppRole(pg.url);
  const system = await startLauncherProcess(
    { NODE_ENV: 'test', DATABASE_URL: appUrl, DATABASE_OWNER_URL: pg.url, TEMPORAL_ADDRESS: temporal.address, OCMW_DATA_DIR: dir, OCMW_DEMO_PASSWORD: 'demo', ...env },
    await freePort(),
  );
  return {
    baseUrl: system.baseUrl,
    databaseUrl: pg.url,
    pid: system.pid,
    stop: async () => {
      await system.stop();
      await temporal.stop();
      await pg.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

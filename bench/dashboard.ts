import * as os from 'node:os';
import { Client } from 'pg';
import { seedDossiers } from './support/seed';
import { startBenchSystem } from './support/system';
import { apiClient, report, timed } from './support/stats';

/**
 * Benchmark: the team lead's deadline dashboard and workload over a seeded read model of D open dossiers with 5
 * deadlines each (default 10,000 dossiers, 50,000 deadlines, one team of 10 social workers), p50/p95 over N calls.
 *   npm run bench:dashboard -- [dossiers=10000] [calls=50]
 */
async function main() {
  const dossiers = Number(process.argv[2] ?? 10_000);
  const calls = Number(process.argv[3] ?? 50);
  const system = await startBenchSystem();
  try {
    const seedStart = Date.now();
    await seed(system.databaseUrl, dossiers);
    console.log(`seeded ${dossiers} dossiers, ${dossiers * 5} deadlines, ${dossiers} tasks in ${((Date.now() - seedStart) / 1000).toFixed(1)} s`);
    const api = apiClient(system.baseUrl);
    const token = (await api('POST', '/auth/login', undefined, { username: 'team-lead', password: 'demo' })).accessToken as string;
    await api('GET', '/dashboard/deadlines', token); // warm-up
    const runs = Array.from({ length: calls }, (_, i) => i);
    console.log(`ocmw-flow dashboard benchmark, node ${process.version}, ${os.cpus().length} cores`);
    report('GET /dashboard/deadlines', await timed(runs, 1, () => api('GET', '/dashboard/deadlines', token)));
    report('GET /dashboard/workload', await timed(runs, 1, () => api('GET', '/dashboard/workload', token)));
    report('GET /dashboard/deadlines, 4 concurrent', await timed(runs, 4, () => api('GET', '/dashboard/deadlines', token)));
  } finally {
    await system.stop();
  }
}

/** A read model as the workflows would have written it: per dossier 5 deadlines in every state, one open task. */
async function seed(url: string, n: number) {
  const db = new Client({ connectionString: url });
  await db.connect();
  await db.query(`INSERT INTO users (username, password_hash, display_name, role, team)
    SELECT 'bench-mw-' || i, 'x', 'MA ' || i, 'social-worker', 'demo' FROM generate_series(1, 10) i`);
  await seedDossiers(db, n, { username: "'bench-mw-' || (1 + i % 10)", daysAgo: 'i % 40' });
  await db.query(
    `INSERT INTO deadlines (dossier_id, key, rule_id, title, legal_basis, trigger_date, due_date, warning_date, status, explanation, team, due_at)
     SELECT x.id, 'k' || k, 'LL-3', 'Beslissing', 'art. 21 §1 RMI-wet', x.request_date, x.request_date + 30, x.request_date + 23,
            (ARRAY['running','at-risk','breached','met','suspended'])[k], '-', 'demo', (x.request_date + 31)::timestamptz
       FROM dossiers x CROSS JOIN generate_series(1, 5) k`,
  );
  await db.query(
    `INSERT INTO tasks (id, dossier_id, kind, title, status, role, team, assignee_id, due_date)
     SELECT gen_random_uuid(), x.id, 'social-inquiry', 'Sociaal onderzoek', 'claimed', 'social-worker', 'demo', x.responsible_user_id, x.request_date + 30
       FROM dossiers x`,
  );
  await db.query('ANALYZE');
  await db.end();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

import * as os from 'node:os';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { chainAllAuditEvents, verifyAuditChain } from '../libs/db/audit-chain';
import { createDataSource } from '../libs/db/data-source';
import { seedDossiers } from './support/seed';
import { startBenchSystem } from './support/system';
import { apiClient, report, timed } from './support/stats';

/**
 * Benchmark: what the hash-chained audit trail costs the people using the system. The same running system is measured
 * twice under a steady stream of audited requests (the dossier list writes `dossier.listed` on every call): once with
 * the worker's chainer held off (this process holds its advisory lock: chaining off — the baseline), once with it
 * linking every second (off, on, off, on: the ratio from the second round). Measured: the social worker's inbox, the team lead's dashboard and the audited dossier list,
 * p50/p95, and the ratio chain on / chain off. Then the chainer's and the verifier's own rate over E queued events.
 *   npm run bench:audit -- [calls=200] [events=50000]
 */
async function main() {
  const calls = Number(process.argv[2] ?? 200);
  const events = Number(process.argv[3] ?? 50_000);
  const system = await startBenchSystem({ OCMW_AUDIT_CHAIN_INTERVAL_SECONDS: '1' });
  const db = new Client({ connectionString: system.databaseUrl });
  await db.connect();
  try {
    await seedDossiers(db, 2000, { username: "'social-worker'", daysAgo: 'i % 40' });
    await db.query(
      `INSERT INTO tasks (id, dossier_id, kind, title, status, role, team, assignee_id, due_date)
       SELECT gen_random_uuid(), x.id, 'social-inquiry', 'Sociaal onderzoek', 'claimed', 'social-worker', 'demo', x.responsible_user_id, x.request_date + 30
         FROM dossiers x WHERE x.reference <= 'LL-2026-000200'`,
    );
    await db.query('ANALYZE');
    const api = apiClient(system.baseUrl);
    const worker = (await api('POST', '/auth/login', undefined, { username: 'social-worker', password: 'demo' })).accessToken as string;
    const lead = (await api('POST', '/auth/login', undefined, { username: 'team-lead', password: 'demo' })).accessToken as string;
    console.log(`ocmw-flow audit chain benchmark: ${calls} calls per figure, 4 concurrent, node ${process.version}, ${os.cpus().length} cores`);

    const runs = Array.from({ length: calls }, (_, i) => i);
    const mixed = (i: number) =>
      i % 3 === 0 ? api('GET', '/tasks?pageSize=200', worker) : i % 3 === 1 ? api('GET', '/dashboard/deadlines', lead) : api('GET', '/dossiers?pageSize=50', worker);
    const phase = async (label: string) => {
      await timed(runs.slice(0, 20), 4, mixed); // warm-up
      const before = Number((await db.query('SELECT count(*) AS n FROM audit_chain')).rows[0].n);
      const inbox = await timed(runs, 4, () => api('GET', '/tasks?pageSize=200', worker));
      const dashboard = await timed(runs, 4, () => api('GET', '/dashboard/deadlines', lead));
      const list = await timed(runs, 4, () => api('GET', '/dossiers?pageSize=50', worker));
      const all = await timed(runs, 4, mixed);
      await new Promise((r) => setTimeout(r, 1500));
      const after = Number((await db.query('SELECT count(*) AS n FROM audit_chain')).rows[0].n);
      console.log(`\n${label} (links added meanwhile: ${after - before})`);
      report('  GET /tasks (the inbox)', inbox);
      report('  GET /dashboard/deadlines', dashboard);
      report('  GET /dossiers (audited: dossier.listed)', list);
      report('  the three mixed', all);
      return { inbox, dashboard, list, all };
    };
    const p50 = (x: { latencies: number[] }) => [...x.latencies].sort((a, b) => a - b)[Math.floor(x.latencies.length / 2)];

    // Off, on, off, on: the first round warms the system up (JIT, caches); the ratio is taken from the second.
    const rounds: { off: Awaited<ReturnType<typeof phase>>; on: Awaited<ReturnType<typeof phase>> }[] = [];
    for (const round of [1, 2]) {
      await db.query('SELECT pg_advisory_lock(7301, 0)'); // the chainer's lock: it passes while we hold it
      const off = await phase(`round ${round}, chain off (baseline: the chainer held off)`);
      await db.query('SELECT pg_advisory_unlock(7301, 0)');
      await new Promise((r) => setTimeout(r, 3000)); // it catches up
      const on = await phase(`round ${round}, chain on (the worker links every second)`);
      rounds.push({ off, on });
    }
    const { off, on } = rounds[1];
    console.log('\nratio chain on / off (round 2), p50:');
    for (const k of ['inbox', 'dashboard', 'list', 'all'] as const) console.log(`  ${k.padEnd(10)} ${(p50(on[k]) / p50(off[k])).toFixed(2)}×`);

    // The chainer's and the verifier's own rate, on E events queued at once (the chainer held off while seeding).
    await db.query('SELECT pg_advisory_lock(7301, 0)');
    await db.query(
      `INSERT INTO audit_events (actor_id, actor_role, action, dossier_id, details)
       SELECT NULL, 'system', 'bench.event', NULL, jsonb_build_object('i', i, 'note', 'een gebeurtenis') FROM generate_series(1, $1) i`,
      [events],
    );
    await db.query('SELECT pg_advisory_unlock(7301, 0)');
    const ds = await createDataSource(system.databaseUrl, { poolSize: 2 }).initialize();
    try {
      const t0 = performance.now();
      let chained = 0;
      while (Number((await db.query('SELECT count(*) AS n FROM audit_pending')).rows[0].n) > 0) chained += await chainAllAuditEvents(ds);
      const chainS = (performance.now() - t0) / 1000;
      const total = Number((await db.query('SELECT count(*) AS n FROM audit_chain')).rows[0].n);
      const t1 = performance.now();
      const verification = await verifyAuditChain(ds);
      const verifyS = (performance.now() - t1) / 1000;
      console.log(`\nchaining ${events} queued events (this process and the worker together; this one linked ${chained}): ${chainS.toFixed(2)} s, ${(events / chainS).toFixed(0)} events/s`);
      console.log(`verifying the whole chain, ${total} links: ${verifyS.toFixed(2)} s, ${(total / verifyS).toFixed(0)} links/s, ${verification.broken ? 'BROKEN' : 'holds'}`);
    } finally {
      await ds.destroy();
    }
  } finally {
    await db.end();
    await system.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

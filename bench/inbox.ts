import * as os from 'node:os';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { chromium } from 'playwright-core';
import { seedDossiers } from './support/seed';
import { startBenchSystem } from './support/system';
import { apiClient, report, timed } from './support/stats';

/**
 * Benchmark: the inbox of a social worker with N open tasks (default 200), as the API serves it and as the browser
 * shows it (Debian's Chromium: from navigation until the table's rows are on screen), p50/p95 over the given runs.
 *   npm run bench:inbox -- [tasks=200] [runs=30]
 */
async function main() {
  const n = Number(process.argv[2] ?? 200);
  const runs = Number(process.argv[3] ?? 30);
  const system = await startBenchSystem();
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
  try {
    await seed(system.databaseUrl, n);
    const api = apiClient(system.baseUrl);
    const token = (await api('POST', '/auth/login', undefined, { username: 'social-worker', password: 'demo' })).accessToken as string;
    const list = Array.from({ length: runs }, (_, i) => i);
    console.log(`ocmw-flow inbox benchmark: ${n} open tasks, node ${process.version}, ${os.cpus().length} cores`);
    report('GET /tasks?pageSize=500 (the inbox, API)', await timed(list, 1, () => api('GET', '/tasks?pageSize=500', token)));

    const page = await browser.newPage();
    await page.goto(`${system.baseUrl}/app/aanmelden`);
    await page.getByLabel('Gebruikersnaam').fill('social-worker');
    await page.getByLabel('Wachtwoord').fill('demo');
    await page.getByRole('button', { name: 'Aanmelden' }).click();
    await page.waitForURL('**/app/taken');
    const shown: number[] = [];
    for (const _ of list) {
      const t0 = performance.now();
      await page.goto(`${system.baseUrl}/app/taken`);
      await page.locator('tbody tr').nth(n - 1).waitFor();
      shown.push(performance.now() - t0);
    }
    report('/app/taken in Chromium, until all rows are shown', { latencies: shown, seconds: shown.reduce((a, b) => a + b, 0) / 1000 });
  } finally {
    await browser.close();
    await system.stop();
  }
}

/** n dossiers, each with one open task claimed by the demo social worker, due over the coming weeks. */
async function seed(url: string, n: number) {
  const db = new Client({ connectionString: url });
  await db.connect();
  await seedDossiers(db, n, { username: "'social-worker'", daysAgo: '0' });
  await db.query(
    `INSERT INTO tasks (id, dossier_id, kind, title, status, role, team, assignee_id, due_date)
     SELECT gen_random_uuid(), x.id, 'social-inquiry', 'Sociaal onderzoek', 'claimed', 'social-worker', 'demo', x.responsible_user_id,
            x.request_date + (row_number() OVER ())::int % 40 FROM dossiers x`,
  );
  await db.query('ANALYZE');
  await db.end();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

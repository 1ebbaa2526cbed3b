import { Client as PgClient } from 'pg';
import { addDays } from '../../libs/deadlines/calendar-date';
import { freePort } from '../../libs/infra/embedded-postgres';
import { startTemporalDevServer, TemporalDevServerHandle } from '../../libs/infra/temporal-dev-server';
import { outcomes, todayInBrussels, VALID_NATIONAL_NUMBERS } from '../support/factories';
import { startTestSystem, TestSystem } from '../support/system';
import { eventually } from '../support/temporal';

const ADDRESS = { street: 'Markt 1', postalCode: '9000', city: 'Gent' };
/** The one error shape, nothing more: `{statusCode, message, errors?: [{path, code, message}]}`. */
const errorShape = (statusCode: number, errors?: { path: string; code: string }[]) => ({
  statusCode,
  message: expect.any(String),
  ...(errors ? { errors: errors.map((e) => ({ ...e, message: expect.any(String) })) } : {}),
});
const nested = (levels: number) => `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`;

/** Input no route may turn into a 500: refused in the one error shape (4xx), and nothing changes. */
describe('bad input (e2e)', () => {
  let sys: TestSystem;
  const as = (user: string) => sys.as(user);
  const today = todayInBrussels();
  let taskId: string;

  const personCount = async () => (await sys.db.query('SELECT count(*)::int AS n FROM persons')).rows[0].n as number;

  beforeAll(async () => {
    sys = await startTestSystem();
    await sys.loginAll(['social-worker', 'team-lead', 'council-secretary', 'finance', 'admin']);
    const person = await sys.http.post('/persons').set(as('social-worker')).send({ nationalNumber: VALID_NATIONAL_NUMBERS[0], firstName: 'Jan', lastName: 'Peeters', address: ADDRESS });
    expect(person.status).toBe(201);
    const dossier = await sys.http.post('/dossiers').set(as('social-worker')).send({ procedure: 'leefloon', personId: person.body.id });
    expect(dossier.status).toBe(201);
    taskId = (await eventually(async () => (await sys.http.get('/tasks').set(as('social-worker'))).body.items[0])).id;
  });
  afterAll(async () => {
    await sys?.close();
  });

  it('refuses a NUL character in any text field or query parameter, with the path to it', async () => {
    const before = await personCount();
    const body = { nationalNumber: VALID_NATIONAL_NUMBERS[1], firstName: '\u0000', lastName: 'Maes', address: { ...ADDRESS, city: 'Ge\u0000nt' } };
    const person = await sys.http.post('/persons').set(as('social-worker')).send(body);
    expect(person.status).toBe(400);
    expect(person.body).toEqual(errorShape(400, [{ path: '/firstName', code: 'nul-character' }, { path: '/address/city', code: 'nul-character' }]));
    expect(await personCount()).toBe(before);

    for (const url of ['/tasks?team=%00', '/dossiers?team=a%00b', '/payments?team=%00', '/persons?nationalNumber=%00']) {
      const res = await sys.http.get(url).set(as('admin'));
      expect([url, res.status, res.body]).toEqual([url, 400, errorShape(400, [{ path: url.includes('persons') ? '/nationalNumber' : '/team', code: 'nul-character' }])]);
    }
    // A body no route schema describes (a task outcome) and a property name.
    const outcome = await sys.http.post(`/tasks/${taskId}/complete`).set(as('social-worker')).send({ competent: true, rule: 'usual-residence', 'x\u0000': 'y' });
    expect(outcome.body).toEqual(errorShape(400, [{ path: '/x\u0000', code: 'nul-character' }]));
    const login = await sys.http.post('/auth/login').send({ username: 'social-worker\u0000', password: 'demo' });
    expect(login.body).toEqual(errorShape(400, [{ path: '/username', code: 'nul-character' }]));
    expect((await sys.http.get(`/tasks/${taskId}`).set(as('social-worker'))).body.status).not.toBe('completed');
  });

  it('refuses a date outside 1900-01-01 … 2100-12-31, and sessions or execution dates more than two years ahead', async () => {
    const compute = await sys.http.post('/legal-deadlines/compute').set(as('team-lead')).send({ ruleId: 'LL-3', trigger: '9999-12-31' });
    expect(compute.body).toEqual(errorShape(400, [{ path: '/trigger', code: 'date-range' }]));
    const early = await sys.http.post('/legal-deadlines/compute').set(as('team-lead')).send({ ruleId: 'LL-3', trigger: '1899-12-31' });
    expect(early.body).toEqual(errorShape(400, [{ path: '/trigger', code: 'date-range' }]));
    expect((await sys.http.get('/tasks?dueBefore=2101-01-01').set(as('social-worker'))).body).toEqual(errorShape(400, [{ path: '/dueBefore', code: 'date-range' }]));
    expect((await sys.http.post('/legal-deadlines/compute').set(as('team-lead')).send({ ruleId: 'LL-3', trigger: '2100-12-31' })).status).toBe(200);

    const meetings = async () => (await sys.db.query('SELECT count(*)::int AS n FROM council_meetings')).rows[0].n as number;
    const before = await meetings();
    const farSession = await sys.http.post('/council/meetings').set(as('council-secretary')).send({ date: '9999-12-31' });
    expect(farSession.body).toEqual(errorShape(400, [{ path: '/date', code: 'date-range' }]));
    const threeYears = await sys.http.post('/council/meetings').set(as('council-secretary')).send({ date: addDays(today, 3 * 366) });
    expect(threeYears.body).toEqual(errorShape(400, [{ path: '/date', code: 'too-far-ahead' }]));
    expect(await meetings()).toBe(before);
    const nextYear = await sys.http.post('/council/meetings').set(as('council-secretary')).send({ date: addDays(today, 365) });
    expect(nextYear.status).toBe(201);

    const batch = await sys.http.post('/payment-batches').set(as('finance')).send({ requestedExecutionDate: addDays(today, 3 * 366) });
    expect(batch.body).toEqual(errorShape(400, [{ path: '/requestedExecutionDate', code: 'too-far-ahead' }]));
  });

  it('refuses a body nested more than 32 levels deep before validation, and one larger than 256 KB', async () => {
    const deep = await sys.http.post(`/tasks/${taskId}/complete`).set(as('social-worker')).set('content-type', 'application/json').send(`{"competent":true,"rule":"usual-residence","x":${nested(5000)}}`);
    expect(deep.status).toBe(400);
    expect(deep.body).toEqual(errorShape(400, [{ path: `/x${'/a'.repeat(31)}`, code: 'too-deep' }]));
    const veryDeep = await sys.http.post('/persons').set(as('social-worker')).set('content-type', 'application/json').send(`[${'['.repeat(100_000)}${']'.repeat(100_000)}]`);
    expect(veryDeep.body).toEqual(errorShape(400, [{ path: expect.stringMatching(/^(\/0){32}$/), code: 'too-deep' }]));
    // 32 levels pass the check (and are then judged by the route's schema).
    const thirtyTwo = await sys.http.post('/legal-deadlines/compute').set(as('team-lead')).set('content-type', 'application/json').send(`{"ruleId":"LL-3","trigger":"2026-01-05","x":${nested(31)}}`);
    expect(thirtyTwo.body).toEqual(errorShape(400, [{ path: '/x', code: 'unknown-property' }]));
    expect((await sys.http.get(`/tasks/${taskId}`).set(as('social-worker'))).body.status).not.toBe('completed');

    const big = await sys.http.post('/persons').set(as('social-worker')).send({ nationalNumber: VALID_NATIONAL_NUMBERS[1], firstName: 'x'.repeat(300 * 1024), lastName: 'Maes', address: ADDRESS });
    expect(big.status).toBe(413);
    expect(big.body).toEqual(errorShape(413, [{ path: '', code: 'too-large' }]));
    // 200 KB is within the limit: the schema answers (maxLength), not the size check.
    const within = await sys.http.post('/persons').set(as('social-worker')).send({ nationalNumber: VALID_NATIONAL_NUMBERS[1], firstName: 'x'.repeat(200 * 1024), lastName: 'Maes', address: ADDRESS });
    expect(within.body).toEqual(errorShape(400, [{ path: '/firstName', code: 'max-length' }]));
  });

  it('refuses a national number whose only valid reading is a birth date in the future', async () => {
    const before = await personCount();
    const res = await sys.http.post('/persons').set(as('social-worker')).send({ nationalNumber: '29022279174', firstName: 'Toekomst', lastName: 'Kind', address: ADDRESS });
    expect(res.body).toEqual(errorShape(400, [{ path: '/nationalNumber', code: 'national-number' }]));
    expect(res.body.errors[0].message).toContain('2029-02-22');
    expect((await sys.http.get('/persons?nationalNumber=29022279174').set(as('social-worker'))).body).toEqual(errorShape(400, [{ path: '/nationalNumber', code: 'national-number' }]));
    expect(await personCount()).toBe(before);
  });

  it('answers 503 with Retry-After while PostgreSQL refuses connections, changes nothing, and recovers', async () => {
    const database = (await sys.db.query('SELECT current_database() AS name')).rows[0].name as string;
    const admin = new PgClient({ connectionString: process.env.TEST_DATABASE_URL });
    await admin.connect();
    const before = await personCount();
    try {
      await admin.query(`ALTER DATABASE ${database} ALLOW_CONNECTIONS false`);
      await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> $2', [database, (await sys.db.query('SELECT pg_backend_pid() AS pid')).rows[0].pid]);
      for (const request of [
        () => sys.http.get('/tasks').set(as('social-worker')),
        () => sys.http.post('/persons').set(as('social-worker')).send({ nationalNumber: VALID_NATIONAL_NUMBERS[1], firstName: 'Els', lastName: 'Maes', address: ADDRESS }),
        () => sys.http.post('/auth/login').send({ username: 'social-worker', password: 'demo' }),
      ]) {
        const res = await request();
        expect([res.status, res.headers['retry-after'], res.body]).toEqual([503, '5', errorShape(503)]);
        expect(res.body.message).toMatch(/PostgreSQL/);
      }
    } finally {
      await admin.query(`ALTER DATABASE ${database} ALLOW_CONNECTIONS true`);
      await admin.end();
    }
    expect(await personCount()).toBe(before);
    expect((await sys.http.get('/tasks').set(as('social-worker'))).status).toBe(200);
  });
});

/** Its own Temporal dev server, stopped in the middle of the test and started again. */
describe('Temporal unavailable (e2e)', () => {
  let sys: TestSystem;
  let temporal: TemporalDevServerHandle;
  let port: number;
  const as = (user: string) => sys.as(user);
  const person = async (nationalNumber: string) =>
    (await sys.http.post('/persons').set(as('social-worker')).send({ nationalNumber, firstName: 'Jan', lastName: 'Peeters', address: ADDRESS })).body.id as string;

  beforeAll(async () => {
    port = await freePort();
    temporal = await startTemporalDevServer({ port });
    sys = await startTestSystem({ TEMPORAL_ADDRESS: temporal.address });
    await sys.loginAll(['social-worker']);
  });
  afterAll(async () => {
    await sys?.close();
    await temporal?.stop();
  });

  it('registers a request while Temporal cannot be reached and starts its workflow once it is back; answers 503 to a task completion and recovers', async () => {
    const first = await sys.http.post('/dossiers').set(as('social-worker')).send({ procedure: 'leefloon', personId: await person(VALID_NATIONAL_NUMBERS[0]) });
    expect(first.status).toBe(201);
    expect(first.body.workflowStarted).toBe(true);
    const task = await eventually(async () => (await sys.http.get('/tasks').set(as('social-worker'))).body.items[0]);
    const personId = await person(VALID_NATIONAL_NUMBERS[1]);

    await temporal.stop();
    // The request is registered (its date counts, its reference is taken); the start waits in the workflow outbox.
    const opened = await sys.http.post('/dossiers').set(as('social-worker')).send({ procedure: 'leefloon', personId });
    expect(opened.status).toBe(201);
    expect(opened.body).toMatchObject({ reference: expect.stringMatching(/^LL-/), workflowStarted: false });
    const start = async () => (await sys.db.query(`SELECT status FROM workflow_outbox WHERE dossier_id = $1 AND message = 'startWorkflow'`, [opened.body.id])).rows;
    expect(await start()).toEqual([{ status: 'pending' }]);
    const completed = await sys.http.post(`/tasks/${task.id}/complete`).set(as('social-worker')).send(outcomes.competent);
    expect([completed.status, completed.headers['retry-after'], completed.body]).toEqual([503, '5', errorShape(503)]);
    expect(completed.body.message).toMatch(/Temporal/);
    expect((await sys.db.query('SELECT status FROM tasks WHERE id = $1', [task.id])).rows[0].status).not.toBe('completed');

    // Two openings at once while each start waits on Temporal (its retries take a second or two): both dossiers are
    // committed, and the reference counter's row is free, while neither request has answered yet — the lock that
    // takes a reference is held for the short transaction only, never across the start.
    const others = [await person('90010100123'), await person('91020200220')];
    let answered = 0;
    const parallel = Promise.all(others.map((p) => sys.http.post('/dossiers').set(as('social-worker')).send({ procedure: 'leefloon', personId: p }).then((res) => {
      answered++;
      return res;
    })));
    await eventually(async () => ((await sys.db.query('SELECT count(*)::int AS n FROM dossiers WHERE person_id = ANY($1)', [others])).rows[0].n === 2 ? true : undefined));
    await sys.db.query('BEGIN');
    try {
      await sys.db.query(`SELECT last FROM reference_counters FOR UPDATE NOWAIT`); // fails at once if an opening held it
      expect(answered).toBe(0);
    } finally {
      await sys.db.query('ROLLBACK');
    }
    const [one, two] = await parallel;
    expect([one.status, two.status]).toEqual([201, 201]);
    expect(new Set([opened.body.reference, one.body.reference, two.body.reference]).size).toBe(3);

    temporal = await startTemporalDevServer({ port }); // in memory: a new, empty server on the same address
    // The relay starts the waiting workflow: its first task appears, and the start was delivered once.
    const firstTask = await eventually(async () => {
      const res = await sys.http.get('/tasks').set(as('social-worker'));
      return res.body.items?.find((t: { dossierId: string }) => t.dossierId === opened.body.id);
    }, 60_000);
    expect(firstTask).toMatchObject({ kind: 'competence-check' });
    expect(await start()).toEqual([{ status: 'delivered' }]);
    const starts = await sys.db.query(`SELECT count(*)::int AS n FROM workflow_outbox WHERE message = 'startWorkflow' AND status = 'delivered'`);
    await eventually(async () => ((await sys.db.query(`SELECT count(*)::int AS n FROM workflow_outbox WHERE message = 'startWorkflow' AND status <> 'delivered'`)).rows[0].n === 0 ? true : undefined), 60_000);
    expect(starts.rows[0].n).toBeGreaterThanOrEqual(2);
  });
});

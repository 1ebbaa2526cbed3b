import { Workbook } from 'exceljs';
import { FIGURES_PERIOD, seedFigures } from '../support/figures-seed';
import { todayInBrussels, VALID_NATIONAL_NUMBERS } from '../support/factories';
import { eventually } from '../support/temporal';
import { startTestSystem, TestSystem } from '../support/system';

/** The team lead's figures (issue 11) over seeded months of 2025: numbers, team scoping, CSV and XLSX exports. */
describe('figures (e2e)', () => {
  let sys: TestSystem;
  const as = (user: string) => sys.as(user);
  const period = `from=${FIGURES_PERIOD.from}&to=${FIGURES_PERIOD.to}`;
  let openBreachId: string;

  beforeAll(async () => {
    sys = await startTestSystem();
    await sys.loginAll(['social-worker', 'team-lead', 'admin']);
    const users: Record<string, string> = {};
    for (const u of (await sys.http.get('/users').set(as('admin'))).body.items) users[u.username] = u.id;
    const person = await sys.http.post('/persons').set(as('social-worker')).send({
      nationalNumber: VALID_NATIONAL_NUMBERS[0], firstName: 'Jan', lastName: 'Cijfers', address: { street: 'Markt 1', postalCode: '9000', city: 'Gent' },
    });
    expect(person.status).toBe(201);
    ({ openBreachId } = await seedFigures(sys.db, { personId: person.body.id, worker: users['social-worker'], worker2: users['social-worker-2'] }));
  });
  afterAll(async () => {
    await sys?.close();
  });

  const get = (path: string, user = 'team-lead') => sys.http.get(path).set(as(user));
  /** The body of a file answer, as bytes. */
  const bytes = (path: string) =>
    get(path).buffer(true).parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });

  const arrayBuffer = (b: Buffer) => b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;

  it('counts the deadlines met on time per month and rule, of the own team only', async () => {
    const res = await get(`/figures/deadlines?${period}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ from: '2025-03', to: '2025-04', team: 'demo', total: 2 });
    expect(res.body.items).toEqual([
      { month: '2025-03', ruleId: 'LL-4', title: 'Kennisgeving van de beslissing', due: 1, onTime: 1, late: 0, pending: 0, onTimePercent: 100 },
      { month: '2025-04', ruleId: 'LL-3', title: 'Beslissing over de aanvraag', due: 3, onTime: 1, late: 1, pending: 1, onTimePercent: 50 },
    ]);
    // The admin sees every team: noord's April decision met on time too.
    const all = await get(`/figures/deadlines?${period}`, 'admin');
    expect(all.body.team).toBeNull();
    expect(all.body.items[1]).toMatchObject({ month: '2025-04', due: 4, onTime: 2 });
  });

  it('counts breaches per month and cause, with the cause chosen on acknowledging', async () => {
    const before = await get(`/figures/breaches?${period}`);
    expect(before.body.items).toEqual([
      { month: '2025-03', cause: 'onbekend', causeLabel: 'Onbekend', breaches: 1 },
      { month: '2025-04', cause: 'onbekend', causeLabel: 'Onbekend', breaches: 1 },
      { month: '2025-04', cause: 'personeelstekort', causeLabel: 'Personeelstekort', breaches: 2 },
    ]);
    const ack = await sys.http.post(`/escalations/${openBreachId}/acknowledge`).set(as('team-lead')).send({ cause: 'wachten-op-partner', causeNote: 'CAW antwoordde niet' });
    expect(ack.status).toBe(200);
    const after = await get(`/figures/breaches?${period}`);
    expect(after.body.items).toEqual([
      { month: '2025-03', cause: 'onbekend', causeLabel: 'Onbekend', breaches: 1 },
      { month: '2025-04', cause: 'personeelstekort', causeLabel: 'Personeelstekort', breaches: 2 },
      { month: '2025-04', cause: 'wachten-op-partner', causeLabel: 'Wachten op een partner', breaches: 1 },
    ]);
  });

  it('gives the workload per worker per day from the snapshots, and the dossiers opened and closed per procedure', async () => {
    const workload = await get(`/figures/workload?${period}`);
    expect(workload.body.items.map((r: Record<string, unknown>) => [r.day, r.displayName, r.openTasks, r.overdueTasks])).toEqual([
      ['2025-04-01', 'An Maatschappelijk Assistent', 12, 2],
      ['2025-04-01', 'Bart Maatschappelijk Assistent', 7, 0],
      ['2025-04-02', 'An Maatschappelijk Assistent', 1234, 3],
      ['2025-04-02', 'Bart Maatschappelijk Assistent', 8, 1],
    ]);
    const dossiers = await get(`/figures/dossiers?${period}`);
    expect(dossiers.body.items).toEqual([
      { month: '2025-03', procedure: 'leefloon', procedureTitle: 'Leefloon (RMI-wet)', opened: 2, closed: 0 },
      { month: '2025-04', procedure: 'leefloon', procedureTitle: 'Leefloon (RMI-wet)', opened: 0, closed: 1 },
      { month: '2025-04', procedure: 'social-aid', procedureTitle: 'Maatschappelijke dienstverlening (OCMW-wet)', opened: 1, closed: 1 },
    ]);
    expect((await get(`/figures/dossiers?from=2025-04&to=2025-04`)).body.items.map((r: { month: string }) => r.month)).toEqual(['2025-04', '2025-04']);
  });

  it('exports CSV: UTF-8 with BOM, `;`, Dutch headers, numbers and dates', async () => {
    const csv = await bytes(`/figures/workload?${period}&format=csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toBe('attachment; filename="werklast-2025-03-2025-04-demo.csv"');
    const body = csv.body as Buffer;
    expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(body.subarray(3).toString('utf8').split('\r\n')).toEqual([
      'Dag;Medewerker;Team;Open taken;Te late taken',
      '01/04/2025;An Maatschappelijk Assistent;demo;12;2',
      '01/04/2025;Bart Maatschappelijk Assistent;demo;7;0',
      '02/04/2025;An Maatschappelijk Assistent;demo;1.234;3',
      '02/04/2025;Bart Maatschappelijk Assistent;demo;8;1',
      '',
    ]);
    // By Accept, without ?format.
    const deadlines = await sys.http.get(`/figures/deadlines?${period}`).set(as('team-lead')).set('Accept', 'text/csv').buffer(true);
    expect(deadlines.text.replace(/^\uFEFF/, '').split('\r\n').slice(0, 3)).toEqual([
      'Maand;Regel;Termijn;Vervallen;Tijdig;Te laat;Nog lopend;Tijdig (%)',
      'maart 2025;LL-4;Kennisgeving van de beslissing;1;1;0;0;100,0',
      'april 2025;LL-3;Beslissing over de aanvraag;3;1;1;1;50,0',
    ]);
  });

  it('exports XLSX that reads back (exceljs) to the same numbers', async () => {
    const res = await bytes(`/figures/dossiers?${period}&format=xlsx`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const workbook = new Workbook();
    await workbook.xlsx.load(arrayBuffer(res.body));
    const sheet = workbook.getWorksheet('Dossiers')!;
    const rows: unknown[][] = [];
    sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    expect(rows).toEqual([
      ['Maand', 'Procedure', 'Geopend', 'Afgesloten'],
      ['maart 2025', 'Leefloon (RMI-wet)', 2, 0],
      ['april 2025', 'Leefloon (RMI-wet)', 0, 1],
      ['april 2025', 'Maatschappelijke dienstverlening (OCMW-wet)', 1, 1],
    ]);
    const workload = new Workbook();
    await workload.xlsx.load(arrayBuffer((await bytes(`/figures/workload?${period}&format=xlsx`)).body));
    const third = workload.getWorksheet('Werklast')!.getRow(4);
    expect([third.getCell(1).value, third.getCell(4).value, third.getCell(5).value]).toEqual([new Date('2025-04-02T00:00:00Z'), 1234, 3]);
  });

  it('snapshots the workload daily by a Temporal Schedule the worker created, once per day however often it runs', async () => {
    const schedule = sys.temporal.schedule.getHandle(`workload-snapshot-${sys.taskQueue}`);
    const described = await schedule.describe();
    expect(described.spec.calendars?.[0]).toMatchObject({ hour: [{ start: 23, end: 23, step: 1 }], minute: [{ start: 30, end: 30, step: 1 }] });
    expect(described.spec.timezone).toBe('Europe/Brussels');
    const today = todayInBrussels();
    const rows = async () => (await sys.db.query('SELECT user_id, open_tasks FROM workload_snapshots WHERE day = $1 ORDER BY user_id', [today])).rows;
    const recent = async () => (await schedule.describe()).info.recentActions;
    const resultOf = (action: { action: { workflow: { workflowId: string } } }) => sys.temporal.workflow.getHandle(action.action.workflow.workflowId).result();
    await schedule.trigger();
    const firstRun = await eventually(async () => (await recent())[0]);
    // The demo team's social workers and council secretary.
    expect(await resultOf(firstRun)).toEqual({ day: today, written: 3 });
    const first = await rows();
    expect(first).toHaveLength(3);
    await schedule.trigger(); // a second run the same day (a retry, a second worker's schedule, a catch-up by hand)
    const secondRun = await eventually(async () => (await recent())[1]);
    expect(await resultOf(secondRun)).toEqual({ day: today, written: 0 });
    expect(await rows()).toEqual(first);
  });

  it('scopes to the team (404 for another, 403 for a role without figures) and refuses bad months (400)', async () => {
    expect((await get(`/figures/deadlines?${period}&team=noord`)).status).toBe(404);
    expect((await get(`/figures/breaches?${period}`, 'social-worker')).status).toBe(403);
    expect((await get(`/figures/workload?${period}&team=noord`, 'admin')).body.items).toEqual([
      expect.objectContaining({ day: '2025-04-03', team: 'noord', openTasks: 99 }),
    ]);
    for (const query of ['from=2025-13', 'from=2025-4', 'to=april', 'from=2025-05&to=2025-04', 'from=2020-01&to=2025-04', 'format=pdf', 'other=1']) {
      const res = await get(`/figures/dossiers?${query}`);
      expect([query, res.status, res.body.statusCode]).toEqual([query, 400, 400]);
    }
  });
});

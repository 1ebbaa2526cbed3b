import { debtReportWorkflowId } from '../../libs/notices/debt-annual-report';
import { startTestSystem, TestSystem } from '../support/system';
import { eventually, uniqueTaskQueue } from '../support/temporal';

const address = { street: 'Veldstraat 3', postalCode: '9000', city: 'Gent' };

/**
 * The annual report and basic registration of debt mediation files (due 31 March of the next year) over HTTP, on files
 * of 2024–2026 set in the read model (no test depends on today's date): per type (the BCSD's latest decision on the
 * kind of help, a CSR with the OCMW as mediator, none), opened and closed in 2025 and running on 31 December, with the
 * year's edges in Brussels time; as JSON, CSV and PDF, for the team lead only; bad input a 400.
 */
describe('debt mediation annual report (e2e)', () => {
  let sys: TestSystem;
  const as = (user: string) => sys.as(user);
  const taskQueue = uniqueTaskQueue('e2e-debt-report');

  beforeAll(async () => {
    sys = await startTestSystem({ TEMPORAL_TASK_QUEUE: taskQueue });
    await sys.loginAll(['social-worker', 'team-lead']);
    let n = 0;
    const file = async (openedAt: string, closedAt: string | null) => {
      n++;
      const person = await sys.http.post('/persons').set(as('social-worker')).send({ noNationalNumberReason: 'unknown', birthDate: `1980-02-0${n}`, firstName: `Cliënt ${n}`, lastName: 'Jaarverslag', address });
      expect(person.status).toBe(201);
      const dossier = await sys.http.post('/dossiers').set(as('social-worker')).send({ procedure: 'debt-mediation', personId: person.body.id });
      expect(dossier.status).toBe(201);
      await sys.db.query(`UPDATE dossiers SET opened_at = $2, closed_at = $3 WHERE id = $1`, [dossier.body.id, openedAt, closedAt]);
      return dossier.body.id as string;
    };
    const [meeting] = (await sys.db.query(
      `INSERT INTO council_meetings (date, time, place, cutoff_date, kind, status) VALUES ('2024-06-04', '14:00', 'Raadzaal', '2024-05-28', 'regular', 'closed') RETURNING id`,
    )).rows;
    const decide = async (dossierId: string, decisionDate: string, guidanceType: string) =>
      sys.db.query(
        `INSERT INTO agenda_items (meeting_id, dossier_id, key, kind, team, proposal, status, decision) VALUES ($1, $2, $3, 'decision', 'demo', '{}', 'decided', $4)`,
        [meeting.id, dossierId, `decision-${decisionDate}`, JSON.stringify({ result: 'granted', decisionDate, guidanceType, motivation: '-', recordedBy: 'x', recordedAt: decisionDate })],
      );
    // Opened in 2025, budget management, running at the year's end.
    await decide(await file('2025-02-10T09:00:00+01:00', null), '2025-03-04', 'budget-management');
    // Opened in 2024 as budget guidance, revised to budget management in 2026 (after the year: it still counts as guidance), closed in 2025.
    const revised = await file('2024-05-01T09:00:00+02:00', '2025-09-30T15:00:00+02:00');
    await decide(revised, '2024-06-04', 'budget-guidance');
    await decide(revised, '2026-02-03', 'budget-management');
    // Opened in 2025 as budget guidance; a CSR admitted with the OCMW as mediator in 2025.
    const csr = await file('2025-04-01T09:00:00+02:00', null);
    await decide(csr, '2025-05-06', 'budget-guidance');
    await sys.db.query(`INSERT INTO csr_files (dossier_id, court, order_date, order_sent_on, mediator, ocmw_mediator, status) VALUES ($1, 'arbeidsrechtbank Gent', '2025-08-01', '2025-08-02', 'ocmw', true, 'CSR_CLAIMS')`, [csr]);
    // Opened late on 31 December 2025 in Brussels (still 2025), no decision yet.
    await file('2025-12-31T23:30:00+01:00', null);
    // Opened early on 1 January 2026 in Brussels (in UTC still 2025): not in the 2025 report.
    await file('2026-01-01T00:30:00+01:00', null);
    // Opened and closed in 2023: not in it either.
    await file('2023-03-01T09:00:00+01:00', '2023-12-01T09:00:00+01:00');
  });
  afterAll(async () => {
    await sys?.close();
  });

  const get = (query: string, user = 'team-lead') => sys.http.get(`/figures/debt-mediation-report?${query}`).set(as(user)).buffer(true);

  it('counts the files of the year per type: opened, closed, running on 31 December', async () => {
    const res = await get('year=2025');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      year: 2025, team: 'demo', dueDate: '2026-03-31', total: 4, submitted: null,
      items: [
        { team: 'demo', type: 'budget-guidance', typeLabel: 'Budgetbegeleiding', opened: 0, closed: 1, runningAtYearEnd: 0 },
        { team: 'demo', type: 'budget-management', typeLabel: 'Budgetbeheer', opened: 1, closed: 0, runningAtYearEnd: 1 },
        { team: 'demo', type: 'csr', typeLabel: 'Collectieve schuldenregeling (OCMW als schuldbemiddelaar)', opened: 1, closed: 0, runningAtYearEnd: 1 },
        { team: 'demo', type: 'none', typeLabel: 'Aanvraag zonder traject (geweigerd, doorgestuurd of nog niet beslist)', opened: 1, closed: 0, runningAtYearEnd: 1 },
      ],
    });
  });

  it('downloads the report as CSV with Dutch headers, and as a PDF', async () => {
    const csv = await get('year=2025&format=csv');
    expect(csv.status).toBe(200);
    expect(csv.headers['content-disposition']).toBe('attachment; filename="schuldbemiddeling-2025-demo.csv"');
    expect(csv.text.replace(/^\uFEFF/, '').split('\r\n').slice(0, 3)).toEqual([
      'Team;Soort dossier;Geopend;Afgesloten;Lopend op 31 december',
      'demo;Budgetbegeleiding;0;1;0',
      'demo;Budgetbeheer;1;0;1',
    ]);
    const pdf = await sys.http.get('/figures/debt-mediation-report?year=2025&format=pdf').set(as('team-lead')).buffer(true).parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect((pdf.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('is the team lead\'s: a social worker gets 403; a bad year or format a 400 in the one error shape', async () => {
    expect((await get('year=2025', 'social-worker')).status).toBe(403);
    const bad = await get('year=25&format=doc');
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['/format', '/year']);
    expect((await get('')).status).toBe(400);
  });

  // Last: it freezes the 2025 figures. The clock of 2025 (due 31 March 2026) has passed on any day this runs.
  it('DEBT-1 without a dossier: the clock on the dashboard, breached; the submission meets it late and freezes the figures (once)', async () => {
    const workflowId = debtReportWorkflowId(taskQueue, 2025);
    const report = await sys.temporal.workflow.start('debtMediationAnnualReport', {
      taskQueue, workflowId, args: [{ year: 2025, team: 'demo', timeZone: 'Europe/Brussels', warningDays: 7 }],
    });
    await eventually(async () => (await sys.db.query(`SELECT 1 FROM escalations WHERE dossier_id IS NULL AND deadline_key = 'debt-report:2025' AND level = 'breach'`)).rows[0]);
    const board = await sys.http.get('/dashboard/deadlines').set(as('team-lead'));
    expect(board.status).toBe(200);
    expect(board.body.breached).toContainEqual(expect.objectContaining({
      dossierId: null, dossierReference: null, subject: 'Jaarverslag schuldbemiddeling 2025', ruleId: 'DEBT-1', dueDate: '2026-03-31', status: 'breached', socialWorker: null,
    }));
    const escalations = await sys.http.get('/escalations').set(as('team-lead'));
    expect(escalations.body.items).toContainEqual(expect.objectContaining({ dossierId: null, subject: 'Jaarverslag schuldbemiddeling 2025', ruleId: 'DEBT-1', level: 'breach' }));

    const submit = (body: object, user = 'team-lead') => sys.http.post('/figures/debt-mediation-report/submission').set(as(user)).send(body);
    expect((await submit({ year: 2025 }, 'social-worker')).status).toBe(403);
    const bad = await submit({ year: '2025', submittedOn: '15/04/2026' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['/submittedOn', '/year']);
    expect((await submit({ year: 2025, submittedOn: '2025-12-01' })).status).toBe(400); // inside the year reported on
    expect((await submit({ year: 2025, submittedOn: '2999-01-01' })).status).toBe(400); // after today
    expect((await submit({ year: 2099 })).status).toBe(409); // not ended
    expect((await sys.db.query(`SELECT count(*)::int AS n FROM annual_reports`)).rows[0].n).toBe(0);

    const done = await submit({ year: 2025, submittedOn: '2026-04-15' });
    expect(done.status).toBe(201);
    expect(done.body).toMatchObject({ year: 2025, submittedOn: '2026-04-15', rows: 4, clock: 'met' });
    expect(await report.result()).toEqual({ year: 2025, status: 'breached', submittedOn: '2026-04-15' });
    const [clock] = (await sys.db.query(`SELECT status, met_date FROM deadlines WHERE dossier_id IS NULL AND key = 'debt-report:2025'`)).rows;
    expect(clock).toEqual({ status: 'breached', met_date: '2026-04-15' });

    // A file of 2025 registered afterwards does not change what was submitted.
    const person = await sys.http.post('/persons').set(as('social-worker')).send({ noNationalNumberReason: 'unknown', birthDate: '1980-03-09', firstName: 'Cliënt laat', lastName: 'Jaarverslag', address });
    const late = await sys.http.post('/dossiers').set(as('social-worker')).send({ procedure: 'debt-mediation', personId: person.body.id });
    await sys.db.query(`UPDATE dossiers SET opened_at = '2025-06-01T09:00:00+02:00' WHERE id = $1`, [late.body.id]);
    const frozen = await get('year=2025');
    expect(frozen.body).toMatchObject({ total: 4, submitted: { submittedOn: '2026-04-15', submittedBy: expect.any(String) } });
    expect(frozen.body.items.find((r: { type: string }) => r.type === 'none').opened).toBe(1);
    const again = await submit({ year: 2025, submittedOn: '2026-04-16' });
    expect(again.status).toBe(409);
    expect((await sys.db.query(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'debt-report.submitted'`)).rows[0].n).toBe(1);
  });
});

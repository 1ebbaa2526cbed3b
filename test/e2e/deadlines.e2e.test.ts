import { addDays } from '../../libs/deadlines/calendar-date';
import { formatDateNl } from '../../libs/format/dutch';
import { outcomes, todayInBrussels, VALID_NATIONAL_NUMBERS } from '../support/factories';
import { eventually } from '../support/temporal';
import { startTestSystem, TestSystem } from '../support/system';

/** The team lead's view: dossiers registered late show up at risk and breached, with escalations; absence cover. */
describe('deadlines, dashboard, escalations and reassignment (e2e)', () => {
  let sys: TestSystem;
  const as = (user: string) => sys.as(user);
  const today = todayInBrussels();
  const dossiers: Record<'atRisk' | 'breached', string> = { atRisk: '', breached: '' };
  const users: Record<string, string> = {};

  beforeAll(async () => {
    sys = await startTestSystem();
    await sys.loginAll(['social-worker', 'social-worker-2', 'team-lead', 'council-secretary', 'admin']);
    for (const u of (await sys.http.get('/users').set(as('admin'))).body.items) users[u.username] = u.id;
    const open = async (nationalNumber: string, daysAgo: number) => {
      const person = await sys.http.post('/persons').set(as('social-worker')).send({
        nationalNumber, firstName: 'Test', lastName: `Dossier ${daysAgo}`, address: { street: 'Markt 1', postalCode: '9000', city: 'Gent' },
      });
      const res = await sys.http.post('/dossiers').set(as('social-worker')).send({ procedure: 'leefloon', personId: person.body.id, requestDate: addDays(today, -daysAgo) });
      expect(res.status).toBe(201);
      return res.body.id as string;
    };
    dossiers.atRisk = await open(VALID_NATIONAL_NUMBERS[0], 25);
    dossiers.breached = await open(VALID_NATIONAL_NUMBERS[1], 31);
  });
  afterAll(async () => {
    await sys?.close();
  });

  it('shows the late dossiers at risk and breached on the dashboard, per social worker', async () => {
    let last: unknown;
    const board = await eventually(async () => {
      const res = await sys.http.get('/dashboard/deadlines').set(as('team-lead'));
      last = res.body;
      return res.body.atRisk?.length === 1 && res.body.breached?.length === 1 ? res.body : undefined;
    }).catch((e) => {
      throw new Error(`${e.message}: ${JSON.stringify(last)}`);
    });
    expect(board.atRisk[0]).toMatchObject({ dossierId: dossiers.atRisk, ruleId: 'LL-3', dueDate: addDays(today, 5), daysLeft: 5, status: 'at-risk' });
    expect(board.breached[0]).toMatchObject({ dossierId: dossiers.breached, ruleId: 'LL-3', dueDate: addDays(today, -1), daysLeft: -1, status: 'breached' });
    expect(board.dueThisWeek.map((d: { dossierId: string }) => d.dossierId)).toEqual([dossiers.atRisk]);
    expect(board.perSocialWorker).toEqual([
      expect.objectContaining({ socialWorker: expect.objectContaining({ id: users['social-worker'] }), atRisk: 1, breached: 1, dueThisWeek: 1 }),
    ]);
    expect((await sys.http.get('/dashboard/deadlines').set(as('social-worker'))).status).toBe(403);
    expect((await sys.http.get('/dashboard/deadlines?team=noord').set(as('team-lead'))).status).toBe(404);

    // Both dossiers' first tasks are open (the workflows open them asynchronously).
    const mine = await eventually(async () => {
      const workload = await sys.http.get('/dashboard/workload').set(as('team-lead'));
      const row = workload.body.workers.find((w: { user: { id: string } }) => w.user.id === users['social-worker']);
      return row?.openTasks === 2 ? row : undefined;
    });
    expect(mine).toMatchObject({ openTasks: 2, overdueTasks: 1, nearestDueDate: addDays(today, -1) });
  });

  it('lists the escalations and lets the team lead acknowledge them once', async () => {
    const list = await eventually(async () => {
      const res = await sys.http.get('/escalations').set(as('team-lead'));
      return res.body.items?.length === 3 ? res.body.items : undefined;
    });
    expect(list.map((e: { dossierId: string; level: string }) => [e.dossierId, e.level])).toEqual(
      expect.arrayContaining([
        [dossiers.breached, 'breach'],
        [dossiers.breached, 'warning'],
        [dossiers.atRisk, 'warning'],
      ]),
    );
    expect(list[0].level).toBe('breach');
    expect((await sys.http.post(`/escalations/${list[0].id}/acknowledge`).set(as('social-worker'))).status).toBe(403);
    // A breach is acknowledged with its cause (issue 11: the figures count breaches per cause).
    const withoutCause = await sys.http.post(`/escalations/${list[0].id}/acknowledge`).set(as('team-lead'));
    expect([withoutCause.status, withoutCause.body.errors?.[0]?.path]).toEqual([400, '/cause']);
    expect((await sys.http.post(`/escalations/${list[0].id}/acknowledge`).set(as('team-lead')).send({ cause: 'vrijaf' })).status).toBe(400);
    const acknowledged = await sys.http.post(`/escalations/${list[0].id}/acknowledge`).set(as('team-lead')).send({ cause: 'wachten-op-client', causeNote: 'Loonfiches ontbraken' });
    expect([acknowledged.status, acknowledged.body.cause]).toEqual([200, 'wachten-op-client']);
    expect((await sys.http.post(`/escalations/${list[0].id}/acknowledge`).set(as('team-lead'))).status).toBe(409);
    expect((await sys.http.get('/escalations').set(as('team-lead'))).body.items).toHaveLength(2);
    expect((await sys.http.get('/escalations?status=acknowledged').set(as('team-lead'))).body.items[0]).toMatchObject({
      acknowledgedBy: users['team-lead'], cause: 'wachten-op-client', causeNote: 'Loonfiches ontbraken',
    });
  });

  it('refuses to suspend the leefloon decision term, naming the rule', async () => {
    const dossier = await sys.http.get(`/dossiers/${dossiers.atRisk}`).set(as('team-lead'));
    const decision = dossier.body.deadlines.find((d: { key: string }) => d.key === 'decision');
    expect(decision.explanation).toContain('art. 21 §1 RMI-wet');
    expect(decision.explanationSteps.map((s: { step: string }) => s.step)).toEqual(expect.arrayContaining(['trigger', 'count', 'due']));
    const refused = await sys.http.post(`/dossiers/${dossiers.atRisk}/deadlines/${decision.id}/suspensions`).set(as('team-lead')).send({ from: today, reason: 'test' });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ message: expect.stringContaining('LL-3'), ruleId: 'LL-3' });
    const social = await sys.http.post(`/dossiers/${dossiers.atRisk}/deadlines/${decision.id}/suspensions`).set(as('social-worker')).send({ from: today, reason: 'test' });
    expect(social.status).toBe(403);
  });

  it('computes any catalogue deadline with its explanation', async () => {
    const rules = await sys.http.get('/legal-deadlines/rules').set(as('social-worker'));
    expect(rules.body.items.find((r: { id: string }) => r.id === 'LL-3')).toMatchObject({ legalBasis: 'art. 21 §1 RMI-wet', suspension: { allowed: false } });
    const decision = await sys.http.post('/legal-deadlines/compute').set(as('social-worker')).send({ ruleId: 'LL-3', trigger: '2026-03-02' });
    expect(decision.status).toBe(200);
    expect(decision.body).toMatchObject({ due: '2026-04-01', dueAt: '2026-04-01T22:00:00.000Z' });
    expect(decision.body.explanation.length).toBeGreaterThanOrEqual(3);
    const appeal = await sys.http.post('/legal-deadlines/compute').set(as('social-worker')).send({ ruleId: 'LL-10', trigger: '2027-01-14' });
    expect(appeal.body.due).toBe('2027-04-14');
    const unknown = await sys.http.post('/legal-deadlines/compute').set(as('social-worker')).send({ ruleId: 'XX-9', trigger: '2026-03-02' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors[0]).toMatchObject({ path: '/ruleId', code: 'unknown-rule' });
    const impossible = await sys.http.post('/legal-deadlines/compute').set(as('social-worker')).send({ ruleId: 'LL-3', trigger: '2026-02-30' });
    expect(impossible.status).toBe(400);
    expect(impossible.body.errors[0]).toMatchObject({ path: '/trigger', code: 'format' });
  });

  it('computes the corrected law: month ends, met by / lost from, the reminder of CSR-2 (issue 8)', async () => {
    const compute = (body: object) => sys.http.post('/legal-deadlines/compute').set(as('social-worker')).send(body);
    const appeal = await compute({ ruleId: 'LL-10', trigger: '2026-04-30' });
    expect(appeal.body).toMatchObject({ due: '2026-07-31', judicialMonthEnd: 'last-day', consequenceFrom: null, indicative: false });
    expect(appeal.body.explanation.find((s: { step: string }) => s.step === 'month-rule').text).toContain('gekozen lezing: laatste dag van de maand');
    const loss = await compute({ ruleId: 'LL-5-LOSS', trigger: '2026-03-15' });
    expect(loss.body).toMatchObject({ due: '2026-05-14', consequenceFrom: '2026-05-15', consequence: 'verlies van de staatstoelage tot de dag van mededeling' });
    expect(loss.body.summary).toContain('tijdig uiterlijk 14 mei 2026; vanaf 15 mei 2026 verlies van de staatstoelage');
    const claims = await compute({ ruleId: 'CSR-2', trigger: '2026-04-03', extensions: [{ days: 15, from: '2026-05-06', reason: 'herinnering' }] });
    expect(claims.body.due).toBe('2026-05-21');
    const early = await compute({ ruleId: 'CSR-2', trigger: '2026-04-03', extensions: [{ days: 15, from: '2026-05-01', reason: 'herinnering' }] });
    expect(early.status).toBe(400);
    expect(early.body.errors[0]).toMatchObject({ path: '/extensions', code: 'invalid-extension' });
    const silent = await compute({ ruleId: 'LL-10-NO-DECISION', trigger: '2026-04-01' });
    expect(silent.body).toMatchObject({ due: '2026-07-09', indicative: true });
  });

  it('moves an absent worker\'s tasks and dossiers to a cover, whose next tasks follow, and back', async () => {
    const bad = await sys.http.post('/team/reassignments').set(as('team-lead')).send({ fromUserId: users['social-worker'], toUserId: users['council-secretary'], reason: 'ziekte' });
    expect(bad.status).toBe(400);
    const cover = await sys.http.post('/team/reassignments').set(as('team-lead')).send({ fromUserId: users['social-worker'], toUserId: users['social-worker-2'], until: addDays(today, 14), reason: 'ziekte' });
    expect(cover.status).toBe(201);
    expect(cover.body).toMatchObject({ movedTasks: 2, movedDossiers: 2 });

    const theirs = await sys.http.get('/tasks?assignee=me').set(as('social-worker-2'));
    expect(theirs.body.items).toHaveLength(2);
    const task = theirs.body.items.find((t: { dossierId: string }) => t.dossierId === dossiers.atRisk);
    const done = await sys.http.post(`/tasks/${task.id}/complete`).set(as('social-worker-2')).send(outcomes.competent);
    expect(done.body.nextTasks[0]).toMatchObject({ kind: 'social-inquiry', assigneeId: users['social-worker-2'] });
    const dossier = await sys.http.get(`/dossiers/${dossiers.atRisk}`).set(as('team-lead'));
    expect(dossier.body.responsibleUserId).toBe(users['social-worker-2']);
    expect(dossier.body.timeline.map((e: { type: string }) => e.type)).toContain('reassigned');

    const ended = await sys.http.post(`/team/reassignments/${cover.body.id}/end`).set(as('team-lead'));
    expect(ended.status).toBe(200);
    expect(ended.body).toMatchObject({ movedTasks: 2, movedDossiers: 2 });
    const back = await sys.http.get('/tasks?assignee=me&status=claimed').set(as('social-worker'));
    expect(back.body.items.map((t: { kind: string }) => t.kind).sort()).toEqual(['competence-check', 'social-inquiry']);
    expect((await sys.http.get('/tasks?assignee=me&status=claimed').set(as('social-worker-2'))).body.items).toEqual([]);
  });

  it('lets the admin send every running dossier recomputeDeadlines, with the counts; the timeline names the due dates', async () => {
    expect((await sys.http.post('/admin/deadlines/recompute').set(as('team-lead'))).status).toBe(403);
    const res = await sys.http.post('/admin/deadlines/recompute').set(as('admin'));
    expect(res.status).toBe(200);
    // The at-risk decision term and the breached dossier's appeal window for the absence of a decision are open; the
    // breached decision term stays as it is.
    expect(res.body).toMatchObject({ dossiers: 2, told: 2, notSupported: 0, failed: 0, failures: [], clocks: { recomputed: 2, changed: 0, unchanged: 1, refused: 0 } });
    const dossier = await sys.http.get(`/dossiers/${dossiers.atRisk}`).set(as('team-lead'));
    const entry = dossier.body.timeline.find((e: { type: string }) => e.type === 'deadline-recomputed');
    expect(entry.description).toContain(`vervaldag ongewijzigd (${formatDateNl(addDays(today, 5))})`);
    const audit = await sys.db.query(`SELECT details FROM audit_events WHERE action = 'deadlines.recompute'`);
    expect(audit.rows[0].details).toMatchObject({ told: 2, failed: 0, judicialMonthEnd: 'last-day' });
  });
});

import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { migratedDataSource } from '../support/database';
import { createActivities } from '../../activities';
import { loadConfig } from '../../libs/config/config';
import { DossierEntity, PersonEntity, UserEntity } from '../../libs/db/entities';
import { DEFAULT_CATALOGUE } from '../../libs/deadlines/catalogue';
import { computeDeadline, ruleFor } from '../../libs/deadlines/v1-rules';

/**
 * Temporal runs an activity at least once: running each one twice (a retry after a crash) must leave the read model
 * and the audit trail as running it once. Against the run's real PostgreSQL, in a database of its own.
 */
describe('activities are idempotent on their business key (db)', () => {
  let dataSource: DataSource;
  let dossierId: string;
  let userId: string;

  beforeAll(async () => {
    dataSource = await migratedDataSource('db', 3);
    const user = await dataSource.getRepository(UserEntity).save({ username: 'mw', passwordHash: 'x', displayName: 'MW', role: 'social-worker', team: 'demo' });
    userId = user.id;
    const person = await dataSource.getRepository(PersonEntity).save({
      nationalNumber: '93051822361', firstName: 'Jan', lastName: 'Peeters', street: 'Markt 1', postalCode: '9000', city: 'Gent',
    });
    dossierId = randomUUID();
    await dataSource.getRepository(DossierEntity).insert({
      id: dossierId, reference: 'LL-2026-000001', procedure: 'leefloon', personId: person.id, status: 'REQUEST_REGISTERED',
      team: 'demo', responsibleUserId: user.id, workflowId: `dossier-${dossierId}`, requestDate: '2026-03-02', channel: 'counter',
    });
  });
  afterAll(async () => {
    await dataSource?.destroy();
  });

  const count = async (sql: string, ...params: unknown[]) => Number((await dataSource.query(sql, params))[0].count);

  it('opens, completes and escalates once however often it is retried', async () => {
    const acts = createActivities({ dataSource, catalogue: DEFAULT_CATALOGUE, config: loadConfig({}) });
    const taskId = randomUUID();
    const open = {
      taskId, dossierId, kind: 'competence-check', title: 'Bevoegdheid', role: 'social-worker', team: 'demo',
      assigneeId: userId, dueDate: '2026-04-01', deadlineKey: 'decision',
    };
    await acts.openTask(open);
    await acts.openTask(open);
    const completion = { taskId, dossierId, outcome: { competent: true }, completedBy: userId, completedByRole: 'social-worker', completedAt: new Date().toISOString() };
    await acts.recordTaskCompletion(completion);
    await acts.recordTaskCompletion(completion);
    const deadline = computeDeadline(ruleFor('LL-3', '2026-03-02'), '2026-03-02', 7);
    await acts.startDeadline({ dossierId, key: 'decision', team: 'demo', deadline });
    await acts.startDeadline({ dossierId, key: 'decision', team: 'demo', deadline });
    const escalation = { dossierId, key: 'decision', team: 'demo', level: 'breach' as const, message: 'overschreden', at: new Date().toISOString() };
    await acts.raiseEscalation(escalation);
    await acts.raiseEscalation(escalation);
    const event = { dossierId, key: 'decided:7', at: new Date().toISOString(), type: 'decided', description: 'Beslist', status: 'DECIDED' };
    await acts.recordDossierEvent(event);
    await acts.recordDossierEvent(event);

    expect(await count('SELECT count(*) FROM tasks WHERE id = $1 AND status = $2', taskId, 'completed')).toBe(1);
    expect(await count(`SELECT count(*) FROM audit_events WHERE action = 'task.opened'`)).toBe(1);
    expect(await count(`SELECT count(*) FROM audit_events WHERE action = 'task.completed' AND actor_id = $1`, userId)).toBe(1);
    expect(await count('SELECT count(*) FROM deadlines WHERE dossier_id = $1', dossierId)).toBe(1);
    expect(await count('SELECT count(*) FROM escalations WHERE dossier_id = $1', dossierId)).toBe(1);
    expect(await count(`SELECT count(*) FROM dossier_events WHERE dossier_id = $1 AND type = 'decided'`, dossierId)).toBe(1);
    expect(await count(`SELECT count(*) FROM dossiers WHERE id = $1 AND status = 'DECIDED'`, dossierId)).toBe(1);
  });

  it('keeps a deadline met late as breached, with the date it was met', async () => {
    const acts = createActivities({ dataSource, catalogue: DEFAULT_CATALOGUE, config: loadConfig({}) });
    await acts.setDeadlineStatus({ dossierId, key: 'decision', status: 'breached', at: new Date().toISOString() });
    await acts.setDeadlineStatus({ dossierId, key: 'decision', status: 'breached', metDate: '2026-04-03', at: new Date().toISOString() });
    const [row] = await dataSource.query('SELECT status, met_date FROM deadlines WHERE dossier_id = $1', [dossierId]);
    expect(row).toEqual({ status: 'breached', met_date: '2026-04-03' });
  });

  it('recomputes an open deadline (recomputeDeadlines): new dates, its status, one Dutch timeline entry naming the old and new due date, audited; a closed one keeps its record', async () => {
    const sameDay = createActivities({ dataSource, catalogue: DEFAULT_CATALOGUE, config: loadConfig({ OCMW_JUDICIAL_MONTH_END: 'same-day' }) });
    const lastDay = createActivities({ dataSource, catalogue: DEFAULT_CATALOGUE, config: loadConfig({}) });
    const plan = { dossierId, team: 'demo', ruleId: 'LL-10', triggerDate: '2026-04-30', kind: 'window' as const, warningDays: 7, timeZone: 'Europe/Brussels' };
    // Planned before the correction with the other reading of art. 54 Ger.W.: 30 July.
    expect((await sameDay.planDeadline({ ...plan, key: 'appeal' })).dueDate).toBe('2026-07-30');
    expect((await sameDay.planDeadline({ ...plan, key: 'appeal-met' })).dueDate).toBe('2026-07-30');
    await lastDay.setDeadlineStatus({ dossierId, key: 'appeal-met', status: 'met', metDate: '2026-05-02', at: new Date().toISOString() });

    const recompute = { previousDueDate: '2026-07-30', previousStatus: 'running' as const, requestedBy: 'admin-1', at: '2026-05-04T08:00:00.000Z' };
    for (let i = 0; i < 2; i++) {
      expect((await lastDay.planDeadline({ ...plan, key: 'appeal', recompute })).dueDate).toBe('2026-07-31');
      await lastDay.planDeadline({ ...plan, key: 'appeal-met', recompute });
    }
    const rows = await dataSource.query(`SELECT key, status, due_date, explanation FROM deadlines WHERE dossier_id = $1 AND key LIKE 'appeal%' ORDER BY key`, [dossierId]);
    expect(rows).toEqual([
      { key: 'appeal', status: 'running', due_date: '2026-07-31', explanation: expect.stringContaining('uiterlijk 31 juli 2026') },
      { key: 'appeal-met', status: 'met', due_date: '2026-07-30', explanation: expect.stringContaining('uiterlijk 30 juli 2026') },
    ]);
    const timeline = await dataSource.query(`SELECT description, data FROM dossier_events WHERE dossier_id = $1 AND type = 'deadline-recomputed'`, [dossierId]);
    expect(timeline).toEqual([
      {
        description: expect.stringContaining('Beroep bij de arbeidsrechtbank: herberekend na een correctie van de berekening (geen wetswijziging), vervaldag 30 juli 2026 → 31 juli 2026.'),
        data: expect.objectContaining({ deadlineKey: 'appeal', previousDueDate: '2026-07-30', dueDate: '2026-07-31', requestedBy: 'admin-1' }),
      },
    ]);
    expect(await count(`SELECT count(*) FROM audit_events WHERE action = 'deadline.recomputed' AND dossier_id = $1`, dossierId)).toBe(1);
  });

  it('keeps the informative end of a no-decision appeal window, in Dutch (GwH nr. 35/2008)', async () => {
    const acts = createActivities({ dataSource, catalogue: DEFAULT_CATALOGUE, config: loadConfig({}) });
    const plan = { dossierId, key: 'appeal-no-decision', team: 'demo', ruleId: 'LL-10-NO-DECISION', triggerDate: '2026-04-01', kind: 'window' as const, warningDays: 7, timeZone: 'Europe/Brussels' };
    expect(await acts.planDeadline(plan)).toMatchObject({ dueDate: '2026-07-09', indicative: true });
    await acts.setDeadlineStatus({ dossierId, key: 'appeal-no-decision', status: 'informative', at: new Date().toISOString() });
    const [event] = await dataSource.query(`SELECT description FROM dossier_events WHERE dossier_id = $1 AND type = 'deadline-informative'`, [dossierId]);
    expect(event.description).toBe(
      'Beroep bij de arbeidsrechtbank zonder beslissing: indicatieve einddatum 9 juli 2026 voorbij; de termijn loopt niet zonder kennisgeving ' +
        '(GwH nr. 35/2008): het beroep blijft mogelijk',
    );
  });

  it('keeps a clock of the OCMW itself (no dossier, DEBT-1) once, beside a dossier clock with the same key, without a timeline', async () => {
    const acts = createActivities({ dataSource, catalogue: DEFAULT_CATALOGUE, config: loadConfig({}) });
    const key = 'debt-report:2025';
    const plan = { dossierId: null, subject: 'Jaarverslag schuldbemiddeling 2025', key, team: 'demo', ruleId: 'DEBT-1', triggerDate: '2025-12-31', warningDays: 7, timeZone: 'Europe/Brussels' };
    const events = await count('SELECT count(*) FROM dossier_events');
    expect(await acts.planDeadline(plan)).toMatchObject({ ruleId: 'DEBT-1', dueDate: '2026-03-31' });
    await acts.planDeadline(plan); // a retry: the same record, not a second one
    // The same key in a dossier is another clock (NULLS NOT DISTINCT only joins the clocks without a dossier).
    await acts.planDeadline({ ...plan, dossierId, subject: undefined });
    const escalation = { dossierId: null, key, team: 'demo', level: 'warning' as const, message: 'Jaarverslag schuldbemiddeling 2025: verstrijkt', at: new Date().toISOString() };
    await acts.raiseEscalation(escalation);
    await acts.raiseEscalation(escalation);
    await acts.setDeadlineStatus({ dossierId: null, key, status: 'met', metDate: '2026-03-20', at: new Date().toISOString() });
    await acts.setDeadlineStatus({ dossierId: null, key, status: 'met', metDate: '2026-03-20', at: new Date().toISOString() });

    expect(await dataSource.query(`SELECT subject, status, met_date, due_date FROM deadlines WHERE dossier_id IS NULL AND key = $1`, [key])).toEqual([
      { subject: 'Jaarverslag schuldbemiddeling 2025', status: 'met', met_date: '2026-03-20', due_date: '2026-03-31' },
    ]);
    expect(await count('SELECT count(*) FROM deadlines WHERE dossier_id = $1 AND key = $2 AND status = $3', dossierId, key, 'running')).toBe(1);
    expect(await count('SELECT count(*) FROM escalations WHERE dossier_id IS NULL AND deadline_key = $1', key)).toBe(1);
    expect(await count(`SELECT count(*) FROM audit_events WHERE action = 'escalation.warning' AND dossier_id IS NULL AND details->>'deadlineKey' = $1`, key)).toBe(1);
    // Only the dossier's own clock wrote to a timeline (its first plan writes none either: replanned entries are for changes).
    expect(await count('SELECT count(*) FROM dossier_events')).toBe(events + (await count(`SELECT count(*) FROM dossier_events WHERE dossier_id = $1 AND data->>'deadlineKey' = $2`, dossierId, key)));
  });
});

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
});

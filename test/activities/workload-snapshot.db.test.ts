import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { createActivities } from '../../activities';
import { loadConfig } from '../../libs/config/config';
import { DossierEntity, PersonEntity, TaskEntity, UserEntity } from '../../libs/db/entities';
import type { TaskStatus } from '../../libs/tasks/task-kinds';
import { DEFAULT_CATALOGUE } from '../../libs/deadlines/catalogue';
import { migratedDataSource } from '../support/database';

/** The daily workload snapshot (issue 11, the team lead's figures): one row per day and worker, whatever runs twice. */
describe('snapshotWorkload (db)', () => {
  let dataSource: DataSource;
  const users: Record<string, string> = {};

  beforeAll(async () => {
    dataSource = await migratedDataSource('snapshot', 3);
    const repo = dataSource.getRepository(UserEntity);
    for (const [username, role, team] of [['mw1', 'social-worker', 'oost'], ['mw2', 'social-worker', 'west'], ['tv', 'team-lead', 'oost']] as const) {
      users[username] = (await repo.save({ username, passwordHash: 'x', displayName: username, role, team })).id;
    }
    const person = await dataSource.getRepository(PersonEntity).save({ nationalNumber: '93051822361', firstName: 'Jan', lastName: 'Peeters', street: 'Markt 1', postalCode: '9000', city: 'Gent' });
    const dossierId = randomUUID();
    await dataSource.getRepository(DossierEntity).insert({
      id: dossierId, reference: 'LL-2025-000001', procedure: 'leefloon', personId: person.id, status: 'REQUEST_REGISTERED',
      team: 'oost', responsibleUserId: users.mw1, workflowId: `dossier-${dossierId}`, requestDate: '2025-03-02', channel: 'counter',
    });
    const task = (dueDate: string, status: TaskStatus, assigneeId: string | null) => ({
      id: randomUUID(), dossierId, kind: 'competence-check', title: 'Bevoegdheid', role: 'social-worker', team: 'oost', assigneeId, dueDate, status,
    });
    await dataSource.getRepository(TaskEntity).insert([
      task('2025-03-09', 'open', users.mw1), // overdue on 2025-03-10
      task('2025-03-10', 'claimed', users.mw1), // due that day: not overdue
      task('2025-03-20', 'open', users.mw1),
      task('2025-03-01', 'completed', users.mw1), // done: not counted
      task('2025-03-01', 'open', null), // nobody's
    ]);
  });
  afterAll(async () => {
    await dataSource?.destroy();
  });

  const snapshot = (day: string) => dataSource.query('SELECT user_id, team, open_tasks, overdue_tasks FROM workload_snapshots WHERE day = $1 ORDER BY team', [day]);

  it('writes the snapshot of a given day once, even when run twice (a retry, a second worker)', async () => {
    const acts = createActivities({ dataSource, catalogue: DEFAULT_CATALOGUE, config: loadConfig({}) });
    expect(await acts.snapshotWorkload({ day: '2025-03-10' })).toEqual({ day: '2025-03-10', written: 2 });
    const first = await snapshot('2025-03-10');
    expect(first).toEqual([
      { user_id: users.mw1, team: 'oost', open_tasks: 3, overdue_tasks: 1 },
      { user_id: users.mw2, team: 'west', open_tasks: 0, overdue_tasks: 0 },
    ]);
    // The load changes later that day; the second run of the same day writes nothing and keeps the first snapshot.
    await dataSource.query(`UPDATE tasks SET status = 'completed' WHERE assignee_id = $1 AND due_date = '2025-03-09'`, [users.mw1]);
    expect(await acts.snapshotWorkload({ day: '2025-03-10' })).toEqual({ day: '2025-03-10', written: 0 });
    expect(await snapshot('2025-03-10')).toEqual(first);
    expect(Number((await dataSource.query('SELECT count(*) FROM workload_snapshots'))[0].count)).toBe(2);

    // The next day is a snapshot of its own; overdue counts against that day.
    expect(await acts.snapshotWorkload({ day: '2025-03-11' })).toEqual({ day: '2025-03-11', written: 2 });
    expect((await snapshot('2025-03-11'))[0]).toEqual({ user_id: users.mw1, team: 'oost', open_tasks: 2, overdue_tasks: 1 });
  });

  it('refuses a day that is not a date', async () => {
    const acts = createActivities({ dataSource, catalogue: DEFAULT_CATALOGUE, config: loadConfig({}) });
    await expect(acts.snapshotWorkload({ day: '2025-02-30' })).rejects.toThrow(RangeError);
  });
});

import { randomUUID } from 'node:crypto';
import { addDays } from '../../libs/deadlines/calendar-date';
import { todayInBrussels, VALID_NATIONAL_NUMBERS } from '../support/factories';
import { startTestSystem, TestSystem } from '../support/system';
import { uniqueTaskQueue } from '../support/temporal';

const address = { street: 'Markt 1', postalCode: '9000', city: 'Gent' };

/**
 * Mijn dossiers and the team's (GET /dossiers): scope, procedure, status and deadline-risk filters, the nearest open
 * legal deadline first, pages of at most 100, 400 on bad values. The dossiers and their deadlines are written straight
 * into the read model (no workflow runs), with fixed dates and due dates at fixed distances from the file's today.
 */
describe('dossier lists (e2e)', () => {
  let sys: TestSystem;
  const as = (user: string) => sys.as(user);
  const today = todayInBrussels();
  const ids: Record<string, string> = {};
  const list = async (query: string, user = 'social-worker') => {
    const res = await sys.http.get(`/dossiers?${query}`).set(as(user));
    expect(res.status).toBe(200);
    return res.body as { items: { reference: string; nearestDeadline: Record<string, unknown> | null }[]; total: number; page: number; pageSize: number };
  };
  const refs = async (query: string, user = 'social-worker') => (await list(query, user)).items.map((i) => i.reference);

  beforeAll(async () => {
    sys = await startTestSystem({ TEMPORAL_TASK_QUEUE: uniqueTaskQueue('e2e-dossier-list') });
    await sys.loginAll(['social-worker', 'social-worker-2', 'team-lead', 'council-secretary', 'admin']);
    const users = Object.fromEntries((await sys.db.query(`SELECT username, id FROM users`)).rows.map((r: { username: string; id: string }) => [r.username, r.id]));
    const person = await sys.http.post('/persons').set(as('social-worker')).send({ nationalNumber: VALID_NATIONAL_NUMBERS[0], firstName: 'Jan', lastName: 'Peeters', address });
    expect(person.status).toBe(201);
    // reference, procedure, team, responsible, closed, opened at, nearest deadline (days from today, status)
    const dossiers: [string, string, string, string, boolean, string, [number, string] | null][] = [
      ['LL-2001-000001', 'leefloon', 'demo', 'social-worker', false, '2026-01-01T09:00:00Z', [-3, 'breached']],
      ['LL-2001-000002', 'leefloon', 'demo', 'social-worker-2', false, '2026-01-02T09:00:00Z', [2, 'at-risk']],
      ['MD-2001-000003', 'social-aid', 'demo', 'social-worker', false, '2026-01-03T09:00:00Z', [5, 'running']],
      ['LL-2001-000004', 'leefloon', 'demo', 'social-worker-2', false, '2026-01-04T09:00:00Z', [40, 'running']],
      ['LL-2001-000005', 'leefloon', 'demo', 'social-worker', true, '2026-01-05T09:00:00Z', null],
      ['LL-2001-000006', 'leefloon', 'noord', 'social-worker', false, '2026-01-06T09:00:00Z', [-9, 'breached']],
    ];
    for (const [reference, procedure, team, responsible, closed, openedAt, deadline] of dossiers) {
      const id = randomUUID();
      ids[reference] = id;
      await sys.db.query(
        `INSERT INTO dossiers (id, reference, procedure, person_id, status, team, responsible_user_id, workflow_id, request_date, channel, opened_at, closed_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, '2026-01-01', 'counter', $9, $10)`,
        [id, reference, procedure, person.body.id, closed ? 'STOPPED' : reference.endsWith('4') ? 'INQUIRY' : 'REQUEST_REGISTERED', team, users[responsible], `dossier-${id}`, openedAt, closed ? '2026-02-01T09:00:00Z' : null],
      );
      const insertDeadline = (key: string, dueDate: string | null, status: string, metDate: string | null = null, kind = 'duty') =>
        sys.db.query(
          `INSERT INTO deadlines (dossier_id, key, rule_id, title, legal_basis, trigger_date, kind, due_date, status, met_date, explanation, team)
           VALUES ($1, $2, 'rule', $3, 'RMI-wet', '2026-01-01', $4, $5, $6, $7, 'uitleg', $8)`,
          [id, key, `Termijn ${key}`, kind, dueDate, status, metDate, team],
        );
      if (deadline) await insertDeadline('decision', addDays(today, deadline[0]), deadline[1]);
      // Met, suspended and watched (a window) deadlines, all nearer than the open one, never count.
      await insertDeadline('met', addDays(today, -30), 'met', addDays(today, -31));
      await insertDeadline('suspended', null, 'suspended');
      await insertDeadline('appeal', addDays(today, -20), 'running', null, 'window');
    }
    // social-worker has an open task in a dossier of social-worker-2: it is among "mine".
    await sys.db.query(
      `INSERT INTO tasks (id, dossier_id, kind, title, status, role, team, assignee_id) VALUES ($1, $2, 'inquiry', 'Sociaal onderzoek', 'claimed', 'social-worker', 'demo', $3)`,
      [randomUUID(), ids['LL-2001-000002'], users['social-worker']],
    );
    // A completed one does not make a dossier "mine".
    await sys.db.query(
      `INSERT INTO tasks (id, dossier_id, kind, title, status, role, team, assignee_id) VALUES ($1, $2, 'inquiry', 'Sociaal onderzoek', 'completed', 'social-worker', 'demo', $3)`,
      [randomUUID(), ids['LL-2001-000004'], users['social-worker']],
    );
  });
  afterAll(async () => {
    await sys?.close();
  });

  it("lists mine (responsible or an open task) and the team's, the nearest open legal deadline first, another team's never", async () => {
    expect(await refs('scope=mine')).toEqual(['LL-2001-000001', 'LL-2001-000002', 'MD-2001-000003', 'LL-2001-000005']);
    expect(await refs('scope=mine', 'social-worker-2')).toEqual(['LL-2001-000002', 'LL-2001-000004']);
    const team = await list('scope=team', 'team-lead');
    expect(team.items.map((i) => i.reference)).toEqual(['LL-2001-000001', 'LL-2001-000002', 'MD-2001-000003', 'LL-2001-000004', 'LL-2001-000005']);
    expect(team.total).toBe(5);
    expect(await refs('', 'team-lead')).toEqual(team.items.map((i) => i.reference)); // the team is the default
    expect((await sys.http.get('/dossiers?scope=team&team=noord').set(as('team-lead'))).status).toBe(404);
  });

  it('says the nearest deadline, its risk and the Dutch labels of each dossier', async () => {
    const [first, second, third, fourth, fifth] = (await list('scope=team', 'team-lead')).items;
    expect(first).toMatchObject({
      reference: 'LL-2001-000001', procedure: 'leefloon', procedureTitle: 'Leefloon (RMI-wet)', statusLabel: expect.any(String), clientName: 'Jan Peeters',
      nearestDeadline: { key: 'decision', title: 'Termijn decision', dueDate: addDays(today, -3), status: 'breached', daysLeft: -3, risk: 'overdue' },
    });
    expect(second.nearestDeadline).toMatchObject({ daysLeft: 2, risk: 'at-risk' });
    expect(third.nearestDeadline).toMatchObject({ daysLeft: 5, risk: 'due-soon' });
    expect(fourth.nearestDeadline).toMatchObject({ daysLeft: 40, risk: 'none' });
    expect(fifth.nearestDeadline).toBeNull();
  });

  it('filters by procedure, status and deadline risk', async () => {
    expect(await refs('scope=team&procedure=social-aid')).toEqual(['MD-2001-000003']);
    expect(await refs('scope=team&status=closed')).toEqual(['LL-2001-000005']);
    expect(await refs('scope=team&status=open')).toEqual(['LL-2001-000001', 'LL-2001-000002', 'MD-2001-000003', 'LL-2001-000004']);
    expect(await refs('scope=team&status=INQUIRY')).toEqual(['LL-2001-000004']); // a status of the definitions
    expect(await refs('scope=team&status=STOPPED')).toEqual(['LL-2001-000005']);
    expect(await refs('scope=team&risk=overdue')).toEqual(['LL-2001-000001']);
    expect(await refs('scope=team&risk=at-risk')).toEqual(['LL-2001-000002']);
    expect(await refs('scope=team&risk=due-soon')).toEqual(['LL-2001-000002', 'MD-2001-000003']);
    expect(await refs('scope=team&risk=due-soon&withinDays=3')).toEqual(['LL-2001-000002']);
    expect(await refs('scope=team&risk=due-soon&withinDays=60')).toEqual(['LL-2001-000002', 'MD-2001-000003', 'LL-2001-000004']);
    expect(await refs('scope=mine&risk=due-soon&procedure=leefloon')).toEqual(['LL-2001-000002']);
    expect(await refs('scope=team&risk=overdue', 'admin')).toEqual(['LL-2001-000006', 'LL-2001-000001']); // the admin reads every team (9 days late first)
  });

  it('pages (at most 100 a page) and counts them all, an audited read', async () => {
    const second = await list('scope=team&pageSize=2&page=2');
    expect(second).toMatchObject({ total: 5, page: 2, pageSize: 2 });
    expect(second.items.map((i) => i.reference)).toEqual(['MD-2001-000003', 'LL-2001-000004']);
    const audited = await sys.db.query(`SELECT actor_role, details FROM audit_events WHERE action = 'dossier.listed' ORDER BY id DESC LIMIT 1`);
    expect(audited.rows[0]).toEqual({ actor_role: 'social-worker', details: { dossierIds: [ids['MD-2001-000003'], ids['LL-2001-000004']] } });
    expect(await list('scope=team&page=9')).toMatchObject({ total: 5, items: [] });
    expect((await list('scope=team&pageSize=100')).items).toHaveLength(5);
  });

  it('answers 400 on a bad filter value, 403 to a role without dossiers', async () => {
    for (const query of ['scope=all', 'risk=soon', 'withinDays=0', 'withinDays=91', 'risk=due-soon&withinDays=x', 'pageSize=101', 'page=0', 'status=geopend', 'procedure=x', 'sort=name']) {
      const res = await sys.http.get(`/dossiers?${query}`).set(as('social-worker'));
      expect({ query, status: res.status, shape: typeof res.body.message }).toEqual({ query, status: 400, shape: 'string' });
    }
    expect((await sys.http.get('/dossiers?scope=mine').set(as('council-secretary'))).status).toBe(200);
  });
});

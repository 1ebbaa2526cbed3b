import { randomUUID } from 'node:crypto';
import type { Client as PgClient } from 'pg';

/**
 * The team lead's figures over fixed months long past (March–April 2025), written straight into the read model (as
 * the workflows and the daily snapshot would have): dossiers opened and closed, duty deadlines met on time and late,
 * breach escalations with and without a cause, workload snapshots. Team `demo` (the demo users'), plus one dossier and
 * one snapshot of team `noord` that the demo team lead must never count. Shared by the e2e and the browser test.
 */
export const FIGURES_PERIOD = { from: '2025-03', to: '2025-04' };

export interface FiguresSeed {
  /** The breach escalation left open, for the test to acknowledge with a cause. */
  openBreachId: string;
}

export async function seedFigures(db: PgClient, ids: { personId: string; worker: string; worker2: string }): Promise<FiguresSeed> {
  const dossier = async (procedure: string, team: string, openedAt: string, closedAt: string | null) => {
    const id = randomUUID();
    await db.query(
      `INSERT INTO dossiers (id, reference, procedure, person_id, status, team, responsible_user_id, workflow_id, request_date, channel, opened_at, closed_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'counter', $10, $11)`,
      [id, `FIG-${id.slice(0, 8)}`, procedure, ids.personId, closedAt ? 'CLOSED' : 'REQUEST_REGISTERED', team, ids.worker, `figures-${id}`, openedAt.slice(0, 10), openedAt, closedAt],
    );
    return id;
  };
  const d1 = await dossier('leefloon', 'demo', '2025-03-05T09:00:00Z', '2025-04-20T10:00:00Z');
  const d2 = await dossier('leefloon', 'demo', '2025-03-20T09:00:00Z', null);
  // 00:30 on 1 April in Brussels (summer time): an April dossier, though 31 March in UTC.
  const d3 = await dossier('social-aid', 'demo', '2025-03-31T22:30:00Z', '2025-04-28T10:00:00Z');
  const noord = await dossier('leefloon', 'noord', '2025-03-10T09:00:00Z', '2025-04-11T09:00:00Z');

  const deadline = async (dossierId: string, key: string, ruleId: string, title: string, due: string, status: string, met: string | null, kind = 'duty', team = 'demo') =>
    db.query(
      `INSERT INTO deadlines (dossier_id, key, rule_id, title, legal_basis, trigger_date, due_date, warning_date, status, met_date, explanation, team, kind)
       VALUES ($1, $2, $3, $4, 'art. 21 §1 RMI-wet', $5, $5, $5, $6, $7, 'test', $8, $9)`,
      [dossierId, key, ruleId, title, due, status, met, team, kind],
    );
  await deadline(d1, 'decision', 'LL-3', 'Beslissing over de aanvraag', '2025-04-04', 'met', '2025-04-01');
  await deadline(d2, 'decision', 'LL-3', 'Beslissing over de aanvraag', '2025-04-19', 'breached', '2025-04-25');
  await deadline(d3, 'decision', 'LL-3', 'Beslissing over de aanvraag', '2025-04-30', 'running', null);
  await deadline(d2, 'notification', 'LL-4', 'Kennisgeving van de beslissing', '2025-03-15', 'met', '2025-03-14');
  await deadline(d1, 'appeal', 'LL-10', 'Beroepstermijn', '2025-04-15', 'running', null, 'window'); // a window, no duty
  await deadline(noord, 'decision', 'LL-3', 'Beslissing over de aanvraag', '2025-04-10', 'met', '2025-04-09', 'duty', 'noord');

  const escalation = async (dossierId: string, key: string, level: string, createdAt: string, cause: string | null, team = 'demo') =>
    (
      await db.query(
        `INSERT INTO escalations (dossier_id, deadline_key, level, message, team, created_at, acknowledged_at, cause)
         VALUES ($1, $2, $3, 'test', $4, $5, $6, $7) RETURNING id`,
        [dossierId, key, level, team, createdAt, cause ? createdAt : null, cause],
      )
    ).rows[0].id as string;
  await escalation(d1, 'decision', 'breach', '2025-04-05T08:00:00Z', 'personeelstekort');
  await escalation(d2, 'decision', 'breach', '2025-04-20T08:00:00Z', 'personeelstekort');
  await escalation(d2, 'notification', 'breach', '2025-03-16T08:00:00Z', null); // acknowledged before causes were kept
  await db.query(`UPDATE escalations SET acknowledged_at = created_at WHERE dossier_id = $1 AND deadline_key = 'notification'`, [d2]);
  await escalation(d3, 'decision', 'warning', '2025-04-25T08:00:00Z', null);
  const openBreachId = await escalation(d3, 'decision', 'breach', '2025-04-29T08:00:00Z', null);
  await escalation(noord, 'decision', 'breach', '2025-04-10T08:00:00Z', 'andere', 'noord');

  const snapshot = (day: string, userId: string, team: string, open: number, overdue: number) =>
    db.query(`INSERT INTO workload_snapshots (day, user_id, team, open_tasks, overdue_tasks) VALUES ($1, $2, $3, $4, $5)`, [day, userId, team, open, overdue]);
  await snapshot('2025-04-01', ids.worker, 'demo', 12, 2);
  await snapshot('2025-04-01', ids.worker2, 'demo', 7, 0);
  await snapshot('2025-04-02', ids.worker, 'demo', 1234, 3);
  await snapshot('2025-04-02', ids.worker2, 'demo', 8, 1);
  await snapshot('2025-04-03', ids.worker, 'noord', 99, 99); // while in another team
  return { openBreachId };
}

import type { DataSource } from 'typeorm';
import { isValidIsoDate, type IsoDate } from '../../libs/deadlines/calendar-date';

export interface WorkloadSnapshotInput {
  /** The calendar day the snapshot is of (Europe/Brussels); a task due before it counts as overdue. */
  day: IsoDate;
}

/** The workers whose load the figures follow: the same as the dashboard's workload (apps/api/dashboard). */
const WORKER_ROLES = ['social-worker', 'council-secretary'];

/**
 * The daily snapshot of every active worker's open and overdue tasks, for the team lead's figures (GET
 * /figures/workload). One row per day and worker: the first snapshot of a day stands, so a retry or a second run that
 * day writes nothing (ON CONFLICT DO NOTHING on the key day + user).
 */
export function createFigureActivities(deps: { dataSource: DataSource }) {
  return {
    async snapshotWorkload(input: WorkloadSnapshotInput): Promise<{ day: IsoDate; written: number }> {
      if (!isValidIsoDate(input.day)) throw new RangeError(`snapshotWorkload: not a day: ${input.day}`);
      const rows: unknown[] = await deps.dataSource.query(
        `INSERT INTO workload_snapshots (day, user_id, team, open_tasks, overdue_tasks)
         SELECT $1::date, u.id, u.team, count(t.id)::int, count(t.id) FILTER (WHERE t.due_date < $1::date)::int
           FROM users u
           LEFT JOIN tasks t ON t.assignee_id = u.id AND t.status IN ('open','claimed')
          WHERE u.active AND u.role = ANY($2)
          GROUP BY u.id
         ON CONFLICT (day, user_id) DO NOTHING
         RETURNING user_id`,
        [input.day, WORKER_ROLES],
      );
      return { day: input.day, written: rows.length };
    },
  };
}

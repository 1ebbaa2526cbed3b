import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../../../libs/config/config';
import { addDays, daysBetween, todayIn } from '../../../libs/deadlines/calendar-date';
import { teamInScope } from '../common/authorize';
import type { AuthUser } from '../common/current-user';
import { CONFIG } from '../common/tokens';

/** Deadlines that still ask for action: duties neither met nor cancelled. */
const OPEN_DUTY = `d.kind = 'duty' AND d.met_date IS NULL AND d.status IN ('running','at-risk','breached','suspended')`;

export interface DashboardQuery {
  team?: string;
  limit?: string;
}

/** The team lead's view of the team's legal deadlines and workload, straight from the read model. */
@Injectable()
export class DashboardService {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(CONFIG) private readonly config: AppConfig,
  ) {}

  /** The team a caller looks at: their own, or (admin) any team or all teams. */
  scope(actor: AuthUser, team?: string): string | null {
    return teamInScope(actor, 'dashboard:read', team);
  }

  /**
   * Running deadlines by status — at risk, breached, due this week (the next 7 days, today included) — with counts per
   * social worker (a clock without a dossier, such as the annual report, counts under "nobody": socialWorker null). Lists are capped at `limit` each (most urgent first); the counts are complete.
   */
  async deadlines(actor: AuthUser, query: DashboardQuery) {
    const team = this.scope(actor, query.team);
    const limit = Number(query.limit ?? 100);
    const today = todayIn(this.config.timeZone);
    const weekEnd = addDays(today, 6);
    const params: unknown[] = [team, weekEnd];
    const teamFilter = `($1::text IS NULL OR d.team = $1)`;
    const list = (condition: string) =>
      this.dataSource.query(
        `SELECT d.id, d.dossier_id, x.reference, d.subject, d.key, d.rule_id, d.title, d.legal_basis, d.due_date, d.status,
                x.responsible_user_id, u.display_name
           FROM deadlines d LEFT JOIN dossiers x ON x.id = d.dossier_id LEFT JOIN users u ON u.id = x.responsible_user_id
          WHERE ${OPEN_DUTY} AND ${teamFilter} AND ${condition}
          ORDER BY d.due_date NULLS LAST, x.reference LIMIT ${limit}`,
        condition.includes('$2') ? params : [team],
      );
    const [atRisk, breached, dueThisWeek, suspended] = [
      await list(`d.status = 'at-risk'`),
      await list(`d.status = 'breached'`),
      await list(`d.status IN ('running','at-risk') AND d.due_date <= $2`),
      await list(`d.status = 'suspended'`),
    ];
    const perWorker: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT x.responsible_user_id AS user_id, u.display_name,
              count(*) FILTER (WHERE d.status = 'at-risk')::int AS at_risk,
              count(*) FILTER (WHERE d.status = 'breached')::int AS breached,
              count(*) FILTER (WHERE d.status IN ('running','at-risk') AND d.due_date <= $2)::int AS due_this_week,
              count(*)::int AS open,
              min(d.due_date) FILTER (WHERE d.status <> 'suspended') AS nearest_due_date
         FROM deadlines d LEFT JOIN dossiers x ON x.id = d.dossier_id LEFT JOIN users u ON u.id = x.responsible_user_id
        WHERE ${OPEN_DUTY} AND ${teamFilter}
        GROUP BY x.responsible_user_id, u.display_name
        ORDER BY breached DESC, at_risk DESC, u.display_name`,
      params,
    );
    const item = (r: Record<string, unknown>) => ({
      deadlineId: r.id,
      dossierId: r.dossier_id,
      dossierReference: r.reference,
      // A clock of the OCMW itself (no dossier, e.g. the debt mediation annual report, DEBT-1): what it is about.
      subject: r.subject ?? null,
      key: r.key,
      ruleId: r.rule_id,
      title: r.title,
      legalBasis: r.legal_basis,
      dueDate: r.due_date,
      daysLeft: r.due_date ? daysBetween(today, r.due_date as string) : null,
      status: r.status,
      socialWorker: r.responsible_user_id ? { id: r.responsible_user_id, displayName: r.display_name } : null,
    });
    return {
      asOf: today,
      team,
      atRisk: atRisk.map(item),
      breached: breached.map(item),
      dueThisWeek: dueThisWeek.map(item),
      suspended: suspended.map(item),
      perSocialWorker: perWorker.map((r) => ({
        socialWorker: r.user_id ? { id: r.user_id, displayName: r.display_name } : null,
        open: r.open,
        atRisk: r.at_risk,
        breached: r.breached,
        dueThisWeek: r.due_this_week,
        nearestDueDate: r.nearest_due_date,
      })),
    };
  }

  /** Per social worker of the team: open tasks, overdue tasks, the nearest due date; and what nobody has claimed. */
  async workload(actor: AuthUser, query: DashboardQuery) {
    const team = this.scope(actor, query.team);
    const today = todayIn(this.config.timeZone);
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT u.id, u.display_name, u.team, u.role,
              count(t.id)::int AS open_tasks,
              count(t.id) FILTER (WHERE t.due_date < $2)::int AS overdue_tasks,
              min(t.due_date) AS nearest_due_date
         FROM users u
         LEFT JOIN tasks t ON t.assignee_id = u.id AND t.status IN ('open','claimed')
        WHERE u.active AND u.role IN ('social-worker','council-secretary') AND ($1::text IS NULL OR u.team = $1)
        GROUP BY u.id ORDER BY overdue_tasks DESC, open_tasks DESC, u.display_name`,
      [team, today],
    );
    const [unassigned] = await this.dataSource.query(
      `SELECT count(*)::int AS open_tasks, count(*) FILTER (WHERE due_date < $2)::int AS overdue_tasks, min(due_date) AS nearest_due_date
         FROM tasks WHERE status = 'open' AND assignee_id IS NULL AND ($1::text IS NULL OR team = $1)`,
      [team, today],
    );
    return {
      asOf: today,
      team,
      workers: rows.map((r) => ({
        user: { id: r.id, displayName: r.display_name, role: r.role, team: r.team },
        openTasks: r.open_tasks,
        overdueTasks: r.overdue_tasks,
        nearestDueDate: r.nearest_due_date,
      })),
      unassigned: { openTasks: unassigned.open_tasks, overdueTasks: unassigned.overdue_tasks, nearestDueDate: unassigned.nearest_due_date },
    };
  }
}

import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../../../libs/config/config';
import { addDays, dateInZone, daysBetween, todayIn } from '../../../libs/deadlines/calendar-date';
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

  /**
   * The team lead's view of competence and state reimbursement (issue 14): requests forwarded to another OCMW (CO-1,
   * open or done in the last 90 days), requests received from another OCMW (open or received in the last 90 days),
   * competence conflicts with POD MI by stage (to submit under CO-2, awaiting POD MI's designation under CO-3,
   * designated, decided), and the Wet 1965 cost claims (D1, D2, F) per dossier: claimed, reimbursed, outstanding. The
   * dossiers by reference (no names), each term with its due date and status.
   */
  async competence(actor: AuthUser, query: DashboardQuery) {
    const team = this.scope(actor, query.team);
    const today = todayIn(this.config.timeZone);
    const since = addDays(today, -90);
    const term = (r: Record<string, unknown>, p: string) => ({ dueDate: r[`${p}_due`] ?? null, status: r[`${p}_status`] ?? null, metDate: r[`${p}_met`] ?? null });
    const forwarded: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT d.id, d.reference, d.procedure, d.status, t.due_date::text AS t_due, t.status AS t_status, t.met_date::text AS t_met
         FROM deadlines t JOIN dossiers d ON d.id = t.dossier_id
        WHERE t.key = 'forwarding' AND t.status <> 'cancelled' AND ($1::text IS NULL OR d.team = $1) AND (t.met_date IS NULL OR t.met_date >= $2)
        ORDER BY t.met_date IS NOT NULL, t.due_date, d.reference`,
      [team, since],
    );
    const received: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT d.id, d.reference, d.procedure, d.status, d.closed_at, e.occurred_on::text AS received_on, e.data->>'forwardingOcmw' AS forwarding_ocmw
         FROM external_events e JOIN dossiers d ON d.id = e.dossier_id
        WHERE e.opened_dossier AND e.type = 'request-forwarded-by-ocmw' AND ($1::text IS NULL OR d.team = $1) AND (d.closed_at IS NULL OR e.occurred_on >= $2)
        ORDER BY e.occurred_on DESC, d.reference`,
      [team, since],
    );
    const conflicts: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT d.id, d.reference, d.procedure, d.status,
              s.due_date::text AS s_due, s.status AS s_status, s.met_date::text AS s_met,
              g.due_date::text AS g_due, g.status AS g_status, g.met_date::text AS g_met,
              (SELECT max(x.occurred_on)::text FROM external_events x WHERE x.dossier_id = d.id AND x.type = 'competence-conflict-decided') AS decided_on
         FROM deadlines s JOIN dossiers d ON d.id = s.dossier_id
         LEFT JOIN deadlines g ON g.dossier_id = d.id AND g.key = 'competence-designation'
        WHERE s.key = 'competence-conflict' AND ($1::text IS NULL OR d.team = $1)
        ORDER BY s.trigger_date DESC, d.reference`,
      [team],
    );
    const claims: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT d.id, d.reference, count(*)::int AS claims,
              coalesce(sum((m.payload->'content'->>'totalCents')::int), 0)::int AS claimed,
              coalesce(sum(m.reimbursed_cents) FILTER (WHERE m.answer IS NOT NULL), 0)::int AS reimbursed,
              coalesce(sum((m.payload->'content'->>'totalCents')::int) FILTER (WHERE m.answer IS NULL), 0)::int AS outstanding,
              count(*) FILTER (WHERE m.answer IS NULL)::int AS unanswered,
              min(m.created_at) FILTER (WHERE m.answer IS NULL) AS oldest_unanswered
         FROM partner_messages m JOIN dossiers d ON d.id = m.dossier_id
        WHERE m.kind IN ('wet1965-D1', 'wet1965-D2', 'wet1965-F') AND ($1::text IS NULL OR d.team = $1)
        GROUP BY d.id, d.reference ORDER BY outstanding DESC, d.reference`,
      [team],
    );
    const stage = (r: Record<string, unknown>) =>
      r.decided_on ? 'decided' : r.g_met ? 'designated' : r.g_status ? 'awaiting-designation' : r.s_met ? 'awaiting-designation' : 'to-submit';
    const dossier = (r: Record<string, unknown>) => ({ dossierId: r.id, reference: r.reference, procedure: r.procedure, status: r.status });
    const sum = (k: string) => claims.reduce((n, r) => n + Number(r[k]), 0);
    return {
      asOf: today,
      team,
      forwarded: forwarded.map((r) => ({ ...dossier(r), term: term(r, 't') })),
      received: received.map((r) => ({ ...dossier(r), receivedOn: r.received_on, forwardingOcmw: r.forwarding_ocmw ?? null, open: r.closed_at === null })),
      conflicts: conflicts
        .map((r) => ({ ...dossier(r), stage: stage(r), submission: term(r, 's'), designation: r.g_status ? term(r, 'g') : null, decidedOn: r.decided_on ?? null }))
        // Done conflicts stay listed for 90 days (decided: from the final answer; designated: from the designation).
        .filter((c) => (c.stage === 'decided' ? String(c.decidedOn) >= since : c.stage === 'designated' ? String(c.designation?.metDate) >= since : true)),
      reimbursements: {
        dossiers: claims.map((r) => ({
          dossierId: r.id, reference: r.reference, claims: r.claims, claimedCents: r.claimed, reimbursedCents: r.reimbursed, outstandingCents: r.outstanding,
          unanswered: r.unanswered, oldestUnansweredOn: r.oldest_unanswered ? dateInZone((r.oldest_unanswered as Date).getTime(), this.config.timeZone) : null,
        })),
        totals: { claimedCents: sum('claimed'), reimbursedCents: sum('reimbursed'), outstandingCents: sum('outstanding') },
      },
    };
  }
}

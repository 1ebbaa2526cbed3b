import type { DataSource } from 'typeorm';
import { audit } from '../../../libs/db/audit';
import { addDays, daysBetween } from '../../../libs/deadlines/calendar-date';
import { isProcedureName, PROCEDURE_NAMES, PROCEDURES, procedureDefinition, statusLabel } from '../../../libs/procedures';
import type { JsonSchema } from '../../../libs/validation/schema';
import { teamInScope } from '../common/authorize';
import type { AuthUser } from '../common/current-user';
import { DATE, DATE_TIME, INTEGER, nullable, object, STRING, UUID } from '../common/openapi';

export interface DossierFilters {
  scope?: 'mine' | 'team';
  procedure?: string;
  status?: string;
  risk?: 'overdue' | 'at-risk' | 'due-soon';
  withinDays?: string;
  assignee?: string;
  team?: string;
  reference?: string;
  page?: string;
  pageSize?: string;
}

/** Every status code of every procedure definition, once. */
const STATUS_CODES = [...new Set(Object.values(PROCEDURES).flatMap((p) => p.statuses.map((s) => s.code)))];
export const DEADLINE_RISKS = ['overdue', 'at-risk', 'due-soon'] as const;

export const LIST: JsonSchema = {
  type: 'object',
  properties: {
    scope: { enum: ['mine', 'team'], description: "mine: the dossiers the caller is the responsible social worker of or has an open task in; team: the team's (the default)" },
    procedure: { enum: [...PROCEDURE_NAMES] },
    status: { enum: ['open', 'closed', ...STATUS_CODES], description: 'open or closed, or a status code of the procedure definitions' },
    risk: {
      enum: [...DEADLINE_RISKS],
      description: 'By the nearest open legal deadline: overdue (past its date or breached), at-risk (past its warning date), due-soon (not overdue, due within withinDays days)',
    },
    withinDays: { type: 'string', pattern: '^([1-9]|[1-8][0-9]|90)$', description: 'For risk=due-soon: 1–90 days, 7 when not given' },
    assignee: { type: 'string', pattern: '^(me|[0-9a-fA-F-]{36})$', description: 'The responsible social worker (me, or a user id)' },
    team: { type: 'string', maxLength: 63 },
    // One dossier by its reference (LL-2026-000123), as a person reads it on a letter: the web app links by it.
    reference: { type: 'string', pattern: '^[A-Za-z]{1,10}-[0-9]{4}-[0-9]{1,12}$', description: 'LL-2026-000123 (case-insensitive)' },
    page: { type: 'string', pattern: '^[1-9][0-9]{0,5}$' },
    pageSize: { type: 'string', pattern: '^([1-9]|[1-9][0-9]|100)$', description: '1–100, 50 when not given' },
  },
  additionalProperties: false,
};

export const LIST_ITEM_EXTRA = {
  personId: UUID,
  clientName: nullable(STRING),
  procedureTitle: { ...STRING, description: 'Dutch' },
  statusLabel: { ...STRING, description: 'Dutch' },
  nearestDeadline: nullable(
    object(
      {
        key: STRING,
        title: STRING,
        dueDate: DATE,
        status: STRING,
        daysLeft: INTEGER,
        risk: { enum: ['overdue', 'at-risk', 'due-soon', 'none'], description: 'due-soon: within withinDays days (7 when not given)' },
      },
      ['key', 'title', 'dueDate', 'status', 'daysLeft', 'risk'],
    ),
  ),
  openedAt: DATE_TIME,
};

/** The nearest open legal deadline of each dossier: a duty neither met nor cancelled, with a date (not suspended). */
const NEAREST = `SELECT DISTINCT ON (dl.dossier_id) dl.dossier_id, dl.key, dl.title, dl.due_date, dl.status
   FROM deadlines dl
  WHERE dl.kind = 'duty' AND dl.met_date IS NULL AND dl.status IN ('running','at-risk','breached') AND dl.due_date IS NOT NULL
  ORDER BY dl.dossier_id, dl.due_date, dl.key`;

/**
 * The dossiers of a team (or the caller's own), filtered, the nearest open legal deadline first (dossiers without one
 * last, newest first). An audited read of personal data (the client's name); nothing about it is logged.
 */
export async function listDossiers(dataSource: DataSource, actor: AuthUser, filters: DossierFilters, today: string) {
  const team = teamInScope(actor, 'dossier:read', filters.team);
  const page = Number(filters.page ?? 1);
  const pageSize = Number(filters.pageSize ?? 50);
  const soon = addDays(today, Number(filters.withinDays ?? 7));
  const params: unknown[] = [];
  const where: string[] = [];
  const param = (value: unknown) => `$${params.push(value)}`;
  // The risk of the nearest deadline; its two dates become parameters where it is first used (PostgreSQL refuses unused ones).
  let riskSql: string | undefined;
  const risk = () =>
    (riskSql ??= `CASE WHEN nd.due_date IS NULL THEN NULL
                       WHEN nd.due_date < ${param(today)}::date OR nd.status = 'breached' THEN 'overdue'
                       WHEN nd.status = 'at-risk' THEN 'at-risk'
                       WHEN nd.due_date <= ${param(soon)}::date THEN 'due-soon' ELSE 'none' END`);
  if (team) where.push(`d.team = ${param(team)}`);
  if (filters.scope === 'mine') {
    const me = param(actor.id);
    where.push(`(d.responsible_user_id = ${me} OR EXISTS (SELECT 1 FROM tasks t WHERE t.dossier_id = d.id AND t.assignee_id = ${me} AND t.status IN ('open','claimed')))`);
  }
  if (filters.procedure) where.push(`d.procedure = ${param(filters.procedure)}`);
  if (filters.status === 'open') where.push('d.closed_at IS NULL');
  else if (filters.status === 'closed') where.push('d.closed_at IS NOT NULL');
  else if (filters.status) where.push(`d.status = ${param(filters.status)}`);
  if (filters.risk === 'due-soon') where.push(`(${risk()}) IN ('at-risk','due-soon')`);
  else if (filters.risk) where.push(`(${risk()}) = ${param(filters.risk)}`);
  if (filters.reference) where.push(`d.reference = ${param(filters.reference.toUpperCase())}`);
  if (filters.assignee) where.push(`d.responsible_user_id = ${param(filters.assignee === 'me' ? actor.id : filters.assignee)}`);
  const from = `FROM dossiers d JOIN persons p ON p.id = d.person_id LEFT JOIN (${NEAREST}) nd ON nd.dossier_id = d.id ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`;
  const [{ total }] = await dataSource.query(`SELECT count(*)::int AS total ${from}`, [...params]);
  const rows: Record<string, unknown>[] = await dataSource.query(
    `SELECT d.id, d.reference, d.procedure, d.person_id, d.status, d.team, d.responsible_user_id, d.request_date, d.opened_at, d.closed_at,
            p.first_name, p.last_name, nd.key AS nd_key, nd.title AS nd_title, nd.due_date AS nd_due_date, nd.status AS nd_status, ${risk()} AS nd_risk
       ${from}
      ORDER BY nd.due_date ASC NULLS LAST, d.opened_at DESC, d.id
      LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`,
    params,
  );
  const items = rows.map((r) => {
    const procedure = r.procedure as string;
    return {
      id: r.id as string,
      reference: r.reference,
      procedure,
      procedureTitle: isProcedureName(procedure) ? procedureDefinition(procedure).title : procedure,
      status: r.status,
      statusLabel: statusLabel(procedure, r.status as string),
      team: r.team,
      responsibleUserId: r.responsible_user_id,
      personId: r.person_id,
      clientName: `${r.first_name as string} ${r.last_name as string}`,
      requestDate: r.request_date,
      openedAt: r.opened_at,
      closedAt: r.closed_at,
      nearestDeadline: r.nd_due_date
        ? { key: r.nd_key, title: r.nd_title, dueDate: r.nd_due_date, status: r.nd_status, daysLeft: daysBetween(today, r.nd_due_date as string), risk: r.nd_risk }
        : null,
    };
  });
  if (items.length > 0) await audit(dataSource.manager, actor, 'dossier.listed', { details: { dossierIds: items.map((i) => i.id) } });
  return { items, total, page, pageSize };
}

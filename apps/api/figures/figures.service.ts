import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../../../libs/config/config';
import { todayIn } from '../../../libs/deadlines/calendar-date';
import { BREACH_CAUSE_LABELS, UNKNOWN_CAUSE } from '../../../libs/domain/breach-causes';
import { isProcedureName, procedureDefinition } from '../../../libs/procedures';
import { HEATING_FUELS, isHeatingFuel } from '../../../libs/domain/heating-allowance';
import { authorize, teamInScope } from '../common/authorize';
import type { AuthUser } from '../common/current-user';
import { conflict, ValidationError } from '../common/errors';
import { CONFIG } from '../common/tokens';
import type { Column, ColumnKind, FigureTable } from './figure-table';
import { DEBT_REPORT_TYPES, DebtReportRow, DebtReportType, debtReportDeadlineKey, debtReportWorkflowId } from '../../../libs/notices/debt-annual-report';
import { audit } from '../../../libs/db/audit';
import { enqueueForWorkflow } from '../../../libs/db/outbox';
import { OPEN_CLOCK_STATUSES } from '../../../libs/deadlines/clock-status';
import type { DebtReportSubmission } from '../../../workflows/debt-mediation/annual-report.messages';
import { WorkflowOutbox } from '../common/workflow-outbox';

export interface FiguresQuery {
  from?: string;
  to?: string;
  team?: string;
  format?: 'json' | 'csv' | 'xlsx';
}

/** At most five years in one answer. */
export const MAX_MONTHS = 60;

export interface DeadlineRow { month: string; ruleId: string; title: string; due: number; onTime: number; late: number; pending: number; onTimePercent: number | null }
export interface BreachRow { month: string; cause: string; causeLabel: string; breaches: number }
export interface WorkloadRow { day: string; userId: string; displayName: string; team: string; openTasks: number; overdueTasks: number }
/** One heating allowance granted in the month (HF-4): what the Sociaal Verwarmingsfonds reimburses the next month. */
export interface HeatingAllowanceRow {
  reference: string; decisionDate: string; category: number; fuel: string; fuelLabel: string; litres: number; amountCents: number; payee: string; team: string;
}
export interface DossierRow { month: string; procedure: string; procedureTitle: string; opened: number; closed: number }

/** The export of each figure: file name, sheet, and its columns as [key, Dutch header, kind]. */
function table<R>(name: string, sheet: string, columns: [keyof R & string, string, ColumnKind][]) {
  return { name, sheet, columns: columns.map(([key, header, kind]): Column<R> => ({ key, header, kind })) };
}
const TABLES = {
  termijnen: table<DeadlineRow>('termijnen', 'Termijnen', [
    ['month', 'Maand', 'month'], ['ruleId', 'Regel', 'text'], ['title', 'Termijn', 'text'], ['due', 'Vervallen', 'integer'], ['onTime', 'Tijdig', 'integer'],
    ['late', 'Te laat', 'integer'], ['pending', 'Nog lopend', 'integer'], ['onTimePercent', 'Tijdig (%)', 'percent'],
  ]),
  overschrijdingen: table<BreachRow>('overschrijdingen', 'Overschrijdingen', [['month', 'Maand', 'month'], ['causeLabel', 'Oorzaak', 'text'], ['breaches', 'Overschrijdingen', 'integer']]),
  werklast: table<WorkloadRow>('werklast', 'Werklast', [
    ['day', 'Dag', 'day'], ['displayName', 'Medewerker', 'text'], ['team', 'Team', 'text'], ['openTasks', 'Open taken', 'integer'], ['overdueTasks', 'Te late taken', 'integer'],
  ]),
  schuldbemiddeling: table<DebtReportRow>('schuldbemiddeling', 'Schuldbemiddeling', [
    ['team', 'Team', 'text'], ['typeLabel', 'Soort dossier', 'text'], ['opened', 'Geopend', 'integer'], ['closed', 'Afgesloten', 'integer'],
    ['runningAtYearEnd', 'Lopend op 31 december', 'integer'],
  ]),
  verwarmingstoelagen: table<HeatingAllowanceRow>('verwarmingstoelagen', 'Verwarmingstoelagen', [
    ['reference', 'Dossier', 'text'], ['decisionDate', 'Beslissing', 'day'], ['category', 'Categorie', 'integer'], ['fuelLabel', 'Brandstof', 'text'],
    ['litres', 'Liter', 'integer'], ['amountCents', 'Bedrag', 'cents'], ['payee', 'Betaald aan', 'text'], ['team', 'Team', 'text'],
  ]),
  dossiers: table<DossierRow>('dossiers', 'Dossiers', [['month', 'Maand', 'month'], ['procedureTitle', 'Procedure', 'text'], ['opened', 'Geopend', 'integer'], ['closed', 'Afgesloten', 'integer']]),
};

interface Period { from: string; to: string; team: string | null; fromDay: string; untilDay: string }

const monthIndex = (month: string) => Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
const monthOf = (index: number) => `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
const fileName = (name: string, p: Period) => `${name}-${p.from}-${p.to}${p.team ? `-${p.team}` : ''}`;

/**
 * The team lead's figures, per month (or per day for the workload), from what the read model keeps: deadlines with
 * their met dates, breach escalations with the cause chosen on acknowledging, dossiers opened and closed, and the
 * daily workload snapshots. Each answer is a table (./figure-table) the controller sends as JSON, CSV or XLSX.
 */
@Injectable()
export class FiguresService {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(CONFIG) private readonly config: AppConfig,
    private readonly outbox: WorkflowOutbox,
  ) {}

  /** from/to are months (YYYY-MM, validated by the schema); default: the last twelve months up to this one. */
  private period(actor: AuthUser, query: FiguresQuery): Period {
    const team = teamInScope(actor, 'figures:read', query.team);
    const current = todayIn(this.config.timeZone).slice(0, 7);
    const to = query.to ?? (query.from && monthIndex(query.from) > monthIndex(current) ? query.from : current);
    const from = query.from ?? monthOf(monthIndex(to) - 11);
    if (monthIndex(from) > monthIndex(to)) throw new ValidationError([{ path: '/from', code: 'range', message: 'from must not be after to' }]);
    if (monthIndex(to) - monthIndex(from) + 1 > MAX_MONTHS) {
      throw new ValidationError([{ path: '/to', code: 'range', message: `at most ${MAX_MONTHS} months at once` }]);
    }
    return { from, to, team, fromDay: `${from}-01`, untilDay: `${monthOf(monthIndex(to) + 1)}-01` };
  }

  /** Duty deadlines due in each month, per rule: met on time, late (met late or breached), still pending. */
  async deadlines(actor: AuthUser, query: FiguresQuery) {
    const p = this.period(actor, query);
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT to_char(d.due_date, 'YYYY-MM') AS month, d.rule_id, max(d.title) AS title, count(*)::int AS due,
              count(*) FILTER (WHERE d.met_date <= d.due_date)::int AS on_time,
              count(*) FILTER (WHERE d.met_date > d.due_date OR (d.met_date IS NULL AND d.status = 'breached'))::int AS late
         FROM deadlines d
        WHERE d.kind = 'duty' AND d.status NOT IN ('cancelled','informative') AND d.due_date >= $1 AND d.due_date < $2
          AND ($3::text IS NULL OR d.team = $3)
        GROUP BY 1, 2 ORDER BY 1, 2`,
      [p.fromDay, p.untilDay, p.team],
    );
    const items: DeadlineRow[] = rows.map((r) => {
      const [due, onTime, late] = [r.due as number, r.on_time as number, r.late as number];
      return {
        month: r.month as string, ruleId: r.rule_id as string, title: r.title as string, due, onTime, late, pending: due - onTime - late,
        onTimePercent: onTime + late > 0 ? Math.round((onTime / (onTime + late)) * 1000) / 10 : null,
      };
    });
    return this.answer(p, TABLES.termijnen, items);
  }

  /** Breach escalations raised in each month, per cause ('onbekend' for one not acknowledged with a cause). */
  async breaches(actor: AuthUser, query: FiguresQuery) {
    const p = this.period(actor, query);
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT to_char(e.created_at AT TIME ZONE $4, 'YYYY-MM') AS month, coalesce(e.cause, '${UNKNOWN_CAUSE}') AS cause, count(*)::int AS breaches
         FROM escalations e
        WHERE e.level = 'breach' AND e.created_at >= ($1::date::timestamp AT TIME ZONE $4) AND e.created_at < ($2::date::timestamp AT TIME ZONE $4)
          AND ($3::text IS NULL OR e.team = $3)
        GROUP BY 1, 2 ORDER BY 1, 2`,
      [p.fromDay, p.untilDay, p.team, this.config.timeZone],
    );
    const items: BreachRow[] = rows.map((r) => ({
      month: r.month as string, cause: r.cause as string, causeLabel: BREACH_CAUSE_LABELS[r.cause as keyof typeof BREACH_CAUSE_LABELS] ?? String(r.cause), breaches: r.breaches as number,
    }));
    return this.answer(p, TABLES.overschrijdingen, items);
  }

  /** Each worker's open and overdue tasks per day, from the daily snapshots (a day without a snapshot has no row). */
  async workload(actor: AuthUser, query: FiguresQuery) {
    const p = this.period(actor, query);
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT s.day, s.user_id, u.display_name, s.team, s.open_tasks, s.overdue_tasks
         FROM workload_snapshots s JOIN users u ON u.id = s.user_id
        WHERE s.day >= $1 AND s.day < $2 AND ($3::text IS NULL OR s.team = $3)
        ORDER BY s.day, u.display_name`,
      [p.fromDay, p.untilDay, p.team],
    );
    const items: WorkloadRow[] = rows.map((r) => ({
      day: r.day as string, userId: r.user_id as string, displayName: r.display_name as string, team: r.team as string,
      openTasks: r.open_tasks as number, overdueTasks: r.overdue_tasks as number,
    }));
    return this.answer(p, TABLES.werklast, items);
  }

  /** Dossiers opened and closed in each month, per procedure (months in the configured time zone). */
  async dossiers(actor: AuthUser, query: FiguresQuery) {
    const p = this.period(actor, query);
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `WITH events AS (
         SELECT procedure, to_char(opened_at AT TIME ZONE $4, 'YYYY-MM') AS month, 1 AS opened, 0 AS closed, opened_at AS at FROM dossiers WHERE ($3::text IS NULL OR team = $3)
         UNION ALL
         SELECT procedure, to_char(closed_at AT TIME ZONE $4, 'YYYY-MM'), 0, 1, closed_at FROM dossiers WHERE closed_at IS NOT NULL AND ($3::text IS NULL OR team = $3))
       SELECT month, procedure, sum(opened)::int AS opened, sum(closed)::int AS closed FROM events
        WHERE at >= ($1::date::timestamp AT TIME ZONE $4) AND at < ($2::date::timestamp AT TIME ZONE $4)
        GROUP BY 1, 2 ORDER BY 1, 2`,
      [p.fromDay, p.untilDay, p.team, this.config.timeZone],
    );
    const items: DossierRow[] = rows.map((r) => ({
      month: r.month as string, procedure: r.procedure as string,
      procedureTitle: isProcedureName(r.procedure as string) ? procedureDefinition(r.procedure as string).title : String(r.procedure),
      opened: r.opened as number, closed: r.closed as number,
    }));
    return this.answer(p, TABLES.dossiers, items);
  }

  /**
   * HF-4 (domain §7.2): the State reimburses the OCMW monthly for the heating allowances granted in the month before.
   * The report of a month lists every allowance the BCSD granted in it (by the decision's date) and ordered for payment
   * — not cancelled —, with its category, fuel, litres, amount and payee, and the totals per category: what finance
   * checks the Fund's transfer against. The operating-cost contribution is the Fund's and not computed here.
   */
  async heatingAllowances(actor: AuthUser, query: { month: string; team?: string }) {
    const team = teamInScope(actor, 'figures:read', query.team);
    const from = `${query.month}-01`;
    const rows: Array<Record<string, unknown>> = await this.dataSource.query(
      `SELECT d.reference, d.team, a.decision->>'decisionDate' AS decision_date, (t.outcome->>'category')::int AS category, t.outcome->>'fuel' AS fuel,
              coalesce((p.computation->>'litresCounted')::int, 0) AS litres, p.amount_cents, p.payee_party_id IS NOT NULL AS to_party
         FROM payments p JOIN dossiers d ON d.id = p.dossier_id
         JOIN LATERAL (SELECT decision FROM agenda_items WHERE dossier_id = d.id AND status = 'decided' AND decision->>'result' = 'granted'
                        ORDER BY decision->>'decisionDate' DESC, created_at DESC LIMIT 1) a ON true
         JOIN LATERAL (SELECT outcome FROM tasks WHERE dossier_id = d.id AND kind = 'heating-inquiry' AND status = 'completed'
                        ORDER BY completed_at DESC LIMIT 1) t ON true
        WHERE d.procedure = 'heating-allowance' AND p.kind IN ('allowance', 'invoice') AND p.status <> 'cancelled'
          AND (a.decision->>'decisionDate')::date >= $1::date AND (a.decision->>'decisionDate')::date < ($1::date + interval '1 month')
          AND ($2::text IS NULL OR d.team = $2)
        ORDER BY decision_date, d.reference`,
      [from, team],
    );
    const items: HeatingAllowanceRow[] = rows.map((r) => ({
      reference: r.reference as string, decisionDate: r.decision_date as string, category: r.category as number, fuel: r.fuel as string,
      fuelLabel: isHeatingFuel(r.fuel) ? HEATING_FUELS[r.fuel].label : String(r.fuel), litres: r.litres as number, amountCents: r.amount_cents as number,
      payee: r.to_party ? 'leverancier' : 'cliënt', team: r.team as string,
    }));
    const totals = [1, 2, 3].map((category) => {
      const of = items.filter((i) => i.category === category);
      return { category, allowances: of.length, litres: of.reduce((s, i) => s + i.litres, 0), amountCents: of.reduce((s, i) => s + i.amountCents, 0) };
    });
    const spec = TABLES.verwarmingstoelagen;
    const table: FigureTable<HeatingAllowanceRow> = { fileName: `verwarmingstoelagen-${query.month}${team ? `-${team}` : ''}`, sheet: spec.sheet, columns: spec.columns, rows: items };
    return {
      json: { month: query.month, team, items, total: items.length, totals, totalCents: items.reduce((s, i) => s + i.amountCents, 0) },
      table,
    };
  }

  private answer<R>(p: Period, spec: { name: string; sheet: string; columns: Column<R>[] }, rows: R[]) {
    const table: FigureTable<R> = { fileName: fileName(spec.name, p), sheet: spec.sheet, columns: spec.columns, rows };
    return { json: { from: p.from, to: p.to, team: p.team, items: rows, total: rows.length }, table };
  }

  /**
   * The debt mediation files of a calendar year for the Flemish department's annual report and basic registration (by
   * 31 March of the next year, libs/notices/debt-annual-report.ts): per team and type of file, opened and closed in the
   * year and running at its end (instants in the configured time zone). A file's type is the kind of help of the BCSD's
   * latest decision in the year, or a collective debt settlement admitted with the OCMW as mediator; a file without a
   * decision on the help counts as "aanvraag zonder traject". The team lead sees the own team; admin one team or all.
   * Once submitted (submitDebtReport), the figures are those frozen on that day — what the department received — with
   * the day and who submitted it; before that they are counted now.
   */
  async debtMediationReport(actor: AuthUser, query: { year: number; team?: string }) {
    const team = teamInScope(actor, 'figures:read', query.team);
    const [submission] = await this.dataSource.query(
      `SELECT r.submitted_on::text AS submitted_on, r.figures, u.display_name FROM annual_reports r JOIN users u ON u.id = r.submitted_by
        WHERE r.kind = 'debt-mediation' AND r.year = $1`,
      [query.year],
    );
    const items: DebtReportRow[] = submission
      ? (submission.figures as DebtReportRow[]).filter((r) => team === null || r.team === team)
      : await this.debtReportRows(query.year, team);
    const spec = TABLES.schuldbemiddeling;
    const table: FigureTable<DebtReportRow> = { fileName: `schuldbemiddeling-${query.year}${team ? `-${team}` : ''}`, sheet: spec.sheet, columns: spec.columns, rows: items };
    const submitted = submission ? { submittedOn: submission.submitted_on as string, submittedBy: submission.display_name as string } : null;
    return { json: { year: query.year, team, dueDate: `${query.year + 1}-03-31`, submitted, items, total: items.length }, table };
  }

  /**
   * The team lead of the report team (OCMW_DEBT_REPORT_TEAM) marks the year's report submitted to the department: the
   * figures of every team are frozen as they are today (annual_reports, once: a second time is 409), and the DEBT-1
   * clock of that year, if it runs, is met on the day given (late after 31 March) through the outbox.
   */
  async submitDebtReport(actor: AuthUser, body: { year: number; submittedOn?: string }) {
    authorize(actor, 'report:submit', { team: this.config.debtMediation.reportTeam }, 'Report');
    const today = todayIn(this.config.timeZone);
    const submittedOn = body.submittedOn ?? today;
    if (body.year >= Number(today.slice(0, 4))) throw conflict(`The year ${body.year} has not ended yet`, { year: body.year });
    if (submittedOn > today) throw new ValidationError([{ path: '/submittedOn', code: 'future', message: 'submittedOn is not after today' }]);
    if (submittedOn <= `${body.year}-12-31`) {
      throw new ValidationError([{ path: '/submittedOn', code: 'too-early', message: `the report of ${body.year} is submitted after that year` }]);
    }
    const figures = await this.debtReportRows(body.year, null);
    const queued = await this.dataSource.transaction(async (tx) => {
      const inserted: { id: string }[] = await tx.query(
        `INSERT INTO annual_reports (kind, year, submitted_on, submitted_by, figures) VALUES ('debt-mediation', $1, $2, $3, $4)
         ON CONFLICT (kind, year) DO NOTHING RETURNING id`,
        [body.year, submittedOn, actor.id, JSON.stringify(figures)],
      );
      if (inserted.length === 0) {
        const [existing] = await tx.query(`SELECT submitted_on::text AS submitted_on FROM annual_reports WHERE kind = 'debt-mediation' AND year = $1`, [body.year]);
        throw conflict(`The report of ${body.year} is already submitted`, { year: body.year, submittedOn: existing?.submitted_on });
      }
      await audit(tx, actor, 'debt-report.submitted', { details: { year: body.year, submittedOn, rows: figures.length } });
      const [clock] = await tx.query(`SELECT status FROM deadlines WHERE dossier_id IS NULL AND key = $1`, [debtReportDeadlineKey(body.year)]);
      if (!clock || !OPEN_CLOCK_STATUSES.concat('breached').includes(clock.status)) return null;
      const payload: DebtReportSubmission = { year: body.year, submittedOn };
      return enqueueForWorkflow(tx, {
        dossierId: null, workflowId: debtReportWorkflowId(this.config.taskQueue, body.year), message: 'debtReportSubmitted', payload: { ...payload },
      });
    });
    if (queued) await this.outbox.deliverNow([queued]);
    return { year: body.year, submittedOn, submittedBy: actor.id, rows: figures.length, clock: queued ? 'met' : 'none' };
  }

  /** The counting itself (see debtMediationReport); `team` null: every team. */
  private async debtReportRows(year: number, team: string | null): Promise<DebtReportRow[]> {
    const start = `${year}-01-01`;
    const end = `${year + 1}-01-01`;
    const rows: Array<{ team: string; type: string; opened: number; closed: number; running: number }> = await this.dataSource.query(
      `WITH files AS (
         SELECT x.team, x.opened_at, x.closed_at,
                CASE WHEN c.ocmw_mediator AND c.order_date < $2::date THEN 'csr'
                     ELSE coalesce((SELECT a.decision->>'guidanceType' FROM agenda_items a
                                     WHERE a.dossier_id = x.id AND a.status = 'decided' AND a.decision->>'guidanceType' IS NOT NULL
                                       AND (a.decision->>'decisionDate')::date < $2::date
                                     ORDER BY a.decision->>'decisionDate' DESC, a.created_at DESC LIMIT 1), 'none') END AS type
           FROM dossiers x LEFT JOIN csr_files c ON c.dossier_id = x.id
          WHERE x.procedure = 'debt-mediation' AND ($3::text IS NULL OR x.team = $3)
            AND x.opened_at < ($2::date::timestamp AT TIME ZONE $4))
       SELECT team, type,
              count(*) FILTER (WHERE opened_at >= ($1::date::timestamp AT TIME ZONE $4))::int AS opened,
              count(*) FILTER (WHERE closed_at >= ($1::date::timestamp AT TIME ZONE $4) AND closed_at < ($2::date::timestamp AT TIME ZONE $4))::int AS closed,
              count(*) FILTER (WHERE closed_at IS NULL OR closed_at >= ($2::date::timestamp AT TIME ZONE $4))::int AS running
         FROM files GROUP BY team, type`,
      [start, end, team, this.config.timeZone],
    );
    const order = Object.keys(DEBT_REPORT_TYPES);
    const items: DebtReportRow[] = rows
      .filter((r) => r.opened + r.closed + r.running > 0)
      .map((r) => {
        const type = (r.type in DEBT_REPORT_TYPES ? r.type : 'none') as DebtReportType;
        return { team: r.team, type, typeLabel: DEBT_REPORT_TYPES[type], opened: r.opened, closed: r.closed, runningAtYearEnd: r.running };
      })
      .sort((a, b) => a.team.localeCompare(b.team) || order.indexOf(a.type) - order.indexOf(b.type));
    return items;
  }
}

import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../../../libs/config/config';
import { loadLoiClaimRates } from '../../../libs/config/loi-leefgeld-scale';
import { todayIn } from '../../../libs/deadlines/calendar-date';
import { LoiClaimRates, LoiPlace, LoiPlacePeriod, monthlyClaim, occupancy } from '../../../libs/domain/loi-claim';
import { audit } from '../../../libs/db/audit';
import { formatEuro } from '../../../libs/format/dutch';
import { authorize, teamInScope } from '../common/authorize';
import type { AuthUser } from '../common/current-user';
import { conflict, notFound, ValidationError } from '../common/errors';
import { CATALOGUE, CONFIG } from '../common/tokens';
import { computeDeadline, findRule } from '../../../libs/deadlines/engine';
import { DeadlineError, DeadlineRule } from '../../../libs/deadlines/types';
import type { FigureTable } from '../figures/figure-table';
import { WorkflowOutbox } from '../common/workflow-outbox';
import { enqueueForWorkflow, StartWorkflowPayload } from '../../../libs/db/outbox';
import { LOI, loiPlaceClosureWorkflowId } from '../../../libs/procedures/loi';
import { statusLabel } from '../../../libs/procedures';
import { letterhead } from '../../../libs/notices/letter-context';
import { renderPdf } from '../../../libs/notices/pdf';
import { LoiClosureNoticeData, renderLetter } from '../../../libs/notices/templates';
import type { LoiPlaceClosureArgs } from '../../../workflows/loi/place-closure.workflow';

export interface NewPlace {
  code: string;
  address: string;
  unit?: string;
  capacity: number;
  target: 'family' | 'single';
  adaptedForVulnerable?: boolean;
  openedOn: string;
}

export interface NewPeriod {
  state: 'suspended' | 'out-of-use';
  from: string;
  to?: string;
  reason: string;
}

export interface Closure {
  /** The day the OCMW gives Fedasil notice that it closes the place (the decision to stop, LOI-7). */
  noticeOn: string;
}

export const STATE_LABELS = { occupied: 'Bezet', free: 'Vrij', suspended: 'Geschorst', 'out-of-use': 'Buiten gebruik' } as const;

interface ClaimRow { state: string; stateLabel: string; placeDays: number; rate: string; amount: string }

/**
 * The LOI coordinator's places (domain §4): the units with their capacity, their state per day from the residents'
 * periods (occupied by the workflows) and the coordinator's (suspended, out of use), and the monthly claim to
 * Fedasil (form I) from the same place-days (libs/domain/loi-claim.ts), so claim and occupancy agree.
 */
@Injectable()
export class LoiService {
  private readonly rates: readonly LoiClaimRates[];
  constructor(
    private readonly dataSource: DataSource,
    @Inject(CONFIG) private readonly config: AppConfig,
    @Inject(CATALOGUE) private readonly catalogue: DeadlineRule[],
    private readonly outbox: WorkflowOutbox,
  ) {
    this.rates = loadLoiClaimRates(config.loiResidency.claimRatesFile);
  }

  /** The team's places and the periods that touch `month` (not the LOI's whole history: it grows every week). */
  private async read(team: string | null, month: string): Promise<{ places: (LoiPlace & Record<string, unknown>)[]; periods: LoiPlacePeriod[] }> {
    const places = await this.dataSource.query(
      `SELECT id, code, address, unit, capacity, target, adapted_for_vulnerable, team, opened_on::text AS opened_on, closes_on::text AS closes_on
         FROM loi_places WHERE ($1::text IS NULL OR team = $1) ORDER BY code`,
      [team],
    );
    const periods = await this.dataSource.query(
      `SELECT p.place_id, p.state, p.from_date::text AS from_date, p.to_date::text AS to_date, p.persons
         FROM loi_place_periods p JOIN loi_places l ON l.id = p.place_id
        WHERE ($1::text IS NULL OR l.team = $1)
          AND p.from_date < ($2::date + interval '1 month') AND (p.to_date IS NULL OR p.to_date >= $2::date)`,
      [team, `${month}-01`],
    );
    return {
      places: places.map((r: Record<string, unknown>) => ({
        id: r.id, code: r.code, capacity: r.capacity, openedOn: r.opened_on, closesOn: r.closes_on,
        address: r.address, unit: r.unit, target: r.target, adaptedForVulnerable: r.adapted_for_vulnerable, team: r.team,
      })) as (LoiPlace & Record<string, unknown>)[],
      periods: periods.map((r: Record<string, unknown>) => ({ placeId: r.place_id, state: r.state, from: r.from_date, to: r.to_date, persons: r.persons })) as LoiPlacePeriod[],
    };
  }

  private month(requested?: string): string {
    return requested ?? todayIn(this.config.timeZone).slice(0, 7);
  }

  /** The team's places with the month's occupancy (totals per state and the state of each day). */
  async places(actor: AuthUser, query: { month?: string; team?: string }) {
    const team = teamInScope(actor, 'loi:read', query.team);
    const month = this.month(query.month);
    const { places, periods } = await this.read(team, month);
    const months = new Map(occupancy(places, periods, month).map((o) => [o.placeId, o]));
    return {
      month, team,
      items: places.map((p) => {
        const o = months.get(p.id)!;
        return {
          id: p.id, code: p.code, address: p.address, unit: p.unit ?? null, capacity: p.capacity, target: p.target, adaptedForVulnerable: p.adaptedForVulnerable,
          openedOn: p.openedOn, closesOn: p.closesOn ?? null, placeDays: o.days, perDay: o.perDay.map((d) => ({ day: d.day, ...d.days })),
        };
      }),
    };
  }

  /**
   * The households living in (or leaving) the team's LOI — its open LOI dossiers — with what the coordinator watches
   * for each: the persons of the household today, the place they occupy, the Match-IT declarations not yet exported
   * (LOI-3-ARRIVAL, LOI-3: their clock's instant) and the open evaluation of the reception needs (LOI-1, LOI-2) with its
   * due date. Personal data: the read is audited.
   */
  async residents(actor: AuthUser, query: { team?: string }) {
    const team = teamInScope(actor, 'loi:read', query.team);
    const today = todayIn(this.config.timeZone);
    return this.dataSource.transaction(async (tx) => {
      const dossiers: Record<string, string>[] = await tx.query(
        `SELECT d.id, d.reference, d.status, d.team, d.request_date::text AS assigned_on, p.first_name, p.last_name, p.birth_date::text AS birth_date
           FROM dossiers d JOIN persons p ON p.id = d.person_id
          WHERE d.procedure = 'loi' AND d.closed_at IS NULL AND ($1::text IS NULL OR d.team = $1)
          ORDER BY d.reference`,
        [team],
      );
      const ids = dossiers.map((d) => d.id);
      const [members, places, declarations, evaluations] = ids.length === 0 ? [[], [], [], []] : await Promise.all([
        tx.query(
          `SELECT dp.dossier_id, dp.role, p.first_name, p.last_name, p.birth_date::text AS birth_date
             FROM dossier_persons dp JOIN persons p ON p.id = dp.person_id
            WHERE dp.dossier_id = ANY($1) AND dp.ended_at IS NULL AND dp.from_date <= $2 AND (dp.to_date IS NULL OR dp.to_date >= $2)
            ORDER BY p.birth_date, p.last_name`,
          [ids, today],
        ),
        tx.query(
          `SELECT DISTINCT ON (pp.dossier_id) pp.dossier_id, l.id, l.code, pp.from_date::text AS from_date
             FROM loi_place_periods pp JOIN loi_places l ON l.id = pp.place_id
            WHERE pp.dossier_id = ANY($1) AND pp.state = 'occupied' AND (pp.to_date IS NULL OR pp.to_date >= $2)
            ORDER BY pp.dossier_id, pp.from_date DESC`,
          [ids, today],
        ),
        tx.query(
          `SELECT m.id, m.dossier_id, m.kind, m.payload->>'day' AS day, dl.due_at, dl.due_date::text AS due_date
             FROM partner_messages m LEFT JOIN deadlines dl ON dl.dossier_id = m.dossier_id AND dl.key = m.kind
            WHERE m.dossier_id = ANY($1) AND m.kind IN ('match-it-arrival', 'match-it-departure') AND m.exported_at IS NULL
            ORDER BY dl.due_at NULLS LAST, m.created_at`,
          [ids],
        ),
        tx.query(
          `SELECT t.id, t.dossier_id, t.deadline_key, t.due_date::text AS due_date, t.status, u.display_name
             FROM tasks t LEFT JOIN users u ON u.id = t.assignee_id
            WHERE t.dossier_id = ANY($1) AND t.kind = 'loi-evaluation' AND t.status IN ('open', 'claimed')`,
          [ids],
        ),
      ]);
      const now = Date.now();
      const of = <T extends { dossier_id: string }>(rows: T[], id: string) => rows.filter((r) => r.dossier_id === id);
      const items = dossiers.map((d) => {
        const place = of(places, d.id)[0] as Record<string, string> | undefined;
        const evaluation = of(evaluations, d.id)[0] as Record<string, string> | undefined;
        return {
          dossierId: d.id, reference: d.reference, status: d.status, statusLabel: statusLabel('loi', d.status), assignedOn: d.assigned_on,
          applicant: { firstName: d.first_name, lastName: d.last_name, birthDate: d.birth_date },
          household: of(members, d.id).map((m: Record<string, string>) => ({ firstName: m.first_name, lastName: m.last_name, birthDate: m.birth_date, role: m.role })),
          place: place ? { id: place.id, code: place.code, since: place.from_date } : null,
          declarations: of(declarations, d.id).map((m: Record<string, unknown>) => ({
            partnerMessageId: m.id as string, kind: m.kind === 'match-it-arrival' ? 'arrival' : 'departure', day: m.day as string,
            dueAt: m.due_at ? (m.due_at as Date).toISOString() : null, overdue: m.due_at ? (m.due_at as Date).getTime() < now : false,
          })),
          evaluation: evaluation
            ? {
                taskId: evaluation.id, n: Number(String(evaluation.deadline_key ?? '').replace(/^evaluation-/, '')) || null, dueDate: evaluation.due_date,
                assignee: evaluation.display_name ?? null, overdue: evaluation.due_date !== null && evaluation.due_date < today,
              }
            : null,
        };
      });
      await audit(tx, actor, 'loi.residents-read', { details: { team, dossiers: items.length } });
      return { team, today, items };
    });
  }

  async create(actor: AuthUser, body: NewPlace) {
    authorize(actor, 'loi:write', { team: actor.team }, 'Place');
    return this.dataSource.transaction(async (tx) => {
      const rows = await tx.query(
        `INSERT INTO loi_places (code, address, unit, capacity, target, adapted_for_vulnerable, team, opened_on) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (code) DO NOTHING RETURNING id`,
        [body.code, body.address, body.unit ?? null, body.capacity, body.target, body.adaptedForVulnerable ?? false, actor.team, body.openedOn],
      );
      if (rows.length === 0) throw conflict(`A place with code ${body.code} exists`, { code: 'duplicate-code' });
      await audit(tx, actor, 'loi-place.created', { details: { placeId: rows[0].id, code: body.code, capacity: body.capacity } });
      return { id: rows[0].id as string, ...body, unit: body.unit ?? null, adaptedForVulnerable: body.adaptedForVulnerable ?? false, team: actor.team };
    });
  }

  /** The coordinator marks a place suspended or out of use for a period (never over a running occupation's persons: those stay occupied). */
  async addPeriod(actor: AuthUser, placeId: string, body: NewPeriod) {
    if (body.to && body.to < body.from) throw new ValidationError([{ path: '/to', code: 'before-start', message: 'to is not before from' }]);
    return this.dataSource.transaction(async (tx) => {
      const [place] = await tx.query(`SELECT id, team FROM loi_places WHERE id = $1`, [placeId]);
      if (!place) throw notFound('Place');
      authorize(actor, 'loi:write', { team: place.team }, 'Place');
      const rows = await tx.query(
        `INSERT INTO loi_place_periods (place_id, state, from_date, to_date, reason) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING RETURNING id`,
        [placeId, body.state, body.from, body.to ?? null, body.reason],
      );
      if (rows.length === 0) throw conflict('This period is recorded already', { code: 'duplicate-period' });
      await audit(tx, actor, `loi-place.${body.state}`, { details: { placeId, from: body.from, to: body.to ?? null } });
      return { id: rows[0].id as string, placeId, ...body, to: body.to ?? null };
    });
  }

  /**
   * LOI-7 (the Fedasil convention): the OCMW closes a place with six months' notice. The engine computes the last day
   * from the notice day; the place counts (occupancy, form I) up to and including it, never after. Once (409 again).
   */
  async close(actor: AuthUser, placeId: string, body: Closure) {
    if (body.noticeOn > todayIn(this.config.timeZone)) throw new ValidationError([{ path: '/noticeOn', code: 'future', message: 'noticeOn is not after today' }]);
    let computed;
    try {
      computed = computeDeadline(findRule(this.catalogue, 'LOI-7', body.noticeOn), body.noticeOn, { warningDays: this.config.deadlineWarningDays, timeZone: this.config.timeZone });
    } catch (err) {
      // A notice day before the rule is in force: the engine refuses it.
      if (err instanceof DeadlineError) throw new ValidationError([{ path: '/noticeOn', code: err.code, message: err.message }]);
      throw err;
    }
    const closing = await this.dataSource.transaction(async (tx) => {
      const [place] = await tx.query(`SELECT id, code, team, opened_on::text AS opened_on, closes_on::text AS closes_on FROM loi_places WHERE id = $1 FOR UPDATE`, [placeId]);
      if (!place) throw notFound('Place');
      authorize(actor, 'loi:write', { team: place.team }, 'Place');
      if (place.closes_on) throw conflict('The place is being closed already', { code: 'closing', closesOn: place.closes_on });
      if (body.noticeOn < place.opened_on) throw new ValidationError([{ path: '/noticeOn', code: 'before-opening', message: 'noticeOn is not before the place opened' }]);
      await tx.query(`UPDATE loi_places SET notice_on = $2, closes_on = $3 WHERE id = $1`, [placeId, body.noticeOn, computed.dueDate]);
      await audit(tx, actor, 'loi-place.closing', { details: { placeId, noticeOn: body.noticeOn, closesOn: computed.dueDate } });
      // The clock of the closure (a workflow of the OCMW, no dossier), started through the outbox with the change.
      const args: LoiPlaceClosureArgs = { placeId, code: place.code, team: place.team, noticeOn: body.noticeOn, timeZone: this.config.timeZone, warningDays: this.config.deadlineWarningDays };
      const start: StartWorkflowPayload = { workflowType: 'loiPlaceClosure', taskQueue: this.config.taskQueue, input: { ...args } };
      const outboxId = await enqueueForWorkflow(tx, { dossierId: null, workflowId: loiPlaceClosureWorkflowId(placeId), message: 'startWorkflow', payload: { ...start } });
      return { outboxId, answer: { placeId, noticeOn: body.noticeOn, closesOn: computed.dueDate!, ruleId: 'LOI-7', explanation: computed.summary } };
    });
    await this.outbox.deliverNow([closing.outboxId]);
    return closing.answer;
  }

  /**
   * The LOI-7 notice to Fedasil as a PDF (template loi-closure-notice), made from what the closure stored — the same
   * letter however often it is downloaded; the coordinator signs and sends it. Audited.
   */
  async closureLetter(actor: AuthUser, placeId: string): Promise<{ filename: string; pdf: Buffer }> {
    const [place] = await this.dataSource.query(
      `SELECT id, code, address, unit, capacity, team, notice_on::text AS notice_on, closes_on::text AS closes_on FROM loi_places WHERE id = $1`,
      [placeId],
    );
    if (!place) throw notFound('Place');
    authorize(actor, 'loi:read', { team: place.team }, 'Place');
    if (!place.closes_on || !place.notice_on) throw notFound('Closure of the place');
    const data: LoiClosureNoticeData = {
      reference: place.code, date: place.notice_on,
      recipient: { name: 'Fedasil', address: this.config.loiResidency.fedasilAddress.split(',').map((l) => l.trim()).filter(Boolean) },
      ocmwName: this.config.ocmw.name, service: `${this.config.ocmw.name}, ${this.config.ocmw.address}`, procedure: LOI.letters,
      place: { code: place.code, address: place.address, unit: place.unit, capacity: place.capacity }, noticeOn: place.notice_on, closesOn: place.closes_on,
    };
    const pdf = await renderPdf(renderLetter('loi-closure-notice', data), letterhead(this.config));
    await audit(this.dataSource.manager, actor, 'loi-place.closure-letter-read', { details: { placeId } });
    return { filename: `loi-opzegging-${String(place.code).replace(/[^A-Za-z0-9-]/g, '_')}.pdf`, pdf };
  }

  /** Form I of a month: the place-days by state at the rates in force (LOI-8), as JSON or a CSV the coordinator exports. */
  async claim(actor: AuthUser, month: string, query: { team?: string }) {
    const team = teamInScope(actor, 'loi:read', query.team);
    const { places, periods } = await this.read(team, month);
    const claim = monthlyClaim(places, periods, month, this.rates);
    const rows: ClaimRow[] = claim.lines.map((l) => ({ state: l.state, stateLabel: STATE_LABELS[l.state], placeDays: l.placeDays, rate: formatEuro(l.rateCents), amount: formatEuro(l.amountCents) }));
    const table: FigureTable<ClaimRow> = {
      fileName: `loi-formulier-i-${month}${team ? `-${team}` : ''}`, sheet: 'Formulier I',
      columns: [
        { key: 'stateLabel', header: 'Toestand', kind: 'text' }, { key: 'placeDays', header: 'Plaatsdagen', kind: 'integer' },
        { key: 'rate', header: 'Dagprijs', kind: 'text' }, { key: 'amount', header: 'Bedrag', kind: 'text' },
      ],
      rows,
    };
    return {
      json: {
        month, team, ratesValidFrom: claim.rates.validFrom, lines: claim.lines, totalCents: claim.totalCents, total: formatEuro(claim.totalCents),
        outOfUseDays: claim.outOfUseDays, places: places.length,
      },
      table,
    };
  }
}

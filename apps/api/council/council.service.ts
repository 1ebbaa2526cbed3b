import { Inject, Injectable } from '@nestjs/common';
import { Client } from '@temporalio/client';
import PDFDocument from 'pdfkit';
import { DataSource, EntityManager, In } from 'typeorm';
import { ensureSessions } from '../../../activities/council/council.activities';
import type { AppConfig } from '../../../libs/config/config';
import { agendaCutoff } from '../../../libs/council/sessions';
import { audit } from '../../../libs/db/audit';
import { AgendaItemEntity, CouncilMeetingEntity, DossierEntity, PersonEntity } from '../../../libs/db/entities';
import type { AgendaDecision } from '../../../libs/db/entities/agenda-item.entity';
import { addMonths, todayIn } from '../../../libs/deadlines/calendar-date';
import { scopeOf } from '../../../libs/auth/permissions';
import { enqueueForWorkflow } from '../../../libs/db/outbox';
import { formatDateNl } from '../../../libs/format/dutch';
import { councilDecisionContent, isProcedureName, procedureDefinition, validateCouncilDecision } from '../../../libs/procedures';
import { AgendaItemMovedInput, councilDecisionUpdate, CouncilResult } from '../../../workflows/shared/dossier.messages';
import { authorize } from '../common/authorize';
import type { AuthUser } from '../common/current-user';
import { conflict, notFound, ValidationError } from '../common/errors';
import { CONFIG, TEMPORAL_CLIENT } from '../common/tokens';
import { WorkflowOutbox } from '../common/workflow-outbox';

export interface MoveSessionBody {
  date: string;
  time?: string;
  place?: string;
  reason: string;
}

export interface MoveItemBody {
  /** Another planned session whose agenda is still open. */
  toMeetingId?: string;
  /** Or an extraordinary session on this date (created when none is planned at that date and time). */
  extraordinary?: { date: string; time?: string; place?: string };
  reason: string;
}

export interface DecisionBody {
  result: CouncilResult;
  motivation: string;
  category?: number;
  monthlyAmountCents?: number;
  startDate?: string;
  aidForm?: string;
  amountCents?: number;
  aidDescription?: string;
  payeePartyId?: string;
}

/** The council secretary's side of the BCSD: sessions, agendas, decisions per item, urgent decisions, closing. */
@Injectable()
export class CouncilService {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
    @Inject(CONFIG) private readonly config: AppConfig,
    private readonly outbox: WorkflowOutbox,
  ) {}

  /** The council secretary sees whole agendas; everyone else only their own team's items (client names, proposals). */
  private itemTeam(actor: AuthUser): string | null {
    return scopeOf(actor.role, 'council:read') === 'all' ? null : actor.team;
  }

  async meetings(actor: AuthUser, query: { from?: string; to?: string }) {
    authorize(actor, 'council:read');
    const today = todayIn(this.config.timeZone);
    await ensureSessions(this.dataSource.manager, this.config, today);
    const from = query.from ?? today;
    const to = query.to ?? addMonths(from, this.config.council.monthsAhead).date;
    const team = this.itemTeam(actor);
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT m.*, count(i.id)::int AS items, count(i.id) FILTER (WHERE i.urgent)::int AS urgent_items
         FROM council_meetings m LEFT JOIN agenda_items i ON i.meeting_id = m.id AND ($3::text IS NULL OR i.team = $3)
        WHERE m.date BETWEEN $1 AND $2 GROUP BY m.id ORDER BY m.date, m.time`,
      [from, to, team],
    );
    return {
      items: rows.map((m) => ({
        id: m.id, date: m.date, time: m.time, place: m.place, cutoffDate: m.cutoff_date, kind: m.kind, status: m.status, movedFrom: m.moved_from,
        agendaOpen: (m.cutoff_date as string) >= today && m.status === 'planned', items: m.items, urgentItems: m.urgent_items,
      })),
      total: rows.length,
    };
  }

  async meeting(actor: AuthUser, id: string) {
    authorize(actor, 'council:read');
    return this.dataSource.transaction(async (tx) => {
      const meeting = await tx.findOneBy(CouncilMeetingEntity, { id });
      if (!meeting) throw notFound('Meeting');
      const team = this.itemTeam(actor);
      const items = await tx.find(AgendaItemEntity, { where: { meetingId: id, ...(team === null ? {} : { team }) }, order: { createdAt: 'ASC' } });
      const dossiers = items.length ? await tx.findBy(DossierEntity, { id: In(items.map((i) => i.dossierId)) }) : [];
      const persons = dossiers.length ? await tx.findBy(PersonEntity, { id: In(dossiers.map((d) => d.personId)) }) : [];
      const byId = new Map(dossiers.map((d) => [d.id, d]));
      const names = new Map(persons.map((p) => [p.id, `${p.firstName} ${p.lastName}`]));
      for (const d of dossiers) await audit(tx, actor, 'council.agenda-read', { dossierId: d.id, details: { meetingId: id } });
      return {
        id: meeting.id, date: meeting.date, time: meeting.time, place: meeting.place, cutoffDate: meeting.cutoffDate,
        kind: meeting.kind, status: meeting.status, movedFrom: meeting.movedFrom,
        items: items.map((i) => ({
          id: i.id,
          dossierId: i.dossierId,
          dossierReference: byId.get(i.dossierId)?.reference,
          clientName: names.get(byId.get(i.dossierId)?.personId ?? '') ?? null,
          procedure: byId.get(i.dossierId)?.procedure,
          kind: i.kind,
          proposal: i.proposal,
          hearingRequested: i.hearingRequested,
          urgent: i.urgent,
          decisionDue: i.decisionDue,
          status: i.status,
          decision: i.decision,
        })),
      };
    });
  }

  /** The agenda as a PDF for the members. */
  async agendaPdf(actor: AuthUser, id: string): Promise<Buffer> {
    const m = await this.meeting(actor, id);
    const doc = new PDFDocument({ size: 'A4', margin: 56, info: { Title: `Agenda BCSD ${m.date}`, Author: this.config.ocmw.name } });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
    doc.fontSize(16).text(`${this.config.ocmw.name} — Bijzonder Comité voor de Sociale Dienst`);
    doc.moveDown(0.5).fontSize(12).text(`Agenda van de zitting van ${m.date} om ${m.time}, ${m.place}`);
    doc.fontSize(9).text(`Agenda afgesloten op ${m.cutoffDate}. Vertrouwelijk: persoonsgegevens van cliënten.`);
    doc.moveDown();
    m.items.forEach((item, n) => {
      const p = item.proposal;
      doc.fontSize(11).text(`${n + 1}. ${item.dossierReference} — ${item.clientName ?? ''}${item.urgent ? ' (DRINGEND)' : ''}`);
      doc.fontSize(10).text(
        item.kind === 'ratification'
          ? `Bekrachtiging: ${p.motivation}`
          : `Voorstel: ${{ grant: 'toekennen', refuse: 'weigeren', revise: 'herzien', stop: 'stopzetten', recover: 'terugvorderen', review: 'jaarlijkse herziening', 'not-competent': 'niet bevoegd, doorsturen' }[p.proposal]}` +
              (p.category ? `, categorie ${p.category}` : '') +
              (p.monthlyAmountCents !== undefined ? `, ${(p.monthlyAmountCents / 100).toFixed(2).replace('.', ',')} EUR per maand` : '') +
              (p.startDate ? `, vanaf ${p.startDate}` : '') +
              (p.aidForm && p.aidForm !== 'equivalent-leefloon' ? `, ${p.aidDescription ?? p.aidForm}` : '') +
              (p.amountCents !== undefined ? `, ${(p.amountCents / 100).toFixed(2).replace('.', ',')} EUR eenmalig` : ''),
      );
      if (item.kind === 'decision') doc.text(`Motivering: ${p.motivation}`);
      // The right to be heard as the dossier's procedure cites it (the leefloon: art. 20 RMI-wet).
      const basis = item.procedure && isProcedureName(item.procedure) ? procedureDefinition(item.procedure).letters.hearingBasis : undefined;
      if (item.hearingRequested) doc.text(`De aanvrager vraagt gehoord te worden${basis ? ` (${basis})` : ''}.`);
      doc.moveDown(0.5);
    });
    if (m.items.length === 0) doc.fontSize(10).text('Geen dossiers op de agenda.');
    doc.end();
    return done;
  }

  async createExtraordinary(actor: AuthUser, body: { date: string; time?: string; place?: string }) {
    authorize(actor, 'council:manage');
    return this.dataSource.transaction((tx) => this.extraordinarySession(tx, actor, body));
  }

  /** An extraordinary session at that date and time: the planned one, or a new one (audited). */
  private async extraordinarySession(tx: EntityManager, actor: AuthUser, body: { date: string; time?: string; place?: string }) {
    const time = body.time ?? this.config.council.time;
    const existing = await tx.findOneBy(CouncilMeetingEntity, { date: body.date, time, kind: 'extraordinary', status: 'planned' });
    if (existing) return existing;
    const meeting = await tx.save(
      tx.create(CouncilMeetingEntity, {
        date: body.date,
        time,
        place: body.place ?? this.config.council.place,
        cutoffDate: agendaCutoff(body.date, this.config.council.noticeDays),
        kind: 'extraordinary',
      }),
    );
    await audit(tx, actor, 'council.meeting-created', { details: { meetingId: meeting.id, date: body.date } });
    return meeting;
  }

  /**
   * The chair moves a session to another date (and time or place). Its undecided items go with it: each dossier's
   * workflow is told through the outbox (an Update, written in this transaction), sends the client who asked to be
   * heard a new invitation, and — when the new date is after the item's legal decision deadline (LL-3) — the item
   * becomes urgent and the team lead is told. A session with decisions already recorded, or closed, stays where it is.
   */
  async moveSession(actor: AuthUser, id: string, body: MoveSessionBody) {
    authorize(actor, 'council:manage');
    const { result, outboxIds } = await this.dataSource.transaction(async (tx) => {
      const meeting = await tx.findOne(CouncilMeetingEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!meeting) throw notFound('Meeting');
      if (meeting.status === 'closed') throw conflict('The session is closed');
      const decided = await tx.countBy(AgendaItemEntity, { meetingId: id, status: In(['decided', 'postponed']) });
      if (decided > 0) throw conflict('The session already has decisions: move its open items instead', { decidedItems: decided });
      const time = body.time ?? meeting.time;
      const clash = await tx.query(
        `SELECT id FROM council_meetings WHERE id <> $1 AND date = $2 AND time = $3 AND status = 'planned'`, [id, body.date, time]);
      if (clash.length > 0) throw conflict(`Another session is planned on ${body.date} at ${time}: move the items to it instead`, { meetingId: clash[0].id });
      const from = meeting.date;
      const moved = { date: body.date, time, place: body.place ?? meeting.place, cutoffDate: agendaCutoff(body.date, this.config.council.noticeDays), movedFrom: from };
      await tx.update(CouncilMeetingEntity, { id }, moved);
      await audit(tx, actor, 'council.meeting-moved', { details: { meetingId: id, from, to: body.date, time, reason: body.reason } });
      const items = await tx.findBy(AgendaItemEntity, { meetingId: id, status: 'scheduled' });
      const outboxIds: string[] = [];
      for (const item of items) {
        outboxIds.push(await this.tellDossier(tx, actor, item, { id, ...moved }, `zitting van ${formatDateNl(from)} verplaatst: ${body.reason}`));
      }
      return { result: { id, ...moved, items: items.length }, outboxIds };
    });
    return { ...result, delivery: await this.outbox.deliverNow(outboxIds) };
  }

  /**
   * The secretary moves an undecided item to another session: a planned session whose agenda is still open, or an
   * extraordinary session (created here when none is planned at that date and time) — the way to treat a dossier
   * sooner than the next regular session. The dossier's workflow follows it like a moved session.
   */
  async moveItem(actor: AuthUser, meetingId: string, itemId: string, body: MoveItemBody) {
    authorize(actor, 'council:manage');
    if ((body.toMeetingId === undefined) === (body.extraordinary === undefined)) {
      throw new ValidationError([{ path: '', code: 'one-of', message: 'Give either toMeetingId or extraordinary' }]);
    }
    const { result, outboxIds } = await this.dataSource.transaction(async (tx) => {
      const item = await tx.findOne(AgendaItemEntity, { where: { id: itemId }, lock: { mode: 'pessimistic_write' } });
      if (!item || item.meetingId !== meetingId) throw notFound('Agenda item');
      if (item.status !== 'scheduled') throw conflict(`The item is already ${item.status}`);
      const target = body.extraordinary
        ? await this.extraordinarySession(tx, actor, body.extraordinary)
        : await tx.findOneBy(CouncilMeetingEntity, { id: body.toMeetingId });
      if (!target) throw notFound('Meeting');
      if (target.id === meetingId) throw conflict('The item is already on that session');
      if (target.status !== 'planned') throw conflict('That session is closed');
      const today = todayIn(this.config.timeZone);
      if (target.date < today) throw conflict(`The session of ${target.date} has already taken place`);
      if (target.kind === 'regular' && target.cutoffDate < today) {
        throw conflict(`The agenda of the session of ${target.date} closed on ${target.cutoffDate}: choose a later session or an extraordinary one`);
      }
      const from = await tx.findOneByOrFail(CouncilMeetingEntity, { id: meetingId });
      await tx.update(AgendaItemEntity, { id: itemId }, { meetingId: target.id });
      await audit(tx, actor, 'council.item-moved', { dossierId: item.dossierId, details: { itemId, from: meetingId, to: target.id, reason: body.reason } });
      const reason = `${target.kind === 'extraordinary' ? 'op een buitengewone zitting' : 'naar een andere zitting'} (was ${formatDateNl(from.date)}): ${body.reason}`;
      const outboxId = await this.tellDossier(tx, actor, { ...item, meetingId: target.id }, target, reason);
      return { result: { itemId, dossierId: item.dossierId, meetingId: target.id, date: target.date, time: target.time, kind: target.kind }, outboxIds: [outboxId] };
    });
    return { ...result, delivery: await this.outbox.deliverNow(outboxIds) };
  }

  /** Marks the item urgent when its session now falls after the decision deadline, and queues the Update for its dossier. */
  private async tellDossier(
    tx: EntityManager,
    actor: AuthUser,
    item: AgendaItemEntity,
    session: { id: string; date: string; time: string; place: string; cutoffDate: string },
    reason: string,
  ): Promise<string> {
    const urgent = item.kind === 'decision' && item.decisionDue !== null && session.date > item.decisionDue;
    if (urgent !== item.urgent) await tx.update(AgendaItemEntity, { id: item.id }, { urgent });
    const dossier = await tx.findOneByOrFail(DossierEntity, { id: item.dossierId });
    const move: AgendaItemMovedInput = {
      itemId: item.id, meetingId: session.id, sessionDate: session.date, time: session.time, place: session.place,
      cutoffDate: session.cutoffDate, urgent, decisionDue: item.decisionDue, reason, userId: actor.id,
    };
    return enqueueForWorkflow(tx, { dossierId: dossier.id, workflowId: dossier.workflowId, message: 'agendaItemMoved', payload: { ...move } });
  }

  /** A decision of the session on an item. Its date is the session date, even when recorded later. */
  async decide(actor: AuthUser, meetingId: string, itemId: string, body: DecisionBody) {
    authorize(actor, 'council:manage');
    const meeting = await this.dataSource.getRepository(CouncilMeetingEntity).findOneBy({ id: meetingId });
    if (!meeting) throw notFound('Meeting');
    if (meeting.status === 'closed') throw conflict('The session is closed');
    if (meeting.date > todayIn(this.config.timeZone)) throw conflict(`The session of ${meeting.date} has not taken place yet`);
    return this.record(actor, itemId, meetingId, body, meeting.date, false);
  }

  /** The chair's urgent decision on an item, to be ratified (or overruled) at the next session (§8 of the domain reference). */
  async urgent(actor: AuthUser, body: DecisionBody & { itemId: string; decisionDate?: string }) {
    authorize(actor, 'council:manage');
    const today = todayIn(this.config.timeZone);
    const decisionDate = body.decisionDate ?? today;
    if (decisionDate > today) throw conflict('An urgent decision cannot be dated in the future');
    if (body.result === 'postponed') throw conflict('An urgent decision cannot be a postponement');
    return this.record(actor, body.itemId, null, body, decisionDate, true);
  }

  async close(actor: AuthUser, id: string) {
    authorize(actor, 'council:manage');
    return this.dataSource.transaction(async (tx) => {
      const meeting = await tx.findOneBy(CouncilMeetingEntity, { id });
      if (!meeting) throw notFound('Meeting');
      // Each refusal names its reason in `code`, so a screen can say it in Dutch without guessing.
      if (meeting.status === 'closed') throw conflict('The session is already closed', { code: 'already-closed' });
      if (meeting.date > todayIn(this.config.timeZone)) throw conflict(`The session of ${meeting.date} has not taken place yet`, { code: 'not-yet-held', date: meeting.date });
      const open = await tx.countBy(AgendaItemEntity, { meetingId: id, status: 'scheduled' });
      if (open > 0) throw conflict(`${open} item(s) on the agenda have no decision yet (record them, or postpone them)`, { code: 'undecided-items', openItems: open });
      await tx.update(CouncilMeetingEntity, { id }, { status: 'closed', closedAt: new Date(), closedBy: actor.id });
      await audit(tx, actor, 'council.meeting-closed', { details: { meetingId: id } });
      return { id, status: 'closed' };
    });
  }

  /**
   * A decision goes to the dossier's workflow first, as the `councilDecision` Update, outside any transaction: its
   * validator refuses a decision the dossier cannot take (400/409, and nothing changed). The accepted Update writes
   * the decision on the agenda item, with its audit event, through an idempotent activity before it answers — so an
   * API that dies after the Update leaves no item that the workflow decided and the agenda shows undecided (and no
   * transaction that commits, or not, after Temporal already took the decision). The checks here (item, status) are
   * plain reads that answer the common mistakes early; the workflow's validator is the one that holds.
   */
  private async record(actor: AuthUser, itemId: string, meetingId: string | null, body: DecisionBody, decisionDate: string, urgent: boolean) {
    const item = await this.dataSource.getRepository(AgendaItemEntity).findOneBy({ id: itemId });
    if (!item || (meetingId && item.meetingId !== meetingId)) throw notFound('Agenda item');
    if (item.status !== 'scheduled') throw conflict(`The item is already ${item.status}`);
    if (urgent && item.kind !== 'decision') throw conflict('A ratification cannot be decided urgently');
    const dossier = await this.dataSource.getRepository(DossierEntity).findOneByOrFail({ id: item.dossierId });
    // The procedure's decision schema for this kind of item, before the workflow is told (its validator checks it again).
    const errors = validateCouncilDecision(dossier.procedure, item.kind, councilDecisionContent({ ...body, decisionDate }), {
      today: todayIn(this.config.timeZone), requestDate: dossier.requestDate, debtMediationRecognisedSince: this.config.debtMediationRecognisedSince,
    });
    if (errors.length > 0) throw new ValidationError(errors, 'The decision is not valid');
    await this.temporal.workflow.getHandle(dossier.workflowId).executeUpdate(councilDecisionUpdate, {
      // The decision's own fields as the procedure's schema checked them (leefloon: category and amount; social aid: its form of aid too).
      args: [{ ...councilDecisionContent(body), itemId, result: body.result, decisionDate, motivation: body.motivation, urgent, userId: actor.id, userRole: actor.role }],
    });
    const decided = await this.dataSource.getRepository(AgendaItemEntity).findOneByOrFail({ id: itemId });
    return { itemId, dossierId: dossier.id, dossierReference: dossier.reference, ...(decided.decision as AgendaDecision) };
  }
}

import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../../../libs/config/config';
import { audit } from '../../../libs/db/audit';
import { DossierEntity, NoticeEntity, PartnerMessageEntity } from '../../../libs/db/entities';
import type { Partner, PartnerAnswer } from '../../../libs/db/entities/partner-message.entity';
import type { Action } from '../../../libs/auth/permissions';
import type { SchemaError } from '../../../libs/validation/schema';
import { formatDateNl, formatEuro } from '../../../libs/format/dutch';
import { COST_CLAIM_FORMS, PARTNER_FORM_IDS, PARTNER_FORMS, PARTNER_NAMES, partnerMessageLabel } from '../../../libs/partner-forms/registry';

/** partner_messages.kind of the cost claims (D1, D2, F): answered with the amount reimbursed. */
const COST_CLAIM_KINDS = COST_CLAIM_FORMS.map((id) => PARTNER_FORMS[id].kind);
/** A registered form's content in its outbox row (payload: form, formId, the identities, content). */
const contentOf = (m: PartnerMessageEntity): Record<string, unknown> => (m.payload.content ?? {}) as Record<string, unknown>;
/** The forms of the Wet 1965 (the state-reimbursement file), in the registry's order. */
const WET_1965_FORMS = PARTNER_FORM_IDS.filter((id) => id.startsWith('wet1965:')).map((id) => PARTNER_FORMS[id]);
import { addToTimeline } from '../../../libs/db/timeline';
import { noticePdf } from '../../../libs/notices/letter-context';
import { authorize, teamInScope } from '../common/authorize';
import { noticeRecipientParties } from '../parties/party-view';
import type { AuthUser } from '../common/current-user';
import { ApiError, conflict, notFound, ValidationError } from '../common/errors';
import { CONFIG } from '../common/tokens';
import { WorkflowOutbox } from '../common/workflow-outbox';
import { dateInZone } from '../../../libs/deadlines/calendar-date';
import { enqueueForWorkflow } from '../../../libs/db/outbox';
import type { PartnerMessageExportedInput } from '../../../workflows/shared/dossier.messages';

export type PartnerMessageStatus = 'pending' | 'exported' | 'acknowledged' | 'all';

export interface PartnerMessageQuery {
  partner?: Partner;
  status?: PartnerMessageStatus;
  team?: string;
}

export interface PartnerExportQuery {
  partner: Partner;
  format?: 'json' | 'csv';
  team?: string;
}

export interface ExportFile {
  filename: string;
  contentType: string;
  body: Buffer;
  count: number;
}

const statusOf = (r: { exported_at: Date | null; acknowledged_at: Date | null }): Exclude<PartnerMessageStatus, 'all'> =>
  r.acknowledged_at ? 'acknowledged' : r.exported_at ? 'exported' : 'pending';

@Injectable()
export class NoticesService {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(CONFIG) private readonly config: AppConfig,
    private readonly outbox: WorkflowOutbox,
  ) {}

  /** The dossier's notices with their delivery, notification date and appeal term; an audited read. */
  async listForDossier(actor: AuthUser, dossierId: string) {
    authorize(actor, 'notice:read');
    return this.dataSource.transaction(async (tx) => {
      const dossier = await tx.findOneBy(DossierEntity, { id: dossierId });
      if (!dossier) throw notFound('Dossier');
      authorize(actor, 'notice:read', { team: dossier.team }, 'Dossier');
      const notices = await tx.find(NoticeEntity, { where: { dossierId }, order: { createdAt: 'ASC' } });
      const recipientParty = await noticeRecipientParties(tx, notices);
      await audit(tx, actor, 'notice.listed', { dossierId, personId: dossier.personId });
      const items = notices.map((n) => ({
        id: n.id,
        key: n.key,
        kind: n.kind,
        title: n.document?.title ?? null,
        recipient: n.recipient,
        recipientParty: recipientParty(n),
        channel: n.channel,
        deliveryMode: n.deliveryMode,
        dueDate: n.dueDate,
        sentAt: n.sentAt,
        trackingNumber: n.trackingNumber,
        postedOn: n.postedOn,
        notifiedOn: n.notifiedOn,
        appealUntil: n.appealUntil,
        reminderOf: n.reminderOf,
        answeredAt: n.answeredAt,
        proof: n.proof,
        /** A PDF is stored, or (an ontvangstbewijs recorded without a letter) rendered from the stored content on request. */
        pdf: n.document !== null || n.kind === 'ontvangstbewijs' ? `/notices/${n.id}/pdf` : null,
        createdAt: n.createdAt,
      }));
      return { items, total: items.length };
    });
  }

  /**
   * The notice's PDF as it was stored when the letter was issued. A notice recorded before letters were rendered has
   * none: an ontvangstbewijs is then rendered on the fly from its stored content (not stored: a read changes nothing);
   * other such notices cannot be turned into a complete letter (404).
   */
  async pdf(actor: AuthUser, noticeId: string): Promise<{ filename: string; pdf: Buffer }> {
    authorize(actor, 'notice:read');
    return this.dataSource.transaction(async (tx) => {
      const notice = await tx.getRepository(NoticeEntity).createQueryBuilder('n').addSelect('n.pdf').where('n.id = :id', { id: noticeId }).getOne();
      if (!notice) throw notFound('Notice');
      const dossier = await tx.findOneByOrFail(DossierEntity, { id: notice.dossierId });
      authorize(actor, 'notice:read', { team: dossier.team }, 'Notice');
      const made = await noticePdf(tx, this.config, notice, dossier);
      if (!made) throw new ApiError(404, `Notice ${notice.key} (${notice.kind}) was recorded without a letter; no PDF can be made from its stored content`);
      const { pdf, renderedOnTheFly } = made;
      await audit(tx, actor, 'notice.pdf-read', { dossierId: dossier.id, personId: dossier.personId, details: { noticeId, key: notice.key, renderedOnTheFly } });
      return { filename: `${dossier.reference}-${notice.key}.pdf`, pdf };
    });
  }

  async listPartnerMessages(actor: AuthUser, query: PartnerMessageQuery) {
    const team = teamInScope(actor, 'partner-message:read', query.team);
    const status = query.status ?? 'all';
    const rows: Record<string, any>[] = await this.dataSource.query(
      `SELECT pm.*, d.reference, d.team
         FROM partner_messages pm JOIN dossiers d ON d.id = pm.dossier_id
        WHERE ($1::text IS NULL OR d.team = $1)
          AND ($2::text IS NULL OR pm.partner = $2)
          AND ($3 = 'all'
               OR ($3 = 'pending' AND pm.exported_at IS NULL)
               OR ($3 = 'exported' AND pm.exported_at IS NOT NULL AND pm.acknowledged_at IS NULL)
               OR ($3 = 'acknowledged' AND pm.acknowledged_at IS NOT NULL))
        ORDER BY pm.due_date NULLS LAST, pm.created_at
        LIMIT 500`,
      [team, query.partner ?? null, status],
    );
    if (rows.length > 0) {
      await audit(this.dataSource.manager, actor, 'partner-message.listed', { details: { partnerMessageIds: rows.map((r) => r.id) } });
    }
    const items = rows.map((r) => ({
      id: r.id,
      dossierId: r.dossier_id,
      dossierReference: r.reference,
      team: r.team,
      partner: r.partner,
      kind: r.kind,
      partnerRef: r.partner_ref,
      status: statusOf(r as never),
      dueDate: r.due_date,
      createdAt: r.created_at,
      exportedAt: r.exported_at,
      acknowledgedAt: r.acknowledged_at,
      acknowledgedBy: r.acknowledged_by,
      reminderCount: r.reminder_count,
      payload: r.payload,
    }));
    return { items, total: items.length };
  }

  /**
   * The partner's messages not exported yet, as one file (JSON, or CSV with the payload flattened), marked exported in
   * the same statement: two exports at once never hand out the same message twice. Each message is audited, and its
   * dossier's workflow is told through the outbox (a row in the same transaction, relayed until delivered): the POD MI
   * terms (LL-5) are met on the day it left, even if the API dies right after the commit.
   */
  async exportPartnerMessages(actor: AuthUser, query: PartnerExportQuery): Promise<ExportFile> {
    const team = teamInScope(actor, 'partner-message:export', query.team);
    const { file, outboxIds } = await this.export(query, team, actor);
    await this.outbox.deliverNow(outboxIds);
    return file;
  }

  private async export(query: PartnerExportQuery, team: string | null, actor: AuthUser): Promise<{ file: ExportFile; outboxIds: string[] }> {
    const format = query.format ?? 'json';
    return this.dataSource.transaction(async (tx) => {
      const [rows]: [Record<string, any>[], number] = await tx.query(
        `UPDATE partner_messages pm SET exported_at = now()
           FROM dossiers d
          WHERE d.id = pm.dossier_id AND pm.partner = $1 AND pm.exported_at IS NULL AND ($2::text IS NULL OR d.team = $2)
          RETURNING pm.id, pm.dossier_id, pm.partner, pm.kind, pm.partner_ref, pm.payload, pm.due_date, pm.created_at, pm.exported_at, d.reference, d.workflow_id`,
        [query.partner, team],
      );
      rows.sort((a, b) => a.created_at.getTime() - b.created_at.getTime() || String(a.id).localeCompare(String(b.id)));
      const outboxIds: string[] = [];
      for (const r of rows) {
        const sent: PartnerMessageExportedInput = { partnerMessageId: r.id, sentOn: dateInZone(new Date(r.exported_at).getTime(), this.config.timeZone) };
        outboxIds.push(await enqueueForWorkflow(tx, { dossierId: r.dossier_id, workflowId: r.workflow_id, message: 'partnerMessageExported', payload: { ...sent } }));
        await audit(tx, actor, 'partner-message.exported', { dossierId: r.dossier_id, details: { partnerMessageId: r.id, partner: r.partner, kind: r.kind } });
      }
      const exportedAt = rows[0]?.exported_at ?? new Date();
      const messages = rows.map((r) => ({
        id: r.id as string,
        dossierReference: r.reference as string,
        partner: r.partner as string,
        kind: r.kind as string,
        partnerRef: r.partner_ref as string,
        dueDate: r.due_date as string | null,
        createdAt: (r.created_at as Date).toISOString(),
        payload: r.payload as Record<string, unknown>,
      }));
      const stamp = new Date(exportedAt).toISOString().replace(/[-:]/g, '').slice(0, 15);
      const filename = `${query.partner}-${stamp}.${format}`;
      if (format === 'csv') {
        return { file: { filename, contentType: 'text/csv; charset=utf-8', body: Buffer.from(toCsv(messages), 'utf8'), count: messages.length }, outboxIds };
      }
      const file = {
        partner: query.partner,
        exportedAt: new Date(exportedAt).toISOString(),
        sender: { name: this.config.ocmw.name, enterpriseNumber: this.config.ocmw.enterpriseNumber, nisCode: this.config.ocmw.nisCode },
        count: messages.length,
        messages,
      };
      return { file: { filename, contentType: 'application/json; charset=utf-8', body: Buffer.from(JSON.stringify(file, null, 2), 'utf8'), count: messages.length }, outboxIds };
    });
  }

  /**
   * The partner confirmed receipt: once (again is 409), and only for a message that was sent (exported). The dossier's
   * workflow stops reminding the partner; it is told through the outbox, in the same transaction as the acknowledgement.
   */
  async acknowledge(actor: AuthUser, id: string, permission: Action = 'partner-message:acknowledge') {
    const result = await this.acknowledgeInTransaction(actor, id, permission);
    await this.outbox.deliverNow([result.outboxId]);
    return { id: result.id, acknowledgedAt: result.acknowledgedAt, acknowledgedBy: result.acknowledgedBy };
  }

  /**
   * The dossier's state-reimbursement file (Wet 1965, §5.3): every form it sent to POD MI (A, B1, B2, C and the cost
   * claims D1, D2, F) with its status, term and POD MI's answer, and the totals claimed, reimbursed, refused and still
   * outstanding (claims not answered yet). An audited read.
   */
  async reimbursementFile(actor: AuthUser, dossierId: string) {
    authorize(actor, 'partner-message:read');
    return this.dataSource.transaction(async (tx) => {
      const dossier = await tx.findOneBy(DossierEntity, { id: dossierId });
      if (!dossier) throw notFound('Dossier');
      authorize(actor, 'partner-message:read', { team: dossier.team }, 'Dossier');
      const kinds = WET_1965_FORMS.map((f) => f.kind);
      const rows = await tx.createQueryBuilder(PartnerMessageEntity, 'm')
        .where('m.dossier_id = :dossierId AND m.kind IN (:...kinds)', { dossierId, kinds })
        .orderBy('m.created_at', 'ASC').getMany();
      const forms = rows.map((m) => {
        const form = WET_1965_FORMS.find((f) => f.kind === m.kind)!;
        const claimedCents = COST_CLAIM_KINDS.includes(m.kind) ? Number(contentOf(m).totalCents) : null;
        return {
          id: m.id, form: form.code, label: form.label, title: form.title, description: form.describe(contentOf(m)),
          status: statusOf({ exported_at: m.exportedAt, acknowledged_at: m.acknowledgedAt }), dueDate: m.dueDate,
          createdAt: m.createdAt, exportedAt: m.exportedAt, acknowledgedAt: m.acknowledgedAt, reminderCount: m.reminderCount,
          answer: m.answer, answeredOn: m.answeredOn, answerReason: m.answerReason, claimedCents, reimbursedCents: m.reimbursedCents,
        };
      });
      const claims = forms.filter((f) => f.claimedCents !== null);
      const sum = (xs: typeof claims, f: (x: (typeof claims)[number]) => number) => xs.reduce((n, x) => n + f(x), 0);
      const answered = claims.filter((c) => c.answer);
      await audit(tx, actor, 'dossier.reimbursement-read', { dossierId, personId: dossier.personId });
      return {
        dossierId,
        forms,
        totals: {
          claimedCents: sum(claims, (c) => c.claimedCents!),
          reimbursedCents: sum(answered, (c) => c.reimbursedCents ?? 0),
          refusedCents: sum(answered, (c) => c.claimedCents! - (c.reimbursedCents ?? 0)),
          outstandingCents: sum(claims.filter((c) => !c.answer), (c) => c.claimedCents!),
        },
      };
    });
  }

  /**
   * POD MI's answer to a Wet 1965 form or cost claim: accepted (a claim in full unless an amount is given), partly
   * accepted (the amount reimbursed and why the rest is not) or refused (why). Recorded once, on the dossier's
   * timeline; an answer is also the receipt: a message not yet acknowledged is acknowledged with it (the workflow stops
   * reminding POD MI). 400 for an answer that does not fit the message, 409 for a message not exported or answered.
   */
  async answer(actor: AuthUser, id: string, body: PartnerAnswerBody) {
    const result = await this.dataSource.transaction(async (tx) => {
      await tx.query('SELECT 1 FROM partner_messages WHERE id = $1 FOR UPDATE', [id]);
      const message = await tx.findOneBy(PartnerMessageEntity, { id });
      if (!message) throw notFound('Partner message');
      const dossier = await tx.findOneByOrFail(DossierEntity, { id: message.dossierId });
      authorize(actor, 'partner-message:answer', { team: dossier.team }, 'Partner message');
      if (!message.kind.startsWith('wet1965-') || message.kind.endsWith('-reminder')) throw conflict('Only a Wet 1965 form to POD MI takes an answer; other messages are acknowledged');
      if (message.answer) throw conflict('The partner message is already answered', { answer: message.answer, answeredOn: message.answeredOn });
      if (!message.exportedAt) throw conflict('The partner message has not been exported yet: the partner cannot have answered it');
      const claimed = COST_CLAIM_KINDS.includes(message.kind) ? Number(contentOf(message).totalCents) : null;
      const errors: SchemaError[] = [];
      const exportedOn = dateInZone(message.exportedAt.getTime(), this.config.timeZone);
      if (body.answeredOn < exportedOn) errors.push({ path: '/answeredOn', code: 'too-early', message: `may not be before the export (${exportedOn})` });
      if (claimed === null && body.reimbursedCents !== undefined) errors.push({ path: '/reimbursedCents', code: 'not-a-claim', message: 'only a cost claim (D1, D2, F) is reimbursed an amount' });
      if (claimed !== null && body.answer === 'partly-accepted' && body.reimbursedCents === undefined) errors.push({ path: '/reimbursedCents', code: 'required', message: 'is required for a partly accepted claim' });
      if (claimed !== null && body.reimbursedCents !== undefined && body.reimbursedCents > claimed) errors.push({ path: '/reimbursedCents', code: 'exceeds-claim', message: `may not exceed the amount claimed (${claimed})` });
      if (body.answer === 'partly-accepted' && claimed !== null && body.reimbursedCents === claimed) errors.push({ path: '/reimbursedCents', code: 'whole-claim', message: 'the whole claim reimbursed is an accepted claim' });
      if (body.answer === 'refused' && body.reimbursedCents) errors.push({ path: '/reimbursedCents', code: 'refused', message: 'a refused claim is reimbursed nothing' });
      if (errors.length) throw new ValidationError(errors);
      const reimbursedCents = claimed === null ? null : body.answer === 'refused' ? 0 : (body.reimbursedCents ?? claimed);
      await tx.update(PartnerMessageEntity, { id }, { answer: body.answer, answeredOn: body.answeredOn, answeredBy: actor.id, reimbursedCents, answerReason: body.reason ?? null });
      const what = partnerMessageLabel(message.kind);
      const verdict = body.answer === 'accepted' ? 'aanvaard' : body.answer === 'partly-accepted' ? 'gedeeltelijk aanvaard' : 'geweigerd';
      await addToTimeline(tx, {
        dossierId: message.dossierId,
        key: `partner-answer:${id}`,
        at: new Date(),
        type: 'partner-answer',
        description: `${what[0].toUpperCase()}${what.slice(1)} ${verdict} door de POD MI op ${formatDateNl(body.answeredOn)}${reimbursedCents !== null ? `: ${formatEuro(reimbursedCents)} terugbetaald van ${formatEuro(claimed!)}` : ''}`,
        data: { partnerMessageId: id, kind: message.kind, answer: body.answer, answeredOn: body.answeredOn, reimbursedCents, claimedCents: claimed },
      });
      await audit(tx, actor, 'partner-message.answered', { dossierId: message.dossierId, details: { partnerMessageId: id, answer: body.answer, reimbursedCents } });
      return { reimbursedCents, claimedCents: claimed, acknowledgedAt: message.acknowledgedAt };
    });
    // The answer is the receipt too: a message not yet acknowledged is acknowledged now (the workflow stops reminding).
    if (!result.acknowledgedAt) await this.acknowledge(actor, id, 'partner-message:answer');
    return { id, answer: body.answer, answeredOn: body.answeredOn, claimedCents: result.claimedCents, reimbursedCents: result.reimbursedCents };
  }

  private async acknowledgeInTransaction(actor: AuthUser, id: string, permission: Action = 'partner-message:acknowledge') {
    return this.dataSource.transaction(async (tx) => {
      const message = await tx.findOneBy(PartnerMessageEntity, { id });
      if (!message) throw notFound('Partner message');
      const dossier = await tx.findOneByOrFail(DossierEntity, { id: message.dossierId });
      authorize(actor, permission, { team: dossier.team }, 'Partner message');
      if (message.acknowledgedAt) throw conflict('The partner message is already acknowledged', { acknowledgedAt: message.acknowledgedAt });
      if (!message.exportedAt) throw conflict('The partner message has not been exported yet: the partner cannot have received it');
      const acknowledgedAt = new Date();
      const updated = await tx.createQueryBuilder().update(PartnerMessageEntity)
        .set({ acknowledgedAt, acknowledgedBy: actor.id })
        .where('id = :id AND acknowledged_at IS NULL', { id })
        .execute();
      if (!updated.affected) throw conflict('The partner message is already acknowledged');
      await addToTimeline(tx, {
        dossierId: message.dossierId,
        key: `partner-ack:${id}`,
        at: acknowledgedAt,
        type: 'partner-message',
        description: `Ontvangst van ${partnerMessageLabel(message.kind)} bevestigd door ${PARTNER_NAMES[message.partner as Partner] ?? message.partner}`,
        data: { partnerMessageId: id, partner: message.partner, kind: message.kind },
      });
      await audit(tx, actor, 'partner-message.acknowledged', { dossierId: message.dossierId, details: { partnerMessageId: id } });
      // The export day goes along: the acknowledgement alone meets LL-5 where the export never reached the workflow.
      const acknowledged: PartnerMessageExportedInput = { partnerMessageId: id, sentOn: dateInZone(message.exportedAt.getTime(), this.config.timeZone) };
      const outboxId = await enqueueForWorkflow(tx, { dossierId: dossier.id, workflowId: dossier.workflowId, message: 'partnerMessageAcknowledged', payload: { ...acknowledged } });
      return { id, acknowledgedAt, acknowledgedBy: actor.id, outboxId };
    });
  }
}

/** POD MI's answer to a Wet 1965 form or cost claim (POST /partner-messages/:id/answer). */
export interface PartnerAnswerBody {
  answer: PartnerAnswer;
  answeredOn: string;
  /** What is reimbursed of a cost claim, in cents (accepted: the whole claim when left out). */
  reimbursedCents?: number;
  reason?: string;
}

/** Nested payload keys as dotted column names: { decision: { date } } → 'decision.date'. */
function flatten(value: Record<string, unknown>, prefix = '', out: Record<string, unknown> = {}): Record<string, unknown> {
  for (const [key, v] of Object.entries(value)) {
    const name = prefix ? `${prefix}.${key}` : key;
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) flatten(v as Record<string, unknown>, name, out);
    else out[name] = v;
  }
  return out;
}

function csvCell(value: unknown): string {
  let text = value === null || value === undefined ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value);
  // A cell a spreadsheet would run as a formula is written as text.
  if (/^[=+@\t\r]/.test(text)) text = `'${text}`;
  return /[",;\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One line per message: fixed columns, then the payload's fields (union over the messages, sorted by name). */
function toCsv(messages: { id: string; dossierReference: string; partner: string; kind: string; partnerRef: string; dueDate: string | null; createdAt: string; payload: Record<string, unknown> }[]): string {
  const flat = messages.map((m) => flatten(m.payload));
  const payloadColumns: string[] = [];
  for (const f of flat) for (const k of Object.keys(f)) if (!payloadColumns.includes(k)) payloadColumns.push(k);
  payloadColumns.sort(); // jsonb keeps no key order: sorted columns are the same in every export
  const header = ['id', 'dossier_reference', 'partner', 'kind', 'partner_ref', 'due_date', 'created_at', ...payloadColumns.map((c) => `payload.${c}`)];
  const lines = messages.map((m, i) =>
    [m.id, m.dossierReference, m.partner, m.kind, m.partnerRef, m.dueDate, m.createdAt, ...payloadColumns.map((c) => flat[i][c])].map(csvCell).join(','),
  );
  return [header.join(','), ...lines].join('\r\n') + '\r\n';
}

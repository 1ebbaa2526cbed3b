import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../../../libs/config/config';
import { audit } from '../../../libs/db/audit';
import { DossierEntity, NoticeEntity, PartnerMessageEntity } from '../../../libs/db/entities';
import type { Partner } from '../../../libs/db/entities/partner-message.entity';
import { PARTNER_NAMES, partnerMessageLabel } from '../../../libs/partner-forms/registry';
import { addToTimeline } from '../../../libs/db/timeline';
import { legacyDocument, letterhead, loadLetterContext } from '../../../libs/notices/letter-context';
import { renderPdf } from '../../../libs/notices/pdf';
import { authorize, teamInScope } from '../common/authorize';
import { noticeRecipientParties } from '../parties/party-view';
import type { AuthUser } from '../common/current-user';
import { ApiError, conflict, notFound } from '../common/errors';
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
      let pdf = notice.pdf;
      let renderedOnTheFly = false;
      if (!pdf) {
        const ctx = await loadLetterContext(tx, this.config, dossier.id, dossier.requestDate);
        const document = notice.document ?? (ctx ? legacyDocument(notice, ctx.base, this.config.timeZone) : null);
        if (!document) {
          throw new ApiError(404, `Notice ${notice.key} (${notice.kind}) was recorded without a letter; no PDF can be made from its stored content`);
        }
        pdf = await renderPdf(document, letterhead(this.config));
        renderedOnTheFly = true;
      }
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
  async acknowledge(actor: AuthUser, id: string) {
    const result = await this.acknowledgeInTransaction(actor, id);
    await this.outbox.deliverNow([result.outboxId]);
    return { id: result.id, acknowledgedAt: result.acknowledgedAt, acknowledgedBy: result.acknowledgedBy };
  }

  private async acknowledgeInTransaction(actor: AuthUser, id: string) {
    return this.dataSource.transaction(async (tx) => {
      const message = await tx.findOneBy(PartnerMessageEntity, { id });
      if (!message) throw notFound('Partner message');
      const dossier = await tx.findOneByOrFail(DossierEntity, { id: message.dossierId });
      authorize(actor, 'partner-message:acknowledge', { team: dossier.team }, 'Partner message');
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

import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import type { AppConfig } from '../../../libs/config/config';
import { audit } from '../../../libs/db/audit';
import { PaymentBatchEntity } from '../../../libs/db/entities';
import { todayIn } from '../../../libs/deadlines/calendar-date';
import type { Action } from '../../../libs/auth/permissions';
import { addToTimeline } from '../../../libs/db/timeline';
import { formatIban } from '../../../libs/domain/identifiers';
import { formatEuro } from '../../../libs/format/dutch';
import { PAYMENT_KIND_LABELS, PAYMENT_METHOD_LABELS, PaymentKind, PaymentMethod, periodLabel } from '../../../libs/payments/payment-key';
import { buildPain001, SepaError } from '../../../libs/payments/sepa';
import { target2ExecutionDate } from '../../../libs/payments/target2';
import { authorize, teamInScope } from '../common/authorize';
import type { AuthUser } from '../common/current-user';
import { ApiError, conflict, notFound, ValidationError } from '../common/errors';
import { CONFIG } from '../common/tokens';

export interface PaymentQuery {
  status?: 'due' | 'batched' | 'paid' | 'cancelled';
  dossierId?: string;
  team?: string;
}

interface PaymentRow {
  id: string;
  dossier_id: string;
  reference: string;
  team: string;
  kind: PaymentKind;
  period: string;
  payment_key: string;
  payee_party_id: string | null;
  method: PaymentMethod;
  debt_ref: string | null;
  amount_cents: number;
  iban: string | null;
  creditor_name: string;
  debtor_name: string | null;
  debtor_iban: string | null;
  debtor_bic: string | null;
  receipt_ref: string | null;
  remittance: string;
  due_date: string;
  status: string;
  batch_id: string | null;
  computation: Record<string, unknown>;
  created_at: Date;
  paid_at: Date | null;
}

/** Receipt references: what is printed on a receipt book or a cash register slip. */
export const RECEIPT_REF = '^[A-Za-z0-9][A-Za-z0-9 ./-]{0,34}$';

function paymentView(r: PaymentRow, ocmw: AppConfig['ocmw']) {
  const own = r.debtor_iban === null;
  return {
    id: r.id,
    dossierId: r.dossier_id,
    dossierReference: r.reference,
    team: r.team,
    kind: r.kind,
    kindLabel: PAYMENT_KIND_LABELS[r.kind] ?? r.kind,
    period: r.period,
    periodLabel: periodLabel(r.period),
    paymentKey: r.payment_key,
    payee: { kind: r.payee_party_id ? 'party' : 'client', partyId: r.payee_party_id, name: r.creditor_name },
    method: r.method,
    methodLabel: PAYMENT_METHOD_LABELS[r.method],
    debtRef: r.debt_ref,
    amountCents: r.amount_cents,
    iban: r.iban,
    ibanFormatted: r.iban === null ? null : formatIban(r.iban),
    creditorName: r.creditor_name,
    // Cash is paid from no account; otherwise the OCMW's own account (from the configuration) or the one the payment names.
    debtorAccount:
      r.method === 'cash'
        ? null
        : own
          ? { own: true, name: ocmw.name, iban: ocmw.iban, ibanFormatted: formatIban(ocmw.iban), bic: ocmw.bic }
          : { own: false, name: r.debtor_name!, iban: r.debtor_iban!, ibanFormatted: formatIban(r.debtor_iban!), bic: r.debtor_bic! },
    receiptRef: r.receipt_ref,
    remittance: r.remittance,
    dueDate: r.due_date,
    status: r.status,
    batchId: r.batch_id,
    computation: r.computation,
    createdAt: r.created_at,
    paidAt: r.paid_at,
  };
}

function batchView(b: PaymentBatchEntity) {
  return {
    id: b.id,
    team: b.team,
    status: b.status,
    requestedExecutionDate: b.requestedExecutionDate,
    nbOfTxs: b.nbOfTxs,
    ctrlSumCents: Number(b.ctrlSumCents),
    msgId: b.msgId,
    createdBy: b.createdBy,
    createdAt: b.createdAt,
    executedAt: b.executedAt,
    executedBy: b.executedBy,
  };
}

/** Payments (read by the team's case workers and finance) and the SEPA batches finance sends to the bank. */
@Injectable()
export class PaymentsService {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(CONFIG) private readonly config: AppConfig,
  ) {}

  async list(actor: AuthUser, query: PaymentQuery) {
    const team = teamInScope(actor, 'payment:read', query.team);
    return this.dataSource.transaction(async (tx) => {
      if (query.dossierId) {
        const [dossier] = await tx.query(`SELECT team FROM dossiers WHERE id = $1`, [query.dossierId]);
        if (!dossier) throw notFound('Dossier');
        authorize(actor, 'payment:read', { team: dossier.team }, 'Dossier');
      }
      const rows: PaymentRow[] = await tx.query(
        `SELECT p.*, d.reference, d.team
           FROM payments p JOIN dossiers d ON d.id = p.dossier_id
          WHERE ($1::text IS NULL OR d.team = $1)
            AND ($2::text IS NULL OR p.status = $2)
            AND ($3::uuid IS NULL OR p.dossier_id = $3)
          ORDER BY p.due_date, d.reference, p.period, p.kind
          LIMIT 1000`,
        [team, query.status ?? null, query.dossierId ?? null],
      );
      await audit(tx, actor, 'payment.listed', {
        dossierId: query.dossierId ?? null,
        details: { filters: { ...query }, dossierIds: [...new Set(rows.map((r) => r.dossier_id))] },
      });
      return { items: rows.map((r) => paymentView(r, this.config.ocmw)), total: rows.length };
    });
  }

  /** One payment, for the team's case workers and finance (admin: any); the read is audited. */
  async get(actor: AuthUser, id: string) {
    authorize(actor, 'payment:read');
    return this.dataSource.transaction(async (tx) => {
      const row = await this.findPayment(tx, actor, 'payment:read', id);
      await audit(tx, actor, 'payment.read', { dossierId: row.dossier_id, details: { paymentId: id } });
      return paymentView(row, this.config.ocmw);
    });
  }

  /**
   * Finance records that a cash payment was paid, against the receipt the payee signed: the payment is `paid` with the
   * receipt's reference, in the timeline and the audit trail. Only a cash payment still due (a transfer is paid by its
   * batch; a paid or cancelled one is 409).
   */
  async recordCashReceipt(actor: AuthUser, id: string, body: { receiptRef: string }) {
    authorize(actor, 'payment:cash');
    const receiptRef = body.receiptRef.trim();
    return this.dataSource.transaction(async (tx) => {
      const row = await this.findPayment(tx, actor, 'payment:cash', id, true);
      if (row.method !== 'cash') throw conflict('Only a cash payment is paid against a receipt: a transfer is paid by its SEPA batch', { method: row.method });
      if (row.status !== 'due') throw conflict(`The payment is ${row.status}, not due`, { status: row.status, receiptRef: row.receipt_ref });
      const paidAt = new Date();
      await tx.query(`UPDATE payments SET status = 'paid', paid_at = $2, receipt_ref = $3 WHERE id = $1`, [id, paidAt, receiptRef]);
      await addToTimeline(tx, {
        dossierId: row.dossier_id,
        key: `payment-paid-cash:${id}`,
        at: paidAt,
        type: 'payment-paid',
        description:
          `${PAYMENT_KIND_LABELS[row.kind]} ${periodLabel(row.period)} aan ${row.creditor_name}: ${formatEuro(row.amount_cents)} ` +
          `contant betaald tegen ontvangstbewijs ${receiptRef}`,
        data: { paymentId: id, receiptRef, amountCents: row.amount_cents },
      });
      await audit(tx, actor, 'payment.cash-paid', {
        dossierId: row.dossier_id,
        details: { paymentId: id, receiptRef, amountCents: row.amount_cents, payee: row.payee_party_id ? 'party' : 'client', payeePartyId: row.payee_party_id },
      });
      return paymentView(await this.findPayment(tx, actor, 'payment:cash', id), this.config.ocmw);
    });
  }

  /**
   * Gathers every 'due' transfer of the caller's team due on or before the execution date into one batch and builds its
   * pain.001 file: one PmtInf per debtor account — the OCMW's own, or the account a payment names. Cash payments never
   * go into a file. The execution date is the one asked for (default today) moved to the next
   * TARGET2 business day when the payment system is closed that day (a Saturday, 25 December, …); the answer says so
   * in `requestedExecutionDateNote`, and the batch takes what is due up to the moved date. Locks the payments it takes,
   * so two finance officers creating a batch at once never put a payment in both.
   */
  async createBatch(actor: AuthUser, body: { requestedExecutionDate?: string }) {
    authorize(actor, 'payment:batch', { team: actor.team }, 'Team');
    const today = todayIn(this.config.timeZone);
    const asked = body.requestedExecutionDate ?? today;
    if (asked < today) {
      throw new ValidationError([{ path: '/requestedExecutionDate', code: 'not-past', message: 'must be today or later' }]);
    }
    const { date: requestedExecutionDate, note: requestedExecutionDateNote } = target2ExecutionDate(asked);
    return this.dataSource.transaction(async (tx) => {
      const due: PaymentRow[] = await tx.query(
        `SELECT p.*, d.reference, d.team
           FROM payments p JOIN dossiers d ON d.id = p.dossier_id
          WHERE d.team = $1 AND p.status = 'due' AND p.method = 'transfer' AND p.due_date <= $2
          ORDER BY p.due_date, d.reference, p.period, p.kind
          FOR UPDATE OF p`,
        [actor.team, requestedExecutionDate],
      );
      if (due.length === 0) {
        throw conflict(`No payments are due on or before ${requestedExecutionDate}`, { requestedExecutionDate, requestedExecutionDateNote });
      }
      const id = randomUUID();
      const msgId = id.replace(/-/g, '');
      const createdAt = new Date();
      let xml: string;
      try {
        xml = buildPain001({
          msgId,
          createdAt,
          requestedExecutionDate,
          debtor: { name: this.config.ocmw.name, iban: this.config.ocmw.iban, bic: this.config.ocmw.bic },
          payments: due.map((p) => ({
            id: p.id,
            amountCents: p.amount_cents,
            creditorName: p.creditor_name,
            iban: p.iban!,
            remittance: p.remittance,
            ...(p.debtor_iban ? { debtor: { name: p.debtor_name!, iban: p.debtor_iban, bic: p.debtor_bic! } } : {}),
          })),
        });
      } catch (err) {
        if (err instanceof SepaError) throw new ApiError(422, `The payment file cannot be built: ${err.message}`);
        throw err;
      }
      const ctrlSumCents = due.reduce((sum, p) => sum + p.amount_cents, 0);
      await tx.insert(PaymentBatchEntity, {
        id,
        team: actor.team,
        createdBy: actor.id,
        createdAt,
        requestedExecutionDate,
        status: 'created',
        nbOfTxs: due.length,
        ctrlSumCents: String(ctrlSumCents),
        msgId,
        xml,
      });
      const paymentIds = due.map((p) => p.id);
      await tx.query(`UPDATE payments SET status = 'batched', batch_id = $1 WHERE id = ANY($2::uuid[])`, [id, paymentIds]);
      await audit(tx, actor, 'payment-batch.created', {
        details: { batchId: id, nbOfTxs: due.length, ctrlSumCents, requestedExecutionDate, ...(requestedExecutionDateNote ? { askedExecutionDate: asked } : {}) },
      });
      await this.auditPerDossier(tx, actor, 'payment.batched', id, due);
      const batch = await tx.findOneByOrFail(PaymentBatchEntity, { id });
      return { ...batchView(batch), requestedExecutionDateNote, paymentIds };
    });
  }

  async listBatches(actor: AuthUser) {
    authorize(actor, 'payment:batch', { team: actor.team }, 'Team');
    return this.dataSource.transaction(async (tx) => {
      const batches = await tx.find(PaymentBatchEntity, {
        where: { team: actor.team },
        order: { createdAt: 'DESC' },
        take: 200,
        // Not the file itself: that is a download of its own (and audited as one).
        select: {
          id: true, team: true, status: true, requestedExecutionDate: true, nbOfTxs: true, ctrlSumCents: true, msgId: true,
          createdBy: true, createdAt: true, executedAt: true, executedBy: true,
        },
      });
      await audit(tx, actor, 'payment-batch.listed', { details: { batchIds: batches.map((b) => b.id) } });
      return { items: batches.map(batchView), total: batches.length };
    });
  }

  /** The pain.001 file as stored when the batch was made (the bank gets exactly what was counted). */
  async sepaXml(actor: AuthUser, id: string): Promise<{ xml: string; fileName: string }> {
    authorize(actor, 'payment:batch');
    return this.dataSource.transaction(async (tx) => {
      const batch = await this.findVisible(tx, actor, id);
      await audit(tx, actor, 'payment-batch.downloaded', { details: { batchId: id, msgId: batch.msgId } });
      return { xml: batch.xml, fileName: `pain001-${batch.requestedExecutionDate}-${batch.msgId}.xml` };
    });
  }

  /** The bank executed the batch: its payments are paid. Once; a second time is 409. */
  async markExecuted(actor: AuthUser, id: string) {
    authorize(actor, 'payment:batch');
    return this.dataSource.transaction(async (tx) => {
      const batch = await this.findVisible(tx, actor, id, true);
      if (batch.status === 'executed') throw conflict('The batch is already marked executed', { executedAt: batch.executedAt });
      const executedAt = new Date();
      await tx.update(PaymentBatchEntity, { id }, { status: 'executed', executedAt, executedBy: actor.id });
      // An UPDATE through TypeORM's query() answers [rows, rowCount].
      const [paid]: [Pick<PaymentRow, 'id' | 'dossier_id'>[], number] = await tx.query(
        `UPDATE payments SET status = 'paid', paid_at = $2 WHERE batch_id = $1 AND status = 'batched' RETURNING id, dossier_id`,
        [id, executedAt],
      );
      await audit(tx, actor, 'payment-batch.executed', { details: { batchId: id, paid: paid.length } });
      await this.auditPerDossier(tx, actor, 'payment.paid', id, paid);
      return { ...batchView(await tx.findOneByOrFail(PaymentBatchEntity, { id })), paid: paid.length };
    });
  }

  private async findPayment(tx: EntityManager, actor: AuthUser, action: Action, id: string, lock = false): Promise<PaymentRow> {
    const [row]: PaymentRow[] = await tx.query(
      `SELECT p.*, d.reference, d.team FROM payments p JOIN dossiers d ON d.id = p.dossier_id WHERE p.id = $1${lock ? ' FOR UPDATE OF p' : ''}`,
      [id],
    );
    if (!row) throw notFound('Payment');
    authorize(actor, action, { team: row.team }, 'Payment');
    return row;
  }

  private async findVisible(tx: EntityManager, actor: AuthUser, id: string, lock = false): Promise<PaymentBatchEntity> {
    const batch = await tx.findOne(PaymentBatchEntity, { where: { id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (!batch) throw notFound('Payment batch');
    authorize(actor, 'payment:batch', { team: batch.team }, 'Payment batch');
    return batch;
  }

  /** One audit event per dossier whose payments changed, so each dossier's audit trail shows it. */
  private async auditPerDossier(tx: EntityManager, actor: AuthUser, action: string, batchId: string, payments: Pick<PaymentRow, 'id' | 'dossier_id'>[]) {
    const byDossier = new Map<string, string[]>();
    for (const p of payments) byDossier.set(p.dossier_id, [...(byDossier.get(p.dossier_id) ?? []), p.id]);
    for (const [dossierId, paymentIds] of byDossier) await audit(tx, actor, action, { dossierId, details: { batchId, paymentIds } });
  }
}

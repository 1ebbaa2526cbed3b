import { ApplicationFailure } from '@temporalio/common';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../../libs/config/config';
import { audit, SYSTEM } from '../../libs/db/audit';
import type { PaymentStatus } from '../../libs/db/entities/payment.entity';
import { addToTimeline } from '../../libs/db/timeline';
import { isValidIsoDate } from '../../libs/deadlines/calendar-date';
import {
  dutchDate,
  dutchMonth,
  euro,
  isLeefloonCategory,
  LeefloonAmountTable,
  LeefloonCategory,
  monthlyLeefloon,
  MonthlyLeefloon,
} from '../../libs/payments/amounts';
import { arrears, Coverage, coverage, isPeriod, PAYMENT_KINDS, PaymentKind, paymentDay, Period, periodOf, proRata } from '../../libs/payments/schedule';
import { remittanceText } from '../../libs/payments/sepa';

/** Failure type for an order that can never succeed (unknown dossier, amount ≤ 0): retrying would not help. */
export const PAYMENT_REFUSED = 'PaymentRefused';

/** How an amount was reached; stored with the payment (jsonb) and shown in the decision letter. */
export interface PaymentComputation extends Record<string, unknown> {
  category: LeefloonCategory;
  categoryAmountCents: number;
  resourcesCents: number;
  monthlyAmountCents: number;
  /** Set when the month is only partly covered: amount × days / daysInMonth. */
  proRata: Coverage | null;
  /** Dutch. */
  text: string;
}

/** A payment the workflow may order as is. */
export interface PaymentDraft {
  kind: PaymentKind;
  period: Period;
  amountCents: number;
  dueDate: string;
  computation: PaymentComputation;
}

export interface OrderPaymentInput {
  dossierId: string;
  kind: PaymentKind;
  period: Period;
  amountCents: number;
  dueDate: string;
  computation: Record<string, unknown>;
}

/** Tell them apart with `'missingIban' in result`: a success has no missingIban key. */
export type OrderPaymentResult = { paymentId: string; created: boolean; status: PaymentStatus } | { missingIban: true };

export interface LeefloonInput {
  category: LeefloonCategory;
  monthlyResourcesCents: number;
}

export interface PaymentActivityDeps {
  dataSource: DataSource;
  /** The dated leefloon amounts in force (libs/config/leefloon-amounts.ts). */
  amounts: LeefloonAmountTable;
  /** payments.payday; without it, the 1st (the configuration's default). */
  config?: Pick<AppConfig, 'payments'>;
}

const KIND_NL: Record<PaymentKind, string> = { monthly: 'Maandelijkse betaling', arrears: 'Achterstallige betaling', 'one-off': 'Eenmalige betaling' };

function refuse(message: string): never {
  throw ApplicationFailure.create({ type: PAYMENT_REFUSED, message, nonRetryable: true });
}

export function createPaymentActivities({ dataSource, amounts, config }: PaymentActivityDeps) {
  const payday = config?.payments.payday ?? 1;

  /** The leefloon of one month of the right, pro rata when the right starts in it (schedule.ts). */
  function draft(kind: PaymentKind, period: Period, dueDate: string, input: LeefloonInput & { startDate: string }): PaymentDraft {
    const month: MonthlyLeefloon = leefloon(input, period);
    const covered = coverage(period, input.startDate);
    const partial = covered.days < covered.daysInMonth;
    const amountCents = partial ? proRata(month.amountCents, covered) : month.amountCents;
    const text = partial
      ? `${month.computation} Recht vanaf ${dutchDate(input.startDate)}: ${covered.days}/${covered.daysInMonth} van ${euro(month.amountCents)} = ${euro(amountCents)}.`
      : month.computation;
    return {
      kind,
      period,
      amountCents,
      dueDate,
      computation: {
        category: input.category,
        categoryAmountCents: month.categoryAmountCents,
        resourcesCents: month.resourcesCents,
        monthlyAmountCents: month.amountCents,
        proRata: partial ? covered : null,
        text,
      },
    };
  }

  function leefloon(input: LeefloonInput, month: Period): MonthlyLeefloon {
    try {
      return monthlyLeefloon({ category: input.category, monthlyResourcesCents: input.monthlyResourcesCents, month, table: amounts });
    } catch (err) {
      return refuse(err instanceof Error ? err.message : String(err));
    }
  }

  return {
    /**
     * Orders one payment, once: idempotent on (dossier, period, kind) — the UNIQUE constraint and ON CONFLICT DO
     * NOTHING — so a retried or replayed activity never pays twice. The beneficiary's IBAN and name are copied from the
     * dossier's person; without an IBAN nothing is ordered and `missingIban` tells the workflow to ask for one.
     */
    async orderPayment(input: OrderPaymentInput): Promise<OrderPaymentResult> {
      if (!PAYMENT_KINDS.includes(input.kind)) refuse(`unknown payment kind: ${input.kind}`);
      if (!isPeriod(input.period)) refuse(`not a period YYYY-MM: ${input.period}`);
      if (!isValidIsoDate(input.dueDate)) refuse(`not a due date YYYY-MM-DD: ${input.dueDate}`);
      if (!Number.isSafeInteger(input.amountCents) || input.amountCents <= 0 || input.amountCents > 2_147_483_647) {
        refuse(`a payment needs a positive amount in whole cents, got ${input.amountCents}`);
      }
      return dataSource.transaction(async (tx) => {
        const existing = async () =>
          ((await tx.query(`SELECT id, status FROM payments WHERE dossier_id = $1 AND period = $2 AND kind = $3`, [input.dossierId, input.period, input.kind])) as {
            id: string;
            status: PaymentStatus;
          }[])[0];
        const before = await existing();
        if (before) return { paymentId: before.id, created: false, status: before.status };
        const [dossier] = await tx.query(
          `SELECT d.reference, d.procedure, p.iban, p.first_name, p.last_name FROM dossiers d JOIN persons p ON p.id = d.person_id WHERE d.id = $1`,
          [input.dossierId],
        );
        if (!dossier) refuse(`no dossier ${input.dossierId}`);
        if (!dossier.iban) return { missingIban: true };
        const inserted: { id: string }[] = await tx.query(
          `INSERT INTO payments (dossier_id, kind, period, amount_cents, iban, creditor_name, remittance, due_date, status, computation)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'due', $9)
           ON CONFLICT (dossier_id, period, kind) DO NOTHING
           RETURNING id`,
          [
            input.dossierId,
            input.kind,
            input.period,
            input.amountCents,
            dossier.iban,
            `${dossier.first_name} ${dossier.last_name}`,
            remittanceText({ procedure: dossier.procedure, kind: input.kind, period: input.period, reference: dossier.reference }),
            input.dueDate,
            JSON.stringify(input.computation ?? {}),
          ],
        );
        if (inserted.length === 0) {
          // A concurrent attempt committed the same order first.
          const winner = (await existing())!;
          return { paymentId: winner.id, created: false, status: winner.status };
        }
        const paymentId = inserted[0].id;
        await addToTimeline(tx, {
          dossierId: input.dossierId,
          key: `payment-ordered:${input.kind}:${input.period}`,
          at: new Date(),
          type: 'payment-ordered',
          description: `${KIND_NL[input.kind]} ${dutchMonth(input.period)}: ${euro(input.amountCents)}, te betalen op ${dutchDate(input.dueDate)}`,
          data: { paymentId, kind: input.kind, period: input.period, amountCents: input.amountCents, dueDate: input.dueDate },
        });
        await audit(tx, SYSTEM, 'payment.ordered', {
          dossierId: input.dossierId,
          details: { paymentId, kind: input.kind, period: input.period, amountCents: input.amountCents, dueDate: input.dueDate },
        });
        return { paymentId, created: true, status: 'due' };
      });
    },

    /** A stop decision: the dossier's payments still 'due' for `fromPeriod` and later are cancelled. The count. */
    async cancelFuturePayments(input: { dossierId: string; fromPeriod: Period; reason?: string }): Promise<number> {
      if (!isPeriod(input.fromPeriod)) refuse(`not a period YYYY-MM: ${input.fromPeriod}`);
      return dataSource.transaction(async (tx) => {
        const [rows]: [{ id: string; period: string; kind: string }[], number] = await tx.query(
          `UPDATE payments SET status = 'cancelled' WHERE dossier_id = $1 AND status = 'due' AND period >= $2 RETURNING id, period, kind`,
          [input.dossierId, input.fromPeriod],
        );
        if (rows.length === 0) return 0;
        const paymentIds = rows.map((r) => r.id).sort();
        await addToTimeline(tx, {
          dossierId: input.dossierId,
          // A payment is cancelled once, so its id names this cancellation.
          key: `payments-cancelled:${paymentIds[0]}`,
          at: new Date(),
          type: 'payments-cancelled',
          description: `${rows.length} geplande betaling(en) vanaf ${dutchMonth(input.fromPeriod)} geannuleerd${input.reason ? `: ${input.reason}` : ''}`,
          data: { paymentIds, fromPeriod: input.fromPeriod },
        });
        await audit(tx, SYSTEM, 'payment.cancelled', {
          dossierId: input.dossierId,
          details: { paymentIds, fromPeriod: input.fromPeriod, reason: input.reason ?? null },
        });
        return rows.length;
      });
    },

    /** The leefloon of `month` with the amounts in force (dated configuration reaches workflows through here). */
    async leefloonAmount(input: LeefloonInput & { month: Period }): Promise<MonthlyLeefloon> {
      if (!isLeefloonCategory(input.category)) refuse(`not a leefloon category: ${String(input.category)}`);
      return leefloon(input, input.month);
    },

    /**
     * After a grant: the arrears (one payment per month, the first pro rata) and the first regular month, with due dates
     * from the payday and the LL-6 term (schedule.ts `arrears`). Arrears months that come to € 0 are left out; order
     * `firstMonthly` (like any draft) only when its amountCents > 0 — orderPayment refuses € 0.
     */
    async planLeefloonPayments(input: LeefloonInput & { startDate: string; decisionDate: string }): Promise<{
      arrears: PaymentDraft[];
      firstMonthly: PaymentDraft;
      firstPaymentDeadline: string;
    }> {
      if (!isLeefloonCategory(input.category)) refuse(`not a leefloon category: ${String(input.category)}`);
      if (!isValidIsoDate(input.startDate) || !isValidIsoDate(input.decisionDate)) refuse('startDate and decisionDate must be dates YYYY-MM-DD');
      const plan = arrears(input.startDate, input.decisionDate, payday);
      return {
        arrears: plan.months.map((m) => draft('arrears', m.period, plan.arrearsDueDate!, input)).filter((d) => d.amountCents > 0),
        firstMonthly: draft('monthly', plan.firstRegularPeriod, plan.firstRegularDueDate, input),
        firstPaymentDeadline: plan.firstPaymentDeadline,
      };
    },

    /** One regular month: due on the payday (moved earlier to a working day); pro rata in the month the right starts. */
    async monthlyLeefloonPayment(input: LeefloonInput & { period: Period; startDate: string }): Promise<PaymentDraft> {
      if (!isLeefloonCategory(input.category)) refuse(`not a leefloon category: ${String(input.category)}`);
      if (!isPeriod(input.period) || !isValidIsoDate(input.startDate) || input.period < periodOf(input.startDate)) {
        refuse(`period ${input.period} must be a month YYYY-MM of the right (from ${input.startDate})`);
      }
      return draft('monthly', input.period, paymentDay(input.period, payday), input);
    },
  };
}

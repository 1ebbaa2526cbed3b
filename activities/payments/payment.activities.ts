import { ApplicationFailure } from '@temporalio/common';
import { DataSource, EntityManager } from 'typeorm';
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
import { arrears, Coverage, coverage, isPeriod, paymentDay, Period, periodOf, proRata } from '../../libs/payments/schedule';
import {
  isPaymentKind,
  Payee,
  PAYMENT_KIND_LABELS,
  PAYMENT_METHOD_LABELS,
  PAYMENT_METHODS,
  paymentKey,
  PaymentKind,
  PaymentMethod,
  periodLabel,
} from '../../libs/payments/payment-key';
import { PARTY_KIND_LABELS, PartyKind } from '../../libs/domain/parties';
import { formatIban, validateIban } from '../../libs/domain/identifiers';
import { BIC, MAX_NAME, remittanceText, sepaText } from '../../libs/payments/sepa';

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

/**
 * An order. The leefloon's shape — `{dossierId, kind, period, amountCents, dueDate, computation}` — still means what it
 * meant: the client, by transfer, from the OCMW's own account, keyed `<kind>:client:<period>`.
 */
export interface OrderPaymentInput {
  dossierId: string;
  kind: PaymentKind;
  /** A month 'YYYY-MM', an ISO week 'YYYY-Www' or one-off 'once:<key>' (payment-key.ts). */
  period: string;
  amountCents: number;
  dueDate: string;
  computation: Record<string, unknown>;
  /**
   * Absent: the client. A party must be active and linked to the dossier (a link not ended). `iban`: an account the
   * party holds for this payment instead of its own — a rent guarantee's blocked account, which the bank keeps in the
   * tenant's name (domain §6): paid to the bank, on that account.
   */
  payee?: { partyId: string; iban?: string };
  /** Absent: 'transfer'. Cash needs no IBAN and never goes into a SEPA file: finance records its receipt. */
  method?: PaymentMethod;
  /** The debt or invoice, when one payee is paid for several in one period: another debtRef is another payment. */
  debtRef?: string;
  /** Absent: the OCMW's own account (OCMW_IBAN). A named account, e.g. the client's budget-management account. */
  debtorAccount?: DebtorAccount;
}

export interface DebtorAccount {
  name: string;
  iban: string;
  bic: string;
}

/** Tell them apart with `'missingIban' in result`: a success has no missingIban key. For a party: its IBAN is missing. */
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

/** What the leefloon stop cancels when its caller names no kinds: the kinds there were when it was written. */
const CANCELLED_BY_DEFAULT: PaymentKind[] = ['monthly', 'arrears', 'one-off'];

interface Payer {
  name: string;
  iban: string | null;
  /** Dutch, for the timeline: 'Jan Peeters', 'Immo Gent (verhuurder)'. */
  description: string;
  /** The party's own file number for this dossier (remittance). */
  reference: string | null;
}

function refuse(message: string): never {
  throw ApplicationFailure.create({ type: PAYMENT_REFUSED, message, nonRetryable: true });
}

/** A named debtor account, checked as the SEPA file will need it (IBAN mod 97, BIC, a name in the SEPA character set). */
function debtorAccount(account: DebtorAccount, method: PaymentMethod): DebtorAccount {
  if (method === 'cash') refuse('a cash payment is paid from no account: leave debtorAccount out');
  const iban = validateIban(String(account.iban ?? ''));
  if (!iban.valid) refuse(`debtorAccount: not a valid IBAN (${iban.message})`);
  const bic = String(account.bic ?? '').toUpperCase();
  if (!BIC.test(bic)) refuse(`debtorAccount: not a BIC: ${account.bic}`);
  const name = sepaText(String(account.name ?? ''), MAX_NAME);
  if (name === '') refuse('debtorAccount: a name is needed');
  return { name: String(account.name).trim(), iban: iban.value, bic };
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

  /** The payee's name, account and Dutch description; refuses a party that is unknown, retired or not linked to the dossier. */
  async function payeeOf(tx: EntityManager, dossierId: string, payee: Payee, person: { first_name: string; last_name: string; iban: string | null }): Promise<Payer> {
    if (payee.kind === 'client') {
      const name = `${person.first_name} ${person.last_name}`;
      return { name, iban: person.iban, description: name, reference: null };
    }
    // The party and the dossier's running links to it, share-locked until the order commits: a party being retired or
    // a link being ended at this moment (PATCH /parties/:id, DELETE /dossiers/:id/parties/:linkId) is waited for and
    // then seen as it ended up, so no payment is ordered to a party retired or unlinked before the order committed.
    const [party]: { name: string; kind: PartyKind; iban: string | null; active: boolean }[] = await tx.query(
      `SELECT p.name, p.kind, p.iban, p.active FROM parties p WHERE p.id = $1 FOR SHARE`,
      [payee.partyId],
    );
    if (!party) refuse(`no party ${payee.partyId}`);
    if (!party.active) refuse(`party ${payee.partyId} is retired: it is paid no more`);
    const links: { reference: string | null }[] = await tx.query(
      `SELECT l.reference FROM dossier_parties l WHERE l.party_id = $1 AND l.dossier_id = $2 AND l.ended_at IS NULL
        ORDER BY l.created_at, l.id FOR SHARE`,
      [payee.partyId, dossierId],
    );
    if (links.length === 0) refuse(`party ${payee.partyId} is not linked to dossier ${dossierId}: link it first`);
    const reference = links.find((l) => l.reference !== null)?.reference ?? null;
    return { name: party.name, iban: party.iban, description: `${party.name} (${PARTY_KIND_LABELS[party.kind].toLowerCase()})`, reference };
  }

  return {
    /**
     * Orders one payment, once: idempotent on (dossier, payment key) — the key names kind, payee, period and debt
     * (payment-key.ts); the UNIQUE constraint and ON CONFLICT DO NOTHING — so a retried or replayed activity never pays
     * twice. The payee's IBAN and name are copied from the dossier's person or the party; a transfer without an IBAN
     * orders nothing and `missingIban` tells the workflow to ask for one. An order that can never succeed (a bad period,
     * kind, amount, debt reference or debtor account, an unknown dossier or party) is a non-retryable PaymentRefused.
     */
    async orderPayment(input: OrderPaymentInput): Promise<OrderPaymentResult> {
      if (!isPaymentKind(input.kind)) refuse(`unknown payment kind: ${input.kind}`);
      const method: PaymentMethod = input.method ?? 'transfer';
      if (!PAYMENT_METHODS.includes(method)) refuse(`unknown payment method: ${String(input.method)}`);
      const payee: Payee = input.payee === undefined ? { kind: 'client' } : { kind: 'party', partyId: input.payee?.partyId };
      let key: string;
      try {
        key = paymentKey({ kind: input.kind, payee, period: input.period, debtRef: input.debtRef });
      } catch (err) {
        return refuse(err instanceof Error ? err.message : String(err));
      }
      if (!isValidIsoDate(input.dueDate)) refuse(`not a due date YYYY-MM-DD: ${input.dueDate}`);
      if (!Number.isSafeInteger(input.amountCents) || input.amountCents <= 0 || input.amountCents > 2_147_483_647) {
        refuse(`a payment needs a positive amount in whole cents, got ${input.amountCents}`);
      }
      const debtor = input.debtorAccount ? debtorAccount(input.debtorAccount, method) : null;
      let account: string | null = null;
      if (input.payee?.iban !== undefined) {
        const valid = validateIban(input.payee.iban);
        if (!valid.valid) refuse(`the payee's account ${input.payee.iban} is not an IBAN: ${valid.message}`);
        account = valid.value;
      }
      return dataSource.transaction(async (tx) => {
        const existing = async () =>
          ((await tx.query(`SELECT id, status FROM payments WHERE dossier_id = $1 AND payment_key = $2`, [input.dossierId, key])) as {
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
        const own = await payeeOf(tx, input.dossierId, payee, dossier);
        const payer = account ? { ...own, iban: account, description: `${own.description}, rekening ${formatIban(account)}` } : own;
        if (method === 'transfer' && !payer.iban) return { missingIban: true };
        const partyId = payee.kind === 'party' ? payee.partyId : null;
        const inserted: { id: string }[] = await tx.query(
          `INSERT INTO payments (dossier_id, kind, period, payment_key, payee_party_id, method, debt_ref, amount_cents, iban, creditor_name,
                                 debtor_name, debtor_iban, debtor_bic, remittance, due_date, status, computation)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, 'due', $16)
           ON CONFLICT (dossier_id, payment_key) DO NOTHING
           RETURNING id`,
          [
            input.dossierId,
            input.kind,
            input.period,
            key,
            partyId,
            method,
            input.debtRef ?? null,
            input.amountCents,
            method === 'transfer' ? payer.iban : null,
            payer.name,
            debtor?.name ?? null,
            debtor?.iban ?? null,
            debtor?.bic ?? null,
            remittanceText({
              procedure: dossier.procedure,
              kind: input.kind,
              period: input.period,
              reference: dossier.reference,
              debtRef: input.debtRef,
              payeeReference: payer.reference,
              onBehalfOf: payee.kind === 'party' ? `${dossier.first_name} ${dossier.last_name}` : null,
            }),
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
        const details = {
          paymentId,
          paymentKey: key,
          kind: input.kind,
          period: input.period,
          amountCents: input.amountCents,
          dueDate: input.dueDate,
          payee: payee.kind,
          payeePartyId: partyId,
          method,
          debtRef: input.debtRef ?? null,
          debtorIban: debtor?.iban ?? null,
        };
        const how = [
          method === 'cash' ? PAYMENT_METHOD_LABELS.cash : null,
          input.debtRef ? `voor ${input.debtRef}` : null,
          debtor ? `van rekening ${debtor.name} ${formatIban(debtor.iban)}` : null,
        ].filter((part) => part);
        await addToTimeline(tx, {
          dossierId: input.dossierId,
          key: `payment-ordered:${key}`,
          at: new Date(),
          type: 'payment-ordered',
          description:
            `${PAYMENT_KIND_LABELS[input.kind]} ${periodLabel(input.period)} aan ${payer.description}${how.length ? ` (${how.join(', ')})` : ''}: ` +
            `${euro(input.amountCents)}, te betalen op ${dutchDate(input.dueDate)}`,
          data: details,
        });
        await audit(tx, SYSTEM, 'payment.ordered', { dossierId: input.dossierId, details: { ...details, payeeName: payer.name } });
        return { paymentId, created: true, status: 'due' };
      });
    },

    /**
     * A stop decision: the dossier's client payments still 'due' for month `fromPeriod` and later are cancelled. The
     * count. Only monthly periods are compared (a week 'YYYY-Www' or 'once:…' would sort wrongly against a month), and
     * only the client's payments of `kinds` — by default the kinds the leefloon orders, as before there were others — so
     * a party's invoice or a weekly leefgeld of another procedure in the same dossier is left alone.
     */
    async cancelFuturePayments(input: { dossierId: string; fromPeriod: Period; reason?: string; kinds?: PaymentKind[] }): Promise<number> {
      if (!isPeriod(input.fromPeriod)) refuse(`not a period YYYY-MM: ${input.fromPeriod}`);
      const kinds = input.kinds ?? CANCELLED_BY_DEFAULT;
      if (kinds.length === 0 || !kinds.every(isPaymentKind)) refuse(`not payment kinds: ${JSON.stringify(input.kinds)}`);
      return dataSource.transaction(async (tx) => {
        const [rows]: [{ id: string; period: string; kind: string }[], number] = await tx.query(
          `UPDATE payments SET status = 'cancelled'
            WHERE dossier_id = $1 AND status = 'due' AND payee_party_id IS NULL AND kind = ANY($3::text[])
              AND period ~ '^[0-9]{4}-[0-9]{2}$' AND period >= $2
            RETURNING id, period, kind`,
          [input.dossierId, input.fromPeriod, kinds],
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

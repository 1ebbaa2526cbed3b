import { formatMonthNl } from '../format/dutch';

/**
 * What a payment is for and to whom (pure; also safe inside workflows): its kind, its period, its payee and the business
 * key a payment is unique on per dossier. See README "Payments" for the format in prose.
 *
 * Payment key: `<kind>:client:<period>[:<debtRef>]` or `<kind>:party:<partyId>:<period>[:<debtRef>]`, e.g.
 * `monthly:client:2026-05`, `leefgeld:client:2026-W19`, `one-off:party:<uuid>:once:rent-guarantee:INV-1`. Every part is
 * a business name that survives continue-as-new (never a counter), so a retried or replayed order finds its payment.
 */

/**
 * Every kind of payment a procedure may order, with its Dutch label (timeline, web app) and the word the beneficiary
 * reads in the remittance ('' for the plain monthly payment: "Leefloon 2026-04 LL-2026-000123").
 */
export const PAYMENT_KIND_LIST = [
  { kind: 'monthly', label: 'Maandelijkse betaling', remittance: '' },
  { kind: 'arrears', label: 'Achterstallige betaling', remittance: 'achterstal' },
  { kind: 'one-off', label: 'Eenmalige betaling', remittance: 'eenmalig' },
  // Budget management and LOI reception: the living allowance, usually weekly (domain §3, §4).
  { kind: 'leefgeld', label: 'Leefgeld', remittance: 'leefgeld' },
  // A supplier's, care home's or creditor's invoice paid for the client (heating allowance cat. 3, placement costs).
  { kind: 'invoice', label: 'Betaling van een factuur', remittance: 'factuur' },
  // An advance on a benefit applied for (art. 99 §2 OCMW-wet; domain §10), or the rent guarantee as an advance.
  { kind: 'advance', label: 'Voorschot', remittance: 'voorschot' },
  // A rent guarantee deposited on a blocked account (domain §6).
  { kind: 'guarantee', label: 'Huurwaarborg', remittance: 'huurwaarborg' },
  // A one-off allowance by a rule of its own (the heating allowance, domain §7).
  { kind: 'allowance', label: 'Toelage', remittance: 'toelage' },
  // A creditor's instalment from a budget-management account (domain §3).
  { kind: 'instalment', label: 'Afbetaling aan een schuldeiser', remittance: 'afbetaling' },
  // The pocket money of a care-home resident (domain §11).
  { kind: 'pocket-money', label: 'Zakgeld', remittance: 'zakgeld' },
] as const;

export type PaymentKind = (typeof PAYMENT_KIND_LIST)[number]['kind'];
export const PAYMENT_KINDS: readonly PaymentKind[] = PAYMENT_KIND_LIST.map((k) => k.kind);
export const PAYMENT_KIND_LABELS = Object.fromEntries(PAYMENT_KIND_LIST.map((k) => [k.kind, k.label])) as Record<PaymentKind, string>;
export const PAYMENT_KIND_REMITTANCE = Object.fromEntries(PAYMENT_KIND_LIST.map((k) => [k.kind, k.remittance])) as Record<PaymentKind, string>;

export function isPaymentKind(value: unknown): value is PaymentKind {
  return typeof value === 'string' && (PAYMENT_KINDS as readonly string[]).includes(value);
}

/** By transfer to the payee's IBAN (in a SEPA file), or in cash against a receipt (never in a SEPA file). */
export const PAYMENT_METHODS = ['transfer', 'cash'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];
export const PAYMENT_METHOD_LABELS: Record<PaymentMethod, string> = { transfer: 'overschrijving', cash: 'contant tegen ontvangstbewijs' };

/** The client of the dossier (the default), or a party (libs/domain/parties.ts) linked to it. */
export type Payee = { kind: 'client' } | { kind: 'party'; partyId: string };

export const MONTH_PERIOD = /^(\d{4})-(0[1-9]|1[0-2])$/;
const WEEK_PERIOD = /^(\d{4})-W(0[1-9]|[1-4][0-9]|5[0-3])$/;
/** `once:<key>`: the key a business name in lower case, digits and single hyphens (`rent-guarantee`, `heating-2026`). */
const ONCE_PERIOD = /^once:[a-z0-9]+(-[a-z0-9]+)*$/;
const MAX_ONCE_KEY = 60;
/** The debt or invoice: the creditor's own reference, SEPA-safe and without ':' (the key's separator). */
const DEBT_REF = /^[A-Za-z0-9][A-Za-z0-9./-]{0,34}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export type PeriodType = 'month' | 'week' | 'once';

/** ISO 8601: a year has 53 weeks when 28 December (always in its last week) falls in week 53 — Thursday 1 January, or a leap year starting on Wednesday. */
export function isoWeeksInYear(year: number): 52 | 53 {
  const jan1 = new Date(Date.UTC(year, 0, 1)).getUTCDay();
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return jan1 === 4 || (leap && jan1 === 3) ? 53 : 52;
}

/** 'month' (`YYYY-MM`), 'week' (ISO week `YYYY-Www` that exists in that ISO year), 'once' (`once:<key>`), or null. */
export function periodType(value: unknown): PeriodType | null {
  if (typeof value !== 'string') return null;
  if (MONTH_PERIOD.test(value)) return 'month';
  const week = WEEK_PERIOD.exec(value);
  if (week) return Number(week[2]) <= isoWeeksInYear(Number(week[1])) ? 'week' : null;
  if (ONCE_PERIOD.test(value) && value.length - 'once:'.length <= MAX_ONCE_KEY) return 'once';
  return null;
}

export function isPaymentPeriod(value: unknown): value is string {
  return periodType(value) !== null;
}

export function isDebtRef(value: unknown): value is string {
  return typeof value === 'string' && DEBT_REF.test(value);
}

export class PaymentKeyError extends RangeError {
  constructor(message: string) {
    super(message);
    this.name = 'PaymentKeyError';
  }
}

export interface PaymentKeyParts {
  kind: PaymentKind;
  payee: Payee;
  period: string;
  debtRef?: string | null;
}

/** The business key a payment is unique on within its dossier; throws PaymentKeyError on a part that is not valid. */
export function paymentKey({ kind, payee, period, debtRef }: PaymentKeyParts): string {
  if (!isPaymentKind(kind)) throw new PaymentKeyError(`unknown payment kind: ${String(kind)}`);
  if (!isPaymentPeriod(period)) {
    throw new PaymentKeyError(`not a period: ${String(period)} (a month YYYY-MM, an ISO week YYYY-Www that exists, or once:<key> in a-z, 0-9 and -)`);
  }
  let who: string;
  if (payee.kind === 'client') who = 'client';
  else if (payee.kind === 'party' && typeof payee.partyId === 'string' && UUID.test(payee.partyId)) who = `party:${payee.partyId}`;
  else throw new PaymentKeyError(`a party payee needs the party's id (a lower-case uuid): ${JSON.stringify(payee)}`);
  if (debtRef !== undefined && debtRef !== null && !isDebtRef(debtRef)) {
    throw new PaymentKeyError(`not a debt or invoice reference (1–35 of A-Z a-z 0-9 . / -, starting with a letter or digit): ${String(debtRef)}`);
  }
  return [kind, who, period, ...(debtRef ? [debtRef] : [])].join(':');
}

/** The parts of a key paymentKey built (null for anything else): the inverse, for reading stored keys. */
export function parsePaymentKey(key: string): PaymentKeyParts | null {
  const match = /^([a-z-]+):(client|party:([0-9a-f-]{36})):(\d{4}-\d{2}|\d{4}-W\d{2}|once:[a-z0-9-]+)(?::([^:]+))?$/.exec(key);
  if (!match) return null;
  const parts: PaymentKeyParts = {
    kind: match[1] as PaymentKind,
    payee: match[3] ? { kind: 'party', partyId: match[3] } : { kind: 'client' },
    period: match[4],
    debtRef: match[5] ?? null,
  };
  try {
    return paymentKey(parts) === key ? parts : null;
  } catch {
    return null;
  }
}

/** Dutch: 'april 2026', 'week 19 van 2026', 'eenmalig (rent-guarantee)'. */
export function periodLabel(period: string): string {
  if (MONTH_PERIOD.test(period)) return formatMonthNl(period);
  const week = WEEK_PERIOD.exec(period);
  if (week) return `week ${Number(week[2])} van ${week[1]}`;
  return `eenmalig (${period.slice('once:'.length)})`;
}

/** The period as the beneficiary reads it on the statement: '2026-04', '2026-W19', or the one-off's key. */
export function periodRemittance(period: string): string {
  return period.startsWith('once:') ? period.slice('once:'.length) : period;
}

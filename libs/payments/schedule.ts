/**
 * Payment periods and due dates (pure; also safe inside workflows). A period is a calendar month 'YYYY-MM'; dates are
 * 'YYYY-MM-DD' in Europe/Brussels. See README "Payments" for the rules in prose.
 */
import { addDays, daysInMonth, formatIsoDate, IsoDate, isValidIsoDate, parseIsoDate } from '../deadlines/calendar-date';
import { isWorkingDay } from '../deadlines/holidays';
import { MONTH_PERIOD } from './payment-key';

/** A month 'YYYY-MM' here; payment-key.ts also knows ISO weeks and one-off periods. */
export type Period = string;
export { PAYMENT_KINDS, type PaymentKind } from './payment-key';

/** LL-6 (art. 23 §1–2 RMI-wet, art. 36 KB RMI) [V-sec]: the first payment at the latest 15 calendar days after the decision. */
export const FIRST_PAYMENT_TERM_DAYS = 15;

const PERIOD = MONTH_PERIOD;

/** A month 'YYYY-MM' (the leefloon's period). */
export function isPeriod(value: unknown): value is Period {
  return typeof value === 'string' && PERIOD.test(value);
}

function parsePeriod(period: Period): { y: number; m: number } {
  const match = PERIOD.exec(period);
  if (!match) throw new RangeError(`not a period YYYY-MM: ${period}`);
  return { y: Number(match[1]), m: Number(match[2]) };
}

export function periodOf(date: IsoDate): Period {
  if (!isValidIsoDate(date)) throw new RangeError(`not a date YYYY-MM-DD: ${date}`);
  return date.slice(0, 7);
}

export function addPeriods(period: Period, months: number): Period {
  const { y, m } = parsePeriod(period);
  const index = y * 12 + (m - 1) + months;
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** from … to, both included (empty when to < from). */
export function periodRange(from: Period, to: Period): Period[] {
  const periods: Period[] = [];
  for (let p = from; p <= to; p = addPeriods(p, 1)) periods.push(p);
  return periods;
}

export function firstDayOf(period: Period): IsoDate {
  const { y, m } = parsePeriod(period);
  return formatIsoDate(y, m, 1);
}

export function lastDayOf(period: Period): IsoDate {
  const { y, m } = parsePeriod(period);
  return formatIsoDate(y, m, daysInMonth(y, m));
}

/** `date` itself when it is a working day, else the working day before it: money must be on the account in time. */
export function workingDayOnOrBefore(date: IsoDate): IsoDate {
  let day = date;
  while (!isWorkingDay(day)) day = addDays(day, -1);
  return day;
}

/**
 * The day the payment of `month` is made: the configured payday (1–28) of that month, moved EARLIER to the previous
 * working day when it falls on a Saturday, Sunday or legal holiday (holidays.ts) — never later, so the beneficiary is
 * not paid late. Payday 1 in November 2026: Sunday 1 November is also All Saints → Friday 30 October.
 */
export function paymentDay(month: Period, payday: number): IsoDate {
  if (!Number.isInteger(payday) || payday < 1 || payday > 28) throw new RangeError(`payday must be 1–28: ${payday}`);
  const { y, m } = parsePeriod(month);
  return workingDayOnOrBefore(formatIsoDate(y, m, payday));
}

/** LL-6: the last day for the first payment, 15 calendar days after the decision, moved earlier to a working day. */
export function firstPaymentDeadline(decisionDate: IsoDate): IsoDate {
  return workingDayOnOrBefore(addDays(decisionDate, FIRST_PAYMENT_TERM_DAYS));
}

/** How much of a month the right covers: `days` of `daysInMonth` calendar days. */
export interface Coverage {
  days: number;
  daysInMonth: number;
}

/** Calendar days of `period` from `startDate` (and up to `endDate`, both included) that the right covers. */
export function coverage(period: Period, startDate: IsoDate, endDate?: IsoDate): Coverage {
  const { y, m } = parsePeriod(period);
  const total = daysInMonth(y, m);
  const first = startDate > firstDayOf(period) ? parseIsoDate(startDate).d : 1;
  const last = endDate !== undefined && endDate < lastDayOf(period) ? parseIsoDate(endDate).d : total;
  const outside = startDate > lastDayOf(period) || (endDate !== undefined && endDate < firstDayOf(period));
  return { days: outside ? 0 : Math.max(0, last - first + 1), daysInMonth: total };
}

/**
 * PRO-RATA for a partial month, in calendar days: amount × (days covered in the month) / (days in that month),
 * rounded to the cent (half a cent up). A right from 17 March: 15/31 of March's amount.
 */
export function proRata(amountCents: number, c: Coverage): number {
  if (c.days >= c.daysInMonth) return amountCents;
  // Integer arithmetic: round(a·d/n) = floor((2·a·d + n) / 2n), exact for whole cents.
  return Math.floor((2 * amountCents * c.days + c.daysInMonth) / (2 * c.daysInMonth));
}

export interface ArrearsMonth {
  period: Period;
  coverage: Coverage;
}

export interface ArrearsPlan {
  /** Months of the right whose regular payday had already come on the decision date: paid at once, as arrears. */
  months: ArrearsMonth[];
  /** When the arrears are due (null without arrears). */
  arrearsDueDate: IsoDate | null;
  /** The first month paid on the regular rhythm (monthly payments continue from here). */
  firstRegularPeriod: Period;
  firstRegularDueDate: IsoDate;
  /** LL-6: the last day for the first payment. */
  firstPaymentDeadline: IsoDate;
}

/**
 * Arrears after a grant: the months from the start date up to (not including) the first regular month — the first
 * month whose payday comes after the decision date. The first payment keeps the LL-6 term: arrears are due on the
 * first regular payday or on the LL-6 day, whichever is earlier; without arrears, the first regular month itself is
 * brought forward to the LL-6 day when its payday would come later (unless the right only starts after that day).
 * The month of the start date is covered pro rata (coverage), whichever kind pays it.
 */
export function arrears(startDate: IsoDate, decisionDate: IsoDate, payday: number): ArrearsPlan {
  if (!isValidIsoDate(startDate)) throw new RangeError(`not a date YYYY-MM-DD: ${startDate}`);
  if (!isValidIsoDate(decisionDate)) throw new RangeError(`not a date YYYY-MM-DD: ${decisionDate}`);
  let firstRegularPeriod = periodOf(startDate);
  while (paymentDay(firstRegularPeriod, payday) <= decisionDate) firstRegularPeriod = addPeriods(firstRegularPeriod, 1);
  const months = periodRange(periodOf(startDate), addPeriods(firstRegularPeriod, -1)).map((period) => ({
    period,
    coverage: coverage(period, startDate),
  }));
  const deadline = firstPaymentDeadline(decisionDate);
  const regularDue = paymentDay(firstRegularPeriod, payday);
  const earliest = regularDue < deadline ? regularDue : deadline;
  return {
    months,
    arrearsDueDate: months.length > 0 ? earliest : null,
    firstRegularPeriod,
    firstRegularDueDate: months.length === 0 && startDate <= deadline ? earliest : regularDue,
    firstPaymentDeadline: deadline,
  };
}

/** An ISO 8601 week 'YYYY-Www' (payment-key.ts validates it): weekly payments such as the living money (leefgeld). */
export type IsoWeek = string;

/** ISO weekday of a date: 1 Monday … 7 Sunday. */
export function isoWeekday(date: IsoDate): number {
  const { y, m, d } = parseIsoDate(date);
  return ((new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7) + 1;
}

/** The ISO week a date falls in (its year is the year of that week's Thursday: 29 December 2025 is 2026-W01). */
export function isoWeekOf(date: IsoDate): IsoWeek {
  const thursday = addDays(date, 4 - isoWeekday(date));
  const year = Number(thursday.slice(0, 4));
  const week = Math.floor((parseDayOfYear(thursday) - 1) / 7) + 1;
  return `${String(year).padStart(4, '0')}-W${String(week).padStart(2, '0')}`;
}

function parseDayOfYear(date: IsoDate): number {
  const { y, m, d } = parseIsoDate(date);
  return Math.round((Date.UTC(y, m - 1, d) - Date.UTC(y, 0, 1)) / 86_400_000) + 1;
}

/** The day of an ISO week with ISO weekday `weekday` (1 Monday … 7 Sunday). */
export function dayOfIsoWeek(week: IsoWeek, weekday: number): IsoDate {
  const match = /^(\d{4})-W(\d{2})$/.exec(week);
  if (!match) throw new RangeError(`not an ISO week YYYY-Www: ${week}`);
  if (!Number.isInteger(weekday) || weekday < 1 || weekday > 7) throw new RangeError(`weekday must be 1–7: ${weekday}`);
  // 4 January is always in week 1.
  const jan4 = formatIsoDate(Number(match[1]), 1, 4);
  const monday = addDays(jan4, 1 - isoWeekday(jan4) + (Number(match[2]) - 1) * 7);
  return addDays(monday, weekday - 1);
}

export function addWeeks(week: IsoWeek, weeks: number): IsoWeek {
  return isoWeekOf(addDays(dayOfIsoWeek(week, 4), 7 * weeks));
}

/**
 * The day a weekly payment of `week` is made: the configured weekday of that week, moved EARLIER to the previous
 * working day on a weekend or legal holiday (budget management, domain §3.1 step 5: the client must have the living
 * money in time). Monday 6 April 2026 is Easter Monday → Friday 3 April.
 */
export function weeklyPaymentDay(week: IsoWeek, weekday: number): IsoDate {
  return workingDayOnOrBefore(dayOfIsoWeek(week, weekday));
}

/**
 * The day a monthly amount due on day `dueDay` (1–31) of `month` is paid: that day (the month's last day when the month
 * is shorter), moved EARLIER to the previous working day. Fixed costs and creditor instalments of a budget plan.
 */
export function monthlyDueDay(month: Period, dueDay: number): IsoDate {
  if (!Number.isInteger(dueDay) || dueDay < 1 || dueDay > 31) throw new RangeError(`due day must be 1–31: ${dueDay}`);
  const { y, m } = parsePeriod(month);
  return workingDayOnOrBefore(formatIsoDate(y, m, Math.min(dueDay, daysInMonth(y, m))));
}

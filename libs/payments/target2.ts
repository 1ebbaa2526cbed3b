/**
 * The TARGET2 calendar: the days the Eurosystem's payment system settles, and so the days a SEPA credit transfer can be
 * executed (ReqdExctnDt). Closed on Saturdays, Sundays, New Year's Day, Good Friday, Easter Monday, 1 May (Labour
 * Day), 25 and 26 December — nothing else: Belgian legal holidays such as 21 July or 1 November are TARGET2 business
 * days. Pure functions on 'YYYY-MM-DD' strings (Easter from the legal calendar's computation).
 */
import { addDays, dayOfWeek, IsoDate } from '../deadlines/calendar-date';
import { easterSunday } from '../deadlines/holidays';
import { formatDateLongNl } from '../format/dutch';

const FIXED_CLOSING_DAYS: Readonly<Record<string, string>> = {
  '01-01': 'Nieuwjaar',
  '05-01': 'Dag van de Arbeid',
  '12-25': 'Kerstmis',
  '12-26': 'Tweede Kerstdag',
};

/** The TARGET2 holiday on `date` (its Dutch name), or null; weekends are not named here. */
export function target2Holiday(date: IsoDate): string | null {
  const fixed = FIXED_CLOSING_DAYS[date.slice(5)];
  if (fixed) return fixed;
  const easter = easterSunday(Number(date.slice(0, 4)));
  if (date === addDays(easter, -2)) return 'Goede Vrijdag';
  if (date === addDays(easter, 1)) return 'Paasmaandag';
  return null;
}

export function isTarget2BusinessDay(date: IsoDate): boolean {
  const day = dayOfWeek(date);
  return day !== 0 && day !== 6 && target2Holiday(date) === null;
}

/** `date` itself when TARGET2 settles that day, otherwise the first TARGET2 business day after it. */
export function nextTarget2BusinessDay(date: IsoDate): IsoDate {
  let day = date;
  while (!isTarget2BusinessDay(day)) day = addDays(day, 1);
  return day;
}

export interface ExecutionDate {
  /** The date for ReqdExctnDt: a TARGET2 business day. */
  date: IsoDate;
  /** The date asked for. */
  requested: IsoDate;
  /** null when the asked date is a business day; otherwise a Dutch sentence saying why and to when it moved. */
  note: string | null;
}

/**
 * The execution date of a SEPA batch asked for `requested`: moved to the next TARGET2 business day when TARGET2 is
 * closed that day, with the Dutch note the API answers — "Zaterdag 5 december 2026 is geen TARGET2-bankwerkdag:
 * uitvoering op maandag 7 december 2026."
 */
export function target2ExecutionDate(requested: IsoDate): ExecutionDate {
  const date = nextTarget2BusinessDay(requested);
  if (date === requested) return { date, requested, note: null };
  const holiday = target2Holiday(requested);
  const asked = formatDateLongNl(requested);
  const subject = `${asked.charAt(0).toUpperCase()}${asked.slice(1)}${holiday ? ` (${holiday})` : ''}`;
  return { date, requested, note: `${subject} is geen TARGET2-bankwerkdag: uitvoering op ${formatDateLongNl(date)}.` };
}

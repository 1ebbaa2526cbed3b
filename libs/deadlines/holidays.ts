/**
 * The Belgian legal calendar for term computation (shared/domain/ocmw-procedures.md §9), and, kept apart, the office
 * calendar of the OCMW. Pure functions on 'YYYY-MM-DD' strings.
 *
 * Legal terms (Ger.W. art. 53, working-day terms) know only Saturday, Sunday and the 10 legal holidays of the law of
 * 4 January 1974 (KB 18 April 1974). Community holidays (Flemish Community 11 July), 2 November, 26 December and local
 * closure days are NOT legal holidays: they belong to the office calendar, which serves service norms and never
 * moves a legal term.
 */
import { addDays, dayOfWeek, formatIsoDate, IsoDate, parseIsoDate } from './calendar-date';

export interface Holiday {
  date: IsoDate;
  name: string;
}

/** Easter Sunday (Gregorian calendar), by the anonymous Gregorian algorithm (Meeus/Jones/Butcher). */
export function easterSunday(year: number): IsoDate {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return formatIsoDate(year, month, day);
}

/** The 10 legal holidays of `year`, in date order, with their Dutch names. */
export function legalHolidays(year: number): Holiday[] {
  const easter = easterSunday(year);
  const fixed = (month: number, day: number) => formatIsoDate(year, month, day);
  return [
    { date: fixed(1, 1), name: 'Nieuwjaar' },
    { date: addDays(easter, 1), name: 'Paasmaandag' },
    { date: fixed(5, 1), name: 'Dag van de Arbeid' },
    { date: addDays(easter, 39), name: 'O.L.H. Hemelvaart' },
    { date: addDays(easter, 50), name: 'Pinkstermaandag' },
    { date: fixed(7, 21), name: 'Nationale feestdag' },
    { date: fixed(8, 15), name: 'O.L.V. Hemelvaart' },
    { date: fixed(11, 1), name: 'Allerheiligen' },
    { date: fixed(11, 11), name: 'Wapenstilstand' },
    { date: fixed(12, 25), name: 'Kerstmis' },
  ].sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : 0));
}

const byYear = new Map<number, Map<IsoDate, string>>();

/** The name of the legal holiday on `date`, or null. */
export function legalHoliday(date: IsoDate): string | null {
  const { y } = parseIsoDate(date);
  let days = byYear.get(y);
  if (!days) {
    days = new Map(legalHolidays(y).map((h) => [h.date, h.name]));
    byYear.set(y, days);
  }
  return days.get(date) ?? null;
}

const WEEKDAYS = ['zondag', 'maandag', 'dinsdag', 'woensdag', 'donderdag', 'vrijdag', 'zaterdag'];

/** The Dutch weekday name of `date` ('maandag' … 'zondag'). */
export function weekdayName(date: IsoDate): string {
  return WEEKDAYS[dayOfWeek(date)];
}

export function isWeekend(date: IsoDate): boolean {
  const day = dayOfWeek(date);
  return day === 0 || day === 6;
}

/** A working day of the legal calendar: Monday to Friday and not a legal holiday. */
export function isWorkingDay(date: IsoDate): boolean {
  return !isWeekend(date) && legalHoliday(date) === null;
}

/**
 * Why `date` is not a working day, in Dutch ("zaterdag", "Paasmaandag (wettelijke feestdag)"), or null on a working day.
 * A holiday on a weekend is named as the holiday ("Allerheiligen (wettelijke feestdag, zondag)").
 */
export function nonWorkingReason(date: IsoDate): string | null {
  const holiday = legalHoliday(date);
  if (holiday) return isWeekend(date) ? `${holiday} (wettelijke feestdag, ${weekdayName(date)})` : `${holiday} (wettelijke feestdag)`;
  return isWeekend(date) ? weekdayName(date) : null;
}

/** `date` itself if it is a working day, otherwise the first working day after it. */
export function firstWorkingDayFrom(date: IsoDate): IsoDate {
  let day = date;
  while (!isWorkingDay(day)) day = addDays(day, 1);
  return day;
}

/** The first working day strictly after `date` (Friday → Monday; the day before a holiday → the day after it). */
export function nextWorkingDayAfter(date: IsoDate): IsoDate {
  return firstWorkingDayFrom(addDays(date, 1));
}

/**
 * A working day in the wider sense some texts use ("jours ouvrables": Monday to Saturday), legal holidays excluded:
 * whether a term of working days counts Saturday is then a reading of its source (CO-2, CO-3: [U], configuration).
 */
export function isWorkingDayWithSaturday(date: IsoDate): boolean {
  return dayOfWeek(date) !== 0 && legalHoliday(date) === null;
}

/** The N-th working day (Monday to Saturday, legal holidays excluded) after `date`, `date` itself not counted. */
export function addWorkingDaysWithSaturday(date: IsoDate, workingDays: number): IsoDate {
  let day = date;
  for (let counted = 0; counted < workingDays; counted++) {
    day = addDays(day, 1);
    while (!isWorkingDayWithSaturday(day)) day = addDays(day, 1);
  }
  return day;
}

/** The N-th working day after `date`, `date` itself not counted (N ≥ 1). */
export function addWorkingDays(date: IsoDate, workingDays: number): IsoDate {
  let day = date;
  for (let counted = 0; counted < workingDays; counted++) day = nextWorkingDayAfter(day);
  return day;
}

/**
 * The office calendar: when the OCMW's offices are open. Serves service norms (SLA, office-hours planning), never legal
 * terms — computeDeadline does not read it.
 */
export interface OfficeCalendar {
  /** Local closure days from configuration (e.g. 2 November, 26 December, bridge days). */
  closureDays: IsoDate[];
  /** Whether the Flemish Community holiday (11 July) is an office holiday. */
  communityHolidays: boolean;
}

/** 11 July, feestdag van de Vlaamse Gemeenschap: not a legal holiday (§9). */
export const FLEMISH_COMMUNITY_HOLIDAY = '07-11';

/** An office day: a legal working day, not the Flemish Community holiday (when configured), not a closure day. */
export function isOfficeDay(date: IsoDate, office: OfficeCalendar): boolean {
  if (!isWorkingDay(date)) return false;
  if (office.communityHolidays && date.slice(5) === FLEMISH_COMMUNITY_HOLIDAY) return false;
  return !office.closureDays.includes(date);
}

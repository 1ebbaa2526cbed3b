/**
 * Legal dates are calendar dates in Europe/Brussels, written YYYY-MM-DD. Pure functions (also used inside workflows):
 * arithmetic runs on UTC midnights, so no local time zone or DST can shift a day.
 */
export type IsoDate = string;

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

export function parseIsoDate(date: IsoDate): { y: number; m: number; d: number } {
  const match = ISO.exec(date);
  if (!match) throw new RangeError(`not a date YYYY-MM-DD: ${date}`);
  return { y: Number(match[1]), m: Number(match[2]), d: Number(match[3]) };
}

function toUtc(date: IsoDate): number {
  const { y, m, d } = parseIsoDate(date);
  return Date.UTC(y, m - 1, d);
}

function fromUtc(ms: number): IsoDate {
  return new Date(ms).toISOString().slice(0, 10);
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return fromUtc(toUtc(date) + days * 86_400_000);
}

export function daysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round((toUtc(to) - toUtc(from)) / 86_400_000);
}

export function compareDates(a: IsoDate, b: IsoDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function maxDate(...dates: IsoDate[]): IsoDate {
  return dates.reduce((a, b) => (compareDates(a, b) >= 0 ? a : b));
}

/** The calendar date at `instant` in `timeZone` (Europe/Brussels for legal dates). */
export function dateInZone(instant: number, timeZone: string): IsoDate {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })
    .formatToParts(new Date(instant));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** Offset of `timeZone` from UTC at `instant`, in ms (Brussels: +1 h in winter, +2 h in summer). */
function zoneOffset(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
  }).formatToParts(new Date(instant));
  const n = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second'));
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/** The first instant of `date` in `timeZone`, as epoch ms. */
export function startOfDay(date: IsoDate, timeZone: string): number {
  const utcMidnight = toUtc(date);
  let instant = utcMidnight - zoneOffset(utcMidnight, timeZone);
  // Once more, in case the offset differs at the guessed instant (a DST change that day).
  instant = utcMidnight - zoneOffset(instant, timeZone);
  return instant;
}

/** A legal term ends at the end of its last day: the first instant of the next day in `timeZone`. */
export function endOfDay(date: IsoDate, timeZone: string): number {
  return startOfDay(addDays(date, 1), timeZone);
}

/** Today in `timeZone` (outside workflows; a workflow uses its own deterministic clock). */
export function todayIn(timeZone: string): IsoDate {
  return dateInZone(Date.now(), timeZone);
}

/** True for an existing calendar date written YYYY-MM-DD (2027-02-29 and 2026-13-01 are not). */
export function isValidIsoDate(date: unknown): date is IsoDate {
  if (typeof date !== 'string' || !ISO.test(date)) return false;
  const { y, m, d } = parseIsoDate(date);
  return m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Days in month `month` (1–12) of `year`. */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The last day of the month `date` falls in. */
export function lastDayOfMonth(date: IsoDate): IsoDate {
  const { y, m } = parseIsoDate(date);
  return formatIsoDate(y, m, daysInMonth(y, m));
}

export function formatIsoDate(year: number, month: number, day: number): IsoDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(date: IsoDate): number {
  return new Date(toUtc(date)).getUTCDay();
}

/**
 * `months` months after `date` with the month arithmetic of Ger.W. art. 54: the same day number (or `dayNumber` if given),
 * and where that day does not exist in the target month (29–31), the last day of that month (`clamped`).
 */
export function addMonths(date: IsoDate, months: number, dayNumber?: number): { date: IsoDate; clamped: boolean } {
  const { y, m, d } = parseIsoDate(date);
  const wanted = dayNumber ?? d;
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const last = daysInMonth(year, month);
  return { date: formatIsoDate(year, month, Math.min(wanted, last)), clamped: wanted > last };
}

/** The instant `time` ('HH:MM') on `date` in `timeZone`, as epoch ms (DST-correct, like startOfDay). */
export function instantAt(date: IsoDate, time: string, timeZone: string): number {
  const match = /^(\d{2}):(\d{2})$/.exec(time);
  if (!match) throw new RangeError(`not a time HH:MM: ${time}`);
  const local = toUtc(date) + Number(match[1]) * 3_600_000 + Number(match[2]) * 60_000;
  let instant = local - zoneOffset(local, timeZone);
  instant = local - zoneOffset(instant, timeZone);
  return instant;
}

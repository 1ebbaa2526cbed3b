/**
 * How the screens write dates, times, amounts and counts (Dutch, as libs/format/dutch.ts writes them in letters), and
 * how they read an amount typed in euros.
 */
import { CHANNEL_LABELS, type Channel } from '../../../libs/procedures/channels';

const MONTHS = ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'];

const parts = (iso: string) => ({ y: iso.slice(0, 4), m: Number(iso.slice(5, 7)), d: Number(iso.slice(8, 10)) });

/** '2026-12-01' → '1 december 2026'. */
export function dateLong(iso: string): string {
  const { y, m, d } = parts(iso);
  return `${d} ${MONTHS[m - 1]} ${y}`;
}

/**
 * A text from the API written before such texts were Dutch (a timeline event or an escalation of a running dossier):
 * its ISO dates and its request channel as a person reads them.
 * 'beslissing uiterlijk 2026-12-31' → 'beslissing uiterlijk 31 december 2026'; '(counter)' → '(aan het onthaal)'.
 */
export function datesInText(text: string): string {
  return text
    .replace(/(?<![\d-])(\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])(?![\d-])/g, (iso) => dateLong(iso))
    .replace(/\(([a-z-]+)\)/g, (whole, code: string) => (Object.hasOwn(CHANNEL_LABELS, code) ? `(${CHANNEL_LABELS[code as Channel]})` : whole));
}

const DATE_TIME = new Intl.DateTimeFormat('nl-BE', {
  timeZone: 'Europe/Brussels', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
});

/** An instant, in Brussels: '2026-12-01T13:05:00Z' → '1 december 2026 om 14:05'. */
export function dateTime(instant: string | Date): string {
  const p = Object.fromEntries(DATE_TIME.formatToParts(new Date(instant)).map((x) => [x.type, x.value]));
  return `${p.day} ${p.month} ${p.year} om ${p.hour}:${p.minute}`;
}

/** The day of an instant, in Brussels: '2026-03-31T22:30:00Z' → '1 april 2026'. */
export function dayOf(instant: string | Date): string {
  return dateLong(todayInBrussels(new Date(instant)));
}

const ONE_DECIMAL = new Intl.NumberFormat('nl-BE', { maximumFractionDigits: 1 });

/** A file size: 512 → '512 bytes', 1234 → '1,2 kB', 10485760 → '10 MB' (1 kB = 1024 bytes). */
export function fileSize(bytes: number): string {
  if (bytes < 1024) return plural(bytes, 'byte', 'bytes');
  if (bytes < 1024 * 1024) return `${ONE_DECIMAL.format(bytes / 1024)} kB`;
  return `${ONE_DECIMAL.format(bytes / (1024 * 1024))} MB`;
}

/** The time of an instant in Brussels: '2026-12-01T13:32:00Z' → '14:32'. */
export function timeOfDay(instant: string | Date): string {
  const p = Object.fromEntries(DATE_TIME.formatToParts(new Date(instant)).map((x) => [x.type, x.value]));
  return `${p.hour}:${p.minute}`;
}

/** 131420 → '€ 1.314,20'; -500 → '€ -5,00'. */
export function euro(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(Math.round(cents));
  return `€ ${sign}${String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, '.')},${String(abs % 100).padStart(2, '0')}`;
}

/**
 * An amount typed in euros → cents, or null when it is not one: '1314,20', '1.314,20', '1314', '€ 1.314,2' → 131420.
 * A point is a thousands separator only in groups of three ('1.314'); '12.5' (a decimal point) is read as 12,50.
 */
export function parseEuro(text: string): number | null {
  const s = text.replace(/€/g, '').replace(/\s/g, '');
  let m = /^(-?)(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d{1,2}))?$/.exec(s);
  if (!m) {
    m = /^(-?)(\d+)\.(\d{1,2})$/.exec(s);
    if (!m) return null;
  }
  const whole = Number(m[2].replace(/\./g, ''));
  const cents = Number((m[3] ?? '0').padEnd(2, '0'));
  const value = whole * 100 + cents;
  return m[1] === '-' ? -value : value;
}

/** '2026-04' (or a date in April 2026) → 'april 2026'. */
export function month(iso: string): string {
  return `${MONTHS[Number(iso.slice(5, 7)) - 1]} ${iso.slice(0, 4)}`;
}

/** 1234 → '1.234'; 87.5 with one decimal → '87,5'. */
export function number(n: number, decimals = 0): string {
  const [whole, fraction] = Math.abs(n).toFixed(decimals).split('.');
  return `${n < 0 ? '-' : ''}${whole.replace(/\B(?=(\d{3})+(?!\d))/g, '.')}${fraction ? `,${fraction}` : ''}`;
}

/** plural(1, 'taak', 'taken') → '1 taak'; plural(2, …) → '2 taken'; 0 is plural. */
export function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** Whole days from today (in Brussels) to a date: negative when it has passed. `today` is injectable for tests. */
export function daysLeft(due: string, today: string = todayInBrussels()): number {
  return Math.round((Date.parse(due) - Date.parse(today)) / 86_400_000);
}

export function todayInBrussels(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Brussels', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

import type { IsoDate } from '../deadlines/calendar-date';
import { weekdayName } from '../deadlines/holidays';

/** Dutch notation for everything a person reads (letters, explanations, screens). Pure: workflows may import it. */

export const MONTHS_NL = ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'];

/** '2026-03-02' → '2 maart 2026'. */
export function formatDateNl(iso: IsoDate): string {
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number);
  return `${d} ${MONTHS_NL[m - 1]} ${y}`;
}

/** '2026-03-02' → 'maandag 2 maart 2026'. */
export function formatDateLongNl(iso: IsoDate): string {
  return `${weekdayName(iso)} ${formatDateNl(iso)}`;
}

/** '2026-03' (or a date in it) → 'maart 2026'. */
export function formatMonthNl(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return `${MONTHS_NL[m - 1]} ${y}`;
}

/** 131420 → '€ 1.314,20'. */
export function formatEuro(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(Math.round(cents));
  const euros = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${sign}€ ${euros},${String(abs % 100).padStart(2, '0')}`;
}

/** 12345 → '12.345' (a count as a Dutch reader writes it). */
export function formatCountNl(n: number | string): string {
  return new Intl.NumberFormat('nl-BE').format(Number(n));
}

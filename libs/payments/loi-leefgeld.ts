/**
 * The weekly living money (leefgeld) of a household in the LOI (domain §4.3): set by the OCMW within Fedasil's guidance.
 * The official LOI scale is [U] in the domain reference, so the scale is OCMW configuration, dated (a new version from a
 * date; a week is paid by the version in force on its payday): per person by age — adults (18+), minors 12–17,
 * children under 12 — and whether the household cooks for itself (self-catering) or gets its meals.
 * The default values below are indicative only ([V-sec, low reliability] ~€60/week for a self-catering adult in 2015;
 * the collective-centre pocket money €8.50 ≥ 12 y and €5.10 < 12 y, [V] fedasil.be undated); an OCMW sets its own with
 * OCMW_LOI_LEEFGELD_SCALE_FILE. Pure.
 */
import { compareDates, IsoDate } from '../deadlines/calendar-date';
import { formatEuro } from '../format/dutch';

export interface LoiLeefgeldRates {
  adultCents: number;
  minor12To17Cents: number;
  childUnder12Cents: number;
}

export interface LoiLeefgeldScale {
  validFrom: IsoDate;
  selfCatering: LoiLeefgeldRates;
  /** Meals provided by the LOI: pocket money only. */
  catered: LoiLeefgeldRates;
}

/** [U] indicative defaults, see above: configuration, not law. */
export const DEFAULT_LOI_LEEFGELD_SCALE: readonly LoiLeefgeldScale[] = [
  {
    validFrom: '2015-01-01',
    selfCatering: { adultCents: 6_000, minor12To17Cents: 4_500, childUnder12Cents: 3_500 },
    catered: { adultCents: 850, minor12To17Cents: 850, childUnder12Cents: 510 },
  },
];

export interface LoiResident {
  birthDate: IsoDate;
}

/** Completed years on `day` (a birthday counts from that day; 29 February from 1 March in other years). */
export function ageOn(birthDate: IsoDate, day: IsoDate): number {
  const [by, bm, bd] = birthDate.split('-').map(Number);
  const [y, m, d] = day.split('-').map(Number);
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

export interface LoiLeefgeldWeek {
  amountCents: number;
  validFrom: IsoDate;
  /** Dutch, for the payment's computation and the timeline: "2 volwassenen × € 60,00 + 1 kind jonger dan 12 × € 35,00". */
  text: string;
  lines: { group: 'adult' | 'minor-12-17' | 'child-under-12'; count: number; rateCents: number }[];
}

/** The week's living money for the household on its payday `day` by the version of the scale in force that day. */
export function loiWeeklyLeefgeld(scale: readonly LoiLeefgeldScale[], day: IsoDate, residents: readonly LoiResident[], selfCatering: boolean): LoiLeefgeldWeek {
  const version = [...scale].filter((v) => compareDates(v.validFrom, day) <= 0).sort((a, b) => compareDates(b.validFrom, a.validFrom))[0];
  if (!version) throw new RangeError(`no LOI leefgeld scale in force on ${day}`);
  const rates = selfCatering ? version.selfCatering : version.catered;
  const count = (test: (age: number) => boolean) => residents.filter((r) => test(ageOn(r.birthDate, day))).length;
  const lines = [
    { group: 'adult' as const, count: count((a) => a >= 18), rateCents: rates.adultCents },
    { group: 'minor-12-17' as const, count: count((a) => a >= 12 && a < 18), rateCents: rates.minor12To17Cents },
    { group: 'child-under-12' as const, count: count((a) => a < 12), rateCents: rates.childUnder12Cents },
  ].filter((l) => l.count > 0);
  const label = { adult: ['volwassene', 'volwassenen'], 'minor-12-17': ['minderjarige van 12 tot 17', 'minderjarigen van 12 tot 17'], 'child-under-12': ['kind jonger dan 12', 'kinderen jonger dan 12'] } as const;
  const text =
    lines.map((l) => `${l.count} ${label[l.group][l.count === 1 ? 0 : 1]} × ${formatEuro(l.rateCents)}`).join(' + ') +
    (selfCatering ? ' (zelf kokend)' : ' (maaltijden voorzien)');
  return { amountCents: lines.reduce((n, l) => n + l.count * l.rateCents, 0), validFrom: version.validFrom, text, lines };
}

/** Checks a configured scale: every version a date and non-negative integer cents; dates distinct. */
export function validateLoiLeefgeldScale(value: unknown): string[] {
  if (!Array.isArray(value) || value.length === 0) return ['the scale is a non-empty array of versions'];
  const problems: string[] = [];
  const seen = new Set<string>();
  value.forEach((v, i) => {
    if (typeof v?.validFrom !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(v.validFrom)) problems.push(`[${i}].validFrom must be YYYY-MM-DD`);
    else if (seen.has(v.validFrom)) problems.push(`[${i}].validFrom ${v.validFrom} repeats`);
    else seen.add(v.validFrom);
    for (const kind of ['selfCatering', 'catered']) {
      for (const rate of ['adultCents', 'minor12To17Cents', 'childUnder12Cents']) {
        const cents = v?.[kind]?.[rate];
        if (!Number.isInteger(cents) || cents < 0) problems.push(`[${i}].${kind}.${rate} must be a non-negative integer (cents)`);
      }
    }
  });
  return problems;
}

/** Leefgeld withheld by a sanction (art. 45 Opvangwet: a restriction of the leefgeld, or an exclusion from the material aid). */
export interface LoiLeefgeldCut {
  /** The sanction's business name (its event), for the timeline. */
  ref: string;
  from: IsoDate;
  to: IsoDate;
  /** 1–100: the part withheld. */
  percent: number;
}

/**
 * The week's leefgeld after the sanctions in force on its payday (from and to inclusive): the largest cut applies, never
 * two on top of each other; the withheld part is rounded to the cent in the resident's favour (down).
 */
export function leefgeldAfterCuts(amountCents: number, day: IsoDate, cuts: readonly LoiLeefgeldCut[]): { amountCents: number; withheldCents: number; cut?: LoiLeefgeldCut } {
  const inForce = cuts.filter((c) => compareDates(c.from, day) <= 0 && compareDates(day, c.to) <= 0);
  if (inForce.length === 0) return { amountCents, withheldCents: 0 };
  const cut = inForce.reduce((a, b) => (b.percent > a.percent ? b : a));
  const withheldCents = Math.floor((amountCents * cut.percent) / 100);
  return { amountCents: amountCents - withheldCents, withheldCents, cut };
}

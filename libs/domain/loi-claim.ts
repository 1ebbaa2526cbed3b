/**
 * The LOI's place-days and its monthly subsidy claim to Fedasil (form I, LOI-8; domain §4.3): Fedasil pays a flat
 * amount per place per day — 100 % for an occupied place, 40 % for a free one, suspended places "as configured" — with
 * rates revised yearly ([U] the amounts: dated configuration, OCMW_LOI_CLAIM_RATES_FILE). A place is a bed: a unit of
 * capacity 4 with a household of 3 has 3 occupied places and 1 free (or suspended, or out of use) that day. The claim
 * must agree with the occupancy the coordinator sees (both come from here). Pure.
 */
import { addDays, compareDates, IsoDate } from '../deadlines/calendar-date';

export type PlaceState = 'occupied' | 'free' | 'suspended' | 'out-of-use';

export interface LoiPlace {
  id: string;
  code: string;
  capacity: number;
  openedOn: IsoDate;
  /** The last day the unit counts (after an LOI-7 closure), or null. */
  closesOn: IsoDate | null;
}

export interface LoiPlacePeriod {
  placeId: string;
  state: 'occupied' | 'suspended' | 'out-of-use';
  from: IsoDate;
  /** Inclusive; null: open. */
  to: IsoDate | null;
  persons: number;
}

export interface LoiClaimRates {
  validFrom: IsoDate;
  /** Per place and day, occupied (100 %). */
  occupiedCents: number;
  /** Free places: a share of the occupied rate (40 % in the circular). */
  freePercent: number;
  /** Suspended places: [U] "different rules" — configuration. */
  suspendedPercent: number;
}

/** [U] placeholder amounts (the 2021 circular's are not in the domain reference): an OCMW configures its own. */
export const DEFAULT_LOI_CLAIM_RATES: readonly LoiClaimRates[] = [{ validFrom: '2021-01-01', occupiedCents: 4_000, freePercent: 40, suspendedPercent: 0 }];

export type PlaceDays = Record<PlaceState, number>;

const covers = (p: LoiPlacePeriod, day: IsoDate) => compareDates(p.from, day) <= 0 && (p.to === null || compareDates(day, p.to) <= 0);

/** The unit's places on `day` by state (nothing before it opens or after it closes). */
export function placeDaysOn(place: LoiPlace, periods: readonly LoiPlacePeriod[], day: IsoDate): PlaceDays {
  const days: PlaceDays = { occupied: 0, free: 0, suspended: 0, 'out-of-use': 0 };
  if (compareDates(day, place.openedOn) < 0 || (place.closesOn && compareDates(day, place.closesOn) > 0)) return days;
  const mine = periods.filter((p) => p.placeId === place.id && covers(p, day));
  days.occupied = Math.min(place.capacity, mine.filter((p) => p.state === 'occupied').reduce((n, p) => n + p.persons, 0));
  const rest = place.capacity - days.occupied;
  if (mine.some((p) => p.state === 'out-of-use')) days['out-of-use'] = rest;
  else if (mine.some((p) => p.state === 'suspended')) days.suspended = rest;
  else days.free = rest;
  return days;
}

export interface PlaceMonth {
  placeId: string;
  code: string;
  capacity: number;
  days: PlaceDays;
  /** Per day of the month, the places by state (the occupancy grid). */
  perDay: { day: IsoDate; days: PlaceDays }[];
}

/** The month's place-days of each unit, and per day: what the occupancy view shows and the claim counts. */
export function occupancy(places: readonly LoiPlace[], periods: readonly LoiPlacePeriod[], month: string): PlaceMonth[] {
  const first = `${month}-01`;
  const days: IsoDate[] = [];
  for (let d = first; d.startsWith(month); d = addDays(d, 1)) days.push(d);
  return places.map((place) => {
    const perDay = days.map((day) => ({ day, days: placeDaysOn(place, periods, day) }));
    const total: PlaceDays = { occupied: 0, free: 0, suspended: 0, 'out-of-use': 0 };
    for (const d of perDay) for (const k of Object.keys(total) as PlaceState[]) total[k] += d.days[k];
    return { placeId: place.id, code: place.code, capacity: place.capacity, days: total, perDay };
  });
}

export interface ClaimLine {
  state: 'occupied' | 'free' | 'suspended';
  placeDays: number;
  rateCents: number;
  amountCents: number;
}

export interface MonthlyClaim {
  month: string;
  rates: LoiClaimRates;
  lines: ClaimLine[];
  totalCents: number;
  /** Out-of-use place-days: not subsidised, shown for the check. */
  outOfUseDays: number;
}

/**
 * Form I of `month`: the place-days by state times the rate in force on the month's first day (a yearly revision
 * takes effect on a month's first day), rounded per line to the cent.
 */
export function monthlyClaim(places: readonly LoiPlace[], periods: readonly LoiPlacePeriod[], month: string, rates: readonly LoiClaimRates[]): MonthlyClaim {
  const first = `${month}-01`;
  const rate = [...rates].filter((r) => compareDates(r.validFrom, first) <= 0).sort((a, b) => compareDates(b.validFrom, a.validFrom))[0];
  if (!rate) throw new RangeError(`no LOI claim rates in force on ${first}`);
  const total: PlaceDays = { occupied: 0, free: 0, suspended: 0, 'out-of-use': 0 };
  for (const p of occupancy(places, periods, month)) for (const k of Object.keys(total) as PlaceState[]) total[k] += p.days[k];
  const line = (state: ClaimLine['state'], percent: number): ClaimLine => {
    const rateCents = Math.round((rate.occupiedCents * percent) / 100);
    return { state, placeDays: total[state], rateCents, amountCents: total[state] * rateCents };
  };
  const lines = [line('occupied', 100), line('free', rate.freePercent), line('suspended', rate.suspendedPercent)];
  return { month, rates: rate, lines, totalCents: lines.reduce((n, l) => n + l.amountCents, 0), outOfUseDays: total['out-of-use'] };
}

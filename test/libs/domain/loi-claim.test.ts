import { LoiPlace, LoiPlacePeriod, monthlyClaim, occupancy, placeDaysOn } from '../../../libs/domain/loi-claim';

/**
 * February 2027 (28 days) in an LOI with two units, worked out by hand:
 * - A (capacity 4): household X of 3 until 10 Feb (departure), declared late → suspended 11–13 Feb; household Y of 4
 *   arrives 20 Feb.
 *   occupied: X 3 × 10 days = 30, Y 4 × 9 days (20–28) = 36 → 66; the 4th bed while X stayed: free 10 days;
 *   suspended: 11–13 Feb, 4 places × 3 days = 12; free 14–19 Feb: 4 × 6 = 24 → free 10 + 24 = 34. Total 66 + 34 + 12 = 112 = 4 × 28.
 * - B (capacity 2): out of use 1–7 Feb (repairs), free from 8 Feb: out of use 2 × 7 = 14, free 2 × 21 = 42.
 * Rates (from 1 January 2027): € 45,00 occupied; free 40 % = € 18,00; suspended 25 % = € 11,25.
 * Claim: 66 × 4500 = 297 000; free (34 + 42) = 76 × 1800 = 136 800; suspended 12 × 1125 = 13 500 → 447 300 (€ 4.473,00).
 */
const A: LoiPlace = { id: 'a', code: 'LOI-A', capacity: 4, openedOn: '2020-01-01', closesOn: null };
const B: LoiPlace = { id: 'b', code: 'LOI-B', capacity: 2, openedOn: '2020-01-01', closesOn: null };
const PERIODS: LoiPlacePeriod[] = [
  { placeId: 'a', state: 'occupied', from: '2026-11-02', to: '2027-02-10', persons: 3 },
  { placeId: 'a', state: 'suspended', from: '2027-02-11', to: '2027-02-13', persons: 0 },
  { placeId: 'a', state: 'occupied', from: '2027-02-20', to: null, persons: 4 },
  { placeId: 'b', state: 'out-of-use', from: '2027-02-01', to: '2027-02-07', persons: 0 },
];
const RATES = [
  { validFrom: '2026-01-01', occupiedCents: 4_200, freePercent: 40, suspendedPercent: 25 },
  { validFrom: '2027-01-01', occupiedCents: 4_500, freePercent: 40, suspendedPercent: 25 },
];

describe('LOI place-days and the monthly claim (form I, LOI-8)', () => {
  it('counts each unit\'s places per day by state, beds of a household occupied and the rest free, suspended or out of use', () => {
    expect(placeDaysOn(A, PERIODS, '2027-02-10')).toEqual({ occupied: 3, free: 1, suspended: 0, 'out-of-use': 0 });
    expect(placeDaysOn(A, PERIODS, '2027-02-12')).toEqual({ occupied: 0, free: 0, suspended: 4, 'out-of-use': 0 });
    expect(placeDaysOn(B, PERIODS, '2027-02-07')).toEqual({ occupied: 0, free: 0, suspended: 0, 'out-of-use': 2 });
    // Before it opens and after it closes (LOI-7) a unit counts nothing.
    expect(placeDaysOn({ ...B, openedOn: '2027-03-01' }, PERIODS, '2027-02-28')).toEqual({ occupied: 0, free: 0, suspended: 0, 'out-of-use': 0 });
    expect(placeDaysOn({ ...B, closesOn: '2027-02-27' }, PERIODS, '2027-02-28')).toEqual({ occupied: 0, free: 0, suspended: 0, 'out-of-use': 0 });
  });

  it('gives the month\'s occupancy per unit as the claim counts it', () => {
    const [a, b] = occupancy([A, B], PERIODS, '2027-02');
    expect(a.days).toEqual({ occupied: 66, free: 34, suspended: 12, 'out-of-use': 0 });
    expect(b.days).toEqual({ occupied: 0, free: 42, suspended: 0, 'out-of-use': 14 });
    expect(a.perDay).toHaveLength(28);
  });

  it('claims the place-days at the rates in force on the month\'s first day', () => {
    const claim = monthlyClaim([A, B], PERIODS, '2027-02', RATES);
    expect(claim.lines).toEqual([
      { state: 'occupied', placeDays: 66, rateCents: 4_500, amountCents: 297_000 },
      { state: 'free', placeDays: 76, rateCents: 1_800, amountCents: 136_800 },
      { state: 'suspended', placeDays: 12, rateCents: 1_125, amountCents: 13_500 },
    ]);
    expect(claim).toMatchObject({ totalCents: 447_300, outOfUseDays: 14, rates: { validFrom: '2027-01-01' } });
    expect(monthlyClaim([A, B], PERIODS, '2026-12', RATES).rates.validFrom).toBe('2026-01-01');
    expect(() => monthlyClaim([A], PERIODS, '2025-12', RATES)).toThrow(RangeError);
  });
});

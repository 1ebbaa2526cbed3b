import { ageOn, DEFAULT_LOI_LEEFGELD_SCALE, LoiLeefgeldScale, loiWeeklyLeefgeld, validateLoiLeefgeldScale } from '../../../libs/payments/loi-leefgeld';

const SCALE: LoiLeefgeldScale[] = [
  { validFrom: '2025-01-01', selfCatering: { adultCents: 6_000, minor12To17Cents: 4_500, childUnder12Cents: 3_500 }, catered: { adultCents: 850, minor12To17Cents: 850, childUnder12Cents: 510 } },
  { validFrom: '2026-07-01', selfCatering: { adultCents: 6_500, minor12To17Cents: 5_000, childUnder12Cents: 4_000 }, catered: { adultCents: 900, minor12To17Cents: 900, childUnder12Cents: 550 } },
];

describe('the LOI leefgeld (dated OCMW scale, domain §4.3)', () => {
  it('counts completed years: a birthday counts from that day, 29 February from 1 March', () => {
    expect(ageOn('2014-06-01', '2026-05-31')).toBe(11);
    expect(ageOn('2014-06-01', '2026-06-01')).toBe(12);
    expect(ageOn('2008-02-29', '2026-02-28')).toBe(17);
    expect(ageOn('2008-02-29', '2026-03-01')).toBe(18);
  });

  it('pays per person by age on the payday, by the version in force that day, self-catering or with meals', () => {
    const family = [{ birthDate: '1985-04-02' }, { birthDate: '1987-09-10' }, { birthDate: '2012-06-01' }, { birthDate: '2019-01-15' }];
    // 29 June 2026: the 2025 version; the eldest child is 14.
    expect(loiWeeklyLeefgeld(SCALE, '2026-06-29', family, true)).toEqual({
      amountCents: 2 * 6_000 + 4_500 + 3_500, validFrom: '2025-01-01',
      text: '2 volwassenen × € 60,00 + 1 minderjarige van 12 tot 17 × € 45,00 + 1 kind jonger dan 12 × € 35,00 (zelf kokend)',
      lines: [
        { group: 'adult', count: 2, rateCents: 6_000 }, { group: 'minor-12-17', count: 1, rateCents: 4_500 }, { group: 'child-under-12', count: 1, rateCents: 3_500 },
      ],
    });
    // 6 July 2026: the new version.
    expect(loiWeeklyLeefgeld(SCALE, '2026-07-06', family, true).amountCents).toBe(2 * 6_500 + 5_000 + 4_000);
    expect(loiWeeklyLeefgeld(SCALE, '2026-07-06', family, false)).toMatchObject({ amountCents: 2 * 900 + 900 + 550, text: expect.stringContaining('(maaltijden voorzien)') });
    // A child turning 12 in the week of its payday counts as 12 from its birthday.
    expect(loiWeeklyLeefgeld(SCALE, '2031-01-15', [{ birthDate: '2019-01-15' }], true).lines).toEqual([{ group: 'minor-12-17', count: 1, rateCents: 5_000 }]);
    expect(() => loiWeeklyLeefgeld(SCALE, '2024-12-31', family, true)).toThrow(RangeError);
    expect(loiWeeklyLeefgeld(DEFAULT_LOI_LEEFGELD_SCALE, '2026-01-05', [{ birthDate: '1990-01-01' }], true).amountCents).toBe(6_000);
  });

  it('checks a configured scale and names every problem', () => {
    expect(validateLoiLeefgeldScale(SCALE)).toEqual([]);
    expect(validateLoiLeefgeldScale([])).toEqual(['the scale is a non-empty array of versions']);
    expect(validateLoiLeefgeldScale([{ validFrom: '1/1/2026', selfCatering: { adultCents: -1, minor12To17Cents: 1, childUnder12Cents: 1 }, catered: {} }, SCALE[0], SCALE[0]])).toEqual([
      '[0].validFrom must be YYYY-MM-DD',
      '[0].selfCatering.adultCents must be a non-negative integer (cents)',
      '[0].catered.adultCents must be a non-negative integer (cents)',
      '[0].catered.minor12To17Cents must be a non-negative integer (cents)',
      '[0].catered.childUnder12Cents must be a non-negative integer (cents)',
      '[2].validFrom 2025-01-01 repeats',
    ]);
  });
});

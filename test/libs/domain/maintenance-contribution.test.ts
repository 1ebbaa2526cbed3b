import { DEFAULT_MAINTENANCE_SCALE, maintenanceContribution, MaintenanceScaleVersion, monthsOwed, validateMaintenanceScale } from '../../../libs/domain/maintenance-contribution';

/** Two versions of a scale, as an OCMW's file would date them (figures invented for the test). */
const SCALE: MaintenanceScaleVersion[] = [
  { validFrom: '2020-01-01', exemptYearlyCents: 2_800_000, perDependantYearlyCents: 400_000, ratePercent: 15, source: 'test 2020' },
  { validFrom: '2025-01-01', exemptYearlyCents: 3_000_000, perDependantYearlyCents: 500_000, ratePercent: 20, source: 'test 2025' },
];

describe('the maintenance debtor contribution by the uniform scale (art. 98 §2 OCMW-wet)', () => {
  it('asks the rate of the income above the exempt part and the dependants, a twelfth a month, rounded down', () => {
    // 2024: (€ 40.000 − € 28.000 − 1 × € 4.000) × 15 % = € 1.200 a year, € 100 a month.
    const c = maintenanceContribution({ netTaxableIncomeCents: 4_000_000, dependants: 1, incomeYear: 2024, capMonthlyCents: 100_000 }, SCALE);
    expect([c.monthlyCents, c.scaleYearlyCents, c.capped, c.version.source]).toEqual([10_000, 120_000, false, 'test 2020']);
    expect(c.text).toContain('15 % van € 8.000,00 = € 1.200,00 per jaar, € 100,00 per maand');
    // 2025's version from its year on: (€ 40.000 − € 30.000 − € 5.000) × 20 % = € 1.000 a year, € 83,33 a month.
    expect(maintenanceContribution({ netTaxableIncomeCents: 4_000_000, dependants: 1, incomeYear: 2025, capMonthlyCents: 100_000 }, SCALE).monthlyCents).toBe(8_333);
  });

  it('asks nothing below the exempt part, and never more than the debtor\'s share of what the OCMW pays', () => {
    const below = maintenanceContribution({ netTaxableIncomeCents: 3_100_000, dependants: 1, incomeYear: 2024, capMonthlyCents: 100_000 }, SCALE);
    expect(below.monthlyCents).toBe(0);
    expect(below.text).toContain('het inkomen blijft onder het vrijgestelde bedrag, geen bijdrage');
    const capped = maintenanceContribution({ netTaxableIncomeCents: 20_000_000, dependants: 0, incomeYear: 2024, capMonthlyCents: 30_572 }, SCALE);
    expect([capped.monthlyCents, capped.capped]).toEqual([30_572, true]);
    expect(capped.text).toContain('beperkt tot € 305,72');
  });

  it('refuses a year before the table and numbers that are no amounts', () => {
    expect(() => maintenanceContribution({ netTaxableIncomeCents: 1, dependants: 0, incomeYear: 2019, capMonthlyCents: 1 }, SCALE)).toThrow('no uniform scale is known for the income year 2019');
    expect(() => maintenanceContribution({ netTaxableIncomeCents: -1, dependants: 0, incomeYear: 2024, capMonthlyCents: 1 }, SCALE)).toThrow(RangeError);
    expect(() => maintenanceContribution({ netTaxableIncomeCents: 1, dependants: 0.5, incomeYear: 2024, capMonthlyCents: 1 }, SCALE)).toThrow(RangeError);
  });

  it('validates an OCMW\'s table: every problem named; the built-in one is valid and says it is unconfirmed', () => {
    expect(validateMaintenanceScale(DEFAULT_MAINTENANCE_SCALE)).toEqual([]);
    expect(DEFAULT_MAINTENANCE_SCALE[0].source).toMatch(/^\[U\]/);
    expect(validateMaintenanceScale([])).toHaveLength(1);
    expect(validateMaintenanceScale([SCALE[1], { ...SCALE[0], ratePercent: 0, exemptYearlyCents: -5, source: ' ' }])).toEqual([
      '[1].exemptYearlyCents is a number of cents ≥ 0', '[1].ratePercent is a percentage above 0, at most 100', '[1].source says where the figures come from', '[1].validFrom follows the version before it',
    ]);
  });

  it('counts the months owed from the first month up to and including a month', () => {
    expect(monthsOwed('2026-11', '2026-10')).toBe(0);
    expect(monthsOwed('2026-11', '2026-11')).toBe(1);
    expect(monthsOwed('2026-11', '2027-02')).toBe(4);
  });
});

import { loadHeatingScales } from '../../../libs/config/heating-scale';
import {
  centsPerLitre,
  DEFAULT_HEATING_SCALES,
  heatingAllowance,
  heatingCategoryProblems,
  heatingIncomeLimitCents,
  heatingScaleOn,
  HeatingScale,
  isHeatingFuel,
  validateHeatingScales,
} from '../../../libs/domain/heating-allowance';
import { tempFiles } from '../../support/temp-files';

/** The heating allowance rules (domain §7), each with the case it covers and its basis. */
describe('the heating allowance (Sociaal Verwarmingsfonds, programme act 27 December 2004; KB 9 January 2005)', () => {
  const scale = DEFAULT_HEATING_SCALES[0];
  const none = { bulkLitres: 0, pump: false };

  it('§7.1: covers gas oil and propane in bulk, gas oil and kerosene type C at the pump; not natural gas, electricity, bottles, pellets, wood, coal', () => {
    for (const fuel of ['gas-oil-bulk', 'propane-bulk', 'gas-oil-pump', 'kerosene-pump']) expect(isHeatingFuel(fuel)).toBe(true);
    for (const fuel of ['natural-gas', 'electricity', 'bottled-gas', 'pellets', 'wood', 'coal', 'toString']) expect(isHeatingFuel(fuel)).toBe(false);
  });

  it('§7.3: 14 cent per litre below € 1,040, 20 cent from € 1,165, one cent more per step between', () => {
    expect(centsPerLitre(scale, 999)).toBe(14);
    expect(centsPerLitre(scale, 1039)).toBe(14);
    expect(centsPerLitre(scale, 1040)).toBe(15);
    expect(centsPerLitre(scale, 1100)).toBe(17);
    expect(centsPerLitre(scale, 1164)).toBe(19);
    expect(centsPerLitre(scale, 1165)).toBe(20);
    expect(centsPerLitre(scale, 1500)).toBe(20);
  });

  it('§7.3: a bulk delivery is its litres × the cents of its price bracket, the text says how', () => {
    const a = heatingAllowance(DEFAULT_HEATING_SCALES, { fuel: 'gas-oil-bulk', deliveryDate: '2026-10-05', litres: 1000, pricePerLitreMilli: 1120 }, none);
    expect(a).toEqual({ granted: true, amountCents: 18_000, litresCounted: 1000, centsPerLitre: 18, text: '1000 liter × 18 cent per liter = € 180,00', scaleValidFrom: '2024-01-01' });
  });

  it('§7.3: at most 1,500 litres per household and calendar year: a second delivery gets what is left, a third nothing', () => {
    const second = heatingAllowance(DEFAULT_HEATING_SCALES, { fuel: 'gas-oil-bulk', deliveryDate: '2026-11-20', litres: 800, pricePerLitreMilli: 1200 }, { bulkLitres: 1000, pump: false });
    expect(second).toMatchObject({ granted: true, litresCounted: 500, amountCents: 10_000 });
    expect(second.text).toBe('500 liter, beperkt tot wat overblijft van het maximum van 1500 liter in 2026 × 20 cent per liter = € 100,00');
    expect(heatingAllowance(DEFAULT_HEATING_SCALES, { fuel: 'propane-bulk', deliveryDate: '2026-12-01', litres: 300, pricePerLitreMilli: 1200 }, { bulkLitres: 1500, pump: false }))
      .toMatchObject({ granted: false, code: 'yearly-maximum' });
    // A new calendar year starts the count again (the caller gives that year's total).
    expect(heatingAllowance(DEFAULT_HEATING_SCALES, { fuel: 'gas-oil-bulk', deliveryDate: '2027-01-10', litres: 1500, pricePerLitreMilli: 1200 }, none)).toMatchObject({ amountCents: 30_000 });
  });

  it('§7.3: a building with several flats shares the invoice\'s litres among them', () => {
    const a = heatingAllowance(DEFAULT_HEATING_SCALES, { fuel: 'gas-oil-bulk', deliveryDate: '2026-10-05', litres: 6000, pricePerLitreMilli: 1000, flatsInBuilding: 8 }, none);
    expect(a).toMatchObject({ granted: true, litresCounted: 750, amountCents: 10_500 });
    expect(a.text).toBe('750 liter (6000 liter gedeeld door 8 woongelegenheden) × 14 cent per liter = € 105,00');
  });

  it('§7.3: pump purchases get the flat € 210 once a year, and exclude a bulk allowance in the same year (and vice versa)', () => {
    expect(heatingAllowance(DEFAULT_HEATING_SCALES, { fuel: 'kerosene-pump', deliveryDate: '2026-02-03' }, none)).toMatchObject({ granted: true, amountCents: 21_000, centsPerLitre: null });
    expect(heatingAllowance(DEFAULT_HEATING_SCALES, { fuel: 'gas-oil-pump', deliveryDate: '2026-03-03' }, { bulkLitres: 0, pump: true })).toMatchObject({ granted: false, code: 'pump-already' });
    expect(heatingAllowance(DEFAULT_HEATING_SCALES, { fuel: 'gas-oil-pump', deliveryDate: '2026-03-03' }, { bulkLitres: 200, pump: false })).toMatchObject({ granted: false, code: 'pump-and-bulk' });
    expect(heatingAllowance(DEFAULT_HEATING_SCALES, { fuel: 'gas-oil-bulk', deliveryDate: '2026-03-03', litres: 500, pricePerLitreMilli: 1100 }, { bulkLitres: 0, pump: true }))
      .toMatchObject({ granted: false, code: 'pump-and-bulk' });
  });

  it('is dated: a delivery is judged by the version in force on its delivery date; none before the first', () => {
    const later: HeatingScale = { ...scale, validFrom: '2027-01-01', maxLitresPerYear: 2000, brackets: [{ fromPriceMilli: 0, centsPerLitre: 25 }] };
    const scales = [scale, later];
    expect(heatingScaleOn(scales, '2026-12-31')).toBe(scale);
    expect(heatingScaleOn(scales, '2027-01-01')).toBe(later);
    expect(heatingAllowance(scales, { fuel: 'gas-oil-bulk', deliveryDate: '2027-02-01', litres: 1800, pricePerLitreMilli: 900 }, none)).toMatchObject({ amountCents: 45_000, scaleValidFrom: '2027-01-01' });
    expect(heatingAllowance(scales, { fuel: 'gas-oil-bulk', deliveryDate: '2023-06-01', litres: 100, pricePerLitreMilli: 900 }, none)).toMatchObject({ granted: false, code: 'no-scale' });
  });

  it('§7.1 categories 1 and 2: the income limit (€ 23.851,17 + € 4.413,54 per dependant, requests from 2024); category 1 needs the increased reimbursement', () => {
    expect(heatingIncomeLimitCents(scale, 2)).toBe(2_385_117 + 2 * 441_354);
    expect(heatingCategoryProblems(scale, { category: 2, householdIncomeCents: 2_385_117, dependants: 0 })).toEqual([]);
    expect(heatingCategoryProblems(scale, { category: 2, householdIncomeCents: 2_385_118, dependants: 0 }).map((p) => p.code)).toEqual(['above-limit']);
    expect(heatingCategoryProblems(scale, { category: 2, householdIncomeCents: 3_000_000, dependants: 2 })).toEqual([]);
    expect(heatingCategoryProblems(scale, { category: 1, householdIncomeCents: 1_500_000, increasedReimbursement: false }).map((p) => p.code)).toEqual(['no-increased-reimbursement']);
    expect(heatingCategoryProblems(scale, { category: 1, increasedReimbursement: true }).map((p) => p.code)).toEqual(['required']);
  });

  it('§7.1 category 3: in debt mediation or collective debt settlement and unable to pay the invoice, whatever the income', () => {
    expect(heatingCategoryProblems(scale, { category: 3, inDebtMediation: true, cannotPay: true, householdIncomeCents: 9_000_000 })).toEqual([]);
    expect(heatingCategoryProblems(scale, { category: 3, inDebtMediation: false, cannotPay: true }).map((p) => p.code)).toEqual(['not-in-debt-mediation']);
    expect(heatingCategoryProblems(scale, { category: 3, inDebtMediation: true }).map((p) => p.code)).toEqual(['can-pay']);
  });

  describe('the scale as a file (OCMW_HEATING_SCALE_FILE)', () => {
    const { write } = tempFiles('heating-config');

    it('uses the built-in scale without a file and the file\'s when given', () => {
      expect(loadHeatingScales(null)).toBe(DEFAULT_HEATING_SCALES);
      const own = [{ ...scale, validFrom: '2025-01-01', incomeLimitCents: 2_450_000 }];
      expect(loadHeatingScales(write('scale.json', JSON.stringify(own)))).toEqual(own);
    });

    it('refuses an unreadable or wrong file, naming the variable and every problem', () => {
      expect(() => loadHeatingScales(write('bad.json', '{'))).toThrow(/^OCMW_HEATING_SCALE_FILE: cannot read/);
      const wrong = [{ ...scale, brackets: [{ fromPriceMilli: 1000, centsPerLitre: 14 }, { fromPriceMilli: 900, centsPerLitre: 1.5 }], pumpFlatCents: -1, source: 'X', reference: '' }];
      expect(validateHeatingScales(wrong)).toEqual([
        '[0].brackets must start at fromPriceMilli 0',
        '[0].brackets[1] needs a whole fromPriceMilli ≥ 0 and a whole centsPerLitre > 0',
        '[0].pumpFlatCents must be a whole number ≥ 0',
        '[0].source must be V, V-sec or U',
        '[0].reference (where the figures were found) must be given',
      ]);
      expect(() => loadHeatingScales(write('wrong.json', JSON.stringify(wrong)))).toThrow(/^OCMW_HEATING_SCALE_FILE .*brackets must start at fromPriceMilli 0/);
      expect(validateHeatingScales([scale, { ...scale }])).toEqual(['[1].validFrom 2024-01-01 repeats']);
      expect(validateHeatingScales([])).toHaveLength(1);
    });
  });
});

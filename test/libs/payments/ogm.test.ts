import { formatOgm, isValidOgm, ogmCheck, parseOgm, planOfOgm, planOgm } from '../../../libs/payments/ogm';

/** The Belgian structured communication (Febelfin): ten digits and their number mod 97 (97 for 0). */
describe('structured communication (OGM)', () => {
  it('computes the check digits, 97 where the rest is 0', () => {
    // 1234567890 mod 97 = 2; 0000000097 mod 97 = 0 → 97; 0000000001 → 01.
    expect([ogmCheck('1234567890'), ogmCheck('0000000097'), ogmCheck('0000000001')]).toEqual(['02', '97', '01']);
    expect(() => ogmCheck('123')).toThrow(RangeError);
  });

  it('writes it as banks print it', () => {
    expect(formatOgm('1234567890')).toBe('+++123/4567/89002+++');
    expect(formatOgm('0000000097')).toBe('+++000/0000/09797+++');
  });

  it('reads it however it was written, and refuses a wrong check or length', () => {
    expect(parseOgm('+++123/4567/89002+++')).toBe('123456789002');
    expect(parseOgm('***123/4567/89002***')).toBe('123456789002');
    expect(parseOgm(' 123 4567 89002 ')).toBe('123456789002');
    expect(parseOgm('+++123/4567/89003+++')).toBeNull();
    expect(parseOgm('+++123/4567/8900+++')).toBeNull();
    expect(parseOgm('huur januari')).toBeNull();
    expect([isValidOgm(formatOgm('9876543210')), isValidOgm('')]).toEqual([true, false]);
  });
});

describe('the communication of a repayment plan', () => {
  it('is built from the reference and the plan number, the same each time, and differs between procedures and plans', () => {
    // 1 26 000123 1 → 1260001231 mod 97 = 1260001231 - 97 × 12989703 = 40.
    expect(planOgm('HW-2026-000123', 1)).toBe('+++126/0001/23140+++');
    expect(planOgm('HW-2026-000123', 1)).toBe(planOgm('HW-2026-000123', 1));
    expect(new Set([planOgm('HW-2026-000123', 1), planOgm('HW-2026-000123', 2), planOgm('VU-2026-000123', 1), planOgm('HW-2025-000123', 1)]).size).toBe(4);
    expect(isValidOgm(planOgm('VU-2026-999999', 9))).toBe(true);
  });

  it('refuses what is not a dossier reference, a procedure without a digit, a plan out of range', () => {
    expect(() => planOgm('HW-26-123', 1)).toThrow(RangeError);
    expect(() => planOgm('LOI-2026-000001', 1)).toThrow(RangeError);
    expect(() => planOgm('HW-2026-000123', 10)).toThrow(RangeError);
  });

  it('reads back the dossier reference and the plan from a communication, and nothing from one no plan of ours makes', () => {
    expect(planOfOgm(parseOgm(planOgm('HW-2026-000123', 2))!)).toEqual({ reference: 'HW-2026-000123', plan: 2 });
    expect(planOfOgm(parseOgm(planOgm('VU-2031-999999', 9))!)).toEqual({ reference: 'VU-2031-999999', plan: 9 });
    // Valid structured communications of others: a first digit no procedure has (0, 8, 9), a plan number 0.
    for (const base of ['0260001231', '8260001231', '9260001231', '1260001230']) expect(planOfOgm(`${base}${ogmCheck(base)}`)).toBeNull();
    expect(planOfOgm('126000123199')).toBeNull(); // wrong check digits
  });
});

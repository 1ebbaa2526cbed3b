import { formatOgm, isValidOgm, ogmCheck, parseOgm } from '../../../libs/payments/ogm';

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

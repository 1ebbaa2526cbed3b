import {
  formatEnterpriseNumber,
  formatIban,
  formatNationalNumber,
  normalizeIban,
  normalizeNationalNumber,
  validateEnterpriseNumber,
  validateIban,
  validateNationalNumber,
} from '../../../libs/domain/identifiers';

describe('national number (INSZ)', () => {
  it('normalizes separators', () => {
    expect(normalizeNationalNumber(' 93.05.18-223.61 ')).toBe('93051822361');
  });

  it('formats as YY.MM.DD-SSS.CC', () => {
    expect(formatNationalNumber('93051822361')).toBe('93.05.18-223.61');
  });

  // Check digits = 97 - (N mod 97); N = 9 digits (19xx) or "2" + 9 digits (20xx).
  it.each([
    // 930518223 mod 97 = 36 → 97 - 36 = 61; serial 223 odd → M
    ['19xx male', '93051822361', 'rijksregisternummer', '1993-05-18', 'M'],
    // 850730033 mod 97 = 69 → 28; serial 033 odd → M
    ['19xx, separators', '85.07.30-033.28', 'rijksregisternummer', '1985-07-30', 'M'],
    // 2050314124 mod 97 = 1 → 96; serial 124 even → F
    ['20xx female', '05031412496', 'rijksregisternummer', '2005-03-14', 'F'],
    // 2050314123 mod 97 = 0 → check digits 97
    ['20xx, check digits 97', '05031412397', 'rijksregisternummer', '2005-03-14', 'M'],
    // 2000229002 mod 97 = 53 → 44; 2000-02-29 exists (1900-02-29 would not)
    ['20xx leap day', '00022900244', 'rijksregisternummer', '2000-02-29', 'F'],
    // BIS, month + 40 (sex known): 934518223 mod 97 = 47 → 50
    ['BIS +40', '93451822350', 'bis', '1993-05-18', 'M'],
    // BIS, month + 20 (sex unknown): 932518224 mod 97 = 91 → 06
    ['BIS +20', '93251822406', 'bis', '1993-05-18', null],
    // BIS +20, December (month 32): 933224011 mod 97 = 9 → 88
    ['BIS +20 December', '93322401188', 'bis', '1993-12-24', null],
    // BIS +40, December (month 52): 935224012 mod 97 = 64 → 33; serial even → F
    ['BIS +40 December', '93522401233', 'bis', '1993-12-24', 'F'],
    // BIS +40, January, day 00 (birth date unknown): 934100000 mod 97 = 88 → 09
    ['BIS +40 January, day 00', '93410000009', 'bis', null, 'F'],
    // unknown birth date (month/day 00): 930000012 mod 97 = 96 → 01
    ['unknown date 00', '93000001201', 'rijksregisternummer', null, 'F'],
  ])('accepts %s (%s)', (_label, input, kind, birthDate, sex) => {
    expect(validateNationalNumber(input)).toEqual({
      valid: true,
      value: normalizeNationalNumber(input),
      kind,
      birthDate,
      sex,
    });
  });

  it.each([
    ['wrong checksum', '93051822362', 'checksum'],
    // 19xx needs 61, 20xx needs 90 (2930518223 mod 97 = 7); 00 matches neither
    ['checksum of neither century', '93051822300', 'checksum'],
    ['too short', '9305182236', 'format'],
    ['too long', '930518223611', 'format'],
    ['letters', '9305182236A', 'format'],
    ['empty', '', 'format'],
    // 930231001 mod 97 = 31 → 66: checksum fine, but 31 February does not exist
    ['impossible date, correct checksum', '93023100166', 'date'],
    // month 13 / 33 / 53 with correct check digits (931301001 → 73, 933301001 → 19)
    ['month 13', '93130100173', 'date'],
    ['BIS month 33', '93330100119', 'date'],
    // 930032001 mod 97 = 75 → 22: unknown month (00) but day 32
    ['day 32 with unknown month', '93003200122', 'date'],
    // 2010532001 mod 97 = 3 → 94: 32 May
    ['32 May', '01053200194', 'date'],
    // 2100229001 mod 97 = 36 → 61: 2010 is not a leap year
    ['29 Feb in a non-leap 20xx year', '10022900161', 'date'],
  ])('rejects %s (%s)', (_label, input, code) => {
    const result = validateNationalNumber(input);
    expect(result.valid).toBe(false);
    if (!result.valid) {
      expect(result.code).toBe(code);
      expect(typeof result.message).toBe('string');
    }
  });

  describe('a birth date in the future (today passed in)', () => {
    const today = '2026-12-01';
    // 2290222791 mod 97 = 23 → 74: only the 20xx reading checks out, and it is 22 February 2029.
    it('refuses a number whose only valid reading is born after today', () => {
      expect(validateNationalNumber('29022279174', today)).toEqual({
        valid: false,
        code: 'future-birth-date',
        message: 'the birth date it holds (2029-02-22) is in the future',
      });
      expect(validateNationalNumber('29.02.22-791.74', today)).toMatchObject({ valid: false, code: 'future-birth-date' });
    });

    it('accepts it once that day has come, and without today (the reading itself is well-formed)', () => {
      expect(validateNationalNumber('29022279174', '2029-02-22')).toMatchObject({ valid: true, birthDate: '2029-02-22' });
      expect(validateNationalNumber('29022279174')).toMatchObject({ valid: true, birthDate: '2029-02-22' });
    });

    it.each([
      // today itself (2261201001 mod 97 = 51 → 46), and births before it (19xx and 20xx readings)
      ['born today', '26120100146', '2026-12-01'],
      ['19xx', '93051822361', '1993-05-18'],
      ['20xx', '05031412496', '2005-03-14'],
      ['BIS +40', '93451822350', '1993-05-18'],
    ])('keeps valid ones valid: %s (%s)', (_label, input, birthDate) => {
      expect(validateNationalNumber(input, today)).toMatchObject({ valid: true, birthDate });
    });

    it('counts an unknown day or month from the first day of what is known', () => {
      // 2271200001 mod 97 = 0 → 97: month 12 of 2027, day unknown → from 2027-12-01, after today
      expect(validateNationalNumber('27120000197', today)).toMatchObject({ valid: false, code: 'future-birth-date' });
      // 2261200001 mod 97 = 21 → 76: December 2026, day unknown → from 2026-12-01, today: may be
      expect(validateNationalNumber('26120000176', today)).toMatchObject({ valid: true, birthDate: null });
    });
  });

  it('reports checksum before date', () => {
    // 31 February, wrong check digits
    const result = validateNationalNumber('93023100167');
    expect(result).toMatchObject({ valid: false, code: 'checksum' });
  });
});

describe('IBAN', () => {
  it('normalizes and formats', () => {
    expect(normalizeIban(' be68 5390 0754 7034 ')).toBe('BE68539007547034');
    expect(formatIban('BE68539007547034')).toBe('BE68 5390 0754 7034');
    expect(formatIban('NL91ABNA0417164300')).toBe('NL91 ABNA 0417 1643 00');
  });

  it.each([
    // BBAN check: 5390075470 mod 97 = 34
    ['BE', 'BE68539007547034'],
    ['BE lower case with spaces', 'be68 5390 0754 7034'],
    // 0011234567 mod 97 = 27
    ['BE', 'BE48001123456727'],
    // 7350012345 mod 97 = 14
    ['BE', 'BE94735001234514'],
    // 5390075436 mod 97 = 0 → BBAN check digits are 97, not 00
    ['BE with BBAN check 97', 'BE54539007543697'],
    ['NL', 'NL91ABNA0417164300'],
    ['DE', 'DE89370400440532013000'],
    ['FR', 'FR1420041010050500013M02606'],
    ['LU', 'LU280019400644750000'],
  ])('accepts %s %s', (_label, input) => {
    const result = validateIban(input);
    expect(result).toEqual({ valid: true, value: normalizeIban(input), country: input.slice(0, 2).toUpperCase() });
  });

  it.each([
    ['wrong check digits', 'BE69539007547034', 'checksum'],
    ['swapped digits', 'BE68539007547043', 'checksum'],
    ['NL wrong check digits', 'NL92ABNA0417164300', 'checksum'],
    // IBAN check digits recomputed for BBAN 539007547035 (mod-97 = 1), but 5390075470 mod 97 = 34 ≠ 35
    ['BE BBAN check wrong, IBAN check right', 'BE41539007547035', 'bban-checksum'],
    // same IBAN check digits (97 ≡ 0 mod 97), but the BBAN check must be 97 instead of 00
    ['BE BBAN check 00 instead of 97', 'BE54539007543600', 'bban-checksum'],
    ['BE too short', 'BE6853900754703', 'country-length'],
    ['BE too long', 'BE685390075470340', 'country-length'],
    ['NL too long', 'NL91ABNA04171643001', 'country-length'],
    ['no country code', '6853900754703412', 'format'],
    ['punctuation', 'BE68-5390-0754-7034', 'format'],
    ['too short overall', 'XX1234', 'format'],
  ])('rejects %s (%s)', (_label, input, code) => {
    expect(validateIban(input)).toMatchObject({ valid: false, code });
  });

  it('accepts an unknown country on mod-97 alone', () => {
    // 'XX' + check digits computed for BBAN 123456789012345: mod-97 of rearranged string = 1
    const bban = '123456789012345';
    let best = '';
    for (let cd = 2; cd <= 98; cd++) {
      const candidate = `XX${String(cd).padStart(2, '0')}${bban}`;
      if (validateIban(candidate).valid) best = candidate;
    }
    expect(best).not.toBe('');
    expect(validateIban(best)).toEqual({ valid: true, value: best, country: 'XX' });
  });
});

describe('enterprise number (KBO)', () => {
  it.each([
    // 04031707 mod 97 = 96 → 97 - 96 = 01
    ['0403170701', '0403170701'],
    ['0403.170.701', '0403170701'],
    ['BE0403170701', '0403170701'],
    ['BE 0403.170.701', '0403170701'],
    // 02026548 mod 97 = 24 → 73
    ['0202.654.873', '0202654873'],
  ])('accepts %s', (input, value) => {
    expect(validateEnterpriseNumber(input)).toEqual({ valid: true, value });
  });

  it.each([
    ['0403170702', 'checksum'],
    ['0403.170.710', 'checksum'],
    ['403170701', 'format'],
    ['04031707011', 'format'],
    ['2403170701', 'format'],
    ['04031707AB', 'format'],
  ])('rejects %s (%s)', (input, code) => {
    expect(validateEnterpriseNumber(input)).toMatchObject({ valid: false, code });
  });

  it('formats as 0000.000.000', () => {
    expect(formatEnterpriseNumber('BE0403170701')).toBe('0403.170.701');
  });
});

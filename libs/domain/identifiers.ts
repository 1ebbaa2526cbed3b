/**
 * Belgian identifiers: national number (INSZ: rijksregisternummer / BIS number),
 * IBAN (ISO 13616, with the Belgian BBAN check) and the KBO enterprise number.
 *
 * PURE code: no Node imports, no dependencies. This file is also loaded inside
 * Temporal workflow code, so it must stay deterministic (no Date.now, no I/O).
 */

export type NationalNumberResult =
  | {
      valid: true;
      value: string;
      kind: 'rijksregisternummer' | 'bis';
      birthDate: string | null;
      sex: 'M' | 'F' | null;
    }
  | { valid: false; code: 'format' | 'checksum' | 'date' | 'future-birth-date'; message: string };

export type IbanResult =
  | { valid: true; value: string; country: string }
  | {
      valid: false;
      code: 'format' | 'checksum' | 'country-length' | 'bban-checksum';
      message: string;
    };

export type EnterpriseNumberResult =
  | { valid: true; value: string }
  | { valid: false; code: 'format' | 'checksum'; message: string };

/** Remainder of a (possibly very long) decimal digit string modulo 97. */
function mod97(digits: string): number {
  let rest = 0;
  for (let i = 0; i < digits.length; i++) {
    rest = (rest * 10 + (digits.charCodeAt(i) - 48)) % 97;
  }
  return rest;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** True when year-month-day is a real calendar date (Gregorian, month 1..12). */
export function isExistingDate(year: number, month: number, day: number): boolean {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return false;
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return day <= days[month - 1];
}

// ---------------------------------------------------------------------------
// National number (INSZ)
// ---------------------------------------------------------------------------

/** Strips spaces, dots and dashes ('93.05.18-223.61' → '93051822361'). */
export function normalizeNationalNumber(input: string): string {
  return input.replace(/[\s.\-]/g, '');
}

/**
 * Checks a rijksregisternummer or BIS number: 11 digits, the check digits of the 19xx or the 20xx reading, a birth date
 * that exists. With `today` ('YYYY-MM-DD', passed in: this code never reads the clock), a reading whose birth date lies
 * after today is refused too ('29022279174' only checks out as 2029-02-22): nobody is registered before being born.
 * An unknown day (00) or month (00) counts from the first day of the known month or year.
 */
export function validateNationalNumber(input: string, today?: string): NationalNumberResult {
  const value = normalizeNationalNumber(input);
  if (!/^\d{11}$/.test(value)) {
    return { valid: false, code: 'format', message: 'must be 11 digits' };
  }

  const base = value.slice(0, 9);
  const check = Number(value.slice(9));
  let century: 1900 | 2000;
  if (97 - mod97(base) === check) century = 1900;
  else if (97 - mod97(`2${base}`) === check) century = 2000;
  else return { valid: false, code: 'checksum', message: 'check digits do not match' };

  const yy = Number(value.slice(0, 2));
  const rawMonth = Number(value.slice(2, 4));
  const day = Number(value.slice(4, 6));
  const serial = Number(value.slice(6, 9));

  let kind: 'rijksregisternummer' | 'bis';
  let month: number;
  let sexKnown: boolean;
  if (rawMonth <= 12) {
    kind = 'rijksregisternummer';
    month = rawMonth;
    sexKnown = true;
  } else if (rawMonth >= 20 && rawMonth <= 32) {
    kind = 'bis';
    month = rawMonth - 20;
    sexKnown = false;
  } else if (rawMonth >= 40 && rawMonth <= 52) {
    kind = 'bis';
    month = rawMonth - 40;
    sexKnown = true;
  } else {
    return { valid: false, code: 'date', message: 'month is not valid' };
  }

  const year = century + yy;
  let birthDate: string | null = null;
  if (day > 31) {
    return { valid: false, code: 'date', message: 'day is not valid' };
  }
  if (month !== 0 && day !== 0) {
    if (!isExistingDate(year, month, day)) {
      return { valid: false, code: 'date', message: 'birth date does not exist' };
    }
    birthDate = `${year}-${pad2(month)}-${pad2(day)}`;
  }
  if (today !== undefined) {
    const earliest = `${year}-${pad2(month === 0 ? 1 : month)}-${pad2(month === 0 || day === 0 ? 1 : day)}`;
    if (earliest > today) {
      return { valid: false, code: 'future-birth-date', message: `the birth date it holds (${birthDate ?? earliest.slice(0, month === 0 ? 4 : 7)}) is in the future` };
    }
  }

  const sex = sexKnown ? (serial % 2 === 1 ? 'M' : 'F') : null;
  return { valid: true, value, kind, birthDate, sex };
}

/** '93051822361' → '93.05.18-223.61'. Input that is not 11 digits is returned normalized. */
export function formatNationalNumber(digits: string): string {
  const d = normalizeNationalNumber(digits);
  if (!/^\d{11}$/.test(d)) return d;
  return `${d.slice(0, 2)}.${d.slice(2, 4)}.${d.slice(4, 6)}-${d.slice(6, 9)}.${d.slice(9)}`;
}

// ---------------------------------------------------------------------------
// IBAN
// ---------------------------------------------------------------------------

/** IBAN lengths of the SEPA countries (plus a few common neighbours). */
const IBAN_LENGTHS: Readonly<Record<string, number>> = {
  AD: 24, AL: 28, AT: 20, BE: 16, BG: 22, CH: 21, CY: 28, CZ: 24, DE: 22, DK: 18,
  EE: 20, ES: 24, FI: 18, FO: 18, FR: 27, GB: 22, GI: 23, GL: 18, GR: 27, HR: 21,
  HU: 28, IE: 22, IS: 26, IT: 27, LI: 21, LT: 20, LU: 20, LV: 21, MC: 27, MD: 24,
  ME: 22, MK: 19, MT: 31, NL: 18, NO: 15, PL: 28, PT: 25, RO: 24, RS: 22, SE: 24,
  SI: 19, SK: 24, SM: 27, VA: 22,
};

/** Removes all whitespace and uppercases ('be68 5390 0754 7034' → 'BE68539007547034'). */
export function normalizeIban(input: string): string {
  return input.replace(/\s+/g, '').toUpperCase();
}

export function validateIban(input: string): IbanResult {
  const value = normalizeIban(input);
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]+$/.test(value) || value.length < 15 || value.length > 34) {
    return {
      valid: false,
      code: 'format',
      message: 'must be a country code, 2 check digits and up to 30 letters or digits',
    };
  }
  const country = value.slice(0, 2);
  const expected = IBAN_LENGTHS[country];
  if (expected !== undefined && value.length !== expected) {
    return {
      valid: false,
      code: 'country-length',
      message: `a ${country} IBAN has ${expected} characters, got ${value.length}`,
    };
  }

  const rearranged = value.slice(4) + value.slice(0, 4);
  let numeric = '';
  for (let i = 0; i < rearranged.length; i++) {
    const c = rearranged.charCodeAt(i);
    numeric += c >= 65 ? String(c - 55) : rearranged[i];
  }
  if (mod97(numeric) !== 1) {
    return { valid: false, code: 'checksum', message: 'IBAN check digits do not match' };
  }

  if (country === 'BE') {
    const bban = value.slice(4);
    if (!/^\d{12}$/.test(bban)) {
      return { valid: false, code: 'format', message: 'a BE account number has 12 digits' };
    }
    const rest = mod97(bban.slice(0, 10));
    if ((rest === 0 ? 97 : rest) !== Number(bban.slice(10))) {
      return {
        valid: false,
        code: 'bban-checksum',
        message: 'Belgian account number check digits do not match',
      };
    }
  }

  return { valid: true, value, country };
}

/** Groups of 4 characters: 'BE68539007547034' → 'BE68 5390 0754 7034'. */
export function formatIban(value: string): string {
  return normalizeIban(value).replace(/(.{4})(?=.)/g, '$1 ');
}

// ---------------------------------------------------------------------------
// Enterprise number (KBO / BCE)
// ---------------------------------------------------------------------------

/** Strips an optional 'BE' prefix, spaces, dots and dashes. */
export function normalizeEnterpriseNumber(input: string): string {
  return input.replace(/[\s.\-]/g, '').replace(/^BE/i, '');
}

export function validateEnterpriseNumber(input: string): EnterpriseNumberResult {
  const value = normalizeEnterpriseNumber(input);
  if (!/^[01]\d{9}$/.test(value)) {
    return { valid: false, code: 'format', message: 'must be 10 digits starting with 0 or 1' };
  }
  if (97 - mod97(value.slice(0, 8)) !== Number(value.slice(8))) {
    return { valid: false, code: 'checksum', message: 'check digits do not match' };
  }
  return { valid: true, value };
}

/** '0403170701' → '0403.170.701'. */
export function formatEnterpriseNumber(digits: string): string {
  const d = normalizeEnterpriseNumber(digits);
  if (!/^\d{10}$/.test(d)) return d;
  return `${d.slice(0, 4)}.${d.slice(4, 7)}.${d.slice(7)}`;
}

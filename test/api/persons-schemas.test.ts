import { ADD_NATIONAL_NUMBER, MERGE_PERSONS, NEW_PERSON } from '../../apps/api/persons/persons.schemas';
import { nameKey, normalizeIdentifierValue } from '../../libs/domain/person-identity';
import { validateSchema } from '../../libs/validation/schema';

const today = '2026-06-15';
const base = { firstName: 'Amina', lastName: 'Haddad', address: { street: 'Kerkstraat 1', postalCode: '2000', city: 'Antwerpen' } };
const check = (body: unknown, schema = NEW_PERSON) => validateSchema(schema, body, { today });

describe('POST /persons schema: a person without a national number', () => {
  it('requires the reason and the birth date when the national number is absent, and says why', () => {
    expect(check(base)).toEqual([
      { path: '/noNationalNumberReason', code: 'required', message: 'is required without a national number' },
      { path: '/birthDate', code: 'required', message: 'is required without a national number' },
    ]);
  });

  it('accepts a reason from the closed list with a birth date, and an optional note', () => {
    expect(check({ ...base, noNationalNumberReason: 'international-protection-applicant', birthDate: '1990-02-03', noNationalNumberNote: 'Aankomst 2 juni' })).toEqual([]);
    expect(check({ ...base, noNationalNumberReason: 'no-idea', birthDate: '1990-02-03' })).toEqual([
      { path: '/noNationalNumberReason', code: 'enum', message: 'must be one of "bis-requested", "international-protection-applicant", "foreign-resident", "unknown"' },
    ]);
  });

  it('keeps the birth date not in the future, with or without a national number', () => {
    expect(check({ ...base, noNationalNumberReason: 'unknown', birthDate: '2026-06-16' })).toEqual([
      { path: '/birthDate', code: 'not-future', message: 'must not be in the future' },
    ]);
  });

  it('needs neither reason nor birth date with a national number (the birth date is derived)', () => {
    expect(check({ ...base, nationalNumber: '93051822361' })).toEqual([]);
  });

  it('checks the other identifiers: a known type and a plain value', () => {
    expect(check({ ...base, nationalNumber: '93051822361', identifiers: [{ type: 'fedasil-ov', value: 'OV 123.456' }] })).toEqual([]);
    const errors = check({ ...base, nationalNumber: '93051822361', identifiers: [{ type: 'ssn', value: 'OV#1' }] });
    expect(errors.map((e) => [e.path, e.code])).toEqual([['/identifiers/0/type', 'enum'], ['/identifiers/0/value', 'pattern']]);
  });

  it('takes confirmNotDuplicate only as a boolean', () => {
    expect(check({ ...base, nationalNumber: '93051822361', confirmNotDuplicate: 'yes' })).toEqual([
      { path: '/confirmNotDuplicate', code: 'type', message: 'must be a boolean' },
    ]);
  });

  it('requires a valid national number to add later, and a duplicate id and reason to merge', () => {
    expect(check({ nationalNumber: '93051822362' }, ADD_NATIONAL_NUMBER).map((e) => e.code)).toEqual(['national-number']);
    expect(check({}, MERGE_PERSONS).map((e) => e.path)).toEqual(['/duplicateId', '/reason']);
  });
});

describe('the keys a duplicate is found by', () => {
  it('compares names without accents, case, spaces, hyphens or apostrophes', () => {
    expect(nameKey("Van den Broeck-D'Hondt")).toBe(nameKey('vandenbroeck dhondt'));
    expect(nameKey('Çelik')).toBe(nameKey('CELIK'));
    expect(nameKey('Haddad')).not.toBe(nameKey('Hadad'));
  });

  it('compares identifier values without separators', () => {
    expect(normalizeIdentifierValue('ov 12.345-6')).toBe('OV123456');
  });
});

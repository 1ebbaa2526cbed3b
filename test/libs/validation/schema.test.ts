import { isValidIsoDate, JsonSchema, SchemaError, validateSchema } from '../../../libs/validation/schema';

const codes = (errors: SchemaError[]) => errors.map((e) => `${e.path}:${e.code}`);

describe('isValidIsoDate', () => {
  it.each([
    ['2024-02-29', true],
    ['2000-02-29', true],
    ['2023-02-29', false],
    ['1900-02-29', false],
    ['2024-04-31', false],
    ['2024-13-01', false],
    ['2024-00-10', false],
    ['2024-1-01', false],
    ['2024-01-01T00:00:00Z', false],
    [' 2024-01-01', false],
  ])('%s → %s', (input, expected) => {
    expect(isValidIsoDate(input)).toBe(expected);
  });
});

describe('validateSchema: type', () => {
  it.each<[JsonSchema, unknown, boolean]>([
    [{ type: 'string' }, 'x', true],
    [{ type: 'string' }, 1, false],
    [{ type: 'integer' }, 3, true],
    [{ type: 'integer' }, 3.5, false],
    [{ type: 'integer' }, '3', false],
    [{ type: 'number' }, 3.5, true],
    [{ type: 'number' }, 3, true],
    [{ type: 'number' }, Number.NaN, false],
    [{ type: 'boolean' }, false, true],
    [{ type: 'boolean' }, 'true', false],
    [{ type: 'object' }, {}, true],
    [{ type: 'object' }, [], false],
    [{ type: 'object' }, null, false],
    [{ type: 'array' }, [], true],
    [{ type: 'array' }, {}, false],
    [{ type: ['string', 'null'] }, null, true],
    [{ type: ['string', 'null'] }, 'a', true],
    [{ type: ['string', 'null'] }, 1, false],
    [{ type: 'string' }, null, false],
  ])('%j with %p valid=%p', (schema, value, ok) => {
    const errors = validateSchema(schema, value);
    expect(errors.length === 0).toBe(ok);
    if (!ok) expect(errors).toEqual([{ path: '', code: 'type', message: expect.any(String) }]);
  });

  it('describes the expected type', () => {
    expect(validateSchema({ type: ['string', 'null'] }, 1)[0].message).toBe('must be a string or null');
    expect(validateSchema({ type: 'integer' }, 1.5)[0].message).toBe('must be an integer');
  });

  it('stops descending into a value of the wrong type', () => {
    const schema: JsonSchema = { type: 'object', required: ['a'], properties: { a: { type: 'string' } } };
    expect(codes(validateSchema(schema, 'nope'))).toEqual([':type']);
    expect(codes(validateSchema({ type: 'integer', minimum: 5, enum: [7] }, 2.5))).toEqual([':type']);
    expect(codes(validateSchema({ type: 'string', minLength: 3, format: 'date' }, 5))).toEqual([':type']);
  });

  it('does not add further errors after an enum/const/oneOf failure', () => {
    expect(codes(validateSchema({ type: 'string', enum: ['aaaaa'], minLength: 5 }, 'b'))).toEqual([':enum']);
    expect(codes(validateSchema({ const: 'aaaaa', minLength: 5 }, 'b'))).toEqual([':enum']);
    expect(codes(validateSchema({ oneOf: [{ const: 'aaaaa' }], minLength: 5 }, 'b'))).toEqual([':enum']);
  });
});

describe('validateSchema: objects', () => {
  const schema: JsonSchema = {
    type: 'object',
    title: 'Applicant',
    description: 'annotation only',
    required: ['firstName', 'address'],
    additionalProperties: false,
    properties: {
      firstName: { type: 'string', minLength: 1 },
      nickname: { type: 'string', default: 'x' },
      address: {
        type: 'object',
        required: ['postalCode'],
        properties: { postalCode: { type: 'string', pattern: '^[1-9][0-9]{3}$' }, city: { type: 'string' } },
      },
    },
  };

  it('accepts a valid object', () => {
    expect(validateSchema(schema, { firstName: 'An', address: { postalCode: '9000' } })).toEqual([]);
  });

  it('reports required with the property pointer', () => {
    expect(validateSchema(schema, { address: {} })).toEqual([
      { path: '/firstName', code: 'required', message: 'is required' },
      { path: '/address/postalCode', code: 'required', message: 'is required' },
    ]);
  });

  it('treats undefined as missing but null as a type error', () => {
    expect(codes(validateSchema(schema, { firstName: undefined, address: { postalCode: '9000' } }))).toEqual([
      '/firstName:required',
    ]);
    expect(codes(validateSchema(schema, { firstName: null, address: { postalCode: '9000' } }))).toEqual([
      '/firstName:type',
    ]);
  });

  it('reports nested errors, unknown properties, in traversal order', () => {
    const errors = validateSchema(schema, {
      firstName: '',
      extra: 1,
      address: { postalCode: '0123', city: 5 },
    });
    expect(codes(errors)).toEqual([
      '/firstName:min-length',
      '/address/postalCode:pattern',
      '/address/city:type',
      '/extra:unknown-property',
    ]);
  });

  it('allows unknown properties unless additionalProperties is false', () => {
    const open: JsonSchema = { type: 'object', properties: { a: { type: 'string' } } };
    expect(validateSchema(open, { a: 'x', b: 1 })).toEqual([]);
  });

  it('reports required properties not listed in properties', () => {
    expect(codes(validateSchema({ type: 'object', required: ['x'] }, {}))).toEqual(['/x:required']);
  });

  it('escapes JSON Pointer tokens', () => {
    const s: JsonSchema = { type: 'object', properties: { 'a/b': { type: 'string' }, 'c~d': { type: 'string' } } };
    expect(codes(validateSchema(s, { 'a/b': 1, 'c~d': 2 }))).toEqual(['/a~1b:type', '/c~0d:type']);
  });
});

describe('validateSchema: arrays', () => {
  const schema: JsonSchema = {
    type: 'array',
    minItems: 1,
    maxItems: 3,
    items: { type: 'object', required: ['amount'], properties: { amount: { type: 'number', minimum: 0 } } },
  };

  it('validates items with index pointers', () => {
    expect(codes(validateSchema(schema, [{ amount: 1 }, { amount: -1 }, {}]))).toEqual([
      '/1/amount:minimum',
      '/2/amount:required',
    ]);
  });

  it('checks minItems / maxItems', () => {
    expect(codes(validateSchema(schema, []))).toEqual([':min-items']);
    expect(codes(validateSchema(schema, [{ amount: 1 }, { amount: 1 }, { amount: 1 }, { amount: 1 }]))).toEqual([
      ':max-items',
    ]);
  });

  it('nests array pointers under object properties', () => {
    const s: JsonSchema = { type: 'object', properties: { items: { type: 'array', items: { type: 'string' } } } };
    expect(codes(validateSchema(s, { items: ['a', 2] }))).toEqual(['/items/1:type']);
  });
});

describe('validateSchema: enum, const, oneOf', () => {
  it('enum', () => {
    const s: JsonSchema = { type: 'string', enum: ['single', 'cohabiting'] };
    expect(validateSchema(s, 'single')).toEqual([]);
    expect(validateSchema(s, 'other')).toEqual([{ path: '', code: 'enum', message: 'must be one of "single", "cohabiting"' }]);
  });

  it('const', () => {
    expect(validateSchema({ const: true }, true)).toEqual([]);
    expect(codes(validateSchema({ const: true }, false))).toEqual([':enum']);
    expect(validateSchema({ const: { a: [1, 2] } }, { a: [1, 2] })).toEqual([]);
    expect(codes(validateSchema({ const: { a: [1, 2] } }, { a: [2, 1] }))).toEqual([':enum']);
  });

  it('oneOf with const options', () => {
    const s: JsonSchema = {
      type: 'string',
      oneOf: [
        { const: 'approve', title: 'Goedkeuren' },
        { const: 'reject', title: 'Weigeren' },
      ],
    };
    expect(validateSchema(s, 'reject')).toEqual([]);
    expect(codes(validateSchema(s, 'maybe'))).toEqual([':enum']);
  });

  it('null fails enum unless listed', () => {
    expect(codes(validateSchema({ type: ['string', 'null'], enum: ['a'] }, null))).toEqual([':enum']);
    expect(validateSchema({ type: ['string', 'null'], enum: ['a', null] }, null)).toEqual([]);
  });
});

describe('validateSchema: strings and numbers', () => {
  it.each<[JsonSchema, unknown, string[]]>([
    [{ type: 'string', minLength: 2 }, 'a', [':min-length']],
    [{ type: 'string', minLength: 2 }, 'ab', []],
    [{ type: 'string', minLength: 1 }, '  ', []], // JSON Schema semantics: whitespace counts
    [{ type: 'string', maxLength: 3 }, 'abcd', [':max-length']],
    [{ type: 'string', maxLength: 3 }, '😀😀😀', []], // counted in code points, not UTF-16 units
    [{ type: 'string', minLength: 2 }, '😀', [':min-length']],
    [{ type: 'string', pattern: '^\\d{4}$' }, '9000', []],
    [{ type: 'string', pattern: '^\\d{4}$' }, '900', [':pattern']],
    [{ type: 'string', pattern: 'b' }, 'abc', []], // patterns are not anchored
    [{ type: 'integer', minimum: 0 }, -1, [':minimum']],
    [{ type: 'integer', minimum: 0 }, 0, []],
    [{ type: 'number', maximum: 10 }, 10.5, [':maximum']],
    [{ type: 'number', maximum: 10 }, 10, []],
    [{ minimum: 5 }, 'ignored for strings', []],
  ])('%j with %p', (schema, value, expected) => {
    expect(codes(validateSchema(schema, value))).toEqual(expected);
  });
});

describe('validateSchema: formats', () => {
  it.each<[JsonSchema['format'], string, string | null]>([
    ['date', '2024-02-29', null],
    ['date', '2023-02-29', 'format'],
    ['date', '29/02/2024', 'format'],
    ['email', 'an.peeters@gent.be', null],
    ['email', 'an peeters@gent.be', 'format'],
    ['email', 'an@localhost', 'format'],
    ['uuid', '3f2b8c1e-9a4d-4f6b-8e2a-1c5d7e9f0a1b', null],
    ['uuid', '3f2b8c1e-9a4d-4f6b-8e2a', 'format'],
    ['national-number', '93.05.18-223.61', null],
    ['national-number', '93051822362', 'national-number'],
    ['iban', 'BE68 5390 0754 7034', null],
    ['iban', 'BE69539007547034', 'iban'],
    ['enterprise-number', 'BE0403.170.701', null],
    ['enterprise-number', '0403170702', 'enterprise-number'],
  ])('%s %s', (format, value, code) => {
    const errors = validateSchema({ type: 'string', format }, value);
    expect(errors.map((e) => e.code)).toEqual(code === null ? [] : [code]);
  });

  it('uses the expected date message', () => {
    expect(validateSchema({ type: 'string', format: 'date' }, '2024-13-01')).toEqual([
      { path: '', code: 'format', message: 'must be a date YYYY-MM-DD' },
    ]);
  });

  it('carries the identifier code in the message', () => {
    expect(validateSchema({ format: 'national-number' }, '93051822362')[0].message).toContain('checksum');
    expect(validateSchema({ format: 'national-number' }, '93023100166')[0].message).toContain('date');
    expect(validateSchema({ format: 'iban' }, 'BE41539007547035')[0].message).toContain('bban-checksum');
    expect(validateSchema({ format: 'enterprise-number' }, '123')[0].message).toContain('format');
  });

  it('ignores formats on non-strings (type decides)', () => {
    expect(validateSchema({ format: 'date' }, 5)).toEqual([]);
  });
});

describe('validateSchema: x-notFuture', () => {
  const schema: JsonSchema = {
    type: 'object',
    properties: { homeVisitDate: { type: 'string', format: 'date', 'x-notFuture': true } },
  };

  it.each([
    ['2024-05-31', []],
    ['2024-06-01', []],
    ['2024-06-02', ['/homeVisitDate:not-future']],
  ])('%s with today 2024-06-01', (date, expected) => {
    expect(codes(validateSchema(schema, { homeVisitDate: date }, { today: '2024-06-01' }))).toEqual(expected);
  });

  it('skips the check without options.today', () => {
    expect(validateSchema(schema, { homeVisitDate: '2099-01-01' })).toEqual([]);
  });

  it('reports only the format error for an invalid date', () => {
    expect(codes(validateSchema(schema, { homeVisitDate: '2999-02-30' }, { today: '2024-06-01' }))).toEqual([
      '/homeVisitDate:format',
    ]);
  });
});

describe('validateSchema: dates lie in 1900-01-01 … 2100-12-31', () => {
  it.each([
    ['1900-01-01', []],
    ['2100-12-31', []],
    ['1899-12-31', [':date-range']],
    ['2101-01-01', [':date-range']],
    ['9999-12-31', [':date-range']],
    ['0001-01-01', [':date-range']],
  ])('%s', (date, expected) => {
    expect(codes(validateSchema({ type: 'string', format: 'date' }, date))).toEqual(expected);
  });

  it('says the range, and reports only that for a date also in the future or too far ahead', () => {
    const schema: JsonSchema = { type: 'string', format: 'date', 'x-notFuture': true, 'x-maxYearsAhead': 2 };
    expect(validateSchema(schema, '9999-12-31', { today: '2026-12-01' })).toEqual([
      { path: '', code: 'date-range', message: 'must be a date from 1900-01-01 to 2100-12-31' },
    ]);
  });
});

describe('validateSchema: format month (a calendar month YYYY-MM)', () => {
  it.each([
    ['2026-12', []],
    ['1900-01', []],
    ['2026-13', [':month']],
    ['2026-00', [':month']],
    ['2026-1', [':month']],
    ['2026-12-01', [':month']],
    ['1899-12', [':date-range']],
    ['2101-01', [':date-range']],
  ])('%s', (value, expected) => {
    expect(codes(validateSchema({ type: 'string', format: 'month' }, value))).toEqual(expected);
  });
});

describe('validateSchema: x-notPast', () => {
  const schema: JsonSchema = { type: 'object', properties: { date: { type: 'string', format: 'date', 'x-notPast': true } } };

  it.each([
    ['2026-11-30', ['/date:not-past']],
    ['2026-12-01', []],
    ['2026-12-02', []],
  ])('%s with today 2026-12-01', (date, expected) => {
    expect(codes(validateSchema(schema, { date }, { today: '2026-12-01' }))).toEqual(expected);
  });

  it('skips the check without options.today', () => {
    expect(validateSchema(schema, { date: '1999-01-01' })).toEqual([]);
  });
});

describe('validateSchema: x-maxYearsAhead', () => {
  const schema: JsonSchema = { type: 'object', properties: { date: { type: 'string', format: 'date', 'x-maxYearsAhead': 2 } } };

  it.each([
    ['2026-12-01', []],
    ['2028-12-01', []],
    ['2028-12-02', ['/date:too-far-ahead']],
    ['2099-01-01', ['/date:too-far-ahead']],
  ])('%s with today 2026-12-01', (date, expected) => {
    expect(codes(validateSchema(schema, { date }, { today: '2026-12-01' }))).toEqual(expected);
  });

  it('names the last allowed day; from 29 February it is 28 February two years on', () => {
    expect(validateSchema(schema, { date: '2030-03-01' }, { today: '2028-02-29' })).toEqual([
      { path: '/date', code: 'too-far-ahead', message: 'must be at most 2 years ahead (on or before 2030-02-28)' },
    ]);
  });

  it('skips the check without options.today', () => {
    expect(validateSchema(schema, { date: '2099-01-01' })).toEqual([]);
  });
});

describe('validateSchema: the NUL character', () => {
  const schema: JsonSchema = {
    type: 'object',
    properties: { firstName: { type: 'string', maxLength: 200 }, items: { type: 'array', items: { type: 'string' } } },
  };

  it('is refused in any text, with the path to it and one error per value', () => {
    expect(validateSchema(schema, { firstName: '\u0000', items: ['ok', 'a\u0000b'] })).toEqual([
      { path: '/firstName', code: 'nul-character', message: 'must not contain a NUL character (U+0000)' },
      { path: '/items/1', code: 'nul-character', message: 'must not contain a NUL character (U+0000)' },
    ]);
  });

  it('is refused in a property name, even where unknown properties are allowed', () => {
    expect(codes(validateSchema(schema, { 'a\u0000': 1 }))).toEqual(['/a\u0000:nul-character']);
  });
});

describe('validateSchema: a national number born after today', () => {
  it('is a national-number error when options.today is given', () => {
    const errors = validateSchema({ type: 'string', format: 'national-number' }, '29022279174', { today: '2026-12-01' });
    expect(errors).toEqual([{ path: '', code: 'national-number', message: expect.stringContaining('future-birth-date') }]);
    expect(validateSchema({ type: 'string', format: 'national-number' }, '93051822361', { today: '2026-12-01' })).toEqual([]);
  });
});

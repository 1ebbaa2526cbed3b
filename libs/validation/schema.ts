/**
 * A small JSON Schema (draft 2020-12 subset) validator with one error shape,
 * shared by the HTTP API and Temporal workflow update validators.
 *
 * PURE code: no Node imports, no dependencies, deterministic ("today" is passed in).
 */
import {
  isExistingDate,
  validateEnterpriseNumber,
  validateIban,
  validateNationalNumber,
} from '../domain/identifiers';

export interface SchemaError {
  /** JSON Pointer into the validated value: '' (root), '/address/postalCode', '/items/0'. */
  path: string;
  code: string;
  message: string;
}

export type JsonSchemaType = 'object' | 'string' | 'integer' | 'number' | 'boolean' | 'array' | 'null';
export type JsonSchemaFormat = 'date' | 'national-number' | 'iban' | 'email' | 'uuid' | 'enterprise-number';

export interface JsonSchema {
  $schema?: string;
  type?: JsonSchemaType | readonly JsonSchemaType[];
  properties?: { readonly [name: string]: JsonSchema };
  required?: readonly string[];
  additionalProperties?: boolean;
  enum?: readonly unknown[];
  /** Only the "list of allowed constants" form: oneOf: [{ const, title }]. */
  oneOf?: readonly { const: unknown; title?: string; description?: string }[];
  const?: unknown;
  format?: JsonSchemaFormat;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  title?: string;
  description?: string;
  default?: unknown;
  /** Date must be <= options.today (skipped when options.today is absent). */
  'x-notFuture'?: boolean;
  /** Date at most this many years after options.today (skipped when options.today is absent): council sessions, execution dates. */
  'x-maxYearsAhead'?: number;
  /** Date must be >= options.today (a session or an execution date that is still to come). */
  'x-notPast'?: boolean;
  [extension: `x-${string}`]: unknown;
}

export interface ValidateOptions {
  /** 'YYYY-MM-DD', used by x-notFuture, x-maxYearsAhead and the national number (no birth date after today). */
  today?: string;
}

/** Every `format: date` lies in this range: no real date this system deals with is outside it. */
export const MIN_DATE = '1900-01-01';
export const MAX_DATE = '2100-12-31';

/** Strict 'YYYY-MM-DD' that exists in the calendar. */
export function isValidIsoDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  return m !== null && isExistingDate(Number(m[1]), Number(m[2]), Number(m[3]));
}

const EMAIL_RE =
  /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function validateSchema(schema: JsonSchema, value: unknown, options: ValidateOptions = {}): SchemaError[] {
  const errors: SchemaError[] = [];
  visit(schema, value, '', options, errors);
  return errors;
}

function pointer(base: string, token: string | number): string {
  return `${base}/${String(token).replace(/~/g, '~0').replace(/\//g, '~1')}`;
}

function typeOf(value: unknown): JsonSchemaType | 'other' {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  switch (typeof value) {
    case 'string':
      return 'string';
    case 'boolean':
      return 'boolean';
    case 'number':
      if (!Number.isFinite(value)) return 'other';
      return Number.isInteger(value) ? 'integer' : 'number';
    case 'object':
      return 'object';
    default:
      return 'other';
  }
}

function matchesType(actual: JsonSchemaType | 'other', wanted: JsonSchemaType): boolean {
  return actual === wanted || (wanted === 'number' && actual === 'integer');
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, i) => deepEqual(item, b[i]));
  }
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  const ob = b as Record<string, unknown>;
  const oa = a as Record<string, unknown>;
  return ka.length === kb.length && ka.every((k) => has(ob, k) && deepEqual(oa[k], ob[k]));
}

const has = (obj: object, key: string): boolean => Object.prototype.hasOwnProperty.call(obj, key);

function describe(allowed: readonly unknown[]): string {
  return allowed.map((v) => JSON.stringify(v)).join(', ');
}

function compilePattern(pattern: string): RegExp {
  try {
    return new RegExp(pattern, 'u');
  } catch {
    return new RegExp(pattern);
  }
}

function visit(schema: JsonSchema, value: unknown, path: string, options: ValidateOptions, errors: SchemaError[]): void {
  const push = (code: string, message: string, at: string = path) => errors.push({ path: at, code, message });
  const actual = typeOf(value);

  if (schema.type !== undefined) {
    const wanted: readonly JsonSchemaType[] = typeof schema.type === 'string' ? [schema.type] : schema.type;
    if (!wanted.some((t) => matchesType(actual, t))) {
      const names = wanted.map((t) => (t === 'integer' ? 'an integer' : t === 'null' ? 'null' : `a ${t}`));
      push('type', `must be ${names.join(' or ')}`);
      return;
    }
  }

  if (schema.const !== undefined && !deepEqual(value, schema.const)) {
    push('enum', `must be ${JSON.stringify(schema.const)}`);
    return;
  }
  if (schema.enum !== undefined && !schema.enum.some((v) => deepEqual(value, v))) {
    push('enum', `must be one of ${describe(schema.enum)}`);
    return;
  }
  if (schema.oneOf !== undefined) {
    const allowed = schema.oneOf.map((option) => option.const);
    if (!allowed.some((v) => deepEqual(value, v))) {
      push('enum', `must be one of ${describe(allowed)}`);
      return;
    }
  }

  if (typeof value === 'string') {
    // PostgreSQL text cannot hold U+0000 (and no person types it): refused before anything else is said about the text.
    if (value.includes('\u0000')) {
      push('nul-character', 'must not contain a NUL character (U+0000)');
      return;
    }
    checkFormat(schema, value, options, push);
    const length = Array.from(value).length;
    if (schema.minLength !== undefined && length < schema.minLength) {
      push('min-length', schema.minLength === 1 ? 'must not be empty' : `must be at least ${schema.minLength} characters`);
    }
    if (schema.maxLength !== undefined && length > schema.maxLength) {
      push('max-length', `must be at most ${schema.maxLength} characters`);
    }
    if (schema.pattern !== undefined && !compilePattern(schema.pattern).test(value)) {
      push('pattern', 'has an invalid format');
    }
  }

  if (actual === 'integer' || actual === 'number') {
    const n = value as number;
    if (schema.minimum !== undefined && n < schema.minimum) push('minimum', `must be at least ${schema.minimum}`);
    if (schema.maximum !== undefined && n > schema.maximum) push('maximum', `must be at most ${schema.maximum}`);
  }

  if (actual === 'object') {
    const obj = value as Record<string, unknown>;
    const properties = schema.properties ?? {};
    const required = schema.required ?? [];
    for (const name of Object.keys(properties)) {
      const child = has(obj, name) ? obj[name] : undefined;
      if (child === undefined) {
        if (required.includes(name)) push('required', 'is required', pointer(path, name));
      } else {
        visit(properties[name], child, pointer(path, name), options, errors);
      }
    }
    for (const name of required) {
      if (!has(properties, name) && (!has(obj, name) || obj[name] === undefined)) {
        push('required', 'is required', pointer(path, name));
      }
    }
    for (const name of Object.keys(obj)) {
      if (name.includes('\u0000')) push('nul-character', 'must not contain a NUL character (U+0000)', pointer(path, name));
    }
    if (schema.additionalProperties === false) {
      for (const name of Object.keys(obj)) {
        if (!has(properties, name)) push('unknown-property', 'is not an allowed property', pointer(path, name));
      }
    }
  }

  if (actual === 'array') {
    const arr = value as unknown[];
    if (schema.minItems !== undefined && arr.length < schema.minItems) {
      push('min-items', `must have at least ${schema.minItems} item${schema.minItems === 1 ? '' : 's'}`);
    }
    if (schema.maxItems !== undefined && arr.length > schema.maxItems) {
      push('max-items', `must have at most ${schema.maxItems} item${schema.maxItems === 1 ? '' : 's'}`);
    }
    if (schema.items !== undefined) {
      const items = schema.items;
      arr.forEach((item, i) => visit(items, item, pointer(path, i), options, errors));
    }
  }
}

function checkFormat(
  schema: JsonSchema,
  value: string,
  options: ValidateOptions,
  push: (code: string, message: string) => void,
): void {
  switch (schema.format) {
    case 'date':
      if (!isValidIsoDate(value)) push('format', 'must be a date YYYY-MM-DD');
      else if (value < MIN_DATE || value > MAX_DATE) push('date-range', `must be a date from ${MIN_DATE} to ${MAX_DATE}`);
      break;
    case 'email':
      if (!EMAIL_RE.test(value)) push('format', 'must be an email address');
      break;
    case 'uuid':
      if (!UUID_RE.test(value)) push('format', 'must be a UUID');
      break;
    case 'national-number': {
      const r = validateNationalNumber(value, options.today);
      if (!r.valid) push('national-number', `must be a valid national number (${r.code}: ${r.message})`);
      break;
    }
    case 'iban': {
      const r = validateIban(value);
      if (!r.valid) push('iban', `must be a valid IBAN (${r.code}: ${r.message})`);
      break;
    }
    case 'enterprise-number': {
      const r = validateEnterpriseNumber(value);
      if (!r.valid) push('enterprise-number', `must be a valid enterprise number (${r.code}: ${r.message})`);
      break;
    }
    default:
      break; // unknown formats are annotations
  }
  // The relative checks speak only of a real date in range (one error per value).
  if (!isValidIsoDate(value) || (schema.format === 'date' && (value < MIN_DATE || value > MAX_DATE))) return;
  if (schema['x-notFuture'] === true && options.today !== undefined && value > options.today) {
    push('not-future', 'must not be in the future');
  }
  if (schema['x-notPast'] === true && options.today !== undefined && value < options.today) {
    push('not-past', `must not be before today (${options.today})`);
  }
  const years = schema['x-maxYearsAhead'];
  if (typeof years === 'number' && options.today !== undefined && value > yearsAfter(options.today, years)) {
    push('too-far-ahead', `must be at most ${years} year${years === 1 ? '' : 's'} ahead (on or before ${yearsAfter(options.today, years)})`);
  }
}

/** The same day `years` years after `date` ('YYYY-MM-DD'); 29 February becomes 28 February in a common year. */
function yearsAfter(date: string, years: number): string {
  const year = String(Number(date.slice(0, 4)) + years).padStart(4, '0');
  const monthDay = date.slice(5);
  return monthDay === '02-29' && !isExistingDate(Number(year), 2, 29) ? `${year}-02-28` : `${year}-${monthDay}`;
}

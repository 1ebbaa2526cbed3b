/**
 * The project's own JSON Schema keywords, as plain functions, and the mapping of Ajv's errors to the API's error shape.
 *
 * PURE code (no Node imports, no Ajv compiler): the Ajv keyword definitions (`ajv-keywords.ts`) call these functions,
 * both when the API compiles a schema at run time and from the standalone validators that the workflows import
 * (`libs/tasks/outcome-validators.generated.ts`), so the workflow sandbox runs exactly the same checks.
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

/** What a keyword may know besides the value: passed to Ajv's validate function as `this` (option passContext). */
export interface ValidateOptions {
  /** 'YYYY-MM-DD', used by x-notFuture, x-notPast, x-maxYearsAhead and the national number (no birth date after today). */
  today?: string;
}

/** A keyword's verdict: null when the value passes. */
export type KeywordFailure = { code: string; message: string } | null;

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

const fail = (code: string, message: string): KeywordFailure => ({ code, message });

/** Keyword `format` (replaces Ajv's): the formats this project knows; unknown formats are annotations. */
export function formatFailure(format: string, value: string, options?: ValidateOptions): KeywordFailure {
  switch (format) {
    case 'date':
      if (!isValidIsoDate(value)) return fail('format', 'must be a date YYYY-MM-DD');
      if (value < MIN_DATE || value > MAX_DATE) return fail('date-range', `must be a date from ${MIN_DATE} to ${MAX_DATE}`);
      return null;
    case 'month':
      // A calendar month 'YYYY-MM' (a care home's invoice, a payment period) in the dates' range.
      if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(value)) return fail('month', 'must be a month YYYY-MM');
      if (value < MIN_DATE.slice(0, 7) || value > MAX_DATE.slice(0, 7)) return fail('date-range', `must be a month from ${MIN_DATE.slice(0, 7)} to ${MAX_DATE.slice(0, 7)}`);
      return null;
    case 'email':
      return EMAIL_RE.test(value) ? null : fail('format', 'must be an email address');
    case 'uuid':
      return UUID_RE.test(value) ? null : fail('format', 'must be a UUID');
    case 'national-number': {
      const r = validateNationalNumber(value, options?.today);
      return r.valid ? null : fail('national-number', `must be a valid national number (${r.code}: ${r.message})`);
    }
    case 'iban': {
      const r = validateIban(value);
      return r.valid ? null : fail('iban', `must be a valid IBAN (${r.code}: ${r.message})`);
    }
    case 'enterprise-number': {
      const r = validateEnterpriseNumber(value);
      return r.valid ? null : fail('enterprise-number', `must be a valid enterprise number (${r.code}: ${r.message})`);
    }
    default:
      return null;
  }
}

/** The relative date keywords speak only of a real date in range (one error per value) and only when today is known. */
function comparableDate(value: string, options?: ValidateOptions): options is { today: string } {
  return options?.today !== undefined && isValidIsoDate(value) && value >= MIN_DATE && value <= MAX_DATE;
}

/** Keyword `x-notFuture: true`: the date is at most today. */
export function notFutureFailure(on: boolean, value: string, options?: ValidateOptions): KeywordFailure {
  return on && comparableDate(value, options) && value > options.today ? fail('not-future', 'must not be in the future') : null;
}

/** Keyword `x-notPast: true`: the date is today or later (a session or an execution date still to come). */
export function notPastFailure(on: boolean, value: string, options?: ValidateOptions): KeywordFailure {
  return on && comparableDate(value, options) && value < options.today
    ? fail('not-past', `must not be before today (${options.today})`)
    : null;
}

/** Keyword `x-maxYearsAhead: n`: the date is at most n years after today (council sessions, execution dates). */
export function maxYearsAheadFailure(years: number, value: string, options?: ValidateOptions): KeywordFailure {
  if (!comparableDate(value, options)) return null;
  const limit = yearsAfter(options.today, years);
  return value > limit ? fail('too-far-ahead', `must be at most ${years} year${years === 1 ? '' : 's'} ahead (on or before ${limit})`) : null;
}

/** The same day `years` years after `date` ('YYYY-MM-DD'); 29 February becomes 28 February in a common year. */
function yearsAfter(date: string, years: number): string {
  const year = String(Number(date.slice(0, 4)) + years).padStart(4, '0');
  const monthDay = date.slice(5);
  return monthDay === '02-29' && !isExistingDate(Number(year), 2, 29) ? `${year}-02-28` : `${year}-${monthDay}`;
}

/** The keywords above by name, as the Ajv keyword definitions and the standalone validators reference them. */
export const KEYWORD_CHECKS = {
  format: formatFailure,
  'x-notFuture': notFutureFailure,
  'x-notPast': notPastFailure,
  'x-maxYearsAhead': maxYearsAheadFailure,
} as const;

// ---------------------------------------------------------------------------------------------------------------------
// Ajv's errors → the API's error shape

/** The part of Ajv's ErrorObject read here (kept structural so this file does not import Ajv). */
export interface AjvErrorLike {
  keyword: string;
  instancePath: string;
  schemaPath: string;
  params: Record<string, unknown>;
  message?: string;
}

/** The schema object and keyword value an error's schemaPath ('#/properties/a/oneOf') points at. */
function schemaAt(root: unknown, schemaPath: string): { parent: unknown; value: unknown } {
  const tokens = schemaPath.replace(/^#\/?/, '').split('/').filter((t) => t !== '').map((t) => decodeURIComponent(t).replace(/~1/g, '/').replace(/~0/g, '~'));
  let parent: unknown;
  let value: unknown = root;
  for (const token of tokens) {
    parent = value;
    value = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[token] : undefined;
  }
  return { parent, value };
}

const NUL_MESSAGE = 'must not contain a NUL character (U+0000)';

function pointer(base: string, token: string | number): string {
  return `${base}/${String(token).replace(/~/g, '~0').replace(/\//g, '~1')}`;
}

const describe = (allowed: readonly unknown[]): string => allowed.map((v) => JSON.stringify(v)).join(', ');
const plural = (n: unknown, word: string): string => `${String(n)} ${word}${n === 1 ? '' : 's'}`;

function typeMessage(type: unknown): string {
  const wanted = Array.isArray(type) ? type : String(type).split(',');
  return `must be ${wanted.map((t) => (t === 'integer' ? 'an integer' : t === 'null' ? 'null' : `a ${String(t)}`)).join(' or ')}`;
}

/** One Ajv error in the API's shape, or null for errors that only repeat another (oneOf branches, `if`). */
function mapError(e: AjvErrorLike, schema: unknown): SchemaError | null {
  const at = e.instancePath;
  const p = e.params;
  switch (e.keyword) {
    case 'type':
      return { path: at, code: 'type', message: typeMessage(p.type) };
    case 'required': {
      // A requirement from a conditional (`then`) says why, in the `description` beside it.
      const reason = /\/(then|else)\//.test(e.schemaPath) ? (schemaAt(schema, e.schemaPath).parent as { description?: string } | undefined)?.description : undefined;
      return { path: pointer(at, String(p.missingProperty)), code: 'required', message: reason ? `is required ${reason}` : 'is required' };
    }
    case 'additionalProperties':
      return { path: pointer(at, String(p.additionalProperty)), code: 'unknown-property', message: 'is not an allowed property' };
    case 'enum':
      return { path: at, code: 'enum', message: `must be one of ${describe(p.allowedValues as unknown[])}` };
    case 'const':
      if (e.schemaPath.includes('/oneOf/')) return null;
      return { path: at, code: 'enum', message: `must be ${JSON.stringify(p.allowedValue)}` };
    case 'oneOf': {
      const options = schemaAt(schema, e.schemaPath).value;
      const allowed = Array.isArray(options) ? describe(options.map((o: { const?: unknown }) => o.const)) : 'the allowed values';
      return { path: at, code: 'enum', message: `must be one of ${allowed}` };
    }
    case 'if':
      return null;
    case 'minLength':
      return { path: at, code: 'min-length', message: p.limit === 1 ? 'must not be empty' : `must be at least ${plural(p.limit, 'character')}` };
    case 'maxLength':
      return { path: at, code: 'max-length', message: `must be at most ${plural(p.limit, 'character')}` };
    case 'pattern':
      return { path: at, code: 'pattern', message: 'has an invalid format' };
    case 'minimum':
      return { path: at, code: 'minimum', message: `must be at least ${String(p.limit)}` };
    case 'maximum':
      return { path: at, code: 'maximum', message: `must be at most ${String(p.limit)}` };
    case 'minItems':
      return { path: at, code: 'min-items', message: `must have at least ${plural(p.limit, 'item')}` };
    case 'maxItems':
      return { path: at, code: 'max-items', message: `must have at most ${plural(p.limit, 'item')}` };
    default:
      // The project's keywords (KEYWORD_CHECKS) carry their own code and message.
      if (typeof p.code === 'string' && typeof p.message === 'string') return { path: at, code: p.code, message: p.message };
      return { path: at, code: e.keyword, message: e.message ?? 'is not valid' };
  }
}

/** Every NUL character (U+0000) in a text or a property name: PostgreSQL cannot store it and no person types it. */
export function nulCharacterErrors(value: unknown, path = ''): SchemaError[] {
  if (typeof value === 'string') return value.includes('\u0000') ? [{ path, code: 'nul-character', message: NUL_MESSAGE }] : [];
  if (typeof value !== 'object' || value === null) return [];
  const entries: [string, unknown][] = Array.isArray(value) ? value.map((v, i) => [String(i), v]) : Object.entries(value);
  return entries.flatMap(([key, child]) => {
    const at = pointer(path, key);
    return key.includes('\u0000') ? [{ path: at, code: 'nul-character', message: NUL_MESSAGE }] : nulCharacterErrors(child, at);
  });
}

const within = (path: string, base: string): boolean => path === base || path.startsWith(`${base}/`);

/**
 * Ajv's errors (allErrors) in the API's shape, saying one thing per value: a NUL character, then a wrong type, then a
 * value outside its enum/const/oneOf silence every other error about that value and what lies inside it.
 */
export function toSchemaErrors(value: unknown, ajvErrors: readonly AjvErrorLike[] | null | undefined, schema: unknown): SchemaError[] {
  const nul = nulCharacterErrors(value);
  let errors = (ajvErrors ?? []).map((e) => mapError(e, schema)).filter((e): e is SchemaError => e !== null);
  errors = errors.filter((e) => !nul.some((n) => within(e.path, n.path)));
  for (const decisive of ['type', 'enum']) {
    const at = errors.filter((e) => e.code === decisive).map((e) => e.path);
    errors = errors.filter((e) => !at.some((p) => within(e.path, p)) || (e.code === decisive && at.includes(e.path)));
  }
  // Ajv looks at unknown properties before the known ones; the known ones' errors are said first.
  const unknown = errors.filter((e) => e.code === 'unknown-property');
  return [...nul, ...dedupe([...errors.filter((e) => e.code !== 'unknown-property'), ...unknown])];
}

function dedupe(errors: SchemaError[]): SchemaError[] {
  const seen = new Set<string>();
  return errors.filter((e) => {
    const key = `${e.path}\u0001${e.code}\u0001${e.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** A compiled validator as Ajv makes it, at run time or standalone (called with the options as `this`). */
export interface CompiledValidator {
  (this: ValidateOptions | undefined, data: unknown): boolean;
  errors?: AjvErrorLike[] | null;
}

/**
 * Runs a compiled (or standalone) validator and returns its errors in the API's shape. `schema` is the one it was
 * compiled from: messages read it (a conditional's reason, the allowed constants), so the code carries no copy of it.
 */
export function runValidator(validate: CompiledValidator, schema: unknown, value: unknown, options: ValidateOptions = {}): SchemaError[] {
  return validate.call(options, value) ? nulCharacterErrors(value) : toSchemaErrors(value, validate.errors, schema);
}

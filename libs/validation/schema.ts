/**
 * JSON Schema (draft 2020-12) validation with one error shape, shared by the HTTP API, the workflows' Update validators
 * (task outcomes) and, through the schemas the API serves, the web form.
 *
 * The validator is Ajv (`./ajv.ts`) with this project's keywords (`./checks.ts`): formats date (1900-01-01 …
 * 2100-12-31), month (YYYY-MM, same range), email, uuid, national-number, iban, enterprise-number; `x-notFuture`, `x-notPast`, `x-maxYearsAhead`
 * (relative to `options.today`); no NUL character in any text or property name. Node side: the workflows use the
 * standalone validators generated from the same schemas (`libs/tasks/outcome-validators.generated.ts`).
 */
import type Ajv2020 from 'ajv/dist/2020';
import { createAjv } from './ajv';
import { CompiledValidator, runValidator, SchemaError, ValidateOptions } from './checks';

export type { SchemaError, ValidateOptions } from './checks';
export { isValidIsoDate, MAX_DATE, MIN_DATE } from './checks';

export type JsonSchemaType = 'object' | 'string' | 'integer' | 'number' | 'boolean' | 'array' | 'null';
export type JsonSchemaFormat = 'date' | 'month' | 'national-number' | 'iban' | 'email' | 'uuid' | 'enterprise-number';

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
  /** A conditional requirement: `if` one field has a value, `then` others are required (`description` says why). */
  if?: JsonSchema;
  then?: JsonSchema;
  else?: JsonSchema;
  allOf?: readonly JsonSchema[];
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
  /**
   * No rule, a hint for the forms: the value (an id) is picked from a list — `loi-place` the team's LOI places,
   * `dossier-party` the parties linked to the dossier, `ocmw` an OCMW of the directory by its NIS code (GET /ocmws;
   * apps/web/src/components/picks.ts).
   */
  'x-pick'?: 'loi-place' | 'dossier-party' | 'ocmw';
}

let ajv: Ajv2020 | undefined;
const compiled = new WeakMap<JsonSchema, CompiledValidator>();

/** Compiled once per schema object (schemas are module constants), then reused. */
export function compileSchema(schema: JsonSchema): CompiledValidator {
  let validate = compiled.get(schema);
  if (!validate) {
    ajv ??= createAjv();
    validate = ajv.compile(schema) as unknown as CompiledValidator;
    compiled.set(schema, validate);
  }
  return validate;
}

export function validateSchema(schema: JsonSchema, value: unknown, options: ValidateOptions = {}): SchemaError[] {
  return runValidator(compileSchema(schema), schema, value, options);
}

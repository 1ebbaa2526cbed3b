import { type ReactNode, useId } from 'react';
import { dateLong, euro, month, parseEuro } from '../format';
import { t } from '../i18n';

/** The JSON schema of a task's outcome or an event's data, as GET /procedures and GET /tasks/{id} give it. */
export interface FieldSchema {
  type?: string;
  format?: string;
  title?: string;
  description?: string;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  oneOf?: { const: unknown; title?: string }[];
  /** The list an id is picked from (libs/validation/schema.ts; the lists: ./picks.ts). */
  'x-pick'?: string;
}
export interface ObjectSchema {
  properties?: Record<string, FieldSchema>;
  required?: string[];
  allOf?: { if?: { properties?: Record<string, { const?: unknown }>; required?: string[] }; then?: { required?: string[]; properties?: Record<string, unknown> } }[];
}

/** What is typed, per field, as text (so nothing is lost on a rejected submit); `toValue` makes the API's object. */
export type FormState = Record<string, string>;
export interface FieldError {
  path: string;
  code?: string;
  message: string;
}

/** An amount in cents: by the schemas' convention its name ends in `Cents` (libs/procedures `cents()`). */
export const isCents = (name: string, s: FieldSchema) => s.type === 'integer' && name.endsWith('Cents');
/** A free text meant to be long (a motivation): a textarea. */
const isLong = (s: FieldSchema) => (s.maxLength ?? 0) > 200;

/** The conditions under which a field is asked: fields required only by an `if/then` are shown when it holds. */
function conditionsOf(schema: ObjectSchema, name: string) {
  if ((schema.required ?? []).includes(name)) return null;
  // A field a condition requires, or names among its properties (an optional field of that case only).
  const conds = (schema.allOf ?? []).filter((c) => (c.then?.required?.includes(name) || (c.then?.properties && name in c.then.properties)) && c.if?.properties);
  return conds.length ? conds : null;
}

function holds(cond: NonNullable<ObjectSchema['allOf']>[number], value: Record<string, unknown>) {
  return Object.entries(cond.if?.properties ?? {}).every(([k, p]) => !('const' in p) || value[k] === p.const);
}

/** The value of one field as typed, or undefined (left out) when empty; a bad amount stays undefined (see errors). */
function fieldValue(name: string, s: FieldSchema, raw: string | undefined): unknown {
  if (raw === undefined || raw === '') return undefined;
  if (s.oneOf) return s.oneOf[Number(raw)]?.const;
  if (isCents(name, s)) return parseEuro(raw) ?? raw;
  if (s.type === 'integer' || s.type === 'number') return Number(raw);
  return raw;
}

/** The object to send: only the fields that apply (a conditional field that no longer applies is left out). */
export function toValue(schema: ObjectSchema, state: FormState): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, s] of Object.entries(schema.properties ?? {})) {
    const v = fieldValue(name, s, state[name]);
    if (v !== undefined) out[name] = v;
  }
  for (const name of Object.keys(out)) {
    const conds = conditionsOf(schema, name);
    if (conds && !conds.some((c) => holds(c, out))) delete out[name];
  }
  return out;
}

/**
 * What a draft keeps: every field as typed, a conditional one too (it comes back if its condition holds again), an
 * amount not yet an amount as its text (the API does not judge a draft).
 */
export function draftValue(schema: ObjectSchema, state: FormState): Record<string, unknown> {
  return toValue({ ...schema, allOf: [] }, state);
}

/** A field's Dutch label without the schemas' "(cent)": amounts are shown in euros. */
export const fieldLabel = (name: string, s: FieldSchema, unit = ' (€)') => (s.title ?? name).replace(/ \(cent\)$/, unit);

/** A stored value as a person reads it: the choice's label, an amount in euros, a date in words, yes/no. */
export function displayValue(name: string, s: FieldSchema, v: unknown, picks: Props['picks'] = {}): string {
  const option = s.oneOf?.find((o) => o.const === v);
  if (option) return option.title ?? String(v);
  // A picked id (an OCMW's NIS code, a place) by its label, when the list is there.
  const picked = s['x-pick'] ? picks[s['x-pick']]?.find((o) => o.value === v) : undefined;
  if (picked) return picked.label;
  if (isCents(name, s) && typeof v === 'number') return euro(v);
  if (s.format === 'date' && typeof v === 'string') return dateLong(v);
  if (s.format === 'month' && typeof v === 'string' && /^\d{4}-\d{2}$/.test(v)) return month(v);
  if (typeof v === 'boolean') return v ? t.task.yes : t.task.no;
  return String(v);
}

/** The typed amounts that are not amounts, as errors in the API's shape (checked before sending). */
export function localErrors(schema: ObjectSchema, state: FormState, base = ''): FieldError[] {
  return Object.entries(schema.properties ?? {})
    .filter(([name, s]) => isCents(name, s) && state[name] && parseEuro(state[name]) === null)
    .map(([name]) => ({ path: `${base}/${name}`, code: 'euro', message: 'not an amount' }));
}

export const dutchError = (e: FieldError) => (e.code && t.apiErrors[e.code]) || t.refusal.unknownValue;

/** The schema's initial state from a value (amounts in cents shown in euros). */
export function initialState(schema: ObjectSchema, value: Record<string, unknown> = {}): FormState {
  const out: FormState = {};
  for (const [name, s] of Object.entries(schema.properties ?? {})) {
    const v = value[name];
    if (v === undefined || v === null) continue;
    out[name] = s.oneOf ? String(s.oneOf.findIndex((o) => o.const === v)) : isCents(name, s) && typeof v === 'number' ? euro(v).slice(2) : String(v);
  }
  return out;
}

interface Props {
  schema: ObjectSchema;
  state: FormState;
  onChange(state: FormState): void;
  /** API errors, each at its JSON Pointer; those under `base` are shown next to their field. */
  errors: FieldError[];
  base?: string;
  /** The prefix of the fields' ids (`<prefix>-<name>`, errors `<prefix>-<name>-error`): two forms on one page differ. */
  idPrefix?: string;
  /** Shown under a field's input, by field name (a computed amount to take over). */
  extras?: Record<string, ReactNode>;
  /** The lists `x-pick` fields choose from (usePicks); a field whose list is not there stays a text input. */
  picks?: Record<string, { value: string; label: string }[] | undefined>;
}

/**
 * The fields of an object schema: a visible label (the schema's Dutch title; * when required), its help text
 * (`description`), a choice (oneOf) as a select with the Dutch labels, a date, an amount in euros for a cents field,
 * an integer, a long text as a textarea, else a text; the error next to it. Fields of an `if/then` only when it holds.
 */
export function SchemaForm({ schema, state, onChange, errors, base = '', idPrefix = 'f', extras = {}, picks = {} }: Props) {
  const prefix = useId().replace(/:/g, '');
  const value = toValue({ ...schema, allOf: [] }, state);
  const required = new Set(schema.required ?? []);
  return (
    <>
      {Object.entries(schema.properties ?? {}).map(([name, s]) => {
        const conds = conditionsOf(schema, name);
        if (conds && !conds.some((c) => holds(c, value))) return null;
        const id = `${idPrefix}-${name}`;
        const errorId = `${id}-error`;
        const helpId = `${id}-help-${prefix}`;
        const error = errors.find((e) => e.path === `${base}/${name}`);
        const isRequired = required.has(name) || (conds !== null && conds.some((c) => holds(c, value) && c.then?.required?.includes(name)));
        const common = {
          id,
          name,
          'aria-describedby': [s.description || isCents(name, s) ? helpId : '', errorId].filter(Boolean).join(' '),
          'aria-invalid': error ? true : undefined,
          'aria-required': isRequired || undefined,
          value: state[name] ?? '',
        };
        const set = (v: string) => onChange({ ...state, [name]: v });
        let input;
        const pick = s['x-pick'] ? picks[s['x-pick']] : undefined;
        if (pick) {
          // An id picked by its label; a value no longer in the list (a draft) stays selectable as it was.
          const known = pick.some((o) => o.value === common.value) || common.value === '';
          input = (
            <select {...common} onChange={(e) => set(e.target.value)}>
              <option value="">{pick.length === 0 ? t.task.noneToPick : t.task.choose}</option>
              {!known && <option value={common.value}>{common.value}</option>}
              {pick.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
            </select>
          );
        } else if (s.oneOf) {
          input = (
            <select {...common} onChange={(e) => set(e.target.value)}>
              <option value="">{t.task.choose}</option>
              {s.oneOf.map((o, i) => (
                <option key={i} value={String(i)}>{o.title ?? String(o.const)}</option>
              ))}
            </select>
          );
        } else if (isLong(s)) {
          input = <textarea {...common} rows={4} maxLength={s.maxLength} onChange={(e) => set(e.target.value)} />;
        } else {
          const type = s.format === 'date' || s.format === 'month' ? s.format : s.type === 'integer' && !isCents(name, s) ? 'number' : 'text';
          input = <input {...common} type={type} inputMode={isCents(name, s) ? 'decimal' : undefined} maxLength={s.maxLength} onChange={(e) => set(e.target.value)} />;
        }
        return (
          <div key={name}>
            <label htmlFor={id}>{`${fieldLabel(name, s)}${isRequired ? ' *' : ''}`}</label>
            {(s.description || isCents(name, s)) && <p className="help" id={helpId}>{s.description ?? t.task.inEuro}</p>}
            {input}
            {extras[name]}
            <p className="error" id={errorId} aria-live="polite">{error ? dutchError(error) : ''}</p>
          </div>
        );
      })}
    </>
  );
}

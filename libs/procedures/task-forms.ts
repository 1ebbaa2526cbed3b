/**
 * The declarative forms of the procedure definitions (`forms` in libs/procedures/*.ts) made concrete for one task: its
 * prefilled values from what the dossier knows and its computed fields. Pure: the API gathers the facts, this reads them.
 */
import { amountRowFor, CATEGORY_NAMES, isLeefloonCategory, LeefloonAmountTable, monthlyLeefloon } from '../payments/amounts';
import { isValidIsoDate } from '../deadlines/calendar-date';
import { procedureDefinition } from './registry';
import type { JsonSchema } from '../validation/schema';
import type { FactSource, FieldComputation, TaskForm } from './types';

/** What the dossier knows when a task's form opens (the roots a FactSource path starts with). */
export interface TaskFacts {
  dossier: Record<string, unknown>;
  person: Record<string, unknown>;
  household: Record<string, unknown>;
  /** The outcome of the latest completed task of each kind. */
  tasks: Record<string, Record<string, unknown>>;
  /** The data of the latest external event of each type. */
  events: Record<string, Record<string, unknown>>;
  /** The form being filled in (computations only). */
  form?: Record<string, unknown>;
}

export const FACT_ROOTS = ['dossier', 'person', 'household', 'tasks', 'events', 'form'] as const;

export function taskForm(procedure: string, kind: string): TaskForm {
  const forms: Readonly<Record<string, TaskForm | undefined>> = procedureDefinition(procedure).forms ?? {};
  return (Object.prototype.hasOwnProperty.call(forms, kind) ? forms[kind] : undefined) ?? {};
}

const paths = (source: FactSource): readonly string[] => (typeof source === 'string' ? [source] : source);

/** The value at a path ('tasks.social-inquiry.proposedCategory'); kind and event names hold dashes, never dots. */
function valueAt(facts: TaskFacts, path: string): unknown {
  let here: unknown = facts;
  for (const part of path.split('.')) {
    if (typeof here !== 'object' || here === null || !Object.prototype.hasOwnProperty.call(here, part)) return undefined;
    here = (here as Record<string, unknown>)[part];
  }
  return here;
}

/** The first path of `source` with a value (not undefined, null or ''), and that value. */
export function resolve(facts: TaskFacts, source: FactSource): { path: string; value: unknown } | undefined {
  for (const path of paths(source)) {
    const value = valueAt(facts, path);
    if (value !== undefined && value !== null && value !== '') return { path, value };
  }
  return undefined;
}

/** The prefilled values of a task's form, and where each came from. */
export function prefillFor(procedure: string, kind: string, facts: TaskFacts): { values: Record<string, unknown>; sources: Record<string, string> } {
  const values: Record<string, unknown> = {};
  const sources: Record<string, string> = {};
  for (const [field, source] of Object.entries(taskForm(procedure, kind).prefill ?? {})) {
    const found = resolve(facts, source);
    if (!found) continue;
    values[field] = found.value;
    sources[field] = found.path;
  }
  return { values, sources };
}

export interface ComputedField {
  field: string;
  rule: FieldComputation['rule'];
  /** Null when an input is missing (see `missing`) or no amount is configured for the month. */
  amountCents: number | null;
  /** The inputs not known yet ('category', 'monthlyResourcesCents', 'date'). */
  missing: string[];
  category: number | null;
  /** Dutch, e.g. "alleenstaande". */
  categoryName: string | null;
  categoryAmountCents: number | null;
  resourcesCents: number | null;
  /** The month whose amounts apply (YYYY-MM) and the day those amounts took effect. */
  month: string | null;
  validFrom: string | null;
  /** Dutch: the computation as the decision letter states it. */
  explanation: string | null;
}

/** What the amount table says for one computation, or what it still needs. */
export function compute(field: string, c: FieldComputation, facts: TaskFacts, table: LeefloonAmountTable): ComputedField {
  const category = resolve(facts, c.inputs.category)?.value;
  const resources = resolve(facts, c.inputs.monthlyResourcesCents)?.value;
  const date = resolve(facts, c.inputs.date)?.value;
  const missing = [
    ...(isLeefloonCategory(category) ? [] : ['category']),
    ...(Number.isSafeInteger(resources) && (resources as number) >= 0 ? [] : ['monthlyResourcesCents']),
    ...(isValidIsoDate(date) ? [] : ['date']),
  ];
  const empty: ComputedField = {
    field, rule: c.rule, amountCents: null, missing, category: isLeefloonCategory(category) ? category : null,
    categoryName: isLeefloonCategory(category) ? CATEGORY_NAMES[category] : null, categoryAmountCents: null,
    resourcesCents: typeof resources === 'number' ? resources : null, month: null, validFrom: null, explanation: null,
  };
  if (missing.length > 0 || !isLeefloonCategory(category)) return empty;
  const month = (date as string).slice(0, 7);
  let row;
  try {
    row = amountRowFor(table, month);
  } catch {
    return { ...empty, month, missing: ['amount-table'] };
  }
  const result = monthlyLeefloon({ category, monthlyResourcesCents: resources as number, month, table });
  return {
    ...empty, amountCents: result.amountCents, categoryAmountCents: result.categoryAmountCents, resourcesCents: result.resourcesCents,
    month, validFrom: row.validFrom, explanation: result.computation,
  };
}

/** Every computed field of a task's form, with the form as typed so far. */
export function computationsFor(procedure: string, kind: string, facts: TaskFacts, table: LeefloonAmountTable): ComputedField[] {
  return Object.entries(taskForm(procedure, kind).computed ?? {}).map(([field, c]) => compute(field, c, facts, table));
}

/** Every field name a form may hold: the properties of the schema and of its conditional parts (if/then/else, allOf …). */
export function outcomeFields(schema: JsonSchema, into = new Set<string>()): Set<string> {
  const s = schema as Record<string, unknown>;
  for (const key of Object.keys((s.properties as object | undefined) ?? {})) into.add(key);
  for (const part of ['then', 'else', 'if']) if (s[part] && typeof s[part] === 'object') outcomeFields(s[part] as JsonSchema, into);
  for (const list of ['allOf', 'anyOf', 'oneOf']) for (const sub of (s[list] as JsonSchema[] | undefined) ?? []) outcomeFields(sub, into);
  return into;
}

/**
 * The registry of procedure definitions, read by the API (opening dossiers, GET /procedures, council decisions), the
 * workflows (task kinds, council decisions), the activities (letters) and the web app (status labels). Pure.
 */
import type { TaskContext, TaskKind } from '../tasks/task-kinds';
import { validateOutcome } from '../tasks/task-kinds';
import { runValidator } from '../validation/checks';
import type { JsonSchema, SchemaError } from '../validation/schema';
import { OUTCOME_VALIDATORS } from '../tasks/outcome-validators.generated';
import { LEEFLOON } from './leefloon';
import { DEBT_MEDIATION } from './debt-mediation';
import { SOCIAL_AID } from './social-aid';
import { LOI } from './loi';
import { HEATING_ALLOWANCE } from './heating-allowance';
import { BENEFIT_ADVANCE } from './benefit-advance';
import { RENT_GUARANTEE } from './rent-guarantee';
import { PLACEMENT_COSTS } from './placement-costs';
import { COUNSELLING } from './counselling';
import type { AgendaItemKind, CouncilDecisionContext, ExternalEventKind, ProcedureDefinition, ProcedureStatus } from './types';

export const PROCEDURES = {
  leefloon: LEEFLOON,
  'social-aid': SOCIAL_AID,
  'debt-mediation': DEBT_MEDIATION,
  loi: LOI,
  'heating-allowance': HEATING_ALLOWANCE,
  'benefit-advance': BENEFIT_ADVANCE,
  'rent-guarantee': RENT_GUARANTEE,
  'placement-costs': PLACEMENT_COSTS,
  counselling: COUNSELLING,
} as const satisfies Record<string, ProcedureDefinition>;

export type ProcedureName = keyof typeof PROCEDURES;
export const PROCEDURE_NAMES = Object.keys(PROCEDURES) as ProcedureName[];

export function isProcedureName(name: string): name is ProcedureName {
  return Object.prototype.hasOwnProperty.call(PROCEDURES, name);
}

/** The definition of a stored procedure name; an unknown name is a programming error, not a fallback. */
export function procedureDefinition(name: string): ProcedureDefinition {
  if (!isProcedureName(name)) throw new RangeError(`unknown procedure ${name}`);
  return PROCEDURES[name];
}

/** A task kind of a procedure: kind names are scoped to their procedure. */
export function taskKindOf(procedure: string, kind: string): TaskKind {
  const kinds: Readonly<Record<string, TaskKind>> = procedureDefinition(procedure).taskKinds;
  const k = Object.prototype.hasOwnProperty.call(kinds, kind) ? kinds[kind] : undefined;
  if (!k) throw new RangeError(`unknown task kind ${kind} of procedure ${procedure}`);
  return k;
}

/** Schema first, then the kind's own rules: one list of errors in the API's error shape. */
export function validateTaskOutcome(procedure: string, kind: string, outcome: unknown, ctx: TaskContext): SchemaError[] {
  return validateOutcome(taskKindOf(procedure, kind), outcome, ctx, `${procedure}/${kind}`);
}

export function statusOf(procedure: string, code: string): ProcedureStatus | undefined {
  return procedureDefinition(procedure).statuses.find((s) => s.code === code);
}

/** The Dutch label of a dossier status; a status the definition does not know shows as its code. */
export function statusLabel(procedure: string, code: string): string {
  return (isProcedureName(procedure) ? statusOf(procedure, code)?.label : undefined) ?? code;
}

/**
 * A council decision on an agenda item of a procedure's dossier, against the procedure's decision schema for that
 * kind of item and its extra rules. Shared by the API (before anything is stored) and the workflow's Update validator.
 */
export function validateCouncilDecision(procedure: string, kind: AgendaItemKind, decision: Record<string, unknown>, ctx: CouncilDecisionContext): SchemaError[] {
  const rules = procedureDefinition(procedure).council.decisions[kind];
  // The standalone validator generated from the schema (npm run generate:validators): the workflow sandbox compiles nothing.
  const validate = OUTCOME_VALIDATORS[`${procedure}/council:${kind}`];
  if (!validate) throw new RangeError(`no generated validator for the ${kind} of procedure ${procedure}: run npm run generate:validators`);
  const errors = runValidator(validate, rules.schema, decision, { today: ctx.today });
  if (errors.length > 0 || !rules.check) return errors;
  return rules.check(decision, ctx);
}

/** The kind of external event `type` of a procedure, or undefined when the procedure accepts no such event. */
/** Why an event of `type` no longer reaches a dossier in `status` (ProcedureStatus.takesOnly), or undefined when it does. */
export function eventRefusedInStatus(procedure: string, status: string, type: string): string | undefined {
  const s = procedureDefinition(procedure).statuses.find((x) => x.code === status);
  if (!s?.takesOnly || s.takesOnly.includes(type)) return undefined;
  return `the dossier is winding up (${s.label}): only ${s.takesOnly.join(', ')} still reach it`;
}

export function eventKindOf(procedure: string, type: string): ExternalEventKind | undefined {
  const kinds: Readonly<Record<string, ExternalEventKind>> = procedureDefinition(procedure).events;
  return Object.prototype.hasOwnProperty.call(kinds, type) ? kinds[type] : undefined;
}

/**
 * An external event's type and data against the procedure's definition: an unknown type is one error at `/type`, bad
 * data errors under `/data`. Shared by the API (before anything is stored) and the workflow's Update validator, both
 * through the generated standalone validator (the workflow sandbox compiles nothing).
 */
export function validateExternalEvent(procedure: string, type: string, data: unknown, today: string): SchemaError[] {
  const kind = eventKindOf(procedure, type);
  if (!kind) {
    const known = Object.keys(procedureDefinition(procedure).events);
    return [{ path: '/type', code: 'unknown-event-type', message: `is not an event of the procedure ${procedure} (${known.join(', ') || 'none'})` }];
  }
  const validate = OUTCOME_VALIDATORS[`${procedure}/event:${type}`];
  if (!validate) throw new RangeError(`no generated validator for the event ${type} of procedure ${procedure}: run npm run generate:validators`);
  const errors = runValidator(validate, kind.schema, data, { today });
  if (errors.length === 0 && kind.check) errors.push(...kind.check(data as Record<string, unknown>));
  return errors.map((e) => ({ ...e, path: `/data${e.path}` }));
}

/** What the council decided, without who recorded it, on which item and how (the envelope the API and the Update add). */
export function councilDecisionContent(decision: object): Record<string, unknown> {
  const envelope = new Set(['itemId', 'userId', 'userRole', 'urgent', 'recordedBy', 'recordedAt']);
  return Object.fromEntries(Object.entries(decision).filter(([name, value]) => value !== undefined && !envelope.has(name)));
}

/**
 * The body of POST …/decision and POST /council/urgent-decisions before the item (and so its procedure) is known:
 * every field some procedure's decision has, except the decision date, which the API sets (session date) or takes
 * from the urgent decision. The item's own procedure then checks it (validateCouncilDecision).
 */
export function councilDecisionBodySchema(): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  const results = new Set<unknown>();
  for (const definition of Object.values(PROCEDURES) as ProcedureDefinition[]) {
    for (const { schema } of Object.values(definition.council.decisions)) {
      for (const [name, property] of Object.entries(schema.properties ?? {})) {
        if (name === 'decisionDate') continue;
        if (name === 'result') for (const option of property.oneOf ?? []) results.add(option.const);
        else properties[name] ??= property;
      }
    }
  }
  return {
    type: 'object',
    required: ['result', 'motivation'],
    properties: { result: { enum: [...results] }, ...properties },
    additionalProperties: false,
  };
}

import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ApiAuthenticated, ApiOk } from '../common/openapi';
import { PROCEDURES } from '../../../libs/procedures';
import type { ProcedureDefinition } from '../../../libs/procedures';
import { HOUSEHOLD_ROLE_LABELS, MEMBER_ROLES } from '../../../libs/domain/dossier-relations';

/** What GET /procedures says of each procedure: everything a client needs to show and fill in its dossiers. */
export function procedureView(p: ProcedureDefinition) {
  return {
    name: p.name,
    title: p.title,
    workflowType: p.workflowType,
    workflowTypes: p.workflowTypes,
    referencePrefix: p.referencePrefix,
    opensBy: p.opensBy ?? 'request',
    // The request → decision pipeline (§0.1): the BCSD decides on the request under its legal terms. Not so for a
    // counselling dossier (the social service guides on its own) or the LOI (opened by Fedasil's assignment).
    decidedByCouncil: p.deadlines !== undefined,
    statuses: [...p.statuses].sort((a, b) => a.order - b.order).map((s) => ({
      code: s.code, label: s.label, order: s.order, final: s.final === true, ...(s.takesOnly ? { takesOnly: [...s.takesOnly] } : {}),
    })),
    taskKinds: Object.entries(p.taskKinds).map(([kind, k]) => ({ kind, role: k.role, title: k.title, outcomeSchema: k.outcomeSchema })),
    council: {
      proposalSchema: p.council.proposalSchema,
      decisions: Object.entries(p.council.decisions).map(([itemKind, d]) => ({ itemKind, schema: d.schema })),
    },
    letters: { right: p.letters.right, request: p.letters.request, templates: p.letters.templates, appeal: { court: p.letters.appeal.court, ruleId: p.letters.appeal.ruleId, term: p.letters.appeal.term, legalBasis: p.letters.appeal.legalBasis } },
    events: Object.entries(p.events).map(([kind, e]) => ({
      kind, title: e.title, schema: e.schema, opensDossier: e.opensDossier === true, ...(e.permission ? { permission: e.permission } : {}),
    })),
    settings: Object.entries(p.settings).map(([name, s]) => ({ name, label: s.label, env: s.env, default: s.default, unit: s.unit })),
    household: p.household === true,
    // The roles a household member is added in, with their Dutch labels (empty without a household).
    householdRoles: p.household === true ? MEMBER_ROLES.map((role) => ({ role, label: HOUSEHOLD_ROLE_LABELS[role] })) : [],
  };
}

const STRING = { type: 'string' } as const;
const SCHEMA = { type: 'object', description: 'JSON Schema 2020-12', additionalProperties: true } as const;
const list = (required: string[], properties: Record<string, object>) => ({
  type: 'array',
  items: { type: 'object', required, properties, additionalProperties: false },
});
const PROCEDURE_VIEW = {
  type: 'object',
  required: ['name', 'title', 'workflowType', 'workflowTypes', 'referencePrefix', 'opensBy', 'decidedByCouncil', 'statuses', 'taskKinds', 'council', 'letters', 'events', 'settings'],
  additionalProperties: false,
  properties: {
    name: { ...STRING, example: 'leefloon' },
    title: { ...STRING, description: 'Dutch', example: 'Leefloon (RMI-wet)' },
    workflowType: STRING,
    workflowTypes: { type: 'array', items: STRING },
    referencePrefix: { ...STRING, example: 'LL' },
    opensBy: { enum: ['request', 'event'], description: 'request: POST /dossiers (a person asks); event: only an external event opens one (POST /intake/events)' },
    decidedByCouncil: { type: 'boolean', description: 'the request goes through the request → decision pipeline: the BCSD decides on it under its legal terms' },
    statuses: list(['code', 'label', 'order', 'final'], {
      code: { ...STRING, example: 'ON_AGENDA' }, label: { ...STRING, example: 'Geagendeerd op het BCSD' }, order: { type: 'integer' }, final: { type: 'boolean' },
      takesOnly: { type: 'array', items: STRING, description: 'the dossier winds up in this status: only these event kinds still reach it (409 for others)' },
    }),
    taskKinds: list(['kind', 'role', 'title', 'outcomeSchema'], { kind: STRING, role: STRING, title: STRING, outcomeSchema: SCHEMA }),
    council: {
      type: 'object',
      required: ['proposalSchema', 'decisions'],
      additionalProperties: false,
      properties: { proposalSchema: SCHEMA, decisions: list(['itemKind', 'schema'], { itemKind: { enum: ['decision', 'ratification'] }, schema: SCHEMA }) },
    },
    letters: {
      type: 'object',
      required: ['right', 'request', 'templates', 'appeal'],
      additionalProperties: false,
      properties: {
        right: { ...STRING, description: 'Dutch: the right decided on', example: 'leefloon' },
        request: { ...STRING, description: 'Dutch: what the client asks for, as the letters say it' },
        templates: { type: 'array', items: STRING },
        appeal: {
          type: 'object',
          required: ['court', 'ruleId', 'term', 'legalBasis'],
          additionalProperties: false,
          properties: { court: STRING, ruleId: { ...STRING, example: 'LL-10' }, term: STRING, legalBasis: STRING },
        },
      },
    },
    events: list(['kind', 'title', 'schema', 'opensDossier'], {
      kind: STRING, title: STRING, schema: SCHEMA, opensDossier: { type: 'boolean' },
      permission: { ...STRING, description: 'Only who holds this permission records it (a decision, such as an LOI sanction)' },
    }),
    settings: list(['name', 'label', 'env', 'default', 'unit'], {
      name: STRING, label: STRING, env: STRING, default: { type: 'integer' }, unit: { enum: ['days', 'day-of-month', 'weekday', 'months'] },
    }),
    household: { type: 'boolean', description: 'Its dossiers may concern household members besides the applicant (GET/POST /dossiers/:id/persons)' },
    householdRoles: list(['role', 'label'], { role: STRING, label: { ...STRING, description: 'Dutch', example: 'Partner' } }),
  },
};

@ApiTags('procedures')
@ApiAuthenticated()
@Controller('procedures')
export class ProceduresController {
  /** Every procedure the system runs, with its Dutch labels: any signed-in role may read it (no personal data). */
  @Get()
  @ApiOk({ type: 'object', required: ['items'], additionalProperties: false, properties: { items: { type: 'array', items: PROCEDURE_VIEW } } }, 'Every procedure with its Dutch labels')
  list() {
    return { items: (Object.values(PROCEDURES) as ProcedureDefinition[]).map(procedureView) };
  }
}

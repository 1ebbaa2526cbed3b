import { Body, Controller, Get, HttpCode, Inject, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { AppConfig } from '../../../libs/config/config';
import { todayIn } from '../../../libs/deadlines/calendar-date';
import type { JsonSchema } from '../../../libs/validation/schema';
import { AuthUser, CurrentUser } from '../common/current-user';
import {
  ANY,
  ApiAuthenticated,
  ApiBodySchema,
  ApiErrors,
  ApiOk,
  ApiPermission,
  ApiUuidParams,
  arrayOf,
  BOOLEAN,
  DATE_TIME,
  INTEGER,
  listOf,
  nullable,
  object,
  STRING,
  UUID,
} from '../common/openapi';
import { SchemaPipe } from '../common/schema.pipe';
import { CONFIG } from '../common/tokens';
import { ComputeRequest, LegalDeadlinesService } from './legal-deadlines.service';

const DATE = { type: 'string', format: 'date' } as const;
const REASON = { type: 'string', minLength: 1, maxLength: 1000 } as const;
const SUSPENSION: JsonSchema = { type: 'object', required: ['from', 'reason'], properties: { from: DATE, to: DATE, reason: REASON }, additionalProperties: false };
const EXTENSION: JsonSchema = {
  type: 'object',
  required: ['reason'],
  properties: {
    days: { type: 'integer', minimum: 1, maximum: 3660 },
    months: { type: 'integer', minimum: 1, maximum: 120 },
    /** For a rule whose extra days run from an event (CSR-2: the mediator's reminder, art. 1675/9 §3 Ger.W.): its date. */
    from: DATE,
    reason: REASON,
  },
  additionalProperties: false,
};
const COMPUTE: JsonSchema = {
  type: 'object',
  required: ['ruleId', 'trigger'],
  properties: {
    ruleId: { type: 'string', minLength: 1, maxLength: 40 },
    trigger: DATE,
    warningDays: { type: 'integer', minimum: 0, maximum: 60 },
    suspensions: { type: 'array', items: SUSPENSION, maxItems: 20 },
    extensions: { type: 'array', items: EXTENSION, maxItems: 20 },
  },
  additionalProperties: false,
};
const RESUME: JsonSchema = { type: 'object', required: ['to'], properties: { to: DATE }, additionalProperties: false };
const ID = new ParseUUIDPipe({ errorHttpStatusCode: 404 });
const COMPUTED = object(
  {
    ruleId: STRING,
    ruleVersion: INTEGER,
    title: STRING,
    legalBasis: STRING,
    trigger: DATE,
    due: { ...nullable(DATE), description: 'The last day still on time ("met by"); null while an open-ended suspension runs' },
    dueAt: nullable(DATE_TIME),
    consequenceFrom: nullable(DATE),
    consequence: nullable(STRING),
    judicialMonthEnd: nullable(STRING),
    indicative: BOOLEAN,
    warning: nullable(DATE),
    warningAt: nullable(DATE_TIME),
    suspendedSince: nullable(DATE),
    summary: STRING,
    explanation: ANY,
  },
  ['ruleId', 'ruleVersion', 'title', 'trigger', 'due'],
);
const CHANGED = object(
  {
    id: UUID,
    key: STRING,
    ruleId: nullable(STRING),
    status: STRING,
    triggerDate: DATE,
    dueDate: nullable(DATE),
    warningDate: nullable(DATE),
    suspendedSince: nullable(DATE),
    suspensions: arrayOf(ANY),
    extensions: arrayOf(ANY),
    explanation: ANY,
  },
  ['id', 'key', 'status', 'dueDate'],
);
const RECOMPUTED = object(
  {
    dossiers: INTEGER,
    told: INTEGER,
    notSupported: INTEGER,
    failed: INTEGER,
    clocks: object({ recomputed: INTEGER, changed: INTEGER, unchanged: INTEGER, refused: INTEGER }),
    failures: arrayOf(object({ dossierId: UUID, reference: STRING, reason: STRING })),
  },
  ['dossiers', 'told', 'notSupported', 'failed', 'clocks', 'failures'],
);

@ApiTags('legal deadlines')
@ApiAuthenticated()
@Controller()
export class LegalDeadlinesController {
  constructor(
    private readonly deadlines: LegalDeadlinesService,
    @Inject(CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('legal-deadlines/rules')
  @ApiOk(listOf({ type: 'object', description: 'A rule of the deadline catalogue (libs/config/deadline-catalogue)' }), 'The deadline catalogue in force')
  @ApiPermission('legal-deadlines:read')
  rules(@CurrentUser() actor: AuthUser) {
    return this.deadlines.rules(actor);
  }

  @Post('legal-deadlines/compute')
  @HttpCode(200)
  @ApiBodySchema(COMPUTE)
  @ApiOk(COMPUTED, 'The deadline, computed with its explanation (nothing is stored)')
  @ApiPermission('legal-deadlines:read')
  compute(@CurrentUser() actor: AuthUser, @Body(new SchemaPipe(COMPUTE)) body: ComputeRequest) {
    return this.deadlines.compute(actor, body);
  }

  /** Admin: every running dossier recomputes its open deadlines with the engine in force (after a correction). */
  @Post('admin/deadlines/recompute')
  @HttpCode(200)
  @ApiOk(RECOMPUTED, 'Every running dossier was told; the counts')
  @ApiPermission('deadline:recompute')
  recompute(@CurrentUser() actor: AuthUser) {
    return this.deadlines.recomputeRunning(actor);
  }

  @Post('dossiers/:id/deadlines/:deadlineId/suspensions')
  @HttpCode(200)
  @ApiBodySchema(SUSPENSION)
  @ApiUuidParams('id', 'deadlineId')
  @ApiOk(CHANGED, 'Suspended; the due date computed again')
  @ApiPermission('deadline:change')
  @ApiErrors(404, 409)
  suspend(
    @CurrentUser() actor: AuthUser,
    @Param('id', ID) id: string,
    @Param('deadlineId', ID) deadlineId: string,
    @Body(new SchemaPipe(SUSPENSION)) body: { from: string; to?: string; reason: string },
  ) {
    const suspension = { from: body.from, to: body.to ?? null, reason: body.reason, decidedBy: actor.id, decidedOn: todayIn(this.config.timeZone) };
    return this.deadlines.change(actor, id, deadlineId, { type: 'suspend', suspension });
  }

  /** Ends an open-ended suspension on `to` (the last suspended day); the due date is computed again. */
  @Post('dossiers/:id/deadlines/:deadlineId/suspensions/end')
  @HttpCode(200)
  @ApiBodySchema(RESUME)
  @ApiUuidParams('id', 'deadlineId')
  @ApiOk(CHANGED, 'The suspension ended; the due date computed again')
  @ApiPermission('deadline:change')
  @ApiErrors(404, 409)
  resume(@CurrentUser() actor: AuthUser, @Param('id', ID) id: string, @Param('deadlineId', ID) deadlineId: string, @Body(new SchemaPipe(RESUME)) body: { to: string }) {
    return this.deadlines.change(actor, id, deadlineId, { type: 'resume', to: body.to });
  }

  @Post('dossiers/:id/deadlines/:deadlineId/extensions')
  @HttpCode(200)
  @ApiBodySchema(EXTENSION)
  @ApiUuidParams('id', 'deadlineId')
  @ApiOk(CHANGED, 'Extended; the due date computed again')
  @ApiPermission('deadline:change')
  @ApiErrors(404, 409)
  extend(
    @CurrentUser() actor: AuthUser,
    @Param('id', ID) id: string,
    @Param('deadlineId', ID) deadlineId: string,
    @Body(new SchemaPipe(EXTENSION)) body: { days?: number; months?: number; from?: string; reason: string },
  ) {
    const extension = { ...body, decidedBy: actor.id, decidedOn: todayIn(this.config.timeZone) };
    return this.deadlines.change(actor, id, deadlineId, { type: 'extend', extension });
  }
}

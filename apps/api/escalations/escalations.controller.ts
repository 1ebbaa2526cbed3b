import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { BREACH_CAUSE_NOTE_MAX, BREACH_CAUSES } from '../../../libs/domain/breach-causes';
import type { JsonSchema } from '../../../libs/validation/schema';
import { AuthUser, CurrentUser } from '../common/current-user';
import { ApiAuthenticated, ApiBodySchema, ApiErrors, ApiOk, ApiPermission, ApiQuerySchema, ApiUuidParams, DATE, DATE_TIME, listOf, nullable, object, STRING, UUID } from '../common/openapi';
import { SchemaPipe } from '../common/schema.pipe';
import { Acknowledgement, EscalationQuery, EscalationsService } from './escalations.service';

const QUERY: JsonSchema = {
  type: 'object',
  properties: { status: { enum: ['open', 'acknowledged', 'all'] }, team: { type: 'string', maxLength: 63 } },
  additionalProperties: false,
};
const CAUSE = { enum: [...BREACH_CAUSES], description: 'Why the deadline was breached (libs/domain/breach-causes)' };
const ACKNOWLEDGEMENT: JsonSchema = {
  type: 'object',
  description: 'A breach needs its cause (400 without); a warning takes none. The body may be left out for a warning.',
  properties: { cause: CAUSE, causeNote: { type: 'string', minLength: 1, maxLength: BREACH_CAUSE_NOTE_MAX, description: 'Free text beside the cause' } },
  additionalProperties: false,
};
const ESCALATION = object(
  {
    id: UUID,
    dossierId: { ...nullable(UUID), description: 'null for a clock of the OCMW itself (the debt mediation annual report, DEBT-1)' },
    dossierReference: nullable(STRING),
    subject: { ...nullable(STRING), description: 'What a clock without a dossier is about; null for a dossier' },
    deadlineKey: nullable(STRING),
    ruleId: nullable(STRING),
    title: nullable(STRING),
    dueDate: nullable(DATE),
    level: STRING,
    message: STRING,
    team: STRING,
    createdAt: DATE_TIME,
    acknowledgedAt: nullable(DATE_TIME),
    acknowledgedBy: nullable(UUID),
    cause: { ...nullable(STRING), description: "The breach's cause; null for a warning, an open breach, or one acknowledged before causes were kept ('onbekend')" },
    causeNote: nullable(STRING),
  },
  ['id', 'dossierId', 'level', 'message', 'team'],
);

@ApiTags('escalations')
@ApiAuthenticated()
@Controller('escalations')
export class EscalationsController {
  constructor(private readonly escalations: EscalationsService) {}

  @Get()
  @ApiQuerySchema(QUERY)
  @ApiOk(listOf(ESCALATION), "The team's escalations (at most 500)")
  @ApiPermission('dashboard:read')
  @ApiErrors(404)
  list(@CurrentUser() actor: AuthUser, @Query(new SchemaPipe(QUERY)) query: EscalationQuery) {
    return this.escalations.list(actor, query);
  }

  @Post(':id/acknowledge')
  @HttpCode(200)
  @ApiUuidParams('id')
  @ApiBodySchema(ACKNOWLEDGEMENT)
  @ApiOk(
    object({ id: UUID, acknowledgedAt: DATE_TIME, acknowledgedBy: UUID, cause: nullable(STRING), causeNote: nullable(STRING) }, ['id', 'acknowledgedAt', 'acknowledgedBy']),
    'Acknowledged',
  )
  @ApiPermission('escalation:acknowledge')
  @ApiErrors(404, 409)
  acknowledge(
    @CurrentUser() actor: AuthUser,
    @Param('id', new ParseUUIDPipe({ errorHttpStatusCode: 404 })) id: string,
    @Body(new SchemaPipe(ACKNOWLEDGEMENT)) body: Acknowledgement,
  ) {
    return this.escalations.acknowledge(actor, id, body);
  }
}

import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { JsonSchema } from '../../../libs/validation/schema';
import { AuthUser, CurrentUser } from '../common/current-user';
import { ApiAuthenticated, ApiErrors, ApiOk, ApiPermission, ApiQuerySchema, ApiUuidParams, DATE, DATE_TIME, listOf, nullable, object, STRING, UUID } from '../common/openapi';
import { SchemaPipe } from '../common/schema.pipe';
import { EscalationQuery, EscalationsService } from './escalations.service';

const QUERY: JsonSchema = {
  type: 'object',
  properties: { status: { enum: ['open', 'acknowledged', 'all'] }, team: { type: 'string', maxLength: 63 } },
  additionalProperties: false,
};
const ESCALATION = object(
  {
    id: UUID,
    dossierId: UUID,
    dossierReference: STRING,
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
  @ApiOk(object({ id: UUID, acknowledgedAt: DATE_TIME, acknowledgedBy: UUID }, ['id', 'acknowledgedAt', 'acknowledgedBy']), 'Acknowledged')
  @ApiPermission('escalation:acknowledge')
  @ApiErrors(404, 409)
  acknowledge(@CurrentUser() actor: AuthUser, @Param('id', new ParseUUIDPipe({ errorHttpStatusCode: 404 })) id: string) {
    return this.escalations.acknowledge(actor, id);
  }
}

import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { JsonSchema } from '../../../libs/validation/schema';
import { AuthUser, CurrentUser } from '../common/current-user';
import { ApiAuthenticated, ApiBodySchema, ApiErrors, ApiOk, ApiPermission, ApiUuidParams, arrayOf, DATE, DATE_TIME, INTEGER, listOf, nullable, object, STRING, UUID } from '../common/openapi';
import { SchemaPipe } from '../common/schema.pipe';
import { NewReassignment, TeamService } from './team.service';

const REASSIGN: JsonSchema = {
  type: 'object',
  required: ['fromUserId', 'toUserId', 'reason'],
  properties: {
    fromUserId: { type: 'string', format: 'uuid' },
    toUserId: { type: 'string', format: 'uuid' },
    until: { type: 'string', format: 'date' },
    reason: { type: 'string', minLength: 1, maxLength: 500 },
  },
  additionalProperties: false,
};
const MOVED = { movedTasks: INTEGER, movedDossiers: INTEGER };
const REASSIGNMENT = object(
  {
    id: UUID,
    team: STRING,
    fromUserId: UUID,
    toUserId: UUID,
    until: nullable(DATE),
    reason: STRING,
    createdBy: UUID,
    createdAt: DATE_TIME,
    endedAt: nullable(DATE_TIME),
    taskIds: arrayOf(UUID),
    dossierIds: arrayOf(UUID),
    ...MOVED,
  },
  ['id', 'team', 'fromUserId', 'toUserId', 'reason'],
);

@ApiTags('team')
@ApiAuthenticated()
@Controller('team/reassignments')
export class TeamController {
  constructor(private readonly team: TeamService) {}

  @Post()
  @ApiBodySchema(REASSIGN)
  @ApiOk(object({ id: UUID, ...MOVED, dossierIds: arrayOf(UUID) }, ['id', 'movedTasks', 'movedDossiers']), "The absent worker's open work moved to the cover", 201)
  @ApiPermission('team:reassign')
  @ApiErrors(404, 409)
  reassign(@CurrentUser() actor: AuthUser, @Body(new SchemaPipe(REASSIGN)) body: NewReassignment) {
    return this.team.reassign(actor, body);
  }

  @Get()
  @ApiOk(listOf(REASSIGNMENT), "The team's reassignments, the latest first (at most 200)")
  @ApiPermission('dashboard:read')
  list(@CurrentUser() actor: AuthUser) {
    return this.team.list(actor);
  }

  @Post(':id/end')
  @HttpCode(200)
  @ApiUuidParams('id')
  @ApiOk(object({ id: UUID, endedAt: DATE_TIME, ...MOVED }, ['id', 'endedAt', 'movedTasks', 'movedDossiers']), 'Ended: what the cover still holds went back')
  @ApiPermission('team:reassign')
  @ApiErrors(404, 409)
  end(@CurrentUser() actor: AuthUser, @Param('id', new ParseUUIDPipe({ errorHttpStatusCode: 404 })) id: string) {
    return this.team.end(actor, id);
  }
}

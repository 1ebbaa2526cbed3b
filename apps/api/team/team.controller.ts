import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import type { JsonSchema } from '../../../libs/validation/schema';
import { AuthUser, CurrentUser } from '../common/current-user';
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

@ApiTags('team')
@ApiBearerAuth()
@Controller('team/reassignments')
export class TeamController {
  constructor(private readonly team: TeamService) {}

  @Post()
  @ApiBody({ schema: REASSIGN as object })
  reassign(@CurrentUser() actor: AuthUser, @Body(new SchemaPipe(REASSIGN)) body: NewReassignment) {
    return this.team.reassign(actor, body);
  }

  @Get()
  list(@CurrentUser() actor: AuthUser) {
    return this.team.list(actor);
  }

  @Post(':id/end')
  @HttpCode(200)
  end(@CurrentUser() actor: AuthUser, @Param('id', new ParseUUIDPipe({ errorHttpStatusCode: 404 })) id: string) {
    return this.team.end(actor, id);
  }
}

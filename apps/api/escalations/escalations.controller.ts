import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { JsonSchema } from '../../../libs/validation/schema';
import { AuthUser, CurrentUser } from '../common/current-user';
import { SchemaPipe } from '../common/schema.pipe';
import { EscalationQuery, EscalationsService } from './escalations.service';

const QUERY: JsonSchema = {
  type: 'object',
  properties: { status: { enum: ['open', 'acknowledged', 'all'] }, team: { type: 'string', maxLength: 63 } },
  additionalProperties: false,
};

@ApiTags('escalations')
@ApiBearerAuth()
@Controller('escalations')
export class EscalationsController {
  constructor(private readonly escalations: EscalationsService) {}

  @Get()
  list(@CurrentUser() actor: AuthUser, @Query(new SchemaPipe(QUERY)) query: EscalationQuery) {
    return this.escalations.list(actor, query);
  }

  @Post(':id/acknowledge')
  @HttpCode(200)
  acknowledge(@CurrentUser() actor: AuthUser, @Param('id', new ParseUUIDPipe({ errorHttpStatusCode: 404 })) id: string) {
    return this.escalations.acknowledge(actor, id);
  }
}

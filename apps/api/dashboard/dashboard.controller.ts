import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { JsonSchema } from '../../../libs/validation/schema';
import { AuthUser, CurrentUser } from '../common/current-user';
import { SchemaPipe } from '../common/schema.pipe';
import { DashboardQuery, DashboardService } from './dashboard.service';

const QUERY: JsonSchema = {
  type: 'object',
  properties: {
    team: { type: 'string', maxLength: 63 },
    limit: { type: 'string', pattern: '^([1-9]|[1-9][0-9]|[1-4][0-9][0-9]|500)$' },
  },
  additionalProperties: false,
};

@ApiTags('dashboard')
@ApiBearerAuth()
@Controller('dashboard')
export class DashboardController {
  constructor(private readonly dashboard: DashboardService) {}

  @Get('deadlines')
  deadlines(@CurrentUser() actor: AuthUser, @Query(new SchemaPipe(QUERY)) query: DashboardQuery) {
    return this.dashboard.deadlines(actor, query);
  }

  @Get('workload')
  workload(@CurrentUser() actor: AuthUser, @Query(new SchemaPipe(QUERY)) query: DashboardQuery) {
    return this.dashboard.workload(actor, query);
  }
}

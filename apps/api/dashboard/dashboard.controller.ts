import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { JsonSchema } from '../../../libs/validation/schema';
import { AuthUser, CurrentUser } from '../common/current-user';
import { ApiAuthenticated, ApiErrors, ApiOk, ApiPermission, ApiQuerySchema, arrayOf, DATE, INTEGER, nullable, object, STRING, UUID } from '../common/openapi';
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
const SOCIAL_WORKER = nullable(object({ id: UUID, displayName: STRING }));
const DEADLINE = object({
  deadlineId: UUID,
  dossierId: { ...nullable(UUID), description: 'null for a clock of the OCMW itself (the debt mediation annual report, DEBT-1)' },
  dossierReference: nullable(STRING),
  subject: { ...nullable(STRING), description: 'What a clock without a dossier is about ("Jaarverslag schuldbemiddeling 2026"); null for a dossier' },
  key: STRING,
  ruleId: nullable(STRING),
  title: STRING,
  legalBasis: nullable(STRING),
  dueDate: nullable(DATE),
  daysLeft: nullable(INTEGER),
  status: STRING,
  socialWorker: SOCIAL_WORKER,
});
const TEAM = { ...nullable(STRING), description: 'The team shown; null: every team (admin)' };
const DEADLINES = object(
  {
    asOf: DATE,
    team: TEAM,
    atRisk: arrayOf(DEADLINE),
    breached: arrayOf(DEADLINE),
    dueThisWeek: arrayOf(DEADLINE),
    suspended: arrayOf(DEADLINE),
    perSocialWorker: arrayOf(
      object({ socialWorker: SOCIAL_WORKER, open: INTEGER, atRisk: INTEGER, breached: INTEGER, dueThisWeek: INTEGER, nearestDueDate: nullable(DATE) }),
    ),
  },
  ['asOf', 'team', 'atRisk', 'breached', 'dueThisWeek', 'suspended', 'perSocialWorker'],
);
const COUNTS = { openTasks: INTEGER, overdueTasks: INTEGER, nearestDueDate: nullable(DATE) };
const WORKLOAD = object(
  {
    asOf: DATE,
    team: TEAM,
    workers: arrayOf(object({ user: object({ id: UUID, displayName: STRING, role: STRING, team: STRING }), ...COUNTS })),
    unassigned: object(COUNTS),
  },
  ['asOf', 'team', 'workers', 'unassigned'],
);

@ApiTags('dashboard')
@ApiAuthenticated()
@Controller('dashboard')
export class DashboardController {
  constructor(private readonly dashboard: DashboardService) {}

  @Get('deadlines')
  @ApiQuerySchema(QUERY)
  @ApiOk(DEADLINES, "The team's legal deadlines at risk, breached, due this week and suspended")
  @ApiPermission('dashboard:read')
  @ApiErrors(404)
  deadlines(@CurrentUser() actor: AuthUser, @Query(new SchemaPipe(QUERY)) query: DashboardQuery) {
    return this.dashboard.deadlines(actor, query);
  }

  @Get('workload')
  @ApiQuerySchema(QUERY)
  @ApiOk(WORKLOAD, "The team's open and overdue tasks per social worker")
  @ApiPermission('dashboard:read')
  @ApiErrors(404)
  workload(@CurrentUser() actor: AuthUser, @Query(new SchemaPipe(QUERY)) query: DashboardQuery) {
    return this.dashboard.workload(actor, query);
  }
}

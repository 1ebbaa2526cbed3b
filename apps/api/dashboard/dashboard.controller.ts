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

const TERM = object({ dueDate: nullable(DATE), status: nullable(STRING), metDate: nullable(DATE) }, ['dueDate', 'status', 'metDate']);
const DOSSIER_REF = { dossierId: UUID, reference: STRING, procedure: STRING, status: STRING };
const COMPETENCE = object(
  {
    asOf: DATE,
    team: TEAM,
    forwarded: arrayOf(object({ ...DOSSIER_REF, term: TERM }, ['dossierId', 'reference', 'procedure', 'status', 'term'])),
    received: arrayOf(object({ ...DOSSIER_REF, receivedOn: DATE, forwardingOcmw: nullable(STRING), open: { type: 'boolean' } }, ['dossierId', 'reference', 'procedure', 'status', 'receivedOn', 'forwardingOcmw', 'open'])),
    conflicts: arrayOf(object(
      { ...DOSSIER_REF, stage: { enum: ['to-submit', 'awaiting-designation', 'designated', 'decided'] }, submission: TERM, designation: nullable(TERM), decidedOn: nullable(DATE) },
      ['dossierId', 'reference', 'procedure', 'status', 'stage', 'submission', 'designation', 'decidedOn'],
    )),
    reimbursements: object({
      dossiers: arrayOf(object(
        { dossierId: UUID, reference: STRING, claims: INTEGER, claimedCents: INTEGER, reimbursedCents: INTEGER, outstandingCents: INTEGER, unanswered: INTEGER, oldestUnansweredOn: nullable(DATE) },
        ['dossierId', 'reference', 'claims', 'claimedCents', 'reimbursedCents', 'outstandingCents', 'unanswered', 'oldestUnansweredOn'],
      )),
      totals: object({ claimedCents: INTEGER, reimbursedCents: INTEGER, outstandingCents: INTEGER }, ['claimedCents', 'reimbursedCents', 'outstandingCents']),
    }, ['dossiers', 'totals']),
  },
  ['asOf', 'team', 'forwarded', 'received', 'conflicts', 'reimbursements'],
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

  @Get('competence')
  @ApiQuerySchema(QUERY)
  @ApiOk(COMPETENCE, "The team's requests forwarded and received, competence conflicts with POD MI, and Wet 1965 claims claimed and outstanding")
  @ApiPermission('dashboard:read')
  @ApiErrors(404)
  competence(@CurrentUser() actor: AuthUser, @Query(new SchemaPipe(QUERY)) query: DashboardQuery) {
    return this.dashboard.competence(actor, query);
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

import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CHANNELS, PROCEDURE_NAMES } from '../../../libs/procedures';
import type { JsonSchema } from '../../../libs/validation/schema';
import { AuthUser, CurrentUser } from '../common/current-user';
import {
  ANY,
  ApiAuthenticated,
  ApiBodySchema,
  ApiErrors,
  ApiOk,
  ApiPermission,
  ApiQuerySchema,
  ApiUuidParams,
  arrayOf,
  DATE,
  DATE_TIME,
  INTEGER,
  listOf,
  nullable,
  object,
  STRING,
  UUID,
} from '../common/openapi';
import { SchemaPipe } from '../common/schema.pipe';
import { DOSSIER_LINK, DOSSIER_PERSON } from '../dossier-relations/relation-view';
import { DOSSIER_PARTY, RECIPIENT_PARTY } from '../parties/party-view';
import { TASK } from '../tasks/task-view';
import { DossierFilters, LIST, LIST_ITEM_EXTRA } from './dossier-list';
import { DossiersService, OpenDossier } from './dossiers.service';

const OPEN: JsonSchema = {
  type: 'object',
  required: ['procedure', 'personId'],
  properties: {
    procedure: { enum: [...PROCEDURE_NAMES] },
    personId: { type: 'string', format: 'uuid' },
    // May lie in the past (a request registered late), never in the future: it starts the legal clocks.
    requestDate: { type: 'string', format: 'date', 'x-notFuture': true },
    channel: { enum: [...CHANNELS] },
  },
  additionalProperties: false,
};
const SUMMARY = {
  id: UUID,
  reference: { ...STRING, description: 'LL-2026-000123' },
  procedure: { enum: [...PROCEDURE_NAMES] },
  status: STRING,
  team: STRING,
  responsibleUserId: nullable(UUID),
  requestDate: DATE,
  openedAt: DATE_TIME,
  closedAt: nullable(DATE_TIME),
};
const DEADLINE = object({
  id: UUID,
  key: STRING,
  kind: STRING,
  ruleId: nullable(STRING),
  title: STRING,
  legalBasis: nullable(STRING),
  triggerDate: DATE,
  dueDate: nullable(DATE),
  warningDate: nullable(DATE),
  status: STRING,
  metDate: nullable(DATE),
  daysLeft: nullable(INTEGER),
  suspendedSince: nullable(DATE),
  explanation: nullable(STRING),
  explanationSteps: ANY,
});
const DOSSIER = object(
  {
    ...SUMMARY,
    channel: nullable(STRING),
    person: object({ id: UUID, firstName: STRING, lastName: STRING, nationalNumber: nullable(STRING) }),
    openTasks: arrayOf(TASK),
    doneTasks: arrayOf(TASK),
    deadlines: arrayOf(DEADLINE),
    parties: arrayOf(DOSSIER_PARTY),
    links: arrayOf(DOSSIER_LINK),
    persons: arrayOf(DOSSIER_PERSON),
    notices: arrayOf(object({ id: UUID, kind: STRING, recipient: STRING, recipientParty: RECIPIENT_PARTY, channel: STRING, dueDate: nullable(DATE), sentAt: nullable(DATE_TIME) })),
    timeline: arrayOf(object({ at: DATE_TIME, type: STRING, description: STRING })),
    // The competence check's determination (Wet 1965), when it was completed with its facts; null otherwise.
    competence: nullable(object({
      competent: { ...STRING, description: 'NIS code of the competent OCMW' },
      competentName: { ...STRING, description: 'Dutch' },
      thisOcmw: { type: 'boolean' },
      rule: STRING,
      legalBasis: { ...STRING, description: 'Dutch' },
      steps: { type: 'array', items: { ...STRING, description: 'Dutch' } },
    }, ['competent', 'competentName', 'thisOcmw', 'rule', 'legalBasis', 'steps'])),
  },
  ['id', 'reference', 'procedure', 'status', 'team'],
);

@ApiTags('dossiers')
@ApiAuthenticated()
@Controller('dossiers')
export class DossiersController {
  constructor(private readonly dossiers: DossiersService) {}

  @Post()
  @ApiBodySchema(OPEN)
  @ApiOk(object({ id: UUID, reference: STRING, status: STRING, workflowId: STRING }, ['id', 'reference', 'status']), 'Opened, its procedure started', 201)
  @ApiPermission('dossier:create')
  @ApiErrors(404, 409)
  open(@CurrentUser() actor: AuthUser, @Body(new SchemaPipe(OPEN)) body: OpenDossier) {
    return this.dossiers.open(actor, body);
  }

  @Get()
  @ApiQuerySchema(LIST)
  @ApiOk(
    listOf(object({ ...SUMMARY, ...LIST_ITEM_EXTRA }, ['id', 'reference', 'procedure', 'procedureTitle', 'status', 'statusLabel', 'personId', 'nearestDeadline']), true),
    'Mijn dossiers (scope=mine) or the team\'s, filtered; the nearest open legal deadline first (an audited read)',
  )
  @ApiPermission('dossier:read')
  @ApiErrors(404)
  list(@CurrentUser() actor: AuthUser, @Query(new SchemaPipe(LIST)) query: DossierFilters) {
    return this.dossiers.list(actor, query);
  }

  @Get(':id')
  @ApiUuidParams('id')
  @ApiOk(DOSSIER, 'The dossier with its person, tasks, deadlines, notices and timeline (an audited read)')
  @ApiPermission('dossier:read')
  @ApiErrors(404)
  get(@CurrentUser() actor: AuthUser, @Param('id', new ParseUUIDPipe({ errorHttpStatusCode: 404 })) id: string) {
    return this.dossiers.get(actor, id);
  }

  @Get(':id/audit')
  @ApiUuidParams('id')
  @ApiOk(listOf(object({ at: DATE_TIME, actorId: nullable(UUID), actorRole: nullable(STRING), action: STRING, details: ANY })), 'Who did what on the dossier')
  @ApiPermission('dossier:audit')
  @ApiErrors(404)
  auditTrail(@CurrentUser() actor: AuthUser, @Param('id', new ParseUUIDPipe({ errorHttpStatusCode: 404 })) id: string) {
    return this.dossiers.auditTrail(actor, id);
  }
}

import { Body, Controller, Get, Header, HttpCode, Param, ParseUUIDPipe, Post, Query, StreamableFile } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { councilDecisionBodySchema } from '../../../libs/procedures';
import { COUNCIL_RESULTS } from '../../../workflows/shared/dossier.messages';
import type { JsonSchema } from '../../../libs/validation/schema';
import { AuthUser, CurrentUser } from '../common/current-user';
import {
  ANY,
  ApiAuthenticated,
  ApiBodySchema,
  ApiErrors,
  ApiFile,
  ApiOk,
  ApiPermission,
  ApiQuerySchema,
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
import { CouncilService, DecisionBody, MoveItemBody, MoveSessionBody } from './council.service';

const DATE = { type: 'string', format: 'date' } as const;
/** Every field some procedure's decision has; the item's own procedure then checks the decision (libs/procedures). */
const DECISION: JsonSchema = councilDecisionBodySchema();
const URGENT: JsonSchema = {
  ...DECISION,
  required: ['itemId', ...(DECISION.required ?? [])],
  properties: { ...DECISION.properties, itemId: { type: 'string', format: 'uuid' }, decisionDate: { ...DATE, 'x-notFuture': true } },
};
/** A session is planned from today up to two years ahead (the house rules' calendar covers far less). */
const SESSION = {
  date: { ...DATE, 'x-notPast': true, 'x-maxYearsAhead': 2 },
  time: { type: 'string', pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$' },
  place: { type: 'string', minLength: 1, maxLength: 200 },
} as const;
const MEETING: JsonSchema = { type: 'object', required: ['date'], properties: SESSION, additionalProperties: false };
const REASON = { type: 'string', minLength: 1, maxLength: 1000 } as const;
const MOVE_SESSION: JsonSchema = { type: 'object', required: ['date', 'reason'], properties: { ...SESSION, reason: REASON }, additionalProperties: false };
const MOVE_ITEM: JsonSchema = {
  type: 'object',
  required: ['reason'],
  properties: {
    toMeetingId: { type: 'string', format: 'uuid' },
    extraordinary: { type: 'object', required: ['date'], properties: SESSION, additionalProperties: false },
    reason: REASON,
  },
  additionalProperties: false,
};
const RANGE: JsonSchema = { type: 'object', properties: { from: DATE, to: DATE }, additionalProperties: false };
const ID = new ParseUUIDPipe({ errorHttpStatusCode: 404 });
const MEETING_PROPERTIES = {
  id: UUID,
  date: DATE,
  time: STRING,
  place: STRING,
  cutoffDate: { ...DATE, description: 'The last day an item can be put on its agenda' },
  kind: { enum: ['regular', 'extraordinary'] },
  status: { enum: ['planned', 'closed'] },
  movedFrom: nullable(DATE),
};
const MEETING_REQUIRED = ['id', 'date', 'time', 'place', 'cutoffDate', 'kind', 'status'];
const MEETING_VIEW = object(MEETING_PROPERTIES, MEETING_REQUIRED);
const SUMMARY = object({ ...MEETING_PROPERTIES, agendaOpen: BOOLEAN, items: INTEGER, urgentItems: INTEGER }, MEETING_REQUIRED);
const ITEM = object(
  {
    id: UUID,
    dossierId: UUID,
    dossierReference: STRING,
    clientName: nullable(STRING),
    kind: { enum: ['decision', 'ratification'] },
    proposal: ANY,
    hearingRequested: BOOLEAN,
    urgent: BOOLEAN,
    decisionDue: nullable(DATE),
    status: { enum: ['scheduled', 'decided', 'postponed'] },
    decision: ANY,
  },
  ['id', 'dossierId', 'kind', 'status'],
);
const AGENDA = object({ ...MEETING_PROPERTIES, items: arrayOf(ITEM) }, [...MEETING_REQUIRED, 'items']);
/** The workflow outbox's immediate delivery of the change to the dossiers (what is pending, the relay delivers). */
const DELIVERY = object({ delivered: INTEGER, rejected: INTEGER, pending: INTEGER }, ['delivered', 'rejected', 'pending']);
const RECORDED = object(
  {
    itemId: UUID,
    dossierId: UUID,
    dossierReference: STRING,
    result: { enum: [...COUNCIL_RESULTS] },
    decisionDate: DATE,
    motivation: STRING,
    category: { enum: [1, 2, 3] },
    monthlyAmountCents: INTEGER,
    startDate: DATE,
    aidForm: STRING,
    amountCents: INTEGER,
    aidDescription: STRING,
    payeePartyId: UUID,
    urgent: BOOLEAN,
    recordedBy: UUID,
    recordedAt: DATE_TIME,
  },
  ['itemId', 'dossierId', 'result', 'decisionDate', 'urgent'],
);

@ApiTags('council (BCSD)')
@ApiAuthenticated()
@Controller('council')
export class CouncilController {
  constructor(private readonly council: CouncilService) {}

  @Get('meetings')
  @ApiQuerySchema(RANGE)
  @ApiOk(listOf(SUMMARY), 'The sessions from `from` (today) to `to` (some months ahead), with their number of items')
  @ApiPermission('council:read')
  meetings(@CurrentUser() actor: AuthUser, @Query(new SchemaPipe(RANGE)) query: { from?: string; to?: string }) {
    return this.council.meetings(actor, query);
  }

  @Post('meetings')
  @ApiBodySchema(MEETING)
  @ApiOk(MEETING_VIEW, 'The extraordinary session (the one already planned at that date and time, if any)', 201)
  @ApiPermission('council:manage')
  create(@CurrentUser() actor: AuthUser, @Body(new SchemaPipe(MEETING)) body: { date: string; time?: string; place?: string }) {
    return this.council.createExtraordinary(actor, body);
  }

  @Get('meetings/:id')
  @ApiUuidParams('id')
  @ApiOk(AGENDA, 'The session and its agenda (an audited read)')
  @ApiPermission('council:read')
  @ApiErrors(404)
  meeting(@CurrentUser() actor: AuthUser, @Param('id', ID) id: string) {
    return this.council.meeting(actor, id);
  }

  @Get('meetings/:id/agenda.pdf')
  @Header('Content-Type', 'application/pdf')
  @ApiUuidParams('id')
  @ApiFile('The agenda', 'application/pdf')
  @ApiPermission('council:read')
  @ApiErrors(404)
  async agendaPdf(@CurrentUser() actor: AuthUser, @Param('id', ID) id: string) {
    return new StreamableFile(await this.council.agendaPdf(actor, id), { disposition: `attachment; filename="agenda-${id}.pdf"` });
  }

  @Post('meetings/:id/items/:itemId/decision')
  @HttpCode(200)
  @ApiBodySchema(DECISION)
  @ApiUuidParams('id', 'itemId')
  @ApiOk(RECORDED, "Recorded, and taken by the dossier's workflow")
  @ApiPermission('council:manage')
  @ApiErrors(404, 409)
  decide(@CurrentUser() actor: AuthUser, @Param('id', ID) id: string, @Param('itemId', ID) itemId: string, @Body(new SchemaPipe(DECISION)) body: DecisionBody) {
    return this.council.decide(actor, id, itemId, body);
  }

  /** The chair moves the session (date, time, place): its dossiers follow, hearing invitations are sent again. */
  @Post('meetings/:id/move')
  @HttpCode(200)
  @ApiBodySchema(MOVE_SESSION)
  @ApiUuidParams('id')
  @ApiOk(
    object({ ...MEETING_PROPERTIES, items: { ...INTEGER, description: 'Undecided items moved with it' }, delivery: DELIVERY }, ['id', 'date', 'time', 'place', 'items', 'delivery']),
    'Moved; its dossiers are told through the workflow outbox',
  )
  @ApiPermission('council:manage')
  @ApiErrors(404, 409)
  moveSession(@CurrentUser() actor: AuthUser, @Param('id', ID) id: string, @Body(new SchemaPipe(MOVE_SESSION)) body: MoveSessionBody) {
    return this.council.moveSession(actor, id, body);
  }

  /** An undecided item to another session, or to an extraordinary session (`extraordinary: {date, time?, place?}`). */
  @Post('meetings/:id/items/:itemId/move')
  @HttpCode(200)
  @ApiBodySchema(MOVE_ITEM)
  @ApiUuidParams('id', 'itemId')
  @ApiOk(
    object({ itemId: UUID, dossierId: UUID, meetingId: UUID, date: DATE, time: STRING, kind: STRING, delivery: DELIVERY }, ['itemId', 'dossierId', 'meetingId', 'date', 'delivery']),
    'Moved; its dossier is told through the workflow outbox',
  )
  @ApiPermission('council:manage')
  @ApiErrors(404, 409)
  moveItem(@CurrentUser() actor: AuthUser, @Param('id', ID) id: string, @Param('itemId', ID) itemId: string, @Body(new SchemaPipe(MOVE_ITEM)) body: MoveItemBody) {
    return this.council.moveItem(actor, id, itemId, body);
  }

  @Post('meetings/:id/close')
  @HttpCode(200)
  @ApiUuidParams('id')
  @ApiOk(object({ id: UUID, status: { const: 'closed' } }, ['id', 'status']), 'Closed')
  @ApiPermission('council:manage')
  @ApiErrors(404, 409)
  close(@CurrentUser() actor: AuthUser, @Param('id', ID) id: string) {
    return this.council.close(actor, id);
  }

  @Post('urgent-decisions')
  @HttpCode(200)
  @ApiBodySchema(URGENT)
  @ApiOk(RECORDED, "The chair's urgent decision, recorded and taken by the workflow; the next session ratifies it")
  @ApiPermission('council:manage')
  @ApiErrors(404, 409)
  urgent(@CurrentUser() actor: AuthUser, @Body(new SchemaPipe(URGENT)) body: DecisionBody & { itemId: string; decisionDate?: string }) {
    return this.council.urgent(actor, body);
  }
}

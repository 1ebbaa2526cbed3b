import { Body, Controller, Get, Header, HttpCode, Param, ParseUUIDPipe, Post, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import { councilDecisionBodySchema } from '../../../libs/procedures';
import type { JsonSchema } from '../../../libs/validation/schema';
import { AuthUser, CurrentUser } from '../common/current-user';
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

@ApiTags('council (BCSD)')
@ApiBearerAuth()
@Controller('council')
export class CouncilController {
  constructor(private readonly council: CouncilService) {}

  @Get('meetings')
  meetings(@CurrentUser() actor: AuthUser, @Query(new SchemaPipe(RANGE)) query: { from?: string; to?: string }) {
    return this.council.meetings(actor, query);
  }

  @Post('meetings')
  @ApiBody({ schema: MEETING as object })
  create(@CurrentUser() actor: AuthUser, @Body(new SchemaPipe(MEETING)) body: { date: string; time?: string; place?: string }) {
    return this.council.createExtraordinary(actor, body);
  }

  @Get('meetings/:id')
  meeting(@CurrentUser() actor: AuthUser, @Param('id', ID) id: string) {
    return this.council.meeting(actor, id);
  }

  @Get('meetings/:id/agenda.pdf')
  @Header('Content-Type', 'application/pdf')
  async agendaPdf(@CurrentUser() actor: AuthUser, @Param('id', ID) id: string) {
    return new StreamableFile(await this.council.agendaPdf(actor, id), { disposition: `attachment; filename="agenda-${id}.pdf"` });
  }

  @Post('meetings/:id/items/:itemId/decision')
  @HttpCode(200)
  @ApiBody({ schema: DECISION as object })
  decide(@CurrentUser() actor: AuthUser, @Param('id', ID) id: string, @Param('itemId', ID) itemId: string, @Body(new SchemaPipe(DECISION)) body: DecisionBody) {
    return this.council.decide(actor, id, itemId, body);
  }

  /** The chair moves the session (date, time, place): its dossiers follow, hearing invitations are sent again. */
  @Post('meetings/:id/move')
  @HttpCode(200)
  @ApiBody({ schema: MOVE_SESSION as object })
  moveSession(@CurrentUser() actor: AuthUser, @Param('id', ID) id: string, @Body(new SchemaPipe(MOVE_SESSION)) body: MoveSessionBody) {
    return this.council.moveSession(actor, id, body);
  }

  /** An undecided item to another session, or to an extraordinary session (`extraordinary: {date, time?, place?}`). */
  @Post('meetings/:id/items/:itemId/move')
  @HttpCode(200)
  @ApiBody({ schema: MOVE_ITEM as object })
  moveItem(@CurrentUser() actor: AuthUser, @Param('id', ID) id: string, @Param('itemId', ID) itemId: string, @Body(new SchemaPipe(MOVE_ITEM)) body: MoveItemBody) {
    return this.council.moveItem(actor, id, itemId, body);
  }

  @Post('meetings/:id/close')
  @HttpCode(200)
  close(@CurrentUser() actor: AuthUser, @Param('id', ID) id: string) {
    return this.council.close(actor, id);
  }

  @Post('urgent-decisions')
  @HttpCode(200)
  @ApiBody({ schema: URGENT as object })
  urgent(@CurrentUser() actor: AuthUser, @Body(new SchemaPipe(URGENT)) body: DecisionBody & { itemId: string; decisionDate?: string }) {
    return this.council.urgent(actor, body);
  }
}

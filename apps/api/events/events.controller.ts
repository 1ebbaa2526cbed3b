import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { PROCEDURE_NAMES } from '../../../libs/procedures';
import { AuthUser, CurrentUser } from '../common/current-user';
import {
  ANY,
  ApiAuthenticated,
  ApiBodySchema,
  ApiErrors,
  ApiOk,
  ApiPermission,
  ApiUuidParams,
  arrayOf,
  BOOLEAN,
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
import { IMPORT_FILE, INTAKE_EVENT, RECORD_EVENT } from './events.schemas';
import { EventsService, IntakeEvent, RecordEvent } from './events.service';

const EVENT = {
  id: UUID,
  dossierId: UUID,
  procedure: { enum: [...PROCEDURE_NAMES] },
  type: STRING,
  title: { ...STRING, description: 'Dutch, from the event kind' },
  occurredOn: DATE,
  reference: nullable(STRING),
  data: ANY,
  openedDossier: BOOLEAN,
  source: { enum: ['api', 'intake', 'import'] },
  recordedBy: UUID,
  recordedAt: DATE_TIME,
};
const RECORDED = object(
  { ...EVENT, duplicate: { ...BOOLEAN, description: 'Recorded before (same reference): the existing event, nothing changed' }, delivered: BOOLEAN },
  ['id', 'dossierId', 'type', 'occurredOn', 'duplicate'],
);
const IMPORTED = object(
  {
    fileName: STRING,
    lines: INTEGER,
    recorded: INTEGER,
    duplicates: INTEGER,
    items: arrayOf(object({ line: INTEGER, eventId: UUID, dossierId: UUID, duplicate: BOOLEAN }, ['line', 'eventId', 'dossierId', 'duplicate'])),
  },
  ['lines', 'recorded', 'duplicates', 'items'],
);

interface StatusResponse {
  status(code: number): unknown;
}

/** Events from outside: recorded in a dossier, opening a dossier (intake), or read from an import file. */
@ApiTags('events')
@ApiAuthenticated()
@Controller()
export class EventsController {
  constructor(private readonly events: EventsService) {}

  @Post('dossiers/:id/events')
  @ApiUuidParams('id')
  @ApiBodySchema(RECORD_EVENT, "The event, checked against the dossier's procedure's event kind (GET /procedures: events)")
  @ApiOk(RECORDED, 'Recorded and delivered to the dossier (200 with the existing event when its reference was recorded before)', 201)
  @ApiPermission('event:record')
  @ApiErrors(404, 409)
  async record(
    @CurrentUser() actor: AuthUser,
    @Param('id', new ParseUUIDPipe({ errorHttpStatusCode: 404 })) id: string,
    @Body(new SchemaPipe(RECORD_EVENT)) body: RecordEvent,
    @Res({ passthrough: true }) res: StatusResponse,
  ) {
    const { created, body: answer } = await this.events.record(actor, id, body);
    if (!created) res.status(200);
    return answer;
  }

  @Get('dossiers/:id/events')
  @ApiUuidParams('id')
  @ApiOk(listOf(object({ ...EVENT, delivery: { enum: ['pending', 'delivered', 'rejected'] } }, ['id', 'type', 'occurredOn', 'delivery'])), "The dossier's events from outside, as recorded, with their delivery to the workflow")
  @ApiPermission('event:read')
  @ApiErrors(404)
  list(@CurrentUser() actor: AuthUser, @Param('id', new ParseUUIDPipe({ errorHttpStatusCode: 404 })) id: string) {
    return this.events.list(actor, id);
  }

  @Post('intake/events')
  @ApiBodySchema(INTAKE_EVENT, 'An event that opens a dossier (its kind has opensDossier): a registered person or a new one as POST /persons takes it')
  @ApiOk(RECORDED, 'The dossier opened with the event as its first (200 with the existing event when the same procedure, type and reference came before)', 201)
  @ApiPermission('intake:record')
  @ApiErrors(404, 409)
  async intake(@CurrentUser() actor: AuthUser, @Body(new SchemaPipe(INTAKE_EVENT)) body: IntakeEvent, @Res({ passthrough: true }) res: StatusResponse) {
    const { created, body: answer } = await this.events.intake(actor, body);
    if (!created) res.status(200);
    return answer;
  }

  @Post('intake/imports')
  @ApiBodySchema(IMPORT_FILE, 'An import file (JSON lines, see the README): every line is checked before anything is recorded')
  @ApiOk(IMPORTED, 'Every line recorded (a line recorded before counts as a duplicate and adds nothing)', 201)
  @ApiPermission('intake:import')
  @ApiErrors(409)
  import(@CurrentUser() actor: AuthUser, @Body(new SchemaPipe(IMPORT_FILE)) body: { fileName: string; content: string }) {
    return this.events.import(actor, body);
  }
}

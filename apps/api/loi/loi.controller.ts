import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query, Req, StreamableFile } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { JsonSchema } from '../../../libs/validation/schema';
import { AuthUser, CurrentUser } from '../common/current-user';
import { ApiAuthenticated, ApiBodySchema, ApiErrors, ApiFile, ApiOk, ApiOkOrFile, ApiPermission, ApiQuerySchema, ApiUuidParams, arrayOf, BOOLEAN, DATE, INTEGER, nullable, object, STRING, UUID } from '../common/openapi';
import { SchemaPipe } from '../common/schema.pipe';
import { ValidationError } from '../common/errors';
import { CSV_TYPE, exportFormat, toCsv } from '../figures/figure-table';
import { Closure, LoiService, NewPeriod, NewPlace } from './loi.service';

const MONTH = { type: 'string', pattern: '^[0-9]{4}-(0[1-9]|1[0-2])$' } as const;
const PLACES_QUERY: JsonSchema = {
  type: 'object',
  properties: { month: { ...MONTH, description: 'YYYY-MM (default: this month)' }, team: { type: 'string', maxLength: 63 } },
  additionalProperties: false,
};
const CLAIM_QUERY: JsonSchema = {
  type: 'object',
  properties: { team: { type: 'string', maxLength: 63 }, format: { enum: ['json', 'csv'], description: 'json (default) or csv' } },
  additionalProperties: false,
};
const NEW_PLACE: JsonSchema = {
  type: 'object',
  required: ['code', 'address', 'capacity', 'target', 'openedOn'],
  properties: {
    code: { type: 'string', minLength: 1, maxLength: 20, pattern: '^[A-Za-z0-9 ./-]+$', title: 'Code' },
    address: { type: 'string', minLength: 1, maxLength: 200, title: 'Adres' },
    unit: { type: 'string', minLength: 1, maxLength: 40, title: 'Wooneenheid' },
    capacity: { type: 'integer', minimum: 1, maximum: 50, title: 'Aantal plaatsen (bedden)' },
    target: { enum: ['family', 'single'], title: 'Voor gezinnen of alleenstaanden' },
    adaptedForVulnerable: { type: 'boolean', title: 'Aangepast voor kwetsbare personen' },
    openedOn: { type: 'string', format: 'date', title: 'In gebruik sinds' },
  },
  additionalProperties: false,
};
const NEW_PERIOD: JsonSchema = {
  type: 'object',
  required: ['state', 'from', 'reason'],
  properties: {
    state: { enum: ['suspended', 'out-of-use'] },
    from: { type: 'string', format: 'date' },
    to: { type: 'string', format: 'date' },
    reason: { type: 'string', minLength: 1, maxLength: 500 },
  },
  additionalProperties: false,
};
const CLOSURE: JsonSchema = {
  type: 'object',
  required: ['noticeOn'],
  properties: { noticeOn: { type: 'string', format: 'date', description: 'The day notice is given to Fedasil (LOI-7); not after today' } },
  additionalProperties: false,
};
const CLOSING = object({ placeId: UUID, noticeOn: DATE, closesOn: DATE, ruleId: STRING, explanation: STRING }, ['placeId', 'noticeOn', 'closesOn', 'ruleId', 'explanation']);
const DAYS = object({ occupied: INTEGER, free: INTEGER, suspended: INTEGER, 'out-of-use': INTEGER }, ['occupied', 'free', 'suspended', 'out-of-use']);
const PLACE = object(
  {
    id: UUID, code: STRING, address: STRING, unit: nullable(STRING), capacity: INTEGER, target: STRING, adaptedForVulnerable: BOOLEAN, openedOn: DATE, closesOn: nullable(DATE),
    placeDays: DAYS, perDay: arrayOf(object({ day: DATE, occupied: INTEGER, free: INTEGER, suspended: INTEGER, 'out-of-use': INTEGER }, ['day'])),
  },
  ['id', 'code', 'capacity', 'placeDays', 'perDay'],
);
const PLACES = object({ month: STRING, team: nullable(STRING), items: arrayOf(PLACE) }, ['month', 'team', 'items']);
const CREATED = object({ id: UUID, code: STRING, capacity: INTEGER }, ['id', 'code', 'capacity']);
const PERIOD = object({ id: UUID, placeId: UUID, state: STRING, from: DATE, to: nullable(DATE), reason: STRING }, ['id', 'placeId', 'state', 'from']);
const CLAIM = object(
  {
    month: STRING, team: nullable(STRING), ratesValidFrom: DATE, totalCents: INTEGER, total: STRING, outOfUseDays: INTEGER, places: INTEGER,
    lines: arrayOf(object({ state: STRING, placeDays: INTEGER, rateCents: INTEGER, amountCents: INTEGER }, ['state', 'placeDays', 'rateCents', 'amountCents'])),
  },
  ['month', 'team', 'ratesValidFrom', 'totalCents', 'total', 'outOfUseDays', 'places', 'lines'],
);
const TEAM_QUERY: JsonSchema = { type: 'object', properties: { team: { type: 'string', maxLength: 63 } }, additionalProperties: false };
const PERSON = object({ firstName: STRING, lastName: STRING, birthDate: nullable(DATE), role: STRING }, ['firstName', 'lastName']);
const RESIDENTS = object(
  {
    team: nullable(STRING), today: DATE,
    items: arrayOf(object(
      {
        dossierId: UUID, reference: STRING, status: STRING, statusLabel: { ...STRING, description: 'Dutch' }, assignedOn: DATE, applicant: PERSON, household: arrayOf(PERSON),
        place: nullable(object({ id: UUID, code: STRING, since: DATE }, ['id', 'code', 'since'])),
        declarations: arrayOf(object({ partnerMessageId: UUID, kind: { enum: ['arrival', 'departure'] }, day: DATE, dueAt: nullable(STRING), overdue: BOOLEAN }, ['partnerMessageId', 'kind', 'day', 'dueAt', 'overdue'])),
        evaluation: nullable(object({ taskId: UUID, n: nullable(INTEGER), dueDate: nullable(DATE), assignee: nullable(STRING), overdue: BOOLEAN }, ['taskId', 'n', 'dueDate', 'assignee', 'overdue'])),
      },
      ['dossierId', 'reference', 'status', 'statusLabel', 'assignedOn', 'applicant', 'household', 'place', 'declarations', 'evaluation'],
    )),
  },
  ['team', 'today', 'items'],
);
const uuid = () => new ParseUUIDPipe({ errorHttpStatusCode: 404 });

/** The LOI's places, their occupancy and Fedasil's monthly claim (domain §4; issue 13). */
@ApiTags('loi')
@ApiAuthenticated()
@Controller('loi')
export class LoiController {
  constructor(private readonly loi: LoiService) {}

  @Get('places')
  @ApiQuerySchema(PLACES_QUERY)
  @ApiOk(PLACES, "The team's LOI places with the month's place-days by state (a place is a bed: a unit's capacity) and each day's")
  @ApiPermission('loi:read')
  @ApiErrors(400, 403, 404)
  places(@CurrentUser() actor: AuthUser, @Query(new SchemaPipe(PLACES_QUERY)) query: { month?: string; team?: string }) {
    return this.loi.places(actor, query);
  }

  @Get('residents')
  @ApiQuerySchema(TEAM_QUERY)
  @ApiOk(RESIDENTS, "The households of the team's open LOI dossiers: their persons today, their place, the Match-IT declarations waiting and the evaluation due")
  @ApiPermission('loi:read')
  @ApiErrors(400, 403, 404)
  residents(@CurrentUser() actor: AuthUser, @Query(new SchemaPipe(TEAM_QUERY)) query: { team?: string }) {
    return this.loi.residents(actor, query);
  }

  @Post('places')
  @ApiBodySchema(NEW_PLACE)
  @ApiOk(CREATED, 'A place of the own team; audited. 409: the code exists', 201)
  @ApiPermission('loi:write')
  @ApiErrors(400, 403, 409)
  create(@CurrentUser() actor: AuthUser, @Body(new SchemaPipe(NEW_PLACE)) body: NewPlace) {
    return this.loi.create(actor, body);
  }

  @Post('places/:id/periods')
  @ApiUuidParams('id')
  @ApiBodySchema(NEW_PERIOD)
  @ApiOk(PERIOD, 'The place suspended or out of use for a period (its free beds; beds a household occupies stay occupied); audited', 201)
  @ApiPermission('loi:write')
  @ApiErrors(400, 403, 404, 409)
  addPeriod(@CurrentUser() actor: AuthUser, @Param('id', uuid()) id: string, @Body(new SchemaPipe(NEW_PERIOD)) body: NewPeriod) {
    return this.loi.addPeriod(actor, id, body);
  }

  @Get('places/:id/closure/letter')
  @ApiUuidParams('id')
  @ApiFile("The LOI-7 notice to Fedasil (PDF, letter loi-closure-notice): the place, its beds, the notice day and the last day; 404 when the place is not being closed", 'application/pdf')
  @ApiPermission('loi:read')
  @ApiErrors(403, 404)
  async closureLetter(@CurrentUser() actor: AuthUser, @Param('id', uuid()) id: string): Promise<StreamableFile> {
    const { filename, pdf } = await this.loi.closureLetter(actor, id);
    return new StreamableFile(pdf, { type: 'application/pdf', disposition: `attachment; filename="${filename}"`, length: pdf.length });
  }

  @Post('places/:id/closure')
  @ApiUuidParams('id')
  @ApiBodySchema(CLOSURE)
  @ApiOk(CLOSING, "The place closed with the convention's notice (LOI-7: six months, computed by the deadline engine): it counts up to closesOn; audited. 409: closing already", 201)
  @ApiPermission('loi:write')
  @ApiErrors(400, 403, 404, 409)
  close(@CurrentUser() actor: AuthUser, @Param('id', uuid()) id: string, @Body(new SchemaPipe(CLOSURE)) body: Closure) {
    return this.loi.close(actor, id, body);
  }

  @Get('claims/:month')
  @ApiQuerySchema(CLAIM_QUERY)
  @ApiOkOrFile(CLAIM, 'Form I of the month (LOI-8): place-days occupied, free and suspended at the dated rates, the same place-days as the occupancy', CSV_TYPE)
  @ApiPermission('loi:read')
  @ApiErrors(400, 403, 404)
  async claim(@CurrentUser() actor: AuthUser, @Param('month') month: string, @Query(new SchemaPipe(CLAIM_QUERY)) query: { team?: string; format?: string }, @Req() req: { headers: { accept?: string } }) {
    if (!new RegExp(MONTH.pattern).test(month)) throw new ValidationError([{ path: '/month', code: 'pattern', message: 'the month is YYYY-MM' }]);
    const answer = await this.loi.claim(actor, month, query);
    if (exportFormat(query.format, req.headers.accept) !== 'csv') return answer.json;
    return new StreamableFile(toCsv(answer.table), { type: CSV_TYPE, disposition: `attachment; filename="${answer.table.fileName}.csv"` });
  }
}

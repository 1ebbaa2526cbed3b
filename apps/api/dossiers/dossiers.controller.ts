import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import { CHANNELS, PROCEDURE_NAMES } from '../../../libs/procedures';
import type { JsonSchema } from '../../../libs/validation/schema';
import { AuthUser, CurrentUser } from '../common/current-user';
import { SchemaPipe } from '../common/schema.pipe';
import { DossierFilters, DossiersService, OpenDossier } from './dossiers.service';

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
const PAGE = { type: 'string', pattern: '^[1-9][0-9]{0,5}$' } as const;
const LIST: JsonSchema = {
  type: 'object',
  properties: {
    procedure: { enum: [...PROCEDURE_NAMES] },
    status: { type: 'string', pattern: '^[A-Z_]{2,40}$' },
    assignee: { type: 'string', pattern: '^(me|[0-9a-fA-F-]{36})$' },
    team: { type: 'string', maxLength: 63 },
    page: PAGE,
    pageSize: { type: 'string', pattern: '^([1-9]|[1-9][0-9]|1[0-9][0-9]|200)$' },
  },
  additionalProperties: false,
};

@ApiTags('dossiers')
@ApiBearerAuth()
@Controller('dossiers')
export class DossiersController {
  constructor(private readonly dossiers: DossiersService) {}

  @Post()
  @ApiBody({ schema: OPEN as object })
  open(@CurrentUser() actor: AuthUser, @Body(new SchemaPipe(OPEN)) body: OpenDossier) {
    return this.dossiers.open(actor, body);
  }

  @Get()
  list(@CurrentUser() actor: AuthUser, @Query(new SchemaPipe(LIST)) query: DossierFilters) {
    return this.dossiers.list(actor, query);
  }

  @Get(':id')
  get(@CurrentUser() actor: AuthUser, @Param('id', new ParseUUIDPipe({ errorHttpStatusCode: 404 })) id: string) {
    return this.dossiers.get(actor, id);
  }

  @Get(':id/audit')
  auditTrail(@CurrentUser() actor: AuthUser, @Param('id', new ParseUUIDPipe({ errorHttpStatusCode: 404 })) id: string) {
    return this.dossiers.auditTrail(actor, id);
  }
}

import { Body, Controller, Delete, Get, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { PARTY_KINDS, PARTY_ROLES } from '../../../libs/domain/parties';
import type { JsonSchema } from '../../../libs/validation/schema';
import { AuthUser, CurrentUser } from '../common/current-user';
import { ApiAuthenticated, ApiBodySchema, ApiErrors, ApiOk, ApiPermission, ApiQuerySchema, ApiUuidParams, listOf } from '../common/openapi';
import { SchemaPipe } from '../common/schema.pipe';
import { NewLink, NewParty, PartiesService, PartyChange, PartyQuery } from './parties.service';
import { DOSSIER_PARTY, PARTY } from './party-view';

const NAME = { type: 'string', minLength: 1, maxLength: 200, pattern: '\\S' } as const;
const ADDRESS = {
  type: 'object',
  required: ['street', 'postalCode', 'city'],
  properties: {
    street: NAME,
    postalCode: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9 -]{1,9}$' },
    city: NAME,
    country: { type: 'string', pattern: '^[A-Z]{2}$', description: 'ISO 3166-1 alpha-2; default BE' },
  },
  // A Belgian postal code has 4 digits; a party abroad (a foreign creditor) has its own country's.
  allOf: [{ if: { properties: { country: { const: 'BE' } } }, then: { properties: { postalCode: { pattern: '^[0-9]{4}$' } } } }],
  additionalProperties: false,
} as const;
const FIELDS = {
  name: NAME,
  kind: { enum: [...PARTY_KINDS] },
  enterpriseNumber: { type: 'string', format: 'enterprise-number', description: 'KBO number (10 digits, dots allowed)' },
  iban: { type: 'string', format: 'iban' },
  address: ADDRESS,
  email: { type: 'string', format: 'email', maxLength: 254 },
  phone: { type: 'string', pattern: '^\\+?[0-9 ./()-]{6,20}$' },
  contactPerson: NAME,
} as const;
const orNull = <T extends { type?: string }>(schema: T) => ({ ...schema, type: [schema.type ?? 'object', 'null'] });

export const NEW_PARTY: JsonSchema = { type: 'object', required: ['name', 'kind'], properties: FIELDS, additionalProperties: false } as JsonSchema;
const CHANGE: JsonSchema = {
  type: 'object',
  minProperties: 1,
  properties: {
    name: FIELDS.name,
    kind: FIELDS.kind,
    enterpriseNumber: orNull(FIELDS.enterpriseNumber),
    iban: orNull(FIELDS.iban),
    address: orNull(FIELDS.address),
    email: orNull(FIELDS.email),
    phone: orNull(FIELDS.phone),
    contactPerson: orNull(FIELDS.contactPerson),
    active: { type: 'boolean' },
  },
  additionalProperties: false,
} as JsonSchema;
const LIST: JsonSchema = {
  type: 'object',
  properties: {
    kind: { enum: [...PARTY_KINDS] },
    q: { type: 'string', minLength: 1, maxLength: 200, description: 'Part of the name, or the enterprise number' },
    active: { enum: ['true', 'false'] },
    page: { type: 'string', pattern: '^[1-9][0-9]{0,5}$' },
    pageSize: { type: 'string', pattern: '^([1-9]|[1-9][0-9]|1[0-9][0-9]|200)$' },
  },
  additionalProperties: false,
};
const LINK: JsonSchema = {
  type: 'object',
  required: ['partyId', 'role'],
  properties: {
    partyId: { type: 'string', format: 'uuid' },
    role: { enum: [...PARTY_ROLES] },
    reference: { type: 'string', minLength: 1, maxLength: 100, description: "The party's own file number for this dossier" },
  },
  additionalProperties: false,
};
const uuid = () => new ParseUUIDPipe({ errorHttpStatusCode: 404 });

@ApiTags('parties')
@ApiAuthenticated()
@Controller('parties')
export class PartiesController {
  constructor(private readonly parties: PartiesService) {}

  @Post()
  @ApiBodySchema(NEW_PARTY)
  @ApiOk(PARTY, 'The party, registered', 201)
  @ApiPermission('party:manage')
  @ApiErrors(409)
  create(@CurrentUser() actor: AuthUser, @Body(new SchemaPipe(NEW_PARTY)) body: NewParty) {
    return this.parties.create(actor, body);
  }

  @Get()
  @ApiQuerySchema(LIST)
  @ApiOk(listOf(PARTY, true), 'Parties by name, enterprise number, kind')
  @ApiPermission('party:read')
  list(@CurrentUser() actor: AuthUser, @Query(new SchemaPipe(LIST)) query: PartyQuery) {
    return this.parties.list(actor, query);
  }

  @Get(':id')
  @ApiUuidParams('id')
  @ApiOk(PARTY)
  @ApiPermission('party:read')
  @ApiErrors(404)
  get(@CurrentUser() actor: AuthUser, @Param('id', uuid()) id: string) {
    return this.parties.get(actor, id);
  }

  @Patch(':id')
  @ApiUuidParams('id')
  @ApiBodySchema(CHANGE, 'The fields to change; null clears an optional one; active: false retires the party')
  @ApiOk(PARTY)
  @ApiPermission('party:manage')
  @ApiErrors(404, 409)
  update(@CurrentUser() actor: AuthUser, @Param('id', uuid()) id: string, @Body(new SchemaPipe(CHANGE)) body: PartyChange) {
    return this.parties.update(actor, id, body);
  }
}

@ApiTags('parties')
@ApiAuthenticated()
@Controller('dossiers')
export class DossierPartiesController {
  constructor(private readonly parties: PartiesService) {}

  @Get(':id/parties')
  @ApiUuidParams('id')
  @ApiOk(listOf(DOSSIER_PARTY), "The dossier's parties with their roles, current links first, then ended ones")
  @ApiPermission('dossier:read')
  @ApiErrors(404)
  list(@CurrentUser() actor: AuthUser, @Param('id', uuid()) id: string) {
    return this.parties.listForDossier(actor, id);
  }

  @Post(':id/parties')
  @ApiUuidParams('id')
  @ApiBodySchema(LINK)
  @ApiOk(DOSSIER_PARTY, 'Linked (or an ended link of the same party and role taken up again)', 201)
  @ApiPermission('party:link')
  @ApiErrors(404, 409)
  link(@CurrentUser() actor: AuthUser, @Param('id', uuid()) id: string, @Body(new SchemaPipe(LINK)) body: NewLink) {
    return this.parties.link(actor, id, body);
  }

  @Delete(':id/parties/:linkId')
  @ApiUuidParams('id', 'linkId')
  @ApiOk(DOSSIER_PARTY, 'The link, ended (it stays on the dossier with endedAt)')
  @ApiPermission('party:link')
  @ApiErrors(404, 409)
  endLink(@CurrentUser() actor: AuthUser, @Param('id', uuid()) id: string, @Param('linkId', uuid()) linkId: string) {
    return this.parties.endLink(actor, id, linkId);
  }
}

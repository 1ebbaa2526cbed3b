import { Body, Controller, Delete, Get, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { MEMBER_ROLES } from '../../../libs/domain/dossier-relations';
import type { JsonSchema } from '../../../libs/validation/schema';
import { AuthUser, CurrentUser } from '../common/current-user';
import { ApiAuthenticated, ApiBodySchema, ApiErrors, ApiOk, ApiPermission, ApiQuerySchema, ApiUuidParams, listOf } from '../common/openapi';
import { SchemaPipe } from '../common/schema.pipe';
import { DossierRelationsService, NewDossierLink, NewMember } from './dossier-relations.service';
import { DOSSIER_LINK, DOSSIER_PERSON } from './relation-view';

const REASON = { type: 'string', minLength: 1, maxLength: 1000, pattern: '\\S' } as const;
const LINK: JsonSchema = {
  type: 'object',
  required: ['dossierId', 'reason'],
  properties: { dossierId: { type: 'string', format: 'uuid', description: 'The related dossier (of the team)' }, reason: REASON },
  additionalProperties: false,
} as JsonSchema;
const MEMBER: JsonSchema = {
  type: 'object',
  required: ['personId', 'role'],
  properties: {
    personId: { type: 'string', format: 'uuid' },
    role: { enum: [...MEMBER_ROLES], description: 'partner (Partner), child (Kind), other-household-member (Ander gezinslid); the applicant is the dossier\'s person' },
    fromDate: { type: 'string', format: 'date', description: 'Member of the household from (default today)' },
  },
  additionalProperties: false,
} as JsonSchema;
const END_MEMBER: JsonSchema = {
  type: 'object',
  properties: { toDate: { type: 'string', format: 'date', description: 'The last day of the membership (default today)' } },
  additionalProperties: false,
} as JsonSchema;
const uuid = () => new ParseUUIDPipe({ errorHttpStatusCode: 404 });

@ApiTags('dossiers')
@ApiAuthenticated()
@Controller('dossiers')
export class DossierRelationsController {
  constructor(private readonly relations: DossierRelationsService) {}

  @Get(':id/links')
  @ApiUuidParams('id')
  @ApiOk(listOf(DOSSIER_LINK), 'The linked dossiers, either way round (opened by or from this one, related by hand), running links first')
  @ApiPermission('dossier:read')
  @ApiErrors(404)
  listLinks(@CurrentUser() actor: AuthUser, @Param('id', uuid()) id: string) {
    return this.relations.listLinks(actor, id);
  }

  @Post(':id/links')
  @ApiUuidParams('id')
  @ApiBodySchema(LINK)
  @ApiOk(DOSSIER_LINK, 'Linked both ways (in both timelines and audit trails)', 201)
  @ApiPermission('dossier:link')
  @ApiErrors(404, 409)
  link(@CurrentUser() actor: AuthUser, @Param('id', uuid()) id: string, @Body(new SchemaPipe(LINK)) body: NewDossierLink) {
    return this.relations.link(actor, id, body);
  }

  @Delete(':id/links/:linkId')
  @ApiUuidParams('id', 'linkId')
  @ApiOk(DOSSIER_LINK, 'The link, ended (it stays on both dossiers with endedAt); a link a procedure made cannot end (409)')
  @ApiPermission('dossier:link')
  @ApiErrors(404, 409)
  endLink(@CurrentUser() actor: AuthUser, @Param('id', uuid()) id: string, @Param('linkId', uuid()) linkId: string) {
    return this.relations.endLink(actor, id, linkId);
  }

  @Get(':id/persons')
  @ApiUuidParams('id')
  @ApiOk(listOf(DOSSIER_PERSON), 'The persons the dossier concerns: the applicant, then the household members (current, then ended); an audited read')
  @ApiPermission('dossier:read')
  @ApiErrors(404)
  listPersons(@CurrentUser() actor: AuthUser, @Param('id', uuid()) id: string) {
    return this.relations.listPersons(actor, id);
  }

  @Post(':id/persons')
  @ApiUuidParams('id')
  @ApiBodySchema(MEMBER)
  @ApiOk(DOSSIER_PERSON, 'Added to the household of the dossier', 201)
  @ApiPermission('dossier:household')
  @ApiErrors(404, 409)
  addPerson(@CurrentUser() actor: AuthUser, @Param('id', uuid()) id: string, @Body(new SchemaPipe(MEMBER)) body: NewMember) {
    return this.relations.addPerson(actor, id, body);
  }

  @Delete(':id/persons/:membershipId')
  @ApiUuidParams('id', 'membershipId')
  @ApiQuerySchema(END_MEMBER)
  @ApiOk(DOSSIER_PERSON, 'The membership, ended (it stays with toDate and endedAt)')
  @ApiPermission('dossier:household')
  @ApiErrors(404, 409)
  endPerson(
    @CurrentUser() actor: AuthUser,
    @Param('id', uuid()) id: string,
    @Param('membershipId', uuid()) membershipId: string,
    @Query(new SchemaPipe(END_MEMBER)) query: { toDate?: string },
  ) {
    return this.relations.endPerson(actor, id, membershipId, query);
  }
}

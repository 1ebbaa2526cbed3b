import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { JsonSchema } from '../../../libs/validation/schema';
import { AuthUser, CurrentUser } from '../common/current-user';
import { ApiAuthenticated, ApiBodySchema, ApiErrors, ApiOk, ApiPermission, ApiQuerySchema, ApiUuidParams, DATE, listOf, nullable, object, STRING, UUID } from '../common/openapi';
import { SchemaPipe } from '../common/schema.pipe';
import { NewPerson, PersonsService } from './persons.service';

const NAME = { type: 'string', minLength: 1, maxLength: 200 } as const;
export const NEW_PERSON: JsonSchema = {
  type: 'object',
  required: ['nationalNumber', 'firstName', 'lastName', 'address'],
  properties: {
    nationalNumber: { type: 'string', format: 'national-number', description: 'Rijksregisternummer or BIS number (11 digits, dots and dashes allowed)' },
    firstName: NAME,
    lastName: NAME,
    birthDate: { type: 'string', format: 'date', 'x-notFuture': true },
    address: {
      type: 'object',
      required: ['street', 'postalCode', 'city'],
      properties: {
        street: NAME,
        postalCode: { type: 'string', pattern: '^[0-9]{4}$' },
        city: NAME,
      },
      additionalProperties: false,
    },
    iban: { type: 'string', format: 'iban' },
    email: { type: 'string', format: 'email', maxLength: 254 },
    phone: { type: 'string', pattern: '^\\+?[0-9 ./()-]{6,20}$' },
  },
  additionalProperties: false,
};
const FIND: JsonSchema = {
  type: 'object',
  required: ['nationalNumber'],
  properties: { nationalNumber: { type: 'string', format: 'national-number' } },
  additionalProperties: false,
};
const PERSON = object(
  {
    id: UUID,
    nationalNumber: { ...STRING, description: '11 digits' },
    nationalNumberFormatted: { ...STRING, description: 'YY.MM.DD-XXX.CC' },
    firstName: STRING,
    lastName: STRING,
    birthDate: nullable(DATE),
    address: object({ street: STRING, postalCode: STRING, city: STRING }, ['street', 'postalCode', 'city']),
    iban: nullable(STRING),
    ibanFormatted: nullable(STRING),
    email: nullable(STRING),
    phone: nullable(STRING),
  },
  ['id', 'nationalNumber', 'firstName', 'lastName', 'address'],
);

@ApiTags('persons')
@ApiAuthenticated()
@Controller('persons')
export class PersonsController {
  constructor(private readonly persons: PersonsService) {}

  @Post()
  @ApiBodySchema(NEW_PERSON)
  @ApiOk(PERSON, 'The person, registered', 201)
  @ApiPermission('person:create')
  @ApiErrors(409)
  create(@CurrentUser() actor: AuthUser, @Body(new SchemaPipe(NEW_PERSON)) body: NewPerson) {
    return this.persons.create(actor, body);
  }

  @Get()
  @ApiQuerySchema(FIND)
  @ApiOk(listOf(PERSON), 'The person with this national number (none or one)')
  @ApiPermission('person:read')
  find(@CurrentUser() actor: AuthUser, @Query(new SchemaPipe(FIND)) query: { nationalNumber: string }) {
    return this.persons.findByNationalNumber(actor, query.nationalNumber);
  }

  @Get(':id')
  @ApiUuidParams('id')
  @ApiOk(PERSON)
  @ApiPermission('person:read')
  @ApiErrors(404)
  get(@CurrentUser() actor: AuthUser, @Param('id', new ParseUUIDPipe({ errorHttpStatusCode: 404 })) id: string) {
    return this.persons.get(actor, id);
  }
}

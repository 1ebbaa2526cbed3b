import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { JsonSchema } from '../../../libs/validation/schema';
import { AuthUser, CurrentUser } from '../common/current-user';
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

@ApiTags('persons')
@ApiBearerAuth()
@Controller('persons')
export class PersonsController {
  constructor(private readonly persons: PersonsService) {}

  @Post()
  @ApiBody({ schema: NEW_PERSON as object })
  create(@CurrentUser() actor: AuthUser, @Body(new SchemaPipe(NEW_PERSON)) body: NewPerson) {
    return this.persons.create(actor, body);
  }

  @Get()
  @ApiQuery({ name: 'nationalNumber', required: true })
  find(@CurrentUser() actor: AuthUser, @Query(new SchemaPipe(FIND)) query: { nationalNumber: string }) {
    return this.persons.findByNationalNumber(actor, query.nationalNumber);
  }

  @Get(':id')
  get(@CurrentUser() actor: AuthUser, @Param('id', new ParseUUIDPipe({ errorHttpStatusCode: 404 })) id: string) {
    return this.persons.get(actor, id);
  }
}

import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser } from '../common/current-user';
import { ApiAuthenticated, ApiBodySchema, ApiErrors, ApiOk, ApiPermission, ApiQuerySchema, ApiUuidParams, arrayOf, DATE, listOf, nullable, object, STRING, UUID } from '../common/openapi';
import { SchemaPipe } from '../common/schema.pipe';
import { PERSON_PAGE_PARTS } from './person-page';
import { ADD_NATIONAL_NUMBER, CHANGE_CONTACT, FIND_PERSON, MERGE_PERSONS, NEW_PERSON } from './persons.schemas';
import { ContactChange, NewPerson, PersonsService } from './persons.service';
import { ValidationError } from '../common/errors';


const PERSON_PROPERTIES = {
    id: UUID,
    nationalNumber: nullable({ ...STRING, description: '11 digits; null while the person has none yet' }),
    nationalNumberFormatted: nullable({ ...STRING, description: 'YY.MM.DD-XXX.CC' }),
    noNationalNumberReason: nullable({ ...STRING, description: 'Why the national number is missing (set only while it is)' }),
    noNationalNumberNote: nullable(STRING),
    firstName: STRING,
    lastName: STRING,
    birthDate: nullable(DATE),
    address: object({ street: STRING, postalCode: STRING, city: STRING }, ['street', 'postalCode', 'city']),
    iban: nullable(STRING),
    ibanFormatted: nullable(STRING),
    email: nullable(STRING),
    phone: nullable(STRING),
    identifiers: arrayOf(object({ type: STRING, value: STRING }, ['type', 'value'])),
    mergedInto: nullable({ ...UUID, description: 'Set on a record merged into another: the id of the person kept' }),
};
const PERSON_REQUIRED = ['id', 'nationalNumber', 'firstName', 'lastName', 'address', 'identifiers', 'mergedInto'];
const PERSON = object(PERSON_PROPERTIES, PERSON_REQUIRED);
const PERSON_PAGE = object({ ...PERSON_PROPERTIES, ...PERSON_PAGE_PARTS }, [...PERSON_REQUIRED, 'household', 'dossiers']);

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
  @ApiQuerySchema(FIND_PERSON)
  @ApiOk(listOf(PERSON), 'By nationalNumber: the person (none or one). By q: at most 20 persons, the best match first. A merged record is not found')
  @ApiPermission('person:read')
  find(@CurrentUser() actor: AuthUser, @Query(new SchemaPipe(FIND_PERSON)) query: { nationalNumber?: string; q?: string }) {
    if ((query.nationalNumber === undefined) === (query.q === undefined)) {
      throw new ValidationError([{ path: '', code: 'one-of', message: 'give either nationalNumber or q' }]);
    }
    return query.q !== undefined ? this.persons.search(actor, query.q) : this.persons.findByNationalNumber(actor, query.nationalNumber!);
  }

  @Get(':id')
  @ApiUuidParams('id')
  @ApiOk(
    PERSON_PAGE,
    "The person page (an audited read): identity, contact details, household and the person's dossiers the caller may read (another team's are left out); a record merged into another answers with mergedInto set",
  )
  @ApiPermission('person:read')
  @ApiErrors(404)
  get(@CurrentUser() actor: AuthUser, @Param('id', new ParseUUIDPipe({ errorHttpStatusCode: 404 })) id: string) {
    return this.persons.get(actor, id);
  }

  @Patch(':id')
  @ApiUuidParams('id')
  @ApiBodySchema(CHANGE_CONTACT, 'The contact details to change (address, email, phone); null clears email or phone')
  @ApiOk(PERSON, 'The person, changed (audited with the old and new values)')
  @ApiPermission('person:update')
  @ApiErrors(404, 409)
  updateContact(
    @CurrentUser() actor: AuthUser,
    @Param('id', new ParseUUIDPipe({ errorHttpStatusCode: 404 })) id: string,
    @Body(new SchemaPipe(CHANGE_CONTACT)) body: ContactChange,
  ) {
    return this.persons.updateContact(actor, id, body);
  }

  @Post(':id/national-number')
  @HttpCode(200)
  @ApiUuidParams('id')
  @ApiBodySchema(ADD_NATIONAL_NUMBER)
  @ApiOk(PERSON, 'The person, with the national number; the reason it was missing is cleared')
  @ApiPermission('person:add-national-number')
  @ApiErrors(404, 409)
  addNationalNumber(
    @CurrentUser() actor: AuthUser,
    @Param('id', new ParseUUIDPipe({ errorHttpStatusCode: 404 })) id: string,
    @Body(new SchemaPipe(ADD_NATIONAL_NUMBER)) body: { nationalNumber: string },
  ) {
    return this.persons.addNationalNumber(actor, id, body);
  }

  @Post(':id/merge')
  @HttpCode(200)
  @ApiUuidParams('id')
  @ApiBodySchema(MERGE_PERSONS)
  @ApiOk(PERSON, 'The person kept, with the dossiers and identifiers of the duplicate; the duplicate is marked merged into it')
  @ApiPermission('person:merge')
  @ApiErrors(404, 409)
  merge(
    @CurrentUser() actor: AuthUser,
    @Param('id', new ParseUUIDPipe({ errorHttpStatusCode: 404 })) id: string,
    @Body(new SchemaPipe(MERGE_PERSONS)) body: { duplicateId: string; reason: string },
  ) {
    return this.persons.merge(actor, id, body);
  }
}

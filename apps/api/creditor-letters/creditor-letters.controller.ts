import { Body, Controller, Get, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CREDITOR_REQUEST_TEMPLATES } from '../../../libs/notices/creditor-letters';
import type { JsonSchema } from '../../../libs/validation/schema';
import { AuthUser, CurrentUser } from '../common/current-user';
import { ApiAuthenticated, ApiBodySchema, ApiErrors, ApiOk, ApiPermission, ApiUuidParams } from '../common/openapi';
import { SchemaPipe } from '../common/schema.pipe';
import { CORRESPONDENCE, LETTER_REQUESTED } from './creditor-letter-view';
import { CreditorLettersService, NewCreditorLetter } from './creditor-letters.service';

const NEW_LETTER = {
  type: 'object',
  required: ['partyId', 'template', 'data'],
  properties: {
    partyId: { type: 'string', format: 'uuid', description: 'A party linked to the dossier (its creditor, bailiff or collection agency)' },
    debtId: { type: ['string', 'null'], format: 'uuid', description: 'The debt of the budget inventory the letter is about; its file number at the party is taken from it' },
    template: {
      enum: [...CREDITOR_REQUEST_TEMPLATES],
      description: 'statement-request (overzicht van de schuld), collection-suspension (opschorting van de invordering, protocol 7 maart 2024), repayment-proposal (afbetalingsvoorstel), csr-admissibility (toelaatbaarheid collectieve schuldenregeling)',
    },
    data: {
      type: 'object',
      additionalProperties: true,
      description: "The template's own fields: repayment-proposal {monthlyCents, startDate, durationMonths, totalCents?}; csr-admissibility {orderDate, court, mediator}; collection-suspension {trajectorySince?}; every one {fileNumber?}",
    },
  },
  additionalProperties: false,
} as JsonSchema;
const uuid = () => new ParseUUIDPipe({ errorHttpStatusCode: 404 });

@ApiTags('creditor-letters')
@ApiAuthenticated()
@Controller()
export class CreditorLettersController {
  constructor(private readonly letters: CreditorLettersService) {}

  @Get('dossiers/:id/creditor-correspondence')
  @ApiUuidParams('id')
  @ApiOk(CORRESPONDENCE, "The letters to the dossier's creditors, bailiffs and collection agencies with their answer windows, reminders and answers (an audited read)")
  @ApiPermission('inventory:read')
  @ApiErrors(404)
  list(@CurrentUser() actor: AuthUser, @Param('id', uuid()) id: string) {
    return this.letters.correspondence(actor, id);
  }

  @Post('dossiers/:id/creditor-letters')
  @ApiUuidParams('id')
  @ApiBodySchema(NEW_LETTER)
  @ApiOk(LETTER_REQUESTED, "Asked of the dossier's workflow (through the workflow outbox): it sends the letter and watches its answer window", 201)
  @ApiPermission('inventory:write')
  @ApiErrors(404, 409)
  request(@CurrentUser() actor: AuthUser, @Param('id', uuid()) id: string, @Body(new SchemaPipe(NEW_LETTER)) body: NewCreditorLetter) {
    return this.letters.request(actor, id, body);
  }
}

import { Body, Controller, Get, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { JsonSchema } from '../../../libs/validation/schema';
import { AuthUser, CurrentUser } from '../common/current-user';
import { ApiAuthenticated, ApiBodySchema, ApiErrors, ApiOk, ApiPermission, ApiUuidParams, arrayOf, BOOLEAN, DATE, INTEGER, nullable, object, Schema, STRING, UUID } from '../common/openapi';
import { SchemaPipe } from '../common/schema.pipe';
import { DOCUMENT, DOCUMENT_PROPERTIES } from '../documents/document-view';
import { CollectiveSettlementService, HeatingAttestationInput, PetitionInput } from './collective-settlement.service';

const withRequired = (properties: Record<string, Schema>) => object(properties, Object.keys(properties));
const CLOCK = withRequired({
  key: STRING, ruleId: STRING, title: STRING, legalBasis: STRING, dueDate: nullable(DATE), dueDateLabel: nullable(STRING), status: STRING, statusLabel: STRING,
  kind: { enum: ['duty', 'window'] }, kindLabel: STRING, metDate: nullable(DATE),
});
const CLAIM = withRequired({
  partyId: UUID, creditor: STRING, declaredOn: nullable(DATE), declaredOnLabel: nullable(STRING), amountCents: nullable(INTEGER), waived: BOOLEAN, stateLabel: STRING,
});
const CSR_FILE = withRequired({
  dossierId: UUID, started: BOOLEAN, petitionFiledOn: nullable(DATE), court: nullable(STRING), orderDate: nullable(DATE), orderSentOn: nullable(DATE),
  mediator: nullable({ enum: ['ocmw', 'outside'] }), mediatorLabel: nullable(STRING), ocmwMediator: BOOLEAN, status: nullable(STRING), statusLabel: nullable(STRING),
  planSentOn: nullable(DATE), reminderOn: nullable(DATE), declareBy: nullable(DATE), clocks: arrayOf(CLOCK), claims: arrayOf(CLAIM),
});
const PETITION = {
  type: 'object',
  required: ['court', 'reasons'],
  properties: {
    court: { type: 'string', minLength: 1, maxLength: 200, description: 'The labour court (arbeidsrechtbank) and its division, e.g. "arbeidsrechtbank Gent, afdeling Gent"' },
    reasons: { type: 'string', minLength: 1, maxLength: 8000, description: 'The reasons the client cannot pay the debts (art. 1675/4 §2 Ger.W.)' },
  },
  additionalProperties: false,
} as JsonSchema;
const HEATING_ATTESTATION = {
  type: 'object',
  required: ['invoiceUnpaid'],
  properties: {
    invoiceUnpaid: { type: 'boolean', description: 'The heating invoice is unpaid: the allowance goes to the supplier (HF-3, category 3)' },
  },
  additionalProperties: false,
} as JsonSchema;
/** The heating allowance dossier an attestation opened (or the person's open one it was linked to). */
const HEATING_ALLOWANCE_OPENED = withRequired({ dossierId: UUID, reference: STRING, existing: { ...BOOLEAN, description: 'The person\'s open heating allowance dossier was linked, not opened' } });
const ATTESTATION = object({ ...DOCUMENT_PROPERTIES, heatingAllowance: HEATING_ALLOWANCE_OPENED }, [...Object.keys(DOCUMENT_PROPERTIES), 'heatingAllowance']);

const uuid = () => new ParseUUIDPipe({ errorHttpStatusCode: 404 });

@ApiTags('collective-settlement')
@ApiAuthenticated()
@Controller()
export class CollectiveSettlementController {
  constructor(private readonly csr: CollectiveSettlementService) {}

  @Get('dossiers/:id/csr')
  @ApiUuidParams('id')
  @ApiOk(CSR_FILE, 'The collective debt settlement as the workflow recorded it: the order, the mediator, the CSR clocks with their due dates in Dutch (a duty of the OCMW as mediator, or for information) and the claims per creditor; an audited read')
  @ApiPermission('inventory:read')
  @ApiErrors(404)
  get(@CurrentUser() actor: AuthUser, @Param('id', uuid()) id: string) {
    return this.csr.file(actor, id);
  }

  @Post('dossiers/:id/csr-petition')
  @ApiUuidParams('id')
  @ApiBodySchema(PETITION)
  @ApiOk(DOCUMENT, 'The petition (verzoekschrift, art. 1675/4 Ger.W.) built from the budget inventory, stored as a PDF document of the dossier (kind petition); 409 while the inventory holds no open debt', 201)
  @ApiPermission('inventory:write')
  @ApiErrors(400, 404, 409)
  petition(@CurrentUser() actor: AuthUser, @Param('id', uuid()) id: string, @Body(new SchemaPipe(PETITION)) body: PetitionInput) {
    return this.csr.petition(actor, id, body);
  }

  @Post('dossiers/:id/heating-allowance-attestation')
  @ApiUuidParams('id')
  @ApiBodySchema(HEATING_ATTESTATION)
  @ApiOk(
    ATTESTATION,
    'The attestation "in debt mediation" for the heating allowance in category 3, stored as a PDF document of the dossier (kind certificate), and the heating allowance dossier it opens (linked; the person\'s open one is linked instead) with the attestation recorded in it; 409 unless the trajectory runs (agreement signed, not closed)',
    201,
  )
  @ApiPermission('inventory:write')
  @ApiErrors(400, 404, 409)
  heatingAttestation(@CurrentUser() actor: AuthUser, @Param('id', uuid()) id: string, @Body(new SchemaPipe(HEATING_ATTESTATION)) body: HeatingAttestationInput) {
    return this.csr.heatingAttestation(actor, id, body);
  }
}

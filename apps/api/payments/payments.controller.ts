import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, StreamableFile } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { JsonSchema } from '../../../libs/validation/schema';
import { AuthUser, CurrentUser } from '../common/current-user';
import {
  ANY,
  ApiAuthenticated,
  ApiBodySchema,
  ApiErrors,
  ApiFile,
  ApiOk,
  ApiPermission,
  ApiQuerySchema,
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
import { PaymentQuery, PaymentsService, RECEIPT_REF } from './payments.service';
import { PAYMENT_KINDS, PAYMENT_METHODS } from '../../../libs/payments/payment-key';

const LIST: JsonSchema = {
  type: 'object',
  properties: {
    status: { enum: ['due', 'batched', 'paid', 'cancelled'] },
    dossierId: { type: 'string', format: 'uuid' },
    team: { type: 'string', maxLength: 63 },
  },
  additionalProperties: false,
};
const BATCH: JsonSchema = {
  type: 'object',
  properties: { requestedExecutionDate: { type: 'string', format: 'date', 'x-maxYearsAhead': 2 } },
  additionalProperties: false,
};
const CASH_RECEIPT: JsonSchema = {
  type: 'object',
  properties: { receiptRef: { type: 'string', pattern: RECEIPT_REF, description: 'The reference on the receipt the payee signed' } },
  required: ['receiptRef'],
  additionalProperties: false,
};
const ID = new ParseUUIDPipe({ errorHttpStatusCode: 404 });
const DEBTOR_ACCOUNT = object({ own: BOOLEAN, name: STRING, iban: STRING, ibanFormatted: STRING, bic: STRING }, ['own', 'name', 'iban', 'bic']);
const PAYMENT = object(
  {
    id: UUID,
    dossierId: UUID,
    dossierReference: STRING,
    team: STRING,
    kind: { enum: [...PAYMENT_KINDS] },
    kindLabel: STRING,
    period: nullable(STRING),
    periodLabel: STRING,
    paymentKey: STRING,
    payee: object({ kind: { enum: ['client', 'party'] }, partyId: nullable(UUID), name: STRING }, ['kind', 'partyId', 'name']),
    method: { enum: [...PAYMENT_METHODS] },
    methodLabel: STRING,
    debtRef: nullable(STRING),
    amountCents: INTEGER,
    iban: nullable(STRING),
    ibanFormatted: nullable(STRING),
    creditorName: STRING,
    debtorAccount: nullable(DEBTOR_ACCOUNT),
    receiptRef: nullable(STRING),
    remittance: STRING,
    dueDate: DATE,
    status: { enum: ['due', 'batched', 'paid', 'cancelled'] },
    batchId: nullable(UUID),
    computation: ANY,
    createdAt: DATE_TIME,
    paidAt: nullable(DATE_TIME),
  },
  ['id', 'dossierId', 'kind', 'period', 'paymentKey', 'payee', 'method', 'amountCents', 'debtorAccount', 'status'],
);
const BATCH_PROPERTIES = {
  id: UUID,
  team: STRING,
  status: STRING,
  requestedExecutionDate: DATE,
  nbOfTxs: INTEGER,
  ctrlSumCents: INTEGER,
  msgId: STRING,
  createdBy: UUID,
  createdAt: DATE_TIME,
  executedAt: nullable(DATE_TIME),
  executedBy: nullable(UUID),
};
const BATCH_REQUIRED = ['id', 'team', 'status', 'requestedExecutionDate', 'nbOfTxs', 'ctrlSumCents'];
const BATCH_VIEW = object(BATCH_PROPERTIES, BATCH_REQUIRED);

@ApiTags('payments')
@ApiAuthenticated()
@Controller()
export class PaymentsController {
  constructor(private readonly payments: PaymentsService) {}

  @Get('payments')
  @ApiQuerySchema(LIST)
  @ApiOk(listOf(PAYMENT))
  @ApiPermission('payment:read')
  @ApiErrors(404)
  list(@CurrentUser() actor: AuthUser, @Query(new SchemaPipe(LIST)) query: PaymentQuery) {
    return this.payments.list(actor, query);
  }

  @Get('payments/:id')
  @ApiUuidParams('id')
  @ApiOk(PAYMENT)
  @ApiPermission('payment:read')
  @ApiErrors(404)
  get(@CurrentUser() actor: AuthUser, @Param('id', ID) id: string) {
    return this.payments.get(actor, id);
  }

  @Post('payments/:id/cash-receipt')
  @HttpCode(200)
  @ApiUuidParams('id')
  @ApiBodySchema(CASH_RECEIPT)
  @ApiOk(PAYMENT, 'The cash payment is paid against the receipt')
  @ApiPermission('payment:cash')
  @ApiErrors(404, 409)
  recordCashReceipt(@CurrentUser() actor: AuthUser, @Param('id', ID) id: string, @Body(new SchemaPipe(CASH_RECEIPT)) body: { receiptRef: string }) {
    return this.payments.recordCashReceipt(actor, id, body);
  }

  @Post('payment-batches')
  @ApiBodySchema(BATCH)
  @ApiOk(
    object({ ...BATCH_PROPERTIES, requestedExecutionDateNote: nullable(STRING), paymentIds: arrayOf(UUID) }, [...BATCH_REQUIRED, 'paymentIds']),
    "A SEPA batch (pain.001) of the team's due payments",
    201,
  )
  @ApiPermission('payment:batch')
  @ApiErrors(409, 422)
  createBatch(@CurrentUser() actor: AuthUser, @Body(new SchemaPipe(BATCH)) body: { requestedExecutionDate?: string }) {
    return this.payments.createBatch(actor, body);
  }

  @Get('payment-batches')
  @ApiOk(listOf(BATCH_VIEW))
  @ApiPermission('payment:batch')
  listBatches(@CurrentUser() actor: AuthUser) {
    return this.payments.listBatches(actor);
  }

  @Get('payment-batches/:id/sepa.xml')
  @ApiUuidParams('id')
  @ApiFile('The pain.001.001.09 file for the bank', 'application/xml')
  @ApiPermission('payment:batch')
  @ApiErrors(404)
  async sepaXml(@CurrentUser() actor: AuthUser, @Param('id', ID) id: string) {
    const { xml, fileName } = await this.payments.sepaXml(actor, id);
    return new StreamableFile(Buffer.from(xml, 'utf8'), { type: 'application/xml', disposition: `attachment; filename="${fileName}"` });
  }

  @Post('payment-batches/:id/executed')
  @HttpCode(200)
  @ApiUuidParams('id')
  @ApiOk(object({ ...BATCH_PROPERTIES, paid: INTEGER }, [...BATCH_REQUIRED, 'paid']), 'Marked executed: its payments are paid')
  @ApiPermission('payment:batch')
  @ApiErrors(404, 409)
  markExecuted(@CurrentUser() actor: AuthUser, @Param('id', ID) id: string) {
    return this.payments.markExecuted(actor, id);
  }
}

import { Controller, Post, UploadedFile, UseInterceptors } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import { StatementUploadInterceptor } from '../budget-management/budget-management.controller';
import { AuthUser, CurrentUser } from '../common/current-user';
import { ApiAuthenticated, ApiErrors, ApiOk, ApiPermission, arrayOf, BOOLEAN, DATE, INTEGER, nullable, object, STRING, UUID } from '../common/openapi';
import type { UploadedDocument } from '../documents/upload.interceptor';
import { EventsService } from './events.service';

const UNMATCHED_REASONS = ['reversal', 'currency', 'no-communication', 'not-a-plan', 'no-dossier', 'no-plans', 'closed', 'invalid'] as const;

const IMPORTED = object({
  fileName: STRING,
  account: { ...STRING, description: "The statement's account: the OCMW's (OCMW_IBAN)" },
  movements: INTEGER,
  incoming: INTEGER,
  recorded: INTEGER,
  duplicates: INTEGER,
  items: arrayOf(object({ index: INTEGER, dossierId: UUID, reference: STRING, eventId: UUID, amountCents: INTEGER, duplicate: BOOLEAN }, ['index', 'dossierId', 'reference', 'eventId', 'amountCents', 'duplicate'])),
  unmatched: arrayOf(object({
    index: INTEGER, bookingDate: DATE, amountCents: INTEGER, bankReference: STRING, communication: nullable(STRING),
    reason: { enum: [...UNMATCHED_REASONS], description: 'Why the movement reached no dossier: for finance to book by hand' },
  }, ['index', 'bookingDate', 'amountCents', 'bankReference', 'communication', 'reason'])),
}, ['fileName', 'account', 'movements', 'incoming', 'recorded', 'duplicates', 'items', 'unmatched']);

const STATEMENT_BODY = {
  type: 'object',
  required: ['file'],
  properties: { file: { type: 'string', format: 'binary', description: "The OCMW account's statement in camt.053 (ISO 20022 XML)" } },
};

/** The OCMW's own bank statement: instalments paid with a plan's structured communication reach their dossier. */
@ApiTags('payments')
@ApiAuthenticated()
@Controller('bank-statements')
export class BankStatementsController {
  constructor(private readonly events: EventsService) {}

  @Post()
  // The same upload as a budget-management account's statement: one file, at most OCMW_BANK_CSV_MAX_BYTES.
  @UseInterceptors(StatementUploadInterceptor)
  @ApiConsumes('multipart/form-data')
  @ApiBody({ required: true, schema: STATEMENT_BODY as never })
  @ApiOk(IMPORTED, "Imported: every booked incoming movement with a plan's communication recorded in its dossier as the procedure's plan-payment event, once per bank reference (the same statement again: duplicates); the rest listed as unmatched with the reason. Not a camt.053 statement, or one of another account: 400, nothing stored", 201)
  @ApiPermission('payment:import-statement')
  @ApiErrors(413)
  import(@CurrentUser() actor: AuthUser, @UploadedFile() file: UploadedDocument | undefined) {
    return this.events.importBankStatement(actor, file);
  }
}

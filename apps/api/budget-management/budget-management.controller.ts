import { Body, Controller, Get, Inject, Injectable, Param, ParseUUIDPipe, Post, Put, Query, UploadedFile, UseInterceptors } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { AppConfig } from '../../../libs/config/config';
import { BIC } from '../../../libs/payments/sepa';
import type { JsonSchema } from '../../../libs/validation/schema';
import { AuthUser, CurrentUser } from '../common/current-user';
import {
  ApiAuthenticated, ApiBodySchema, ApiErrors, ApiOk, ApiPermission, ApiQuerySchema, ApiUuidParams, arrayOf, BOOLEAN, DATE, DATE_TIME, INTEGER, listOf, nullable, object, STRING, UUID,
} from '../common/openapi';
import { SchemaPipe } from '../common/schema.pipe';
import { CONFIG } from '../common/tokens';
import { SingleFileInterceptor, UploadedDocument } from '../documents/upload.interceptor';
import { BudgetAccountService, MovementQuery } from './budget-account.service';
import { BUDGET_PLAN_VIEW } from './budget-plan-view';
import { BudgetPlanInput, BudgetPlanService } from './budget-plan.service';

const CENTS = { type: 'integer', minimum: 0, maximum: 2_000_000_000, description: 'Euro cents' } as const;
const DUE_DAY = { type: 'integer', minimum: 1, maximum: 31, description: 'Day of the month (a short month pays on its last day), moved to the previous working day' } as const;
const REF = { type: 'string', minLength: 1, maxLength: 35, description: 'SEPA-safe: 1–35 of A-Z a-z 0-9 . / -, starting with a letter or digit' } as const;
const PARTY = { type: 'string', format: 'uuid', description: 'A party linked to the dossier (GET /dossiers/:id/parties)' } as const;

const PUT_PLAN: JsonSchema = {
  type: 'object',
  required: ['basedOnVersion', 'validFrom', 'account', 'leefgeldWeeklyCents', 'fixedCosts', 'instalments', 'reserveMonthlyCents'],
  additionalProperties: false,
  properties: {
    basedOnVersion: { type: 'integer', minimum: 0, description: 'The version this change was made on (0: no plan yet); another than the latest is 409 stale-version' },
    validFrom: { type: 'string', format: 'date', 'x-maxYearsAhead': 2, description: 'Payments due from this day on follow this version; not before the previous version’s' },
    account: {
      type: 'object',
      required: ['name', 'iban', 'bic'],
      additionalProperties: false,
      properties: {
        name: { type: 'string', minLength: 1, maxLength: 70, description: 'The account holder as the bank knows it' },
        iban: { type: 'string', format: 'iban', description: 'The budget-management account (checksum-validated)' },
        bic: { type: 'string', pattern: BIC.source, description: '8 or 11 characters, upper case' },
      },
    },
    leefgeldWeeklyCents: { ...CENTS, description: 'Living money per week, in euro cents (0: none)' },
    fixedCosts: {
      type: 'array',
      maxItems: 50,
      items: {
        type: 'object',
        required: ['key', 'partyId', 'label', 'amountCents', 'dueDay'],
        additionalProperties: false,
        properties: {
          key: { ...REF, description: "The cost's business name within the plan ('rent', 'energy-1'), unique; " + REF.description },
          partyId: PARTY,
          label: { type: 'string', minLength: 1, maxLength: 100, description: 'Dutch, e.g. "Huur"' },
          amountCents: { ...CENTS, description: 'Per month, in euro cents' },
          dueDay: DUE_DAY,
        },
      },
    },
    instalments: {
      type: 'array',
      maxItems: 50,
      items: {
        type: 'object',
        required: ['debtId', 'partyId', 'debtRef', 'amountCents', 'dueDay'],
        additionalProperties: false,
        properties: {
          debtId: { type: 'string', format: 'uuid', description: "An open debt of the dossier's inventory, once" },
          partyId: { ...PARTY, description: 'The creditor or the bailiff collecting the debt: a party linked to the dossier' },
          debtRef: { ...REF, description: "The creditor's file number (remittance and payment key), unique; " + REF.description },
          amountCents: { ...CENTS, description: 'Per month, in euro cents' },
          dueDay: DUE_DAY,
        },
      },
    },
    reserveMonthlyCents: { ...CENTS, description: 'Kept on the account each month before instalments, in euro cents' },
  },
};
const GET_PLAN: JsonSchema = {
  type: 'object',
  properties: { on: { type: 'string', format: 'date', description: 'The day whose week and month are previewed (today when not given)' } },
  additionalProperties: false,
};
const MOVEMENTS: JsonSchema = {
  type: 'object',
  properties: {
    page: { type: 'string', pattern: '^[1-9][0-9]{0,5}$' },
    pageSize: { type: 'string', pattern: '^([1-9]|[1-9][0-9]|100)$', description: '1–100, 50 when not given' },
  },
  additionalProperties: false,
};
const MOVEMENT = object({
  id: UUID, bookingDate: DATE, amountCents: INTEGER, counterparty: nullable(STRING), description: nullable(STRING), bankReference: STRING,
  paymentId: nullable(UUID), incomeId: nullable(UUID), matched: BOOLEAN, importedAt: DATE_TIME,
}, ['id', 'bookingDate', 'amountCents', 'bankReference', 'paymentId', 'incomeId', 'matched']);
const BALANCE = object({ iban: nullable(STRING), incomingCents: INTEGER, otherOutgoingCents: INTEGER, orderedCents: INTEGER, balanceCents: INTEGER },
  ['iban', 'incomingCents', 'otherOutgoingCents', 'orderedCents', 'balanceCents']);
const ACCOUNT = object({ dossierId: UUID, iban: nullable(STRING), ibanFormatted: nullable(STRING), on: DATE, balance: BALANCE, movements: listOf(MOVEMENT, true) },
  ['dossierId', 'iban', 'on', 'balance', 'movements']);
const IMPORTED = object({
  imported: INTEGER, duplicates: INTEGER, matched: INTEGER,
  rejected: arrayOf(object({ line: INTEGER, code: { enum: ['other-account', 'date', 'amount', 'reference'] }, reason: STRING }, ['line', 'code', 'reason'])),
}, ['imported', 'duplicates', 'matched', 'rejected']);
const STATEMENT_BODY = {
  type: 'object',
  required: ['file'],
  properties: { file: { type: 'string', format: 'binary', description: 'The CSV export of the bank (columns: OCMW_BANK_CSV_*)' } },
};
const uuid = () => new ParseUUIDPipe({ errorHttpStatusCode: 404 });

/** A bank statement's upload: at most OCMW_BANK_CSV_MAX_BYTES. */
@Injectable()
export class StatementUploadInterceptor extends SingleFileInterceptor {
  constructor(@Inject(CONFIG) config: AppConfig) {
    super(config.bankCsv.maxBytes);
  }
}

@ApiTags('budget-management')
@ApiAuthenticated()
@Controller('dossiers/:id')
export class BudgetManagementController {
  constructor(
    private readonly plans: BudgetPlanService,
    private readonly account: BudgetAccountService,
  ) {}

  @Get('budget-plan')
  @ApiUuidParams('id')
  @ApiQuerySchema(GET_PLAN)
  @ApiOk(BUDGET_PLAN_VIEW, 'The latest version of the budget plan (plan null: none yet) and what it pays out this week and this month (living money on OCMW_LEEFGELD_WEEKDAY, fixed costs and instalments on their due days, each moved to the previous working day); an audited read')
  @ApiPermission('budget:read')
  @ApiErrors(404)
  getPlan(@CurrentUser() actor: AuthUser, @Param('id', uuid()) id: string, @Query(new SchemaPipe(GET_PLAN)) query: { on?: string }) {
    return this.plans.get(actor, id, query.on);
  }

  @Put('budget-plan')
  @ApiUuidParams('id')
  @ApiBodySchema(PUT_PLAN)
  @ApiOk(BUDGET_PLAN_VIEW, "Stored as the next version and sent to the dossier's workflow (budgetPlanChanged, through the outbox); audited. 409: not a debt mediation dossier (not-debt-mediation), closed, or basedOnVersion is not the latest (stale-version, with currentVersion)")
  @ApiPermission('budget:plan')
  @ApiErrors(404, 409)
  putPlan(@CurrentUser() actor: AuthUser, @Param('id', uuid()) id: string, @Body(new SchemaPipe(PUT_PLAN)) body: BudgetPlanInput) {
    return this.plans.put(actor, id, body);
  }

  @Get('budget-account')
  @ApiUuidParams('id')
  @ApiQuerySchema(MOVEMENTS)
  @ApiOk(ACCOUNT, 'The budget-management account: its balance today and its imported movements, latest first (matched to a payment or an income, or not); an audited read')
  @ApiPermission('budget:read')
  @ApiErrors(404)
  getAccount(@CurrentUser() actor: AuthUser, @Param('id', uuid()) id: string, @Query(new SchemaPipe(MOVEMENTS)) query: MovementQuery) {
    return this.account.get(actor, id, query);
  }

  @Post('budget-account/statements')
  @UseInterceptors(StatementUploadInterceptor)
  @ApiUuidParams('id')
  @ApiConsumes('multipart/form-data')
  @ApiBody({ required: true, schema: STATEMENT_BODY as never })
  @ApiOk(IMPORTED, 'Imported: the rows of the account, each once (a bank reference imported before is a duplicate and adds nothing), matched to the payments ordered from the account and the incomes of the inventory; a row that cannot be read is rejected with its line. A file that cannot be read as the configured CSV: 400, nothing stored. 409: no budget plan yet', 201)
  @ApiPermission('budget:import')
  @ApiErrors(404, 409, 413)
  importStatement(@CurrentUser() actor: AuthUser, @Param('id', uuid()) id: string, @UploadedFile() file: UploadedDocument | undefined) {
    return this.account.importStatement(actor, id, file);
  }
}

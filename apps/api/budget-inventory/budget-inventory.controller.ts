import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { DEBT_STATUSES, EXPENSE_KINDS, INCOME_KINDS, PRIORITY_KINDS } from '../../../libs/domain/budget-inventory';
import type { JsonSchema } from '../../../libs/validation/schema';
import { AuthUser, CurrentUser } from '../common/current-user';
import { ApiAuthenticated, ApiBodySchema, ApiErrors, ApiNoContent, ApiOk, ApiPermission, ApiUuidParams } from '../common/openapi';
import { SchemaPipe } from '../common/schema.pipe';
import { BudgetInventoryService, NewDebt, NewExpense, NewIncome } from './budget-inventory.service';
import { DEBT, EXPENSE, INCOME, INVENTORY } from './inventory-view';

const CENTS = { type: 'integer', minimum: 0, maximum: 2_000_000_000, description: 'Euro cents' };
const DAY = { type: ['integer', 'null'], minimum: 1, maximum: 31 };
const TEXT = { type: ['string', 'null'], maxLength: 500 };
const DATE_OR_NULL = { type: ['string', 'null'], format: 'date' };
const PARTY = { type: 'string', format: 'uuid' };

const INCOME_FIELDS = {
  kind: { enum: [...INCOME_KINDS], description: 'wage (loon), benefit (uitkering), leefloon, child-benefit (kinderbijslag / groeipakket), pension (pensioen), other (andere)' },
  description: TEXT,
  amountCents: { ...CENTS, description: 'Per month, in euro cents' },
  dayOfMonth: { ...DAY, description: 'The day of the month it arrives' },
  validFrom: DATE_OR_NULL,
  validUntil: { ...DATE_OR_NULL, description: 'Not before validFrom' },
};
const EXPENSE_FIELDS = {
  kind: { enum: [...EXPENSE_KINDS], description: 'rent (huur), energy (energie), water, insurance (verzekering), telecom, maintenance (onderhoudsgeld), other (andere)' },
  description: TEXT,
  amountCents: { ...CENTS, description: 'Per month, in euro cents' },
  dueDay: { ...DAY, description: 'The day of the month it is due' },
};
const DEBT_FIELDS = {
  creditorPartyId: { ...PARTY, description: 'The creditor: a party of the registry (GET /parties), in use' },
  creditorReference: { ...TEXT, description: "The creditor's file number" },
  originalCents: CENTS,
  outstandingCents: { ...CENTS, description: 'Not more than originalCents unless outstandingExceedsOriginal' },
  outstandingExceedsOriginal: { type: 'boolean', description: 'The outstanding amount is higher than the original (interest, costs)' },
  collectorPartyId: { ...PARTY, type: ['string', 'null'], description: 'The bailiff or collection agency, a party of the registry' },
  collectorReference: { ...TEXT, description: "The bailiff's or collection agency's file number" },
  disputed: { type: 'boolean', description: 'The client disputes the debt (betwist)' },
  priorityKind: { enum: [...PRIORITY_KINDS, null], description: 'A priority debt: rent (huur), energy (energie), maintenance (onderhoudsgeld), fines (boetes), taxes (belastingen); null: none' },
  status: { enum: [...DEBT_STATUSES], description: 'open, settled (geregeld), paid (betaald); not open needs statusDate' },
  statusDate: DATE_OR_NULL,
  description: TEXT,
};
const schema = (properties: Record<string, unknown>, required?: string[]): JsonSchema =>
  ({ type: 'object', ...(required ? { required } : { minProperties: 1 }), properties, additionalProperties: false }) as JsonSchema;
const NEW_INCOME = schema(INCOME_FIELDS, ['kind', 'amountCents']);
const NEW_EXPENSE = schema(EXPENSE_FIELDS, ['kind', 'amountCents']);
const NEW_DEBT = schema(DEBT_FIELDS, ['creditorPartyId', 'originalCents', 'outstandingCents']);
const INCOME_CHANGE = schema(INCOME_FIELDS);
const EXPENSE_CHANGE = schema(EXPENSE_FIELDS);
const DEBT_CHANGE = schema(DEBT_FIELDS);
const uuid = () => new ParseUUIDPipe({ errorHttpStatusCode: 404 });

@ApiTags('budget-inventory')
@ApiAuthenticated()
@Controller()
export class BudgetInventoryController {
  constructor(private readonly inventory: BudgetInventoryService) {}

  @Get('dossiers/:id/inventory')
  @ApiUuidParams('id')
  @ApiOk(INVENTORY, 'The budget inventory: incomes, fixed costs and debts with Dutch labels and party names, and the totals in cents; an audited read')
  @ApiPermission('inventory:read')
  @ApiErrors(404)
  get(@CurrentUser() actor: AuthUser, @Param('id', uuid()) id: string) {
    return this.inventory.inventory(actor, id);
  }

  @Post('dossiers/:id/incomes')
  @ApiUuidParams('id')
  @ApiBodySchema(NEW_INCOME)
  @ApiOk(INCOME, 'Added (audited)', 201)
  @ApiPermission('inventory:write')
  @ApiErrors(404, 409)
  addIncome(@CurrentUser() actor: AuthUser, @Param('id', uuid()) id: string, @Body(new SchemaPipe(NEW_INCOME)) body: NewIncome) {
    return this.inventory.addIncome(actor, id, body);
  }

  @Post('dossiers/:id/expenses')
  @ApiUuidParams('id')
  @ApiBodySchema(NEW_EXPENSE)
  @ApiOk(EXPENSE, 'Added (audited)', 201)
  @ApiPermission('inventory:write')
  @ApiErrors(404, 409)
  addExpense(@CurrentUser() actor: AuthUser, @Param('id', uuid()) id: string, @Body(new SchemaPipe(NEW_EXPENSE)) body: NewExpense) {
    return this.inventory.addExpense(actor, id, body);
  }

  @Post('dossiers/:id/debts')
  @ApiUuidParams('id')
  @ApiBodySchema(NEW_DEBT)
  @ApiOk(DEBT, 'Added (audited); a creditor that is not a party in use: 400 on /creditorPartyId', 201)
  @ApiPermission('inventory:write')
  @ApiErrors(404, 409)
  addDebt(@CurrentUser() actor: AuthUser, @Param('id', uuid()) id: string, @Body(new SchemaPipe(NEW_DEBT)) body: NewDebt) {
    return this.inventory.addDebt(actor, id, body);
  }

  @Patch('incomes/:id')
  @ApiUuidParams('id')
  @ApiBodySchema(INCOME_CHANGE)
  @ApiOk(INCOME, 'Changed (who and when kept; audited)')
  @ApiPermission('inventory:write')
  @ApiErrors(404, 409)
  changeIncome(@CurrentUser() actor: AuthUser, @Param('id', uuid()) id: string, @Body(new SchemaPipe(INCOME_CHANGE)) body: Partial<NewIncome>) {
    return this.inventory.changeIncome(actor, id, body);
  }

  @Patch('expenses/:id')
  @ApiUuidParams('id')
  @ApiBodySchema(EXPENSE_CHANGE)
  @ApiOk(EXPENSE, 'Changed (who and when kept; audited)')
  @ApiPermission('inventory:write')
  @ApiErrors(404, 409)
  changeExpense(@CurrentUser() actor: AuthUser, @Param('id', uuid()) id: string, @Body(new SchemaPipe(EXPENSE_CHANGE)) body: Partial<NewExpense>) {
    return this.inventory.changeExpense(actor, id, body);
  }

  @Patch('debts/:id')
  @ApiUuidParams('id')
  @ApiBodySchema(DEBT_CHANGE)
  @ApiOk(DEBT, 'Changed: e.g. the outstanding amount after a payment, or settled / paid with its date (a debt is never deleted)')
  @ApiPermission('inventory:write')
  @ApiErrors(404, 409)
  changeDebt(@CurrentUser() actor: AuthUser, @Param('id', uuid()) id: string, @Body(new SchemaPipe(DEBT_CHANGE)) body: Partial<NewDebt>) {
    return this.inventory.changeDebt(actor, id, body);
  }

  @Delete('incomes/:id')
  @HttpCode(204)
  @ApiUuidParams('id')
  @ApiNoContent('Deleted (audited)')
  @ApiPermission('inventory:write')
  @ApiErrors(404, 409)
  removeIncome(@CurrentUser() actor: AuthUser, @Param('id', uuid()) id: string) {
    return this.inventory.removeIncome(actor, id);
  }

  @Delete('expenses/:id')
  @HttpCode(204)
  @ApiUuidParams('id')
  @ApiNoContent('Deleted (audited)')
  @ApiPermission('inventory:write')
  @ApiErrors(404, 409)
  removeExpense(@CurrentUser() actor: AuthUser, @Param('id', uuid()) id: string) {
    return this.inventory.removeExpense(actor, id);
  }
}

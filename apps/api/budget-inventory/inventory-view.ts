import type { DossierDebtEntity, DossierExpenseEntity, DossierIncomeEntity, PartyEntity } from '../../../libs/db/entities';
import {
  DEBT_STATUS_LABELS, DebtStatus, EXPENSE_KIND_LABELS, ExpenseKind, INCOME_KIND_LABELS, IncomeKind, inventoryTotals, PRIORITY_KIND_LABELS, PriorityKind,
} from '../../../libs/domain/budget-inventory';
import { arrayOf, BOOLEAN, DATE, DATE_TIME, INTEGER, nullable, object, Schema, STRING, UUID } from '../common/openapi';

const changed = (row: { createdBy: string; createdAt: Date; updatedBy: string; updatedAt: Date }) => ({
  createdBy: row.createdBy, createdAt: row.createdAt, updatedBy: row.updatedBy, updatedAt: row.updatedAt,
});

export function incomeView(row: DossierIncomeEntity) {
  return {
    id: row.id, dossierId: row.dossierId, kind: row.kind, kindLabel: INCOME_KIND_LABELS[row.kind as IncomeKind] ?? row.kind,
    description: row.description, amountCents: row.amountCents, dayOfMonth: row.dayOfMonth, validFrom: row.validFrom, validUntil: row.validUntil,
    ...changed(row),
  };
}

export function expenseView(row: DossierExpenseEntity) {
  return {
    id: row.id, dossierId: row.dossierId, kind: row.kind, kindLabel: EXPENSE_KIND_LABELS[row.kind as ExpenseKind] ?? row.kind,
    description: row.description, amountCents: row.amountCents, dueDay: row.dueDay, ...changed(row),
  };
}

const partyRef = (party: PartyEntity | undefined) => (party ? { id: party.id, name: party.name, kind: party.kind } : null);

export function debtView(row: DossierDebtEntity, parties: Map<string, PartyEntity>) {
  return {
    id: row.id, dossierId: row.dossierId, creditor: partyRef(parties.get(row.creditorPartyId)), creditorReference: row.creditorReference,
    originalCents: row.originalCents, outstandingCents: row.outstandingCents, outstandingExceedsOriginal: row.outstandingExceedsOriginal,
    collector: row.collectorPartyId ? partyRef(parties.get(row.collectorPartyId)) : null, collectorReference: row.collectorReference,
    disputed: row.disputed, priorityKind: row.priorityKind,
    priorityLabel: row.priorityKind ? PRIORITY_KIND_LABELS[row.priorityKind as PriorityKind] ?? row.priorityKind : null,
    status: row.status, statusLabel: DEBT_STATUS_LABELS[row.status as DebtStatus] ?? row.status, statusDate: row.statusDate,
    description: row.description, ...changed(row),
  };
}

export function inventoryView(dossierId: string, incomes: DossierIncomeEntity[], expenses: DossierExpenseEntity[], debts: DossierDebtEntity[], parties: Map<string, PartyEntity>) {
  return {
    dossierId,
    incomes: incomes.map(incomeView),
    expenses: expenses.map(expenseView),
    debts: debts.map((d) => debtView(d, parties)),
    totals: inventoryTotals(incomes, expenses, debts),
  };
}

const CHANGED = { createdBy: UUID, createdAt: DATE_TIME, updatedBy: UUID, updatedAt: DATE_TIME };
const withRequired = (properties: Record<string, Schema>) => object(properties, Object.keys(properties));
const ROW = { id: UUID, dossierId: UUID, description: nullable(STRING), ...CHANGED };
export const INCOME = withRequired({ ...ROW, kind: STRING, kindLabel: STRING, amountCents: INTEGER, dayOfMonth: nullable(INTEGER), validFrom: nullable(DATE), validUntil: nullable(DATE) });
export const EXPENSE = withRequired({ ...ROW, kind: STRING, kindLabel: STRING, amountCents: INTEGER, dueDay: nullable(INTEGER) });
const PARTY_REF = object({ id: UUID, name: STRING, kind: STRING }, ['id', 'name', 'kind']);
export const DEBT = withRequired({
  ...ROW, creditor: PARTY_REF, creditorReference: nullable(STRING), originalCents: INTEGER, outstandingCents: INTEGER,
  outstandingExceedsOriginal: BOOLEAN, collector: nullable(PARTY_REF), collectorReference: nullable(STRING), disputed: BOOLEAN,
  priorityKind: nullable(STRING), priorityLabel: nullable(STRING), status: STRING, statusLabel: STRING, statusDate: nullable(DATE),
});
export const INVENTORY = withRequired({
  dossierId: UUID,
  incomes: arrayOf(INCOME),
  expenses: arrayOf(EXPENSE),
  debts: arrayOf(DEBT),
  totals: withRequired({ incomePerMonth: INTEGER, expensesPerMonth: INTEGER, outstandingDebts: INTEGER, priorityOutstanding: INTEGER, monthlyMargin: INTEGER }),
});

/**
 * The budget inventory of a dossier (debt mediation intake, domain §3): the kinds of income, of fixed costs and of
 * priority debts, English codes with their Dutch labels, and the totals. PURE code: workflows may import it.
 */
export const INCOME_KINDS = ['wage', 'benefit', 'leefloon', 'child-benefit', 'pension', 'other'] as const;
export type IncomeKind = (typeof INCOME_KINDS)[number];
export const INCOME_KIND_LABELS: Record<IncomeKind, string> = {
  wage: 'loon',
  benefit: 'uitkering',
  leefloon: 'leefloon',
  'child-benefit': 'kinderbijslag / groeipakket',
  pension: 'pensioen',
  other: 'andere',
};

export const EXPENSE_KINDS = ['rent', 'energy', 'water', 'insurance', 'telecom', 'maintenance', 'other'] as const;
export type ExpenseKind = (typeof EXPENSE_KINDS)[number];
export const EXPENSE_KIND_LABELS: Record<ExpenseKind, string> = {
  rent: 'huur',
  energy: 'energie',
  water: 'water',
  insurance: 'verzekering',
  telecom: 'telecom',
  maintenance: 'onderhoudsgeld',
  other: 'andere',
};

/** Debts that come first in a budget plan: losing the home, the energy, the children's maintenance, fines and taxes. */
export const PRIORITY_KINDS = ['rent', 'energy', 'maintenance', 'fines', 'taxes'] as const;
export type PriorityKind = (typeof PRIORITY_KINDS)[number];
export const PRIORITY_KIND_LABELS: Record<PriorityKind, string> = {
  rent: 'huur',
  energy: 'energie',
  maintenance: 'onderhoudsgeld',
  fines: 'boetes',
  taxes: 'belastingen',
};

export const DEBT_STATUSES = ['open', 'settled', 'paid'] as const;
export type DebtStatus = (typeof DEBT_STATUSES)[number];
export const DEBT_STATUS_LABELS: Record<DebtStatus, string> = { open: 'open', settled: 'geregeld', paid: 'betaald' };

export interface InventoryTotals {
  incomePerMonth: number;
  expensesPerMonth: number;
  outstandingDebts: number;
  priorityOutstanding: number;
  /** Income minus fixed costs per month (negative: a shortfall). */
  monthlyMargin: number;
}

/** The totals, in cents. Only open debts count as outstanding (a settled or paid debt is no longer owed as it stands). */
export function inventoryTotals(
  incomes: { amountCents: number }[],
  expenses: { amountCents: number }[],
  debts: { outstandingCents: number; status: string; priorityKind: string | null }[],
): InventoryTotals {
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  const incomePerMonth = sum(incomes.map((i) => i.amountCents));
  const expensesPerMonth = sum(expenses.map((e) => e.amountCents));
  const open = debts.filter((d) => d.status === 'open');
  return {
    incomePerMonth,
    expensesPerMonth,
    outstandingDebts: sum(open.map((d) => d.outstandingCents)),
    priorityOutstanding: sum(open.filter((d) => d.priorityKind !== null).map((d) => d.outstandingCents)),
    monthlyMargin: incomePerMonth - expensesPerMonth,
  };
}

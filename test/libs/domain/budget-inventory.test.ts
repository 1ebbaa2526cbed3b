import { inventoryTotals, PRIORITY_KIND_LABELS } from '../../../libs/domain/budget-inventory';

describe('inventoryTotals', () => {
  it('sums income and fixed costs per month, counts only open debts as outstanding, and gives a negative margin as a shortfall', () => {
    const totals = inventoryTotals(
      [{ amountCents: 131420 }],
      [{ amountCents: 90000 }, { amountCents: 50000 }],
      [
        { outstandingCents: 80000, status: 'open', priorityKind: 'rent' },
        { outstandingCents: 25050, status: 'open', priorityKind: null },
        { outstandingCents: 99999, status: 'paid', priorityKind: 'taxes' },
        { outstandingCents: 12345, status: 'settled', priorityKind: null },
      ],
    );
    expect(totals).toEqual({ incomePerMonth: 131420, expensesPerMonth: 140000, outstandingDebts: 105050, priorityOutstanding: 80000, monthlyMargin: -8580 });
  });

  it('is all zero for an empty inventory', () => {
    expect(inventoryTotals([], [], [])).toEqual({ incomePerMonth: 0, expensesPerMonth: 0, outstandingDebts: 0, priorityOutstanding: 0, monthlyMargin: 0 });
  });

  it('labels the priority debts in Dutch', () => {
    expect(PRIORITY_KIND_LABELS).toEqual({ rent: 'huur', energy: 'energie', maintenance: 'onderhoudsgeld', fines: 'boetes', taxes: 'belastingen' });
  });
});

import { BudgetPlan, plannedOutgoing, previewWindows } from '../../../libs/domain/budget-plan';

const RENT_PARTY = '11111111-1111-4111-8111-111111111111';
const CREDITOR = '22222222-2222-4222-8222-222222222222';
const DEBT = '33333333-3333-4333-8333-333333333333';

const plan = (over: Partial<BudgetPlan> = {}): BudgetPlan => ({
  version: 1,
  validFrom: '2026-01-01',
  account: { name: 'OCMW Teststad budgetbeheer Jan Peeters', iban: 'BE71096123456769', bic: 'GKCCBEBB' },
  leefgeldWeeklyCents: 12000,
  fixedCosts: [{ key: 'rent', partyId: RENT_PARTY, label: 'Huur', amountCents: 65000, dueDay: 1 }],
  instalments: [{ debtId: DEBT, partyId: CREDITOR, debtRef: 'DOS-2024-17', amountCents: 5000, dueDay: 25 }],
  reserveMonthlyCents: 2500,
  ...over,
});

const days = (out: ReturnType<typeof plannedOutgoing>) => out.payments.map((p) => `${p.date} ${p.kind} ${p.period} ${p.amountCents}`);

describe('plannedOutgoing', () => {
  it('pays the living money on the configured weekday, Easter Monday moved to the Friday before (into the previous week)', () => {
    // Week 14 of 2026: Monday 30 March … Sunday 5 April; Easter Monday 6 April (week 15) is paid on Friday 3 April.
    const week = plannedOutgoing(plan({ fixedCosts: [], instalments: [] }), { from: '2026-03-30', to: '2026-04-05' }, 1);
    expect(days(week)).toEqual(['2026-03-30 leefgeld 2026-W14 12000', '2026-04-03 leefgeld 2026-W15 12000']);
    expect(week.totalCents).toBe(24000);
    expect(week.payments[0]).toMatchObject({ label: 'Leefgeld', partyId: null, key: 'leefgeld' });
    expect(plannedOutgoing(plan({ fixedCosts: [], instalments: [] }), { from: '2026-04-06', to: '2026-04-12' }, 1).payments).toEqual([]);
  });

  it('pays on another weekday when configured (Thursday), and nothing when the living money is 0', () => {
    expect(days(plannedOutgoing(plan({ fixedCosts: [], instalments: [] }), { from: '2026-12-07', to: '2026-12-13' }, 4))).toEqual(['2026-12-10 leefgeld 2026-W50 12000']);
    expect(plannedOutgoing(plan({ leefgeldWeeklyCents: 0, fixedCosts: [], instalments: [] }), { from: '2026-12-07', to: '2026-12-13' }, 4).payments).toEqual([]);
  });

  it("pays fixed costs and instalments on their due days: November's rent (Sunday 1 November, All Saints) leaves on Friday 30 October", () => {
    const october = plannedOutgoing(plan({ leefgeldWeeklyCents: 0 }), { from: '2026-10-01', to: '2026-10-31' }, 1);
    expect(days(october)).toEqual([
      '2026-10-01 fixed-cost 2026-10 65000',
      '2026-10-23 instalment 2026-10 5000', // Sunday 25 October → Friday 23
      '2026-10-30 fixed-cost 2026-11 65000',
    ]);
    expect(october.totalCents).toBe(135000);
    expect(october.payments[1]).toMatchObject({ label: 'Afbetaling DOS-2024-17', partyId: CREDITOR, debtId: DEBT, key: 'DOS-2024-17' });
    expect(october.payments[0]).toMatchObject({ label: 'Huur', partyId: RENT_PARTY, key: 'rent' });
  });

  it('pays on the last day of a short month, and Christmas on the 24th', () => {
    const costs = [{ key: 'energy', partyId: RENT_PARTY, label: 'Energie', amountCents: 9000, dueDay: 31 }];
    expect(days(plannedOutgoing(plan({ leefgeldWeeklyCents: 0, fixedCosts: costs, instalments: [] }), { from: '2027-02-01', to: '2027-02-28' }, 1)))
      .toEqual(['2027-02-26 fixed-cost 2027-02 9000']); // Sunday 28 February → Friday 26
    expect(days(plannedOutgoing(plan({ leefgeldWeeklyCents: 0, fixedCosts: [] }), { from: '2026-12-01', to: '2026-12-31' }, 1)))
      .toEqual(['2026-12-24 instalment 2026-12 5000']);
  });

  it('orders a day by living money, fixed costs, instalments, and leaves out what falls due before the version is valid', () => {
    const sameDay = plan({ fixedCosts: [{ key: 'rent', partyId: RENT_PARTY, label: 'Huur', amountCents: 65000, dueDay: 7 }], instalments: [{ debtId: DEBT, partyId: CREDITOR, debtRef: 'A1', amountCents: 100, dueDay: 7 }] });
    expect(plannedOutgoing(sameDay, { from: '2026-12-07', to: '2026-12-07' }, 1).payments.map((p) => p.kind)).toEqual(['leefgeld', 'fixed-cost', 'instalment']);
    // Valid from Thursday 2 April: Monday 30 March's living money is the previous version's; Easter Monday's (paid 3 April) is this one's.
    expect(days(plannedOutgoing(plan({ validFrom: '2026-04-02', fixedCosts: [], instalments: [] }), { from: '2026-03-30', to: '2026-04-05' }, 1)))
      .toEqual(['2026-04-03 leefgeld 2026-W15 12000']);
  });

  it('refuses a window that is not made of dates', () => {
    expect(() => plannedOutgoing(plan(), { from: '2026-13-01', to: '2026-12-31' }, 1)).toThrow(RangeError);
  });
});

describe('previewWindows', () => {
  it('gives the ISO week (Monday to Sunday) and the calendar month of a day, across a year end', () => {
    expect(previewWindows('2026-04-01')).toEqual({ week: { from: '2026-03-30', to: '2026-04-05' }, month: { from: '2026-04-01', to: '2026-04-30' } });
    expect(previewWindows('2027-01-03')).toEqual({ week: { from: '2026-12-28', to: '2027-01-03' }, month: { from: '2027-01-01', to: '2027-01-31' } });
  });
});

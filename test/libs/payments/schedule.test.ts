import {
  addWeeks,
  dayOfIsoWeek,
  isoWeekday,
  isoWeekOf,
  monthlyDueDay,
  weeklyPaymentDay,
  addPeriods,
  arrears,
  coverage,
  firstPaymentDeadline,
  paymentDay,
  periodRange,
  proRata,
} from '../../../libs/payments/schedule';

describe('payment day: the payday of the month, moved EARLIER to a working day', () => {
  it.each([
    ['2026-04', 1, '2026-04-01', 'a Wednesday: unchanged'],
    ['2026-03', 1, '2026-02-27', 'Sunday 1 March → Friday 27 February'],
    ['2026-11', 1, '2026-10-30', 'Sunday 1 November is also All Saints → Friday 30 October'],
    ['2026-05', 1, '2026-04-30', 'Labour Day on a Friday → Thursday 30 April'],
    ['2026-05', 25, '2026-05-22', 'Whit Monday, then the weekend → Friday 22 May'],
    ['2026-08', 15, '2026-08-14', 'Assumption on a Saturday → Friday 14 August'],
    ['2026-04', 6, '2026-04-03', 'Easter Monday → Friday 3 April'],
    ['2026-01', 1, '2025-12-31', "New Year's Day → the last working day of the year before"],
  ])('%s, payday %i: %s (%s)', (month, payday, expected) => {
    expect(paymentDay(month, payday)).toBe(expected);
  });

  it('refuses a payday outside 1–28 and a malformed month', () => {
    expect(() => paymentDay('2026-04', 29)).toThrow(RangeError);
    expect(() => paymentDay('2026-4', 1)).toThrow(RangeError);
  });
});

describe('pro rata for a partial month, in calendar days', () => {
  it('counts the days the right covers in that month', () => {
    expect(coverage('2026-03', '2026-03-17')).toEqual({ days: 15, daysInMonth: 31 });
    expect(coverage('2026-04', '2026-03-17')).toEqual({ days: 30, daysInMonth: 30 });
    expect(coverage('2028-02', '2028-02-15')).toEqual({ days: 15, daysInMonth: 29 });
    expect(coverage('2026-03', '2026-01-01', '2026-03-10')).toEqual({ days: 10, daysInMonth: 31 });
    expect(coverage('2026-02', '2026-03-17')).toEqual({ days: 0, daysInMonth: 28 });
  });

  it('is amount × days covered / days in the month, rounded to the cent (half up)', () => {
    expect(proRata(131_420, { days: 15, daysInMonth: 31 })).toBe(63_590); // 63 590,32
    expect(proRata(177_607, { days: 16, daysInMonth: 30 })).toBe(94_724); // 94 723,73
    expect(proRata(87_613, { days: 15, daysInMonth: 30 })).toBe(43_807); // 43 806,5
    expect(proRata(131_420, { days: 31, daysInMonth: 31 })).toBe(131_420);
    expect(proRata(131_420, { days: 0, daysInMonth: 31 })).toBe(0);
  });
});

describe('arrears and the first payment (LL-6: within 15 calendar days of the decision)', () => {
  it('lists the months whose payday had come by the decision, pro rata for the first, due within the LL-6 term', () => {
    // Right from Tuesday 17 March; decided Friday 10 April; payday 1. March (paid 27 Feb) and April (paid 1 April)
    // are arrears; May's payday (1 May is Labour Day → Thursday 30 April) is the first after the decision.
    const plan = arrears('2026-03-17', '2026-04-10', 1);
    expect(plan.months).toEqual([
      { period: '2026-03', coverage: { days: 15, daysInMonth: 31 } },
      { period: '2026-04', coverage: { days: 30, daysInMonth: 30 } },
    ]);
    // 15 days after 10 April is Saturday 25 April → Friday 24 April, before the first regular payday.
    expect(plan.firstPaymentDeadline).toBe('2026-04-24');
    expect(plan.arrearsDueDate).toBe('2026-04-24');
    expect(plan).toMatchObject({ firstRegularPeriod: '2026-05', firstRegularDueDate: '2026-04-30' });
  });

  it('pays the arrears with the first regular payment when that payday comes first', () => {
    const plan = arrears('2026-04-01', '2026-04-20', 1);
    expect(plan.months.map((m) => m.period)).toEqual(['2026-04']);
    expect(plan).toMatchObject({ firstPaymentDeadline: '2026-05-05', arrearsDueDate: '2026-04-30', firstRegularPeriod: '2026-05' });
  });

  it('brings the first month forward to the LL-6 day when its payday would be too late', () => {
    // Decided on the start date, 10 March; payday 28 (Saturday → Friday 27 March) is 17 days later.
    const plan = arrears('2026-03-10', '2026-03-10', 28);
    expect(plan.months).toEqual([]);
    expect(plan).toMatchObject({ arrearsDueDate: null, firstRegularPeriod: '2026-03', firstRegularDueDate: '2026-03-25' });
  });

  it('keeps the regular payday for a right that starts after the LL-6 day', () => {
    const plan = arrears('2026-06-01', '2026-04-20', 1);
    expect(plan).toMatchObject({ months: [], arrearsDueDate: null, firstRegularPeriod: '2026-06', firstRegularDueDate: '2026-06-01' });
  });

  it('never lets an arrears month and a regular month overlap', () => {
    for (const payday of [1, 10, 28]) {
      const plan = arrears('2026-01-20', '2026-05-12', payday);
      const last = plan.months[plan.months.length - 1].period;
      expect(addPeriods(last, 1)).toBe(plan.firstRegularPeriod);
      expect(plan.months[0].period).toBe('2026-01');
    }
  });

  it('counts the LL-6 term in calendar days, moved earlier to a working day', () => {
    expect(firstPaymentDeadline('2026-04-08')).toBe('2026-04-23');
    expect(firstPaymentDeadline('2026-10-17')).toBe('2026-10-30'); // 1 November: Sunday and All Saints
  });

  it('walks periods across the year end', () => {
    expect(periodRange('2026-11', '2027-02')).toEqual(['2026-11', '2026-12', '2027-01', '2027-02']);
    expect(addPeriods('2026-01', -1)).toBe('2025-12');
  });
});

describe('weekly and monthly due days (budget management)', () => {
  it('knows the ISO week of a date, across year ends', () => {
    expect(isoWeekOf('2026-12-02')).toBe('2026-W49');
    expect(isoWeekOf('2025-12-29')).toBe('2026-W01'); // the Thursday of that week is 1 January 2026
    expect(isoWeekOf('2027-01-01')).toBe('2026-W53'); // 2026 has 53 weeks (it starts on a Thursday)
    expect(isoWeekOf('2027-01-04')).toBe('2027-W01');
    expect(addWeeks('2026-W52', 1)).toBe('2026-W53');
    expect(addWeeks('2026-W53', 1)).toBe('2027-W01');
    expect(addWeeks('2027-W01', -2)).toBe('2026-W52');
  });

  it('pays the living money on the weekday of the week, moved to the previous working day', () => {
    expect(dayOfIsoWeek('2026-W49', 1)).toBe('2026-11-30');
    expect(weeklyPaymentDay('2026-W49', 1)).toBe('2026-11-30');
    expect(weeklyPaymentDay('2026-W15', 1)).toBe('2026-04-03'); // Easter Monday 6 April 2026 → Friday 3 April
    expect(weeklyPaymentDay('2026-W49', 6)).toBe('2026-12-04'); // a Saturday → the Friday before
    expect(() => weeklyPaymentDay('2026-W49', 0)).toThrow(RangeError);
  });

  it('pays a monthly amount on its due day, the last day of a short month, moved to the previous working day', () => {
    expect(monthlyDueDay('2027-02', 31)).toBe('2027-02-26'); // Sunday 28 February → Friday 26
    expect(monthlyDueDay('2026-12', 25)).toBe('2026-12-24'); // Christmas → 24 December
    expect(monthlyDueDay('2026-12', 10)).toBe('2026-12-10');
    expect(isoWeekday('2026-12-06')).toBe(7);
  });
});

import { addDays, endOfDay, startOfDay } from '../../../libs/deadlines/calendar-date';
import { computeDeadline, ruleFor } from '../../../libs/deadlines/v1-rules';

describe('v1 deadline computation (administrative terms, calendar days)', () => {
  it('decides a leefloon request of 2 March 2026 by 1 April 2026 (art. 21 §1 RMI-wet)', () => {
    const d = computeDeadline(ruleFor('LL-3', '2026-03-02'), '2026-03-02', 7);
    expect(d).toMatchObject({ dueDate: '2026-04-01', warningDate: '2026-03-25', legalBasis: 'art. 21 §1 RMI-wet' });
    expect(d.explanation).toContain('2026-04-01');
  });

  it('forwards within 5 calendar days: a finding on 1 June is due on 6 June, no weekend shift', () => {
    expect(computeDeadline(ruleFor('LL-2', '2026-06-01'), '2026-06-01', 7)).toMatchObject({ dueDate: '2026-06-06', warningDate: '2026-06-04' });
    // 2026-06-06 is a Saturday: administrative terms do not move.
    expect(new Date('2026-06-06T12:00:00Z').getUTCDay()).toBe(6);
  });

  it('ends a legal day at midnight in Brussels, in winter and in summer time', () => {
    expect(new Date(endOfDay('2026-01-15', 'Europe/Brussels')).toISOString()).toBe('2026-01-15T23:00:00.000Z');
    expect(new Date(endOfDay('2026-07-15', 'Europe/Brussels')).toISOString()).toBe('2026-07-15T22:00:00.000Z');
    // The night of the change to summer time (29 March 2026) has 23 hours.
    expect(endOfDay('2026-03-29', 'Europe/Brussels') - startOfDay('2026-03-29', 'Europe/Brussels')).toBe(23 * 3600_000);
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
  });

  it('refuses a rule that is not in force on the trigger date', () => {
    expect(() => ruleFor('LL-3', '1999-01-01')).toThrow(/no deadline rule LL-3/);
  });
});

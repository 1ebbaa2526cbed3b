import { agendaCutoff, CouncilRules, pickSession, regularSessions } from '../../../libs/council/sessions';

const tuesdays: CouncilRules = { rhythm: 'weekly', weekday: 2, weekOfMonth: 2, anchorDate: '2026-01-06', noticeDays: 8 };

describe('BCSD session calendar', () => {
  it('closes the agenda of Tuesday 17 March 2026 at the end of Monday 9 March with 8 days notice, 12 March with 5', () => {
    expect(agendaCutoff('2026-03-17', 8)).toBe('2026-03-09');
    expect(agendaCutoff('2026-03-17', 5)).toBe('2026-03-12');
  });

  it.each([
    ['weekly', { ...tuesdays }, ['2026-03-03', '2026-03-10', '2026-03-17', '2026-03-24', '2026-03-31']],
    ['every two weeks from 6 January', { ...tuesdays, rhythm: 'biweekly' as const }, ['2026-03-03', '2026-03-17', '2026-03-31']],
    ['monthly, the second Tuesday', { ...tuesdays, rhythm: 'monthly' as const }, ['2026-03-10']],
    ['monthly, the first Monday', { ...tuesdays, rhythm: 'monthly' as const, weekday: 1, weekOfMonth: 1 }, ['2026-03-02']],
  ])('generates %s sessions', (_, rules, dates) => {
    expect(regularSessions(rules, '2026-03-01', '2026-03-31').map((s) => s.date)).toEqual(dates);
  });

  it('puts an item on the earliest session whose agenda is still open', () => {
    const sessions = regularSessions(tuesdays, '2026-03-01', '2026-04-30');
    // On 9 March the agenda of 17 March is still open (it closes at the end of that day); on 10 March it is not.
    expect(pickSession(sessions, '2026-03-09', '2026-04-01')).toMatchObject({ session: { date: '2026-03-17' }, urgent: false });
    expect(pickSession(sessions, '2026-03-10', '2026-04-01')).toMatchObject({ session: { date: '2026-03-24' }, urgent: false });
  });

  it('flags the chair\'s urgent decision when even the earliest session is after the legal deadline', () => {
    const sessions = regularSessions(tuesdays, '2026-03-01', '2026-04-30');
    expect(pickSession(sessions, '2026-03-10', '2026-03-20')).toMatchObject({ session: { date: '2026-03-24' }, urgent: true });
    expect(pickSession([], '2026-03-10', '2026-03-20')).toBeNull();
  });
});

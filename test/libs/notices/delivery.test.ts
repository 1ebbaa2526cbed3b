import { DEFAULT_CATALOGUE } from '../../../libs/deadlines/catalogue';
import { appealTerm, DeliveryError, notificationDate } from '../../../libs/notices/delivery';
import { LEEFLOON } from '../../../libs/procedures/leefloon';

const three = { registeredMailWorkingDays: 3 };
// The leefloon's appeal rule names its catalogue rule (LL-10) in the procedure definition.
const tz = { timeZone: 'Europe/Brussels', ruleId: LEEFLOON.letters.appeal.ruleId };

describe('notification date and appeal term', () => {
  it('registered letter posted on Friday 30 Oct 2026: the 3rd working day after posting is Wednesday 4 Nov', () => {
    // Sat 31 Oct and Sun 1 Nov (Allerheiligen, on a Sunday) do not count; Mon 2 Nov is a working day (2 November is
    // not a legal holiday), Tue 3 Nov the second, Wed 4 Nov the third.
    const notified = notificationDate({ mode: 'registered', postedOn: '2026-10-30' }, three);
    expect(notified?.date).toBe('2026-11-04');
    expect(notified?.note).toContain('30 oktober 2026');
    expect(notified?.note).toContain('3e werkdag');
    // The appeal: 3 judicial months from the notification, Thursday 4 Feb 2027 (a working day: no shift).
    const appeal = appealTerm(DEFAULT_CATALOGUE, notified!.date, tz);
    expect(appeal.ruleId).toBe('LL-10');
    expect(appeal.dueDate).toBe('2027-02-04');
  });

  it('registered letter posted on Monday 9 Nov 2026 skips Wapenstilstand; its appeal term ends on a Saturday and moves to Monday', () => {
    // Tue 10 Nov (1), Wed 11 Nov Wapenstilstand skipped, Thu 12 Nov (2), Fri 13 Nov (3).
    const notified = notificationDate({ mode: 'registered', postedOn: '2026-11-09' }, three);
    expect(notified?.date).toBe('2026-11-13');
    // 13 Feb 2027 is a Saturday: art. 53 Ger.W. moves the last day to Monday 15 Feb 2027.
    const appeal = appealTerm(DEFAULT_CATALOGUE, notified!.date, tz);
    expect(appeal.dueDate).toBe('2027-02-15');
    expect(appeal.explanation.map((s) => s.step)).toContain('shift');
  });

  it('follows the configured number of working days [U]', () => {
    expect(notificationDate({ mode: 'registered', postedOn: '2026-10-30' }, { registeredMailWorkingDays: 1 })?.date).toBe('2026-11-02');
    expect(notificationDate({ mode: 'registered', postedOn: '2026-10-30' }, { registeredMailWorkingDays: 0 })?.date).toBe('2026-10-30');
    expect(notificationDate({ mode: 'registered', postedOn: '2026-12-23' }, three)?.date).toBe('2026-12-29'); // 25 Dec, weekend
  });

  it('against a signed receipt, the signature date is the notification date; e-mail and hand: that day', () => {
    expect(notificationDate({ mode: 'against-receipt', signedOn: '2026-10-31' }, three)?.date).toBe('2026-10-31');
    expect(notificationDate({ mode: 'e-mail', sentOn: '2026-10-30' }, three)?.date).toBe('2026-10-30');
    expect(notificationDate({ mode: 'hand', sentOn: '2026-03-02' }, three)?.date).toBe('2026-03-02');
    // A signature on 14 Jan: the appeal ends on 14 April (art. 52/54 Ger.W.).
    expect(appealTerm(DEFAULT_CATALOGUE, '2027-01-14', tz).dueDate).toBe('2027-04-14');
  });

  it('proves no date for an ordinary letter or a partner message, and asks for the date a mode needs', () => {
    expect(notificationDate({ mode: 'letter' }, three)).toBeNull();
    expect(notificationDate({ mode: 'partner-outbox' }, three)).toBeNull();
    expect(() => notificationDate({ mode: 'registered' }, three)).toThrow(DeliveryError);
    expect(() => notificationDate({ mode: 'against-receipt', signedOn: '2026-02-30' }, three)).toThrow(/signed receipt/);
  });

  it('computes the appeal rule the procedure names (social aid: SA-5)', () => {
    expect(appealTerm(DEFAULT_CATALOGUE, '2026-11-04', { ...tz, ruleId: 'SA-5' }).ruleId).toBe('SA-5');
  });
});

import { isTarget2BusinessDay, nextTarget2BusinessDay, target2ExecutionDate, target2Holiday } from '../../../libs/payments/target2';

describe('the TARGET2 calendar', () => {
  it.each([
    ['2026-12-05', 'zaterdag', null],
    ['2026-12-06', 'zondag', null],
    ['2027-01-01', 'Nieuwjaar', 'Nieuwjaar'],
    ['2026-04-03', 'Goede Vrijdag (Easter 5 April 2026)', 'Goede Vrijdag'],
    ['2026-04-06', 'Paasmaandag', 'Paasmaandag'],
    ['2027-03-26', 'Goede Vrijdag (Easter 28 March 2027)', 'Goede Vrijdag'],
    ['2026-05-01', 'Dag van de Arbeid', 'Dag van de Arbeid'],
    ['2026-12-25', 'Kerstmis', 'Kerstmis'],
    ['2026-12-26', 'Tweede Kerstdag', 'Tweede Kerstdag'],
  ])('is closed on %s (%s)', (date, _label, holiday) => {
    expect(isTarget2BusinessDay(date)).toBe(false);
    expect(target2Holiday(date)).toBe(holiday);
  });

  it.each([
    ['2026-12-07', 'a Monday'],
    ['2026-07-21', 'Belgian national day: a legal holiday, not a TARGET2 one'],
    ['2026-11-11', 'Wapenstilstand'],
    ['2026-05-14', 'Ascension'],
    ['2026-05-25', 'Whit Monday'],
    ['2026-12-24', 'Christmas Eve'],
    ['2026-12-31', "New Year's Eve"],
  ])('settles on %s (%s)', (date) => {
    expect(isTarget2BusinessDay(date)).toBe(true);
    expect(nextTarget2BusinessDay(date)).toBe(date);
  });

  it('moves a closed day to the next business day', () => {
    expect(nextTarget2BusinessDay('2026-12-05')).toBe('2026-12-07');
    expect(nextTarget2BusinessDay('2026-12-25')).toBe('2026-12-28'); // Friday, then the weekend with 26 December
    expect(nextTarget2BusinessDay('2026-04-03')).toBe('2026-04-07'); // Good Friday → over Easter Monday to Tuesday
    expect(nextTarget2BusinessDay('2027-12-25')).toBe('2027-12-27'); // Saturday, Sunday 26 December
  });
});

describe('the execution date of a SEPA batch', () => {
  it('keeps a business day, without a note', () => {
    expect(target2ExecutionDate('2026-12-07')).toEqual({ date: '2026-12-07', requested: '2026-12-07', note: null });
  });

  it('moves a Saturday to the Monday and says so in Dutch', () => {
    expect(target2ExecutionDate('2026-12-05')).toEqual({
      date: '2026-12-07',
      requested: '2026-12-05',
      note: 'Zaterdag 5 december 2026 is geen TARGET2-bankwerkdag: uitvoering op maandag 7 december 2026.',
    });
  });

  it('names the holiday', () => {
    expect(target2ExecutionDate('2026-12-25').note).toBe(
      'Vrijdag 25 december 2026 (Kerstmis) is geen TARGET2-bankwerkdag: uitvoering op maandag 28 december 2026.',
    );
    expect(target2ExecutionDate('2026-04-03').note).toBe(
      'Vrijdag 3 april 2026 (Goede Vrijdag) is geen TARGET2-bankwerkdag: uitvoering op dinsdag 7 april 2026.',
    );
  });
});

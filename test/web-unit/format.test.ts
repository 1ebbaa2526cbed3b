import { dateLong, dateShort, dateTime, daysLeft, euro, month, number, parseEuro, plural, todayInBrussels } from '../../apps/web/src/format';

describe('the web app\'s Dutch formats', () => {
  it('writes dates long and short', () => {
    expect(dateLong('2026-12-01')).toBe('1 december 2026');
    expect(dateLong('2027-03-15')).toBe('15 maart 2027');
    expect(dateShort('2026-12-01')).toBe('01/12/2026');
  });

  it('writes instants in Brussels time, summer and winter', () => {
    expect(dateTime('2026-12-01T13:05:00Z')).toBe('1 december 2026 om 14:05');
    expect(dateTime('2026-07-01T22:30:00Z')).toBe('2 juli 2026 om 00:30');
    expect(todayInBrussels(new Date('2026-12-31T23:30:00Z'))).toBe('2027-01-01');
  });

  it('writes amounts in euros', () => {
    expect(euro(131420)).toBe('€ 1.314,20');
    expect(euro(5)).toBe('€ 0,05');
    expect(euro(123456789)).toBe('€ 1.234.567,89');
    expect(euro(-500)).toBe('€ -5,00');
  });

  it('reads amounts typed in euros as cents', () => {
    expect(parseEuro('1314,20')).toBe(131420);
    expect(parseEuro('1.314,20')).toBe(131420);
    expect(parseEuro('€ 1.314,2')).toBe(131420);
    expect(parseEuro('1314')).toBe(131400);
    expect(parseEuro('12.5')).toBe(1250);
    expect(parseEuro('1.314')).toBe(131400);
    for (const bad of ['', 'abc', '1,234,5', '12,345', '1.31,20']) expect(parseEuro(bad)).toBeNull();
  });

  it('writes months and numbers the Dutch way (the figures)', () => {
    expect(month('2026-04')).toBe('april 2026');
    expect(month('2025-12-31')).toBe('december 2025');
    expect([number(0), number(1234), number(1234567), number(-1234), number(87.5, 1), number(100, 1)]).toEqual(['0', '1.234', '1.234.567', '-1.234', '87,5', '100,0']);
  });

  it('writes counts with the right plural', () => {
    expect(plural(1, 'taak', 'taken')).toBe('1 taak');
    expect(plural(2, 'taak', 'taken')).toBe('2 taken');
    expect(plural(0, 'taak', 'taken')).toBe('0 taken');
  });

  it('counts days left from a given today', () => {
    expect(daysLeft('2026-12-11', '2026-12-01')).toBe(10);
    expect(daysLeft('2026-11-30', '2026-12-01')).toBe(-1);
  });
});

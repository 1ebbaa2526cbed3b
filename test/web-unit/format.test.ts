import { dateLong, datesInText, dateTime, dayOf, daysLeft, euro, fileSize, month, number, parseEuro, plural, timeOfDay, todayInBrussels } from '../../apps/web/src/format';

describe('the web app\'s Dutch formats', () => {
  it('writes dates long, also those inside a text from the API', () => {
    expect(dateLong('2026-12-01')).toBe('1 december 2026');
    expect(dateLong('2027-03-15')).toBe('15 maart 2027');
    expect(datesInText('beslissing uiterlijk 2026-12-31; 2026-000002 en 2026-13-01 blijven')).toBe('beslissing uiterlijk 31 december 2026; 2026-000002 en 2026-13-01 blijven');
    expect(datesInText('Aanvraag geregistreerd (counter) (onbekend)')).toBe('Aanvraag geregistreerd (aan het onthaal) (onbekend)');
  });

  it('writes instants in Brussels time, summer and winter', () => {
    expect(dateTime('2026-12-01T13:05:00Z')).toBe('1 december 2026 om 14:05');
    expect(dateTime('2026-07-01T22:30:00Z')).toBe('2 juli 2026 om 00:30');
    expect(timeOfDay('2026-12-01T13:32:00Z')).toBe('14:32');
    expect(timeOfDay('2026-07-01T22:05:00Z')).toBe('00:05');
    expect(todayInBrussels(new Date('2026-12-31T23:30:00Z'))).toBe('2027-01-01');
  });

  it('writes the day of an instant in Brussels, and file sizes', () => {
    expect(dayOf('2026-03-31T22:30:00Z')).toBe('1 april 2026'); // already 1 April in Brussels (summer time)
    expect(dayOf('2026-01-31T22:30:00Z')).toBe('31 januari 2026');
    expect(fileSize(1)).toBe('1 byte');
    expect(fileSize(512)).toBe('512 bytes');
    expect(fileSize(1234)).toBe('1,2 kB');
    expect(fileSize(10 * 1024 * 1024)).toBe('10 MB');
    expect(fileSize(1_500_000)).toBe('1,4 MB');
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

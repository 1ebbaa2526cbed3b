import {
  addWorkingDays,
  easterSunday,
  firstWorkingDayFrom,
  isOfficeDay,
  isWeekend,
  isWorkingDay,
  legalHoliday,
  legalHolidays,
  nextWorkingDayAfter,
  nonWorkingReason,
  OfficeCalendar,
} from '../../../libs/deadlines/holidays';
import { addMonths, isValidIsoDate, lastDayOfMonth } from '../../../libs/deadlines/calendar-date';

describe('Belgian legal holidays (ocmw-procedures.md §9)', () => {
  // The §9 table, computed with the Gregorian Easter algorithm.
  it.each`
    year    | easter          | easterMonday    | ascension       | whitMonday
    ${2025} | ${'2025-04-20'} | ${'2025-04-21'} | ${'2025-05-29'} | ${'2025-06-09'}
    ${2026} | ${'2026-04-05'} | ${'2026-04-06'} | ${'2026-05-14'} | ${'2026-05-25'}
    ${2027} | ${'2027-03-28'} | ${'2027-03-29'} | ${'2027-05-06'} | ${'2027-05-17'}
    ${2028} | ${'2028-04-16'} | ${'2028-04-17'} | ${'2028-05-25'} | ${'2028-06-05'}
  `('$year: Easter $easter, Easter Monday $easterMonday, Ascension $ascension, Whit Monday $whitMonday', ({ year, easter, easterMonday, ascension, whitMonday }) => {
    expect(easterSunday(year)).toBe(easter);
    expect(legalHoliday(easterMonday)).toBe('Paasmaandag');
    expect(legalHoliday(ascension)).toBe('O.L.H. Hemelvaart');
    expect(legalHoliday(whitMonday)).toBe('Pinkstermaandag');
  });

  it.each([
    [1954, '1954-04-18'], // 1954 and 1981: the years where Gauss's formula needs its exception rules
    [1981, '1981-04-19'],
    [2000, '2000-04-23'],
    [2019, '2019-04-21'],
    [2038, '2038-04-25'], // the latest possible date
    [2285, '2285-03-22'], // the earliest possible date
  ])('Easter %i is on %s', (year, date) => {
    expect(easterSunday(year)).toBe(date);
  });

  it('lists exactly the 10 legal holidays of 2026, in date order, with their Dutch names', () => {
    expect(legalHolidays(2026)).toEqual([
      { date: '2026-01-01', name: 'Nieuwjaar' },
      { date: '2026-04-06', name: 'Paasmaandag' },
      { date: '2026-05-01', name: 'Dag van de Arbeid' },
      { date: '2026-05-14', name: 'O.L.H. Hemelvaart' },
      { date: '2026-05-25', name: 'Pinkstermaandag' },
      { date: '2026-07-21', name: 'Nationale feestdag' },
      { date: '2026-08-15', name: 'O.L.V. Hemelvaart' },
      { date: '2026-11-01', name: 'Allerheiligen' },
      { date: '2026-11-11', name: 'Wapenstilstand' },
      { date: '2026-12-25', name: 'Kerstmis' },
    ]);
  });

  it.each([
    ['2026-07-11', 'feestdag van de Vlaamse Gemeenschap'],
    ['2026-09-27', 'feestdag van de Franse Gemeenschap'],
    ['2026-11-15', 'Koningsdag / Duitstalige Gemeenschap'],
    ['2026-11-02', 'Allerzielen'],
    ['2026-12-26', 'tweede kerstdag'],
    ['2026-04-05', 'Paaszondag (a Sunday, but no legal holiday of its own)'],
  ])('%s (%s) is not a legal holiday', (date) => {
    expect(legalHoliday(date)).toBeNull();
  });
});

describe('working days of the legal calendar: Monday–Friday, not a legal holiday', () => {
  it.each`
    date            | working  | why
    ${'2026-04-03'} | ${true}  | ${'Goede Vrijdag is no legal holiday'}
    ${'2026-04-04'} | ${false} | ${'zaterdag'}
    ${'2026-04-05'} | ${false} | ${'zondag'}
    ${'2026-04-06'} | ${false} | ${'Paasmaandag (wettelijke feestdag)'}
    ${'2026-07-21'} | ${false} | ${'Nationale feestdag (wettelijke feestdag)'}
    ${'2028-07-11'} | ${true}  | ${'11 July is a community holiday, a working day for legal terms'}
    ${'2026-11-02'} | ${true}  | ${'2 November is a working day'}
    ${'2028-12-26'} | ${true}  | ${'26 December is a working day'}
    ${'2026-11-01'} | ${false} | ${'Allerheiligen (wettelijke feestdag, zondag)'}
  `('$date: working day $working ($why)', ({ date, working, why }) => {
    expect(isWorkingDay(date)).toBe(working);
    if (!working) expect(nonWorkingReason(date)).toBe(why);
    else expect(nonWorkingReason(date)).toBeNull();
  });

  it('knows the weekend', () => {
    expect(['2026-03-07', '2026-03-08'].map(isWeekend)).toEqual([true, true]);
    expect(['2026-03-06', '2026-03-09'].map(isWeekend)).toEqual([false, false]);
  });

  it.each`
    date            | firstFrom       | nextAfter       | why
    ${'2026-07-08'} | ${'2026-07-08'} | ${'2026-07-09'} | ${'an ordinary Wednesday'}
    ${'2026-07-10'} | ${'2026-07-10'} | ${'2026-07-13'} | ${'Friday → Monday'}
    ${'2026-07-11'} | ${'2026-07-13'} | ${'2026-07-13'} | ${'Saturday → Monday'}
    ${'2026-07-20'} | ${'2026-07-20'} | ${'2026-07-22'} | ${'the day before 21 July → the day after it'}
    ${'2026-04-03'} | ${'2026-04-03'} | ${'2026-04-07'} | ${'Friday before Easter → Tuesday after Easter Monday'}
    ${'2026-12-31'} | ${'2026-12-31'} | ${'2027-01-04'} | ${'New Year on Friday, then the weekend'}
  `('$date: first working day from = $firstFrom, next working day after = $nextAfter ($why)', ({ date, firstFrom, nextAfter }) => {
    expect(firstWorkingDayFrom(date)).toBe(firstFrom);
    expect(nextWorkingDayAfter(date)).toBe(nextAfter);
  });

  it('counts working days after a date, the date itself excluded', () => {
    expect(addWorkingDays('2026-04-01', 5)).toBe('2026-04-09'); // skips Sat 4, Sun 5, Easter Monday 6 April
    expect(addWorkingDays('2026-12-24', 5)).toBe('2027-01-04'); // skips Christmas, the weekend, New Year
  });
});

describe('the office calendar is kept apart from the legal calendar', () => {
  const office: OfficeCalendar = { closureDays: ['2026-11-02', '2026-12-26', '2026-05-15'], communityHolidays: true };

  it('closes on 11 July and configured closure days, while they stay legal working days', () => {
    expect(isOfficeDay('2028-07-11', office)).toBe(false);
    expect(isWorkingDay('2028-07-11')).toBe(true);
    expect(isOfficeDay('2026-05-15', office)).toBe(false); // bridge day after Ascension
    expect(isWorkingDay('2026-05-15')).toBe(true);
    expect(isOfficeDay('2026-11-02', office)).toBe(false);
    expect(isWorkingDay('2026-11-02')).toBe(true);
  });

  it('opens on 11 July when the community holiday is not configured', () => {
    expect(isOfficeDay('2028-07-11', { ...office, communityHolidays: false })).toBe(true);
  });

  it('is never open on a legal holiday or a weekend', () => {
    const open: OfficeCalendar = { closureDays: [], communityHolidays: false };
    expect(isOfficeDay('2026-07-21', open)).toBe(false);
    expect(isOfficeDay('2026-07-18', open)).toBe(false);
    expect(isOfficeDay('2026-07-20', open)).toBe(true);
  });
});

describe('calendar-date helpers used by the engine', () => {
  it.each([
    ['2027-01-31', 1, '2027-02-28', true],
    ['2028-01-31', 1, '2028-02-29', true],
    ['2028-01-29', 1, '2028-02-29', false],
    ['2026-11-30', 3, '2027-02-28', true],
    ['2026-10-31', 14, '2027-12-31', false],
    ['2027-03-31', -1, '2027-02-28', true],
  ])('%s + %i month(s) = %s (clamped to the month end: %s)', (date, months, expected, clamped) => {
    expect(addMonths(date as string, months as number)).toEqual({ date: expected, clamped });
  });

  it('validates dates and finds month ends', () => {
    expect(['2028-02-29', '2026-12-31'].map(isValidIsoDate)).toEqual([true, true]);
    expect(['2027-02-29', '2026-13-01', '2026-04-31', '2026-4-1', '', null].map(isValidIsoDate)).toEqual([false, false, false, false, false, false]);
    expect(lastDayOfMonth('2028-02-10')).toBe('2028-02-29');
    expect(lastDayOfMonth('2026-12-01')).toBe('2026-12-31');
  });
});

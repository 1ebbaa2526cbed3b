import { DEFAULT_CATALOGUE } from '../../../libs/deadlines/catalogue';
import { computeDeadline, findRule, InvalidCatalogueError, mergeCatalogue, validateCatalogue } from '../../../libs/deadlines/engine';
import { ComputeOptions, DeadlineError, DeadlineRule, Extension, Suspension } from '../../../libs/deadlines/types';
import { formatDateLongNl, formatDateNl } from '../../../libs/format/dutch';
import { addDays as addDaysIso } from '../../../libs/deadlines/calendar-date';

/** The catalogue rule `id` in force on `trigger`, computed with 7 warning days unless said otherwise. */
function due(id: string, trigger: string, options: Partial<ComputeOptions> = {}) {
  return computeDeadline(findRule(DEFAULT_CATALOGUE, id, trigger), trigger, { warningDays: 7, ...options });
}

/** A test rule; only what a test states matters. */
function aRule(overrides: Partial<DeadlineRule> = {}): DeadlineRule {
  return {
    id: 'T-1',
    version: 1,
    title: 'Testtermijn',
    action: 'Iets doen',
    trigger: 'Testaanleiding',
    procedures: ['test'],
    legalBasis: 'testgrondslag',
    duration: 1,
    counting: 'months',
    ifMissed: 'Niets',
    source: 'V',
    suspension: { allowed: false },
    extension: { allowed: false },
    maxWarningDays: 7,
    validFrom: '2000-01-01',
    validTo: null,
    ...overrides,
  };
}

function compute(rule: DeadlineRule, trigger: string, options: Partial<ComputeOptions> = {}) {
  return computeDeadline(rule, trigger, { warningDays: 7, ...options });
}

function errorOf(fn: () => unknown): DeadlineError {
  try {
    fn();
  } catch (error) {
    if (error instanceof DeadlineError) return error;
    throw error;
  }
  throw new Error('expected a DeadlineError, nothing was thrown');
}

const suspension = (from: string, to: string | null): Suspension => ({ from, to, reason: 'overmacht', decidedBy: 'MW An', decidedOn: from });
const extension = (e: { days?: number; months?: number; from?: string }): Extension => ({ ...e, reason: 'herinnering', decidedBy: 'schuldbemiddelaar', decidedOn: '2026-01-01' });
/** CSR-2: the mediator's reminder on `from`, 15 days from it (art. 1675/9 §3 Ger.W.). */
const reminder = (from: string, extra = 15): Extension => extension({ days: extra, from });
const steps = (c: { explanation: { step: string }[] }) => c.explanation.map((s) => s.step);
const stepText = (c: { explanation: { step: string; text: string }[] }, step: string) => c.explanation.find((s) => s.step === step)?.text ?? '';

describe('the examples of the issue', () => {
  it('leefloon request on 2 March 2026 → decided by 1 April 2026 (LL-3, 30 calendar days)', () => {
    const c = due('LL-3', '2026-03-02');
    expect(c).toMatchObject({ ruleId: 'LL-3', ruleVersion: 1, dueDate: '2026-04-01', legalBasis: 'art. 21 §1 RMI-wet' });
    expect(c.summary).toBe('30 kalenderdagen na 2 maart 2026: uiterlijk 1 april 2026 (art. 21 §1 RMI-wet)');
  });

  it('decision notified on 14 January 2027 → appeal until Wednesday 14 April 2027 (LL-10, 3 judicial months, no shift)', () => {
    const c = due('LL-10', '2027-01-14');
    expect(c.dueDate).toBe('2027-04-14');
    expect(steps(c)).not.toContain('shift');
  });

  it('POD MI: decision on 15 March 2026 → form B/C by 8 April (LL-5); subsidy kept if sent by 14 May, lost from 15 May 2026 (LL-5-LOSS, art. 21 §6 RMI-wet)', () => {
    expect(due('LL-5', '2026-03-15').dueDate).toBe('2026-04-08');
    expect(due('LL-5-LOSS', '2026-03-15')).toMatchObject({ dueDate: '2026-05-14', consequenceFrom: '2026-05-15' });
  });

  it('incompetence found on 1 June 2026 → forwarded by 6 June, a Saturday, without shift (LL-2, POD MI example)', () => {
    expect(due('LL-2', '2026-06-01').dueDate).toBe('2026-06-06');
  });
});

/** Corrections of issue 8 (shared/domain/ocmw-procedures.md §0.3, §2.2, §3.2, §7.2, §13): each with its legal basis. */
describe('art. 54 Ger.W. at month ends: judicial month terms (LL-10, SA-5, CSR-2, CSR-3, CSR-4)', () => {
  it('notification on 30 April 2026 + 3 months → 31 July 2026, not 30 July (LL-10, art. 47 RMI-wet; art. 52 and 54 Ger.W.: an act on the last day of its month ends on the last day of the month 3 months later)', () => {
    const c = due('LL-10', '2026-04-30');
    expect(c).toMatchObject({ dueDate: '2026-07-31', judicialMonthEnd: 'last-day' });
    expect(steps(c)).toEqual(['trigger', 'count', 'month-rule', 'due', 'warning']);
    expect(stepText(c, 'count')).toContain('de termijn begint op 1 mei 2026 en loopt van de zoveelste tot de dag vóór de zoveelste: tot de dag vóór 1 augustus 2026, dus tot en met 31 juli 2026');
    expect(stepText(c, 'month-rule')).toBe(
      'Art. 54 Ger.W.: akte op de laatste dag van de maand (30 april 2026) → laatste dag van de maand 3 maanden later, 31 juli 2026 ' +
        '(gekozen lezing: laatste dag van de maand, instelling OCMW_JUDICIAL_MONTH_END=last-day; de lezing "zelfde dagnummer" gaf 30 juli 2026).',
    );
    expect(c.summary).toContain('lezing art. 54 Ger.W.: laatste dag van de maand');
  });

  it('notification on 28 February 2027 + 3 months → 31 May 2027, not 28 May (LL-10; art. 54 Ger.W.: 28 February is the last day of its month)', () => {
    expect(due('LL-10', '2027-02-28')).toMatchObject({ dueDate: '2027-05-31', judicialMonthEnd: 'last-day' });
  });

  it('the §0.3 example: 30 April 2026 + 1 month → 31 May 2026, a Sunday → Monday 1 June 2026 (CSR-2, art. 1675/9 §2 Ger.W.; art. 54 then art. 53 Ger.W.)', () => {
    const c = due('CSR-2', '2026-04-30');
    expect(c.dueDate).toBe('2026-06-01');
    expect(steps(c)).toEqual(['trigger', 'count', 'month-rule', 'shift', 'due', 'warning']);
    expect(c.explanation.find((s) => s.step === 'month-rule')?.date).toBe('2026-05-31');
    expect(stepText(c, 'shift')).toContain('31 mei 2026 is een zondag');
  });

  it.each`
    rule       | trigger         | months | lastDay         | expected        | why
    ${'LL-10'} | ${'2026-07-31'} | ${3}   | ${'2026-10-31'} | ${'2026-11-02'} | ${'a Saturday, then Allerheiligen (legal holiday, Sunday) → Monday'}
    ${'SA-5'}  | ${'2026-11-30'} | ${3}   | ${'2027-02-28'} | ${'2027-03-01'} | ${'a Sunday → Monday'}
    ${'CSR-2'} | ${'2026-09-30'} | ${1}   | ${'2026-10-31'} | ${'2026-11-02'} | ${'a Saturday; the same-day reading would give Friday 30 October'}
    ${'LL-10'} | ${'2058-12-31'} | ${3}   | ${'2059-03-31'} | ${'2059-04-01'} | ${'Easter Monday 2059, a legal holiday'}
  `('$rule: act on the month end $trigger + $months month(s) → last day $lastDay, $why → $expected (art. 54 then art. 53 Ger.W.)', ({ rule, trigger, lastDay, expected }) => {
    const c = due(rule, trigger);
    expect(c.dueDate).toBe(expected);
    expect(c.explanation.find((s) => s.step === 'month-rule')).toMatchObject({ date: lastDay });
    expect(c.explanation.find((s) => s.step === 'shift')).toMatchObject({ date: expected });
    expect(c.summary).toContain(`laatste dag ${formatDateLongNl(lastDay)} verschoven naar de eerstvolgende werkdag`);
  });

  it('the other reading as a configuration option: judicialMonthEnd "same-day" keeps the day number (30 April + 3 months → 30 July 2026) and says so', () => {
    const c = due('LL-10', '2026-04-30', { judicialMonthEnd: 'same-day' });
    expect(c).toMatchObject({ dueDate: '2026-07-30', judicialMonthEnd: 'same-day' });
    expect(stepText(c, 'month-rule')).toContain('gekozen lezing: zelfde dagnummer, instelling OCMW_JUDICIAL_MONTH_END=same-day; de lezing "laatste dag van de maand" gaf 31 juli 2026');
    expect(stepText(c, 'count')).not.toContain('van de zoveelste tot de dag vóór de zoveelste');
    expect(due('CSR-2', '2026-09-30', { judicialMonthEnd: 'same-day' }).dueDate).toBe('2026-10-30');
    expect(due('LL-10', '2027-02-28', { judicialMonthEnd: 'same-day' }).dueDate).toBe('2027-05-28');
  });

  it('both readings agree when the act is not on a month end (14 January → 14 April 2027) or the day does not exist (31 January → 28 February)', () => {
    for (const judicialMonthEnd of ['last-day', 'same-day'] as const) {
      expect(due('LL-10', '2027-01-14', { judicialMonthEnd })).toMatchObject({ dueDate: '2027-04-14', judicialMonthEnd: null });
      expect(due('LL-10', '2026-01-30', { judicialMonthEnd }).dueDate).toBe('2026-04-30');
    }
    expect(stepText(due('CSR-2', '2026-01-31', { judicialMonthEnd: 'same-day' }), 'month-rule')).toContain('beide lezingen geven dezelfde dag');
    expect(due('CSR-2', '2026-01-31').explanation.find((s) => s.step === 'month-rule')?.date).toBe('2026-02-28');
  });

  it('a clamped month names the day that does not exist: 30 January 2027 + 1 month → 28 February 2027, a Sunday → Monday 1 March (CSR-2)', () => {
    const c = due('CSR-2', '2027-01-30');
    expect(c.dueDate).toBe('2027-03-01');
    expect(stepText(c, 'month-rule')).toBe('Dag 31 bestaat niet in februari 2027: de termijn eindigt op de laatste dag van die maand, 28 februari 2027 (art. 54 Ger.W.).');
  });

  it('the month-term text and its date agree: "van de zoveelste tot de dag vóór de zoveelste" from the day after the act', () => {
    const c = due('LL-10', '2027-01-14');
    expect(stepText(c, 'count')).toBe(
      '3 maanden, gerechtelijke termijn (art. 52 en 54 Ger.W.): de dag van de aanleiding (14 januari 2027) telt niet mee; de termijn ' +
        'begint op 15 januari 2027 en loopt van de zoveelste tot de dag vóór de zoveelste: tot de dag vóór 15 april 2027, dus tot en met 14 april 2027.',
    );
  });

  it('an unknown reading is refused', () => {
    expect(errorOf(() => due('LL-10', '2026-04-30', { judicialMonthEnd: 'whatever' as never })).code).toBe('invalid-catalogue');
  });
});

describe('duty terms of the OCMW keep the day number (§0.3): no month-end reading, no shift', () => {
  it.each`
    rule      | trigger         | expected        | why
    ${'LL-8'} | ${'2026-04-30'} | ${'2026-07-30'} | ${'GPMI within 3 months (art. 11 RMI-wet): 30 April → 30 July, not 31 July'}
    ${'LL-8'} | ${'2027-02-28'} | ${'2027-05-28'} | ${'GPMI: 28 February → 28 May'}
    ${'LL-7'} | ${'2026-09-30'} | ${'2027-09-30'} | ${'yearly home visit (KB 1 december 2013)'}
  `('$rule after $trigger → $expected ($why)', ({ rule, trigger, expected }) => {
    for (const judicialMonthEnd of ['last-day', 'same-day'] as const) {
      const c = due(rule, trigger, { judicialMonthEnd });
      expect(c).toMatchObject({ dueDate: expected, judicialMonthEnd: null });
    }
    expect(stepText(due(rule, trigger), 'count')).toContain('een termijn van het OCMW (geen gerechtelijke termijn): hetzelfde dagnummer');
  });
});

describe('CSR-3 / CSR-4 are court-procedure terms: judicial months with the art. 53 shift (§3.2)', () => {
  it('CSR-4: plan sent on 4 February 2026 + 2 months → Saturday 4 April, Easter weekend → Tuesday 7 April 2026 (art. 1675/10 §4 Ger.W.; art. 53)', () => {
    const c = due('CSR-4', '2026-02-04');
    expect(c.dueDate).toBe('2026-04-07');
    expect(stepText(c, 'shift')).toContain('6 april 2026 is Paasmaandag (wettelijke feestdag)');
  });

  it('CSR-3: admissibility on 30 April 2026 + 6 months → 31 October 2026, a Saturday → Monday 2 November (art. 1675/10–11 Ger.W.; art. 54, 53)', () => {
    expect(due('CSR-3', '2026-04-30')).toMatchObject({ dueDate: '2026-11-02', judicialMonthEnd: 'last-day' });
  });

  it('CSR-3: extended once by 6 months from an act on a month end → 12 months in all, the last day of April 2027 (art. 1675/11 Ger.W.)', () => {
    const c = due('CSR-3', '2026-04-30', { extensions: [extension({ months: 6 })] });
    expect(c.dueDate).toBe('2027-04-30');
    expect(stepText(c, 'extension')).toContain('31 oktober 2026 → 30 april 2027 (samen 12 maanden na 30 april 2026)');
  });
});

describe('"binnen de maand" is one calendar month (SA-3, HF-2; §0.3, §2.2, §7.2)', () => {
  it.each`
    rule      | trigger         | expected        | why
    ${'SA-3'} | ${'2026-03-02'} | ${'2026-04-02'} | ${'2 March → 2 April (art. 58 §2 OCMW-wet)'}
    ${'SA-3'} | ${'2026-02-10'} | ${'2026-03-10'} | ${'a request in February: 10 March, where 30 days gave 12 March'}
    ${'SA-3'} | ${'2027-01-31'} | ${'2027-02-28'} | ${'31 January → 28 February, a Sunday, no shift'}
    ${'HF-2'} | ${'2028-01-31'} | ${'2028-02-29'} | ${'heating allowance (verwarmingsfonds "binnen de maand"): 31 January 2028 → 29 February, leap year'}
    ${'HF-2'} | ${'2026-04-30'} | ${'2026-05-30'} | ${'a duty of the OCMW: the day number, not the month end'}
  `('$rule after $trigger → $expected ($why)', ({ rule, trigger, expected }) => {
    const c = due(rule, trigger);
    expect(c.dueDate).toBe(expected);
    expect(steps(c)).not.toContain('shift');
    expect(c.summary.startsWith(`1 maand na ${formatDateNl(trigger)}`)).toBe(true);
  });
});

describe('"met by" and "lost from" are two named days (LL-5-LOSS, LL-6-INTEREST)', () => {
  it('LL-5-LOSS: decision on 15 March 2026 → form B/C on time until 14 May (the 44th day), subsidy lost from 15 May, the 45th day after the end of March (art. 21 §6 RMI-wet)', () => {
    const c = due('LL-5-LOSS', '2026-03-15');
    expect(c).toMatchObject({ dueDate: '2026-05-14', consequenceFrom: '2026-05-15' });
    expect(c.explanation.find((s) => s.step === 'consequence')).toEqual({
      step: 'consequence',
      date: '2026-05-15',
      text: 'Vanaf vrijdag 15 mei 2026: verlies van de staatstoelage tot de dag van mededeling (art. 21 §6 RMI-wet).',
    });
    expect(stepText(c, 'due')).toContain('de laatste dag die nog tijdig is');
    expect(c.summary).toBe(
      '44 dagen na het einde van de maand van 15 maart 2026: tijdig uiterlijk 14 mei 2026; vanaf 15 mei 2026 verlies van de staatstoelage ' +
        'tot de dag van mededeling (art. 21 §6 RMI-wet)',
    );
  });

  it('LL-6-INTEREST: request on 2 March 2026 → decided without interest until 16 April (day 45), interest from 17 April, the 46th day (art. 23 RMI-wet; art. 36 KB RMI)', () => {
    const c = due('LL-6-INTEREST', '2026-03-02');
    expect(c).toMatchObject({ dueDate: '2026-04-16', consequenceFrom: '2026-04-17' });
    expect(c.summary).toContain('tijdig uiterlijk 16 april 2026; vanaf 17 april 2026 wettelijke interest');
  });

  it('a rule without a consequence has none', () => {
    expect(due('LL-3', '2026-03-02').consequenceFrom).toBeNull();
  });
});

describe('explanations a person reads', () => {
  const ISO = /\d{4}-\d{2}-\d{2}/;
  it.each(['2026-01-31', '2026-03-02', '2026-04-30', '2027-02-28', '2026-12-24'])('no ISO date in any explanation or summary (trigger %s): Dutch dates, "1 april 2026"', (trigger) => {
    for (const r of DEFAULT_CATALOGUE) {
      const c = computeDeadline(findRule(DEFAULT_CATALOGUE, r.id, trigger), trigger, { warningDays: 7 });
      for (const text of [...c.explanation.map((s) => s.text), c.summary]) expect({ rule: r.id, text, iso: ISO.test(text) }).toMatchObject({ iso: false });
    }
    const suspended = due('HF-1', trigger, { suspensions: [suspension(trigger, addDaysIso(trigger, 3)), suspension(addDaysIso(trigger, 10), null)] });
    for (const text of [...suspended.explanation.map((s) => s.text), suspended.summary]) expect(ISO.test(text)).toBe(false);
  });

  it('the offset rules call only the trigger "aanleiding"; the day the count starts from is the "vertrekpunt" (LL-10-NO-DECISION)', () => {
    const c = due('LL-10-NO-DECISION', '2026-04-01');
    expect(stepText(c, 'trigger')).toContain('Aanleiding: verstrijken van de beslissingstermijn (LL-3) zonder beslissing, op woensdag 1 april 2026');
    expect(stepText(c, 'anchor')).toBe('Vertrekpunt van de telling: 8 kalenderdagen na de aanleiding, 1 april 2026 + 8 dagen = donderdag 9 april 2026.');
    expect(stepText(c, 'count')).toContain('de dag van het vertrekpunt (9 april 2026) telt niet mee');
    expect(stepText(c, 'count')).not.toContain('aanleiding');
    expect(c.summary).toContain('na 9 april 2026 (vertrekpunt: aanleiding 1 april 2026 + 8 dagen)');
  });

  it('a shifted last day is shown in the summary as well as in the shift step', () => {
    expect(due('LL-10', '2026-01-04').summary).toBe(
      '3 maanden (gerechtelijke termijn) na 4 januari 2026, laatste dag zaterdag 4 april 2026 verschoven naar de eerstvolgende werkdag ' +
        '(art. 53 Ger.W.): uiterlijk 7 april 2026 (art. 47 RMI-wet)',
    );
  });
});

describe('an appeal for the absence of a decision is never forfeited on its clock alone (GwH nr. 35/2008)', () => {
  it.each(['LL-10-NO-DECISION', 'SA-5-NO-DECISION'])('%s: the end is indicative and the explanation says why', (id) => {
    const c = due(id, '2026-04-01');
    expect(c.indicative).toBe(true);
    const step = c.explanation.find((s) => s.step === 'consequence');
    expect(step?.text).toContain('de termijn loopt niet zonder kennisgeving (GwH nr. 35/2008 van 4 maart 2008; art. 23, tweede lid, Handvest sociaal verzekerde)');
    expect(c.summary).toContain(`indicatief tot en met ${formatDateNl(c.dueDate!)}; de termijn loopt niet zonder kennisgeving`);
  });

  it('an appeal against a notified decision is a term of forfeiture (LL-10, SA-5)', () => {
    expect(due('LL-10', '2026-04-01').indicative).toBe(false);
    expect(due('SA-5', '2026-04-01').indicative).toBe(false);
  });

  it('SA-5-NO-DECISION runs from the lapse of the one-month decision term (SA-3): request 31 January 2027 → lapse 28 February → appeal indicatively until 31 May 2027', () => {
    const lapse = due('SA-3', '2027-01-31').dueDate!;
    expect(lapse).toBe('2027-02-28');
    expect(due('SA-5-NO-DECISION', lapse).dueDate).toBe('2027-05-31');
  });
});

describe('every counting method', () => {
  it.each`
    rule                | trigger         | expected        | why
    ${'LL-1'}           | ${'2026-03-08'} | ${'2026-03-08'} | ${'same-day: the receipt is due the day of the request, even on a Sunday'}
    ${'LL-3'}           | ${'2026-12-15'} | ${'2027-01-14'} | ${'calendar-days: 30 days from 16 December, across the new year'}
    ${'LL-4'}           | ${'2026-04-01'} | ${'2026-04-09'} | ${'calendar-days: 8 days, Easter Monday counts like any day'}
    ${'CO-2'}           | ${'2026-04-01'} | ${'2026-04-09'} | ${'working-days: 5 working days, skipping Sat 4, Sun 5 and Easter Monday 6 April'}
    ${'CO-3'}           | ${'2026-07-17'} | ${'2026-07-27'} | ${'working-days: from a Friday, skipping the weekend and 21 July'}
    ${'CO-2'}           | ${'2026-12-24'} | ${'2027-01-04'} | ${'working-days: skipping Christmas, two weekends and New Year'}
    ${'CO-2'}           | ${'2026-04-04'} | ${'2026-04-13'} | ${'working-days: a trigger on a Saturday, counting starts at Tuesday after Easter Monday'}
    ${'CSR-1'}          | ${'2026-03-02'} | ${'2026-03-10'} | ${'judicial-days: 8 days ending on a Tuesday, no shift'}
    ${'CSR-1'}          | ${'2026-03-27'} | ${'2026-04-07'} | ${'judicial-days: 8 days end Sat 4 April; Sunday and Easter Monday follow → Tuesday 7 April'}
    ${'LL-8'}           | ${'2026-03-16'} | ${'2026-06-16'} | ${'months: 3 months, same day number'}
    ${'LL-8'}           | ${'2026-11-30'} | ${'2027-02-28'} | ${'months: 30 February does not exist → last day of February'}
    ${'LL-8'}           | ${'2027-11-30'} | ${'2028-02-29'} | ${'months: leap year 2028 → 29 February'}
    ${'SA-7'}           | ${'2024-02-29'} | ${'2029-02-28'} | ${'months: 5 years after 29 February 2024 → 28 February 2029'}
    ${'LL-10'}          | ${'2026-05-19'} | ${'2026-08-19'} | ${'judicial-months: 3 months ending on a Wednesday'}
    ${'LL-5'}           | ${'2026-12-10'} | ${'2027-01-08'} | ${'after-month-end: 31 December + 8 days'}
    ${'LL-5'}           | ${'2027-02-10'} | ${'2027-03-08'} | ${'after-month-end: 28 February 2027 + 8 days'}
    ${'LL-5'}           | ${'2028-02-10'} | ${'2028-03-08'} | ${'after-month-end: 29 February 2028 (leap) + 8 days'}
    ${'LL-5-LOSS'}      | ${'2028-02-01'} | ${'2028-04-13'} | ${'after-month-end: 44th day after 29 February 2028, the last day before the loss'}
    ${'DEBT-1'}         | ${'2026-01-01'} | ${'2027-03-31'} | ${'annual-date: 31 March of the year after the trigger year'}
    ${'DEBT-1'}         | ${'2026-12-31'} | ${'2027-03-31'} | ${'annual-date: the last day of the year gives the same date'}
    ${'LOI-3'}          | ${'2026-07-08'} | ${'2026-07-09'} | ${'next-working-day-at: Wednesday → Thursday'}
    ${'LOI-3'}          | ${'2026-07-10'} | ${'2026-07-13'} | ${'next-working-day-at: departure on Friday 10 July → Monday 13 July'}
    ${'LOI-3'}          | ${'2026-07-20'} | ${'2026-07-22'} | ${'next-working-day-at: departure the day before 21 July → 22 July'}
    ${'LOI-3'}          | ${'2026-04-03'} | ${'2026-04-07'} | ${'next-working-day-at: Friday before Easter → Tuesday after Easter Monday'}
  `('$rule, trigger $trigger → due $expected ($why)', ({ rule, trigger, expected }) => {
    expect(due(rule, trigger).dueDate).toBe(expected);
  });

  it('months: 31 January + 1 month = 28 February 2027, 29 February 2028 (art. 54 month arithmetic, no shift)', () => {
    const oneMonth = aRule({ counting: 'months', duration: 1 });
    expect(compute(oneMonth, '2027-01-31').dueDate).toBe('2027-02-28'); // a Sunday: not a judicial term, no shift
    expect(compute(oneMonth, '2028-01-31').dueDate).toBe('2028-02-29');
    expect(compute(oneMonth, '2028-01-29').dueDate).toBe('2028-02-29');
    expect(compute(oneMonth, '2026-01-29').dueDate).toBe('2026-02-28');
  });

  it('judicial-months: 31 January 2027 + 1 month = 28 February, a Sunday → Monday 1 March (CSR-2)', () => {
    const c = due('CSR-2', '2027-01-31');
    expect(c.dueDate).toBe('2027-03-01');
    expect(steps(c)).toEqual(['trigger', 'count', 'month-rule', 'shift', 'due', 'warning']);
  });

  it('offsetDays: the count starts that many days after the trigger, explained as an anchor step', () => {
    const c = compute(aRule({ counting: 'calendar-days', duration: 10, offsetDays: 8 }), '2026-03-02');
    expect(c.dueDate).toBe('2026-03-20'); // 2 March + 8 = 10 March; + 10 days = 20 March
    expect(c.explanation.slice(0, 3)).toMatchObject([{ step: 'trigger', date: '2026-03-02' }, { step: 'anchor', date: '2026-03-10' }, { step: 'count' }]);
  });

  it('annual-date: 29 February in a year without it → 28 February (month rule)', () => {
    const leapDay = aRule({ counting: 'annual-date', annualDate: '02-29', duration: 1 });
    expect(compute(leapDay, '2026-05-01').dueDate).toBe('2027-02-28');
    expect(compute(leapDay, '2027-05-01').dueDate).toBe('2028-02-29');
  });
});

describe('the last day on a Saturday, Sunday or legal holiday', () => {
  it.each`
    trigger         | lastDay         | expected        | why
    ${'2027-01-17'} | ${'2027-04-17'} | ${'2027-04-19'} | ${'zaterdag'}
    ${'2027-01-18'} | ${'2027-04-18'} | ${'2027-04-19'} | ${'zondag'}
    ${'2026-12-29'} | ${'2027-03-29'} | ${'2027-03-30'} | ${'Paasmaandag (wettelijke feestdag)'}
    ${'2027-04-21'} | ${'2027-07-21'} | ${'2027-07-22'} | ${'Nationale feestdag (wettelijke feestdag)'}
    ${'2027-08-11'} | ${'2027-11-11'} | ${'2027-11-12'} | ${'Wapenstilstand (wettelijke feestdag)'}
    ${'2026-01-04'} | ${'2026-04-04'} | ${'2026-04-07'} | ${'zaterdag'}
    ${'2026-08-01'} | ${'2026-11-01'} | ${'2026-11-02'} | ${'Allerheiligen (wettelijke feestdag, zondag)'}
    ${'2028-09-25'} | ${'2028-12-25'} | ${'2028-12-26'} | ${'Kerstmis (wettelijke feestdag)'}
  `('judicial appeal (LL-10) after a notification on $trigger: last day $lastDay is $why → $expected (art. 53 Ger.W.)', ({ trigger, lastDay, expected, why }) => {
    const c = due('LL-10', trigger);
    expect(c.dueDate).toBe(expected);
    const shift = c.explanation.find((s) => s.step === 'shift');
    expect(shift).toMatchObject({ step: 'shift', date: expected });
    expect(shift?.text).toContain(`${formatDateNl(lastDay)} is`);
    expect(shift?.text).toContain(why);
    expect(shift?.text).toContain('art. 53 Ger.W.');
  });

  it('the Saturday before Easter moves over Sunday and Easter Monday, each named', () => {
    const text = stepText(due('LL-10', '2026-01-04'), 'shift');
    expect(text).toContain('4 april 2026 is een zaterdag');
    expect(text).toContain('5 april 2026 is een zondag');
    expect(text).toContain('6 april 2026 is Paasmaandag (wettelijke feestdag)');
    expect(text).toContain('dinsdag 7 april 2026');
  });

  it('11 July (Flemish Community holiday) does not move a judicial term', () => {
    expect(due('LL-10', '2028-04-11').dueDate).toBe('2028-07-11');
  });

  it.each`
    rule      | trigger         | expected        | why
    ${'LL-3'} | ${'2026-03-05'} | ${'2026-04-04'} | ${'een zaterdag'}
    ${'LL-3'} | ${'2026-04-03'} | ${'2026-05-03'} | ${'een zondag'}
    ${'LL-3'} | ${'2026-03-07'} | ${'2026-04-06'} | ${'Paasmaandag (wettelijke feestdag)'}
    ${'LL-3'} | ${'2026-06-21'} | ${'2026-07-21'} | ${'Nationale feestdag (wettelijke feestdag)'}
    ${'LL-3'} | ${'2026-10-12'} | ${'2026-11-11'} | ${'Wapenstilstand (wettelijke feestdag)'}
    ${'LL-8'} | ${'2026-01-04'} | ${'2026-04-04'} | ${'een zaterdag'}
  `('administrative term $rule after $trigger ends on $expected, $why, without shift', ({ rule, trigger, expected, why }) => {
    const c = due(rule, trigger);
    expect(c.dueDate).toBe(expected);
    expect(steps(c)).not.toContain('shift');
    expect(stepText(c, 'due')).toContain(`${why}; geen verschuiving`);
  });
});

describe('due and warning instants in Brussels, across the change of summer time', () => {
  it.each`
    rule       | trigger         | dueAt                         | warningAt                     | why
    ${'LL-3'}  | ${'2026-03-02'} | ${'2026-04-01T22:00:00.000Z'} | ${'2026-03-24T23:00:00.000Z'} | ${'warning 25 March in winter time, due 1 April in summer time'}
    ${'LL-3'}  | ${'2026-10-01'} | ${'2026-10-31T23:00:00.000Z'} | ${'2026-10-23T22:00:00.000Z'} | ${'warning 24 October in summer time, due 31 October in winter time'}
    ${'LL-2'}  | ${'2026-03-24'} | ${'2026-03-29T22:00:00.000Z'} | ${'2026-03-26T23:00:00.000Z'} | ${'due on 29 March, the 23-hour day'}
    ${'LL-2'}  | ${'2026-10-20'} | ${'2026-10-25T23:00:00.000Z'} | ${'2026-10-22T22:00:00.000Z'} | ${'due on 25 October, the 25-hour day'}
    ${'LOI-3'} | ${'2026-07-10'} | ${'2026-07-13T08:00:00.000Z'} | ${'2026-07-11T22:00:00.000Z'} | ${'10:00 in summer time is 08:00Z'}
    ${'LOI-3'} | ${'2026-12-18'} | ${'2026-12-21T09:00:00.000Z'} | ${'2026-12-19T23:00:00.000Z'} | ${'10:00 in winter time is 09:00Z'}
  `('$rule after $trigger: dueAt $dueAt, warningAt $warningAt ($why)', ({ rule, trigger, dueAt, warningAt }) => {
    expect(due(rule, trigger)).toMatchObject({ dueAt, warningAt });
  });

  it('uses the time zone given in the options', () => {
    expect(due('LL-3', '2026-03-02', { timeZone: 'UTC' }).dueAt).toBe('2026-04-02T00:00:00.000Z');
  });
});

describe('the warning date', () => {
  it.each`
    rule      | trigger         | warningDays | warningDate     | why
    ${'LL-3'} | ${'2026-03-02'} | ${7}        | ${'2026-03-25'} | ${'7 days before 1 April'}
    ${'LL-3'} | ${'2026-03-02'} | ${30}       | ${'2026-03-25'} | ${'capped at the rule maximum of 7'}
    ${'LL-2'} | ${'2026-06-01'} | ${7}        | ${'2026-06-04'} | ${'5-day term: at most 2 days before'}
    ${'LL-3'} | ${'2026-03-02'} | ${0}        | ${'2026-04-01'} | ${'no warning days: the due date itself'}
    ${'LL-1'} | ${'2026-03-02'} | ${7}        | ${'2026-03-02'} | ${'same-day term: the trigger day'}
  `('$rule after $trigger with $warningDays warning days → $warningDate ($why)', ({ rule, trigger, warningDays, warningDate }) => {
    expect(due(rule, trigger, { warningDays }).warningDate).toBe(warningDate);
  });

  it('never comes before the trigger date', () => {
    const c = compute(aRule({ counting: 'calendar-days', duration: 3, maxWarningDays: 7 }), '2026-03-02');
    expect(c.warningDate).toBe('2026-03-02');
    expect(stepText(c, 'warning')).toContain('vóór de aanleiding');
  });
});

describe('suspensions', () => {
  it('HF-1: a closed suspension (force majeure) adds its days, both ends counted', () => {
    // 60 days after delivery on 10 January 2026 = 11 March; suspended 20–29 January = 10 days → 21 March.
    const c = due('HF-1', '2026-01-10', { suspensions: [suspension('2026-01-20', '2026-01-29')] });
    expect(c.dueDate).toBe('2026-03-21');
    expect(steps(c)).toEqual(['trigger', 'count', 'suspension', 'due', 'warning']);
    expect(stepText(c, 'suspension')).toContain('11 maart 2026 + 10 dagen = 21 maart 2026');
    expect(c.summary).toContain('geschorst gedurende 10 dagen');
  });

  it('HF-1: overlapping suspensions do not count the shared days twice', () => {
    // 20–29 January (10 days) and 25 January–2 February (9 days, 5 shared) → 14 days → 25 March.
    const c = due('HF-1', '2026-01-10', { suspensions: [suspension('2026-01-25', '2026-02-02'), suspension('2026-01-20', '2026-01-29')] });
    expect(c.dueDate).toBe('2026-03-25');
    expect(c.explanation.filter((s) => s.step === 'suspension').map((s) => s.date)).toEqual(['2026-03-21', '2026-03-25']);
  });

  it('HF-1: a suspension inside another adds nothing more', () => {
    const c = due('HF-1', '2026-01-10', { suspensions: [suspension('2026-01-20', '2026-01-29'), suspension('2026-01-22', '2026-01-23')] });
    expect(c.dueDate).toBe('2026-03-21');
  });

  it('HF-1: a second suspension may start in the days the first one added', () => {
    // 1–10 March pushes the end from 11 to 21 March; a suspension from 15 March is still within the term.
    const c = due('HF-1', '2026-01-10', { suspensions: [suspension('2026-03-01', '2026-03-10'), suspension('2026-03-15', '2026-03-16')] });
    expect(c.dueDate).toBe('2026-03-23');
  });

  it('HF-1: an open suspension leaves the due date unknown and says since when the term is suspended', () => {
    const c = due('HF-1', '2026-01-10', { suspensions: [suspension('2026-02-01', null)] });
    expect(c).toMatchObject({ dueDate: null, dueAt: null, warningDate: null, warningAt: null, suspendedSince: '2026-02-01' });
    expect(stepText(c, 'suspension')).toContain('geschorst sinds 1 februari 2026');
    expect(c.summary).toContain('geschorst sinds 1 februari 2026');
    expect(steps(c)).not.toContain('due');
  });

  it('an open suspension continuing a closed one is suspended since the start of the first', () => {
    const c = due('HF-1', '2026-01-10', { suspensions: [suspension('2026-01-20', '2026-01-29'), suspension('2026-01-25', null)] });
    expect(c.suspendedSince).toBe('2026-01-20');
  });

  it('a month term (CSR-3 made suspendable by an OCMW override) gets the suspended days added', () => {
    const csr3 = { ...findRule(DEFAULT_CATALOGUE, 'CSR-3', '2026-03-16'), suspension: { allowed: true as const, basis: 'testgrondslag' } };
    // 6 months after 16 March 2026 = 16 September; suspended 1–30 June (30 days) → 16 October.
    expect(compute(csr3, '2026-03-16', { suspensions: [suspension('2026-06-01', '2026-06-30')] }).dueDate).toBe('2026-10-16');
  });

  it('a judicial term adds the suspension before the art. 53 shift', () => {
    const judicial = aRule({ counting: 'judicial-days', duration: 8, suspension: { allowed: true, basis: 'testgrondslag' } });
    // 8 days after 23 March 2026 = 31 March; + 4 days suspended = Saturday 4 April → Tuesday 7 April.
    const c = compute(judicial, '2026-03-23', { suspensions: [suspension('2026-03-25', '2026-03-28')] });
    expect(c.dueDate).toBe('2026-04-07');
    expect(steps(c)).toEqual(['trigger', 'count', 'suspension', 'shift', 'due', 'warning']);
  });

  it.each(['LL-3', 'LL-4', 'LL-5', 'LL-10'])('%s cannot be suspended: not-suspendable, naming the rule', (id) => {
    const rule = findRule(DEFAULT_CATALOGUE, id, '2026-03-02');
    const error = errorOf(() => compute(rule, '2026-03-02', { suspensions: [suspension('2026-03-05', '2026-03-06')] }));
    expect(error.code).toBe('not-suspendable');
    expect(error.message).toContain(id);
    expect(error.message).toContain(rule.title);
  });

  it.each`
    from            | to              | why
    ${'2026-01-09'} | ${'2026-01-12'} | ${'starts before the trigger'}
    ${'2026-03-12'} | ${'2026-03-13'} | ${'starts after the due date 11 March'}
    ${'2026-03-12'} | ${null}         | ${'an open suspension after the due date'}
    ${'2026-02-10'} | ${'2026-02-09'} | ${'ends before it starts'}
    ${'2026-02-30'} | ${'2026-03-01'} | ${'not an existing date'}
  `('refuses a suspension that $why (invalid-suspension)', ({ from, to }) => {
    expect(errorOf(() => due('HF-1', '2026-01-10', { suspensions: [suspension(from, to)] })).code).toBe('invalid-suspension');
  });

  it('accepts a suspension starting on the trigger day or on the due date itself', () => {
    expect(due('HF-1', '2026-01-10', { suspensions: [suspension('2026-01-10', '2026-01-10')] }).dueDate).toBe('2026-03-12');
    expect(due('HF-1', '2026-01-10', { suspensions: [suspension('2026-03-11', '2026-03-11')] }).dueDate).toBe('2026-03-12');
  });
});

describe('extensions', () => {
  it('CSR-3: 6 months after admissibility, extended once by 6 months (art. 1675/10–11 Ger.W.)', () => {
    const c = due('CSR-3', '2026-03-16', { extensions: [extension({ months: 6 })] });
    expect(c.dueDate).toBe('2027-03-16');
    expect(steps(c)).toEqual(['trigger', 'count', 'extension', 'due', 'warning']);
    expect(stepText(c, 'extension')).toContain('16 september 2026 → 16 maart 2027 (samen 12 maanden na 16 maart 2026)');
    expect(c.summary).toContain('verlengd met 6 maanden');
  });

  it('CSR-3: admissibility on 31 August 2026 (a month end) → last day of February 2027, a Sunday → Monday 1 March (art. 54, 53 Ger.W.); extended by 6 months → 31 August 2027', () => {
    expect(due('CSR-3', '2026-08-31').dueDate).toBe('2027-03-01');
    expect(due('CSR-3', '2026-08-31', { extensions: [extension({ months: 6 })] }).dueDate).toBe('2027-08-31');
  });

  it('CSR-3: a second extension → extension-limit', () => {
    const error = errorOf(() => due('CSR-3', '2026-03-16', { extensions: [extension({ months: 3 }), extension({ months: 3 })] }));
    expect(error.code).toBe('extension-limit');
    expect(error.message).toContain('CSR-3');
  });

  it.each`
    rule       | ext                | why
    ${'CSR-3'} | ${{ months: 7 }}   | ${'more than 6 months'}
    ${'CSR-3'} | ${{ days: 10 }}    | ${'in days while the rule extends in months'}
    ${'CSR-2'} | ${{ days: 16, from: '2026-05-10' }} | ${'more than 15 days'}
    ${'CSR-2'} | ${{ months: 1, from: '2026-05-10' }} | ${'in months while the rule extends in days'}
    ${'CSR-2'} | ${{ days: 0 }}     | ${'of nothing'}
    ${'CSR-2'} | ${{ days: 1.5 }}   | ${'of a fraction of a day'}
  `('$rule refuses an extension $why (extension-limit)', ({ rule, ext }) => {
    expect(errorOf(() => due(rule, '2026-04-03', { extensions: [extension(ext)] })).code).toBe('extension-limit');
  });

  it('CSR-2: 1 month ends on Sunday 3 May 2026 → Monday 4 May; a reminder on 6 May gives 15 days from the reminder → 21 May (art. 1675/9 §3 Ger.W.), not from the end of the month', () => {
    expect(due('CSR-2', '2026-04-03').dueDate).toBe('2026-05-04');
    const c = due('CSR-2', '2026-04-03', { extensions: [reminder('2026-05-06')] });
    expect(c.dueDate).toBe('2026-05-21');
    expect(stepText(c, 'extension')).toContain('Herinnering van de schuldbemiddelaar op woensdag 6 mei 2026');
    expect(c.summary).toContain('15 dagen vanaf de herinnering van de schuldbemiddelaar van 6 mei 2026');
  });

  it('CSR-2: the reminder\'s 15 days end on a Saturday → Monday (art. 53 Ger.W.); the shifted end of the month is shown', () => {
    // 1 month after 6 March 2026 = 6 April (Easter Monday) → Tuesday 7 April; reminder Friday 10 April + 15 = Saturday 25 April → Monday 27 April.
    const c = due('CSR-2', '2026-03-06', { extensions: [reminder('2026-04-10')] });
    expect(c.dueDate).toBe('2026-04-27');
    expect(steps(c)).toEqual(['trigger', 'count', 'extension', 'shift', 'due', 'warning']);
    expect(stepText(c, 'extension')).toContain('De eerste termijn eindigde op maandag 6 april 2026, verschoven naar dinsdag 7 april 2026 (art. 53 Ger.W.)');
  });

  it('CSR-2: a reminder needs its date, after the end of the month term (invalid-extension)', () => {
    expect(errorOf(() => due('CSR-2', '2026-03-06', { extensions: [extension({ days: 15 })] })).code).toBe('invalid-extension');
    expect(errorOf(() => due('CSR-2', '2026-03-06', { extensions: [reminder('2026-04-07')] })).code).toBe('invalid-extension');
    expect(due('CSR-2', '2026-03-06', { extensions: [reminder('2026-04-08')] }).dueDate).toBe('2026-04-23');
  });

  it('an extension of a rule counted from its due date takes no date of its own (invalid-extension)', () => {
    expect(errorOf(() => due('CSR-3', '2026-03-16', { extensions: [extension({ months: 1, from: '2026-05-01' })] })).code).toBe('invalid-extension');
  });

  it('LL-3 cannot be extended: not-extendable', () => {
    const error = errorOf(() => due('LL-3', '2026-03-02', { extensions: [extension({ days: 5 })] }));
    expect(error.code).toBe('not-extendable');
    expect(error.message).toContain('LL-3');
  });
});

describe('the explanation a person can check by hand', () => {
  it('LL-3: trigger, count from the day after, due with its basis, warning', () => {
    const c = due('LL-3', '2026-03-02');
    expect(c.explanation).toEqual([
      { step: 'trigger', date: '2026-03-02', text: expect.stringContaining('op maandag 2 maart 2026') },
      { step: 'count', date: '2026-04-01', text: expect.stringContaining('30 kalenderdagen, te tellen vanaf de dag na 2 maart 2026 (dag 1 = 3 maart 2026): dag 30 is 1 april 2026') },
      { step: 'due', date: '2026-04-01', text: expect.stringContaining('Grondslag: art. 21 §1 RMI-wet (LL-3, versie 1)') },
      { step: 'warning', date: '2026-03-25', text: expect.stringContaining('25 maart 2026') },
    ]);
  });

  it('a month term whose day does not exist explains the month rule', () => {
    const c = due('LL-8', '2026-11-30');
    expect(c.explanation.find((s) => s.step === 'month-rule')).toEqual({
      step: 'month-rule',
      date: '2027-02-28',
      text: 'Dag 30 bestaat niet in februari 2027: de termijn eindigt op de laatste dag van die maand, 28 februari 2027.',
    });
  });

  it('no month-rule step when the day exists', () => {
    expect(steps(due('LL-8', '2026-03-16'))).toEqual(['trigger', 'count', 'due', 'warning']);
  });

  it('after-month-end anchors on the month end', () => {
    const c = due('LL-5', '2026-03-15');
    expect(c.explanation.find((s) => s.step === 'anchor')).toMatchObject({ date: '2026-03-31' });
    expect(stepText(c, 'count')).toContain('te tellen vanaf 1 april 2026');
  });

  it('working days name the days skipped', () => {
    expect(stepText(due('CO-2', '2026-04-01'), 'count')).toContain('maandag 6 april 2026 (Paasmaandag, wettelijke feestdag)');
  });

  it('the summary of a time-of-day term names the time', () => {
    expect(due('LOI-3', '2026-07-10').summary).toBe(
      'Eerstvolgende werkdag na 10 juli 2026, vóór 10:00: uiterlijk 13 juli 2026 om 10:00 (Fedasil-omzendbrief LOI (versie 2021))',
    );
  });

  it('an unconfirmed [U] rule says so in the due step and the summary', () => {
    const c = due('CSR-1', '2026-03-02');
    expect(stepText(c, 'due')).toContain('[U]');
    expect(c.summary).toContain('[U: onbevestigd');
    expect(due('LL-3', '2026-03-02').summary).not.toContain('[U');
  });
});

describe('invalid input', () => {
  it.each(['2026-02-30', '2026-2-3', '02-03-2026', '', '2027-02-29'])('refuses trigger date "%s" (invalid-date)', (trigger) => {
    expect(errorOf(() => compute(findRule(DEFAULT_CATALOGUE, 'LL-3', '2026-03-02'), trigger)).code).toBe('invalid-date');
  });

  it('refuses a rule whose counting needs a field it lacks', () => {
    expect(errorOf(() => compute(aRule({ counting: 'annual-date' }), '2026-03-02')).code).toBe('invalid-catalogue');
    expect(errorOf(() => compute(aRule({ counting: 'next-working-day-at' }), '2026-03-02')).code).toBe('invalid-catalogue');
  });
});

describe('findRule: the version in force on a date', () => {
  const v1 = aRule({ id: 'LL-3', version: 1, duration: 30, counting: 'calendar-days', validFrom: '2002-10-01', validTo: '2026-12-31' });
  const v2 = aRule({ id: 'LL-3', version: 2, duration: 20, counting: 'calendar-days', validFrom: '2027-01-01', validTo: null });
  const catalogue = [v1, v2];

  it.each`
    onDate          | version | why
    ${'2002-10-01'} | ${1}    | ${'the first day of v1'}
    ${'2026-12-31'} | ${1}    | ${'the last day of v1 (validTo included)'}
    ${'2027-01-01'} | ${2}    | ${'the first day of v2'}
  `('on $onDate: version $version ($why)', ({ onDate, version }) => {
    expect(findRule(catalogue, 'LL-3', onDate).version).toBe(version);
  });

  it('refuses a date before any version, and an unknown id (unknown-rule)', () => {
    expect(errorOf(() => findRule(catalogue, 'LL-3', '2002-09-30')).code).toBe('unknown-rule');
    expect(errorOf(() => findRule(catalogue, 'LL-99', '2026-03-02')).code).toBe('unknown-rule');
    expect(errorOf(() => findRule(catalogue, 'LL-3', '2026-13-01')).code).toBe('invalid-date');
  });
});

describe('validateCatalogue', () => {
  it('accepts a valid catalogue and returns it', () => {
    expect(validateCatalogue([aRule()])).toEqual([aRule()]);
  });

  it('refuses something that is not an array', () => {
    expect(errorOf(() => validateCatalogue({ rules: [] })).code).toBe('invalid-catalogue');
  });

  it('lists every problem at once', () => {
    const broken = [
      { ...aRule({ id: 'A' }), title: '' },
      aRule({ id: 'B', counting: 'fortnights' as never }),
      aRule({ id: 'C', duration: -1 }),
      aRule({ id: 'D', duration: 1.5 }),
      aRule({ id: 'E', validFrom: '2026-02-30' }),
      aRule({ id: 'F', counting: 'annual-date' }),
      aRule({ id: 'G', counting: 'next-working-day-at' }),
      aRule({ id: 'H', source: 'X' as never }),
      aRule({ id: 'I', suspension: { allowed: true, basis: '' } }),
      aRule({ id: 'J', extension: { allowed: true, basis: 'b', maxTimes: 0 } }),
      { ...aRule({ id: 'K' }), maxWarningDay: 3 },
      aRule({ id: 'L', validFrom: '2026-01-01', validTo: '2025-12-31', offsetDays: -1 }),
      aRule({ id: 'M', version: 1, validFrom: '2000-01-01', validTo: null }),
      aRule({ id: 'M', version: 2, validFrom: '2026-01-01', validTo: null }),
      aRule({ id: 'N', version: 1, validFrom: '2000-01-01', validTo: '2010-12-31' }),
      aRule({ id: 'N', version: 1, validFrom: '2011-01-01', validTo: null }),
      'not a rule',
    ];
    const error = errorOf(() => validateCatalogue(broken));
    expect(error).toBeInstanceOf(InvalidCatalogueError);
    expect(error.code).toBe('invalid-catalogue');
    const problems = (error as InvalidCatalogueError).problems;
    const expectProblem = (fragment: RegExp) => expect(problems.some((p) => fragment.test(p))).toBe(true);
    expectProblem(/\(A v1\): title must be a non-empty string/);
    expectProblem(/\(B v1\): counting must be one of .*got fortnights/);
    expectProblem(/\(C v1\): duration must be an integer ≥ 0/);
    expectProblem(/\(D v1\): duration must be an integer ≥ 0/);
    expectProblem(/\(E v1\): validFrom must be an existing date/);
    expectProblem(/\(F v1\): annualDate 'MM-DD' is required/);
    expectProblem(/\(G v1\): timeOfDay 'HH:MM' is required/);
    expectProblem(/\(H v1\): source must be V, V-sec or U/);
    expectProblem(/\(I v1\): an allowed suspension needs its legal basis/);
    expectProblem(/\(J v1\): extension.maxTimes must be an integer ≥ 1/);
    expectProblem(/\(K v1\): unknown field maxWarningDay/);
    expectProblem(/\(L v1\): validTo 2025-12-31 is before validFrom 2026-01-01/);
    expectProblem(/\(L v1\): offsetDays must be an integer ≥ 0/);
    expectProblem(/^M: v1 .* overlaps v2/);
    expectProblem(/^N: version 1 appears more than once/);
    expectProblem(/rule 16: not an object/);
    expect(problems).toHaveLength(16);
    expect(error.message).toContain(problems[0]);
  });

  it('checks the fields of issue 8: consequenceFrom, noForfeitureWithoutNotice, extension.fromEvent (days only)', () => {
    const error = errorOf(() =>
      validateCatalogue([
        aRule({ id: 'A', consequenceFrom: '' }),
        aRule({ id: 'B', noForfeitureWithoutNotice: ' ' }),
        aRule({ id: 'C', extension: { allowed: true, basis: 'b', maxTimes: 1, maxMonths: 2, fromEvent: 'herinnering' } }),
      ]),
    ) as InvalidCatalogueError;
    expect(error.problems).toEqual([
      'rule 0 (A v1): consequenceFrom must be a non-empty string',
      'rule 1 (B v1): noForfeitureWithoutNotice must be a non-empty string',
      'rule 2 (C v1): an extension from an event (fromEvent) is in days: maxMonths is not used',
    ]);
  });

  it('accepts versions that follow each other without overlap', () => {
    expect(() =>
      validateCatalogue([
        aRule({ version: 1, validFrom: '2000-01-01', validTo: '2025-12-31' }),
        aRule({ version: 2, validFrom: '2026-01-01', validTo: null }),
      ]),
    ).not.toThrow();
  });
});

describe('mergeCatalogue', () => {
  const base = [aRule({ id: 'A', duration: 1 }), aRule({ id: 'B', duration: 2 })];

  it('replaces a rule with the same id and version', () => {
    const merged = mergeCatalogue(base, [aRule({ id: 'A', duration: 9 })]);
    expect(merged.map((r) => [r.id, r.duration])).toEqual([['A', 9], ['B', 2]]);
  });

  it('adds a new version next to the old one, which the override closes', () => {
    const merged = mergeCatalogue(base, [
      aRule({ id: 'B', version: 1, duration: 2, validTo: '2026-12-31' }),
      aRule({ id: 'B', version: 2, duration: 3, validFrom: '2027-01-01' }),
    ]);
    expect(findRule(merged, 'B', '2026-12-31').duration).toBe(2);
    expect(findRule(merged, 'B', '2027-01-01').duration).toBe(3);
  });

  it('refuses a merge that leaves overlapping versions', () => {
    expect(errorOf(() => mergeCatalogue(base, [aRule({ id: 'B', version: 2, validFrom: '2027-01-01' })])).code).toBe('invalid-catalogue');
  });

  it('does not change the base catalogue', () => {
    mergeCatalogue(base, [aRule({ id: 'A', duration: 9 })]);
    expect(base[0].duration).toBe(1);
  });
});

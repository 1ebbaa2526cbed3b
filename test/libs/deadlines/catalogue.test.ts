import { addDays } from '../../../libs/deadlines/calendar-date';
import { DEFAULT_CATALOGUE } from '../../../libs/deadlines/catalogue';
import { computeDeadline, findRule, validateCatalogue } from '../../../libs/deadlines/engine';
import { formatDateNl } from '../../../libs/format/dutch';

const rule = (id: string) => findRule(DEFAULT_CATALOGUE, id, '2026-03-02');

describe('the default catalogue', () => {
  it('passes its own validation', () => {
    expect(validateCatalogue(DEFAULT_CATALOGUE)).toBe(DEFAULT_CATALOGUE);
  });

  it('holds every computable term of the domain document', () => {
    expect(DEFAULT_CATALOGUE.map((r) => r.id).sort()).toEqual(
      [
        'LL-1', 'LL-2', 'LL-3', 'LL-4', 'LL-5', 'LL-5-LOSS', 'LL-6', 'LL-6-INTEREST', 'LL-7', 'LL-8', 'LL-9', 'LL-10', 'LL-10-NO-DECISION',
        'SA-1', 'SA-2', 'SA-3', 'SA-4', 'SA-5', 'SA-5-NO-DECISION', 'SA-6', 'SA-7', 'SA-8', 'SA-9',
        // SA-10: this catalogue's window for the last Wet 1965 claims after the aid (not in the domain document).
        'SA-10',
        'CSR-1', 'CSR-2', 'CSR-3', 'CSR-4', 'CSR-5', 'CSR-6', 'DEBT-1',
        'LOI-1', 'LOI-2', 'LOI-3', 'LOI-3-ARRIVAL', 'LOI-6', 'LOI-7', 'LOI-APPEAL',
        'CO-1', 'CO-2', 'CO-3',
        'HF-1', 'HF-2', 'HF-3',
        // PB-1: no legal term, the OCMW's service norm for the first counselling conversation (configuration).
        'PB-1',
      ].sort(),
    );
  });

  // Each row as the document states it: duration, how it is counted, legal basis.
  it.each`
    id                     | duration | counting                 | legalBasis
    ${'LL-1'}              | ${0}     | ${'same-day'}            | ${'art. 18 RMI-wet; Handvest sociaal verzekerde'}
    ${'LL-2'}              | ${5}     | ${'calendar-days'}       | ${'art. 18 §4 RMI-wet; art. 58 §3 OCMW-wet'}
    ${'LL-3'}              | ${30}    | ${'calendar-days'}       | ${'art. 21 §1 RMI-wet'}
    ${'LL-4'}              | ${8}     | ${'calendar-days'}       | ${'art. 21 §3 RMI-wet'}
    ${'LL-5'}              | ${8}     | ${'after-month-end'}     | ${'art. 21 §6 RMI-wet'}
    ${'LL-5-LOSS'}         | ${44}    | ${'after-month-end'}     | ${'art. 21 §6 RMI-wet'}
    ${'LL-6'}              | ${15}    | ${'calendar-days'}       | ${'art. 23 §1–2 RMI-wet; art. 36 KB RMI; Handvest art. 20'}
    ${'LL-6-INTEREST'}     | ${45}    | ${'calendar-days'}       | ${'art. 23 §1–2 RMI-wet; art. 36 KB RMI; Handvest art. 20'}
    ${'LL-7'}              | ${12}    | ${'months'}              | ${'KB 1 december 2013 (RMI art. 19 §1)'}
    ${'LL-8'}              | ${3}     | ${'months'}              | ${'art. 11 RMI-wet; omzendbrief 12 oktober 2016'}
    ${'LL-9'}              | ${4}     | ${'months'}              | ${'KB RMI (GPMI-afdeling)'}
    ${'LL-10'}             | ${3}     | ${'judicial-months'}     | ${'art. 47 RMI-wet'}
    ${'LL-10-NO-DECISION'} | ${3}     | ${'judicial-months'}     | ${'art. 47 RMI-wet'}
    ${'SA-1'}              | ${0}     | ${'same-day'}            | ${'art. 58 §1 OCMW-wet'}
    ${'SA-2'}              | ${5}     | ${'calendar-days'}       | ${'art. 58 §3 OCMW-wet'}
    ${'SA-3'}              | ${1}     | ${'months'}              | ${'art. 58 §2 / art. 71 al. 2 OCMW-wet'}
    ${'SA-4'}              | ${8}     | ${'calendar-days'}       | ${'art. 62bis OCMW-wet'}
    ${'SA-5'}              | ${3}     | ${'judicial-months'}     | ${'art. 71 OCMW-wet'}
    ${'SA-5-NO-DECISION'}  | ${3}     | ${'judicial-months'}     | ${'art. 71 OCMW-wet'}
    ${'SA-6'}              | ${45}    | ${'calendar-days'}       | ${'art. 9/11 Wet 1965'}
    ${'SA-7'}              | ${60}    | ${'months'}              | ${'art. 102 OCMW-wet'}
    ${'SA-8'}              | ${12}    | ${'months'}              | ${'KB 1 december 2013 (art. 9bis Wet 1965)'}
    ${'CSR-1'}             | ${8}     | ${'judicial-days'}       | ${'art. 1675/6 Ger.W.'}
    ${'CSR-2'}             | ${1}     | ${'judicial-months'}     | ${'art. 1675/9 §2–3 Ger.W.'}
    ${'CSR-3'}             | ${6}     | ${'judicial-months'}     | ${'art. 1675/10–11 Ger.W.'}
    ${'CSR-4'}             | ${2}     | ${'judicial-months'}     | ${'art. 1675/10 §4 Ger.W.'}
    ${'CSR-5'}             | ${84}    | ${'months'}              | ${'art. 1675/12–13 Ger.W.'}
    ${'CSR-6'}             | ${12}    | ${'months'}              | ${'art. 1675/17 Ger.W.'}
    ${'DEBT-1'}            | ${1}     | ${'annual-date'}         | ${'decreet van 24 juli 1996; uitvoeringsbesluit van 25 maart 1997'}
    ${'LOI-1'}             | ${30}    | ${'calendar-days'}       | ${'KB 25 april 2007'}
    ${'LOI-2'}             | ${6}     | ${'months'}              | ${'KB 25 april 2007'}
    ${'LOI-3'}             | ${1}     | ${'next-working-day-at'} | ${'Fedasil-omzendbrief LOI (versie 2021)'}
    ${'LOI-6'}             | ${30}    | ${'calendar-days'}       | ${'Opvangwet zoals gewijzigd op 14 maart 2024'}
    ${'LOI-7'}             | ${6}     | ${'months'}              | ${'Fedasil-conventie'}
    ${'CO-1'}              | ${5}     | ${'calendar-days'}       | ${'art. 58 §3 OCMW-wet; art. 18 §4 RMI-wet'}
    ${'CO-2'}              | ${5}     | ${'working-days'}        | ${'art. 15 al. 4 Wet 1965; omzendbrief van 8 april 2003'}
    ${'CO-3'}              | ${5}     | ${'working-days'}        | ${'omzendbrief van 8 april 2003'}
    ${'HF-1'}              | ${60}    | ${'calendar-days'}       | ${'programmawet 2004; KB 9 januari 2005'}
    ${'HF-2'}              | ${1}     | ${'months'}              | ${'algemene OCMW-regels'}
    ${'HF-3'}              | ${15}    | ${'calendar-days'}       | ${'KB 9 januari 2005'}
    ${'PB-1'}              | ${10}    | ${'working-days'}        | ${'dienstverleningsnorm van het OCMW (geen wettelijke termijn)'}
  `('$id: $duration, $counting ($legalBasis)', ({ id, duration, counting, legalBasis }) => {
    expect(rule(id)).toMatchObject({ duration, counting, legalBasis });
  });

  it('gives LOI-3 its 10:00 and DEBT-1 its 31 March', () => {
    expect(rule('LOI-3').timeOfDay).toBe('10:00');
    expect(rule('DEBT-1').annualDate).toBe('03-31');
  });

  it.each(['2026-01-31', '2026-02-28', '2026-07-10', '2026-12-31', '2027-03-28', '2028-02-29'])(
    'computes every rule for a trigger on %s without throwing, due on or after the trigger',
    (trigger) => {
      for (const r of DEFAULT_CATALOGUE) {
        const c = computeDeadline(findRule(DEFAULT_CATALOGUE, r.id, trigger), trigger, { warningDays: 7 });
        expect(c.dueDate! >= trigger).toBe(true);
        expect(c.warningDate! >= trigger && c.warningDate! <= c.dueDate!).toBe(true);
        expect(c.dueAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:00\.000Z$/);
        expect(c.explanation.map((s) => s.step)).toEqual(expect.arrayContaining(['trigger', 'count', 'due', 'warning']));
        expect(c.summary).toContain(formatDateNl(c.dueDate!));
      }
    },
  );

  it('has one version per rule, open-ended, each with a title, action, trigger, consequence and source note', () => {
    for (const r of DEFAULT_CATALOGUE) {
      expect(r).toMatchObject({ version: 1, validTo: null });
      for (const text of [r.title, r.action, r.trigger, r.ifMissed, r.sourceNote ?? '']) expect(text.length).toBeGreaterThan(3);
    }
  });

  it('warns no earlier than the term allows: a day term warns fewer days ahead than its length', () => {
    for (const r of DEFAULT_CATALOGUE.filter((x) => ['calendar-days', 'working-days', 'judicial-days'].includes(x.counting))) {
      expect({ id: r.id, ok: r.maxWarningDays < r.duration }).toEqual({ id: r.id, ok: true });
    }
    expect(rule('LL-2').maxWarningDays).toBe(2);
    expect(rule('LL-4').maxWarningDays).toBe(3);
    expect(rule('LL-3').maxWarningDays).toBe(7);
    expect(rule('LL-10').maxWarningDays).toBe(14);
  });
});

describe('suspension and extension only where the document provides them', () => {
  it.each(['LL-3', 'LL-4', 'LL-5', 'LL-5-LOSS', 'LL-10', 'LL-10-NO-DECISION', 'SA-5-NO-DECISION'])('%s cannot be suspended or extended', (id) => {
    expect(rule(id)).toMatchObject({ suspension: { allowed: false }, extension: { allowed: false } });
  });

  it('no leefloon rule can be suspended', () => {
    expect(DEFAULT_CATALOGUE.filter((r) => r.procedures.includes('leefloon') && r.suspension.allowed)).toEqual([]);
  });

  it('only HF-1 can be suspended: force majeure confirmed by the OCMW', () => {
    expect(DEFAULT_CATALOGUE.filter((r) => r.suspension.allowed).map((r) => r.id)).toEqual(['HF-1']);
    expect(rule('HF-1').suspension).toMatchObject({ allowed: true, basis: expect.stringContaining('Overmacht') });
  });

  it('only CSR-2 (15 days from a reminder, once) and CSR-3 (once, at most 6 months) can be extended', () => {
    expect(DEFAULT_CATALOGUE.filter((r) => r.extension.allowed).map((r) => r.id)).toEqual(['CSR-2', 'CSR-3']);
    expect(rule('CSR-2').extension).toMatchObject({ allowed: true, maxTimes: 1, maxDays: 15, fromEvent: 'herinnering van de schuldbemiddelaar' });
    expect(rule('CSR-3').extension).toMatchObject({ allowed: true, maxTimes: 1, maxMonths: 6 });
  });
});

describe('consequences named apart from the due date', () => {
  it('only LL-5-LOSS and LL-6-INTEREST name what starts the day after their due date', () => {
    expect(DEFAULT_CATALOGUE.filter((r) => r.consequenceFrom).map((r) => r.id)).toEqual(['LL-5-LOSS', 'LL-6-INTEREST']);
  });

  it('only the appeals for the absence of a decision are indicative (GwH nr. 35/2008)', () => {
    expect(DEFAULT_CATALOGUE.filter((r) => r.noForfeitureWithoutNotice).map((r) => r.id)).toEqual(['LL-10-NO-DECISION', 'SA-5-NO-DECISION']);
  });
});

describe('sources', () => {
  it('flags every unconfirmed rule U: CSR-1 and SA-6 as the document marks them, LL-10-NO-DECISION as an interpretation, SA-9 (end of social aid after a final negative asylum decision), SA-10 (the last Wet 1965 claims after the aid) and PB-1 (the counselling service norm) as configuration, the LOI arrival declaration (LOI-3-ARRIVAL) and the sanction appeal (LOI-APPEAL) as the issue and §4.1 leave them', () => {
    expect(DEFAULT_CATALOGUE.filter((r) => r.source === 'U').map((r) => r.id).sort()).toEqual(['CSR-1', 'LL-10-NO-DECISION', 'LOI-3-ARRIVAL', 'LOI-APPEAL', 'PB-1', 'SA-10', 'SA-6', 'SA-9']);
  });

  it('marks the rules resting on a secondary source V-sec', () => {
    expect(DEFAULT_CATALOGUE.filter((r) => r.source === 'V-sec').map((r) => r.id).sort()).toEqual(
      ['CSR-3', 'CSR-5', 'CSR-6', 'LL-6', 'LL-6-INTEREST', 'LOI-7'].sort(),
    );
  });
});

describe('dated rules', () => {
  it.each`
    id             | validFrom       | why
    ${'LL-3'}      | ${'2002-10-01'} | ${'RMI-wet in force'}
    ${'LL-5-LOSS'} | ${'2006-10-01'} | ${'the loss applies to decisions from 1 October 2006'}
    ${'SA-3'}      | ${'1976-07-08'} | ${'OCMW-wet'}
    ${'LOI-6'}     | ${'2024-06-27'} | ${'law of 14 March 2024, in force 27 June 2024'}
  `('$id is valid from $validFrom ($why)', ({ id, validFrom }) => {
    expect(rule(id).validFrom).toBe(validFrom);
    expect(() => findRule(DEFAULT_CATALOGUE, id, addDays(validFrom, -1))).toThrow(/No deadline rule/);
  });

  it('LOI-6 did not exist before 27 June 2024: the old regime needs its own version', () => {
    expect(() => findRule(DEFAULT_CATALOGUE, 'LOI-6', '2024-06-26')).toThrow(expect.objectContaining({ code: 'unknown-rule' }));
  });
});

describe('appeal without a decision (LL-10-NO-DECISION)', () => {
  it('request 2 March 2026, no decision: the term lapses 1 April; + 8 days notification term = 9 April; appeal until 9 July 2026', () => {
    const lapse = computeDeadline(rule('LL-3'), '2026-03-02', { warningDays: 7 }).dueDate!;
    expect(lapse).toBe('2026-04-01');
    const c = computeDeadline(findRule(DEFAULT_CATALOGUE, 'LL-10-NO-DECISION', lapse), lapse, { warningDays: 7 });
    // ≈ "4 months and 8 days" after the request (mi-is FAQ): 2 July + 8 days = 10 July; the decision term is 30 days, not a month.
    expect(c.dueDate).toBe('2026-07-09');
    expect(c.explanation.map((s) => s.step)).toEqual(['trigger', 'anchor', 'count', 'due', 'consequence', 'warning']);
    expect(c.explanation[1]).toMatchObject({ date: '2026-04-09', text: expect.stringContaining('1 april 2026 + 8 dagen') });
    expect(c.summary).toContain('(vertrekpunt: aanleiding 1 april 2026 + 8 dagen)');
  });

  it('is a judicial term: a last day on a Sunday moves to Monday', () => {
    // Request 4 February 2026 → decision term lapses 6 March → + 8 days = 14 March → 14 June 2026, a Sunday → Monday 15 June.
    const lapse = computeDeadline(rule('LL-3'), '2026-02-04', { warningDays: 7 }).dueDate!;
    expect(lapse).toBe('2026-03-06');
    expect(computeDeadline(rule('LL-10-NO-DECISION'), lapse, { warningDays: 7 }).dueDate).toBe('2026-06-15');
  });

  it('a legal officer who follows the other reading (3 months from the lapse itself) overrides offsetDays to 0', () => {
    const override = { ...rule('LL-10-NO-DECISION'), offsetDays: 0 };
    expect(computeDeadline(override, '2026-04-01', { warningDays: 7 }).dueDate).toBe('2026-07-01');
  });
});

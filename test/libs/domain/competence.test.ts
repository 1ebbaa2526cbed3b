import { CompetenceFacts, determineCompetence } from '../../../libs/domain/competence';

/** The competence rules of the Wet of 2 April 1965 (domain §5.1, §6.1), one case a rule, seen from Gent (NIS 44021). */
const GENT = '44021';
const ANTWERPEN = '11002';
const LEUVEN = '24062';
const BRUGGE = '31005';
const names: Record<string, string> = { [GENT]: 'OCMW Gent', [ANTWERPEN]: 'OCMW Antwerpen', [LEUVEN]: 'OCMW Leuven', [BRUGGE]: 'OCMW Brugge' };
const decide = (facts: Omit<CompetenceFacts, 'requestDate'> & { requestDate?: string }) =>
  determineCompetence({ requestDate: '2026-03-02', ...facts }, GENT, (nis) => names[nis]);

describe('competence (Wet 1965)', () => {
  it('general rule (art. 1, 1°): the usual residence on the request date decides, not the population register', () => {
    const r = decide({ usualResidence: ANTWERPEN, registeredIn: GENT });
    expect(r).toMatchObject({ competent: ANTWERPEN, thisOcmw: false, rule: 'usual-residence', legalBasis: 'art. 1, 1° Wet 2 april 1965' });
    expect(r.steps.at(-1)).toBe('Bevoegd is OCMW Antwerpen, niet dit OCMW.');
    expect(decide({ usualResidence: GENT })).toMatchObject({ competent: GENT, thisOcmw: true });
  });

  it('the population register is only a presumption, used when the inquiry found no usual residence', () => {
    const r = decide({ registeredIn: LEUVEN });
    expect(r).toMatchObject({ competent: LEUVEN, rule: 'register-presumption' });
    expect(r.steps.join(' ')).toContain('vermoeden (weerlegbaar)');
  });

  it('nothing known: undetermined, never a guess', () => {
    expect(decide({})).toMatchObject({ competent: null, thisOcmw: null, rule: 'undetermined' });
  });

  it('institution (art. 2 §1): the municipality of registration on admission, for the whole stay', () => {
    const r = decide({ usualResidence: BRUGGE, institutions: [{ kind: 'care-home', admittedOn: '2024-05-01', registeredOnAdmission: LEUVEN }] });
    expect(r).toMatchObject({ competent: LEUVEN, rule: 'institution', legalBasis: 'art. 2 §1 Wet 2 april 1965' });
  });

  it('institution continuity: moved directly between listed institutions, the first admission counts', () => {
    const r = decide({
      institutions: [
        { kind: 'psychiatric-hospital', admittedOn: '2023-01-10', registeredOnAdmission: ANTWERPEN },
        { kind: 'psychiatric-care-home', admittedOn: '2024-02-01', registeredOnAdmission: BRUGGE },
      ],
    });
    expect(r).toMatchObject({ competent: ANTWERPEN, rule: 'institution' });
    expect(r.steps.join(' ')).toContain('die eerste opname telt');
  });

  it('a chain broken by an institution that is not listed starts again after it', () => {
    const r = decide({
      institutions: [
        { kind: 'prison', admittedOn: '2022-01-10', registeredOnAdmission: ANTWERPEN },
        { kind: 'paaz', admittedOn: '2023-01-10', registeredOnAdmission: BRUGGE },
        { kind: 'care-home', admittedOn: '2024-01-10', registeredOnAdmission: LEUVEN },
      ],
    });
    expect(r).toMatchObject({ competent: LEUVEN, rule: 'institution' });
  });

  it('PAAZ and begeleid zelfstandig wonen are not institutions of art. 2 §1: the general rule applies', () => {
    for (const kind of ['paaz', 'supported-living'] as const) {
      const r = decide({ usualResidence: BRUGGE, institutions: [{ kind, admittedOn: '2025-01-01', registeredOnAdmission: ANTWERPEN }] });
      expect(r).toMatchObject({ competent: BRUGGE, rule: 'usual-residence' });
      expect(r.steps[0]).toContain('geen instelling van art. 2 §1');
    }
  });

  it('student (art. 2 §6): registration at the request, kept for the whole uninterrupted studies', () => {
    expect(decide({ usualResidence: LEUVEN, student: { registeredAtRequest: BRUGGE } })).toMatchObject({ competent: BRUGGE, rule: 'student', legalBasis: 'art. 2 §6 Wet 2 april 1965' });
    const later = decide({ usualResidence: LEUVEN, student: { registeredAtRequest: GENT, firstRequestDuringStudies: { date: '2024-10-01', registeredIn: ANTWERPEN } } });
    expect(later).toMatchObject({ competent: ANTWERPEN, rule: 'student' });
  });

  it('homeless, not in an institution (art. 2 §7): the place of actual stay', () => {
    expect(decide({ registeredIn: ANTWERPEN, homeless: { actualStay: GENT } })).toMatchObject({ competent: GENT, thisOcmw: true, rule: 'homeless', legalBasis: 'art. 2 §7 Wet 2 april 1965' });
  });

  it('applicant for international protection (art. 2 §5): the mandatory registration place (code 207), before any other rule', () => {
    const r = decide({ usualResidence: GENT, homeless: { actualStay: GENT }, internationalProtection: { registrationPlace: BRUGGE } });
    expect(r).toMatchObject({ competent: BRUGGE, rule: 'international-protection', legalBasis: 'art. 2 §5 Wet 2 april 1965' });
    // No registration place known: the other rules decide.
    expect(decide({ usualResidence: LEUVEN, internationalProtection: { registrationPlace: null } })).toMatchObject({ competent: LEUVEN, rule: 'usual-residence' });
  });

  it('rent guarantee (§6.1): assigned to an LOI, the LOI\'s OCMW', () => {
    const r = decide({ subject: 'rent-guarantee', internationalProtection: { registrationPlace: BRUGGE, loi: GENT }, rentGuarantee: { newHome: ANTWERPEN, alreadyLivesThere: false } });
    expect(r).toMatchObject({ competent: GENT, thisOcmw: true, rule: 'loi-rent-guarantee' });
  });

  it('rent guarantee: before the move the old municipality, already living there the new one', () => {
    expect(decide({ subject: 'rent-guarantee', usualResidence: GENT, rentGuarantee: { newHome: LEUVEN, alreadyLivesThere: false } })).toMatchObject({ competent: GENT, rule: 'rent-guarantee' });
    expect(decide({ subject: 'rent-guarantee', usualResidence: GENT, rentGuarantee: { newHome: LEUVEN, alreadyLivesThere: true } })).toMatchObject({ competent: LEUVEN, rule: 'rent-guarantee' });
  });

  it('rent guarantee leaving a Fedasil structure: the new home\'s OCMW if asked by the last day of stay for an identifiable home', () => {
    const leaving = (requestDate: string, homeIdentifiable: boolean) =>
      decide({ requestDate, subject: 'rent-guarantee', usualResidence: BRUGGE, rentGuarantee: { newHome: LEUVEN, alreadyLivesThere: false, leavingReception: { lastDayOfStay: '2026-03-02', homeIdentifiable } } });
    expect(leaving('2026-03-02', true)).toMatchObject({ competent: LEUVEN, rule: 'leaving-reception-rent-guarantee' });
    // A day late, or no identifiable home: the general rule.
    expect(leaving('2026-03-03', true)).toMatchObject({ competent: BRUGGE, rule: 'usual-residence' });
    expect(leaving('2026-03-02', false)).toMatchObject({ competent: BRUGGE, rule: 'usual-residence' });
  });

  it('names an OCMW that is not in the directory by its NIS code', () => {
    expect(determineCompetence({ requestDate: '2026-03-02', usualResidence: '99999' }, GENT).steps.at(-1)).toBe('Bevoegd is het OCMW met NIS-code 99999, niet dit OCMW.');
  });
});

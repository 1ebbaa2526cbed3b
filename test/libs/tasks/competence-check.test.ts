import { DEMO_OCMW_DIRECTORY, ocmwDirectory } from '../../../libs/domain/ocmw-directory';
import { validateTaskOutcome } from '../../../libs/procedures/registry';
import { competenceCheckErrors, explainCompetenceOutcome } from '../../../libs/tasks/competence-check';

// This OCMW is Gent (44021); the others of the demo directory: Antwerpen 11002, Brussel 21004, Leuven 24062.
const ctx = { requestDate: '2026-03-02', today: '2026-03-05', ocmwNisCode: '44021' };
const check = (o: Record<string, unknown>) => competenceCheckErrors(o, ctx);
const codes = (o: Record<string, unknown>) => check(o).map((e) => `${e.path} ${e.code}`);
const notCompetent = { competent: false, competentOcmw: 'OCMW Antwerpen', reasons: 'Woont in Antwerpen.' };

describe('the guided competence check (Wet 2 april 1965)', () => {
  it('without facts keeps the yes/no of the social worker (dossiers that completed it before the facts were asked)', () => {
    expect(check({ competent: true, rule: 'other' })).toEqual([]);
    expect(check({ ...notCompetent, rule: 'usual-residence' })).toEqual([]);
  });

  it('art. 1, 1°: the usual residence decides; the register is only a presumption when the inquiry found nothing else', () => {
    expect(check({ competent: true, rule: 'usual-residence', situation: 'usual-residence', usualResidence: '44021', registeredIn: '11002' })).toEqual([]);
    // Registered in Gent but living in Antwerpen: Antwerpen is competent, a "yes" contradicts the facts.
    expect(codes({ competent: true, rule: 'usual-residence', situation: 'usual-residence', usualResidence: '11002', registeredIn: '44021' })).toEqual(['/competent contradicts-facts']);
    expect(check({ ...notCompetent, rule: 'usual-residence', situation: 'usual-residence', usualResidence: '11002', registeredIn: '44021' })).toEqual([]);
    expect(check({ competent: true, rule: 'usual-residence', situation: 'registered-only', registeredIn: '44021' })).toEqual([]);
    // No usual residence found: the registration in Antwerpen decides (a usual residence sent along does not count there).
    expect(codes({ competent: true, rule: 'usual-residence', situation: 'registered-only', registeredIn: '11002', usualResidence: '44021' })).toEqual(['/competent contradicts-facts']);
    expect(codes({ competent: true, rule: 'usual-residence', situation: 'usual-residence' })).toEqual(['/situation competence-undetermined']);
  });

  it('art. 2 §1: a listed institution, the registration on admission, with continuity from the first admission', () => {
    const stay = { situation: 'institution', institutionKind: 'psychiatric-hospital', usualResidence: '44021' };
    expect(check({ ...notCompetent, rule: 'institution', ...stay, registeredOnAdmission: '11002' })).toEqual([]);
    // Living in Gent does not make Gent competent for a person admitted while registered in Antwerpen.
    expect(codes({ competent: true, rule: 'usual-residence', ...stay, registeredOnAdmission: '11002' })).toEqual(['/competent contradicts-facts', '/rule contradicts-facts']);
    // Moved directly from another listed institution: the first admission counts.
    expect(check({ competent: true, rule: 'institution', ...stay, registeredOnAdmission: '11002', firstAdmissionRegisteredIn: '44021' })).toEqual([]);
    // Without the registration on admission the rule names no OCMW.
    expect(codes({ competent: true, rule: 'institution', ...stay })).toEqual(['/situation competence-undetermined']);
  });

  it('PAAZ and begeleid zelfstandig wonen are no institutions of art. 2 §1: the general rule applies', () => {
    expect(check({ competent: true, rule: 'usual-residence', situation: 'institution', institutionKind: 'paaz', registeredOnAdmission: '11002', usualResidence: '44021' })).toEqual([]);
    expect(codes({ ...notCompetent, rule: 'institution', situation: 'institution', institutionKind: 'supported-living', registeredOnAdmission: '11002', usualResidence: '44021' }))
      .toEqual(['/competent contradicts-facts', '/rule contradicts-facts']);
  });

  it('art. 2 §6 a student, §7 a homeless person, §5 an applicant for international protection', () => {
    expect(check({ ...notCompetent, rule: 'student', situation: 'student', studentRegisteredIn: '24062', usualResidence: '44021' })).toEqual([]);
    expect(check({ competent: true, rule: 'homeless', situation: 'homeless', actualStay: '44021' })).toEqual([]);
    expect(codes({ competent: true, rule: 'homeless', situation: 'homeless', actualStay: '21004' })).toEqual(['/competent contradicts-facts']);
    expect(check({ ...notCompetent, rule: 'asylum', situation: 'international-protection', registrationPlace: '21004' })).toEqual([]);
    expect(codes({ ...notCompetent, rule: 'other', situation: 'international-protection', registrationPlace: '21004' })).toEqual(['/rule contradicts-facts']);
  });

  it('a run that does not know this OCMW cannot judge from its side: the yes/no stands', () => {
    expect(competenceCheckErrors({ competent: true, rule: 'homeless', situation: 'homeless', actualStay: '21004' }, { requestDate: '2026-03-02' })).toEqual([]);
  });

  it('the schema asks each situation its own facts, and knows no other situation', () => {
    const validate = (o: Record<string, unknown>) => validateTaskOutcome('leefloon', 'competence-check', o, ctx).map((e) => `${e.path} ${e.code}`);
    expect(validate({ competent: true, rule: 'institution', situation: 'institution' })).toContain('/institutionKind required');
    expect(validate({ competent: true, rule: 'homeless', situation: 'homeless' })).toContain('/actualStay required');
    expect(validate({ competent: true, rule: 'usual-residence', situation: 'usual-residence' })).toContain('/usualResidence required');
    expect(validate({ competent: true, rule: 'usual-residence', situation: 'registered-only' })).toContain('/registeredIn required');
    expect(validate({ competent: true, rule: 'other', situation: 'on-a-boat' }).length).toBeGreaterThan(0);
    expect(validate({ competent: true, rule: 'usual-residence', situation: 'usual-residence', usualResidence: 'Gent' })).toContain('/usualResidence pattern');
    // Schema and facts: the check runs beside the schema in the same validation.
    expect(validate({ competent: true, rule: 'usual-residence', situation: 'usual-residence', usualResidence: '11002' })).toEqual(['/competent contradicts-facts']);
  });

  it('explains the determination in Dutch with the OCMW by its name, the rule and its basis', () => {
    const directory = ocmwDirectory(DEMO_OCMW_DIRECTORY);
    const nameOf = (nis: string) => directory.get(nis)?.name;
    const explained = explainCompetenceOutcome({ situation: 'institution', institutionKind: 'care-home', registeredOnAdmission: '11002', firstAdmissionRegisteredIn: '24062' }, '2026-03-02', '44021', nameOf);
    expect(explained?.description).toBe('Bevoegdheid (art. 2 §1 Wet 2 april 1965): bevoegd is OCMW Leuven.');
    expect(explained?.data).toMatchObject({ competent: '24062', competentName: 'OCMW Leuven', thisOcmw: false, rule: 'institution', legalBasis: 'art. 2 §1 Wet 2 april 1965' });
    expect(explained?.data.steps.at(-1)).toBe('Bevoegd is OCMW Leuven, niet dit OCMW.');
    expect(explainCompetenceOutcome({ situation: 'homeless', actualStay: '44021' }, '2026-03-02', '44021', nameOf)?.description).toBe('Bevoegdheid (art. 2 §7 Wet 2 april 1965): dit OCMW is bevoegd.');
    expect(explainCompetenceOutcome({}, '2026-03-02', '44021', nameOf)).toBeNull();
    expect(explainCompetenceOutcome({ situation: 'usual-residence' }, '2026-03-02', '44021', nameOf)).toBeNull();
  });
});

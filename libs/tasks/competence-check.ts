/**
 * The guided competence check (issue 14; domain §5.1): the social worker gives the facts the Wet 1965 turns on, the
 * rules of libs/domain/competence.ts say which OCMW is competent, by which rule and on which basis. The outcome keeps
 * its yes/no and its rule (the workflows branch on them, and running dossiers completed it without facts); when the
 * facts are given, they must agree with what the rules find — a contradiction or facts that decide nothing is refused
 * (400), never saved. Pure: the workflow's Update validator and the web form's live explanation both run it.
 */
import type { IsoDate } from '../deadlines/calendar-date';
import { CompetenceFacts, CompetenceResult, CompetenceRule, determineCompetence, INSTITUTION_KINDS, InstitutionKind } from '../domain/competence';
import type { JsonSchema, SchemaError } from '../validation/schema';

/** The situation of the applicant on the date of the request: which of the Wet 1965's rules the facts are for. */
export const COMPETENCE_SITUATIONS = {
  'usual-residence': 'Woont gewoonlijk in een gemeente (algemene regel)',
  // The inquiry found no usual residence: the registration in the population register is the (rebuttable) presumption.
  'registered-only': 'Gewoonlijke verblijfplaats niet vast te stellen: de inschrijving in het bevolkingsregister geldt',
  institution: 'Verblijft in een instelling',
  student: 'Student',
  homeless: 'Dakloos',
  'international-protection': 'Verzoeker om internationale bescherming',
} as const;
export type CompetenceSituation = keyof typeof COMPETENCE_SITUATIONS;

/** The outcome's `rule` (the task's older, coarser list) for each rule the determination decides by. */
export const OUTCOME_RULE: Record<Exclude<CompetenceRule, 'undetermined'>, 'usual-residence' | 'institution' | 'student' | 'homeless' | 'asylum' | 'other'> = {
  'usual-residence': 'usual-residence',
  'register-presumption': 'usual-residence',
  'rent-guarantee': 'usual-residence',
  institution: 'institution',
  student: 'student',
  homeless: 'homeless',
  'international-protection': 'asylum',
  'loi-rent-guarantee': 'asylum',
  'leaving-reception-rent-guarantee': 'other',
};

const municipality = (title: string, description?: string): JsonSchema => ({
  type: 'string', title, pattern: '^\\d{5}$', 'x-pick': 'ocmw', ...(description ? { description } : {}),
});

/** The facts' fields of the outcome schema: all optional, each shown for the situations it belongs to. */
export const COMPETENCE_FACT_FIELDS: Record<string, JsonSchema> = {
  situation: {
    title: 'Situatie op de datum van de aanvraag',
    oneOf: Object.entries(COMPETENCE_SITUATIONS).map(([value, label]) => ({ const: value, title: label })),
  },
  usualResidence: municipality('Gewoonlijke verblijfplaats op de datum van de aanvraag', 'Een feitenkwestie: waar de persoon werkelijk woont, zoals het sociaal onderzoek vond.'),
  registeredIn: municipality('Ingeschreven in het bevolkingsregister te', 'Enkel een vermoeden van de gewoonlijke verblijfplaats.'),
  institutionKind: {
    title: 'Soort instelling',
    oneOf: Object.entries(INSTITUTION_KINDS).map(([value, k]) => ({ const: value, title: k.label })),
  },
  registeredOnAdmission: municipality('Ingeschreven bij de opname te'),
  firstAdmissionRegisteredIn: municipality(
    'Rechtstreeks overgebracht uit een andere instelling: ingeschreven bij de eerste opname te',
    'Enkel bij een ononderbroken verblijf in instellingen van art. 2 §1: de eerste opname telt.',
  ),
  studentRegisteredIn: municipality('Ingeschreven als hoofdverblijfplaats bij de aanvraag te (student)'),
  actualStay: municipality('Feitelijke verblijfplaats (gemeente)'),
  registrationPlace: municipality('Verplichte plaats van inschrijving (code 207)'),
};

/** Which fact fields a situation shows (`required`: the form asks them with *; the others may stay empty). */
const SITUATION_FIELDS: Record<CompetenceSituation, { required: string[]; optional: string[] }> = {
  'usual-residence': { required: ['usualResidence'], optional: ['registeredIn'] },
  'registered-only': { required: ['registeredIn'], optional: [] },
  // A stay in PAAZ or begeleid zelfstandig wonen is no institution of art. 2 §1: the general rule needs the residence.
  institution: { required: ['institutionKind'], optional: ['registeredOnAdmission', 'firstAdmissionRegisteredIn', 'usualResidence', 'registeredIn'] },
  student: { required: ['studentRegisteredIn'], optional: [] },
  homeless: { required: ['actualStay'], optional: [] },
  'international-protection': { required: ['registrationPlace'], optional: [] },
};

/** The schema's conditions: each situation's fields (the generic form shows a field only where its condition holds). */
export const COMPETENCE_FACT_CONDITIONS: JsonSchema[] = Object.entries(SITUATION_FIELDS).map(([situation, f]) => ({
  if: { properties: { situation: { const: situation } }, required: ['situation'] },
  then: {
    ...(f.required.length ? { required: f.required } : {}),
    properties: Object.fromEntries(f.optional.map((name) => [name, {}])),
    description: `the facts of the situation ${situation}`,
  },
}));

/** The outcome's facts, as they are typed (every field optional). */
export interface CompetenceFactsOutcome {
  situation?: CompetenceSituation;
  usualResidence?: string;
  registeredIn?: string;
  institutionKind?: InstitutionKind;
  registeredOnAdmission?: string;
  firstAdmissionRegisteredIn?: string;
  studentRegisteredIn?: string;
  actualStay?: string;
  registrationPlace?: string;
}

/** The facts the rules take, from an outcome with a situation (undefined without: the check of old). */
export function competenceFactsOf(o: CompetenceFactsOutcome, requestDate: IsoDate): CompetenceFacts | undefined {
  if (!o.situation) return undefined;
  const facts: CompetenceFacts = { requestDate, usualResidence: o.usualResidence ?? null, registeredIn: o.registeredIn ?? null };
  switch (o.situation) {
    case 'registered-only':
      return { requestDate, usualResidence: null, registeredIn: o.registeredIn ?? null };
    case 'institution': {
      if (!o.institutionKind) return facts;
      const current = { kind: o.institutionKind, admittedOn: requestDate, registeredOnAdmission: o.registeredOnAdmission ?? '' };
      // The form asks the first admission's registration only, not its kind: a direct transfer from a listed institution.
      const first = o.firstAdmissionRegisteredIn ? [{ kind: o.institutionKind, admittedOn: requestDate, registeredOnAdmission: o.firstAdmissionRegisteredIn }] : [];
      // A listed institution without its admission's registration stays an institution's case: undetermined, never the
      // general rule (competenceOfOutcome); PAAZ and begeleid zelfstandig wonen go to the general rule by themselves.
      return { ...facts, institutions: [...first, current] };
    }
    case 'student':
      return o.studentRegisteredIn ? { ...facts, student: { registeredAtRequest: o.studentRegisteredIn } } : facts;
    case 'homeless':
      return o.actualStay ? { ...facts, homeless: { actualStay: o.actualStay } } : facts;
    case 'international-protection':
      return o.registrationPlace ? { ...facts, internationalProtection: { registrationPlace: o.registrationPlace } } : facts;
    default:
      return facts;
  }
}

/** What the rules find for an outcome with facts; undefined without facts or without this OCMW's NIS code. */
export function competenceOfOutcome(
  o: CompetenceFactsOutcome, requestDate: IsoDate, thisOcmw: string | undefined, nameOf?: (nis: string) => string | undefined,
): CompetenceResult | undefined {
  const facts = competenceFactsOf(o, requestDate);
  if (!facts || !thisOcmw) return undefined;
  const result = determineCompetence(facts, thisOcmw, nameOf);
  // A listed institution without its admission's registration decides nothing yet (the rule would name no OCMW).
  if (result.rule === 'institution' && !result.competent) return { ...result, competent: null, thisOcmw: null, rule: 'undetermined' };
  return result;
}

/**
 * The check beside the schema: with facts, `competent` and `rule` must be what the rules find (art. 1 and 2 Wet 1965);
 * facts that decide nothing are refused. Without facts (or in a run that does not know this OCMW's NIS code) the
 * social worker's yes/no stands, as before.
 */
export function competenceCheckErrors(o: Record<string, unknown>, ctx: { requestDate: IsoDate; ocmwNisCode?: string }): SchemaError[] {
  const result = competenceOfOutcome(o as CompetenceFactsOutcome, ctx.requestDate, ctx.ocmwNisCode);
  if (!result) return [];
  if (result.rule === 'undetermined' || result.competent === null) {
    return [{ path: '/situation', code: 'competence-undetermined', message: 'the facts given do not determine the competent OCMW: add the residence or the registration the rule needs' }];
  }
  const errors: SchemaError[] = [];
  if (o.competent !== result.thisOcmw) {
    errors.push({
      path: '/competent', code: 'contradicts-facts',
      message: `the facts make ${result.thisOcmw ? 'this OCMW' : `the OCMW of NIS code ${result.competent}`} competent (${result.legalBasis})`,
    });
  }
  const rule = OUTCOME_RULE[result.rule];
  if (o.rule !== rule) errors.push({ path: '/rule', code: 'contradicts-facts', message: `the facts are decided by the rule ${rule} (${result.legalBasis})` });
  return errors;
}

/** The competence determination as the timeline keeps it (the data of the event `competence-determined`). */
export interface CompetenceExplanation {
  description: string;
  data: { competent: string; competentName: string; thisOcmw: boolean; rule: CompetenceRule; legalBasis: string; steps: string[] };
}

/** The explanation of an outcome with facts, the OCMWs named by `nameOf` (the directory); null without facts. */
export function explainCompetenceOutcome(
  o: CompetenceFactsOutcome, requestDate: IsoDate, thisOcmw: string, nameOf: (nis: string) => string | undefined,
): CompetenceExplanation | null {
  const result = competenceOfOutcome(o, requestDate, thisOcmw, nameOf);
  if (!result || !result.competent || result.rule === 'undetermined') return null;
  const competentName = nameOf(result.competent) ?? `het OCMW met NIS-code ${result.competent}`;
  return {
    description: `Bevoegdheid (${result.legalBasis}): ${result.thisOcmw ? 'dit OCMW is bevoegd' : `bevoegd is ${competentName}`}.`,
    data: { competent: result.competent, competentName, thisOcmw: result.thisOcmw === true, rule: result.rule, legalBasis: result.legalBasis, steps: result.steps },
  };
}

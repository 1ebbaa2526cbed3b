/**
 * Which OCMW is competent for a request (domain §5.1, §6.1): the Wet of 2 April 1965 betreffende het ten laste nemen
 * van de steun verleend door de openbare centra voor maatschappelijk welzijn, art. 1 and 2, as its rules stand in the
 * domain reference. Pure: the facts the social worker establishes go in, the competent OCMW (its NIS code) comes out
 * with the rule that decided, its legal basis and the reasoning step by step in Dutch — shown as the deadlines'
 * explanations are. The rules are tried from the most specific to the general one; the first that applies decides.
 *
 * The OCMWs are named by the NIS code of their municipality (libs/config/ocmw-directory.ts gives names and addresses).
 */
import type { IsoDate } from '../deadlines/calendar-date';

/** The institutions of art. 2 §1 Wet 1965, and two that look like them but are not (§5.1: PAAZ, begeleid zelfstandig wonen). */
export const INSTITUTION_KINDS = {
  'psychiatric-hospital': { label: 'Psychiatrisch ziekenhuis', listed: true },
  'psychiatric-care-home': { label: 'Psychiatrisch verzorgingstehuis', listed: true },
  'disabled-care': { label: 'Voorziening voor personen met een handicap', listed: true },
  'youth-care': { label: 'Jeugdinstelling of pleeggezin', listed: true },
  'care-home': { label: 'Erkend woonzorgcentrum of rusthuis', listed: true },
  prison: { label: 'Gevangenis of instelling van sociaal verweer', listed: true },
  paaz: { label: 'PAAZ (psychiatrische afdeling van een algemeen ziekenhuis)', listed: false },
  'supported-living': { label: 'Begeleid zelfstandig wonen', listed: false },
} as const;
export type InstitutionKind = keyof typeof INSTITUTION_KINDS;

/** A stay in an institution; `stays` is the chain, the first admission first (each moved into the next without a break). */
export interface InstitutionStay {
  kind: InstitutionKind;
  admittedOn: IsoDate;
  /** The municipality where the person was registered in the population register on admission (NIS code). */
  registeredOnAdmission: string;
}

/** The facts competence turns on: only those that apply need be given. */
export interface CompetenceFacts {
  /** The date of the request: every fact is as it stood that day. */
  requestDate: IsoDate;
  /** The request's subject where a rule depends on it (§6.1: a rent guarantee). */
  subject?: 'rent-guarantee';
  /** Usual residence on the request date, as the social inquiry found it (a question of fact, art. 1, 1°). */
  usualResidence?: string | null;
  /** The municipality of registration in the population register: only a presumption of the usual residence. */
  registeredIn?: string | null;
  /** The person stays in an institution (art. 2 §1): the chain of stays, first admission first. */
  institutions?: readonly InstitutionStay[];
  /** A student (art. 2 §6): registered as main residence there when the uninterrupted studies started or at the request. */
  student?: { registeredAtRequest: string; firstRequestDuringStudies?: { date: IsoDate; registeredIn: string } | null };
  /** A homeless person not staying in an institution (art. 2 §7): where they actually stay. */
  homeless?: { actualStay: string };
  /** An applicant for international protection (art. 2 §5): the mandatory registration place (code 207), its municipality. */
  internationalProtection?: { registrationPlace: string | null; loi?: string | null };
  /** §6.1 rent guarantee: the home the guarantee is for, and whether the person already lives there. */
  rentGuarantee?: {
    newHome: string;
    alreadyLivesThere: boolean;
    /** Leaving a Fedasil reception structure: the last day of the stay and whether the new home is identifiable. */
    leavingReception?: { lastDayOfStay: IsoDate; homeIdentifiable: boolean } | null;
  };
}

export type CompetenceRule =
  | 'international-protection' | 'loi-rent-guarantee' | 'leaving-reception-rent-guarantee' | 'institution' | 'student'
  | 'homeless' | 'rent-guarantee' | 'usual-residence' | 'register-presumption' | 'undetermined';

export interface CompetenceResult {
  /** The competent OCMW's NIS code; null: the facts do not say (a task for the social worker, never a guess). */
  competent: string | null;
  /** Is it this OCMW? null when undetermined. */
  thisOcmw: boolean | null;
  rule: CompetenceRule;
  /** Dutch: the rule's legal basis. */
  legalBasis: string;
  /** Dutch, one line a step: how the facts led to the answer (the first line the rule, the last the outcome). */
  steps: string[];
}

const BASIS = {
  general: 'art. 1, 1° Wet 2 april 1965',
  institution: 'art. 2 §1 Wet 2 april 1965',
  student: 'art. 2 §6 Wet 2 april 1965',
  homeless: 'art. 2 §7 Wet 2 april 1965',
  protection: 'art. 2 §5 Wet 2 april 1965',
  rentGuarantee: 'art. 1, 1° Wet 2 april 1965 (huurwaarborg: de gewoonlijke verblijfplaats op het moment van de aanvraag)',
} as const;

/**
 * The competent OCMW for `facts`, seen from `thisOcmw` (its NIS code). Precedence, most specific first: an applicant for
 * international protection (art. 2 §5; for a rent guarantee of a person assigned to an LOI: the LOI's OCMW), a stay in a
 * listed institution (art. 2 §1, with continuity along the chain), a student (art. 2 §6), a homeless person (art. 2
 * §7), a rent guarantee (§6.1), and the general rule of the usual residence (art. 1, 1°), the population register
 * only as a presumption when the inquiry found nothing else.
 */
export function determineCompetence(facts: CompetenceFacts, thisOcmw: string, nameOf: (nis: string) => string | undefined = () => undefined): CompetenceResult {
  const named = (nis: string) => nameOf(nis) ?? `het OCMW met NIS-code ${nis}`;
  const decide = (competent: string | null, rule: CompetenceRule, legalBasis: string, steps: string[]): CompetenceResult => ({
    competent, thisOcmw: competent === null ? null : competent === thisOcmw, rule, legalBasis,
    steps: [...steps, competent === null ? 'Niet te bepalen met deze gegevens: vul de feiten aan.' : competent === thisOcmw ? 'Dit OCMW is bevoegd.' : `Bevoegd is ${named(competent)}, niet dit OCMW.`],
  });

  const protection = facts.internationalProtection;
  if (protection) {
    if (facts.subject === 'rent-guarantee' && protection.loi) {
      return decide(protection.loi, 'loi-rent-guarantee', `${BASIS.protection}; huurwaarborg na een verblijf in een LOI`, [
        'Verzoeker om internationale bescherming toegewezen aan een lokaal opvanginitiatief: voor de huurwaarborg is het OCMW van het LOI bevoegd.',
      ]);
    }
    if (protection.registrationPlace) {
      return decide(protection.registrationPlace, 'international-protection', BASIS.protection, [
        'Verzoeker om internationale bescherming: het OCMW van de gemeente van de verplichte plaats van inschrijving (code 207) is bevoegd.',
      ]);
    }
  }

  const chain = facts.institutions ?? [];
  if (chain.length > 0) {
    // Continuity: from the first listed institution on, as long as each moved directly into the next listed one. A stay
    // in an institution that is not listed (PAAZ, begeleid zelfstandig wonen) breaks the chain: the general rule applies.
    const current = chain[chain.length - 1];
    if (!INSTITUTION_KINDS[current.kind].listed) {
      facts = { ...facts, institutions: [] };
      const general = determineCompetence(facts, thisOcmw, nameOf);
      return { ...general, steps: [`${INSTITUTION_KINDS[current.kind].label} is geen instelling van art. 2 §1: de algemene regel geldt.`, ...general.steps] };
    }
    let first = chain.length - 1;
    while (first > 0 && INSTITUTION_KINDS[chain[first - 1].kind].listed) first--;
    const admission = chain[first];
    const steps = [
      `Verblijf in een instelling van art. 2 §1 (${INSTITUTION_KINDS[current.kind].label}): bevoegd is het OCMW van de gemeente waar de persoon bij de opname ingeschreven was, voor het hele verblijf.`,
    ];
    if (first < chain.length - 1) {
      steps.push(`Rechtstreeks overgebracht van instelling naar instelling sinds de opname van ${admission.admittedOn} (${INSTITUTION_KINDS[admission.kind].label}): die eerste opname telt.`);
    }
    return decide(admission.registeredOnAdmission, 'institution', BASIS.institution, steps);
  }

  if (facts.student) {
    const first = facts.student.firstRequestDuringStudies;
    if (first) {
      return decide(first.registeredIn, 'student', BASIS.student, [
        `Student: het OCMW van de inschrijving als hoofdverblijfplaats bij de eerste aanvraag tijdens de ononderbroken studie (${first.date}) blijft bevoegd voor de hele studie.`,
      ]);
    }
    return decide(facts.student.registeredAtRequest, 'student', BASIS.student, [
      'Student: het OCMW van de gemeente waar hij of zij bij de aanvraag als hoofdverblijfplaats ingeschreven is, voor de hele ononderbroken studie.',
    ]);
  }

  if (facts.homeless) {
    return decide(facts.homeless.actualStay, 'homeless', BASIS.homeless, ['Dakloos en niet in een instelling: het OCMW van de gemeente waar de persoon feitelijk verblijft is bevoegd.']);
  }

  const guarantee = facts.subject === 'rent-guarantee' ? facts.rentGuarantee : undefined;
  if (guarantee) {
    const leaving = guarantee.leavingReception;
    if (leaving) {
      if (leaving.homeIdentifiable && facts.requestDate <= leaving.lastDayOfStay) {
        return decide(guarantee.newHome, 'leaving-reception-rent-guarantee', BASIS.rentGuarantee, [
          `Huurwaarborg bij het verlaten van een opvangstructuur van Fedasil, aangevraagd uiterlijk op de laatste dag van het verblijf (${leaving.lastDayOfStay}) voor een identificeerbare woning: het OCMW van de gemeente van de woning is bevoegd.`,
        ]);
      }
    } else if (guarantee.alreadyLivesThere) {
      return decide(guarantee.newHome, 'rent-guarantee', BASIS.rentGuarantee, ['Huurwaarborg: de persoon woont al in de nieuwe woning, dus is het OCMW van die gemeente bevoegd.']);
    } else if (facts.usualResidence) {
      return decide(facts.usualResidence, 'rent-guarantee', BASIS.rentGuarantee, ['Huurwaarborg aangevraagd vóór de verhuizing: het OCMW van de huidige gewoonlijke verblijfplaats is bevoegd.']);
    }
  }

  if (facts.usualResidence) {
    return decide(facts.usualResidence, 'usual-residence', BASIS.general, ['Algemene regel: het OCMW van de gemeente waar de persoon op de datum van de aanvraag gewoonlijk verblijft (een feitenkwestie) is bevoegd.']);
  }
  if (facts.registeredIn) {
    return decide(facts.registeredIn, 'register-presumption', BASIS.general, [
      'Algemene regel: de gewoonlijke verblijfplaats op de datum van de aanvraag.',
      'Het sociaal onderzoek vond geen andere verblijfplaats: de inschrijving in het bevolkingsregister geldt als vermoeden (weerlegbaar).',
    ]);
  }
  return decide(null, 'undetermined', BASIS.general, ['Algemene regel: de gewoonlijke verblijfplaats op de datum van de aanvraag, maar die is niet gekend.']);
}

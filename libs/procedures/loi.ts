/**
 * The LOI (lokaal opvanginitiatief, §4 of the domain reference): the OCMW houses an applicant for international
 * protection whom Fedasil assigned to one of its places (code 207), from the assignment to the departure. Not a
 * request: a dossier is opened by the Fedasil assignment (an external event, POST /intake/events), never by
 * POST /dossiers. Its workflow is workflows/loi/loi.workflow.ts (loiResidency): arrival and the Match-IT declarations
 * (LOI-3-ARRIVAL, LOI-3), the evaluations of the reception needs (LOI-1, LOI-2), the weekly leefgeld, the asylum
 * procedure as events, and the endings (recognition: LOI-5 and a linked leefloon dossier; final refusal: LOI-6;
 * departure). The places and the monthly claim to Fedasil (LOI-7, LOI-8) are the LOI places capability's. Pure data.
 */
import { choice, date, LOI_TASK_KINDS, object, requiredWhen, text } from '../tasks/task-kinds';
import type { SchemaError } from '../validation/schema';
import { LABOUR_COURT_APPEAL_HOW, periodInOrder, RATIFICATION } from './pipeline';
import type { ProcedureDefinition } from './types';

/**
 * The sanctions of art. 45 Opvangwet, mildest first. `temporary`: for a period (from … to); `leefgeld`: the weekly
 * leefgeld is withheld in it (a restriction: the decided percentage; an exclusion from the material aid: all of it);
 * `transfer`: Fedasil is asked for another place. [U] the exact list and maximum durations after the amendments of the
 * Opvangwet: check with the OCMW's lawyer (the codes are stable, the labels can change).
 */
export const LOI_SANCTIONS = [
  { code: 'warning', label: 'Formele waarschuwing, vermeld in het sociaal dossier', temporary: false },
  { code: 'activities-exclusion', label: 'Tijdelijke uitsluiting van recreatieve, sport- of culturele activiteiten', temporary: true },
  { code: 'paid-activities-exclusion', label: 'Tijdelijke uitsluiting van gemeenschapsdiensten en vergoede activiteiten', temporary: true },
  { code: 'leefgeld-restriction', label: 'Tijdelijke beperking of intrekking van het leefgeld', temporary: true, leefgeld: 'percent' },
  { code: 'community-work', label: 'Verplichting om gemeenschapsdienst te verrichten', temporary: false },
  { code: 'transfer', label: 'Overplaatsing naar een andere opvangstructuur', temporary: false, transfer: true },
  { code: 'material-aid-exclusion', label: 'Tijdelijke uitsluiting van het recht op materiële hulp', temporary: true, leefgeld: 'all' },
] as const satisfies readonly { code: string; label: string; temporary: boolean; leefgeld?: 'percent' | 'all'; transfer?: boolean }[];
export type LoiSanctionCode = (typeof LOI_SANCTIONS)[number]['code'];

/** The workflow of a place's closure (LOI-7, workflows/loi/place-closure.workflow.ts): one per place, no dossier. */
export const loiPlaceClosureWorkflowId = (placeId: string) => `loi-place-closure-${placeId}`;
/** The closure clock's subject on the dashboard (no names: the place's code). */
export const loiPlaceClosureSubject = (code: string) => `Opvangplaats ${code}`;

/** An order measure or a sanction as the workflow acts on it (from the event's data, checked by the API). */
export interface LoiMeasure {
  kind: 'order-measure' | 'sanction';
  sanction?: LoiSanctionCode;
  /** Dutch, as the letter and the timeline say it. */
  measure: string;
  facts: string;
  decidedOn: string;
  heardOn?: string;
  from?: string;
  to?: string;
  /** The part of the leefgeld withheld in the period (a restriction: as decided; an exclusion from the material aid: 100). */
  leefgeldPercent?: number;
  transfer: boolean;
}

export function loiMeasureOf(type: 'loi-order-measure' | 'loi-sanction', data: Record<string, unknown>): LoiMeasure {
  const period = typeof data.from === 'string' && typeof data.to === 'string' ? { from: data.from, to: data.to } : {};
  if (type === 'loi-order-measure') {
    return { kind: 'order-measure', measure: String(data.measure), facts: String(data.facts), decidedOn: String(data.decidedOn), ...period, transfer: false };
  }
  const s = LOI_SANCTIONS.find((x) => x.code === data.sanction);
  if (!s) throw new RangeError(`unknown LOI sanction ${String(data.sanction)}`);
  const leefgeld = 'leefgeld' in s ? s.leefgeld : undefined;
  const percent = leefgeld === 'all' ? 100 : leefgeld === 'percent' ? Number(data.leefgeldPercent) : undefined;
  return {
    kind: 'sanction', sanction: s.code, measure: s.label, facts: String(data.facts), decidedOn: String(data.decidedOn), heardOn: String(data.heardOn),
    ...(s.temporary ? period : {}), ...(percent !== undefined && s.temporary ? { leefgeldPercent: percent } : {}), transfer: 'transfer' in s && s.transfer === true,
  };
}

/** A period's end not before its start (an order measure, a temporary sanction). */
const periodErrors = periodInOrder('from', 'to', 'before-start');

export const LOI = {
  name: 'loi',
  title: 'Lokaal opvanginitiatief (LOI)',
  workflowType: 'loiResidency',
  workflowTypes: ['loiResidency'],
  referencePrefix: 'LOI',
  opensBy: 'event',
  // Every status workflows/loi/ and the shared runtime set (test/libs/procedures/registry.test.ts scans them).
  statuses: [
    // The status every dossier opens in (libs/db/open-dossier.ts), until the workflow has read the assignment.
    { code: 'REQUEST_REGISTERED', label: 'Toewijzing geregistreerd', order: 1 },
    { code: 'ASSIGNED', label: 'Toegewezen door Fedasil', order: 2 },
    { code: 'RESIDING', label: 'Verblijft in het LOI', order: 3 },
    { code: 'ON_AGENDA', label: 'Geagendeerd op het BCSD', order: 4 },
    { code: 'TRANSITION', label: 'Erkend: overgang naar zelfstandig wonen', order: 5 },
    { code: 'END_OF_AID', label: 'Definitief negatief: einde van de materiële hulp', order: 6 },
    { code: 'DEPARTED', label: 'Vertrokken uit het LOI', order: 7, final: true },
  ],
  taskKinds: LOI_TASK_KINDS,
  // Order measures and sanctions (art. 44–46 Opvangwet) are decisions the coordinator records (the events
  // loi-order-measure and loi-sanction below). The council step stays ready for an OCMW whose BCSD decides them
  // ([U] who decides them in an LOI: the coordinator, the BCSD or its chair) — no LOI workflow puts one on the agenda yet.
  council: {
    proposalSchema: object(['reference', 'proposal', 'motivation'], {
      reference: text('Dossiernummer', 40),
      proposal: choice('Voorstel', [['stop', 'Sanctie of ordemaatregel']]),
      motivation: text('Motivering', 8000),
    }),
    decisions: {
      decision: {
        schema: object(['result', 'decisionDate', 'motivation'], {
          result: choice('Beslissing', [['stopped', 'Opgelegd'], ['refused', 'Niet opgelegd'], ['postponed', 'Uitgesteld']]),
          decisionDate: date('Datum van de beslissing'),
          motivation: text('Motivering (juridische en feitelijke redenen)', 8000),
        }),
      },
      ratification: RATIFICATION,
    },
  },
  letters: {
    request: 'materiële hulp in een lokaal opvanginitiatief (Opvangwet)',
    right: 'materiële hulp',
    decidingBody: 'Bijzonder Comité voor de Sociale Dienst',
    article: 'de',
    categories: false,
    categoryOf: 'de materiële hulp',
    legalReasons: 'Wet van 12 januari 2007 betreffende de opvang van asielzoekers en van andere categorieën van vreemdelingen (Opvangwet), art. 14–30 en 44–47.',
    decisionTerm: 'niet van toepassing (toewijzing door Fedasil)',
    forwardingBasis: { ocmw: 'Opvangwet', applicant: 'Opvangwet' },
    // The council step's invitation to be heard (the runtime's); the letter of an order measure or a sanction. (The LOI-7
    // notice to Fedasil, loi-closure-notice, is the OCMW's own letter about a place, made by the API: no dossier's.)
    templates: ['hearing-invitation', 'loi-sanction'],
    appeal: {
      court: 'arbeidsrechtbank',
      ruleId: 'LOI-APPEAL',
      term: 'drie maanden [U]',
      legalBasis: 'art. 47 Opvangwet [U]',
      how: LABOUR_COURT_APPEAL_HOW,
    },
  },
  events: {
    // Fedasil Dispatching assigns the applicant (and the household) to a place of this LOI (§4.1 step 1): it opens the
    // dossier (POST /intake/events); the applicant often has no national number yet, only the Fedasil/OV number
    // (the person's identifier `fedasil-ov`). The household's other members are linked to the dossier as persons.
    'fedasil-assignment': {
      title: 'Toewijzing door Fedasil',
      opensDossier: true,
      schema: object(['fedasilReference', 'code207', 'asylumAppliedOn', 'householdSize'], {
        fedasilReference: text('Kenmerk van Fedasil', 80),
        code207: choice('Code 207 (verplichte plaats van inschrijving)', [[true, 'Ja'], [false, 'Nee']]),
        asylumAppliedOn: date('Datum van het verzoek om internationale bescherming'),
        householdSize: { type: 'integer', title: 'Aantal personen in het gezin', minimum: 1, maximum: 20 },
        languages: text('Talen', 200),
        vulnerabilities: text('Kwetsbaarheden en bijzondere noden', 4000),
      }),
    },
    // The asylum procedure (§4.1 steps 4–8), as the social worker records what the resident or the lawyer shows.
    'asylum-interview': {
      title: 'Persoonlijk onderhoud bij het CGVS',
      schema: object(['interviewOn'], { interviewOn: { type: 'string', format: 'date', title: 'Datum van het onderhoud' } }),
    },
    'cgvs-decision': {
      title: 'Beslissing van het CGVS',
      schema: object(['decision', 'notifiedOn'], {
        decision: choice('Beslissing', [['refugee', 'Vluchtelingenstatus'], ['subsidiary', 'Subsidiaire bescherming'], ['refused', 'Weigering'], ['inadmissible', 'Niet-ontvankelijk']]),
        notifiedOn: date('Datum van de kennisgeving'),
      }),
    },
    'rvv-appeal': {
      title: 'Beroep bij de Raad voor Vreemdelingenbetwistingen',
      schema: object(['lodgedOn'], { lodgedOn: date('Datum van het beroep') }),
    },
    // The final decision: a recognition (or a positive RvV judgment), or a final refusal after the appeal (or no appeal).
    'asylum-final-decision': {
      title: 'Definitieve beslissing in de asielprocedure',
      schema: object(['outcome', 'notifiedOn'], {
        outcome: choice('Uitkomst', [['recognised', 'Erkend (vluchtelingenstatus of subsidiaire bescherming)'], ['negative', 'Definitief negatief']]),
        notifiedOn: date('Datum van de kennisgeving'),
      }),
    },
    // Fedasil lifts the code 207 (a work contract of at least 6 months and a net wage above the leefloon, §4.1 step 5).
    'code-207-lifted': {
      title: 'Code 207 opgeheven door Fedasil',
      schema: object(['liftedOn'], { liftedOn: date('Opgeheven op') }),
    },
    // Medical, transport and school costs of a resident (domain §4.1 step 4: borne by the OCMW in an LOI), paid to the
    // supplier (a party linked to the dossier) through the payments capability, once per recorded invoice.
    'loi-cost': {
      title: 'Kosten van de opvang (medisch, vervoer, school)',
      schema: object(['kind', 'supplierPartyId', 'amountCents', 'invoiceReference', 'description'], {
        kind: choice('Soort kost', [['medical', 'Medische kosten'], ['transport', 'Vervoer'], ['school', 'School en opleiding']]),
        supplierPartyId: { type: 'string', format: 'uuid', title: 'Leverancier (partij van het dossier)', 'x-pick': 'dossier-party' },
        amountCents: { type: 'integer', title: 'Bedrag (cent)', minimum: 1, maximum: 10_000_000 },
        invoiceReference: text('Factuurnummer', 60),
        description: text('Omschrijving', 500),
      }),
    },
    // Order measures and sanctions (§4.1 step 6; art. 44–46 Opvangwet and the KB on order measures, sanctions and
    // complaints, in force 4 August 2014): decisions of the structure's responsible person — in an LOI the OCMW's
    // coordinator (permission loi:sanction) —, recorded here, each with a letter to the resident (template loi-sanction).
    // An order measure is an urgent measure to keep order and safety, taken at once; a sanction follows a serious breach
    // of the house rules and the resident must be heard first (art. 46). The complaint and appeal terms are [U]
    // (LOI-APPEAL in the catalogue, the letter's appeal).
    'loi-order-measure': {
      title: 'Ordemaatregel (art. 44 Opvangwet)',
      permission: 'loi:sanction',
      schema: object(['measure', 'facts', 'decidedOn'], {
        measure: text('Maatregel', 500),
        facts: text('Feiten en motivering', 8000),
        decidedOn: date('Beslist op'),
        from: { type: 'string', format: 'date', title: 'Van' },
        to: { type: 'string', format: 'date', title: 'Tot en met' },
      }),
      check: (d) => periodErrors(d),
    },
    'loi-sanction': {
      title: 'Sanctie (art. 45–46 Opvangwet)',
      permission: 'loi:sanction',
      schema: object(['sanction', 'facts', 'decidedOn', 'heardOn'], {
        sanction: choice('Sanctie', LOI_SANCTIONS.map((s) => [s.code, s.label])),
        facts: text('Feiten en motivering (ernstige tekortkoming aan het huishoudelijk reglement)', 8000),
        decidedOn: date('Beslist op'),
        heardOn: date('Bewoner vooraf gehoord op (art. 46 Opvangwet)'),
        from: { type: 'string', format: 'date', title: 'Van' },
        to: { type: 'string', format: 'date', title: 'Tot en met' },
        leefgeldPercent: { type: 'integer', title: 'Ingehouden deel van het leefgeld (%)', minimum: 1, maximum: 100 },
      },
      ...LOI_SANCTIONS.filter((s) => s.temporary).map((s) => requiredWhen('sanction', s.code, ['from', 'to'], 'a temporary sanction has its period')),
      requiredWhen('sanction', 'leefgeld-restriction', ['leefgeldPercent'], 'a restriction of the leefgeld says how much is withheld')),
      check: (d) => [
        ...periodErrors(d),
        ...(typeof d.heardOn === 'string' && typeof d.decidedOn === 'string' && d.heardOn > d.decidedOn
          ? [{ path: '/heardOn', code: 'after-decision', message: 'the resident is heard before the sanction is decided (art. 46 Opvangwet)' }]
          : []),
      ],
    },
    // The resident leaves (voluntarily, a transfer, after the end of the aid): the place is freed and Match-IT told (LOI-3).
    'loi-departure': {
      title: 'Vertrek uit het LOI',
      schema: object(['departedOn', 'reason'], {
        departedOn: date('Dag van vertrek'),
        reason: choice('Reden', [['transfer', 'Transfer naar een andere opvangplaats'], ['autonomy', 'Zelfstandig wonen (na erkenning)'], ['end-of-aid', 'Einde van de materiële hulp'], ['voluntary', 'Vrijwillig vertrek'], ['other', 'Andere reden']]),
      }),
    },
  },
  // The household: the applicant and the family members Fedasil assigned with them (POST /dossiers/:id/persons).
  household: true,
  settings: {
    leefgeldWeekday: { label: 'Weekdag van het leefgeld (1 = maandag … 7 = zondag)', env: 'OCMW_LEEFGELD_WEEKDAY', default: 1, unit: 'weekday' },
    loiTransitionMonths: { label: 'Maanden verblijf na de erkenning (overgangsperiode, LOI-5)', env: 'OCMW_LOI_TRANSITION_MONTHS', default: 2, unit: 'months' },
    partnerReminderDays: { label: 'Dagen tot de herinnering aan Fedasil', env: 'OCMW_PARTNER_REMINDER_DAYS', default: 30, unit: 'days' },
  },
} as const satisfies ProcedureDefinition<keyof typeof LOI_TASK_KINDS>;

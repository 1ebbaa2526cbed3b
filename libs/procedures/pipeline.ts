/**
 * What the procedures that run the shared request → decision pipeline (§0.1; workflows/shared/request-pipeline.ts)
 * define alike: the statuses its steps set, the ratification of the chair's urgent decision, the appeal at the labour
 * court as the letters explain it. Pure data.
 */
import { cents, choice, date, notBefore, object, requiredWhen, text } from '../tasks/task-kinds';
import type { SchemaError } from '../validation/schema';
import { isValidOgm } from '../payments/ogm';
import type { CouncilDecisionKind, ExternalEventKind, FieldComputation, ProcedureDefinition, ProcedureStatus, TaskForm } from './types';

/**
 * Another OCMW that found itself not competent forwards the request with its reasons within 5 days (CO-1: art. 58 §3
 * OCMW-wet; for the leefloon also art. 18 §4 RMI-wet): this OCMW registers it as a request of its own (POST
 * /intake/events). Its clocks run from the original request date or from the day it arrived here, as
 * OCMW_FORWARDED_REQUEST_CLOCKS says ([U], default the original date; domain issue 14); the timeline says which.
 */
/** A communication given must be a valid structured one (mod 97): a typo would book the money on no plan. */
const structuredCommunication = (d: Record<string, unknown>): SchemaError[] =>
  typeof d.communication === 'string' && !isValidOgm(d.communication)
    ? [{ path: '/communication', code: 'not-ogm', message: 'is not a valid structured communication (+++123/4567/89002+++, check digits mod 97)' }]
    : [];

/**
 * Money that came in on the OCMW's account with a plan's structured communication (libs/payments/ogm.ts planOgm): the
 * procedure's `planPayments.event`, recorded by hand or by the bank statement's import (POST /bank-statements; the
 * event's date: the day it was booked).
 */
export const planPaymentEvent = (title: string) => ({
  title,
  schema: object(['amountCents'], {
    amountCents: { ...cents('Ontvangen bedrag (cent)'), minimum: 1 },
    communication: { type: 'string', title: 'Gestructureerde mededeling', maxLength: 40 },
  }),
  check: structuredCommunication,
}) satisfies ExternalEventKind;

/** The event types the shared pipeline's workflow code names (the procedures list the kinds under these types). */
export const FORWARDED_REQUEST_EVENT_TYPE = 'request-forwarded-by-ocmw';
export const COMPETENCE_DESIGNATION_EVENT_TYPE = 'competence-designation';

export const FORWARDED_REQUEST_EVENT = {
  title: 'Aanvraag doorgestuurd door een ander OCMW',
  opensDossier: true,
  originalRequestDateField: 'originalRequestDate',
  schema: object(['forwardingOcmw', 'reasons'], {
    forwardingOcmw: text('Doorsturend OCMW', 200),
    reasons: text('Redenen van onbevoegdheid van het doorsturende OCMW', 4000),
    originalRequestDate: date('Datum van de aanvraag bij het doorsturende OCMW'),
  }),
} as const satisfies ExternalEventKind;

const nisCode = (title: string) => ({ type: 'string', title, pattern: '^\\d{5}$', 'x-pick': 'ocmw' }) as const;

/**
 * CO-3 (omzendbrief 8 april 2003): POD MI's provisional designation of the OCMW that handles a request in conflict,
 * within 5 working days of the submission ([U] whether Saturday counts: OCMW_CONFLICT_SATURDAY). It decides who handles
 * the request meanwhile: this OCMW (the request goes on here) or another (this OCMW sends it there with reasons).
 */
export const COMPETENCE_DESIGNATION_EVENT = {
  title: 'Voorlopige aanwijzing van het bevoegde OCMW door de POD MI',
  schema: object(['designated'], {
    designated: choice('Wie behandelt de aanvraag?', [['this-ocmw', 'Dit OCMW'], ['other-ocmw', 'Een ander OCMW']]),
    designatedOcmw: nisCode('Aangewezen OCMW'),
    podMiReference: text('Kenmerk van de POD MI', 100),
  }, requiredWhen('designated', 'other-ocmw', ['designatedOcmw'], 'when another OCMW is designated')),
} as const satisfies ExternalEventKind;

/**
 * The final answer of POD MI (the minister) on the conflict: which OCMW is competent. It closes the conflict; when it
 * names another OCMW than the provisional designation did, the social worker gets a task to act on it (a change of
 * competence, CO-4: never a stop by itself).
 */
export const COMPETENCE_CONFLICT_DECIDED_EVENT = {
  title: 'Eindbeslissing van de POD MI over het bevoegdheidsconflict',
  schema: object(['competentOcmw'], {
    competentOcmw: nisCode('Bevoegd OCMW'),
    podMiReference: text('Kenmerk van de POD MI', 100),
  }),
} as const satisfies ExternalEventKind;

/**
 * CO-4: competence changes in a running file (the client moved, §5.2): the OCMW informs the new OCMW and the client in
 * writing (the CO-1 steps may be used) and a social worker proposes a stop from the day competence ended — never a stop
 * by itself. [U] no strict term: none is set.
 */
export const COMPETENCE_CHANGED_EVENT = {
  title: 'Bevoegdheid gewijzigd in een lopend dossier (bv. verhuis)',
  schema: object(['since', 'newOcmw', 'reasons'], {
    since: date('Dit OCMW is niet meer bevoegd vanaf (bv. de verhuisdatum)'),
    newOcmw: nisCode('Nu bevoegd OCMW'),
    reasons: text('Waarom (de feiten en de regel van de Wet 1965)', 2000),
  }),
} as const satisfies ExternalEventKind;
export const COMPETENCE_CHANGED_EVENT_TYPE = 'competence-changed';
export const COMPETENCE_CONFLICT_DECIDED_EVENT_TYPE = 'competence-conflict-decided';

/** The statuses the shared pipeline sets, in its order; a procedure adds its own after them (order 14 on). */
export const PIPELINE_STATUSES = [
  { code: 'REQUEST_REGISTERED', label: 'Aanvraag geregistreerd', order: 1 },
  { code: 'COMPETENCE_CHECK', label: 'Bevoegdheid nagaan', order: 2 },
  { code: 'FORWARDING', label: 'Wordt doorgestuurd', order: 3 },
  { code: 'FORWARDED', label: 'Doorgestuurd naar het bevoegde OCMW', order: 4, final: true },
  // A request another OCMW forwarded, and this OCMW is not competent either (CO-2, CO-3).
  { code: 'COMPETENCE_CONFLICT', label: 'Bevoegdheidsconflict: voor te leggen aan de POD MI', order: 5 },
  { code: 'AWAITING_DESIGNATION', label: 'Wacht op de aanwijzing van het bevoegde OCMW door de POD MI', order: 6 },
  { code: 'INQUIRY', label: 'Sociaal onderzoek', order: 7 },
  { code: 'DOCUMENTS_REQUESTED', label: 'Ontbrekende stukken opgevraagd', order: 8 },
  { code: 'SOCIAL_REPORT', label: 'Sociaal verslag', order: 9 },
  { code: 'AWAITING_DECISION', label: 'Wacht op beslissing', order: 10 },
  { code: 'ON_AGENDA', label: 'Geagendeerd op het BCSD', order: 11 },
  { code: 'DECIDED', label: 'Beslist', order: 12 },
  { code: 'NOTIFIED', label: 'Beslissing ter kennis gebracht', order: 13 },
] as const satisfies readonly ProcedureStatus[];

/** The BCSD ratifies (or overrules) the chair's urgent decision (§8): it grants nothing and carries no amount. */
export const RATIFICATION = {
  schema: object(['result', 'decisionDate', 'motivation'], {
    result: choice('Bekrachtiging', [['ratified', 'Bekrachtigd'], ['overruled', 'Niet bekrachtigd'], ['postponed', 'Uitgesteld']]),
    decisionDate: date('Datum van de beslissing'),
    motivation: text('Motivering (juridische en feitelijke redenen)', 8000),
  }),
} satisfies CouncilDecisionKind;

/**
 * The council of a request whose grant is one amount (a heating allowance, an advance per month): the proposal to grant,
 * refuse or forward, with its amount; the decision granted (with its amount), refused or postponed, not before the
 * request; the ratification of the chair's urgent decision. `amountTitle` names the amount in Dutch.
 */
export const amountCouncil = (amountTitle: string) => ({
  proposalSchema: object(['reference', 'proposal', 'motivation'], {
    reference: text('Dossiernummer', 40),
    proposal: choice('Voorstel', [['grant', 'Toekennen'], ['refuse', 'Weigeren'], ['not-competent', 'Niet bevoegd: doorsturen naar het bevoegde OCMW']]),
    amountCents: cents(amountTitle),
    motivation: text('Motivering', 8000),
  }),
  decisions: {
    decision: {
      schema: object(['result', 'decisionDate', 'motivation'], {
        result: choice('Beslissing', [['granted', 'Toegekend'], ['refused', 'Geweigerd'], ['postponed', 'Uitgesteld']]),
        decisionDate: date('Datum van de beslissing'),
        amountCents: { ...cents(amountTitle), minimum: 1 },
        motivation: text('Motivering (juridische en feitelijke redenen)', 8000),
      }, requiredWhen('result', 'granted', ['amountCents'], 'for a grant')),
      check: (d, ctx) => notBefore(d, 'decisionDate', ctx.requestDate, 'the request date'),
    },
    ratification: RATIFICATION,
  },
}) satisfies ProcedureDefinition['council'];

/** How a client lodges an appeal at the labour court (the leefloon and social aid decision letters say it alike). */
export const LABOUR_COURT_APPEAL_HOW =
  'U stelt beroep in met een verzoekschrift dat u neerlegt op de griffie van de arbeidsrechtbank, of met een ' +
  '(aangetekende) brief aan die griffie. Vermeld uw naam, uw adres, de beslissing waartegen u opkomt en waarom u het ' +
  'er niet mee eens bent, en voeg een kopie van deze brief toe. Het beroep is kosteloos. U mag zich laten bijstaan of ' +
  'vertegenwoordigen door een advocaat, een afgevaardigde van een vakbond of een andere persoon die de wet toelaat.';

/** The forms of the shared pipeline's task kinds: what an earlier step or the person already says. */
export const PIPELINE_FORMS = {
  // The competence check named the competent OCMW and its reasons: the forwarding repeats them.
  'forward-request': { prefill: { forwardedTo: 'tasks.competence-check.competentOcmw', reasons: 'tasks.competence-check.reasons' } },
  // The conflict repeats why this OCMW found itself not competent.
  'submit-competence-conflict': { prefill: { reasons: 'tasks.competence-check.reasons' } },
  'collect-iban': { prefill: { iban: 'person.iban' } },
} as const satisfies Record<string, TaskForm>;

/**
 * The monthly amount of aid paid at the leefloon amounts, from the category chosen in the form, the resources the
 * inquiry took into account and the month of the start date (else of the request): what the workflow pays.
 */
export const monthlyAmountFrom = (inquiry: string): FieldComputation => ({
  rule: 'leefloon-monthly',
  inputs: { category: 'form.category', monthlyResourcesCents: `tasks.${inquiry}.monthlyResourcesCents`, date: ['form.startDate', 'dossier.requestDate'] },
});

/** The yearly review starts from the last review, else from the report and the inquiry of the request. */
export const runningAidForms = (inquiry: string, report: string, inquiryCategory?: string) => ({
  'yearly-review': {
    prefill: {
      category: ['tasks.yearly-review.category', `tasks.${report}.category`, ...(inquiryCategory ? [`tasks.${inquiry}.${inquiryCategory}`] : [])],
      monthlyResourcesCents: ['tasks.yearly-review.monthlyResourcesCents', `tasks.${inquiry}.monthlyResourcesCents`],
    },
  },
}) satisfies Record<string, TaskForm>;

/**
 * An event's period in order: its end (`to`) not before its start (`from`), as a check beside the schema (the API's
 * error shape). `code` is the error code the event kind has always answered with.
 */
export const periodInOrder = (from: string, to: string, code: string) => (d: Record<string, unknown>): SchemaError[] =>
  typeof d[from] === 'string' && typeof d[to] === 'string' && (d[to] as string) < (d[from] as string)
    ? [{ path: `/${to}`, code, message: 'the period ends on or after its first day' }]
    : [];

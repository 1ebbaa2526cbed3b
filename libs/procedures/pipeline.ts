/**
 * What the procedures that run the shared request → decision pipeline (§0.1; workflows/shared/request-pipeline.ts)
 * define alike: the statuses its steps set, the ratification of the chair's urgent decision, the appeal at the labour
 * court as the letters explain it. Pure data.
 */
import { choice, date, object, text } from '../tasks/task-kinds';
import type { CouncilDecisionKind, ExternalEventKind, FieldComputation, ProcedureStatus, TaskForm } from './types';

/**
 * Another OCMW that found itself not competent forwards the request with its reasons within 5 days (CO-1: art. 58 §3
 * OCMW-wet; for the leefloon also art. 18 §4 RMI-wet): this OCMW registers it as a request of its own (POST
 * /intake/events). Its clocks run from the original request date or from the day it arrived here, as
 * OCMW_FORWARDED_REQUEST_CLOCKS says ([U], default the original date; domain issue 14); the timeline says which.
 */
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

/** The statuses the shared pipeline sets, in its order; a procedure adds its own after them (order 12 on). */
export const PIPELINE_STATUSES = [
  { code: 'REQUEST_REGISTERED', label: 'Aanvraag geregistreerd', order: 1 },
  { code: 'COMPETENCE_CHECK', label: 'Bevoegdheid nagaan', order: 2 },
  { code: 'FORWARDING', label: 'Wordt doorgestuurd', order: 3 },
  { code: 'FORWARDED', label: 'Doorgestuurd naar het bevoegde OCMW', order: 4, final: true },
  { code: 'INQUIRY', label: 'Sociaal onderzoek', order: 5 },
  { code: 'DOCUMENTS_REQUESTED', label: 'Ontbrekende stukken opgevraagd', order: 6 },
  { code: 'SOCIAL_REPORT', label: 'Sociaal verslag', order: 7 },
  { code: 'AWAITING_DECISION', label: 'Wacht op beslissing', order: 8 },
  { code: 'ON_AGENDA', label: 'Geagendeerd op het BCSD', order: 9 },
  { code: 'DECIDED', label: 'Beslist', order: 10 },
  { code: 'NOTIFIED', label: 'Beslissing ter kennis gebracht', order: 11 },
] as const satisfies readonly ProcedureStatus[];

/** The BCSD ratifies (or overrules) the chair's urgent decision (§8): it grants nothing and carries no amount. */
export const RATIFICATION = {
  schema: object(['result', 'decisionDate', 'motivation'], {
    result: choice('Bekrachtiging', [['ratified', 'Bekrachtigd'], ['overruled', 'Niet bekrachtigd'], ['postponed', 'Uitgesteld']]),
    decisionDate: date('Datum van de beslissing'),
    motivation: text('Motivering (juridische en feitelijke redenen)', 8000),
  }),
} satisfies CouncilDecisionKind;

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

/**
 * The heating allowance of the Sociaal Verwarmingsfonds (verwarmingstoelage, §7 of the domain reference; programme act
 * of 27 December 2004, art. 203 ff.; KB 9 January 2005): a request under the §0.1 pipeline of the OCMW-wet
 * (workflows/shared/request-pipeline.ts) with its own inquiry (the invoice and the category), its own terms (HF-1 the
 * request within 60 days of the delivery, HF-2 the decision within the month, HF-3 the payment within 15 days) and its
 * amount from the dated scale (libs/domain/heating-allowance.ts). Its workflow is workflows/heating-allowance/. Pure data.
 */
import { choice, date, HEATING_ALLOWANCE_TASK_KINDS, object, text } from '../tasks/task-kinds';
import { amountCouncil, COMPETENCE_CONFLICT_DECIDED_EVENT, COMPETENCE_DESIGNATION_EVENT, FORWARDED_REQUEST_EVENT, PIPELINE_FORMS, PIPELINE_STATUSES } from './pipeline';
import { OCMW_WET_PIPELINE_LETTERS } from './social-aid';
import type { ProcedureDefinition } from './types';

export const HEATING_ALLOWANCE = {
  name: 'heating-allowance',
  title: 'Verwarmingstoelage (Sociaal Verwarmingsfonds)',
  workflowType: 'heatingAllowanceApplication',
  workflowTypes: ['heatingAllowanceApplication'],
  referencePrefix: 'VT',
  statuses: [
    ...PIPELINE_STATUSES,
    // HF-3: the allowance ordered for payment (to the client, or to the supplier in category 3).
    { code: 'ALLOWANCE_PAID', label: 'Toelage ter betaling gegeven', order: 14 },
  ],
  taskKinds: HEATING_ALLOWANCE_TASK_KINDS,
  forms: {
    ...PIPELINE_FORMS,
    // A request opened by a debt mediation's attestation (or with one received from outside) starts in category 3.
    'heating-inquiry': {
      prefill: {
        category: 'events.debt-mediation-attestation.category',
        inDebtMediation: 'events.debt-mediation-attestation.inDebtMediation',
        invoiceUnpaid: 'events.debt-mediation-attestation.invoiceUnpaid',
      },
    },
  },
  // HF-2: "binnen de maand" (one calendar month); the absence of a decision, the forwarding and the notification as in
  // every request under the OCMW-wet (SA-5-NO-DECISION art. 71 al. 2, SA-2 art. 58 §3, SA-4 art. 62bis).
  deadlines: { decision: 'HF-2', noDecisionAppeal: 'SA-5-NO-DECISION', forwarding: 'SA-2', notification: 'SA-4' },
  // The proposal is computed from the inquiry's facts (the scale, the year's earlier deliveries, HF-1).
  council: amountCouncil('Bedrag van de toelage (cent)'),
  letters: {
    request: 'een verwarmingstoelage (Sociaal Verwarmingsfonds)',
    right: 'verwarmingstoelage',
    decidingBody: 'Bijzonder Comité voor de Sociale Dienst',
    article: 'een',
    categories: false,
    categoryOf: 'de verwarmingstoelage',
    legalReasons:
      'Programmawet van 27 december 2004, art. 203 e.v. (Sociaal Verwarmingsfonds), gewijzigd bij de programmawet van ' +
      '22 december 2008, art. 249–264; koninklijk besluit van 9 januari 2005.',
    ...OCMW_WET_PIPELINE_LETTERS,
    // HF-2: the decision within the month.
    decisionTerm: 'binnen de maand na de ontvangst ervan',
    templates: ['receipt', 'hearing-invitation', 'documents-request', 'documents-reminder', 'decision-grant', 'decision-refusal', 'forwarding-ocmw', 'forwarding-applicant'],
  },
  events: {
    'request-forwarded-by-ocmw': FORWARDED_REQUEST_EVENT,
    'competence-designation': COMPETENCE_DESIGNATION_EVENT,
    'competence-conflict-decided': COMPETENCE_CONFLICT_DECIDED_EVENT,
    // Category 3 (§7.1): the attestation that the applicant is in debt mediation or a collective debt settlement — made
    // by this OCMW's debt mediation (POST /dossiers/:id/heating-allowance-attestation records it here, in the heating
    // allowance dossier it opens) or received from another mediator. It fills the inquiry; the dossier does not wait on it.
    'debt-mediation-attestation': {
      title: 'Attest schuldbemiddeling of collectieve schuldenregeling (categorie 3)',
      schema: object(['since', 'category', 'inDebtMediation', 'invoiceUnpaid'], {
        since: date('In schuldbemiddeling of collectieve schuldenregeling sinds'),
        category: choice('Categorie', [[3, 'Categorie 3: schuldbemiddeling of collectieve schuldenregeling']]),
        inDebtMediation: choice('In schuldbemiddeling of collectieve schuldenregeling?', [[true, 'Ja']]),
        invoiceUnpaid: choice('Is de verwarmingsfactuur nog onbetaald?', [[true, 'Ja'], [false, 'Nee, betaald']]),
        mediator: text('Schuldbemiddelaar (dienst of persoon)', 200),
        debtDossierReference: text('Dossiernummer van de schuldbemiddeling', 40),
      }),
    },
  },
  settings: {
    documentReminderDays: { label: 'Dagen tot de herinnering voor ontbrekende stukken', env: 'OCMW_DOCUMENT_REMINDER_DAYS', default: 14, unit: 'days' },
  },
} as const satisfies ProcedureDefinition<keyof typeof HEATING_ALLOWANCE_TASK_KINDS>;

/**
 * The contribution to placement costs (tussenkomst in de verblijfskosten, §11 of the domain reference): a resident of
 * a residential care centre without enough means. A request under the §0.1 pipeline of the OCMW-wet
 * (workflows/shared/request-pipeline.ts) with its own inquiry (the care home, the income, the savings, property, the
 * maintenance debtors), the proposal computed from it (libs/domain/placement-costs.ts), then the monthly settlement of
 * each care home invoice — the income less the pocket money goes to it, the OCMW pays the rest to the care home —, the
 * yearly review of the income, and the closure on death or a move with what is recovered. Competence: the OCMW of the
 * registration on admission (art. 2 §1 Wet 1965, the continuity rule), through the shared competence check. Its
 * workflow is workflows/placement-costs/. Pure data.
 *
 * The maintenance debtors (art. 98 §2 OCMW-wet; libs/domain/maintenance-contribution.ts): parties of the dossier in
 * the role `maintenance-debtor`, each asked for a tax assessment, their contribution by the OCMW's uniform scale put to
 * the BCSD (an item of its own per debtor), notified with a structured communication per debtor (planOgm: plan n is
 * the n-th debtor) that the bank statement's import books, reminded when behind.
 */
import { choice, date, object, PLACEMENT_COSTS_TASK_KINDS, text } from '../tasks/task-kinds';
import { amountCouncil, COMPETENCE_CONFLICT_DECIDED_EVENT, COMPETENCE_DESIGNATION_EVENT, FORWARDED_REQUEST_EVENT, PIPELINE_FORMS, PIPELINE_STATUSES, planPaymentEvent } from './pipeline';
import { OCMW_WET_PIPELINE_LETTERS } from './social-aid';
import type { ProcedureDefinition } from './types';

/** The council of the request, and of each maintenance debtor's contribution (proposal `recover`, art. 98 §2). */
const COUNCIL = amountCouncil('Bedrag per maand (cent): de tussenkomst, of de bijdrage van een onderhoudsplichtige');
const PLACEMENT_COUNCIL = {
  ...COUNCIL,
  proposalSchema: object(['reference', 'proposal', 'motivation'], {
    ...(COUNCIL.proposalSchema.properties as Record<string, never>),
    proposal: choice('Voorstel', [
      ['grant', 'Toekennen'], ['refuse', 'Weigeren (bij een onderhoudsplichtige: geen bijdrage vragen)'], ['not-competent', 'Niet bevoegd: doorsturen naar het bevoegde OCMW'],
      ['recover', 'Bijdrage vragen aan een onderhoudsplichtige (art. 98 §2 OCMW-wet)'],
    ]),
    aidDescription: text('Waarover', 300),
  }),
};

export const PLACEMENT_COSTS = {
  name: 'placement-costs',
  title: 'Tussenkomst in de verblijfskosten (woonzorgcentrum)',
  workflowType: 'placementCostsApplication',
  workflowTypes: ['placementCostsApplication', 'placementCostsRunning'],
  // PK: the reference prefix (and digit 7 of OGM_PROCEDURE_DIGITS, for a recovery plan to come).
  referencePrefix: 'PK',
  statuses: [
    ...PIPELINE_STATUSES,
    { code: 'PLACEMENT_RUNNING', label: 'Tussenkomst loopt (maandelijkse afrekening)', order: 14 },
    { code: 'PLACEMENT_ENDED', label: 'Verblijf beëindigd: laatste facturen en afsluiting', order: 15 },
    { code: 'PLACEMENT_CLOSED', label: 'Tussenkomst afgesloten', order: 16, final: true },
  ],
  taskKinds: PLACEMENT_COSTS_TASK_KINDS,
  forms: {
    ...PIPELINE_FORMS,
    // The yearly review starts from the last review, else from the inquiry.
    'placement-review': {
      prefill: {
        monthlyIncomeCents: ['tasks.placement-review.monthlyIncomeCents', 'tasks.placement-inquiry.monthlyIncomeCents'],
        savingsCents: ['tasks.placement-review.savingsCents', 'tasks.placement-inquiry.savingsCents'],
      },
    },
  },
  // SA-3 art. 58 §2 (the domain's "30 d"), SA-5-NO-DECISION art. 71 al. 2, SA-2 art. 58 §3, SA-4 art. 62bis OCMW-wet.
  deadlines: { decision: 'SA-3', noDecisionAppeal: 'SA-5-NO-DECISION', forwarding: 'SA-2', notification: 'SA-4' },
  council: PLACEMENT_COUNCIL,
  letters: {
    request: 'een tussenkomst in de verblijfskosten van een woonzorgcentrum',
    right: 'tussenkomst in de verblijfskosten',
    decidingBody: 'Bijzonder Comité voor de Sociale Dienst',
    article: 'een',
    categories: false,
    categoryOf: 'de tussenkomst',
    // Art. 1 and 57 §1 (social aid); art. 98 §2 the maintenance debtors' contribution by the uniform scale (the OCMW may waive).
    legalReasons:
      'Organieke wet van 8 juli 1976 betreffende de openbare centra voor maatschappelijk welzijn (OCMW-wet), art. 1 en ' +
      'art. 57 §1; uw inkomen gaat naar de factuur van het woonzorgcentrum, min het zakgeld dat u behoudt; het OCMW ' +
      'betaalt het verschil. Art. 98 §2: het OCMW kan een bijdrage vragen aan de onderhoudsplichtigen.',
    ...OCMW_WET_PIPELINE_LETTERS,
    templates: ['receipt', 'hearing-invitation', 'documents-request', 'documents-reminder', 'decision-grant', 'decision-refusal', 'forwarding-ocmw', 'forwarding-applicant', 'placement-commitment',
      'maintenance-debtor-request', 'maintenance-debtor-reminder', 'maintenance-debtor-decision', 'maintenance-contribution-reminder'],
  },
  events: {
    'request-forwarded-by-ocmw': FORWARDED_REQUEST_EVENT,
    'competence-designation': COMPETENCE_DESIGNATION_EVENT,
    'competence-conflict-decided': COMPETENCE_CONFLICT_DECIDED_EVENT,
    // The care home's invoice of a month (its own reference): settled once per month.
    'care-home-invoice': {
      title: 'Factuur van het woonzorgcentrum',
      schema: object(['month', 'amountCents', 'invoiceReference'], {
        month: { type: 'string', title: 'Maand van de factuur', format: 'month' },
        amountCents: { type: 'integer', title: 'Bedrag van de factuur (cent)', minimum: 1, maximum: 100_000_000 },
        invoiceReference: { type: 'string', title: 'Factuurnummer', pattern: '^[A-Za-z0-9][A-Za-z0-9./-]{0,34}$' },
      }),
    },
    // The stay ends: the resident died, moved, or pays from own means again.
    'placement-ended': {
      title: 'Einde van het verblijf of van de tussenkomst',
      schema: object(['reason', 'lastDay'], {
        reason: choice('Reden', [['deceased', 'Overlijden'], ['moved', 'Verhuis naar elders'], ['own-means', 'Betaalt weer zelf']]),
        lastDay: date('Laatste dag'),
        notes: text('Toelichting', 2000),
      }),
    },
    // A maintenance debtor's contribution came in with the communication of the decision's letter.
    'maintenance-contribution-paid': planPaymentEvent('Bijdrage van een onderhoudsplichtige ontvangen'),
  },
  // The OCMW's bank statement books a contribution paid with a debtor's communication as this event (POST /bank-statements).
  planPayments: { event: 'maintenance-contribution-paid' },
  settings: {
    documentReminderDays: { label: 'Dagen tot de herinnering voor ontbrekende stukken', env: 'OCMW_DOCUMENT_REMINDER_DAYS', default: 14, unit: 'days' },
    // [U] local practice, like the rent guarantee's instalments: the same setting.
    instalmentGraceDays: { label: 'Dagen na de maand tot de herinnering voor een bijdrage van een onderhoudsplichtige', env: 'OCMW_INSTALMENT_GRACE_DAYS', default: 10, unit: 'days' },
    maintenanceDebtorReplyDays: { label: 'Dagen voor een onderhoudsplichtige om het aanslagbiljet te bezorgen (voor de herinnering)', env: 'OCMW_MAINTENANCE_DEBTOR_REPLY_DAYS', default: 30, unit: 'days' },
  },
} as const satisfies ProcedureDefinition<keyof typeof PLACEMENT_COSTS_TASK_KINDS>;

/**
 * The leefloon (RMI-wet of 26 May 2002): its workflows are workflows/leefloon/ (the application, then the running
 * benefit continued as new each year). Pure data: workflows import it.
 */
import { category, cents, choice, date, LEEFLOON_TASK_KINDS, notBefore, object, requiredFields, text } from '../tasks/task-kinds';
import type { ProcedureDefinition } from './types';
import { COMPETENCE_CHANGED_EVENT, COMPETENCE_CONFLICT_DECIDED_EVENT, COMPETENCE_DESIGNATION_EVENT, FORWARDED_REQUEST_EVENT, LABOUR_COURT_APPEAL_HOW, monthlyAmountFrom, PIPELINE_FORMS, PIPELINE_STATUSES, RATIFICATION, runningAidForms } from './pipeline';

const startDate = { type: 'string', format: 'date', title: 'Ingangsdatum' } as const;
const motivation = text('Motivering (juridische en feitelijke redenen)', 8000);

export const LEEFLOON = {
  name: 'leefloon',
  title: 'Leefloon (RMI-wet)',
  workflowType: 'leefloonApplication',
  workflowTypes: ['leefloonApplication', 'leefloonBenefit'],
  referencePrefix: 'LL',
  // Every status workflows/leefloon/ and the shared runtime set (test/libs/procedures/registry.test.ts scans them).
  statuses: [
    ...PIPELINE_STATUSES,
    { code: 'ACTIVE', label: 'Leefloon loopt', order: 14 },
    { code: 'STOPPED', label: 'Leefloon stopgezet', order: 15, final: true },
  ],
  taskKinds: LEEFLOON_TASK_KINDS,
  forms: {
    ...PIPELINE_FORMS,
    ...runningAidForms('social-inquiry', 'social-report', 'proposedCategory'),
    'social-inquiry': { prefill: { householdSize: 'household.size' } },
    // The report proposes what the inquiry found; the amount is the one the workflow will pay.
    'social-report': {
      prefill: { category: 'tasks.social-inquiry.proposedCategory', startDate: 'dossier.requestDate' },
      computed: { monthlyAmountCents: monthlyAmountFrom('social-inquiry') },
    },
    decision: {
      prefill: { category: 'tasks.social-report.category', startDate: 'tasks.social-report.startDate', monthlyAmountCents: 'tasks.social-report.monthlyAmountCents' },
      computed: { monthlyAmountCents: monthlyAmountFrom('social-inquiry') },
    },
  },
  // LL-3 art. 21 §1, LL-10-NO-DECISION art. 47, LL-2 art. 18 §4, LL-4 art. 21 §3 RMI-wet.
  deadlines: { decision: 'LL-3', noDecisionAppeal: 'LL-10-NO-DECISION', forwarding: 'LL-2', notification: 'LL-4' },
  council: {
    // A request (grant/refuse, from the social report) or a running leefloon after a review (revise/stop).
    proposalSchema: object(['reference', 'proposal', 'motivation'], {
      reference: text('Dossiernummer', 40),
      proposal: choice('Voorstel', [['grant', 'Toekennen'], ['refuse', 'Weigeren'], ['revise', 'Herzien'], ['stop', 'Stopzetten'], ['not-competent', 'Niet bevoegd: doorsturen naar het bevoegde OCMW']]),
      category,
      monthlyAmountCents: cents('Maandbedrag (cent)'),
      startDate,
      motivation: text('Motivering', 8000),
    }),
    decisions: {
      decision: {
        schema: object(['result', 'decisionDate', 'motivation'], {
          result: choice('Beslissing', [
            ['granted', 'Toegekend'], ['refused', 'Geweigerd'], ['revised', 'Herzien'], ['stopped', 'Stopgezet'], ['postponed', 'Uitgesteld'],
          ]),
          decisionDate: date('Datum van de beslissing'),
          category,
          monthlyAmountCents: cents('Maandbedrag (cent)'),
          startDate,
          motivation,
        }),
        check: (d, ctx) => [
          // A grant states what is granted: the letter and the payments need it (art. 21 RMI-wet, §0.2).
          ...(d.result === 'granted' ? requiredFields(d, ['category', 'monthlyAmountCents', 'startDate'], 'for a grant') : []),
          ...notBefore(d, 'decisionDate', ctx.requestDate, 'the request date'),
        ],
      },
      ratification: RATIFICATION,
    },
  },
  letters: {
    request: 'een leefloon (recht op maatschappelijke integratie)',
    right: 'leefloon',
    decidingBody: 'Bijzonder Comité voor de Sociale Dienst',
    article: 'een',
    categories: true,
    categoryOf: 'het leefloon',
    legalReasons: 'Wet van 26 mei 2002 betreffende het recht op maatschappelijke integratie (RMI-wet), art. 3 en 14.',
    // LL-3: art. 21 §1 RMI-wet.
    decisionTerm: 'binnen 30 dagen na de ontvangst ervan',
    hearingBasis: 'art. 20 RMI-wet',
    forwardingBasis: { ocmw: 'art. 18 §4 RMI-wet; art. 58 §3 OCMW-wet', applicant: 'art. 18 §4 RMI-wet' },
    templates: [
      'receipt', 'hearing-right', 'hearing-invitation', 'documents-request', 'documents-reminder', 'decision-grant',
      'decision-refusal', 'decision-revision', 'decision-stop', 'forwarding-ocmw', 'forwarding-applicant',
    ],
    appeal: {
      court: 'arbeidsrechtbank',
      ruleId: 'LL-10',
      term: 'drie maanden',
      legalBasis: 'art. 47 van de wet van 26 mei 2002 betreffende het recht op maatschappelijke integratie',
      how: LABOUR_COURT_APPEAL_HOW,
    },
  },
  // What reaches a leefloon dossier from outside, recorded by a social worker (POST /dossiers/:id/events, an import
  // file) or opening one (POST /intake/events). The workflow writes each to the timeline when it receives it.
  events: {
    // A request another OCMW forwarded (CO-1, LL-2): it opens a dossier here; its clocks run from the original request
    // date unless OCMW_FORWARDED_REQUEST_CLOCKS=receipt ([U]).
    'request-forwarded-by-ocmw': FORWARDED_REQUEST_EVENT,
    'competence-designation': COMPETENCE_DESIGNATION_EVENT,
    'competence-conflict-decided': COMPETENCE_CONFLICT_DECIDED_EVENT,
    'competence-changed': COMPETENCE_CHANGED_EVENT,
    // The client reports a new fact (income, household, address, a stay abroad): the receipt tells them of this duty
    // (art. 18 RMI-wet, LL-1) and a stay abroad of a week or more is reported before leaving (art. 23 §5 RMI-wet).
    'new-fact-reported': {
      title: 'Nieuw feit gemeld',
      schema: object(['fact', 'description'], {
        fact: choice('Soort feit', [
          ['income', 'Inkomsten'], ['household', 'Gezinssamenstelling'], ['address', 'Adres'], ['stay-abroad', 'Verblijf in het buitenland'], ['other', 'Ander feit'],
        ]),
        description: text('Omschrijving', 4000),
      }),
    },
  },
  // Category 3 is the applicant living with a family dependent on them (art. 14 §1 3° RMI-wet): the household's persons.
  household: true,
  settings: {
    payday: { label: 'Betaaldag van de maand', env: 'OCMW_PAYDAY', default: 1, unit: 'day-of-month' },
    documentReminderDays: { label: 'Dagen tot de herinnering voor ontbrekende stukken', env: 'OCMW_DOCUMENT_REMINDER_DAYS', default: 14, unit: 'days' },
    partnerReminderDays: { label: 'Dagen tot de herinnering aan POD MI', env: 'OCMW_PARTNER_REMINDER_DAYS', default: 30, unit: 'days' },
  },
} as const satisfies ProcedureDefinition<keyof typeof LEEFLOON_TASK_KINDS>;

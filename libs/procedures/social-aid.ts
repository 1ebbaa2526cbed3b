/**
 * Social aid (maatschappelijke dienstverlening, OCMW-wet of 8 July 1976, §2 of the domain reference): the equivalent
 * leefloon and financial social aid for those without a right to the leefloon. The same §0.1 pipeline as the leefloon
 * (workflows/shared/request-pipeline.ts) with its own inquiry (residence status, Rijksregister code 206/207, state
 * reimbursement under Wet 1965), its own report (the form of aid, art. 57 §1: free) and its own deadlines (SA-1 … SA-8).
 * Its workflows are workflows/social-aid/. Pure data: workflows import it.
 */
import { AID_FIELDS, AID_FORM_REQUIREMENTS, cents, choice, date, noGrantWithCode207, notBefore, object, requiredFields, requiredWhen, SOCIAL_AID_TASK_KINDS, text } from '../tasks/task-kinds';
import { COMPETENCE_CHANGED_EVENT, COMPETENCE_CONFLICT_DECIDED_EVENT, COMPETENCE_DESIGNATION_EVENT, FORWARDED_REQUEST_EVENT, LABOUR_COURT_APPEAL_HOW, monthlyAmountFrom, periodInOrder, PIPELINE_FORMS, PIPELINE_STATUSES, RATIFICATION, runningAidForms } from './pipeline';
import type { ProcedureDefinition } from './types';

const motivation = text('Motivering (juridische en feitelijke redenen)', 8000);

/**
 * Art. 57ter OCMW-wet: the legal reason of a refusal for an applicant with a code 207 — the OCMW owes no social aid,
 * the reception structure designated as the mandatory place of registration gives the material aid ([V] VVSG,
 * vreemdelingenrecht.be, §2.1).
 */
export const ART_57TER_REASONS =
  'Art. 57ter OCMW-wet: een verzoeker om internationale bescherming aan wie een opvangstructuur als verplichte plaats ' +
  'van inschrijving werd toegewezen (code 207), heeft geen recht op maatschappelijke dienstverlening van het OCMW; ' +
  'de materiële hulp wordt verstrekt door die opvangstructuur.';

/**
 * What the letters of a request under the OCMW-wet pipeline (social aid, debt mediation) say alike: the decision term
 * (SA-3), the forwarding (SA-2) and notification (SA-4) bases and the appeal at the labour court (SA-5, art. 71).
 */
export const OCMW_WET_PIPELINE_LETTERS = {
  // SA-3: "binnen de maand" (art. 58 §2 OCMW-wet; §0.3: one calendar month).
  decisionTerm: 'binnen de maand na de ontvangst ervan',
  // No article for the right to be heard in social aid is given by the domain reference: not cited ([U]).
  forwardingBasis: { ocmw: 'art. 58 §3 OCMW-wet', applicant: 'art. 58 §3 OCMW-wet' },
  // SA-4: art. 62bis OCMW-wet.
  notificationBasis: 'deze beslissing wordt u bij aangetekende brief of tegen ontvangstbewijs ter kennis gebracht (art. 62bis OCMW-wet).',
  appeal: {
    court: 'arbeidsrechtbank',
    ruleId: 'SA-5',
    term: 'drie maanden',
    legalBasis: 'art. 71 van de organieke wet van 8 juli 1976 betreffende de openbare centra voor maatschappelijk welzijn',
    how: LABOUR_COURT_APPEAL_HOW,
  },
} as const;

export const SOCIAL_AID = {
  name: 'social-aid',
  title: 'Maatschappelijke dienstverlening (OCMW-wet)',
  workflowType: 'socialAidApplication',
  workflowTypes: ['socialAidApplication', 'socialAidBenefit'],
  referencePrefix: 'MD',
  // Every status workflows/social-aid/ and the shared runtime set (test/libs/procedures/registry.test.ts scans them).
  statuses: [
    ...PIPELINE_STATUSES,
    { code: 'AID_GRANTED', label: 'Hulp toegekend', order: 14 },
    { code: 'ACTIVE', label: 'Equivalent leefloon loopt', order: 15 },
    // State-reimbursed aid that ended: the last claims to the state (Wet 1965) may still come (SA-10 [U]).
    { code: 'REIMBURSEMENT_CLAIMS', label: 'Steun beëindigd; terugbetaling door de Staat loopt nog', order: 16, takesOnly: ['wet1965-claim', 'wet1965-medical-aid'] },
    { code: 'STOPPED', label: 'Steun stopgezet', order: 17, final: true },
  ],
  taskKinds: SOCIAL_AID_TASK_KINDS,
  forms: {
    ...PIPELINE_FORMS,
    ...runningAidForms('aid-inquiry', 'aid-report'),
    'aid-report': { prefill: { startDate: 'dossier.requestDate' }, computed: { monthlyAmountCents: monthlyAmountFrom('aid-inquiry') } },
    // The benefits paid back for the period are the most the OCMW may recover (art. 99 §1 OCMW-wet).
    'recovery-proposal': { prefill: { recoverCents: 'events.benefits-back-paid.amountCents' } },
  },
  // SA-3 art. 58 §2 (one calendar month), SA-5-NO-DECISION art. 71 al. 2, SA-2 art. 58 §3, SA-4 art. 62bis OCMW-wet.
  deadlines: { decision: 'SA-3', noDecisionAppeal: 'SA-5-NO-DECISION', forwarding: 'SA-2', notification: 'SA-4' },
  council: {
    // A request (grant/refuse, from the social report, with its form of aid) or running aid after a review.
    proposalSchema: object(['reference', 'proposal', 'motivation'], {
      reference: text('Dossiernummer', 40),
      proposal: choice('Voorstel', [['grant', 'Toekennen'], ['refuse', 'Weigeren'], ['revise', 'Herzien'], ['stop', 'Stopzetten'], ['recover', 'Terugvorderen'], ['not-competent', 'Niet bevoegd: doorsturen naar het bevoegde OCMW']]),
      ...AID_FIELDS,
      motivation: text('Motivering', 8000),
    }),
    decisions: {
      decision: {
        schema: object(['result', 'decisionDate', 'motivation'], {
          result: choice('Beslissing', [
            ['granted', 'Toegekend'], ['refused', 'Geweigerd'], ['revised', 'Herzien'], ['stopped', 'Stopgezet'], ['recovered', 'Teruggevorderd'],
            ['postponed', 'Uitgesteld'],
          ]),
          decisionDate: date('Datum van de beslissing'),
          ...AID_FIELDS,
          motivation,
        }, ...AID_FORM_REQUIREMENTS('aidForm')),
        check: (d, ctx) => [
          // A grant states its form of aid (art. 57 §1 OCMW-wet), and that form what it must (§0.2); never with code 207.
          ...(d.result === 'granted' ? requiredFields(d, ['aidForm'], 'for a grant') : []),
          // A recovery states its amount (art. 99 §1 OCMW-wet: up to the benefits paid back for the period).
          ...(d.result === 'recovered' ? requiredFields(d, ['amountCents'], 'for a recovery') : []),
          ...noGrantWithCode207(d.result === 'granted', ctx, '/result'),
          ...notBefore(d, 'decisionDate', ctx.requestDate, 'the request date'),
        ],
      },
      ratification: RATIFICATION,
    },
  },
  letters: {
    request: 'maatschappelijke dienstverlening (OCMW-wet)',
    right: 'maatschappelijke dienstverlening',
    decidingBody: 'Bijzonder Comité voor de Sociale Dienst',
    article: '',
    categories: true,
    categoryOf: 'het equivalent leefloon',
    // Art. 1 (a life in human dignity) and art. 57 §1 (the OCMW's task, the form of aid free) OCMW-wet ([V-sec] §2.1).
    legalReasons:
      'Organieke wet van 8 juli 1976 betreffende de openbare centra voor maatschappelijk welzijn (OCMW-wet), art. 1 ' +
      '(ieder persoon heeft recht op maatschappelijke dienstverlening om een leven te leiden dat beantwoordt aan de ' +
      'menselijke waardigheid) en art. 57 §1.',
    ...OCMW_WET_PIPELINE_LETTERS,
    templates: [
      'receipt', 'hearing-right', 'hearing-invitation', 'documents-request', 'documents-reminder', 'decision-grant',
      'decision-refusal', 'decision-revision', 'decision-stop', 'decision-recovery', 'forwarding-ocmw', 'forwarding-applicant',
    ],
  },
  events: {
    // A request another OCMW forwarded (CO-1, SA-2: art. 58 §3 OCMW-wet): it opens a dossier here.
    'request-forwarded-by-ocmw': FORWARDED_REQUEST_EVENT,
    'competence-designation': COMPETENCE_DESIGNATION_EVENT,
    'competence-conflict-decided': COMPETENCE_CONFLICT_DECIDED_EVENT,
    'competence-changed': COMPETENCE_CHANGED_EVENT,
    // The final negative decision on the application for international protection, as the client or Fedasil reports
    // it: the running aid ends SA-9 days after its notification ([U], OCMW_ASYLUM_END_OF_AID_DAYS; §2.1).
    'asylum-final-negative': {
      title: 'Definitieve negatieve beslissing over het verzoek om internationale bescherming',
      schema: object(['notifiedOn'], {
        notifiedOn: date('Datum van de kennisgeving van de beslissing'),
        authority: choice('Beslist door', [['cgvs', 'CGVS'], ['rvv', 'Raad voor Vreemdelingenbetwistingen'], ['other', 'Andere']]),
      }),
    },
    // Benefits paid back later for a period in which the OCMW gave aid (unemployment, sickness, a pension): the OCMW
    // recovers up to that amount and may be subrogated to the client's claim (art. 99 §1–2 OCMW-wet; §2.2).
    'benefits-back-paid': {
      title: 'Uitkeringen achteraf betaald voor een periode met steun',
      schema: object(['payer', 'periodFrom', 'periodTo', 'amountCents'], {
        payer: text('Uitbetaler (bv. de RVA, het ziekenfonds)', 200),
        periodFrom: { type: 'string', format: 'date', title: 'Periode van' },
        periodTo: { type: 'string', format: 'date', title: 'Periode tot en met' },
        amountCents: cents('Achteraf betaald bedrag (cent)'),
      }),
    },
    // The state's reimbursement of aid under the Wet 1965 (§5.3; art. 9 and 11 Wet 1965): finance claims the costs
    // (D1 from the aid paid in the period, read from the payments; D2 medical costs and F the housing costs of a first
    // home, MB 30 januari 1995, from the invoice) — the dossier's workflow sends the form to POD MI and follows it.
    'wet1965-claim': {
      title: 'Terugbetaling door de Staat aanvragen (Wet 1965)',
      permission: 'reimbursement:claim',
      schema: object(['form'], {
        form: choice('Wat wordt teruggevraagd?', [
          ['D1', 'Kosten van de maatschappelijke dienstverlening, uit de betalingen (formulier D1)'],
          ['D2', 'Medische kosten (formulier D2)'],
          ['F', 'Huisvestingskosten van de eerste woning (formulier F)'],
        ]),
        periodFrom: date('Periode van'),
        periodTo: date('Periode tot en met'),
        homeTakenOn: date('Eerste woning betrokken op'),
        description: text('Omschrijving van de kost (factuur, zorgverstrekker; geen namen van personen)', 200),
        amountCents: { ...cents('Bedrag (cent)'), minimum: 1 },
        paidOn: date('Betaald op'),
      },
      requiredWhen('form', 'D1', ['periodFrom', 'periodTo'], 'for the aid paid in a period'),
      requiredWhen('form', 'D2', ['periodFrom', 'periodTo', 'description', 'amountCents', 'paidOn'], 'for medical costs'),
      // Reimbursed only on proof of actual expenses (§5.3): the day it was paid.
      requiredWhen('form', 'F', ['homeTakenOn', 'description', 'amountCents', 'paidOn'], 'for the housing costs of a first home')),
      check: periodInOrder('periodFrom', 'periodTo', 'before-from'),
    },
    // The decision to take medical costs on (urgent medical aid, KB 12 december 1996, or other care): form B2.
    'wet1965-medical-aid': {
      title: 'Beslissing over medische hulp meedelen aan de POD MI (formulier B2, Wet 1965)',
      permission: 'reimbursement:claim',
      schema: object(['decisionDate', 'kind', 'startDate'], {
        decisionDate: date('Datum van de beslissing'),
        kind: choice('Soort medische hulp', [['urgent-medical-aid', 'Dringende medische hulp'], ['medical-costs', 'Andere medische kosten']]),
        startDate: { type: 'string', format: 'date', title: 'Ten laste vanaf' },
        endDate: { type: 'string', format: 'date', title: 'Ten laste tot en met' },
        careProvider: text('Ziekenhuis of zorgverstrekker', 200),
      }),
      check: (d) => (typeof d.endDate === 'string' && typeof d.startDate === 'string' && d.endDate < d.startDate
        ? [{ path: '/endDate', code: 'before-from', message: 'the period ends on or after its first day' }]
        : []),
    },
  },
  settings: {
    payday: { label: 'Betaaldag van de maand', env: 'OCMW_PAYDAY', default: 1, unit: 'day-of-month' },
    documentReminderDays: { label: 'Dagen tot de herinnering voor ontbrekende stukken', env: 'OCMW_DOCUMENT_REMINDER_DAYS', default: 14, unit: 'days' },
    asylumEndOfAidDays: {
      label: 'Kalenderdagen na de kennisgeving van een definitieve negatieve asielbeslissing tot het einde van de steun',
      env: 'OCMW_ASYLUM_END_OF_AID_DAYS', default: 30, unit: 'days',
    },
  },
} as const satisfies ProcedureDefinition<keyof typeof SOCIAL_AID_TASK_KINDS>;

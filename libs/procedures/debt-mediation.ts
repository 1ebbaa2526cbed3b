/**
 * Debt mediation and budget guidance (schuldbemiddeling en budgetbegeleiding, §3 of the domain reference): a request
 * follows the social aid pipeline of §0.1 (SA-1 … SA-5, OCMW-wet art. 58, 62bis, 71) with its own inquiry (the debt
 * situation) and its own report (the kind of help: budget guidance, budget management or — only for an OCMW recognised
 * under the decree of 24 July 1996 — amicable debt mediation, with a duration). A grant becomes a trajectory that runs
 * for years as its own workflow type (debtMediationTrajectory): the signed agreement, the budget plan and the payments
 * it drives from the budget-management account, the periodic evaluations, and its end. Its workflows are
 * workflows/debt-mediation/. Pure data.
 */
import { CREDITOR_ANSWERS } from '../notices/creditor-letters';
import { cents, choice, date, DEBT_GUIDANCE_TYPES, DEBT_MEDIATION_TASK_KINDS, notBefore, object, requiredFields, requiredWhen, text } from '../tasks/task-kinds';
import type { JsonSchema, SchemaError } from '../validation/schema';
import { COMPETENCE_CONFLICT_DECIDED_EVENT, COMPETENCE_DESIGNATION_EVENT, FORWARDED_REQUEST_EVENT, PIPELINE_FORMS, PIPELINE_STATUSES, RATIFICATION } from './pipeline';
import { OCMW_WET_PIPELINE_LETTERS } from './social-aid';
import type { CouncilDecisionContext, ProcedureDefinition } from './types';

const guidanceFields: Record<string, JsonSchema> = {
  guidanceType: choice('Soort hulp', DEBT_GUIDANCE_TYPES),
  durationMonths: { type: 'integer', title: 'Duur (maanden)', minimum: 1, maximum: 120 },
};

/**
 * [U] §3: amicable debt mediation only by an OCMW recognised for it (decree of 24 July 1996) on the date of the decision;
 * the recognition is configuration (OCMW_DEBT_MEDIATION_RECOGNISED_SINCE), default not recognised.
 */
export function amicableMediationAllowed(decision: Record<string, unknown>, ctx: Pick<CouncilDecisionContext, 'debtMediationRecognisedSince'>): SchemaError[] {
  if (decision.guidanceType !== 'amicable-mediation') return [];
  const since = ctx.debtMediationRecognisedSince;
  const on = typeof decision.decisionDate === 'string' ? decision.decisionDate : undefined;
  if (since && (!on || since <= on)) return [];
  return [{
    path: '/guidanceType',
    code: 'not-recognised',
    message: 'amicable debt mediation requires the OCMW to be recognised for it (decree of 24 July 1996) on the decision date',
  }];
}

export const DEBT_MEDIATION = {
  name: 'debt-mediation',
  title: 'Schuldbemiddeling en budgetbegeleiding (OCMW-wet)',
  workflowType: 'debtMediationApplication',
  // The request, then (granted) the years-long trajectory as its own workflow type on the same workflow id.
  workflowTypes: ['debtMediationApplication', 'debtMediationTrajectory'],
  referencePrefix: 'SB',
  // Every status workflows/debt-mediation/ and the shared runtime set (test/libs/procedures/registry.test.ts scans them).
  statuses: [
    ...PIPELINE_STATUSES,
    // A granted trajectory (workflows/debt-mediation/trajectory.workflow.ts): the agreement, then the years it runs.
    { code: 'TRAJECTORY_ACTIVE', label: 'Lopend traject', order: 14 },
    { code: 'AGREEMENT_PENDING', label: 'Overeenkomst te ondertekenen', order: 15 },
    { code: 'TRAJECTORY_CLOSED', label: 'Traject afgesloten', order: 16 },
    // The collective debt settlement hosted by the trajectory (workflows/debt-mediation/collective-settlement.ts).
    { code: 'CSR_PETITION_FILED', label: 'Verzoekschrift collectieve schuldenregeling neergelegd', order: 17 },
    { code: 'CSR_CLAIMS', label: 'Collectieve schuldenregeling: aangifte van de schuldvorderingen', order: 18 },
    { code: 'CSR_AMICABLE_PLAN', label: 'Collectieve schuldenregeling: ontwerp van minnelijke regeling', order: 19 },
    { code: 'CSR_PLAN_SENT', label: 'Collectieve schuldenregeling: minnelijke regeling verzonden (bezwaartermijn)', order: 20 },
    { code: 'CSR_PLAN_CONTESTED', label: 'Collectieve schuldenregeling: bezwaar tegen de minnelijke regeling', order: 21 },
    { code: 'CSR_PLAN_HOMOLOGATED', label: 'Collectieve schuldenregeling: minnelijke regeling gehomologeerd', order: 22 },
    { code: 'CSR_JUDICIAL_PLAN', label: 'Collectieve schuldenregeling: gerechtelijke aanzuiveringsregeling', order: 23 },
  ],
  taskKinds: DEBT_MEDIATION_TASK_KINDS,
  forms: PIPELINE_FORMS,
  // The social aid rules (§0.1 via art. 58 OCMW-wet): SA-3 one calendar month, SA-5-NO-DECISION, SA-2, SA-4.
  deadlines: { decision: 'SA-3', noDecisionAppeal: 'SA-5-NO-DECISION', forwarding: 'SA-2', notification: 'SA-4' },
  council: {
    proposalSchema: object(['reference', 'proposal', 'motivation'], {
      reference: text('Dossiernummer', 40),
      // revise / stop: an evaluation of a running trajectory proposes another kind of help or its end (§3.1 step 6);
      // review: the yearly review of a trajectory whose budget plan changed in the year (YEARLY_REVIEW_PATCH).
      proposal: choice('Voorstel', [['grant', 'Toekennen'], ['refuse', 'Weigeren'], ['revise', 'Herzien'], ['stop', 'Beëindigen'], ['review', 'Jaarlijkse herziening'], ['not-competent', 'Niet bevoegd: doorsturen naar het bevoegde OCMW']]),
      ...guidanceFields,
      motivation: text('Motivering', 8000),
    }),
    decisions: {
      decision: {
        schema: object(['result', 'decisionDate', 'motivation'], {
          result: choice('Beslissing', [
            ['granted', 'Toegekend'], ['refused', 'Geweigerd'], ['revised', 'Herzien'], ['stopped', 'Beëindigd'], ['confirmed', 'Bevestigd (ongewijzigd verder)'],
            ['postponed', 'Uitgesteld'],
          ]),
          decisionDate: date('Datum van de beslissing'),
          ...guidanceFields,
          motivation: text('Motivering (juridische en feitelijke redenen)', 8000),
        }),
        check: (d, ctx) => [
          ...(d.result === 'granted' ? requiredFields(d, ['guidanceType', 'durationMonths'], 'for a grant') : []),
          ...(d.result === 'revised' ? requiredFields(d, ['guidanceType'], 'for a revision') : []),
          ...(d.result === 'granted' || d.result === 'revised' ? amicableMediationAllowed(d, ctx) : []),
          ...notBefore(d, 'decisionDate', ctx.requestDate, 'the request date'),
        ],
      },
      ratification: RATIFICATION,
    },
  },
  letters: {
    request: 'schuldbemiddeling of budgetbegeleiding (OCMW-wet)',
    right: 'schuldbemiddeling of budgetbegeleiding',
    decidingBody: 'Bijzonder Comité voor de Sociale Dienst',
    article: '',
    categories: false,
    categoryOf: 'de begeleiding',
    legalReasons:
      'Organieke wet van 8 juli 1976 betreffende de openbare centra voor maatschappelijk welzijn (OCMW-wet), art. 1 ' +
      'en art. 57 §1 (maatschappelijke dienstverlening, waaronder budget- en schuldhulp).',
    // SA-3 one calendar month, SA-2, SA-4 and the appeal at the labour court under art. 71 OCMW-wet (SA-5).
    ...OCMW_WET_PIPELINE_LETTERS,
    templates: [
      'receipt', 'hearing-right', 'hearing-invitation', 'documents-request', 'documents-reminder', 'decision-grant',
      'decision-refusal', 'forwarding-ocmw', 'forwarding-applicant', 'trajectory-agreement', 'trajectory-ended',
      // To creditors and their bailiffs or collection agencies (§3.1 step 4; workflows/shared/party-correspondence.ts).
      'creditor-statement-request', 'creditor-collection-suspension', 'creditor-repayment-proposal', 'creditor-csr-admissibility', 'creditor-reminder',
      'csr-claim-reminder',
    ],
  },
  events: {
    // A request another OCMW forwarded (CO-1: art. 58 §3 OCMW-wet): it opens a dossier here.
    'request-forwarded-by-ocmw': FORWARDED_REQUEST_EVENT,
    'competence-designation': COMPETENCE_DESIGNATION_EVENT,
    'competence-conflict-decided': COMPETENCE_CONFLICT_DECIDED_EVENT,
    // Voluntary: the client may end the agreement at any time (domain §3.1); the trajectory closes on the end date.
    'client-ended-trajectory': {
      title: 'De cliënt beëindigt het traject',
      schema: object(['endDate', 'reason'], {
        endDate: { type: 'string', format: 'date', title: 'Laatste dag van het traject' },
        reason: text('Reden (zoals de cliënt ze opgaf)', 2000),
      }),
    },
    // A creditor (or its bailiff or collection agency) answers one of the dossier's letters, as the social worker
    // records it (POST /dossiers/:id/events): the letter's watch stops (no reminder, no task). letterKey names the
    // letter (GET /dossiers/:id/creditor-correspondence lists them).
    'creditor-answer': {
      title: 'Antwoord van een schuldeiser',
      schema: object(['letterKey', 'answer'], {
        letterKey: text('Brief (kenmerk)', 300),
        answer: choice('Antwoord', CREDITOR_ANSWERS.map(([value, label]) => [value, label])),
        amountCents: cents('Bedrag volgens de schuldeiser (cent)'),
        note: { type: 'string', title: 'Notitie', maxLength: 4000 },
      }),
    },
    // The collective debt settlement (Ger.W. art. 1675/2–1675/19, domain §3.2): what the labour court, the creditors
    // and the mediator do, recorded as they happen; occurredOn is the date of the act (filing, order, declaration).
    'csr-petition-filed': {
      title: 'Verzoekschrift collectieve schuldenregeling neergelegd',
      schema: object(['court'], { court: text('Arbeidsrechtbank (afdeling)', 200), roleNumber: text('Rolnummer', 60) }),
    },
    'csr-admissibility-order': {
      title: 'Beschikking van toelaatbaarheid (collectieve schuldenregeling)',
      schema: object(['court', 'sentOn', 'mediator'], {
        court: text('Arbeidsrechtbank (afdeling)', 200),
        sentOn: date('Verzending van de beschikking aan de schuldeisers'),
        mediator: choice('Aangestelde schuldbemiddelaar', [['ocmw', 'Het OCMW zelf'], ['outside', 'Een externe schuldbemiddelaar']]),
        mediatorPartyId: { type: 'string', format: 'uuid', title: 'De externe schuldbemiddelaar (partij)', 'x-pick': 'dossier-party' },
      }, requiredWhen('mediator', 'outside', ['mediatorPartyId'], 'for an outside mediator')),
    },
    'csr-claim-received': {
      title: 'Aangifte van schuldvordering ontvangen',
      schema: object(['creditorPartyId', 'amountCents'], {
        creditorPartyId: { type: 'string', format: 'uuid', title: 'Schuldeiser (partij)', 'x-pick': 'dossier-party' },
        amountCents: cents('Aangegeven bedrag (cent)'),
      }),
    },
    'csr-plan-term-extended': {
      title: 'Termijn voor de minnelijke aanzuiveringsregeling verlengd',
      schema: object(['months'], { months: { type: 'integer', title: 'Verlenging (maanden, hoogstens 6)', minimum: 1, maximum: 6 } }),
    },
    'csr-plan-sent': {
      title: 'Ontwerp van minnelijke aanzuiveringsregeling verzonden',
      schema: object([], { note: text('Toelichting', 2000) }),
    },
    'csr-plan-objection': {
      title: 'Bezwaar tegen de minnelijke aanzuiveringsregeling',
      schema: object(['objector'], { objector: text('Bezwaar van (schuldenaar of schuldeiser)', 200) }),
    },
    'csr-homologation': {
      title: 'Minnelijke aanzuiveringsregeling gehomologeerd',
      schema: object([], { note: text('Toelichting', 2000) }),
    },
    'csr-judicial-plan': {
      title: 'Gerechtelijke aanzuiveringsregeling opgelegd',
      schema: object(['startDate'], { startDate: { type: 'string', format: 'date', title: 'Begin van de regeling' } }),
    },
    'csr-yearly-report': {
      title: 'Jaarverslag van de schuldbemiddelaar neergelegd',
      schema: object([], { note: text('Toelichting', 2000) }),
    },
  },
  settings: {
    documentReminderDays: { label: 'Dagen tot de herinnering voor ontbrekende stukken', env: 'OCMW_DOCUMENT_REMINDER_DAYS', default: 14, unit: 'days' },
    // Local policy [U] (domain §3.1 steps 5–6: the living money "usually weekly", periodic evaluations).
    leefgeldWeekday: { label: 'Weekdag van het leefgeld (1 = maandag … 7 = zondag)', env: 'OCMW_LEEFGELD_WEEKDAY', default: 1, unit: 'weekday' },
    evaluationMonths: { label: 'Maanden tussen twee evaluatiegesprekken', env: 'OCMW_DEBT_EVALUATION_MONTHS', default: 3, unit: 'months' },
    creditorAnswerDays: { label: 'Dagen voor een schuldeiser om te antwoorden (vóór en na de herinnering)', env: 'OCMW_CREDITOR_ANSWER_DAYS', default: 21, unit: 'days' },
  },
} as const satisfies ProcedureDefinition<keyof typeof DEBT_MEDIATION_TASK_KINDS>;

/** The Dutch label of a kind of debt help (the definition's choice titles). */
export function guidanceTypeLabel(type: string | undefined): string {
  return DEBT_GUIDANCE_TYPES.find(([name]) => name === type)?.[1] ?? '–';
}

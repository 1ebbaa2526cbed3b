/**
 * An advance on a social-security benefit (voorschot op een sociale uitkering, §10 of the domain reference): a request
 * under the §0.1 pipeline of the OCMW-wet (workflows/shared/request-pipeline.ts) with its own inquiry (the benefit, the
 * check with the paying body), the advances paid month by month until the paying body pays, the subrogation notice to
 * the paying body (art. 99 §2 OCMW-wet; for unemployment form C-UNIPROC part 1), the arrears the paying body pays the
 * OCMW recorded as an event (the surplus above the advances paid on to the client), and the closure or the conversion
 * into a request for leefloon or social aid (a linked dossier). Its workflow is workflows/benefit-advance/. Pure data.
 */
import { BENEFIT_ADVANCE_TASK_KINDS, cents, choice, object, text } from '../tasks/task-kinds';
import { amountCouncil, COMPETENCE_CONFLICT_DECIDED_EVENT, COMPETENCE_DESIGNATION_EVENT, FORWARDED_REQUEST_EVENT, periodInOrder, PIPELINE_FORMS, PIPELINE_STATUSES } from './pipeline';
import { OCMW_WET_PIPELINE_LETTERS } from './social-aid';
import type { ProcedureDefinition } from './types';

const period = (title: string) => ({ type: 'string', format: 'date', title }) as const;

export const BENEFIT_ADVANCE = {
  name: 'benefit-advance',
  title: 'Voorschot op een sociale uitkering',
  workflowType: 'benefitAdvanceApplication',
  workflowTypes: ['benefitAdvanceApplication'],
  referencePrefix: 'VU',
  statuses: [
    ...PIPELINE_STATUSES,
    { code: 'ADVANCES_RUNNING', label: 'Voorschotten lopen (wacht op de uitbetalingsinstelling)', order: 14 },
    { code: 'ADVANCE_SETTLEMENT', label: 'Voorschot af te rekenen', order: 15 },
    { code: 'ADVANCE_SETTLED', label: 'Voorschot afgerond', order: 16 },
    { code: 'ADVANCE_CONVERTED', label: 'Omgezet in een aanvraag leefloon of maatschappelijke dienstverlening', order: 17 },
  ],
  taskKinds: BENEFIT_ADVANCE_TASK_KINDS,
  forms: { ...PIPELINE_FORMS },
  // SA-3 art. 58 §2 (one calendar month; the domain's "30 d"), SA-5-NO-DECISION art. 71 al. 2, SA-2 art. 58 §3, SA-4
  // art. 62bis OCMW-wet. The paying bodies' own answer times are [U] (§10): no clock is set for them, only reminders.
  deadlines: { decision: 'SA-3', noDecisionAppeal: 'SA-5-NO-DECISION', forwarding: 'SA-2', notification: 'SA-4' },
  council: amountCouncil('Voorschot per maand (cent)'),
  letters: {
    request: 'een voorschot op een sociale uitkering',
    right: 'voorschot op een sociale uitkering',
    decidingBody: 'Bijzonder Comité voor de Sociale Dienst',
    article: 'een',
    categories: false,
    categoryOf: 'het voorschot',
    // Art. 1 and 57 §1 (social aid in the form the OCMW chooses); art. 99 §2 the legal subrogation ([V] §10).
    legalReasons:
      'Organieke wet van 8 juli 1976 betreffende de openbare centra voor maatschappelijk welzijn (OCMW-wet), art. 1 en ' +
      'art. 57 §1; art. 99 §2: voor een voorschot op een uitkering treedt het OCMW van rechtswege in uw rechten op die ' +
      'uitkering, voor dezelfde periode en tot het bedrag van het voorschot (subrogatie).',
    ...OCMW_WET_PIPELINE_LETTERS,
    templates: ['receipt', 'hearing-invitation', 'documents-request', 'documents-reminder', 'decision-grant', 'decision-refusal', 'forwarding-ocmw', 'forwarding-applicant'],
  },
  events: {
    'request-forwarded-by-ocmw': FORWARDED_REQUEST_EVENT,
    'competence-designation': COMPETENCE_DESIGNATION_EVENT,
    'competence-conflict-decided': COMPETENCE_CONFLICT_DECIDED_EVENT,
    // The paying body pays the benefit's arrears for a period to the OCMW (subrogation, art. 99 §2): the OCMW keeps its
    // advances for that period, the rest goes to the client. The event's date is the day the money came in.
    'benefit-arrears-paid': {
      title: 'Achterstallen van de uitkering betaald aan het OCMW (subrogatie)',
      schema: object(['periodFrom', 'periodTo', 'amountCents', 'benefitRunning'], {
        periodFrom: period('Periode van'),
        periodTo: period('Periode tot en met'),
        amountCents: { ...cents('Betaald bedrag (cent)'), minimum: 1 },
        benefitRunning: choice('Betaalt de uitbetalingsinstelling de uitkering voortaan zelf aan de cliënt?', [[true, 'Ja'], [false, 'Nee, nog niet']]),
      }),
      // A period the wrong way round would set nothing off and pay everything on to the client.
      check: periodInOrder('periodFrom', 'periodTo', 'before-from'),
    },
    // The paying body refuses the benefit: nothing to recover by subrogation; the advances stop.
    'benefit-refused': {
      title: 'Uitkering geweigerd door de uitbetalingsinstelling',
      schema: object(['reasons'], { reasons: text('Redenen van de weigering', 2000) }),
    },
  },
  settings: {
    documentReminderDays: { label: 'Dagen tot de herinnering voor ontbrekende stukken', env: 'OCMW_DOCUMENT_REMINDER_DAYS', default: 14, unit: 'days' },
    partnerReminderDays: { label: 'Dagen tot de herinnering aan de uitbetalingsinstelling', env: 'OCMW_PARTNER_REMINDER_DAYS', default: 30, unit: 'days' },
    payday: { label: 'Betaaldag van de maand', env: 'OCMW_PAYDAY', default: 1, unit: 'day-of-month' },
  },
} as const satisfies ProcedureDefinition<keyof typeof BENEFIT_ADVANCE_TASK_KINDS>;

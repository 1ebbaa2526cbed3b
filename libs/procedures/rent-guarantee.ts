/**
 * The rent guarantee (huurwaarborg, §6 of the domain reference): a request under the §0.1 pipeline of the OCMW-wet
 * (workflows/shared/request-pipeline.ts) with its own inquiry (the lease, the rent, the guarantee's form), the proposal
 * computed from it (libs/domain/rent-guarantee.ts: the cap by the lease's date), and after a grant the guarantee in the
 * form chosen: the OCMW's guarantee letter to the landlord, the request to the bank for a bank guarantee under the
 * OCMW's standard contract, or the deposit on a blocked account as an advance the client repays by a plan (each plan
 * with its structured communication, libs/payments/ogm.ts). Instalments come in as external events; a missed one is
 * reminded, the second one gives the social worker a task. The guarantee's release at the end of the lease — only with
 * the written agreement of tenant and landlord or a judgment (§6.1) — closes the file. Its workflow is
 * workflows/rent-guarantee/. Pure data.
 */
import { choice, object, RENT_GUARANTEE_TASK_KINDS, text } from '../tasks/task-kinds';
import { amountCouncil, COMPETENCE_CONFLICT_DECIDED_EVENT, COMPETENCE_DESIGNATION_EVENT, FORWARDED_REQUEST_EVENT, PIPELINE_FORMS, PIPELINE_STATUSES, planPaymentEvent } from './pipeline';
import { OCMW_WET_PIPELINE_LETTERS } from './social-aid';
import type { ProcedureDefinition } from './types';

const cents = (title: string, minimum: number) => ({ type: 'integer', title, minimum, maximum: 100_000_000 }) as const;

export const RENT_GUARANTEE = {
  name: 'rent-guarantee',
  title: 'Huurwaarborg',
  workflowType: 'rentGuaranteeApplication',
  workflowTypes: ['rentGuaranteeApplication'],
  // HW: the reference prefix, and digit 1 of the plans' structured communications (OGM_PROCEDURE_DIGITS).
  referencePrefix: 'HW',
  statuses: [
    ...PIPELINE_STATUSES,
    { code: 'GUARANTEE_GIVEN', label: 'Huurwaarborg gesteld', order: 14 },
    { code: 'REPAYING', label: 'Terugbetaling van de huurwaarborg loopt', order: 15 },
    { code: 'REPAYMENT_ARREARS', label: 'Achterstand op de terugbetaling', order: 16 },
    { code: 'GUARANTEE_RELEASED', label: 'Huurwaarborg vrijgegeven', order: 17 },
  ],
  taskKinds: RENT_GUARANTEE_TASK_KINDS,
  forms: { ...PIPELINE_FORMS },
  // SA-3 art. 58 §2 (one calendar month; the domain's "30 days"), SA-5-NO-DECISION art. 71 al. 2, SA-2 art. 58 §3,
  // SA-4 art. 62bis OCMW-wet. The lease's fixed date makes the chair's urgent decision frequent (§6.2, §8): the shared
  // council step takes it.
  deadlines: { decision: 'SA-3', noDecisionAppeal: 'SA-5-NO-DECISION', forwarding: 'SA-2', notification: 'SA-4' },
  council: amountCouncil('Huurwaarborg (cent)'),
  letters: {
    request: 'een huurwaarborg',
    right: 'huurwaarborg',
    decidingBody: 'Bijzonder Comité voor de Sociale Dienst',
    article: 'een',
    categories: false,
    categoryOf: 'de huurwaarborg',
    // Art. 1 and 57 §1 (social aid in the form the OCMW chooses, a guarantee among them: domain §2.1); the cap of the
    // lease's law (decree of 9 November 2018 from 2019, else Woninghuurwet art. 10) goes with the factual reasons.
    legalReasons:
      'Organieke wet van 8 juli 1976 betreffende de openbare centra voor maatschappelijk welzijn (OCMW-wet), art. 1 en ' +
      'art. 57 §1: maatschappelijke dienstverlening in de vorm die het OCMW het meest geschikt acht, waaronder een waarborg; ' +
      'voor het bedrag: het Vlaams Woninghuurdecreet van 9 november 2018 (huurovereenkomsten vanaf 1 januari 2019) of de ' +
      'Woninghuurwet, art. 10 (oudere huurovereenkomsten).',
    ...OCMW_WET_PIPELINE_LETTERS,
    templates: [
      'receipt', 'hearing-invitation', 'documents-request', 'documents-reminder', 'decision-grant', 'decision-refusal', 'forwarding-ocmw', 'forwarding-applicant',
      'guarantee-letter', 'guarantee-bank-request', 'guarantee-repayment-plan', 'guarantee-instalment-reminder',
    ],
  },
  events: {
    'request-forwarded-by-ocmw': FORWARDED_REQUEST_EVENT,
    'competence-designation': COMPETENCE_DESIGNATION_EVENT,
    'competence-conflict-decided': COMPETENCE_CONFLICT_DECIDED_EVENT,
    // An instalment of the client's repayment came in on the OCMW's account (the event's date: the day it was booked).
    // Counted in order: what is paid covers the plan's instalments from the first, whatever the amounts.
    'guarantee-instalment-paid': planPaymentEvent('Afbetaling van de huurwaarborg ontvangen'),
    // §6.1: released at the end of the lease only with the written agreement of tenant and landlord, or a judgment.
    // For a deposit, what the bank pays back to the OCMW is set off against what the client still owes.
    'guarantee-released': {
      title: 'Huurwaarborg vrijgegeven (einde van de huur)',
      schema: object(['basis', 'returnedToOcmwCents'], {
        basis: choice('Op grond van', [['written-agreement', 'Schriftelijk akkoord van huurder en verhuurder'], ['judgment', 'Rechterlijke beslissing']]),
        returnedToOcmwCents: cents('Aan het OCMW teruggestort (cent)', 0),
        // A guarantee letter: what the agreement or the judgment gives the landlord; the OCMW pays it, up to the guarantee.
        landlordClaimCents: cents('Aan de verhuurder toegekend uit de waarborgbrief (cent)', 0),
        notes: text('Toelichting', 2000),
      }),
    },
  },
  // The OCMW's bank statement books an instalment paid with a plan's communication as this event (POST /bank-statements).
  planPayments: { event: 'guarantee-instalment-paid' },
  settings: {
    documentReminderDays: { label: 'Dagen tot de herinnering voor ontbrekende stukken', env: 'OCMW_DOCUMENT_REMINDER_DAYS', default: 14, unit: 'days' },
    instalmentGraceDays: { label: 'Dagen na de vervaldag tot de herinnering voor een afbetaling', env: 'OCMW_INSTALMENT_GRACE_DAYS', default: 10, unit: 'days' },
  },
} as const satisfies ProcedureDefinition<keyof typeof RENT_GUARANTEE_TASK_KINDS>;

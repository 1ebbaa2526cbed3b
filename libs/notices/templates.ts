/**
 * Dutch letter templates of the social service (shared/domain/ocmw-procedures.md §0.1, §0.2, §1.2, §1.4). Pure: data in,
 * a structured document out; no Node, no clock, no configuration read here (the activities fill in the OCMW, the
 * labour court and the dates computed by the deadline engine).
 *
 * A letter that lacks an element the law requires is never produced: renderLetter throws LetterIncompleteError naming
 * every missing element. For a decision letter that is the list of §0.2 (without it the appeal term does not start);
 * for a forwarding notice the reasons of incompetence (without them the forwarding is void).
 */
import { IsoDate, isValidIsoDate } from '../deadlines/calendar-date';
import { formatDateLongNl, formatDateNl, formatEuro, formatMonthNl } from '../format/dutch';
import type { ProcedureLetters } from '../procedures/types';

/** The structured document every template produces; pdf.ts renders it, the notices table stores it. */
export interface LetterDocument {
  title: string;
  /** Name and address lines, separated by "\n". */
  recipient: string;
  date: IsoDate;
  /** The dossier reference (ons kenmerk). */
  reference: string;
  paragraphs: string[];
  /** Key facts of the letter with their Dutch labels, shown as an overview under the letter. */
  fields: Record<string, string>;
}

export interface Addressee {
  name: string;
  address: string[];
}

export interface SocialWorker {
  name: string;
  /** Phone number or e-mail address where the client reaches the social worker. */
  contact: string;
}

/** What every letter carries; the activities fill it from the dossier, its person, its social worker and the config. */
export interface LetterBase {
  reference: string;
  date: IsoDate;
  recipient: Addressee;
  ocmwName: string;
  /** The handling service, with its address ("Sociale dienst, Marktplein 1, 9000 Gent"). */
  service: string;
  socialWorker?: SocialWorker;
  /** The wording and the appeal rule of the dossier's procedure, from its definition (libs/procedures). */
  procedure: ProcedureLetters;
}

export interface ReceiptData extends LetterBase {
  requestDate: IsoDate;
  /** End of the decision term (LL-3), computed by the engine. */
  decisionDueDate: IsoDate;
}

export interface HearingRightData extends LetterBase {
  decidingBody?: string;
}

export interface HearingInvitationData extends LetterBase {
  decidingBody?: string;
  hearing: { place: string; date: IsoDate; time: string };
}

export interface DocumentsRequestData extends LetterBase {
  documents: string[];
  answerBy: IsoDate;
}

export interface DocumentsReminderData extends DocumentsRequestData {
  /** Date of the first request the reminder refers to. */
  firstRequestDate: IsoDate;
}

export interface AppealInfo {
  possible: boolean;
  /** How to lodge the appeal, in Dutch. */
  how: string;
  labourCourtAddress: string;
  /** The notification date the term runs from, and the last day of the term (engine, rule LL-10). */
  notifiedOn: IsoDate;
  until: IsoDate;
  /** How the notification date follows from the delivery ("de derde werkdag na de afgifte ter post"). */
  deliveryNote?: string;
  /** Must be false: the letter tells the client that the appeal does not suspend the decision. */
  suspensive: boolean;
}

export interface Amount {
  monthlyCents: number;
  /** How the resources were taken into account and the amount computed. */
  computation: string;
  /** How often it is paid ("maandelijks, rond de 1e van de maand"). */
  frequency: string;
}

export interface AidForm {
  /** 'guidance': help that is no money (debt mediation's budget guidance or management, amicable mediation). */
  kind: 'one-off' | 'in-kind' | 'guarantee' | 'advance' | 'guidance';
  /** Dutch: the form of aid ("eenmalige financiële steun"). */
  label: string;
  /** Dutch: what is granted (what the amount is for, the aid in kind, what the guarantee covers). */
  description: string;
  /** The amount granted once (a one-off amount, a guarantee, an advance); absent for aid in kind. */
  amountCents?: number;
}

export interface Recovery {
  amountCents: number;
  periodFrom: IsoDate;
  periodTo: IsoDate;
  /** Dutch: who paid the benefits back for the period ("de RVA", "uw ziekenfonds"). */
  payer: string;
  /** The OCMW takes over the client's claim on the payer (art. 99 §2 OCMW-wet). */
  subrogation: boolean;
}

export interface DecisionData extends LetterBase {
  decisionDate: IsoDate;
  decidingBody?: string;
  legalReasons: string;
  factualReasons: string;
  /** Leefloon grant or revision: the category (1/2/3) and why. */
  category?: 1 | 2 | 3;
  categoryReason?: string;
  amount?: Amount;
  /** Social aid in another form than a monthly amount (a one-off amount, aid in kind, a guarantee, an advance). */
  aid?: AidForm;
  /** A recovery (art. 99 OCMW-wet): what is recovered, for which period, from what the client received for it. */
  recovery?: Recovery;
  /** Grant: start of the right; revision: date the new amount applies; stop: the date the right ends. */
  effectiveDate?: IsoDate;
  appeal: AppealInfo;
}

export interface ForwardingOcmwData extends LetterBase {
  applicant: { name: string; nationalNumber?: string; address: string[] };
  requestDate: IsoDate;
  competentOcmw: Addressee;
  /** Why this OCMW is not competent (Wet 1965): without reasons the forwarding is void. */
  reasons: string;
}

export interface ForwardingApplicantData extends LetterBase {
  requestDate: IsoDate;
  forwardDate: IsoDate;
  competentOcmw: Addressee;
  reasons: string;
}

/**
 * The agreement of a debt mediation trajectory (domain §3.1 step 4): what the OCMW does (the mandate), for how long, and
 * how it ends — the client may end it at any time; the social worker has it signed (the task that follows the letter).
 */
export interface TrajectoryAgreementData extends LetterBase {
  decisionDate: IsoDate;
  /** Dutch label of the kind of help ("Budgetbeheer"). */
  guidance: string;
  /** Budget management: the OCMW receives the income on a budget-management account and pays from it. */
  management: boolean;
  durationMonths: number;
}

/** The trajectory has ended: why, from when, and what happens with the budget-management account. */
export interface TrajectoryEndedData extends LetterBase {
  guidance: string;
  endDate: IsoDate;
  /** Dutch: "u hebt de overeenkomst opgezegd", "de afgesproken duur is voorbij". */
  reason: string;
  management: boolean;
}

/**
 * A letter to a creditor, or to the bailiff or collection agency collecting its debt (domain §3.1 step 4): the same
 * letters go to both (workflows/shared/party-correspondence.ts). The addressee is the party; the client is named as
 * the debtor. Every one asks for an answer by a date: the window the workflow watches (reminder, then a task).
 */
export interface CreditorLetterData extends LetterBase {
  /** The client the OCMW helps, as the creditor knows them (filled by the activity from the dossier's person). */
  debtor: Addressee;
  /** The creditor's (or collector's) own file number for the debt, when the inventory knows it. */
  fileNumber?: string;
  /** The last day of the answer window (the workflow's: letter date + the OCMW_CREDITOR_ANSWER_DAYS setting). */
  answerBy: IsoDate;
}

export interface CollectionSuspensionData extends CreditorLetterData {
  /** When the debt-help trajectory started (the grant), if the letter is to say it. */
  trajectorySince?: IsoDate;
}

export interface RepaymentProposalData extends CreditorLetterData {
  monthlyCents: number;
  /** The month of the first instalment (its first day, or the day it is paid). */
  startDate: IsoDate;
  durationMonths: number;
  /** What the proposal pays in all, when it is not simply months × amount (a last smaller instalment). */
  totalCents?: number;
}

export interface CsrAdmissibilityData extends CreditorLetterData {
  /** The date of the labour court's admissibility order (beschikking van toelaatbaarheid). */
  orderDate: IsoDate;
  /** The court that gave it ("de arbeidsrechtbank Gent, afdeling Dendermonde"). */
  court: string;
  /** The debt mediator appointed in the order (name, and address if known). */
  mediator: string;
}

export interface CreditorReminderData extends CreditorLetterData {
  /** The date and subject of the letter this reminds of. */
  firstLetterDate: IsoDate;
  firstLetterSubject: string;
}

/**
 * The mediator's reminder to a creditor that has not declared its claim in a collective debt settlement (art. 1675/9
 * §3 Ger.W., CSR-2): 15 more days from this reminder, or the creditor is deemed to waive its claim.
 */
export interface CsrClaimReminderData extends LetterBase {
  court: string;
  orderDate: IsoDate;
  /** The last day of the first month (CSR-2), already passed. */
  termEnd: IsoDate;
  /** The last day of the 15 days from the reminder (the engine's extended due date). */
  declareBy: IsoDate;
  /** The creditor's own file number for the debt, if known. */
  fileNumber?: string | null;
}

/**
 * An order measure or a sanction in the LOI (art. 44–46 Opvangwet), to the resident: what was decided and why, the
 * hearing before a sanction, its period and what it does to the leefgeld, and how to contest it (the procedure's
 * appeal rule, LOI-APPEAL, [U]).
 */
export interface LoiSanctionData extends LetterBase {
  kind: 'order-measure' | 'sanction';
  /** Dutch: the measure or the sanction as decided. */
  measure: string;
  facts: string;
  decidedOn: IsoDate;
  heardOn?: IsoDate;
  from?: IsoDate;
  to?: IsoDate;
  /** Dutch, when the leefgeld is withheld: "de helft van uw leefgeld (50 %)". */
  leefgeld?: string;
  /** Fedasil is asked for another place. */
  transfer?: boolean;
  appeal: AppealInfo;
}

/**
 * The OCMW gives Fedasil notice that it closes places of its LOI (LOI-7: six months under the convention). To Fedasil,
 * not to a client: the reference is the place's code; the last day is the deadline engine's.
 */
export interface LoiClosureNoticeData extends LetterBase {
  place: { code: string; address: string; unit?: string | null; capacity: number };
  noticeOn: IsoDate;
  closesOn: IsoDate;
}

/**
 * The rent guarantee (domain §6). To the landlord: the OCMW's guarantee letter (papieren huurwaarborg), the OCMW
 * answering for the tenant's obligations under the lease up to the amount; to the bank: the request for a bank
 * guarantee under the OCMW's standard contract. The tenant (`client`) is filled by the activity from the dossier's
 * person: their name and address never travel through the workflow.
 */
export interface GuaranteeLetterData extends LetterBase {
  decisionDate: IsoDate;
  amountCents: number;
  monthlyRentCents: number;
  leaseSignedOn: IsoDate;
  /** Dutch: the law of the lease and its cap ("Vlaams Woninghuurdecreet van 9 november 2018"). */
  law: string;
  client: Addressee;
  /** The bank request: the landlord the guarantee is for. */
  landlord?: string;
}

/**
 * The client's repayment plan of a rent guarantee deposited as an advance (domain §6.1 "OCMW practice"): what the
 * OCMW paid, the instalments with their days, the OCMW's account and the structured communication of the plan.
 */
export interface GuaranteeRepaymentPlanData extends LetterBase {
  decisionDate: IsoDate;
  amountCents: number;
  instalments: { number: number; dueDate: IsoDate; amountCents: number }[];
  /** `+++123/4567/89002+++` (libs/payments/ogm.ts: one per plan, from business names). */
  communication: string;
  /** The OCMW's account the client pays into (filled by the activity from OCMW_IBAN). */
  ocmwIban: string;
  /** A new plan replacing an earlier one: the day of the earlier plan's letter. */
  replacesPlanOf?: IsoDate;
  /** A guarantee letter called at the release: the day the OCMW was asked to pay the landlord (what the plan repays). */
  paidToLandlordOn?: IsoDate;
}

/** An instalment of the plan not (fully) paid: what is due, what is behind, and by when to pay it. */
export interface GuaranteeInstalmentReminderData extends LetterBase {
  instalment: { number: number; dueDate: IsoDate; amountCents: number };
  /** All that should have been paid by now and is not. */
  behindCents: number;
  payBy: IsoDate;
  communication: string;
  ocmwIban: string;
}

/**
 * Placement costs (domain §11). To the care home: the OCMW's commitment to pay, from a day, the part of each monthly
 * invoice the resident's income does not cover (less the pocket money the resident keeps). The resident (`client`) is
 * filled by the activity from the dossier's person.
 */
export interface PlacementCommitmentData extends LetterBase {
  decisionDate: IsoDate;
  effectiveFrom: IsoDate;
  /** The OCMW's part a month as the proposal estimated it from the care home's price. */
  monthlyEstimateCents: number;
  client: Addressee;
}

/**
 * Placement costs' maintenance debtors (art. 98 §2 OCMW-wet). To the debtor (a party of the dossier): the request for
 * the last tax assessment and the household's composition — and its reminder, which names the first request.
 */
export interface MaintenanceDebtorRequestData extends LetterBase {
  answerBy: IsoDate;
  /** A reminder: the day of the first request. */
  firstRequestDate?: IsoDate;
  /** The resident (filled by the activity from the dossier's person). */
  client: Addressee;
}

/** The BCSD's decision on a debtor's contribution: a monthly amount with the communication to pay it with, or none. */
export interface MaintenanceDebtorDecisionData extends LetterBase {
  decisionDate: IsoDate;
  /** 0: the BCSD asks no contribution (waived, or below the scale). */
  monthlyCents: number;
  /** The first month the contribution is owed ('YYYY-MM'). */
  firstMonth?: string;
  /** How the amount follows from the scale, or why there is none. */
  computation: string;
  communication?: string;
  ocmwIban?: string;
  client: Addressee;
}

/** To the debtor: contributions owed by now and not received. */
export interface MaintenanceContributionReminderData extends LetterBase {
  monthlyCents: number;
  behindCents: number;
  payBy: IsoDate;
  communication: string;
  ocmwIban: string;
  client: Addressee;
}

export interface TemplateData {
  receipt: ReceiptData;
  'hearing-right': HearingRightData;
  'hearing-invitation': HearingInvitationData;
  'documents-request': DocumentsRequestData;
  'documents-reminder': DocumentsReminderData;
  'decision-grant': DecisionData;
  'decision-refusal': DecisionData;
  'decision-revision': DecisionData;
  'decision-stop': DecisionData;
  'decision-recovery': DecisionData;
  'forwarding-ocmw': ForwardingOcmwData;
  'forwarding-applicant': ForwardingApplicantData;
  'trajectory-agreement': TrajectoryAgreementData;
  'trajectory-ended': TrajectoryEndedData;
  'creditor-statement-request': CreditorLetterData;
  'creditor-collection-suspension': CollectionSuspensionData;
  'creditor-repayment-proposal': RepaymentProposalData;
  'creditor-csr-admissibility': CsrAdmissibilityData;
  'creditor-reminder': CreditorReminderData;
  'csr-claim-reminder': CsrClaimReminderData;
  'loi-sanction': LoiSanctionData;
  'loi-closure-notice': LoiClosureNoticeData;
  'guarantee-letter': GuaranteeLetterData;
  'guarantee-bank-request': GuaranteeLetterData;
  'guarantee-repayment-plan': GuaranteeRepaymentPlanData;
  'guarantee-instalment-reminder': GuaranteeInstalmentReminderData;
  'placement-commitment': PlacementCommitmentData;
  'maintenance-debtor-request': MaintenanceDebtorRequestData;
  'maintenance-debtor-reminder': MaintenanceDebtorRequestData;
  'maintenance-debtor-decision': MaintenanceDebtorDecisionData;
  'maintenance-contribution-reminder': MaintenanceContributionReminderData;
}
export type TemplateName = keyof TemplateData;
export const TEMPLATES = [
  'receipt', 'hearing-right', 'hearing-invitation', 'documents-request', 'documents-reminder', 'decision-grant',
  'decision-refusal', 'decision-revision', 'decision-stop', 'decision-recovery', 'forwarding-ocmw', 'forwarding-applicant',
  'trajectory-agreement', 'trajectory-ended',
  'creditor-statement-request', 'creditor-collection-suspension', 'creditor-repayment-proposal', 'creditor-csr-admissibility', 'creditor-reminder',
  'trajectory-agreement', 'trajectory-ended', 'csr-claim-reminder', 'loi-sanction', 'loi-closure-notice',
  'guarantee-letter', 'guarantee-bank-request', 'guarantee-repayment-plan', 'guarantee-instalment-reminder',
  'placement-commitment', 'maintenance-debtor-request', 'maintenance-debtor-reminder', 'maintenance-debtor-decision', 'maintenance-contribution-reminder',
] as const satisfies readonly TemplateName[];

/** The letters to a maintenance debtor (art. 98 §2 OCMW-wet): they name the resident, the activity fills them in. */
export function isMaintenanceDebtorTemplate(template: string): boolean {
  return template.startsWith('maintenance-');
}

/**
 * The letters to a party about the client — as a tenant (GuaranteeLetterData), as a care home's resident
 * (PlacementCommitmentData): the activity fills in the client for them.
 */
export function isClientPartyTemplate(template: string): boolean {
  return template === 'guarantee-letter' || template === 'guarantee-bank-request' || template === 'placement-commitment' || isMaintenanceDebtorTemplate(template);
}

/** The letters to creditors and their collectors (CreditorLetterData): the activity fills in the debtor for them. */
export function isCreditorTemplate(template: string): boolean {
  return template.startsWith('creditor-');
}

export type DecisionKind = 'grant' | 'refusal' | 'revision' | 'stop' | 'recovery';
export type DecisionTemplate = `decision-${DecisionKind}`;

export function isDecisionTemplate(template: string): template is DecisionTemplate {
  return ['decision-grant', 'decision-refusal', 'decision-revision', 'decision-stop', 'decision-recovery'].includes(template);
}

/**
 * A letter that can be appealed: it states the procedure's appeal (court, term, the last day from its notification)
 * and its notice keeps the appeal's end — the decisions, and an LOI order measure or sanction (art. 47 Opvangwet).
 */
export function isAppealableTemplate(template: string): boolean {
  return isDecisionTemplate(template) || template === 'loi-sanction';
}

// ---------------------------------------------------------------------------------------------------------------
// Mandatory elements

export interface MissingElement {
  /** Stable code, e.g. 'labour-court-address'. */
  element: string;
  /** What is missing, in words (English, with the Dutch term). */
  description: string;
}

const ELEMENTS: Record<string, string> = {
  'guarantee-amount': 'the amount of the rent guarantee (bedrag van de huurwaarborg)',
  rent: 'the monthly rent (huurprijs)',
  'lease-date': 'the date of the lease (datum van de huurovereenkomst)',
  'lease-law': 'the law of the lease and its cap (Woninghuurdecreet of Woninghuurwet)',
  'placement-estimate': "the OCMW's estimated part of the care home's invoice a month (geschatte tussenkomst)",
  resident: "the care home's resident the commitment is for (bewoner)",
  tenant: "the tenant's name and address (huurder)",
  landlord: 'the landlord the bank guarantee is for (verhuurder)',
  instalments: 'the instalments with their days and amounts, adding up to the amount (afbetalingen)',
  communication: 'the structured communication of the plan (gestructureerde mededeling)',
  'ocmw-account': "the OCMW's account to pay into (rekeningnummer)",
  instalment: 'the instalment that is due: its day and amount (afbetaling)',
  behind: 'what is behind on the plan (achterstand)',
  'pay-by': 'the day to pay by (uiterlijk te betalen op)',
  'legal-reasons': 'the legal reasons (juridische motivering)',
  'factual-reasons': 'the factual reasons (feitelijke motivering)',
  'aid-description': 'what the aid is (vorm en omschrijving van de hulp)',
  'aid-amount': 'the amount granted once (bedrag)',
  recovery: 'what is recovered: the amount, the period and who paid the benefits for it (art. 99 OCMW-wet)',
  'decision-date': 'the date of the decision',
  amount: 'the amount (bedrag)',
  'amount-computation': 'how the amount and the resources were computed (berekening)',
  'payment-frequency': 'how often it is paid (betalingsritme)',
  category: 'the category granted (categorie 1, 2 of 3)',
  'category-reason': 'the reason for the category',
  'effective-date': 'the date the decision takes effect',
  'appeal-possible': 'that an appeal is possible (beroep mogelijk)',
  'appeal-how': 'how to lodge the appeal',
  'labour-court-address': "the labour court's address",
  'appeal-term': 'the appeal term: its end date computed from the notification date',
  'appeal-not-suspensive': 'that the appeal does not suspend the decision',
  'file-reference': 'the file reference (dossiernummer)',
  service: 'the handling service',
  'social-worker': 'the social worker to contact (name)',
  'social-worker-contact': "the social worker's contact (phone or e-mail)",
  recipient: 'the recipient (name and address)',
  'request-date': 'the date of the request',
  'decision-due-date': 'the decision period (uiterlijke beslissingsdatum)',
  'hearing-place': 'the place of the hearing',
  'hearing-date': 'the date of the hearing',
  'hearing-time': 'the time of the hearing',
  documents: 'the list of missing documents',
  'answer-by': 'the date by which the documents are expected',
  'first-request-date': 'the date of the first request',
  'competent-ocmw': 'the competent OCMW (name and address)',
  'incompetence-reasons': 'the reasons why this OCMW is not competent',
  applicant: 'the applicant (name and address)',
  'forward-date': 'the date the request was forwarded',
  guidance: 'the kind of help (budgetbegeleiding, budgetbeheer, minnelijke schuldbemiddeling)',
  duration: 'the duration of the trajectory in months',
  'end-date': 'the last day of the trajectory',
  'end-reason': 'why the trajectory ends',
  measure: 'the order measure or sanction decided',
  place: 'the place closed (code, address, number of beds)',
  'notice-date': 'the day notice is given',
  'closing-date': 'the last day of the places (after the notice term)',
  'heard-on': 'the date the resident was heard before the sanction (art. 46 Opvangwet)',
  period: 'the period of a temporary measure (from … to)',
  procedure: "the procedure's wording and appeal rule (its definition)",
  debtor: 'the debtor the OCMW helps (name and address)',
  'answer-due': 'the date by which the answer is expected',
  'repayment-amount': 'the amount proposed per month',
  'repayment-start': 'the start of the repayment',
  'repayment-duration': 'the duration of the repayment (months)',
  'order-date': 'the date of the admissibility order',
  court: 'the court that gave the order',
  mediator: 'the debt mediator appointed',
  'first-letter': 'the date and subject of the letter reminded of',
};

export class LetterIncompleteError extends Error {
  constructor(
    readonly template: string,
    readonly missing: MissingElement[],
  ) {
    super(
      `The ${template} letter is refused: it lacks ${missing.length} mandatory element(s): ` +
        missing.map((m) => `${m.description} [${m.element}]`).join('; '),
    );
    this.name = 'LetterIncompleteError';
  }
}

const filled = (value: unknown): boolean => typeof value === 'string' && value.trim() !== '';
const date = (value: unknown): boolean => isValidIsoDate(value);

function collect(checks: [string, boolean][]): MissingElement[] {
  return checks.filter(([, ok]) => !ok).map(([element]) => ({ element, description: ELEMENTS[element] }));
}

function baseChecks(data: Partial<LetterBase>, needsSocialWorker: boolean): [string, boolean][] {
  return [
    ['procedure', filled(data.procedure?.right) && filled(data.procedure?.request) && filled(data.procedure?.appeal?.legalBasis)],
    ['file-reference', filled(data.reference)],
    ['service', filled(data.service)],
    ['recipient', filled(data.recipient?.name) && (data.recipient?.address ?? []).some(filled)],
    ...(needsSocialWorker
      ? ([
          ['social-worker', filled(data.socialWorker?.name)],
          ['social-worker-contact', filled(data.socialWorker?.contact)],
        ] as [string, boolean][])
      : []),
  ];
}

/**
 * The mandatory content of a decision letter (§0.2): legal and factual reasons; for money the amount, how it was
 * computed and how often it is paid; for leefloon the category and its reason; the appeal — that it is possible, how,
 * the labour court's address, the term (end date from the notification date) and that it does not suspend the
 * decision; the file reference, the service and the social worker to contact. Returns what is missing.
 */
export function checkDecisionLetter(data: Partial<DecisionData> & { decision: DecisionKind }): MissingElement[] {
  // Aid in another form than a monthly amount states that form instead (a one-off amount is still money: its amount).
  const aid = data.decision === 'grant' ? data.aid : undefined;
  const money = (data.decision === 'grant' || data.decision === 'revision') && !aid;
  const categories = data.procedure?.categories === true;
  const appeal: Partial<AppealInfo> = data.appeal ?? {};
  return collect([
    ['legal-reasons', filled(data.legalReasons)],
    ['factual-reasons', filled(data.factualReasons)],
    ['decision-date', date(data.decisionDate)],
    ...(money
      ? ([
          ['amount', Number.isInteger(data.amount?.monthlyCents) && (data.amount?.monthlyCents as number) > 0],
          ['amount-computation', filled(data.amount?.computation)],
          ['payment-frequency', filled(data.amount?.frequency)],
        ] as [string, boolean][])
      : []),
    ...(money && categories
      ? ([
          ['category', [1, 2, 3].includes(data.category as number)],
          ['category-reason', filled(data.categoryReason)],
        ] as [string, boolean][])
      : []),
    ...(aid
      ? ([
          ['aid-description', filled(aid.description) && filled(aid.label)],
          ...(aid.kind === 'in-kind' || aid.kind === 'guidance' ? [] : [['aid-amount', Number.isInteger(aid.amountCents) && (aid.amountCents as number) > 0]]),
        ] as [string, boolean][])
      : []),
    ...(data.decision === 'recovery'
      ? ([[
          'recovery',
          Number.isInteger(data.recovery?.amountCents) && (data.recovery?.amountCents as number) > 0 && date(data.recovery?.periodFrom) &&
            date(data.recovery?.periodTo) && filled(data.recovery?.payer),
        ]] as [string, boolean][])
      : []),
    ...(data.decision === 'stop' || data.decision === 'revision' ? ([['effective-date', date(data.effectiveDate)]] as [string, boolean][]) : []),
    ...appealChecks(appeal),
    ...baseChecks(data, true),
  ]);
}

function appealChecks(appeal: Partial<AppealInfo>): [string, boolean][] {
  return [
    ['appeal-possible', appeal.possible === true],
    ['appeal-how', filled(appeal.how)],
    ['labour-court-address', filled(appeal.labourCourtAddress)],
    ['appeal-term', date(appeal.notifiedOn) && date(appeal.until) && (appeal.until as string) > (appeal.notifiedOn as string)],
    ['appeal-not-suspensive', appeal.suspensive === false],
  ];
}

/** The mandatory elements of any template; a decision letter is checked against §0.2 (checkDecisionLetter). */
export function checkLetter<T extends TemplateName>(template: T, data: Partial<TemplateData[T]>): MissingElement[] {
  if (isDecisionTemplate(template)) {
    return checkDecisionLetter({ ...(data as Partial<DecisionData>), decision: template.slice('decision-'.length) as DecisionKind });
  }
  const d = data as Record<string, any>;
  switch (template as Exclude<TemplateName, DecisionTemplate>) {
    case 'receipt':
      return collect([['request-date', date(d.requestDate)], ['decision-due-date', date(d.decisionDueDate)], ...baseChecks(d, false)]);
    case 'hearing-right':
      return collect(baseChecks(d, false));
    case 'hearing-invitation':
      return collect([
        ['hearing-place', filled(d.hearing?.place)],
        ['hearing-date', date(d.hearing?.date)],
        ['hearing-time', /^([01]\d|2[0-3]):[0-5]\d$/.test(String(d.hearing?.time ?? ''))],
        ...baseChecks(d, false),
      ]);
    case 'documents-request':
    case 'documents-reminder':
      return collect([
        ['documents', Array.isArray(d.documents) && d.documents.length > 0 && d.documents.every(filled)],
        ['answer-by', date(d.answerBy)],
        ...(template === 'documents-reminder' ? ([['first-request-date', date(d.firstRequestDate)]] as [string, boolean][]) : []),
        ...baseChecks(d, false),
      ]);
    case 'forwarding-ocmw':
      return collect([
        ['competent-ocmw', filled(d.competentOcmw?.name) && (d.competentOcmw?.address ?? []).some(filled)],
        ['incompetence-reasons', filled(d.reasons)],
        ['request-date', date(d.requestDate)],
        ['applicant', filled(d.applicant?.name) && (d.applicant?.address ?? []).some(filled)],
        ...baseChecks(d, false),
      ]);
    case 'forwarding-applicant':
      return collect([
        ['competent-ocmw', filled(d.competentOcmw?.name) && (d.competentOcmw?.address ?? []).some(filled)],
        ['incompetence-reasons', filled(d.reasons)],
        ['request-date', date(d.requestDate)],
        ['forward-date', date(d.forwardDate)],
        ...baseChecks(d, false),
      ]);
    case 'trajectory-agreement':
      return collect([
        ['decision-date', date(d.decisionDate)],
        ['guidance', filled(d.guidance)],
        ['duration', Number.isInteger(d.durationMonths) && d.durationMonths > 0],
        ...baseChecks(d, true),
      ]);
    case 'trajectory-ended':
      return collect([['guidance', filled(d.guidance)], ['end-date', date(d.endDate)], ['end-reason', filled(d.reason)], ...baseChecks(d, false)]);
    case 'creditor-statement-request':
    case 'creditor-collection-suspension':
      return collect(creditorChecks(d));
    case 'creditor-repayment-proposal':
      return collect([
        ['repayment-amount', Number.isInteger(d.monthlyCents) && d.monthlyCents > 0],
        ['repayment-start', date(d.startDate)],
        ['repayment-duration', Number.isInteger(d.durationMonths) && d.durationMonths > 0],
        ...creditorChecks(d),
      ]);
    case 'creditor-csr-admissibility':
      return collect([['order-date', date(d.orderDate)], ['court', filled(d.court)], ['mediator', filled(d.mediator)], ...creditorChecks(d)]);
    case 'creditor-reminder':
      return collect([['first-letter', date(d.firstLetterDate) && filled(d.firstLetterSubject)], ...creditorChecks(d)]);
    case 'loi-closure-notice':
      return collect([
        ['place', filled(d.place?.code) && filled(d.place?.address) && Number.isInteger(d.place?.capacity) && d.place.capacity > 0],
        ['notice-date', date(d.noticeOn)],
        ['closing-date', date(d.closesOn) && (d.closesOn as string) > (d.noticeOn as string)],
        ['file-reference', filled(d.reference)],
        ['recipient', filled(d.recipient?.name) && (d.recipient?.address ?? []).some(filled)],
      ]);
    case 'loi-sanction':
      return collect([
        ['measure', filled(d.measure)],
        ['factual-reasons', filled(d.facts)],
        ['decision-date', date(d.decidedOn)],
        ...(d.kind === 'sanction' ? ([['heard-on', date(d.heardOn)]] as [string, boolean][]) : []),
        ['period', (d.from === undefined && d.to === undefined) || (date(d.from) && date(d.to))],
        ...appealChecks(d.appeal ?? {}),
        ...baseChecks(d, false),
      ]);
    case 'guarantee-letter':
    case 'guarantee-bank-request':
      return collect([
        ['decision-date', date(d.decisionDate)],
        ['guarantee-amount', Number.isInteger(d.amountCents) && d.amountCents > 0],
        ['rent', Number.isInteger(d.monthlyRentCents) && d.monthlyRentCents > 0],
        ['lease-date', date(d.leaseSignedOn)],
        ['lease-law', filled(d.law)],
        ['tenant', filled(d.client?.name) && (d.client?.address ?? []).some(filled)],
        ...(template === 'guarantee-bank-request' ? ([['landlord', filled(d.landlord)]] as [string, boolean][]) : []),
        ...baseChecks(d, false),
      ]);
    case 'guarantee-repayment-plan':
      return collect([
        ['decision-date', date(d.decisionDate)],
        ['guarantee-amount', Number.isInteger(d.amountCents) && d.amountCents > 0],
        ['instalments', Array.isArray(d.instalments) && d.instalments.length > 0 && d.instalments.every((i: any) => date(i?.dueDate) && Number.isInteger(i?.amountCents) && i.amountCents > 0) &&
          d.instalments.reduce((sum: number, i: any) => sum + i.amountCents, 0) === d.amountCents],
        ['communication', filled(d.communication)],
        ['ocmw-account', filled(d.ocmwIban)],
        ...baseChecks(d, false),
      ]);
    case 'guarantee-instalment-reminder':
      return collect([
        ['instalment', date(d.instalment?.dueDate) && Number.isInteger(d.instalment?.amountCents) && d.instalment.amountCents > 0],
        ['behind', Number.isInteger(d.behindCents) && d.behindCents > 0],
        ['pay-by', date(d.payBy)],
        ['communication', filled(d.communication)],
        ['ocmw-account', filled(d.ocmwIban)],
        ...baseChecks(d, false),
      ]);
    case 'placement-commitment':
      return collect([
        ['decision-date', date(d.decisionDate)],
        ['effective-date', date(d.effectiveFrom)],
        ['placement-estimate', Number.isInteger(d.monthlyEstimateCents) && d.monthlyEstimateCents > 0],
        ['resident', filled(d.client?.name)],
        ...baseChecks(d, false),
      ]);
    case 'maintenance-debtor-request':
    case 'maintenance-debtor-reminder':
      return collect([
        ['answer-due', date(d.answerBy)],
        ...(template === 'maintenance-debtor-reminder' ? ([['first-request', date(d.firstRequestDate)]] as [string, boolean][]) : []),
        ['resident', filled(d.client?.name)],
        ...baseChecks(d, false),
      ]);
    case 'maintenance-debtor-decision':
      return collect([
        ['decision-date', date(d.decisionDate)],
        ['contribution', Number.isInteger(d.monthlyCents) && d.monthlyCents >= 0],
        ['computation', filled(d.computation)],
        ...(d.monthlyCents > 0
          ? ([['first-month', typeof d.firstMonth === 'string' && /^\d{4}-(0[1-9]|1[0-2])$/.test(d.firstMonth)], ['communication', filled(d.communication)], ['ocmw-account', filled(d.ocmwIban)]] as [string, boolean][])
          : []),
        ['resident', filled(d.client?.name)],
        ...baseChecks(d, false),
      ]);
    case 'maintenance-contribution-reminder':
      return collect([
        ['contribution', Number.isInteger(d.monthlyCents) && d.monthlyCents > 0],
        ['behind', Number.isInteger(d.behindCents) && d.behindCents > 0],
        ['pay-by', date(d.payBy)],
        ['communication', filled(d.communication)],
        ['ocmw-account', filled(d.ocmwIban)],
        ['resident', filled(d.client?.name)],
        ...baseChecks(d, false),
      ]);
    case 'csr-claim-reminder':
      return collect([['court', filled(d.court)], ['order-date', date(d.orderDate)], ['term-end', date(d.termEnd)], ['declare-by', date(d.declareBy)], ...baseChecks(d, false)]);
  }
}

function creditorChecks(d: Record<string, any>): [string, boolean][] {
  return [['debtor', filled(d.debtor?.name)], ['answer-due', date(d.answerBy)], ...baseChecks(d, false)];
}

// ---------------------------------------------------------------------------------------------------------------
// Dutch formatting: libs/format/dutch.ts (re-exported for the letters' callers)

export { formatDateLongNl, formatDateNl, formatEuro };

export const CATEGORY_LABELS: Record<1 | 2 | 3, string> = {
  1: 'categorie 1: samenwonende',
  2: 'categorie 2: alleenstaande',
  3: 'categorie 3: persoon die samenwoont met een gezin ten laste',
};


// ---------------------------------------------------------------------------------------------------------------
// Templates

const recipientOf = (a: Addressee) => [a.name, ...a.address.filter((l) => l.trim() !== '')].join('\n');

function document(data: LetterBase, title: string, paragraphs: (string | false | undefined)[], fields: Record<string, string | undefined>): LetterDocument {
  return {
    title,
    recipient: recipientOf(data.recipient),
    date: data.date,
    reference: data.reference,
    paragraphs: paragraphs.filter((p): p is string => typeof p === 'string' && p !== ''),
    fields: Object.fromEntries(Object.entries({ Dossiernummer: data.reference, ...fields }).filter((e): e is [string, string] => e[1] !== undefined)),
  };
}

const capitalised = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

const salutation = (data: LetterBase) => `Geachte ${data.recipient.name},`;

/** A legal basis in parentheses after a sentence, when the procedure cites one. */
const cited = (basis: string | undefined) => (basis ? ` (${basis})` : '');

function contactParagraph(data: LetterBase): string {
  const worker = data.socialWorker;
  return (
    (worker ? `Uw maatschappelijk werker is ${worker.name} (${worker.contact}). ` : '') +
    `Uw dossier wordt behandeld door: ${data.service}. Vermeld bij elk contact uw dossiernummer ${data.reference}.`
  );
}

const closing = (data: LetterBase) => `Met vriendelijke groeten,\n${data.socialWorker ? `${data.socialWorker.name}, maatschappelijk werker\n` : ''}${data.ocmwName}`;

function receipt(d: ReceiptData): LetterDocument {
  const p = d.procedure;
  return document(d, 'Ontvangstbewijs van uw aanvraag', [
    salutation(d),
    `Wij hebben uw aanvraag voor ${p.request} ontvangen op ${formatDateNl(d.requestDate)}. Uw aanvraag is ingeschreven ` +
      `in het register van de aanvragen onder het dossiernummer ${d.reference}.`,
    `Het OCMW beslist over uw aanvraag ${p.decisionTerm}, dus uiterlijk op ` +
      `${formatDateNl(d.decisionDueDate)}. U ontvangt de beslissing binnen 8 dagen nadat ze genomen is.`,
    `Recht om gehoord te worden: u hebt het recht om gehoord te worden door het ${p.decidingBody} voor het over uw ` +
      `aanvraag beslist. Vraag dat schriftelijk aan; wij laten u dan weten waar en wanneer u gehoord wordt. U mag zich ` +
      `laten bijstaan of vertegenwoordigen door een persoon van uw keuze${cited(p.hearingBasis)}.`,
    `Nieuwe feiten melden: u moet ons onmiddellijk elk nieuw feit melden dat een invloed kan hebben op uw aanvraag, ` +
      `bijvoorbeeld een verandering van uw inkomen, uw adres of uw gezinssituatie.`,
    contactParagraph(d),
    closing(d),
  ], {
    'Datum van de aanvraag': formatDateNl(d.requestDate),
    'Beslissing uiterlijk op': formatDateNl(d.decisionDueDate),
    'Behandelende dienst': d.service,
    'Maatschappelijk werker': d.socialWorker?.name,
  });
}

function hearingRight(d: HearingRightData): LetterDocument {
  const body = d.decidingBody ?? d.procedure.decidingBody;
  return document(d, 'Uw recht om gehoord te worden', [
    salutation(d),
    `Tijdens het sociaal onderzoek naar uw aanvraag (dossier ${d.reference}) laten wij u weten dat u het recht hebt ` +
      `om gehoord te worden door het ${body}, dat over uw aanvraag beslist${cited(d.procedure.hearingBasis)}.`,
    `Wilt u gehoord worden, vraag het dan schriftelijk aan bij uw maatschappelijk werker of bij de sociale dienst. ` +
      `Wij laten u daarna schriftelijk weten waar en wanneer u gehoord wordt.`,
    `U mag zich laten bijstaan of vertegenwoordigen door een persoon van uw keuze, bijvoorbeeld een advocaat, ` +
      `een familielid of een medewerker van een vakbond of een vereniging.`,
    contactParagraph(d),
    closing(d),
  ], { 'Beslissend orgaan': body });
}

function hearingInvitation(d: HearingInvitationData): LetterDocument {
  const body = d.decidingBody ?? d.procedure.decidingBody;
  return document(d, 'Uitnodiging om gehoord te worden', [
    salutation(d),
    `U hebt gevraagd om gehoord te worden over uw aanvraag (dossier ${d.reference}). Het ${body} nodigt u uit op ` +
      `${formatDateLongNl(d.hearing.date)} om ${d.hearing.time} uur, op deze plaats: ${d.hearing.place}${cited(d.procedure.hearingBasis)}.`,
    `U mag zich laten bijstaan of vertegenwoordigen door een persoon van uw keuze. Wie u vertegenwoordigt, brengt ` +
      `een schriftelijke volmacht mee.`,
    `Kunt u niet komen, laat het ons dan zo snel mogelijk weten. U kunt uw standpunt ook schriftelijk bezorgen.`,
    contactParagraph(d),
    closing(d),
  ], {
    Plaats: d.hearing.place,
    Datum: formatDateLongNl(d.hearing.date),
    Uur: d.hearing.time,
  });
}

function documentsRequest(d: DocumentsRequestData, reminder?: { firstRequestDate: IsoDate }): LetterDocument {
  return document(d, reminder ? 'Herinnering: ontbrekende stukken' : 'Vraag om ontbrekende stukken', [
    salutation(d),
    reminder
      ? `Op ${formatDateNl(reminder.firstRequestDate)} vroegen wij u om stukken voor het onderzoek van uw aanvraag ` +
        `(dossier ${d.reference}). Wij hebben de volgende stukken nog niet ontvangen:`
      : `Om uw aanvraag (dossier ${d.reference}) te kunnen onderzoeken, hebben wij de volgende stukken nodig:`,
    d.documents.map((doc) => `- ${doc}`).join('\n'),
    `Bezorg ons deze stukken uiterlijk op ${formatDateNl(d.answerBy)}. U mag ze afgeven op de sociale dienst, ` +
      `per post opsturen of per e-mail bezorgen.`,
    reminder
      ? `Zonder deze stukken kunnen wij niet nagaan of u recht hebt op hulp. Onvoldoende medewerking aan het sociaal ` +
        `onderzoek kan leiden tot een weigering van uw aanvraag. Hebt u moeite om een stuk te krijgen, neem dan contact ` +
        `met ons op: wij helpen u.`
      : `Hebt u moeite om een stuk te krijgen, neem dan contact met ons op: wij helpen u.`,
    contactParagraph(d),
    closing(d),
  ], {
    'Ontbrekende stukken': d.documents.join('; '),
    'Te bezorgen uiterlijk op': formatDateNl(d.answerBy),
    'Eerste vraag op': reminder ? formatDateNl(reminder.firstRequestDate) : undefined,
  });
}

const DECISION_TITLES: Record<DecisionKind, (right: string) => string> = {
  grant: (right) => `Beslissing over uw aanvraag ${right}: toekenning`,
  refusal: (right) => `Beslissing over uw aanvraag ${right}: weigering`,
  revision: (right) => `Beslissing: herziening van uw ${right}`,
  stop: (right) => `Beslissing: stopzetting van uw ${right}`,
  recovery: (right) => `Beslissing: terugvordering van ${right}`,
};

function decisionSentence(kind: DecisionKind, d: DecisionData, body: string, right: string): string {
  const on = `Het ${body} heeft in zijn zitting van ${formatDateNl(d.decisionDate)} beslist`;
  const a = d.procedure.article ? `${d.procedure.article} ` : '';
  switch (kind) {
    case 'grant':
      return `${on} u ${a}${right} toe te kennen${d.effectiveDate ? ` vanaf ${formatDateNl(d.effectiveDate)}` : ''}.`;
    case 'refusal':
      return `${on} uw aanvraag voor ${a}${right} te weigeren.`;
    case 'revision':
      return `${on} uw ${right} te herzien vanaf ${formatDateNl(d.effectiveDate as IsoDate)}.`;
    case 'stop':
      return `${on} uw ${right} stop te zetten vanaf ${formatDateNl(d.effectiveDate as IsoDate)}.`;
    case 'recovery': {
      const r = d.recovery!;
      return `${on} ${formatEuro(r.amountCents)} terug te vorderen van de ${right} die u ontving voor de periode van ` +
        `${formatDateNl(r.periodFrom)} tot en met ${formatDateNl(r.periodTo)}: voor die periode ontving u achteraf uitkeringen van ${r.payer}.`;
    }
  }
}

/** The appeal as the procedure's rule says it (court, term, legal basis), with the dates of this notification. */
function appealParagraphs(d: Pick<DecisionData, 'appeal' | 'procedure'>): string[] {
  const a = d.appeal;
  const rule = d.procedure.appeal;
  return [
    `Beroep: bent u het niet eens met deze beslissing, dan kunt u beroep instellen bij de ${rule.court}: ` +
      `${a.labourCourtAddress}.`,
    `Termijn: het beroep moet worden ingesteld binnen ${rule.term} na de kennisgeving van deze beslissing ` +
      `(${rule.legalBasis}). Deze beslissing wordt u ter kennis gebracht op ` +
      `${formatDateNl(a.notifiedOn)}${a.deliveryNote ? ` (${a.deliveryNote})` : ''}. Uw beroep moet dus uiterlijk op ` +
      `${formatDateNl(a.until)} bij de ${rule.court} zijn ingesteld.`,
    `Hoe: ${a.how}`,
    `Het beroep schorst de beslissing niet: de beslissing blijft van toepassing zolang de ${rule.court} niet ` +
      `anders heeft beslist.`,
  ];
}

function decision(kind: DecisionKind, d: DecisionData): LetterDocument {
  const right = d.procedure.right;
  const body = d.decidingBody ?? d.procedure.decidingBody;
  const aid = kind === 'grant' ? d.aid : undefined;
  const money = (kind === 'grant' || kind === 'revision') && !aid && d.amount;
  const category = money && d.category ? CATEGORY_LABELS[d.category] : undefined;
  return document(d, DECISION_TITLES[kind](right), [
    salutation(d),
    decisionSentence(kind, d, body, right),
    category && `Categorie: u ontvangt ${d.procedure.categoryOf} in ${category}. Reden: ${d.categoryReason}`,
    money && `Bedrag: ${formatEuro(d.amount!.monthlyCents)} per maand. Betaling: ${d.amount!.frequency}.`,
    money && `Berekening: ${d.amount!.computation}`,
    aid && `Vorm van de hulp: ${aid.label}. ${aid.description}`,
    aid?.amountCents !== undefined && `Bedrag: ${formatEuro(aid.amountCents)}, eenmalig.`,
    kind === 'recovery' && d.recovery?.subrogation &&
      `Het OCMW treedt voor dit bedrag in uw rechten tegenover ${d.recovery.payer} (subrogatie): die betaalt het rechtstreeks aan het OCMW.`,
    `Juridische gronden: ${d.legalReasons}`,
    `Feitelijke gronden: ${d.factualReasons}`,
    d.procedure.notificationBasis && `Kennisgeving: ${d.procedure.notificationBasis}`,
    ...appealParagraphs(d),
    contactParagraph(d),
    closing(d),
  ], {
    Beslissing: { grant: 'toekenning', refusal: 'weigering', revision: 'herziening', stop: 'stopzetting', recovery: 'terugvordering' }[kind],
    'Terug te vorderen': kind === 'recovery' && d.recovery ? formatEuro(d.recovery.amountCents) : undefined,
    'Datum van de beslissing': formatDateNl(d.decisionDate),
    'Beslissend orgaan': body,
    Categorie: category,
    'Bedrag per maand': money ? formatEuro(d.amount!.monthlyCents) : undefined,
    'Vorm van de hulp': aid?.label,
    'Eenmalig bedrag': aid?.amountCents !== undefined ? formatEuro(aid.amountCents) : undefined,
    Betaling: money ? d.amount!.frequency : undefined,
    [kind === 'stop' ? 'Einde van het recht' : 'Vanaf']: d.effectiveDate ? formatDateNl(d.effectiveDate) : undefined,
    Kennisgeving: formatDateNl(d.appeal.notifiedOn),
    'Beroep uiterlijk op': formatDateNl(d.appeal.until),
    [capitalised(d.procedure.appeal.court)]: d.appeal.labourCourtAddress,
    'Maatschappelijk werker': d.socialWorker ? `${d.socialWorker.name} (${d.socialWorker.contact})` : undefined,
  });
}

function forwardingOcmw(d: ForwardingOcmwData): LetterDocument {
  const p = d.procedure;
  return document(d, 'Doorzending van een aanvraag aan het bevoegde OCMW', [
    `Geachte collega's,`,
    `Op ${formatDateNl(d.requestDate)} ontving ons OCMW een aanvraag voor ${p.request} van ${d.applicant.name}` +
      `${d.applicant.nationalNumber ? ` (rijksregisternummer ${d.applicant.nationalNumber})` : ''}, ` +
      `${d.applicant.address.join(', ')}. Ons dossiernummer is ${d.reference}.`,
    `Wij zijn van oordeel dat niet ons OCMW maar uw OCMW bevoegd is om deze aanvraag te behandelen (wet van ` +
      `2 april 1965). Redenen: ${d.reasons}`,
    `Wij sturen u de aanvraag daarom door, binnen vijf kalenderdagen na onze vaststelling (${p.forwardingBasis.ocmw}). ` +
      `De aanvrager wordt tegelijk schriftelijk op de hoogte gebracht.`,
    `Voor vragen over dit dossier: ${d.service}${d.socialWorker ? `, ${d.socialWorker.name} (${d.socialWorker.contact})` : ''}.`,
    closing(d),
  ], {
    Aanvrager: d.applicant.name,
    'Datum van de aanvraag': formatDateNl(d.requestDate),
    'Bevoegd OCMW': d.competentOcmw.name,
    'Redenen van onbevoegdheid': d.reasons,
  });
}

function forwardingApplicant(d: ForwardingApplicantData): LetterDocument {
  const p = d.procedure;
  return document(d, 'Uw aanvraag is doorgestuurd naar het bevoegde OCMW', [
    salutation(d),
    `Op ${formatDateNl(d.requestDate)} diende u bij ons een aanvraag in voor ${p.request} (dossier ${d.reference}).`,
    `Volgens de wet van 2 april 1965 is niet ons OCMW maar ${d.competentOcmw.name}, ` +
      `${d.competentOcmw.address.join(', ')}, bevoegd om uw aanvraag te behandelen. Redenen: ${d.reasons}`,
    `Wij hebben uw aanvraag daarom op ${formatDateNl(d.forwardDate)} doorgestuurd naar dat OCMW ` +
      `(${p.forwardingBasis.applicant}). U hoeft geen nieuwe aanvraag in te dienen: dat OCMW neemt contact met u op of u kunt er zelf ` +
      `terecht met uw vragen.`,
    contactParagraph(d),
    closing(d),
  ], {
    'Datum van de aanvraag': formatDateNl(d.requestDate),
    'Doorgestuurd op': formatDateNl(d.forwardDate),
    'Bevoegd OCMW': `${d.competentOcmw.name}, ${d.competentOcmw.address.join(', ')}`,
    'Redenen van onbevoegdheid': d.reasons,
  });
}

function trajectoryAgreement(d: TrajectoryAgreementData): LetterDocument {
  return document(d, `Overeenkomst ${d.guidance.toLowerCase()}`, [
    salutation(d),
    `Het Bijzonder Comité voor de Sociale Dienst besliste op ${formatDateNl(d.decisionDate)} u te helpen met ${d.guidance.toLowerCase()} ` +
      `(dossier ${d.reference}; art. 1 en 57 §1 OCMW-wet). Deze overeenkomst legt vast wat wij samen afspreken.`,
    d.management
      ? `Opdracht: u geeft het OCMW de opdracht uw inkomsten te ontvangen op een budgetbeheerrekening op uw naam die het OCMW beheert, ` +
        `en daarvan volgens het budgetplan dat wij samen opmaken uw vaste kosten en de afbetalingen aan uw schuldeisers te betalen. ` +
        `U ontvangt elke week leefgeld op uw eigen rekening. Wij bespreken het budgetplan met u bij elke wijziging.`
      : `Opdracht: de maatschappelijk werker helpt u uw budget te plannen en op te volgen; u betaalt zelf uw rekeningen en schuldeisers.`,
    `Duur: ${d.durationMonths} maanden vanaf de ondertekening. Wij evalueren het traject geregeld met u in een gesprek.`,
    `Einde: u kunt de overeenkomst op elk moment schriftelijk opzeggen. Het traject eindigt ook na de afgesproken duur, of wanneer ` +
      `het Bijzonder Comité na een evaluatie beslist het te beëindigen. Bij het einde krijgt u een afrekening van de rekening.`,
    `Onderteken deze overeenkomst samen met uw maatschappelijk werker; pas daarna begint het traject.`,
    contactParagraph(d),
    closing(d),
  ], {
    'Soort hulp': d.guidance,
    'Beslissing BCSD': formatDateNl(d.decisionDate),
    Duur: `${d.durationMonths} maanden`,
    'Maatschappelijk werker': d.socialWorker ? `${d.socialWorker.name} (${d.socialWorker.contact})` : undefined,
  });
}

/** LOI-7: the OCMW closes places of its LOI; to Fedasil, signed by the OCMW. */
function loiClosureNotice(d: LoiClosureNoticeData): LetterDocument {
  const beds = d.place.capacity === 1 ? '1 opvangplaats' : `${d.place.capacity} opvangplaatsen`;
  const where = `${d.place.code}, ${d.place.address}${d.place.unit ? `, ${d.place.unit}` : ''}`;
  return document(d, 'Opzegging van opvangplaatsen van het lokaal opvanginitiatief', [
    'Geachte heer, mevrouw,',
    `Met deze brief zegt ${d.ocmwName} ${beds} van zijn lokaal opvanginitiatief op: de wooneenheid ${where}.`,
    `Volgens de conventie tussen het OCMW en Fedasil geldt een opzegtermijn van zes maanden. De opzegging gaat in op ` +
      `${formatDateNl(d.noticeOn)}; de plaatsen blijven beschikbaar tot en met ${formatDateNl(d.closesOn)} en daarna niet meer.`,
    `Wij vragen u geen bewoners meer aan deze plaatsen toe te wijzen voor een verblijf na ${formatDateNl(d.closesOn)}, ` +
      `en de transfer te regelen van wie er dan nog zou verblijven. De plaatsen worden tot en met die dag in het ` +
      `maandelijkse formulier I opgenomen.`,
    `Voor vragen: ${d.service}.`,
    `Met vriendelijke groeten,\n${d.ocmwName}`,
  ], {
    // About a place, not a dossier: the reference (the place's code) stands as "Ons kenmerk" in the letterhead only.
    Dossiernummer: undefined,
    Opvangplaats: where,
    'Aantal plaatsen': String(d.place.capacity),
    'Opzegging vanaf': formatDateNl(d.noticeOn),
    'Laatste dag': formatDateNl(d.closesOn),
  });
}

/** An order measure or a sanction in the LOI (art. 44–46 Opvangwet), handed to the resident. */
function loiSanction(d: LoiSanctionData): LetterDocument {
  const sanction = d.kind === 'sanction';
  const period = d.from && d.to ? ` van ${formatDateNl(d.from)} tot en met ${formatDateNl(d.to)}` : '';
  return document(d, sanction ? 'Beslissing: sanctie in de opvang' : 'Beslissing: ordemaatregel in de opvang', [
    salutation(d),
    `Op ${formatDateNl(d.decidedOn)} heeft ${d.ocmwName}, als verantwoordelijke van het lokaal opvanginitiatief, beslist u ` +
      `${sanction ? 'de volgende sanctie' : 'de volgende ordemaatregel'} op te leggen${period}: ${d.measure}.`,
    `Feitelijke gronden: ${d.facts}`,
    sanction
      ? `Juridische gronden: een ernstige tekortkoming aan de regels en de werking van de opvangstructuur (art. 45 van de ` +
        `wet van 12 januari 2007 betreffende de opvang van asielzoekers, de Opvangwet). U werd vooraf gehoord op ` +
        `${formatDateNl(d.heardOn!)} (art. 46 Opvangwet).`
      : `Juridische gronden: een ordemaatregel beschermt de orde en de veiligheid in de opvangstructuur (art. 44 van de ` +
        `Opvangwet en het koninklijk besluit over de ordemaatregelen, de sancties en de klachten, in werking sinds 4 ` +
        `augustus 2014). Hij geldt meteen; u kunt uw opmerkingen aan uw maatschappelijk werker geven.`,
    d.leefgeld && `Leefgeld: in deze periode houdt het OCMW ${d.leefgeld} in. Wat niet is ingehouden, krijgt u zoals gewoonlijk.`,
    d.transfer && `Het OCMW vraagt Fedasil om u een andere opvangplaats toe te wijzen. U hoort van ons wanneer en waar.`,
    `Uw recht op medische begeleiding blijft altijd behouden.`,
    ...appealParagraphs(d),
    contactParagraph(d),
    closing(d),
  ], {
    [sanction ? 'Sanctie' : 'Ordemaatregel']: d.measure,
    'Beslist op': formatDateNl(d.decidedOn),
    Periode: period ? period.trim() : undefined,
    'Gehoord op': d.heardOn ? formatDateNl(d.heardOn) : undefined,
  });
}

function trajectoryEnded(d: TrajectoryEndedData): LetterDocument {
  return document(d, `Einde van uw traject ${d.guidance.toLowerCase()}`, [
    salutation(d),
    `Uw traject ${d.guidance.toLowerCase()} (dossier ${d.reference}) eindigt op ${formatDateNl(d.endDate)}: ${d.reason}.`,
    d.management
      ? `Na die dag betaalt het OCMW niets meer van de budgetbeheerrekening. U ontvangt een afrekening van de rekening; wat er nog ` +
        `op staat, storten wij op uw eigen rekening. Uw schuldeisers worden op de hoogte gebracht.`
      : `Vanaf die dag volgt de maatschappelijk werker uw budget niet meer op.`,
    `U kunt altijd opnieuw hulp vragen bij de sociale dienst.`,
    contactParagraph(d),
    closing(d),
  ], { 'Soort hulp': d.guidance, Einddatum: formatDateNl(d.endDate), Reden: d.reason });
}

// Letters to creditors, bailiffs and collection agencies (domain §3.1 step 4). They name the debtor, the creditor's
// file number, and the date the answer is expected by; the social worker is the contact.

function aboutDebtor(d: CreditorLetterData): string {
  return `${d.ocmwName} begeleidt ${d.debtor.name}${d.debtor.address.length ? `, ${d.debtor.address.join(', ')}` : ''}, in een traject van ` +
    `schuldhulpverlening (budgetbegeleiding, budgetbeheer of schuldbemiddeling; art. 1 en 57 §1 van de organieke wet van 8 juli 1976 ` +
    `betreffende de openbare centra voor maatschappelijk welzijn)${d.fileNumber ? `. Het gaat om uw dossier ${d.fileNumber}` : ''}.`;
}

function answerParagraph(d: CreditorLetterData, what: string): string {
  return `Wij verwachten ${what} uiterlijk op ${formatDateNl(d.answerBy)}. Vermeld daarbij ons dossiernummer ${d.reference}.`;
}

function creditorContact(d: LetterBase): string {
  return `Voor vragen over dit dossier: ${d.service}${d.socialWorker ? `, ${d.socialWorker.name} (${d.socialWorker.contact})` : ''}.`;
}

function creditorFields(d: CreditorLetterData, extra: Record<string, string | undefined> = {}): Record<string, string | undefined> {
  return { Schuldenaar: d.debtor.name, 'Uw dossier': d.fileNumber, ...extra, 'Antwoord verwacht uiterlijk': formatDateNl(d.answerBy) };
}

export const CREDITOR_LETTER_TITLES = {
  'creditor-statement-request': 'Vraag om een actueel overzicht van de schuld',
  'creditor-collection-suspension': 'Vraag om de invordering op te schorten en de invorderingskosten te beperken',
  'creditor-repayment-proposal': 'Voorstel van afbetalingsplan',
  'creditor-csr-admissibility': 'Toelaatbaarheid tot de collectieve schuldenregeling',
} as const;

function statementRequest(d: CreditorLetterData): LetterDocument {
  return document(d, CREDITOR_LETTER_TITLES['creditor-statement-request'], [
    salutation(d),
    aboutDebtor(d),
    `Om een haalbaar budget en een afbetalingsplan op te maken, vragen wij u ons een actueel overzicht van deze schuld te ` +
      `bezorgen, met afzonderlijk: de hoofdsom, de intresten (met de rentevoet en de periode waarover ze lopen), de kosten ` +
      `(invorderingskosten, kosten van de gerechtsdeurwaarder, gerechtskosten) en de betalingen die u al ontving.`,
    answerParagraph(d, 'uw overzicht'),
    creditorContact(d),
    closing(d),
  ], creditorFields(d));
}

// [V] domain §3: the protocol of 7 March 2024 exists, between these parties, to limit collection costs once a
// debt-help trajectory has started. [U] what it commits a signatory to in practice (a suspension period, a cap on the
// costs), and that it binds a creditor who did not sign it: the letter asks and cites its aim, it states no obligation.
function collectionSuspension(d: CollectionSuspensionData): LetterDocument {
  return document(d, CREDITOR_LETTER_TITLES['creditor-collection-suspension'], [
    salutation(d),
    aboutDebtor(d) + (d.trajectorySince ? ` Het traject loopt sinds ${formatDateNl(d.trajectorySince)}.` : ''),
    `Wij vragen u de invordering van deze schuld op te schorten zolang het traject loopt, geen nieuwe ` +
      `invorderingsmaatregelen te nemen en de invorderingskosten te beperken. Daartoe strekt het protocol van 7 maart 2024 ` +
      `tussen de Vlaamse Regering, de gerechtsdeurwaarders (NKGB), de incassobureaus, de VVSG, de CAW's en SAM: het beperken ` +
      `van de invorderingskosten zodra een traject van schuldhulpverlening is gestart.`,
    `Zo krijgt de schuldenaar de ruimte om samen met ons een afbetaling voor te stellen die het budget toelaat. U ontvangt ` +
      `daarover een afzonderlijk voorstel.`,
    answerParagraph(d, 'uw antwoord (of u de invordering opschort)'),
    creditorContact(d),
    closing(d),
  ], creditorFields(d, { 'Traject sinds': d.trajectorySince ? formatDateNl(d.trajectorySince) : undefined }));
}

function repaymentProposal(d: RepaymentProposalData): LetterDocument {
  const total = d.totalCents ?? d.monthlyCents * d.durationMonths;
  return document(d, CREDITOR_LETTER_TITLES['creditor-repayment-proposal'], [
    salutation(d),
    aboutDebtor(d),
    `Na onderzoek van het budget stellen wij u de volgende afbetaling voor: ${formatEuro(d.monthlyCents)} per maand, vanaf ` +
      `${formatDateNl(d.startDate)}, gedurende ${d.durationMonths} maanden (samen ${formatEuro(total)}). De vaste kosten en het ` +
      `leefgeld van het gezin gaan voor; dit bedrag is wat het budget daarna voor deze schuld toelaat.`,
    `Wij vragen u dit voorstel te aanvaarden en de invordering op te schorten zolang de afbetaling wordt nagekomen. Gaat u ` +
      `niet akkoord, dan horen wij graag uw tegenvoorstel.`,
    answerParagraph(d, 'uw antwoord (aanvaarding, tegenvoorstel of weigering)'),
    creditorContact(d),
    closing(d),
  ], creditorFields(d, {
    'Bedrag per maand': formatEuro(d.monthlyCents),
    Vanaf: formatDateNl(d.startDate),
    Duur: `${d.durationMonths} maanden`,
    Totaal: formatEuro(total),
  }));
}

function csrAdmissibility(d: CsrAdmissibilityData): LetterDocument {
  return document(d, CREDITOR_LETTER_TITLES['creditor-csr-admissibility'], [
    salutation(d),
    `Wij laten u weten dat ${d.court} ${d.debtor.name} bij beschikking van ${formatDateNl(d.orderDate)} toelaatbaar heeft ` +
      `verklaard tot de collectieve schuldenregeling (art. 1675/2 en volgende van het Gerechtelijk Wetboek). Als ` +
      `schuldbemiddelaar werd aangesteld: ${d.mediator}.${d.fileNumber ? ` Het gaat om uw dossier ${d.fileNumber}.` : ''}`,
    `Gevolgen van de beschikking (art. 1675/7 Ger.W.): vanaf de beschikking lopen er geen intresten meer op uw ` +
      `schuldvordering en worden alle middelen van tenuitvoerlegging geschorst; lopende beslagen en invorderingsmaatregelen ` +
      `kunnen niet worden voortgezet. De inkomsten van de schuldenaar gaan naar de rekening van de schuldbemiddelaar.`,
    `Dien uw schuldvordering in bij de schuldbemiddelaar binnen één maand na de verzending van de beschikking ` +
      `(art. 1675/9 §2 Ger.W.).`,
    answerParagraph(d, 'uw bevestiging dat u de invordering hebt stopgezet'),
    creditorContact(d),
    closing(d),
  ], creditorFields(d, { Beschikking: formatDateNl(d.orderDate), Rechtbank: d.court, Schuldbemiddelaar: d.mediator }));
}

function creditorReminder(d: CreditorReminderData): LetterDocument {
  return document(d, `Herinnering: ${d.firstLetterSubject}`, [
    salutation(d),
    `Op ${formatDateNl(d.firstLetterDate)} schreven wij u over de schuld van ${d.debtor.name}` +
      `${d.fileNumber ? ` (uw dossier ${d.fileNumber})` : ''}: "${d.firstLetterSubject}". Wij ontvingen nog geen antwoord.`,
    `Wij begeleiden ${d.debtor.name} in een traject van schuldhulpverlening; zonder uw antwoord kunnen wij geen haalbare ` +
      `regeling voor alle schuldeisers uitwerken.`,
    answerParagraph(d, 'uw antwoord'),
    creditorContact(d),
    closing(d),
  ], creditorFields(d, { 'Eerste brief': `${formatDateNl(d.firstLetterDate)}: ${d.firstLetterSubject}` }));
}

function csrClaimReminder(d: CsrClaimReminderData): LetterDocument {
  return document(d, 'Herinnering: aangifte van schuldvordering (collectieve schuldenregeling)', [
    salutation(d),
    `Bij beschikking van ${formatDateNl(d.orderDate)} verklaarde de ${d.court} het verzoek tot collectieve schuldenregeling van onze ` +
      `cliënt (dossier ${d.reference}) toelaatbaar en stelde het OCMW aan als schuldbemiddelaar.` +
      (d.fileNumber ? ` Het betreft uw dossier ${d.fileNumber}.` : ''),
    `De termijn van één maand om uw schuldvordering aan te geven liep af op ${formatDateNl(d.termEnd)}; wij ontvingen geen aangifte van u.`,
    `U kunt uw schuldvordering nog aangeven tot en met ${formatDateNl(d.declareBy)}, vijftien dagen na deze herinnering, bij aangetekende ` +
      `brief met ontvangstbewijs of tegen ontvangstbewijs. Zonder aangifte binnen die termijn wordt u geacht af te zien van uw ` +
      `schuldvordering (art. 1675/9 §3 Gerechtelijk Wetboek).`,
    contactParagraph(d),
    closing(d),
  ], { Rechtbank: d.court, 'Beschikking van toelaatbaarheid': formatDateNl(d.orderDate), 'Aangifte uiterlijk': formatDateNl(d.declareBy) });
}

/**
 * Renders a template, after checking its mandatory elements: a letter that lacks one is refused with a
 * LetterIncompleteError naming each missing element.
 */
/** To the landlord: the OCMW's guarantee letter (domain §6.1, OCMW practice), released only by agreement or judgment. */
function guaranteeLetter(d: GuaranteeLetterData): LetterDocument {
  return document(d, 'Waarborgbrief: huurwaarborg door het OCMW', [
    'Geachte heer, mevrouw,',
    `Het Bijzonder Comité voor de Sociale Dienst van ${d.ocmwName} besliste op ${formatDateNl(d.decisionDate)} de huurwaarborg ` +
      `van uw huurder ${d.client.name} (${d.client.address.join(', ')}) te stellen voor de huurovereenkomst van ${formatDateNl(d.leaseSignedOn)}, ` +
      `met een huurprijs van ${formatEuro(d.monthlyRentCents)} per maand.`,
    `Met deze brief staat het OCMW tegenover u borg voor de verplichtingen van de huurder uit die huurovereenkomst, tot een ` +
      `bedrag van ${formatEuro(d.amountCents)} (${d.law}). Het OCMW stort dit bedrag niet; het betaalt u wat de huurder u ` +
      `op het einde van de huur verschuldigd blijft, tot dat bedrag.`,
    `Vrijgave: de waarborg wordt alleen aangesproken of vrijgegeven met een schriftelijk akkoord van de huurder en de ` +
      `verhuurder, opgemaakt na het einde van de huurovereenkomst, of met een rechterlijke beslissing. Bezorg ons dat akkoord ` +
      `of die beslissing, met vermelding van ons dossiernummer ${d.reference}.`,
    `Voor vragen: ${d.service}.`,
    `Met vriendelijke groeten,\n${d.ocmwName}`,
  ], {
    Huurder: d.client.name,
    'Huurovereenkomst van': formatDateNl(d.leaseSignedOn),
    Huurprijs: `${formatEuro(d.monthlyRentCents)} per maand`,
    'Bedrag van de waarborg': formatEuro(d.amountCents),
    'Beslissing BCSD': formatDateNl(d.decisionDate),
  });
}

/** To the bank: the request for a bank guarantee under the OCMW's standard contract (Woninghuurwet art. 10 §1). */
function guaranteeBankRequest(d: GuaranteeLetterData): LetterDocument {
  return document(d, 'Aanvraag van een bankwaarborg voor een huurwaarborg', [
    'Geachte heer, mevrouw,',
    `Het Bijzonder Comité voor de Sociale Dienst van ${d.ocmwName} besliste op ${formatDateNl(d.decisionDate)} de huurwaarborg ` +
      `van ${d.client.name} (${d.client.address.join(', ')}) te laten stellen door uw bank, volgens de standaardovereenkomst tussen ` +
      `het OCMW en uw bank.`,
    `Wij vragen u een bankwaarborg van ${formatEuro(d.amountCents)} te stellen ten gunste van de verhuurder ${d.landlord}, voor de ` +
      `huurovereenkomst van ${formatDateNl(d.leaseSignedOn)} met een huurprijs van ${formatEuro(d.monthlyRentCents)} per maand (${d.law}).`,
    `Bezorg ons en de huurder het bewijs van de waarborg, met vermelding van ons dossiernummer ${d.reference}.`,
    `Voor vragen: ${d.service}.`,
    `Met vriendelijke groeten,\n${d.ocmwName}`,
  ], {
    Huurder: d.client.name,
    Verhuurder: d.landlord,
    'Huurovereenkomst van': formatDateNl(d.leaseSignedOn),
    'Bedrag van de waarborg': formatEuro(d.amountCents),
    'Beslissing BCSD': formatDateNl(d.decisionDate),
  });
}

/** To the client: the plan to repay the guarantee the OCMW deposited, with the account and the communication. */
function guaranteeRepaymentPlan(d: GuaranteeRepaymentPlanData): LetterDocument {
  const first = d.instalments[0];
  const last = d.instalments[d.instalments.length - 1];
  return document(d, d.replacesPlanOf ? 'Nieuw afbetalingsplan voor uw huurwaarborg' : 'Afbetalingsplan voor uw huurwaarborg', [
    salutation(d),
    (d.paidToLandlordOn
      ? `Het OCMW stond met een waarborgbrief borg voor uw huurwaarborg (beslissing van het Bijzonder Comité voor de Sociale ` +
        `Dienst van ${formatDateNl(d.decisionDate)}, dossier ${d.reference}). Bij het einde van de huur kreeg uw verhuurder op ` +
        `${formatDateNl(d.paidToLandlordOn)} een bedrag uit die waarborg; het OCMW betaalt het hem. U betaalt het OCMW dat bedrag terug `
      : `Het Bijzonder Comité voor de Sociale Dienst besliste op ${formatDateNl(d.decisionDate)} uw huurwaarborg als voorschot te ` +
        `storten op een geblokkeerde huurwaarborgrekening op uw naam (dossier ${d.reference}). U betaalt dat voorschot terug `) +
      `volgens dit plan${d.replacesPlanOf ? `, dat het plan van ${formatDateNl(d.replacesPlanOf)} vervangt` : ''}.`,
    `Nog terug te betalen: ${formatEuro(d.amountCents)}, in ${d.instalments.length === 1 ? 'één afbetaling' : `${d.instalments.length} maandelijkse afbetalingen`}: ` +
      d.instalments.map((i) => `${formatDateNl(i.dueDate)}: ${formatEuro(i.amountCents)}`).join('; ') + '.',
    `Betaal elke afbetaling op rekening ${d.ocmwIban} van ${d.ocmwName}, met de gestructureerde mededeling ${d.communication}. ` +
      `Met die mededeling komt uw betaling meteen bij uw dossier terecht.`,
    `Kunt u een afbetaling niet betalen? Neem dan contact op met uw maatschappelijk werker voor de vervaldag: samen zoeken wij een oplossing.`,
    !d.paidToLandlordOn &&
      `Op het einde van de huur wordt de waarborg vrijgegeven met een schriftelijk akkoord van u en de verhuurder of met een ` +
        `rechterlijke beslissing. Wat u dan nog niet hebt terugbetaald, verrekent het OCMW met de vrijgegeven waarborg.`,
    contactParagraph(d),
    closing(d),
  ], {
    'Terug te betalen': formatEuro(d.amountCents),
    'Eerste afbetaling': `${formatDateNl(first.dueDate)}: ${formatEuro(first.amountCents)}`,
    'Laatste afbetaling': `${formatDateNl(last.dueDate)}: ${formatEuro(last.amountCents)}`,
    Rekening: d.ocmwIban,
    'Gestructureerde mededeling': d.communication,
  });
}

/** To the client: an instalment of the plan is not (fully) paid. */
function guaranteeInstalmentReminder(d: GuaranteeInstalmentReminderData): LetterDocument {
  return document(d, 'Herinnering: afbetaling van uw huurwaarborg', [
    salutation(d),
    `Volgens uw afbetalingsplan voor de huurwaarborg (dossier ${d.reference}) was op ${formatDateNl(d.instalment.dueDate)} ` +
      `afbetaling ${d.instalment.number} van ${formatEuro(d.instalment.amountCents)} verschuldigd. Wij hebben tot vandaag ` +
      `${formatEuro(d.behindCents)} minder ontvangen dan volgens het plan betaald moest zijn.`,
    `Betaal dat bedrag uiterlijk op ${formatDateNl(d.payBy)} op rekening ${d.ocmwIban} van ${d.ocmwName}, met de gestructureerde ` +
      `mededeling ${d.communication}. Hebt u intussen betaald, dan mag u deze brief als niet verzonden beschouwen.`,
    `Lukt het niet? Neem dan contact op met uw maatschappelijk werker: een aangepast plan is mogelijk.`,
    contactParagraph(d),
    closing(d),
  ], {
    Afbetaling: `${d.instalment.number}: ${formatEuro(d.instalment.amountCents)} op ${formatDateNl(d.instalment.dueDate)}`,
    Achterstand: formatEuro(d.behindCents),
    'Te betalen uiterlijk op': formatDateNl(d.payBy),
    Rekening: d.ocmwIban,
    'Gestructureerde mededeling': d.communication,
  });
}

/** To the care home: the OCMW pays, from a day, what the resident's income leaves of each monthly invoice (domain §11). */
function placementCommitment(d: PlacementCommitmentData): LetterDocument {
  return document(d, 'Betalingsverbintenis: tussenkomst in de verblijfskosten', [
    'Geachte heer, mevrouw,',
    `Het Bijzonder Comité voor de Sociale Dienst van ${d.ocmwName} besliste op ${formatDateNl(d.decisionDate)} tussen te komen ` +
      `in de verblijfskosten van uw bewoner ${d.client.name}, vanaf ${formatDateNl(d.effectiveFrom)}.`,
    `Het inkomen van de bewoner gaat naar uw factuur, min het zakgeld dat de bewoner behoudt. Het OCMW betaalt u elke maand ` +
      `het verschil; volgens uw prijs is dat ongeveer ${formatEuro(d.monthlyEstimateCents)} per maand.`,
    `Bezorg ons uw factuur per maand, met uw factuurnummer en ons dossiernummer ${d.reference}. Het OCMW betaalt één factuur per ` +
      `maand; een correctie of creditnota bespreekt u met de maatschappelijk assistent. Meld ons meteen het overlijden of het vertrek ` +
      `van de bewoner.`,
    `Voor vragen: ${d.service}.`,
    `Met vriendelijke groeten,\n${d.ocmwName}`,
  ], {
    Bewoner: d.client.name,
    'Tussenkomst vanaf': formatDateNl(d.effectiveFrom),
    'Geschat bedrag per maand': formatEuro(d.monthlyEstimateCents),
    'Beslissing BCSD': formatDateNl(d.decisionDate),
  });
}

// [V-sec] domain §11: the OCMW examines the spouse's and the children's contribution by the uniform scale of art. 98 §2
// OCMW-wet and may waive it for equity reasons. [U] the documents asked (the last tax assessment, the household's
// composition), the term to send them and what follows a refusal to answer: the letters ask and inform, they threaten nothing.
function maintenanceDebtorRequest(d: MaintenanceDebtorRequestData, reminder?: { firstRequestDate: IsoDate }): LetterDocument {
  return document(d, reminder ? 'Herinnering: uw aanslagbiljet voor de bijdrage in de verblijfskosten' : 'Vraag om uw aanslagbiljet: bijdrage in de verblijfskosten', [
    salutation(d),
    (reminder ? `Op ${formatDateNl(reminder.firstRequestDate)} schreven wij u al over het volgende; wij ontvingen nog geen antwoord. ` : '') +
      `Het OCMW ${d.ocmwName} komt tussen in de verblijfskosten van ${d.client.name} in een woonzorgcentrum (dossier ${d.reference}). ` +
      `De wet laat het OCMW toe een bijdrage te vragen aan de onderhoudsplichtigen: de echtgeno(o)t(e) en de kinderen ` +
      `(artikel 98 §2 van de OCMW-wet). Die bijdrage volgt uit een eenvormige schaal, op basis van uw inkomen en de personen die u ten laste hebt.`,
    `Om uw bijdrage te kunnen berekenen, vragen wij u ons uiterlijk op ${formatDateNl(d.answerBy)} een kopie te bezorgen van uw laatste ` +
      `aanslagbiljet in de personenbelasting en een samenstelling van uw gezin. Vermeld ons dossiernummer ${d.reference}.`,
    `Het Bijzonder Comité voor de Sociale Dienst beslist over uw bijdrage; het kan er om billijkheidsredenen van afzien. ` +
      `Zijn er omstandigheden die het comité moet kennen, schrijf ze er dan bij. U ontvangt de beslissing per brief.`,
    `Voor vragen: ${d.service}.`,
    closing(d),
  ], {
    Bewoner: d.client.name,
    'Antwoord vóór': formatDateNl(d.answerBy),
    ...(reminder ? { 'Eerste vraag': formatDateNl(reminder.firstRequestDate) } : {}),
  });
}

function maintenanceDebtorDecision(d: MaintenanceDebtorDecisionData): LetterDocument {
  const pays = d.monthlyCents > 0;
  return document(d, 'Beslissing over uw bijdrage in de verblijfskosten', [
    salutation(d),
    `Het Bijzonder Comité voor de Sociale Dienst van ${d.ocmwName} besliste op ${formatDateNl(d.decisionDate)} over uw bijdrage als ` +
      `onderhoudsplichtige in de verblijfskosten van ${d.client.name} (artikel 98 §2 van de OCMW-wet, dossier ${d.reference}).`,
    pays
      ? `Uw bijdrage bedraagt ${formatEuro(d.monthlyCents)} per maand, vanaf ${formatMonthNl(d.firstMonth!)}. ${d.computation}.`
      : `U hoeft geen bijdrage te betalen. ${d.computation}.`,
    pays &&
      `Betaal elke maand op rekening ${d.ocmwIban} van ${d.ocmwName}, met de gestructureerde mededeling ${d.communication}. ` +
        `Met die mededeling komt uw betaling meteen bij het dossier terecht.`,
    pays &&
      `Verandert uw inkomen of uw gezin, of bent u het niet eens met deze bijdrage? Laat het ons schriftelijk weten: het comité ` +
        `herziet de bijdrage op uw vraag. Het OCMW kan een bijdrage die niet betaald wordt alleen via de rechter invorderen.`,
    `Voor vragen: ${d.service}.`,
    closing(d),
  ], {
    Bewoner: d.client.name,
    'Beslissing BCSD': formatDateNl(d.decisionDate),
    'Bijdrage per maand': pays ? formatEuro(d.monthlyCents) : 'geen',
    ...(pays ? { Vanaf: formatMonthNl(d.firstMonth!), Rekening: d.ocmwIban, 'Gestructureerde mededeling': d.communication } : {}),
  });
}

function maintenanceContributionReminder(d: MaintenanceContributionReminderData): LetterDocument {
  return document(d, 'Herinnering: uw bijdrage in de verblijfskosten', [
    salutation(d),
    `Volgens de beslissing van het Bijzonder Comité voor de Sociale Dienst draagt u ${formatEuro(d.monthlyCents)} per maand bij in de ` +
      `verblijfskosten van ${d.client.name} (dossier ${d.reference}). Wij hebben tot vandaag ${formatEuro(d.behindCents)} minder ontvangen dan verschuldigd.`,
    `Betaal dat bedrag uiterlijk op ${formatDateNl(d.payBy)} op rekening ${d.ocmwIban} van ${d.ocmwName}, met de gestructureerde ` +
      `mededeling ${d.communication}. Hebt u intussen betaald, dan mag u deze brief als niet verzonden beschouwen.`,
    `Lukt het niet, of is uw toestand veranderd? Neem dan contact op met ons: het comité kan uw bijdrage herzien.`,
    `Voor vragen: ${d.service}.`,
    closing(d),
  ], {
    Bewoner: d.client.name,
    Achterstand: formatEuro(d.behindCents),
    'Betalen vóór': formatDateNl(d.payBy),
    Rekening: d.ocmwIban,
    'Gestructureerde mededeling': d.communication,
  });
}

export function renderLetter<T extends TemplateName>(template: T, data: TemplateData[T]): LetterDocument {
  const missing = checkLetter(template, data);
  if (missing.length > 0) throw new LetterIncompleteError(template, missing);
  const d = data as never;
  switch (template as TemplateName) {
    case 'receipt': return receipt(d);
    case 'hearing-right': return hearingRight(d);
    case 'hearing-invitation': return hearingInvitation(d);
    case 'documents-request': return documentsRequest(d);
    case 'documents-reminder': return documentsRequest(d, { firstRequestDate: (data as DocumentsReminderData).firstRequestDate });
    case 'decision-grant': return decision('grant', d);
    case 'decision-refusal': return decision('refusal', d);
    case 'decision-revision': return decision('revision', d);
    case 'decision-stop': return decision('stop', d);
    case 'decision-recovery': return decision('recovery', d);
    case 'forwarding-ocmw': return forwardingOcmw(d);
    case 'forwarding-applicant': return forwardingApplicant(d);
    case 'trajectory-agreement': return trajectoryAgreement(d);
    case 'trajectory-ended': return trajectoryEnded(d);
    case 'creditor-statement-request': return statementRequest(d);
    case 'creditor-collection-suspension': return collectionSuspension(d);
    case 'creditor-repayment-proposal': return repaymentProposal(d);
    case 'creditor-csr-admissibility': return csrAdmissibility(d);
    case 'creditor-reminder': return creditorReminder(d);
    case 'csr-claim-reminder': return csrClaimReminder(d);
    case 'loi-sanction': return loiSanction(d);
    case 'loi-closure-notice': return loiClosureNotice(d);
    case 'guarantee-letter': return guaranteeLetter(d);
    case 'guarantee-bank-request': return guaranteeBankRequest(d);
    case 'guarantee-repayment-plan': return guaranteeRepaymentPlan(d);
    case 'guarantee-instalment-reminder': return guaranteeInstalmentReminder(d);
    case 'placement-commitment': return placementCommitment(d);
    case 'maintenance-debtor-request': return maintenanceDebtorRequest(d);
    case 'maintenance-debtor-reminder': return maintenanceDebtorRequest(d, { firstRequestDate: (data as MaintenanceDebtorRequestData).firstRequestDate! });
    case 'maintenance-debtor-decision': return maintenanceDebtorDecision(d);
    case 'maintenance-contribution-reminder': return maintenanceContributionReminder(d);
    default: throw new RangeError(`unknown letter template ${String(template)}`);
  }
}

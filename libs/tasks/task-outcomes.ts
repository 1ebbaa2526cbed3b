/**
 * The outcome of each task kind, as its `outcomeSchema` in task-kinds.ts describes it (written beside the schemas;
 * test/libs/tasks/task-outcomes.test.ts checks that both name the same fields, required or optional). Fields that a
 * conditional (`if/then`) requires are optional here. Amounts are integer cents, dates 'YYYY-MM-DD'.
 *
 * PURE types: `Dossier.task('social-inquiry')` in a workflow returns `CompletedTask<'social-inquiry'>`.
 */
import type { IsoDate } from '../deadlines/calendar-date';
import type { CompetenceFactsOutcome } from './competence-check';
import type { AidFormName } from './task-kinds';

export type Category = 1 | 2 | 3;

export type DebtGuidanceType = 'budget-guidance' | 'budget-management' | 'amicable-mediation';

/** Type aliases, not interfaces: each is also a `Record<string, unknown>` (the untyped outcome). */
export type TaskOutcomes = {
  'competence-check': {
    competent: boolean;
    rule: 'usual-residence' | 'institution' | 'student' | 'homeless' | 'asylum' | 'other';
    /** Required when `competent` is false. */
    competentOcmw?: string;
    /** Required when `competent` is false. */
    reasons?: string;
  } & CompetenceFactsOutcome;
  'forward-request': { forwardedTo: string; forwardedToOcmw?: string; forwardDate: IsoDate; reasons: string; decidedBy?: 'social-service' | 'chair-urgent' };
  'submit-competence-conflict': { submittedOn: IsoDate; podMiReference?: string; reasons: string };
  'competence-change-stop': { proposeStop: boolean; /** Required when proposeStop. */ stopFrom?: IsoDate; motivation: string };
  'forwarding-letter': { sentDate: IsoDate; mode: 'letter' | 'registered' | 'hand' };
  'social-inquiry': {
    homeVisitDate: IsoDate;
    householdType: 'single' | 'cohabiting' | 'family';
    householdSize: number;
    monthlyResourcesCents: number;
    proposedCategory: Category;
    swornStatementDate?: IsoDate;
    hearingRequested: boolean;
    notes?: string;
    missingDocuments?: string;
  };
  'documents-received': { receivedOn: IsoDate; complete: boolean; notes?: string };
  'social-report': {
    proposal: 'grant' | 'refuse';
    /** Category, amount and start date are required for a grant. */
    category?: Category;
    monthlyAmountCents?: number;
    startDate?: IsoDate;
    motivation: string;
  };
  decision: {
    result: 'granted' | 'refused';
    decisionDate: IsoDate;
    body?: 'bcsd' | 'subcommittee' | 'chair-urgent';
    /** Category, amount and start date are required for a grant. */
    category?: Category;
    monthlyAmountCents?: number;
    startDate?: IsoDate;
    motivation: string;
  };
  'decision-notification': {
    mode: 'registered' | 'against-receipt';
    date: IsoDate;
    /** Required for a registered letter. */
    trackingNumber?: string;
  };
  'collect-iban': { iban: string };
  'referral-follow-up': {
    result: 'contact-opgenomen' | 'niet-bereikt' | 'afgesloten';
    note: string;
    /** Not with `afgesloten`; after today. */
    nextFollowUpOn?: IsoDate;
  };
  'gpmi-signature': { signedOn: IsoDate; type: 'work' | 'training' | 'studies' | 'social-activation'; goals: string };
  'gpmi-evaluation': { evaluatedOn: IsoDate; faceToFace: boolean; summary: string };
  'yearly-review': {
    homeVisitDate: IsoDate;
    proposal: 'continue' | 'revise' | 'stop';
    category: Category;
    monthlyResourcesCents: number;
    /** Required to stop. */
    endDate?: IsoDate;
    motivation: string;
  };
  'aid-inquiry': {
    homeVisitDate: IsoDate;
    residenceStatus: 'population-register' | 'foreigners-register' | 'international-protection' | 'other';
    rijksregisterCode: 'none' | '206' | '207';
    stateReimbursed: boolean;
    householdType: 'single' | 'cohabiting' | 'family';
    monthlyResourcesCents: number;
    hearingRequested: boolean;
    notes?: string;
    missingDocuments?: string;
  };
  'heating-inquiry': {
    fuel: 'gas-oil-bulk' | 'propane-bulk' | 'gas-oil-pump' | 'kerosene-pump' | 'natural-gas' | 'electricity' | 'bottled-gas' | 'pellets' | 'wood' | 'coal';
    deliveryDate: IsoDate;
    litres?: number;
    pricePerLitreMilli?: number;
    flatsInBuilding?: number;
    category: 1 | 2 | 3;
    increasedReimbursement?: boolean;
    householdIncomeCents?: number;
    dependants?: number;
    inDebtMediation?: boolean;
    cannotPay?: boolean;
    invoiceUnpaid?: boolean;
    supplierPartyId?: string;
    forceMajeure?: string;
    notes?: string;
  };
  'advance-inquiry': {
    benefit: 'unemployment' | 'sickness' | 'disability' | 'pension' | 'family-allowance' | 'other';
    benefitAppliedOn: IsoDate;
    applicationPending: boolean;
    payingBodyPartyId: string;
    expectedMonthlyBenefitCents: number;
    monthlyAdvanceCents: number;
    advanceFrom: IsoDate;
    notes?: string;
  };
  'advance-settlement': { action: 'wait' | 'close' | 'convert-leefloon' | 'convert-social-aid'; note: string };
  'guarantee-inquiry': {
    leaseSignedOn: IsoDate;
    monthlyRentCents: number;
    guaranteeCents: number;
    form: 'guarantee-letter' | 'bank-guarantee' | 'blocked-account';
    landlordPartyId: string;
    bankPartyId?: string;
    blockedAccountIban?: string;
    rentAffordable: boolean;
    homeDeclaredUnfit: boolean;
    monthlyRepaymentCents?: number;
    firstRepaymentOn?: IsoDate;
    notes?: string;
  };
  'guarantee-arrears': { action: 'continue' | 'new-plan' | 'await-release'; monthlyRepaymentCents?: number; firstRepaymentOn?: IsoDate; note: string };
  'guarantee-recovery': { action: 'plan' | 'no-plan'; monthlyRepaymentCents?: number; firstRepaymentOn?: IsoDate; note: string };
  'counselling-intake': {
    heldOn: IsoDate;
    mainConcern: 'family' | 'mental-wellbeing' | 'isolation' | 'administration' | 'housing' | 'addiction' | 'parenting' | 'other';
    situation: string;
    guidance: 'start' | 'referred' | 'not-needed';
  };
  'counselling-goals': { agreedOn: IsoDate; goals: string; evaluationEveryMonths: 1 | 2 | 3 | 6; firstAppointmentOn: IsoDate };
  'counselling-appointment': { result: 'held' | 'no-show' | 'moved'; note: string; nextAppointmentOn?: IsoDate };
  'counselling-evaluation': { progress: 'reached' | 'progress' | 'none'; decision: 'continue' | 'close'; goals?: string; note: string; nextAppointmentOn?: IsoDate };
  'counselling-closure': { reason: 'goals-reached' | 'client-stopped' | 'referred' | 'no-contact' | 'moved' | 'other'; report: string };
  'placement-inquiry': {
    careHomePartyId: string;
    admittedOn: IsoDate;
    monthlyIncomeCents: number;
    expectedInvoiceCents: number;
    savingsCents: number;
    couple: boolean;
    property: boolean;
    maintenanceDebtors: 'none' | 'examine' | 'waived';
    notes?: string;
  };
  'placement-review': { monthlyIncomeCents: number; savingsCents: number; note: string };
  'placement-closure': { recovery: 'none' | 'estate' | 'property'; note: string };
  'maintenance-debtors': { note: string };
  'maintenance-debtor-assessment': { answer: 'assessed' | 'not-received' | 'waive'; incomeYear?: number; netTaxableIncomeCents?: number; dependants?: number; note: string };
  'recovery-proposal': { aidPaidCents: number; recoverCents: number; subrogation: boolean; motivation: string };
  'aid-report': {
    proposal: 'grant' | 'refuse';
    /** Required for a grant; each form requires its own fields (an equivalent leefloon: category, amount, start date). */
    aidForm?: AidFormName;
    category?: Category;
    monthlyAmountCents?: number;
    startDate?: IsoDate;
    amountCents?: number;
    aidDescription?: string;
    /** A one-off amount paid to a party linked to the dossier instead of the client. */
    payeePartyId?: string;
    motivation: string;
  };
  'debt-inquiry': {
    totalDebtsCents: number;
    creditorCount: number;
    monthlyIncomeCents: number;
    priorityDebts: boolean;
    hearingRequested: boolean;
    notes?: string;
    missingDocuments?: string;
  };
  'debt-report': {
    proposal: 'grant' | 'refuse';
    /** Required for a grant. */
    guidanceType?: DebtGuidanceType;
    /** Required for a grant. */
    durationMonths?: number;
    motivation: string;
  };
  'trajectory-agreement': {
    signed: boolean;
    /** Required when signed: the mandate (and the trajectory's duration) runs from this day. */
    signedOn?: IsoDate;
    note: string;
  };
  'debt-evaluation': {
    interviewDate: IsoDate;
    proposal: 'continue' | 'change-type' | 'end';
    /** Required for change-type. */
    guidanceType?: DebtGuidanceType;
    durationMonths?: number;
    report: string;
  };
  'budget-shortfall': {
    action: 'retry' | 'skip';
    note: string;
  };
  'creditor-no-answer': {
    /** called: contacted otherwise (the watch ends); resend: the letter goes again with a new watch; close: no more follow-up. */
    action: 'called' | 'resend' | 'close';
    note: string;
  };
  'csr-amicable-plan': {
    /** The day the draft amicable settlement plan went to the debtor and the creditors (CSR-4 runs from it). */
    sentOn: IsoDate;
    note: string;
  };
  'loi-intake': {
    arrivalDate: IsoDate;
    placeId: string;
    houseRulesHandedOver: true;
    brochureHandedOver: true;
    waitingRegisterOn: IsoDate;
    selfCatering: boolean;
    leefgeldMethod: 'cash' | 'transfer';
    notes?: string;
  };
  'loi-evaluation': {
    evaluatedOn: IsoDate;
    needs: string;
    vulnerable: boolean;
    transferRequested: boolean;
    /** Required when a transfer is requested. */
    transferReason?: string;
  };
  'loi-identification': { numberKind: 'national-number' | 'bis-number'; requestedOn: IsoDate; note: string };
};

export type TaskKindName = keyof TaskOutcomes;

/** What `Dossier.task(kind)` returns: the outcome and who completed it when. */
export type CompletedTask<K extends TaskKindName> = TaskOutcomes[K] & { readonly completedBy: string; readonly completedOn: IsoDate };

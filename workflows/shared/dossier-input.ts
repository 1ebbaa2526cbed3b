import type { AgendaProposal } from '../../libs/db/entities/agenda-item.entity';
import type { ClockSnapshot } from './deadline-clock';
import type { CouncilDecisionInput, ExternalEventInput } from './dossier.messages';

/** What every procedure workflow starts from. No names or national numbers: Temporal keeps this in its history. */
export interface DossierInput {
  dossierId: string;
  reference: string;
  procedure: string;
  team: string;
  /** The social worker who opened the dossier gets its social-worker tasks; null leaves them to be claimed. */
  responsibleUserId: string | null;
  requestDate: string;
  channel: string;
  settings: {
    /** Days before a legal deadline at which the team lead is warned (configuration). */
    warningDays: number;
    timeZone: string;
    /** Day of the month of regular payments (configuration); absent in dossiers started before payments. */
    payday?: number;
    /** Days a client has to send requested documents before the reminder (configuration). */
    documentReminderDays?: number;
    /** Days a partner has to answer a message before it is reminded (configuration). */
    partnerReminderDays?: number;
    /** Debt mediation: recognised for amicable mediation since (decree 24 July 1996, configuration); null: not. */
    debtMediationRecognisedSince?: string | null;
    /** Debt mediation (configuration, local policy): ISO weekday of the weekly living money (1 Monday … 7 Sunday). */
    leefgeldWeekday?: number;
    /** Debt mediation: months between two evaluation interviews. */
    evaluationMonths?: number;
    /** Debt mediation: calendar days a creditor has to answer a letter (before its reminder, and after it). */
    creditorAnswerDays?: number;
    /** LOI: months a recognised resident may stay after the positive decision (LOI-5, [U] configuration). */
    loiTransitionMonths?: number;
    /** Rent guarantee: days after an instalment's due day before the client is reminded ([U] OCMW_INSTALMENT_GRACE_DAYS). */
    instalmentGraceDays?: number;
    /** Placement costs: days a maintenance debtor has to send the tax assessment ([U] OCMW_MAINTENANCE_DEBTOR_REPLY_DAYS). */
    maintenanceDebtorReplyDays?: number;
    /**
     * A run that has this many history events hands over to a new run at its next safe point, even before Temporal
     * suggests it (continueAsNewSuggested) — configuration; tests set it low to prove the hand-over.
     */
    maxRunEvents?: number;
  };
  /** What the previous run of this dossier handed over (continue-as-new); absent in a first run. */
  carry?: RuntimeCarry;
}

/**
 * What the dossier runtime carries from one run to the next, so a dossier can live for years: nothing here restarts
 * with a run. Absent from runs that continued as new before the runtime carried it.
 */
export interface RuntimeCarry {
  /** Run-independent sequence numbers by name (timeline entries): keys built from them never repeat in the dossier. */
  seq: Record<string, number>;
  /** Human tasks still open: the next run takes them over with the same id (still in the inbox, claimed or not). */
  tasks: CarriedTask[];
  /** Deadline clocks still open, with their suspensions and extensions: the next run takes them over by key. */
  deadlines: ClockSnapshot[];
  /** Urgent decisions of the chair still awaiting their ratification by the BCSD. */
  ratifications: PendingRatification[];
  /** External events (absent in hand-overs before events): received but not yet taken, and the ids of those taken. */
  events?: CarriedEvents;
  /** Referrals whose follow-up the dossier holds (absent in hand-overs of dossiers without referrals). */
  referrals?: CarriedReferrals;
}

export interface CarriedReferrals {
  /** Each referral not closed with its follow-up date: the next run's timer (or its open task, taken over by key). */
  pending: { referralId: string; followUpOn: string }[];
  /** The most recent referrals no longer followed up: a redelivered referralFollowUp changes nothing. */
  closed: string[];
}

export interface CarriedEvents {
  /** In the order they were received: the next run's waitForEvent takes them as if they had just arrived. */
  pending: ExternalEventInput[];
  /** The most recent events no longer pending (taken, or recorded only; Dossier REMEMBERED_EVENT_IDS): a redelivery to a later run is a duplicate, not a new event. */
  taken: string[];
}

export interface CarriedTask {
  id: string;
  kind: string;
  /** The procedure's name for this task among others of its kind (default: the kind). */
  key: string;
  role: string;
  /** Optional fields the task requires (TaskOptions.require); absent in hand-overs before them. */
  require?: string[];
}

/** The chair's urgent decision (art. 28 §1 OCMW-wet practice, domain §8), to be ratified at the next BCSD session. */
export interface PendingRatification {
  urgentItemId: string;
  decision: CouncilDecisionInput;
  proposal: AgendaProposal;
}

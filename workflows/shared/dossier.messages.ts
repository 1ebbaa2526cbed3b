import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { ScheduledItem } from '../../activities/council/council.activities';
import type { DeadlineComputation, Extension, Suspension } from '../../libs/deadlines/types';

/** Failure types an Update validator throws; the API maps them to HTTP (see apps/api/common/errors.ts). */
export const TASK_FAILURES = {
  validation: 'OutcomeInvalid',
  notOpen: 'TaskNotOpen',
  wrongRole: 'TaskWrongRole',
  deadlineClosed: 'DeadlineClosed',
  notSupported: 'NotSupported',
  notOnAgenda: 'NotOnAgenda',
} as const;

export interface CompleteTaskInput {
  taskId: string;
  userId: string;
  userRole: string;
  outcome: Record<string, unknown>;
}

export interface CompleteTaskResult {
  status: string;
  /** Tasks open in the dossier once the workflow has moved on (the "next tasks"). */
  openTaskIds: string[];
}

/** Every procedure's human tasks are completed through this one Update. */
export const completeTaskUpdate = defineUpdate<CompleteTaskResult, [CompleteTaskInput]>('completeTask');

export type DeadlineChange =
  | { type: 'suspend'; suspension: Suspension }
  | { type: 'resume'; to: string }
  | { type: 'extend'; extension: Extension };

export interface ChangeDeadlineInput {
  key: string;
  change: DeadlineChange;
  userId: string;
}

/** A suspension, its end, or an extension of a running deadline: the timers follow without restarting the dossier. */
export const changeDeadlineUpdate = defineUpdate<DeadlineComputation, [ChangeDeadlineInput]>('changeDeadline');

export interface RecomputeDeadlinesInput {
  /** Who asked (the admin's user id): in the timeline data and the audit trail. */
  requestedBy: string;
}

export interface RecomputedDeadline {
  key: string;
  ruleId: string;
  previousDueDate: string | null;
  dueDate: string | null;
  status: string;
}

export interface RecomputeDeadlinesResult {
  /** Open clocks (running, at-risk, suspended, informative), computed again by the engine; their timers follow. */
  recomputed: RecomputedDeadline[];
  /** Met, breached, cancelled and expired clocks stay as they are. */
  unchanged: { key: string; ruleId: string; status: string }[];
  /** Open clocks the engine refused to compute again (e.g. their rule is no longer in the catalogue); left as they were. */
  failed: { key: string; ruleId: string; reason: string }[];
}

/**
 * Corrections of the deadline engine (not changes of the law) reach running dossiers: every open clock is computed
 * again from its stored trigger, suspensions and extensions, and its warning and breach timers follow the new due date.
 * A dossier started before the deadline engine (v1) answers NotSupported.
 */
export const recomputeDeadlinesUpdate = defineUpdate<RecomputeDeadlinesResult, [RecomputeDeadlinesInput]>('recomputeDeadlines');

/** A partner message of the dossier left the outbox (exported to the partner) on `sentOn`. */
export const partnerMessageSentSignal = defineSignal<[{ partnerMessageId: string; sentOn: string }]>('partnerMessageSent');

/** The partner answered (acknowledged) a message of the dossier: reminders stop. */
export const partnerMessageAnsweredSignal = defineSignal<[{ partnerMessageId: string }]>('partnerMessageAnswered');

/** An absence cover: tasks the workflow opens from now on for `fromUserId` go to `toUserId`. */
export const reassignSignal = defineSignal<[{ fromUserId: string; toUserId: string }]>('reassign');

// The three Updates below replace the signals above for every change the API makes from now on: they are sent by the
// workflow outbox (apps/api/common/workflow-outbox.ts), never best-effort. The signals stay registered for histories
// and dossiers that received them. Each is idempotent: the same message delivered twice changes nothing.

export interface PartnerMessageExportedInput {
  partnerMessageId: string;
  /** The day the message left in a partner export (Europe/Brussels). */
  sentOn: string;
}

/** A partner message of the dossier left in an export: the POD MI terms (LL-5) are met on `sentOn`. */
export const partnerMessageExportedUpdate = defineUpdate<{ status: string }, [PartnerMessageExportedInput]>('partnerMessageExported');

/**
 * The partner acknowledged a message: reminders stop. It carries the export day too: a message the partner answered
 * was sent, so the acknowledgement alone meets LL-5 even where the export never reached the workflow.
 */
export const partnerMessageAcknowledgedUpdate = defineUpdate<{ status: string }, [PartnerMessageExportedInput]>('partnerMessageAcknowledged');

export interface DossierReassignedInput {
  fromUserId: string;
  toUserId: string;
  /** The absence cover (reassignments row) this move starts or ends. */
  reassignmentId: string;
}

/** An absence cover starts or ends: tasks the workflow opens from now on for `fromUserId` go to `toUserId`. */
export const dossierReassignedUpdate = defineUpdate<{ status: string; responsibleUserId: string | null }, [DossierReassignedInput]>('dossierReassigned');

export const COUNCIL_RESULTS = ['granted', 'refused', 'postponed', 'revised', 'suspended', 'stopped', 'recovered', 'ratified', 'overruled'] as const;
export type CouncilResult = (typeof COUNCIL_RESULTS)[number];

export interface CouncilDecisionInput {
  itemId: string;
  result: CouncilResult;
  /** The session date (even when recorded later), or the date of the chair's urgent decision. */
  decisionDate: string;
  motivation: string;
  category?: number;
  monthlyAmountCents?: number;
  startDate?: string;
  /** Social aid: the form of aid, a one-off amount, what the aid is (the procedure's decision schema says which). */
  aidForm?: string;
  amountCents?: number;
  aidDescription?: string;
  payeePartyId?: string;
  /** Debt mediation: the kind of help (budget guidance, budget management, amicable mediation) and its duration. */
  guidanceType?: string;
  durationMonths?: number;
  /** The chair's urgent decision, to be ratified at the next session. */
  urgent?: boolean;
  userId: string;
  /** The recorder's role, for the audit event the workflow writes with the decision (absent in older histories). */
  userRole?: string;
}

/** A decision on an agenda item, recorded by the council secretary, goes back to its dossier's workflow. */
export const councilDecisionUpdate = defineUpdate<{ status: string }, [CouncilDecisionInput]>('councilDecision');

/** Where an agenda item is treated now: its session moved (the chair changed the date), or the item moved. */
export interface AgendaItemMovedInput extends ScheduledItem {
  /** `urgent`: the new session falls after the item's legal decision deadline (LL-3): the chair's urgent decision is needed. */
  decisionDue: string | null;
  /** Dutch, for the timeline. */
  reason: string;
  userId: string;
}

/** Sent by the workflow outbox (apps/api/common/workflow-outbox.ts), never best-effort. */
export const agendaItemMovedUpdate = defineUpdate<{ status: string }, [AgendaItemMovedInput]>('agendaItemMoved');

export interface ExternalEventInput {
  /** The external_events row's id: a second delivery of the same event changes nothing. */
  eventId: string;
  /** An event kind of the dossier's procedure (its definition's `events`). */
  type: string;
  /** When it happened outside (the date of the letter, the decision, the report). */
  occurredOn: string;
  /** The sender's reference (their letter or file number), if any. */
  reference: string | null;
  /** Checked against the event kind's schema. */
  data: Record<string, unknown>;
  /** The user who recorded it (a social worker: no partner logs in). */
  recordedBy: string;
}

export interface ExternalEventResult {
  status: string;
  /** `duplicate`: this event id had reached the dossier before (in this run or an earlier one): nothing changed. */
  outcome: 'accepted' | 'duplicate';
}

/**
 * Something that happened outside reaches the dossier (sent by the workflow outbox, never best-effort): an event kind
 * the procedure does not know, or data its schema refuses, is refused by the validator (OutcomeInvalid → 400).
 */
export const externalEventUpdate = defineUpdate<ExternalEventResult, [ExternalEventInput]>('externalEvent');

/** A referral of the dossier (referrals row) with its follow-up date: on that date its follow-up task opens. */
export interface ReferralFollowUpInput {
  referralId: string;
  /** 'YYYY-MM-DD' (Europe/Brussels): the task opens at the start of that day. A later message for the same referral moves it. */
  followUpOn: string;
}

/** Sent by the workflow outbox when a referral is recorded (apps/api/notes/referrals.service.ts); idempotent. */
export const referralFollowUpUpdate = defineUpdate<{ status: string; outcome: 'scheduled' | 'unchanged' | 'closed' }, [ReferralFollowUpInput]>('referralFollowUp');

/** The referral was closed through the API: its follow-up timer ends, an open follow-up task is cancelled. Idempotent. */
export const referralClosedUpdate = defineUpdate<{ status: string }, [{ referralId: string }]>('referralClosed');

export interface DossierStateView {
  status: string;
  responsibleUserId: string | null;
  tasks: { id: string; kind: string; status: string }[];
  deadlines: { key: string; ruleId: string; dueDate: string | null; status: string; metDate: string | null }[];
  agenda: { itemId: string; kind: string; decided: boolean; sessionDate: string }[];
  /** External events received and not yet taken by the procedure (absent in views of older workers). */
  pendingEvents?: { eventId: string; type: string }[];
  /** Referrals whose follow-up the dossier holds (absent in views of older workers). */
  referralFollowUps?: { referralId: string; followUpOn: string }[];
}

export const dossierStateQuery = defineQuery<DossierStateView>('dossierState');

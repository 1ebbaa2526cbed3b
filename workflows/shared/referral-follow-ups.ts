import { ApplicationFailure, condition, patched, proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../../activities';
import { startOfDay } from '../../libs/deadlines/calendar-date';
import type { TaskOutcome } from './dossier-runtime';
import type { CarriedReferrals } from './dossier-input';
import { ReferralFollowUpInput, TASK_FAILURES } from './dossier.messages';

/**
 * Dossiers from here on hold a durable timer per referral (the referralFollowUp Update from the outbox) and open the
 * task "Opvolging doorverwijzing" on its follow-up date. Histories without the Update never reach it.
 */
export const REFERRAL_FOLLOW_UP_PATCH = 'referral-follow-up';

/** How many closed referral ids a dossier remembers (a redelivered referralFollowUp after its close is ignored). */
export const REMEMBERED_CLOSED_REFERRALS = 100;

const TASK_KIND = 'referral-follow-up';
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

const acts = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '5 minutes' },
});

/** What the follow-ups need of their dossier (workflows/shared/dossier-runtime.ts). */
export interface FollowUpHost {
  readonly dossierId: string;
  timeZone(): string;
  status(): string;
  task(kind: typeof TASK_KIND, options: { key: string }): Promise<TaskOutcome>;
  /** Cancels the open task of this kind and key, if any (the step waiting for it ends). */
  cancelTask(kind: typeof TASK_KIND, key: string, reason: string): Promise<void>;
  activity<T>(fn: () => Promise<T>): Promise<T>;
}

interface FollowUp {
  referralId: string;
  followUpOn: string;
  closed: boolean;
  /** The key of the follow-up task asked for and not completed yet. */
  openTaskKey?: string;
}

/** The business name of a referral's follow-up task on a date: the same in every run of the dossier. */
export function followUpTaskKey(referralId: string, followUpOn: string): string {
  return `referral:${referralId}:${followUpOn}`;
}

/**
 * The follow-ups of a dossier's referrals, shared by every procedure (the Dossier runtime holds one). Each referral
 * has a timer until the start of its follow-up date (Europe/Brussels by the dossier's settings); then the follow-up
 * task opens for the responsible social worker, keyed on the referral and the date, so a run that continued as new
 * takes over the open task instead of opening a second one. The pending follow-ups are carried across
 * continue-as-new (handOver). Completing the task: `afgesloten` closes the referral, a new date follows up again
 * then; a referral closed through the API ends its timer and cancels its open task.
 */
export class ReferralFollowUps {
  private readonly followUps = new Map<string, FollowUp>();
  private readonly closed: Set<string>;

  constructor(private readonly host: FollowUpHost, carried: CarriedReferrals | undefined) {
    this.closed = new Set((carried?.closed ?? []).slice(-REMEMBERED_CLOSED_REFERRALS));
    for (const r of carried?.pending ?? []) this.start(r.referralId, r.followUpOn);
  }

  /** The referralFollowUp Update: a new referral starts its timer; a known one with another date moves it. */
  schedule({ referralId, followUpOn }: ReferralFollowUpInput): { status: string; outcome: 'scheduled' | 'unchanged' | 'closed' } {
    if (this.closed.has(referralId)) return { status: this.host.status(), outcome: 'closed' };
    const known = this.followUps.get(referralId);
    if (known) {
      if (known.followUpOn === followUpOn) return { status: this.host.status(), outcome: 'unchanged' };
      known.followUpOn = followUpOn;
      return { status: this.host.status(), outcome: 'scheduled' };
    }
    this.start(referralId, followUpOn);
    return { status: this.host.status(), outcome: 'scheduled' };
  }

  /** The referralClosed Update: the timer ends; an open follow-up task is cancelled. */
  async close({ referralId }: { referralId: string }): Promise<{ status: string }> {
    const followUp = this.followUps.get(referralId);
    this.forget(referralId);
    if (followUp && !followUp.closed) {
      followUp.closed = true;
      if (followUp.openTaskKey) await this.host.cancelTask(TASK_KIND, followUp.openTaskKey, 'doorverwijzing afgesloten');
    }
    return { status: this.host.status() };
  }

  validate(input: Partial<ReferralFollowUpInput>, withDate: boolean): void {
    if (typeof input?.referralId !== 'string' || input.referralId === '') throw invalid('/referralId', 'must be a referral id');
    if (withDate && (typeof input.followUpOn !== 'string' || !ISO_DATE.test(input.followUpOn))) throw invalid('/followUpOn', 'must be a date (YYYY-MM-DD)');
  }

  /** What the next run carries: absent when the dossier never had a referral, so other hand-overs stay as they were. */
  handOver(): { referrals?: CarriedReferrals } {
    const pending = [...this.followUps.values()].filter((f) => !f.closed).map((f) => ({ referralId: f.referralId, followUpOn: f.followUpOn }));
    return pending.length > 0 || this.closed.size > 0 ? { referrals: { pending, closed: [...this.closed] } } : {};
  }

  view(): { referralId: string; followUpOn: string }[] {
    return [...this.followUps.values()].filter((f) => !f.closed).map((f) => ({ referralId: f.referralId, followUpOn: f.followUpOn }));
  }

  private start(referralId: string, followUpOn: string): void {
    const followUp: FollowUp = { referralId, followUpOn, closed: false };
    this.followUps.set(referralId, followUp);
    // The loop ends with the follow-up; its activities are counted by the dossier and let their failures through.
    void this.follow(followUp);
  }

  private async follow(followUp: FollowUp): Promise<void> {
    if (!patched(REFERRAL_FOLLOW_UP_PATCH)) return;
    for (;;) {
      const date = followUp.followUpOn;
      const moved = () => followUp.closed || followUp.followUpOn !== date;
      const ms = startOfDay(date, this.host.timeZone()) - Date.now();
      // A durable timer until the follow-up date; a close or a new date through the outbox wakes it early.
      if (ms > 0 && (await condition(moved, ms))) {
        if (followUp.closed) return;
        continue;
      }
      followUp.openTaskKey = followUpTaskKey(followUp.referralId, date);
      const outcome = await this.host.task(TASK_KIND, { key: followUp.openTaskKey });
      followUp.openTaskKey = undefined;
      const result = outcome.result as 'contact-opgenomen' | 'niet-bereikt' | 'afgesloten';
      const next = typeof outcome.nextFollowUpOn === 'string' ? outcome.nextFollowUpOn : null;
      await this.host.activity(() =>
        acts.recordReferralFollowUp({
          dossierId: this.host.dossierId, referralId: followUp.referralId, followUpOn: date, result, note: String(outcome.note ?? ''),
          nextFollowUpOn: next, completedBy: outcome.completedBy, completedAt: new Date().toISOString(),
        }),
      );
      if (followUp.closed) return;
      if (result === 'afgesloten' || !next) {
        followUp.closed = true;
        this.forget(followUp.referralId);
        return;
      }
      followUp.followUpOn = next;
    }
  }

  /** No longer followed up: remembered among the most recent closed referrals, so a late redelivery changes nothing. */
  private forget(referralId: string): void {
    this.followUps.delete(referralId);
    this.closed.add(referralId);
    for (const oldest of this.closed) {
      if (this.closed.size <= REMEMBERED_CLOSED_REFERRALS) break;
      this.closed.delete(oldest);
    }
  }
}

function invalid(path: string, message: string): ApplicationFailure {
  return ApplicationFailure.create({
    type: TASK_FAILURES.validation, message: `${path.slice(1)} ${message}`, details: [[{ path, code: 'invalid', message }]], nonRetryable: true,
  });
}

import { ActivityFailure, ApplicationFailure, CancellationScope, condition, isCancellation, patched, proxyActivities, sleep } from '@temporalio/workflow';
import type { Activities } from '../../activities';
import type { RecomputeInput } from '../../activities/deadlines/deadline.activities';
import { dateInZone, endOfDay, IsoDate, startOfDay } from '../../libs/deadlines/calendar-date';
import { OPEN_CLOCK_STATUSES, statusAfterReplan } from '../../libs/deadlines/clock-status';
import type { DeadlineComputation, DeadlineStatus, Extension, Suspension } from '../../libs/deadlines/types';
import { ComputedDeadline, computeDeadline as computeV1, ruleFor } from '../../libs/deadlines/v1-rules';
import { formatDateNl } from '../../libs/format/dutch';
import type { DeadlineChange, RecomputedDeadline } from './dossier.messages';

/**
 * Dossiers whose no-decision appeal window (LL-10-NO-DECISION, SA-5-NO-DECISION) reaches its indicative end from here on
 * mark it "informative", never "expired": an appeal term does not run without the applicant knowing (GwH nr. 35/2008).
 */
export const INDICATIVE_WINDOW_PATCH = 'indicative-no-decision-window';
/** Texts a person reads (timeline, escalations) write their dates and codes in Dutch: "31 december 2026", not "2026-12-31". */
export const DUTCH_DATES_PATCH = 'dutch-dates-in-texts';

const acts = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '5 minutes', nonRetryableErrorTypes: ['DeadlineRefused'] },
});

export interface DeadlineHandle {
  readonly key: string;
  readonly ruleId: string;
  dueDate(): IsoDate | null;
  status(): DeadlineStatus;
  metDate(): IsoDate | null;
  /** The first day of the rule's consequence (LL-5-LOSS: the first day of subsidy lost), or null. */
  consequenceFrom(): IsoDate | null;
  /** The action happened on `date`: met if on or before the due date, otherwise breached with its met date. */
  met(date: IsoDate): Promise<void>;
  /**
   * The action happened at `instant` (epoch ms): for a term with an hour (LOI-3: before 10:00 on the next working day)
   * met when not after that instant, otherwise breached; its date (in the clock's time zone) is the met date.
   */
  metAt(instant: number): Promise<void>;
  /** The deadline no longer applies (e.g. the request was forwarded). */
  cancel(reason: string): Promise<void>;
}

export interface ClockContext {
  /** null: a clock of the OCMW itself (workflows/debt-mediation/annual-report.workflow.ts), named by `subject`. */
  dossierId: string | null;
  /** The dossier's reference, or the subject of a clock without one: the escalation's text starts with it. */
  reference: string;
  /** Stored with a clock without a dossier (deadlines.subject), so the dashboard can say what it is about. */
  subject?: string;
  team: string;
  warningDays: number;
  timeZone: string;
  /** Runs an activity call so the dossier knows work is in flight (see Dossier.call). */
  call<T>(fn: () => Promise<T>): Promise<T>;
}

/** An open clock handed to the next run of the dossier: its rule, trigger and what changed it. */
export interface ClockSnapshot {
  key: string;
  ruleId: string;
  triggerDate: IsoDate;
  kind: 'duty' | 'window';
  suspensions: Suspension[];
  extensions: Extension[];
  /** The team lead was warned already (no second warning). */
  warned: boolean;
}

export interface ClockOptions {
  /** duty (default): the OCMW must act; window: someone else's term the dossier watches (no escalation, it expires). */
  kind?: 'duty' | 'window';
  /** Called once when a duty's term has passed unmet (e.g. the silent-refusal watch after the decision term). */
  onLapse?: (lapsedOn: IsoDate) => Promise<unknown>;
}

/**
 * A legal deadline computed by the engine (activity planDeadline) with timers that follow it: a warning to the team
 * lead at the warning date, an escalation when the term has passed, and a new plan after a suspension or extension.
 */
export class DeadlineClock implements DeadlineHandle {
  private computed!: DeadlineComputation;
  private state: DeadlineStatus = 'running';
  private met_: IsoDate | null = null;
  private suspensions: Suspension[] = [];
  private extensions: Extension[] = [];
  private version = 0;
  private warned = false;
  /** A window's indicative end has passed (status informative); it stays open. */
  private informed = false;
  private closed = false;
  /** A recomputation is in flight: the timers, met and cancel wait for its plan. */
  private recomputing = false;

  private constructor(
    private readonly ctx: ClockContext,
    readonly key: string,
    readonly ruleId: string,
    private readonly triggerDate: IsoDate,
    private readonly options: ClockOptions,
  ) {}

  static async start(ctx: ClockContext, key: string, ruleId: string, triggerDate: IsoDate, options: ClockOptions = {}, carried?: ClockSnapshot): Promise<DeadlineClock> {
    const clock = new DeadlineClock(ctx, key, ruleId, triggerDate, options);
    if (carried) {
      // Taken over from the previous run: the same record, with the suspensions and extensions it had.
      clock.suspensions = carried.suspensions;
      clock.extensions = carried.extensions;
      clock.warned = carried.warned;
      if (carried.warned) clock.state = 'at-risk';
    }
    clock.computed = await clock.plan(clock.suspensions, clock.extensions);
    if (clock.computed.suspendedSince) clock.state = 'suspended';
    // The watch ends with the clock; it only calls activities the runtime counts, and lets their failures through.
    void clock.watch();
    return clock;
  }

  /** What the next run needs to take this open clock over (continue-as-new). */
  snapshot(): ClockSnapshot {
    return {
      key: this.key, ruleId: this.ruleId, triggerDate: this.triggerDate, kind: this.options.kind ?? 'duty',
      suspensions: this.suspensions, extensions: this.extensions, warned: this.warned,
    };
  }

  dueDate() {
    return this.computed.dueDate;
  }
  /** Computations recorded before consequenceFrom existed named the first day of loss as their due date. */
  consequenceFrom() {
    return this.computed.consequenceFrom === undefined ? this.computed.dueDate : this.computed.consequenceFrom;
  }
  status() {
    return this.state;
  }
  metDate() {
    return this.met_;
  }
  isClosed() {
    return this.closed;
  }
  isWindow() {
    return this.options.kind === 'window';
  }

  async met(date: IsoDate): Promise<void> {
    if (this.recomputing) await condition(() => !this.recomputing);
    if (this.closed) return;
    this.closed = true;
    const due = this.computed.dueDate;
    this.met_ = date;
    await this.setStatus(due === null || date <= due ? 'met' : 'breached', date);
  }

  async metAt(instant: number): Promise<void> {
    if (this.recomputing) await condition(() => !this.recomputing);
    if (this.closed) return;
    this.closed = true;
    const date = dateInZone(instant, this.ctx.timeZone);
    const { dueAt, dueDate } = this.computed;
    this.met_ = date;
    const onTime = dueAt ? instant <= Date.parse(dueAt) : dueDate === null || date <= dueDate;
    await this.setStatus(onTime ? 'met' : 'breached', date);
  }

  async cancel(): Promise<void> {
    if (this.recomputing) await condition(() => !this.recomputing);
    if (this.closed) return;
    this.closed = true;
    await this.setStatus('cancelled');
  }

  /** Applies a suspension, its end or an extension; the engine refuses what the rule does not allow. */
  async change(change: DeadlineChange): Promise<DeadlineComputation> {
    if (this.closed) throw ApplicationFailure.create({ type: 'DeadlineClosed', message: `deadline ${this.key} is ${this.state}`, nonRetryable: true });
    let suspensions = this.suspensions;
    let extensions = this.extensions;
    if (change.type === 'suspend') suspensions = [...suspensions, change.suspension];
    if (change.type === 'extend') extensions = [...extensions, change.extension];
    if (change.type === 'resume') suspensions = suspensions.map((s) => (s.to === null ? { ...s, to: change.to } : s));
    const computed = await this.plan(suspensions, extensions);
    this.suspensions = suspensions;
    this.extensions = extensions;
    this.computed = computed;
    if (computed.suspendedSince) this.state = 'suspended';
    else if (this.state === 'suspended') this.state = 'running';
    if (this.warned && computed.warningAt && Date.now() < Date.parse(computed.warningAt)) {
      this.warned = false;
      this.state = 'running';
    }
    this.version++;
    return computed;
  }

  /** Open: running, at-risk, suspended or informative (recomputeDeadlines recomputes these). */
  isOpen(): boolean {
    return !this.closed && OPEN_CLOCK_STATUSES.includes(this.state);
  }

  /**
   * recomputeDeadlines: the engine computes this open clock again from its stored trigger, suspensions and extensions
   * (a correction of the computation, not a change of the law); the record, the timeline and the timers follow the new
   * due date. A refusal of the engine leaves the clock as it was and is reported.
   */
  async recompute(requestedBy: string): Promise<RecomputedDeadline | { failed: string }> {
    const previousDueDate = this.computed.dueDate;
    const previousStatus = this.state;
    this.recomputing = true;
    this.version++; // the watch loop drops its timers until the new plan is in
    try {
      const at = new Date().toISOString();
      const recompute: RecomputeInput = { previousDueDate, previousStatus, requestedBy, at };
      const computed = await this.plan(this.suspensions, this.extensions, recompute);
      const now = Date.parse(at);
      this.computed = computed;
      this.state = statusAfterReplan(previousStatus, computed, now);
      if (this.warned && computed.warningAt && now < Date.parse(computed.warningAt)) this.warned = false;
      if (this.informed && computed.dueAt && now < Date.parse(computed.dueAt)) this.informed = false;
      return { key: this.key, ruleId: this.ruleId, previousDueDate, dueDate: computed.dueDate, status: this.state };
    } catch (err) {
      if (!(err instanceof ActivityFailure)) throw err;
      return { failed: err.cause?.message ?? err.message };
    } finally {
      this.recomputing = false;
      this.version++;
    }
  }

  private plan(suspensions: Suspension[], extensions: Extension[], recompute?: RecomputeInput): Promise<DeadlineComputation> {
    const { dossierId, subject, team, warningDays, timeZone } = this.ctx;
    return this.ctx.call(() =>
      acts.planDeadline({
        dossierId, ...(subject ? { subject } : {}), key: this.key, team, ruleId: this.ruleId, triggerDate: this.triggerDate, kind: this.options.kind ?? 'duty',
        warningDays, timeZone, suspensions, extensions, ...(recompute ? { recompute } : {}),
      }),
    );
  }

  private async watch(): Promise<void> {
    const duty = (this.options.kind ?? 'duty') === 'duty';
    while (!this.closed) {
      if (this.recomputing) {
        await condition(() => !this.recomputing);
        continue;
      }
      const version = this.version;
      const changed = () => this.version !== version || this.closed;
      const { dueAt, warningAt, dueDate, title, legalBasis } = this.computed;
      if (!dueAt) {
        await condition(changed); // suspended without an end: no timer runs
        continue;
      }
      const now = Date.now();
      if (duty && !this.warned && warningAt && now < Date.parse(warningAt)) {
        await condition(changed, Date.parse(warningAt) - now);
        continue;
      }
      if (duty && !this.warned) {
        this.warned = true;
        await this.setStatus('at-risk');
        await this.escalate('warning', `${this.ctx.reference}: ${title} verstrijkt op ${formatDateNl(dueDate!)} (${legalBasis}).`);
        continue;
      }
      if (now < Date.parse(dueAt)) {
        await condition(changed, Date.parse(dueAt) - now);
        continue;
      }
      if (!duty) {
        // GwH nr. 35/2008: a window whose end is indicative (an appeal for the absence of a decision) never closes the
        // right on this clock alone; it stays open, informative, until a decision closes it.
        if (this.computed.indicative && patched(INDICATIVE_WINDOW_PATCH)) {
          if (!this.informed) {
            this.informed = true;
            await this.setStatus('informative');
          }
          await condition(changed);
          continue;
        }
        this.closed = true;
        await this.setStatus('expired');
        return;
      }
      await this.setStatus('breached');
      await this.escalate('breach', `${this.ctx.reference}: ${title} is overschreden (uiterlijk ${formatDateNl(dueDate!)}, ${legalBasis}).`);
      await this.options.onLapse?.(dueDate!);
      return;
    }
  }

  private async setStatus(status: DeadlineStatus, metDate?: IsoDate) {
    this.state = status;
    const { dossierId } = this.ctx;
    await this.ctx.call(() => acts.setDeadlineStatus({ dossierId, key: this.key, status, metDate, at: new Date().toISOString() }));
  }

  private escalate(level: 'warning' | 'breach', message: string) {
    const { dossierId, team } = this.ctx;
    return this.ctx.call(() => acts.raiseEscalation({ dossierId, key: this.key, team, level, message, at: new Date().toISOString() }));
  }
}

/**
 * Dossiers started before the deadline engine (no "deadline-engine" patch marker) computed their deadlines in the
 * workflow with the v1 rules and slept until the warning and due instants. Kept exactly as it was so they replay.
 */
export async function startLegacyDeadline(ctx: ClockContext & { dossierId: string }, key: string, ruleId: string, triggerDate: IsoDate): Promise<DeadlineHandle> {
  const computed: ComputedDeadline = computeV1(ruleFor(ruleId, triggerDate), triggerDate, ctx.warningDays);
  const { dossierId, team, timeZone } = ctx;
  await ctx.call(() => acts.startDeadline({ dossierId, key, team, deadline: computed }));
  let state: DeadlineStatus = 'running';
  let metDate: IsoDate | null = null;
  const setStatus = async (status: DeadlineStatus, date?: IsoDate) => {
    state = status;
    if (date) metDate = date;
    await ctx.call(() => acts.setDeadlineStatus({ dossierId, key, status, metDate: date, at: new Date().toISOString() }));
  };
  const escalate = (level: 'warning' | 'breach', message: string) =>
    ctx.call(() => acts.raiseEscalation({ dossierId, key, team, level, message, at: new Date().toISOString() }));

  const watch = new CancellationScope();
  watch
    .run(async () => {
      await sleepUntil(startOfDay(computed.warningDate, timeZone));
      await CancellationScope.nonCancellable(async () => {
        await setStatus('at-risk');
        const due = patched(DUTCH_DATES_PATCH) ? formatDateNl(computed.dueDate) : computed.dueDate;
        await escalate('warning', `${ctx.reference}: ${computed.title} verstrijkt op ${due} (${computed.legalBasis}).`);
      });
      await sleepUntil(endOfDay(computed.dueDate, timeZone));
      await CancellationScope.nonCancellable(async () => {
        await setStatus('breached');
        const due = patched(DUTCH_DATES_PATCH) ? formatDateNl(computed.dueDate) : computed.dueDate;
        await escalate('breach', `${ctx.reference}: ${computed.title} is overschreden (uiterlijk ${due}, ${computed.legalBasis}).`);
      });
    })
    .catch((err) => {
      if (!isCancellation(err)) throw err;
    });

  return {
    key,
    ruleId,
    dueDate: () => computed.dueDate,
    // A legacy computation names the first day of the consequence (LL-5-LOSS: of subsidy lost) as its due date.
    consequenceFrom: () => computed.dueDate,
    status: () => state,
    metDate: () => metDate,
    met: async (date) => {
      watch.cancel();
      await setStatus(date <= computed.dueDate ? 'met' : 'breached', date);
    },
    // v1 rules have no hour: the day decides.
    metAt: async (instant) => {
      watch.cancel();
      const date = dateInZone(instant, timeZone);
      await setStatus(date <= computed.dueDate ? 'met' : 'breached', date);
    },
    cancel: async () => {
      watch.cancel();
      await setStatus('cancelled');
    },
  };
}

async function sleepUntil(instant: number): Promise<void> {
  const ms = instant - Date.now();
  if (ms > 0) await sleep(ms);
}

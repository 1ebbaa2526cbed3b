import { ApplicationFailure, CancellationScope, condition, isCancellation, proxyActivities, sleep } from '@temporalio/workflow';
import type { Activities } from '../../activities';
import { endOfDay, IsoDate, startOfDay } from '../../libs/deadlines/calendar-date';
import type { DeadlineComputation, DeadlineStatus, Extension, Suspension } from '../../libs/deadlines/types';
import { ComputedDeadline, computeDeadline as computeV1, ruleFor } from '../../libs/deadlines/v1-rules';
import type { DeadlineChange } from './dossier.messages';

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
  /** The action happened on `date`: met if on or before the due date, otherwise breached with its met date. */
  met(date: IsoDate): Promise<void>;
  /** The deadline no longer applies (e.g. the request was forwarded). */
  cancel(reason: string): Promise<void>;
}

export interface ClockContext {
  dossierId: string;
  reference: string;
  team: string;
  warningDays: number;
  timeZone: string;
  /** Runs an activity call so the dossier knows work is in flight (see Dossier.call). */
  call<T>(fn: () => Promise<T>): Promise<T>;
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
  private closed = false;

  private constructor(
    private readonly ctx: ClockContext,
    readonly key: string,
    readonly ruleId: string,
    private readonly triggerDate: IsoDate,
    private readonly options: ClockOptions,
  ) {}

  static async start(ctx: ClockContext, key: string, ruleId: string, triggerDate: IsoDate, options: ClockOptions = {}): Promise<DeadlineClock> {
    const clock = new DeadlineClock(ctx, key, ruleId, triggerDate, options);
    clock.computed = await clock.plan(clock.suspensions, clock.extensions);
    if (clock.computed.suspendedSince) clock.state = 'suspended';
    void clock.watch();
    return clock;
  }

  dueDate() {
    return this.computed.dueDate;
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
    if (this.closed) return;
    this.closed = true;
    const due = this.computed.dueDate;
    this.met_ = date;
    await this.setStatus(due === null || date <= due ? 'met' : 'breached', date);
  }

  async cancel(): Promise<void> {
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

  private plan(suspensions: Suspension[], extensions: Extension[]): Promise<DeadlineComputation> {
    const { dossierId, team, warningDays, timeZone } = this.ctx;
    return this.ctx.call(() =>
      acts.planDeadline({
        dossierId, key: this.key, team, ruleId: this.ruleId, triggerDate: this.triggerDate, kind: this.options.kind ?? 'duty',
        warningDays, timeZone, suspensions, extensions,
      }),
    );
  }

  private async watch(): Promise<void> {
    const duty = (this.options.kind ?? 'duty') === 'duty';
    while (!this.closed) {
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
        await this.escalate('warning', `${this.ctx.reference}: ${title} verstrijkt op ${dueDate} (${legalBasis}).`);
        continue;
      }
      if (now < Date.parse(dueAt)) {
        await condition(changed, Date.parse(dueAt) - now);
        continue;
      }
      if (!duty) {
        this.closed = true;
        await this.setStatus('expired');
        return;
      }
      await this.setStatus('breached');
      await this.escalate('breach', `${this.ctx.reference}: ${title} is overschreden (uiterlijk ${dueDate}, ${legalBasis}).`);
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
export async function startLegacyDeadline(ctx: ClockContext, key: string, ruleId: string, triggerDate: IsoDate): Promise<DeadlineHandle> {
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
        await escalate('warning', `${ctx.reference}: ${computed.title} verstrijkt op ${computed.dueDate} (${computed.legalBasis}).`);
      });
      await sleepUntil(endOfDay(computed.dueDate, timeZone));
      await CancellationScope.nonCancellable(async () => {
        await setStatus('breached');
        await escalate('breach', `${ctx.reference}: ${computed.title} is overschreden (uiterlijk ${computed.dueDate}, ${computed.legalBasis}).`);
      });
    })
    .catch((err) => {
      if (!isCancellation(err)) throw err;
    });

  return {
    key,
    ruleId,
    dueDate: () => computed.dueDate,
    status: () => state,
    metDate: () => metDate,
    met: async (date) => {
      watch.cancel();
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

import { ActivityFailure, ApplicationFailure, condition, isCancellation, patched, proxyActivities, setHandler, sleep, uuid4, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../../activities';
import type { LinkedDossier } from '../../activities/dossiers/linked-dossier.activities';
import type { NoticeInput } from '../../activities/notices/notice.activities';
import { dateInZone, IsoDate } from '../../libs/deadlines/calendar-date';
import type { TaskContext } from '../../libs/tasks/task-kinds';
import { councilDecisionContent, eventKindOf, taskKindOf, validateCouncilDecision, validateExternalEvent, validateTaskOutcome } from '../../libs/procedures/registry';
import type { CompletedTask, TaskKindName } from '../../libs/tasks/task-outcomes';
import { ClockContext, ClockOptions, ClockSnapshot, DeadlineClock, DeadlineHandle, startLegacyDeadline } from './deadline-clock';
import type { CarriedTask, DossierInput, PendingRatification } from './dossier-input';
import type { AgendaProposal } from '../../libs/db/entities/agenda-item.entity';
import type { Partner } from '../../libs/db/entities/partner-message.entity';
import { formatDateNl } from '../../libs/format/dutch';
import {
  agendaItemMovedUpdate,
  AgendaItemMovedInput,
  changeDeadlineUpdate,
  ChangeDeadlineInput,
  completeTaskUpdate,
  councilDecisionUpdate,
  CouncilDecisionInput,
  CompleteTaskInput,
  dossierStateQuery,
  DossierStateView,
  dossierReassignedUpdate,
  DossierReassignedInput,
  ExternalEventInput,
  ExternalEventResult,
  externalEventUpdate,
  partnerMessageAcknowledgedUpdate,
  partnerMessageAnsweredSignal,
  partnerMessageExportedUpdate,
  PartnerMessageExportedInput,
  partnerMessageSentSignal,
  reassignSignal,
  referralClosedUpdate,
  referralFollowUpUpdate,
  RecomputeDeadlinesInput,
  RecomputeDeadlinesResult,
  recomputeDeadlinesUpdate,
  TASK_FAILURES,
} from './dossier.messages';
import { ReferralFollowUps } from './referral-follow-ups';

export type { DeadlineHandle } from './deadline-clock';

const acts = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '5 minutes' },
});

/** Dossiers started from here on compute deadlines with the engine (activity) and can suspend/extend them. */
export const DEADLINE_ENGINE_PATCH = 'deadline-engine';
/**
 * Runs from here on key their timeline entries, reminders and refused-step escalations on names that survive
 * continue-as-new (a sequence carried from run to run, or the day) instead of counters that restart with each run.
 */
export const DURABLE_KEYS_PATCH = 'durable-keys';
/**
 * Council calls from here on key agenda items on the procedure's step (`application:decision-1`, `review-2:decision-1`,
 * `ratification:<item>:1`) instead of `decision-<n>`, which every run started again (a yearly review got the
 * application's decided item back and waited forever). Checked where the council is called, so benefits already
 * running take it at their next review.
 */
export const DURABLE_AGENDA_PATCH = 'durable-agenda-keys';
/** An urgent grant from here on takes effect at once; its ratification is carried into the benefit instead of awaited. */
export const URGENT_AT_ONCE_PATCH = 'urgent-decision-at-once';
/** A cancelled task from here on ends the step that waited for it, instead of letting it go on without an outcome. */
export const CANCELLED_TASK_ENDS_PATCH = 'cancelled-task-ends-its-step';
/** Runs from here on read their settings (payday, reminder periods) through an activity at their start. */
export const SETTINGS_BY_ACTIVITY_PATCH = 'settings-by-activity';

/** Council decisions recorded from here on are written to the agenda item by the workflow (an activity), not the API. */
export const COUNCIL_DECISION_ROW_PATCH = 'council-decision-row';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function invalidMessage(path: string, message: string): ApplicationFailure {
  return ApplicationFailure.create({
    type: TASK_FAILURES.validation, message: `${path.slice(1)} ${message}`, details: [[{ path, code: 'invalid', message }]], nonRetryable: true,
  });
}

function validatePartnerMessageInput(input: PartnerMessageExportedInput): void {
  if (typeof input?.partnerMessageId !== 'string' || input.partnerMessageId === '') throw invalidMessage('/partnerMessageId', 'must be a partner message id');
  if (typeof input.sentOn !== 'string' || !ISO_DATE.test(input.sentOn)) throw invalidMessage('/sentOn', 'must be a date (YYYY-MM-DD)');
}

function validateEventEnvelope(input: ExternalEventInput): void {
  for (const key of ['eventId', 'type', 'recordedBy'] as const) {
    if (typeof input?.[key] !== 'string' || input[key] === '') throw invalidMessage(`/${key}`, 'must be a non-empty string');
  }
  if (typeof input.occurredOn !== 'string' || !ISO_DATE.test(input.occurredOn)) throw invalidMessage('/occurredOn', 'must be a date (YYYY-MM-DD)');
  if (input.reference !== null && typeof input.reference !== 'string') throw invalidMessage('/reference', 'must be a text or null');
  if (typeof input.data !== 'object' || input.data === null || Array.isArray(input.data)) throw invalidMessage('/data', 'must be an object');
}

function validateReassignmentInput(input: DossierReassignedInput): void {
  for (const key of ['fromUserId', 'toUserId', 'reassignmentId'] as const) {
    if (typeof input?.[key] !== 'string' || input[key] === '') throw invalidMessage(`/${key}`, 'must be an id');
  }
}

interface TaskState {
  id: string;
  kind: string;
  role: string;
  status: 'open' | 'completed';
  outcome?: Record<string, unknown>;
  completedBy?: string;
  /** The read model shows the completion: the Update may answer once the workflow has moved on. */
  recorded: boolean;
  /** The procedure's name for it among tasks of its kind (default: the kind); a next run takes it over by kind and key. */
  key: string;
  /** Handed over by the previous run and not yet asked for again by this one. */
  carried?: boolean;
  completedOn?: IsoDate;
  /**
   * Cancelled by closeOpenTasks. 'ends': the step waiting for it ends there. 'legacy': runs before that patch went on
   * as if it were completed (with no outcome) and recorded a completion — kept so their histories replay.
   */
  cancelled?: 'ends' | 'legacy';
  /** Optional fields of the kind's schema this task requires (a procedure asks more from a patch on). */
  require?: readonly string[];
}

/** How a procedure opens a task: its deadline, its key among tasks of its kind, optional fields it requires. */
export interface TaskOptions {
  deadline?: DeadlineHandle;
  key?: string;
  /**
   * Optional fields of the kind's outcome schema this task requires: a procedure asks more of new dossiers (behind a
   * patch) while running ones complete the kind as before. Refused (400 `required`) without them; the inbox's form marks them.
   */
  require?: readonly string[];
  /**
   * The party the task is about (a maintenance debtor): the inbox's title names it. Its id only travels; the activity
   * reads the name from the party record.
   */
  aboutPartyId?: string;
}

export type TaskOutcome = Record<string, unknown> & { readonly completedBy: string; readonly completedOn: IsoDate };

interface AgendaSession {
  meetingId: string;
  sessionDate: string;
  time: string;
  place: string;
  cutoffDate: string;
}

interface AgendaEntry {
  itemId: string;
  kind: 'decision' | 'ratification';
  results: readonly string[];
  /** The session that treats the item: where it was scheduled, or where the secretary moved it since. */
  session: AgendaSession;
  hearingRequested: boolean;
  decision?: CouncilDecisionInput;
}

export interface CouncilDecision extends CouncilDecisionInput {
  sessionDate: string;
}

/**
 * How many ids of events no longer pending (taken, or recorded only) a dossier remembers, the most recent ones. A
 * redelivery is always of a recent event: the outbox relay sends a dossier's rows in order, each only once the one
 * before it is marked delivered (libs/temporal/outbox-relay.ts), so only the latest event received can come again
 * (its row not yet marked when the relay crashed); within one run Temporal also answers a repeated Update id itself.
 * 100 is a wide margin; without a bound a dossier that lives for years would carry every id it ever received.
 */
export const REMEMBERED_EVENT_IDS = 100;

export interface DossierOptions {
  /**
   * The external event kinds this procedure takes with waitForEvent. Only those are kept (with their data, carried
   * across continue-as-new) until taken; an event of any other kind is recorded on the timeline and remembered by id
   * only, so events the procedure never waits for do not pile up in its state. Absent: every kind is kept.
   */
  takesEvents?: readonly string[];
}

const FIRST_DECISION = ['granted', 'refused', 'postponed'] as const;
const RATIFICATION = ['ratified', 'overruled', 'postponed'] as const;
/** An urgent decision's result as the ratification item says it (older runs' items said the code). */
const URGENT_RESULT_NL: Record<string, string> = {
  granted: 'toegekend', refused: 'geweigerd', revised: 'herzien', suspended: 'geschorst', stopped: 'stopgezet', recovered: 'teruggevorderd',
};

/**
 * The shared steps every procedure workflow is built from: timeline events, notices, human tasks completed through
 * the `completeTask` Update, and legal deadlines whose warning and breach escalations are durable timers.
 */
export class Dossier {
  status = 'REQUEST_REGISTERED';
  readonly facts: Partial<TaskContext> = {};
  private readonly tasks = new Map<string, TaskState>();
  private readonly deadlines = new Map<string, DeadlineHandle>();
  private readonly engine: boolean;
  private responsibleUserId: string | null;
  private readonly agenda = new Map<string, AgendaEntry>();
  /** Ratifications taken up by this run (superviseRatifications): finish waits for them, a hand-over carries them. */
  private readonly ratifications: Promise<unknown>[] = [];
  /** Ratifications of runs before the urgent-decision-at-once patch: awaited before the run ends or hands over. */
  private readonly legacyRatifications: Promise<unknown>[] = [];
  private readonly pending: Promise<unknown>[] = [];
  private readonly sentPartnerMessages = new Map<string, string>();
  private readonly answeredPartnerMessages = new Set<string>();
  private inFlight = 0;
  private eventSeq = 0;
  private durable?: boolean;
  /** Run-independent sequences (carried): see RuntimeCarry.seq. */
  private readonly seq: Record<string, number>;
  /** Urgent decisions awaiting ratification that this run has not taken up: handed to the next run. */
  private readonly pendingRatifications: PendingRatification[] = [];
  private readonly carriedClocks: Map<string, ClockSnapshot>;
  /** External events received and not yet taken (waitForEvent), in the order they arrived; carried by handOver. */
  private readonly pendingEvents: ExternalEventInput[];
  /**
   * Ids of the most recent external events no longer pending (taken, or recorded only), in this run or an earlier
   * one, oldest first: a redelivery is a duplicate. Bounded to REMEMBERED_EVENT_IDS.
   */
  private readonly takenEvents: Set<string>;
  /** The follow-ups of the dossier's referrals (carried across continue-as-new). */
  private readonly referrals: ReferralFollowUps;

  constructor(
    readonly input: DossierInput,
    private readonly options: DossierOptions = {},
  ) {
    this.engine = patched(DEADLINE_ENGINE_PATCH);
    this.responsibleUserId = input.responsibleUserId;
    this.facts.requestDate = input.requestDate;
    this.seq = { ...(input.carry?.seq ?? {}) };
    this.carriedClocks = new Map((input.carry?.deadlines ?? []).map((d) => [d.key, d]));
    this.pendingRatifications.push(...(input.carry?.ratifications ?? []));
    this.pendingEvents = [...(input.carry?.events?.pending ?? [])];
    this.takenEvents = new Set((input.carry?.events?.taken ?? []).slice(-REMEMBERED_EVENT_IDS));
    for (const t of input.carry?.tasks ?? []) {
      // Still open in the inbox: a completion is accepted from the start of this run, before the procedure asks again.
      this.tasks.set(t.id, { id: t.id, kind: t.kind, key: t.key, role: t.role, status: 'open', recorded: false, carried: true, ...(t.require ? { require: t.require } : {}) });
    }
    setHandler(dossierStateQuery, () => this.view());
    setHandler(
      completeTaskUpdate,
      async ({ taskId, userId, outcome }) => {
        const task = this.tasks.get(taskId)!;
        task.status = 'completed';
        task.outcome = outcome;
        task.completedBy = userId;
        if (task.carried) {
          // Not asked for again yet in this run: the completion is recorded now, the procedure finds it when it asks.
          task.completedOn = this.today();
          await this.recordCompletion(task);
        }
        await condition(() => task.recorded && this.inFlight === 0);
        return { status: this.status, openTaskIds: [...this.tasks.values()].filter((t) => t.status === 'open').map((t) => t.id) };
      },
      { validator: (update) => this.validateCompletion(update) },
    );
    setHandler(changeDeadlineUpdate, ({ key, change }) => (this.deadlines.get(key) as DeadlineClock).change(change), {
      validator: (update) => this.validateDeadlineChange(update),
    });
    // Adding an Update handler is replay-safe: histories without the Update never call it.
    setHandler(recomputeDeadlinesUpdate, (input) => this.recomputeDeadlines(input), { validator: (_input: RecomputeDeadlinesInput) => this.validateRecompute() });
    setHandler(
      councilDecisionUpdate,
      (decision) => {
        this.agenda.get(decision.itemId)!.decision = decision;
        // The workflow is told first (apps/api/council/council.service.ts) and writes the decision row itself, so an
        // API that dies after the accepted Update leaves no undecided item; older histories wrote it in the API.
        if (patched(COUNCIL_DECISION_ROW_PATCH)) return this.recordCouncilDecision(decision);
        return { status: this.status };
      },
      { validator: (decision) => this.validateCouncilDecision(decision) },
    );
    setHandler(agendaItemMovedUpdate, (move) => this.agendaItemMoved(move), { validator: (move) => this.validateAgendaMove(move) });
    setHandler(partnerMessageSentSignal, ({ partnerMessageId, sentOn }) => {
      this.sentPartnerMessages.set(partnerMessageId, sentOn);
    });
    setHandler(partnerMessageAnsweredSignal, ({ partnerMessageId }) => {
      this.answeredPartnerMessages.add(partnerMessageId);
    });
    setHandler(reassignSignal, ({ fromUserId, toUserId }) => {
      if (this.responsibleUserId === fromUserId) this.responsibleUserId = toUserId;
    });
    // The outbox's Updates (idempotent: a message delivered twice changes nothing); the signals above stay for histories.
    setHandler(
      partnerMessageExportedUpdate,
      ({ partnerMessageId, sentOn }) => {
        if (!this.sentPartnerMessages.has(partnerMessageId)) this.sentPartnerMessages.set(partnerMessageId, sentOn);
        return { status: this.status };
      },
      { validator: validatePartnerMessageInput },
    );
    setHandler(
      partnerMessageAcknowledgedUpdate,
      ({ partnerMessageId, sentOn }) => {
        if (!this.sentPartnerMessages.has(partnerMessageId)) this.sentPartnerMessages.set(partnerMessageId, sentOn);
        this.answeredPartnerMessages.add(partnerMessageId);
        return { status: this.status };
      },
      { validator: validatePartnerMessageInput },
    );
    // Registering it issues no command: histories without the Update replay unchanged (leefloon.replay).
    setHandler(externalEventUpdate, (event) => this.receiveEvent(event), { validator: (event) => this.validateEvent(event) });
    setHandler(
      dossierReassignedUpdate,
      ({ fromUserId, toUserId }) => {
        if (this.responsibleUserId === fromUserId) this.responsibleUserId = toUserId;
        return { status: this.status, responsibleUserId: this.responsibleUserId };
      },
      { validator: validateReassignmentInput },
    );
    // Registering these issues no command: histories without the Updates replay unchanged.
    this.referrals = new ReferralFollowUps(
      {
        dossierId: input.dossierId,
        timeZone: () => this.settings.timeZone,
        status: () => this.status,
        task: (kind, options) => this.task(kind, options),
        cancelTask: (kind, key, reason) => this.cancelTask(kind, key, reason),
        activity: (fn) => this.call(fn),
      },
      input.carry?.referrals,
    );
    setHandler(referralFollowUpUpdate, (followUp) => this.referrals.schedule(followUp), { validator: (followUp) => this.referrals.validate(followUp, true) });
    setHandler(referralClosedUpdate, (closed) => this.referrals.close(closed), { validator: (closed) => this.referrals.validate(closed, false) });
  }

  today(): IsoDate {
    return dateInZone(Date.now(), this.input.settings.timeZone);
  }

  private current: DossierInput['settings'] | undefined;

  /** The settings this run works with: read at its start (refreshSettings), or those frozen into older dossiers' input. */
  get settings(): DossierInput['settings'] {
    return this.current ?? this.input.settings;
  }

  /** Reads the configuration in force through an activity (configuration may change; history may not). */
  async refreshSettings(): Promise<void> {
    if (!patched(SETTINGS_BY_ACTIVITY_PATCH)) return;
    const read = await this.call(() => acts.dossierSettings({ procedure: this.input.procedure }));
    this.current = { ...this.input.settings, ...read };
    // The competence check judges its facts from this OCMW's side (runs that read their settings before it was read
    // here do not know it: their check keeps the social worker's yes/no).
    if (read.ocmwNisCode) this.facts.ocmwNisCode = read.ocmwNisCode;
  }

  /** A timeline entry; with `status`, the dossier moves to that status. */
  async event(type: string, description: string, options: { status?: string; data?: Record<string, unknown>; closed?: boolean } = {}) {
    if (options.status) this.status = options.status;
    await this.call(() =>
      acts.recordDossierEvent({
        dossierId: this.input.dossierId,
        key: this.durableKeys() ? `${type}@${this.next('event')}` : `${type}:${++this.eventSeq}`,
        at: new Date().toISOString(),
        type,
        description,
        data: options.data,
        status: options.status,
        closed: options.closed,
      }),
    );
  }

  async notice(notice: Omit<NoticeInput, 'dossierId'>): Promise<void> {
    await this.call(() => acts.recordNotice({ ...notice, dossierId: this.input.dossierId }));
  }

  /**
   * Opens a dossier of `procedure` for the same person (or `personId`, a member of its household), linked both ways (an LOI recognition opens a leefloon request,
   * a debt mediation a heating allowance); its workflow starts on its own. `linkKey` is the business name of the link
   * (`leefloon:after-loi`; with the year or cycle where a dossier opens several): the same key — retried, replayed, in
   * a later run — answers the dossier opened first. The request date defaults to today. Only ids pass the history.
   */
  async openLinked(procedure: string, linkKey: string, reason: string, options: { requestDate?: IsoDate; channel?: string; personId?: string } = {}): Promise<LinkedDossier> {
    return this.call(() =>
      acts.openLinkedDossier({
        fromDossierId: this.input.dossierId, procedure, linkKey, reason, requestDate: options.requestDate ?? this.today(), channel: options.channel,
        ...(options.personId ? { personId: options.personId } : {}),
      }),
    );
  }

  /**
   * Opens a human task and waits until a person completes it through the API (the `completeTask` Update, validated
   * against the kind's outcome schema). Social-worker tasks go to the dossier's responsible social worker (or the
   * colleague covering their absence).
   */
  task<K extends TaskKindName>(kind: K, options?: TaskOptions): Promise<CompletedTask<K>>;
  task(kind: string, options?: TaskOptions): Promise<TaskOutcome>;
  async task(kind: string, options: TaskOptions = {}): Promise<TaskOutcome> {
    const k = taskKindOf(this.input.procedure, kind);
    const key = options.key ?? kind;
    // A task the previous run handed over (same kind and key) is taken over: same id, same assignee, no second row.
    let task = [...this.tasks.values()].find((t) => t.carried && t.kind === kind && t.key === key);
    if (task) {
      task.carried = false;
    } else {
      const id = uuid4();
      const require = options.require?.length ? [...options.require] : undefined;
      const opened: TaskState = { id, kind, key, role: k.role, status: 'open', recorded: false, ...(require ? { require } : {}) };
      task = opened;
      this.tasks.set(id, opened);
      await this.call(() =>
        acts.openTask({
          taskId: id,
          dossierId: this.input.dossierId,
          kind,
          title: k.title,
          role: k.role,
          team: this.input.team,
          assigneeId: k.role === 'social-worker' ? this.responsibleUserId : null,
          dueDate: options.deadline?.dueDate() ?? null,
          deadlineKey: options.deadline?.key ?? null,
          ...(require ? { requiredFields: require } : {}),
          ...(options.aboutPartyId ? { aboutPartyId: options.aboutPartyId } : {}),
        }),
      );
    }
    const done = task;
    await condition(() => done.status === 'completed');
    if (done.cancelled === 'ends') await new Promise<never>(() => undefined); // the procedure moved on without it
    const completedOn = done.completedOn ?? this.today();
    if (!done.recorded || done.cancelled === 'legacy') await this.recordCompletion(done);
    return { ...done.outcome!, completedBy: done.completedBy!, completedOn };
  }

  private async recordCompletion(task: TaskState): Promise<void> {
    await this.call(() =>
      acts.recordTaskCompletion({
        taskId: task.id,
        dossierId: this.input.dossierId,
        outcome: task.outcome!,
        completedBy: task.completedBy!,
        completedByRole: task.role,
        completedAt: new Date().toISOString(),
      }),
    );
    task.recorded = true;
  }

  /**
   * Starts a legal deadline from the catalogue rule in force on the trigger date; its timers run beside the procedure.
   */
  async deadline(key: string, ruleId: string, triggerDate: IsoDate, options: ClockOptions = {}): Promise<DeadlineHandle> {
    // A clock taken over from the previous run (resume) is the same clock: declaring it again returns it.
    const resumed = this.deadlines.get(key);
    if (resumed && this.resumedClocks.has(key)) return resumed;
    const carried = this.carriedClocks.get(key);
    this.carriedClocks.delete(key);
    const handle = this.engine
      ? await DeadlineClock.start(this.clockContext(), key, ruleId, triggerDate, options, carried)
      : await startLegacyDeadline(this.clockContext(), key, ruleId, triggerDate);
    this.deadlines.set(key, handle);
    return handle;
  }

  private readonly resumedClocks = new Set<string>();

  /**
   * A run that continued as new takes over every open clock the previous run handed over (its timers, suspensions and
   * extensions), whether or not the procedure declares it again; a declaration of the same key gets the same clock.
   */
  async resume(): Promise<void> {
    for (const snapshot of [...this.carriedClocks.values()]) {
      await this.deadline(snapshot.key, snapshot.ruleId, snapshot.triggerDate, { kind: snapshot.kind });
      this.resumedClocks.add(snapshot.key);
    }
  }

  /**
   * The input of the next run of this dossier (continue-as-new): the same dossier with what the runtime carries —
   * its sequences, open tasks, open clocks, urgent decisions awaiting ratification — and the responsible social
   * worker as it stands now (an absence cover included).
   */
  handOver(): DossierInput {
    const tasks: CarriedTask[] = [...this.tasks.values()]
      .filter((t) => t.status === 'open')
      .map((t) => ({ id: t.id, kind: t.kind, key: t.key, role: t.role, ...(t.require ? { require: [...t.require] } : {}) }));
    const deadlines = [...this.deadlines.values()]
      .filter((d): d is DeadlineClock => d instanceof DeadlineClock && d.isOpen())
      .map((d) => d.snapshot());
    // Only a dossier that received events carries them: the hand-over of every other run stays as it was.
    const events = this.pendingEvents.length > 0 || this.takenEvents.size > 0 ? { events: { pending: [...this.pendingEvents], taken: [...this.takenEvents] } } : {};
    return {
      ...this.input,
      responsibleUserId: this.responsibleUserId,
      carry: { seq: { ...this.seq }, tasks, deadlines, ratifications: [...this.pendingRatifications], ...events, ...this.referrals.handOver() },
    };
  }

  /**
   * A safe point to hand over to a new run: Temporal suggests it (the history grows large), or the run has more events
   * than the configured maximum. The procedure decides where its safe points are (between two payments).
   */
  shouldHandOver(): boolean {
    const info = workflowInfo();
    const max = this.input.settings.maxRunEvents;
    return info.continueAsNewSuggested || (max !== undefined && info.historyLength >= max);
  }

  /**
   * Background work of the procedure (a GPMI follow-up, a partner watch, a ratification) that must never fail the
   * workflow: a failure reaches the team lead as an escalation, and the dossier goes on.
   */
  supervise(name: string, label: string, work: () => Promise<unknown>): Promise<void> {
    return (async () => {
      try {
        await work();
      } catch (err) {
        if (isCancellation(err)) throw err;
        const reason = err instanceof ActivityFailure ? (err.cause?.message ?? err.message) : err instanceof Error ? err.message : String(err);
        const { dossierId, team, reference } = this.input;
        await this.call(() =>
          acts.raiseEscalation({
            dossierId, team, key: `background:${name}:${this.today()}`, level: 'breach', at: new Date().toISOString(),
            message: `${reference}: ${label} is stilgevallen door een fout (${reason}); het dossier moet nagekeken worden.`,
          }),
        );
      }
    })();
  }

  private durableKeys(): boolean {
    this.durable ??= patched(DURABLE_KEYS_PATCH);
    return this.durable;
  }

  private next(name: string): number {
    this.seq[name] = (this.seq[name] ?? 0) + 1;
    return this.seq[name];
  }

  /**
   * Puts the dossier on the BCSD agenda — the earliest session whose agenda is still open — and waits for the
   * decision the council secretary records. A postponed item moves to the next session (the decision deadline keeps
   * running and escalates if it passes). When even the earliest session is after the legal deadline, the team lead
   * is told and the chair decides urgently; that decision is ratified (or overruled) at the next session.
   */
  async council(
    proposal: AgendaProposal,
    options: { hearingRequested: boolean; deadline?: DeadlineHandle; results?: readonly string[]; step?: string },
  ): Promise<CouncilDecision> {
    // The step names the decision in the dossier's life ('application', 'review-2'): item keys never repeat across runs.
    const durable = patched(DURABLE_AGENDA_PATCH);
    const step = options.step ?? 'application';
    let after: string | undefined;
    for (let n = 1; ; n++) {
      const item = await this.call(() =>
        acts.scheduleAgendaItem({
          dossierId: this.input.dossierId,
          key: durable ? `${step}:decision-${n}` : `decision-${n}`,
          kind: 'decision',
          team: this.input.team,
          proposal,
          hearingRequested: options.hearingRequested,
          decisionDue: options.deadline?.dueDate() ?? null,
          after,
          today: this.today(),
        }),
      );
      const entry: AgendaEntry = {
        itemId: item.itemId, kind: 'decision', results: options.results ?? FIRST_DECISION, session: sessionOf(item), hearingRequested: options.hearingRequested,
      };
      this.agenda.set(item.itemId, entry);
      await this.event('on-agenda', `Geagendeerd op het BCSD van ${formatDateNl(item.sessionDate)}`, { status: 'ON_AGENDA', data: { itemId: item.itemId } });
      if (item.urgent) {
        const { dossierId, team, reference } = this.input;
        await this.call(() =>
          acts.raiseEscalation({
            dossierId, team, key: durable ? `agenda:${item.itemId}` : `agenda:decision-${n}`, level: 'warning', at: new Date().toISOString(),
            message: `${reference}: eerstvolgend BCSD (${formatDateNl(item.sessionDate)}) valt na de beslissingstermijn (${dateOrDash(options.deadline?.dueDate())}): dringende beslissing van de voorzitter nodig.`,
          }),
        );
      }
      if (options.hearingRequested) {
        // art. 20 RMI-wet: the client who asked to be heard is invited with the place, date and time of the session.
        await this.attempt('uitnodiging om gehoord te worden', () =>
          acts.issueLetter({
            dossierId: this.input.dossierId,
            key: durable ? `hearing-invitation:${item.itemId}` : `hearing-invitation-${n}`,
            template: 'hearing-invitation',
            data: { decidingBody: 'Bijzonder Comité voor de Sociale Dienst', hearing: { place: item.place, date: item.sessionDate, time: item.time } },
            delivery: { mode: 'letter' },
            dueDate: item.cutoffDate,
          } as never),
        );
      }
      await condition(() => entry.decision !== undefined);
      const decision = entry.decision!;
      // A moved item is decided at the session it was moved to (entry.session), not where it was first scheduled.
      if (decision.result === 'postponed') {
        await this.event('postponed', `Uitgesteld door het BCSD van ${formatDateNl(entry.session.sessionDate)}`);
        after = entry.session.sessionDate;
        continue;
      }
      if (decision.urgent) {
        // The urgent decision takes effect at once (a grant pays, its clocks run); its ratification is taken up by the
        // procedure — in the benefit for a grant, before the end for a refusal — instead of holding the dossier back.
        if (patched(URGENT_AT_ONCE_PATCH)) this.pendingRatifications.push({ urgentItemId: entry.itemId, decision, proposal });
        else this.legacyRatifications.push(this.ratify(decision, proposal));
      }
      return { ...decision, sessionDate: entry.session.sessionDate };
    }
  }

  /**
   * Takes up the ratifications of urgent decisions in the background (supervised): each goes to the next session.
   * `onOverruled` handles an overruling the procedure can put into effect itself (true); otherwise the team lead is
   * told that a new decision and notification are needed. The dossier's finish waits for them; a hand-over carries
   * those not decided yet. Called once per run, at its start (or, for a refusal, before it ends).
   */
  superviseRatifications(onOverruled?: (pending: PendingRatification, ratification: CouncilDecision) => Promise<boolean>): void {
    for (const pending of this.pendingRatifications) {
      this.ratifications.push(
        this.supervise('ratification', 'de bekrachtiging van de dringende beslissing', async () => {
          await this.ratify(pending.decision, pending.proposal, { urgentItemId: pending.urgentItemId, onOverruled: onOverruled && ((r) => onOverruled(pending, r)) });
          // Decided: no longer handed to a next run (until then it is, and that run waits for the same item).
          this.pendingRatifications.splice(this.pendingRatifications.indexOf(pending), 1);
        }),
      );
    }
  }

  /**
   * Waits until nothing is in flight — no activity running, every completed task recorded — so that the run can hand
   * over (continue as new) without an Update losing its answer. Unlike finish, background work is not awaited, except
   * a ratification begun before ratifications were carried (runs before the urgent-decision-at-once patch awaited it
   * before continuing as new, and it is not in the hand-over).
   */
  async settle(): Promise<void> {
    await Promise.all(this.legacyRatifications);
    await condition(() => this.inFlight === 0 && [...this.tasks.values()].every((t) => t.status === 'open' || t.recorded));
  }

  /**
   * The chair decided in urgency outside the agenda — the forwarding of a request this OCMW is not competent for (CO-1,
   * §5.2: "chair may decide in urgency, ratified by the next BCSD") —: the decision goes to the next session for
   * ratification in the background, and the dossier's finish waits for it. `step` names the decision in the dossier's
   * life (the item key `ratification:<step>:<n>`); `what` says in Dutch what the chair decided; an overruling escalates
   * to the team lead with `overruled`. Not carried across continue-as-new: only for a dossier about to finish.
   */
  ratifyChairDecision(step: string, decisionDate: IsoDate, what: string, proposal: AgendaProposal, overruled: string): void {
    this.ratifications.push(
      this.supervise('ratification', 'de bekrachtiging van de dringende beslissing', () =>
        this.ratify({ decisionDate, what }, proposal, {
          urgentItemId: step,
          onOverruled: async () => {
            const { dossierId, team, reference } = this.input;
            await this.call(() =>
              acts.raiseEscalation({ dossierId, team, key: `ratification:${step}:overruled`, level: 'breach', at: new Date().toISOString(), message: `${reference}: ${overruled}` }),
            );
            return true;
          },
        }),
      ),
    );
  }

  /** The chair's urgent decision goes to the next session for ratification. */
  private async ratify(
    urgent: { decisionDate: string; result?: string; what?: string },
    proposal: AgendaProposal,
    durable?: { urgentItemId: string; onOverruled?: (ratification: CouncilDecision) => Promise<boolean> },
  ): Promise<void> {
    let after = urgent.decisionDate;
    for (let n = 1; ; n++) {
      const item = await this.call(() =>
        acts.scheduleAgendaItem({
          dossierId: this.input.dossierId, key: durable ? `ratification:${durable.urgentItemId}:${n}` : `ratification-${n}`, kind: 'ratification', team: this.input.team,
          proposal: { ...proposal, motivation: `Bekrachtiging van de dringende beslissing van ${durable ? formatDateNl(urgent.decisionDate) : urgent.decisionDate}: ${urgent.what ?? (durable ? URGENT_RESULT_NL[urgent.result ?? ''] : undefined) ?? urgent.result}` },
          hearingRequested: false, decisionDue: null, after, today: this.today(),
        }),
      );
      const entry: AgendaEntry = { itemId: item.itemId, kind: 'ratification', results: RATIFICATION, session: sessionOf(item), hearingRequested: false };
      this.agenda.set(item.itemId, entry);
      await condition(() => entry.decision !== undefined);
      const result = entry.decision!.result;
      if (result === 'postponed') {
        after = entry.session.sessionDate;
        continue;
      }
      await this.event(result, `Dringende beslissing ${result === 'ratified' ? 'bekrachtigd' : 'niet bekrachtigd'} door het BCSD van ${durable ? formatDateNl(entry.session.sessionDate) : entry.session.sessionDate}`);
      if (result === 'overruled') {
        if (durable?.onOverruled && (await durable.onOverruled({ ...entry.decision!, sessionDate: entry.session.sessionDate }))) return;
        const { dossierId, team, reference } = this.input;
        await this.call(() =>
          acts.raiseEscalation({
            dossierId, team, key: durable ? `agenda:${item.itemId}` : `agenda:ratification-${n}`, level: 'breach', at: new Date().toISOString(),
            message: `${reference}: het BCSD bekrachtigde de dringende beslissing niet; een nieuwe beslissing en kennisgeving zijn nodig.`,
          }),
        );
      }
      return;
    }
  }

  /**
   * The secretary moved an item (or the chair its session): the dossier follows it to the new session. Keys name the
   * item and the new session, so they survive continue-as-new and a repeated delivery writes nothing twice. A client
   * who asked to be heard gets a new invitation with the new place, date and time (art. 20 RMI-wet); a session after
   * the legal decision deadline needs the chair's urgent decision, and the team lead is told.
   */
  private async agendaItemMoved(move: AgendaItemMovedInput): Promise<{ status: string }> {
    const entry = this.agenda.get(move.itemId)!;
    entry.session = { meetingId: move.meetingId, sessionDate: move.sessionDate, time: move.time, place: move.place, cutoffDate: move.cutoffDate };
    const slot = `${move.itemId}:${move.sessionDate}T${move.time}`;
    const { dossierId, team, reference } = this.input;
    await this.call(() =>
      acts.recordDossierEvent({
        dossierId, key: `agenda-moved:${slot}`, at: new Date().toISOString(), type: 'agenda-moved',
        description: `Behandeling verplaatst naar het BCSD van ${formatDateNl(move.sessionDate)} om ${move.time} (${move.place}): ${move.reason}`,
        data: { itemId: move.itemId, meetingId: move.meetingId, sessionDate: move.sessionDate, urgent: move.urgent },
      }),
    );
    if (entry.hearingRequested) {
      const today = this.today();
      await this.attempt('nieuwe uitnodiging om gehoord te worden', () =>
        acts.issueLetter({
          dossierId,
          key: `hearing-invitation:${slot}`,
          template: 'hearing-invitation',
          data: { decidingBody: 'Bijzonder Comité voor de Sociale Dienst', hearing: { place: move.place, date: move.sessionDate, time: move.time } },
          delivery: { mode: 'letter' },
          dueDate: move.cutoffDate > today ? move.cutoffDate : today,
        } as never),
      );
    }
    if (move.urgent) {
      await this.call(() =>
        acts.raiseEscalation({
          dossierId, team, key: `agenda-moved:${slot}`, level: 'warning', at: new Date().toISOString(),
          message: `${reference}: het BCSD van ${formatDateNl(move.sessionDate)} valt na de beslissingstermijn (${move.decisionDue ? formatDateNl(move.decisionDue) : '–'}): dringende beslissing van de voorzitter nodig.`,
        }),
      );
    }
    return { status: this.status };
  }

  /** Waits until the partner message left the outbox (the API signals its export); returns the day it was sent. */
  async partnerMessageSent(partnerMessageId: string): Promise<string> {
    await condition(() => this.sentPartnerMessages.has(partnerMessageId));
    return this.sentPartnerMessages.get(partnerMessageId)!;
  }

  /**
   * After a partner message was sent: reminds the partner every `days` days (a reminder in the outbox) until its
   * answer arrives — the acknowledgement recorded through the API.
   */
  async remindPartnerUntilAnswered(message: { partnerMessageId: string; partner: Partner; kind: string; partnerRef: string }, days: number): Promise<void> {
    for (let n = 1; ; n++) {
      const answered = await condition(() => this.answeredPartnerMessages.has(message.partnerMessageId), `${days} days`);
      if (answered) return;
      await this.attempt(`herinnering aan ${message.partner}`, () =>
        acts.queuePartnerMessage({
          dossierId: this.input.dossierId,
          partner: message.partner,
          kind: `${message.kind}-reminder`,
          // Keyed on the day it is due: a watch carried into the next run never reuses a reminder of the previous one.
          partnerRef: this.durableKeys() ? `${message.partnerRef}:reminder:${this.today()}` : `${message.partnerRef}:reminder-${n}`,
          payload: { reminderOf: message.partnerMessageId, reminder: n, originalRef: message.partnerRef },
        }),
      );
    }
  }

  /**
   * The earliest external event of `type` received and not yet taken — at once when it arrived before the call (or in
   * an earlier run: handOver carries it), else when it arrives. Each event is taken once: two waits for one type get
   * two events. A taken event is the procedure's: what it still has to do about it after a hand-over it carries
   * itself (a deadline clock, its own continue-as-new input).
   */
  async waitForEvent(type: string): Promise<ExternalEventInput> {
    return this.waitForAnyEvent([type]);
  }

  /**
   * The earliest external event of any of `types` (as waitForEvent): a step that goes on with whichever comes first
   * (a homologation or a judicial plan) takes one event, and leaves the others for later waits.
   */
  async waitForAnyEvent(types: readonly string[]): Promise<ExternalEventInput> {
    const take = this.eventTaker(types);
    await condition(take.ready);
    return take.event()!;
  }

  /**
   * As waitForAnyEvent, but for at most `timeoutMs`: undefined when none of `types` came by then (a step that waits
   * for a payment until a due day, then reminds). An event that comes later stays pending for the next wait.
   */
  async waitForAnyEventWithin(types: readonly string[], timeoutMs: number): Promise<ExternalEventInput | undefined> {
    const take = this.eventTaker(types);
    return (await condition(take.ready, Math.max(0, timeoutMs))) ? take.event() : undefined;
  }

  /** The predicate that takes the earliest pending event of `types`, and the event it took. */
  private eventTaker(types: readonly string[]): { ready: () => boolean; event: () => ExternalEventInput | undefined } {
    for (const type of types) {
      if (this.options.takesEvents && !this.options.takesEvents.includes(type)) {
        throw new Error(`waitForEvent('${type}'): not among the events this procedure takes (DossierOptions.takesEvents)`);
      }
    }
    let taken: ExternalEventInput | undefined;
    // The event is taken inside the condition, so that two waiters woken by one event cannot both take it.
    const ready = () => {
      if (taken) return true;
      const i = this.pendingEvents.findIndex((e) => types.includes(e.type));
      if (i < 0) return false;
      taken = this.pendingEvents.splice(i, 1)[0];
      this.rememberEvent(taken.eventId);
      return true;
    };
    return { ready, event: () => taken };
  }

  /**
   * An external event reaches the dossier (the outbox's Update): kept for the procedure's waitForEvent and written to
   * the timeline here — by the workflow, once, keyed on the event id; the API writes none.
   */
  private async receiveEvent(event: ExternalEventInput): Promise<ExternalEventResult> {
    if (this.takenEvents.has(event.eventId) || this.pendingEvents.some((e) => e.eventId === event.eventId)) {
      return { status: this.status, outcome: 'duplicate' };
    }
    const { eventId, type, occurredOn, reference, data, recordedBy } = event;
    if (!this.options.takesEvents || this.options.takesEvents.includes(type)) this.pendingEvents.push({ eventId, type, occurredOn, reference, data, recordedBy });
    else this.rememberEvent(eventId);
    const kind = eventKindOf(this.input.procedure, type)!;
    await this.call(() =>
      acts.recordDossierEvent({
        dossierId: this.input.dossierId,
        key: `external-event:${eventId}`,
        at: new Date().toISOString(),
        type: 'external-event',
        description: `${kind.title} op ${formatDateNl(occurredOn)}${reference ? ` (kenmerk ${reference})` : ''}`,
        data: { eventId, type, occurredOn, reference, recordedBy },
      }),
    );
    return { status: this.status, outcome: 'accepted' };
  }

  /** An event no longer pending: remembered among the most recent REMEMBERED_EVENT_IDS, the oldest forgotten. */
  private rememberEvent(eventId: string): void {
    this.takenEvents.add(eventId);
    for (const oldest of this.takenEvents) {
      if (this.takenEvents.size <= REMEMBERED_EVENT_IDS) break;
      this.takenEvents.delete(oldest);
    }
  }

  private validateEvent(event: ExternalEventInput): void {
    validateEventEnvelope(event);
    const errors = validateExternalEvent(this.input.procedure, event.type, event.data, this.today());
    if (errors.length > 0) {
      throw ApplicationFailure.create({ type: TASK_FAILURES.validation, message: 'the event is not valid', details: [errors], nonRetryable: true });
    }
  }

  /** Background work the procedure must see through before it ends (finish waits for it). */
  keep(work: Promise<unknown>): void {
    this.pending.push(work);
  }

  /** A deadline started earlier in this dossier, if any. */
  deadlineOf(key: string): DeadlineHandle | undefined {
    return this.deadlines.get(key);
  }

  /**
   * Ends the procedure once every Update in progress has had its answer; with `windows`, also once the terms it
   * watches for others (the client's appeal window) have run out, so their records end as expired.
   */
  async finish(options: { windows?: boolean } = {}): Promise<void> {
    if (options.windows) {
      await condition(() => [...this.deadlines.values()].every((d) => !(d instanceof DeadlineClock) || !d.isWindow() || d.isClosed()));
    }
    await Promise.all([...this.ratifications, ...this.legacyRatifications, ...this.pending]);
    await this.settle();
  }

  /** A procedure's own activity call, counted like the runtime's (see call). */
  activity<T>(fn: () => Promise<T>): Promise<T> {
    return this.call(fn);
  }

  /**
   * A step the dossier can go on without (a letter or a form that a refusal of its activity — e.g. an incomplete
   * letter — stops): the refusal is escalated to the team lead with its reason instead of failing the procedure.
   */
  async attempt<T>(step: string, fn: () => Promise<T>): Promise<T | undefined> {
    try {
      return await this.call(fn);
    } catch (err) {
      if (!(err instanceof ActivityFailure)) throw err;
      const reason = err.cause?.message ?? err.message;
      const { dossierId, team, reference } = this.input;
      await this.call(() =>
        acts.raiseEscalation({
          dossierId, team, key: this.durableKeys() ? `step:${step}:${this.today()}` : `step:${step}`, level: 'breach', at: new Date().toISOString(),
          message: `${reference}: ${step} is geweigerd: ${reason}`,
        }),
      );
      return undefined;
    }
  }

  /** Cancels the tasks still open (the procedure ends, or continues as new and opens them again). */
  async closeOpenTasks(reason: string): Promise<void> {
    let ends: boolean | undefined;
    for (const task of this.tasks.values()) {
      if (task.status !== 'open') continue;
      ends ??= patched(CANCELLED_TASK_ENDS_PATCH);
      task.status = 'completed';
      task.recorded = true;
      task.cancelled = ends ? 'ends' : 'legacy';
      await this.call(() => acts.cancelTask({ taskId: task.id, dossierId: this.input.dossierId, reason }));
    }
  }

  /** Cancels the open task of `kind` named `key`, if any: the step waiting for it ends there. */
  async cancelTask(kind: string, key: string, reason: string): Promise<void> {
    const task = [...this.tasks.values()].find((t) => t.kind === kind && t.key === key && t.status === 'open');
    if (!task) return;
    task.status = 'completed';
    task.recorded = true;
    task.cancelled = 'ends';
    await this.call(() => acts.cancelTask({ taskId: task.id, dossierId: this.input.dossierId, reason }));
  }

  /** The accepted decision on the agenda item (idempotent activity): the read model follows the workflow. */
  private async recordCouncilDecision(decision: CouncilDecisionInput): Promise<{ status: string }> {
    const { userId, userRole, itemId, urgent, result, decisionDate, motivation } = decision;
    await this.call(() =>
      acts.recordCouncilDecision({
        dossierId: this.input.dossierId,
        itemId,
        // The procedure's own fields of the decision (category, amount, form of aid) as its schema accepted them.
        decision: { ...councilDecisionContent(decision), result, decisionDate, motivation, urgent, recordedBy: userId, recordedAt: new Date().toISOString() },
        actor: { id: userId, role: userRole ?? 'council-secretary' },
      }),
    );
    return { status: this.status };
  }

  /** Every activity call goes through here, so an Update can wait until the workflow has settled. */
  private async call<T>(fn: () => Promise<T>): Promise<T> {
    this.inFlight++;
    try {
      return await fn();
    } finally {
      this.inFlight--;
    }
  }

  private clockContext(): ClockContext & { dossierId: string } {
    const { dossierId, reference, team } = this.input;
    const settings = this.settings;
    return { dossierId, reference, team, warningDays: settings.warningDays, timeZone: settings.timeZone, call: (fn) => this.call(fn) };
  }

  private validateCompletion({ taskId, userRole, outcome }: CompleteTaskInput): void {
    const task = this.tasks.get(taskId);
    if (!task || task.status !== 'open') {
      throw ApplicationFailure.create({ type: TASK_FAILURES.notOpen, message: `task ${taskId} is not open`, nonRetryable: true });
    }
    if (userRole !== task.role) {
      throw ApplicationFailure.create({ type: TASK_FAILURES.wrongRole, message: `task is for role ${task.role}`, nonRetryable: true });
    }
    const errors = validateTaskOutcome(this.input.procedure, task.kind, outcome, { ...this.facts, requestDate: this.input.requestDate, today: this.today() });
    // The optional fields this task requires (TaskOptions.require), before the kind's own checks' findings.
    const given = (outcome ?? {}) as Record<string, unknown>;
    const missing = (task.require ?? []).filter((f) => given[f] === undefined && !errors.some((e) => e.path === `/${f}`));
    errors.unshift(...missing.map((f) => ({ path: `/${f}`, code: 'required', message: 'is required in this dossier' })));
    if (errors.length > 0) {
      throw ApplicationFailure.create({
        type: TASK_FAILURES.validation,
        message: 'the outcome is not valid',
        details: [errors],
        nonRetryable: true,
      });
    }
  }

  private validateDeadlineChange({ key }: ChangeDeadlineInput): void {
    const clock = this.deadlines.get(key);
    if (!(clock instanceof DeadlineClock)) {
      throw ApplicationFailure.create({
        type: TASK_FAILURES.notSupported,
        message: clock ? 'this dossier predates suspensions and extensions' : `no deadline ${key} in this dossier`,
        nonRetryable: true,
      });
    }
    if (clock.isClosed()) {
      throw ApplicationFailure.create({ type: TASK_FAILURES.deadlineClosed, message: `deadline ${key} is ${clock.status()}`, nonRetryable: true });
    }
  }

  /**
   * recomputeDeadlines: every open clock (running, at-risk, suspended, informative) is computed again by the engine;
   * met, breached, cancelled and expired clocks stay as they are. One clock at a time, each with its own timeline entry.
   */
  private async recomputeDeadlines({ requestedBy }: RecomputeDeadlinesInput): Promise<RecomputeDeadlinesResult> {
    const result: RecomputeDeadlinesResult = { recomputed: [], unchanged: [], failed: [] };
    for (const clock of [...this.deadlines.values()] as DeadlineClock[]) {
      if (!clock.isOpen()) {
        result.unchanged.push({ key: clock.key, ruleId: clock.ruleId, status: clock.status() });
        continue;
      }
      const outcome = await clock.recompute(requestedBy);
      if ('failed' in outcome) result.failed.push({ key: clock.key, ruleId: clock.ruleId, reason: outcome.failed });
      else result.recomputed.push(outcome);
    }
    return result;
  }

  private validateRecompute(): void {
    if (!this.engine) {
      throw ApplicationFailure.create({
        type: TASK_FAILURES.notSupported,
        message: 'this dossier predates the deadline engine: its deadlines were computed in the workflow (v1) and cannot be recomputed',
        nonRetryable: true,
      });
    }
  }

  private validateCouncilDecision(decision: CouncilDecisionInput): void {
    const entry = this.agenda.get(decision.itemId);
    if (!entry || entry.decision) {
      throw ApplicationFailure.create({ type: TASK_FAILURES.notOnAgenda, message: 'this item awaits no decision in the dossier', nonRetryable: true });
    }
    if (!entry.results.includes(decision.result)) {
      throw ApplicationFailure.create({
        type: TASK_FAILURES.validation,
        message: `a ${entry.kind} item cannot be ${decision.result}`,
        details: [[{ path: '/result', code: 'enum', message: `must be one of ${entry.results.join(', ')}` }]],
        nonRetryable: true,
      });
    }
    const errors = validateCouncilDecision(this.input.procedure, entry.kind, councilDecisionContent(decision), {
      rijksregisterCode: this.facts.rijksregisterCode, requestDate: this.input.requestDate, today: this.today(),
      debtMediationRecognisedSince: this.settings.debtMediationRecognisedSince ?? null,
    });
    if (errors.length > 0) {
      throw ApplicationFailure.create({ type: TASK_FAILURES.validation, message: 'the decision is not valid', details: [errors], nonRetryable: true });
    }
  }

  private validateAgendaMove(move: AgendaItemMovedInput): void {
    const entry = this.agenda.get(move.itemId);
    if (!entry || entry.decision) {
      throw ApplicationFailure.create({ type: TASK_FAILURES.notOnAgenda, message: 'this item awaits no decision in the dossier', nonRetryable: true });
    }
  }

  private view(): DossierStateView {
    return {
      status: this.status,
      agenda: [...this.agenda.values()].map((a) => ({ itemId: a.itemId, kind: a.kind, decided: a.decision !== undefined, sessionDate: a.session.sessionDate })),
      responsibleUserId: this.responsibleUserId,
      pendingEvents: this.pendingEvents.map((e) => ({ eventId: e.eventId, type: e.type })),
      referralFollowUps: this.referrals.view(),
      tasks: [...this.tasks.values()].map((t) => ({ id: t.id, kind: t.kind, status: t.status })),
      deadlines: [...this.deadlines.values()].map((d) => ({
        key: d.key,
        ruleId: d.ruleId,
        dueDate: d.dueDate(),
        status: d.status(),
        metDate: d.metDate(),
      })),
    };
  }
}

function dateOrDash(date: string | null | undefined): string {
  return date ? formatDateNl(date) : '–';
}

function sessionOf(item: { meetingId: string; sessionDate: string; time: string; place: string; cutoffDate: string }): AgendaSession {
  return { meetingId: item.meetingId, sessionDate: item.sessionDate, time: item.time, place: item.place, cutoffDate: item.cutoffDate };
}

/** A durable timer until an instant (epoch ms): at once when it has passed. */
export async function sleepUntil(instant: number): Promise<void> {
  const ms = instant - Date.now();
  if (ms > 0) await sleep(ms);
}

import { ActivityFailure, ApplicationFailure, condition, patched, proxyActivities, setHandler, uuid4 } from '@temporalio/workflow';
import type { Activities } from '../../activities';
import type { NoticeInput } from '../../activities/notices/notice.activities';
import { dateInZone, IsoDate } from '../../libs/deadlines/calendar-date';
import { TaskContext, taskKind, validateOutcome } from '../../libs/tasks/task-kinds';
import type { CompletedTask, TaskKindName } from '../../libs/tasks/task-outcomes';
import { ClockContext, ClockOptions, DeadlineClock, DeadlineHandle, startLegacyDeadline } from './deadline-clock';
import type { DossierInput } from './dossier-input';
import type { AgendaProposal } from '../../libs/db/entities/agenda-item.entity';
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
  partnerMessageAnsweredSignal,
  partnerMessageSentSignal,
  reassignSignal,
  RecomputeDeadlinesInput,
  RecomputeDeadlinesResult,
  recomputeDeadlinesUpdate,
  TASK_FAILURES,
} from './dossier.messages';

export type { DeadlineHandle } from './deadline-clock';

const acts = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '5 minutes' },
});

/** Dossiers started from here on compute deadlines with the engine (activity) and can suspend/extend them. */
export const DEADLINE_ENGINE_PATCH = 'deadline-engine';

interface TaskState {
  id: string;
  kind: string;
  role: string;
  status: 'open' | 'completed';
  outcome?: Record<string, unknown>;
  completedBy?: string;
  /** The read model shows the completion: the Update may answer once the workflow has moved on. */
  recorded: boolean;
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

const FIRST_DECISION = ['granted', 'refused', 'postponed'] as const;
const RATIFICATION = ['ratified', 'overruled', 'postponed'] as const;

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
  private readonly ratifications: Promise<unknown>[] = [];
  private readonly pending: Promise<unknown>[] = [];
  private readonly sentPartnerMessages = new Map<string, string>();
  private readonly answeredPartnerMessages = new Set<string>();
  private inFlight = 0;
  private eventSeq = 0;

  constructor(readonly input: DossierInput) {
    this.engine = patched(DEADLINE_ENGINE_PATCH);
    this.responsibleUserId = input.responsibleUserId;
    this.facts.requestDate = input.requestDate;
    setHandler(dossierStateQuery, () => this.view());
    setHandler(
      completeTaskUpdate,
      async ({ taskId, userId, outcome }) => {
        const task = this.tasks.get(taskId)!;
        task.status = 'completed';
        task.outcome = outcome;
        task.completedBy = userId;
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
  }

  today(): IsoDate {
    return dateInZone(Date.now(), this.input.settings.timeZone);
  }

  /** A timeline entry; with `status`, the dossier moves to that status. */
  async event(type: string, description: string, options: { status?: string; data?: Record<string, unknown>; closed?: boolean } = {}) {
    if (options.status) this.status = options.status;
    await this.call(() =>
      acts.recordDossierEvent({
        dossierId: this.input.dossierId,
        key: `${type}:${++this.eventSeq}`,
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
   * Opens a human task and waits until a person completes it through the API (the `completeTask` Update, validated
   * against the kind's outcome schema). Social-worker tasks go to the dossier's responsible social worker (or the
   * colleague covering their absence).
   */
  task<K extends TaskKindName>(kind: K, options?: { deadline?: DeadlineHandle }): Promise<CompletedTask<K>>;
  task(kind: string, options?: { deadline?: DeadlineHandle }): Promise<TaskOutcome>;
  async task(kind: string, options: { deadline?: DeadlineHandle } = {}): Promise<TaskOutcome> {
    const k = taskKind(kind);
    const id = uuid4();
    const task: TaskState = { id, kind, role: k.role, status: 'open', recorded: false };
    this.tasks.set(id, task);
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
      }),
    );
    await condition(() => task.status === 'completed');
    const completedOn = this.today();
    await this.call(() =>
      acts.recordTaskCompletion({
        taskId: id,
        dossierId: this.input.dossierId,
        outcome: task.outcome!,
        completedBy: task.completedBy!,
        completedByRole: k.role,
        completedAt: new Date().toISOString(),
      }),
    );
    task.recorded = true;
    return { ...task.outcome!, completedBy: task.completedBy!, completedOn };
  }

  /**
   * Starts a legal deadline from the catalogue rule in force on the trigger date; its timers run beside the procedure.
   */
  async deadline(key: string, ruleId: string, triggerDate: IsoDate, options: ClockOptions = {}): Promise<DeadlineHandle> {
    const handle = this.engine
      ? await DeadlineClock.start(this.clockContext(), key, ruleId, triggerDate, options)
      : await startLegacyDeadline(this.clockContext(), key, ruleId, triggerDate);
    this.deadlines.set(key, handle);
    return handle;
  }

  /**
   * Puts the dossier on the BCSD agenda — the earliest session whose agenda is still open — and waits for the
   * decision the council secretary records. A postponed item moves to the next session (the decision deadline keeps
   * running and escalates if it passes). When even the earliest session is after the legal deadline, the team lead
   * is told and the chair decides urgently; that decision is ratified (or overruled) at the next session.
   */
  async council(
    proposal: AgendaProposal,
    options: { hearingRequested: boolean; deadline?: DeadlineHandle; results?: readonly string[] },
  ): Promise<CouncilDecision> {
    let after: string | undefined;
    for (let n = 1; ; n++) {
      const item = await this.call(() =>
        acts.scheduleAgendaItem({
          dossierId: this.input.dossierId,
          key: `decision-${n}`,
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
      await this.event('on-agenda', `Geagendeerd op het BCSD van ${item.sessionDate}`, { status: 'ON_AGENDA', data: { itemId: item.itemId } });
      if (item.urgent) {
        const { dossierId, team, reference } = this.input;
        await this.call(() =>
          acts.raiseEscalation({
            dossierId, team, key: `agenda:decision-${n}`, level: 'warning', at: new Date().toISOString(),
            message: `${reference}: eerstvolgend BCSD (${item.sessionDate}) valt na de beslissingstermijn (${options.deadline?.dueDate()}): dringende beslissing van de voorzitter nodig.`,
          }),
        );
      }
      if (options.hearingRequested) {
        // art. 20 RMI-wet: the client who asked to be heard is invited with the place, date and time of the session.
        await this.attempt('uitnodiging om gehoord te worden', () =>
          acts.issueLetter({
            dossierId: this.input.dossierId,
            key: `hearing-invitation-${n}`,
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
        await this.event('postponed', `Uitgesteld door het BCSD van ${entry.session.sessionDate}`);
        after = entry.session.sessionDate;
        continue;
      }
      if (decision.urgent) this.ratifications.push(this.ratify(decision, proposal));
      return { ...decision, sessionDate: entry.session.sessionDate };
    }
  }

  /** The chair's urgent decision goes to the next session for ratification. */
  private async ratify(urgent: CouncilDecisionInput, proposal: AgendaProposal): Promise<void> {
    let after = urgent.decisionDate;
    for (let n = 1; ; n++) {
      const item = await this.call(() =>
        acts.scheduleAgendaItem({
          dossierId: this.input.dossierId, key: `ratification-${n}`, kind: 'ratification', team: this.input.team,
          proposal: { ...proposal, motivation: `Bekrachtiging van de dringende beslissing van ${urgent.decisionDate}: ${urgent.result}` },
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
      await this.event(result, `Dringende beslissing ${result === 'ratified' ? 'bekrachtigd' : 'niet bekrachtigd'} door het BCSD van ${entry.session.sessionDate}`);
      if (result === 'overruled') {
        const { dossierId, team, reference } = this.input;
        await this.call(() =>
          acts.raiseEscalation({
            dossierId, team, key: `agenda:ratification-${n}`, level: 'breach', at: new Date().toISOString(),
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
  async remindPartnerUntilAnswered(message: { partnerMessageId: string; partner: 'pod-mi' | 'ocmw' | 'fedasil' | 'creditor'; kind: string; partnerRef: string }, days: number): Promise<void> {
    for (let n = 1; ; n++) {
      const answered = await condition(() => this.answeredPartnerMessages.has(message.partnerMessageId), `${days} days`);
      if (answered) return;
      await this.attempt(`herinnering aan ${message.partner}`, () =>
        acts.queuePartnerMessage({
          dossierId: this.input.dossierId,
          partner: message.partner,
          kind: `${message.kind}-reminder`,
          partnerRef: `${message.partnerRef}:reminder-${n}`,
          payload: { reminderOf: message.partnerMessageId, reminder: n, originalRef: message.partnerRef },
        }),
      );
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
    await Promise.all([...this.ratifications, ...this.pending]);
    await condition(() => this.inFlight === 0 && [...this.tasks.values()].every((t) => t.status === 'open' || t.recorded));
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
          dossierId, team, key: `step:${step}`, level: 'breach', at: new Date().toISOString(),
          message: `${reference}: ${step} is geweigerd: ${reason}`,
        }),
      );
      return undefined;
    }
  }

  /** Cancels the tasks still open (the procedure ends, or continues as new and opens them again). */
  async closeOpenTasks(reason: string): Promise<void> {
    for (const task of this.tasks.values()) {
      if (task.status !== 'open') continue;
      task.status = 'completed';
      task.recorded = true;
      await this.call(() => acts.cancelTask({ taskId: task.id, dossierId: this.input.dossierId, reason }));
    }
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

  private clockContext(): ClockContext {
    const { dossierId, reference, team, settings } = this.input;
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
    const errors = validateOutcome(task.kind, outcome, { ...this.facts, requestDate: this.input.requestDate, today: this.today() });
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
    if (decision.result === 'granted' || decision.result === 'refused') {
      const errors = validateOutcome('decision', { result: decision.result, decisionDate: decision.decisionDate, motivation: decision.motivation,
        ...(decision.category !== undefined ? { category: decision.category } : {}),
        ...(decision.monthlyAmountCents !== undefined ? { monthlyAmountCents: decision.monthlyAmountCents } : {}),
        ...(decision.startDate !== undefined ? { startDate: decision.startDate } : {}) },
        { ...this.facts, requestDate: this.input.requestDate, today: this.today() });
      if (errors.length > 0) {
        throw ApplicationFailure.create({ type: TASK_FAILURES.validation, message: 'the decision is not valid', details: [errors], nonRetryable: true });
      }
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

function sessionOf(item: { meetingId: string; sessionDate: string; time: string; place: string; cutoffDate: string }): AgendaSession {
  return { meetingId: item.meetingId, sessionDate: item.sessionDate, time: item.time, place: item.place, cutoffDate: item.cutoffDate };
}

import {
  ApplicationFailure,
  CancellationScope,
  condition,
  isCancellation,
  proxyActivities,
  setHandler,
  sleep,
  uuid4,
} from '@temporalio/workflow';
import type { Activities } from '../../activities';
import type { NoticeInput } from '../../activities/notices/notice.activities';
import { dateInZone, endOfDay, IsoDate, startOfDay } from '../../libs/deadlines/calendar-date';
import { ComputedDeadline, computeDeadline, DeadlineStatus, ruleFor } from '../../libs/deadlines/v1-rules';
import { TaskContext, taskKind, validateOutcome } from '../../libs/tasks/task-kinds';
import type { DossierInput } from './dossier-input';
import { completeTaskUpdate, CompleteTaskInput, dossierStateQuery, DossierStateView, TASK_FAILURES } from './dossier.messages';

const acts = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '5 minutes' },
});

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

export interface DeadlineHandle {
  readonly key: string;
  readonly computed: ComputedDeadline;
  status(): DeadlineStatus;
  /** The action happened on `date`: met if on or before the due date, otherwise breached with its met date. */
  met(date: IsoDate): Promise<void>;
  /** The deadline no longer applies (e.g. the request was forwarded). */
  cancel(reason: string): Promise<void>;
}

export type TaskOutcome = Record<string, unknown> & { readonly completedBy: string; readonly completedOn: IsoDate };

/**
 * The shared steps every procedure workflow is built from: timeline events, notices, human tasks completed through
 * the `completeTask` Update, and legal deadlines with their warning and breach escalations as durable timers.
 */
export class Dossier {
  status = 'REQUEST_REGISTERED';
  readonly facts: Partial<TaskContext> = {};
  private readonly tasks = new Map<string, TaskState>();
  private readonly deadlines = new Map<string, { handle: DeadlineHandle; state: DeadlineStatus; metDate: IsoDate | null }>();
  private inFlight = 0;
  private eventSeq = 0;

  constructor(readonly input: DossierInput) {
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
   * against the kind's outcome schema). Social-worker tasks go to the dossier's responsible social worker.
   */
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
        assigneeId: k.role === 'social-worker' ? this.input.responsibleUserId : null,
        dueDate: options.deadline?.computed.dueDate ?? null,
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
   * Starts a legal deadline from the catalogue rule in force on the trigger date. Its timers run beside the
   * procedure: at the warning date the team lead is warned, when the due date has passed the breach is escalated.
   */
  async deadline(key: string, ruleId: string, triggerDate: IsoDate): Promise<DeadlineHandle> {
    const computed = computeDeadline(ruleFor(ruleId, triggerDate), triggerDate, this.input.settings.warningDays);
    const { dossierId, team, settings } = this.input;
    await this.call(() => acts.startDeadline({ dossierId, key, team, deadline: computed }));
    const entry = { state: 'running' as DeadlineStatus, metDate: null as IsoDate | null, handle: undefined as unknown as DeadlineHandle };
    const setStatus = async (status: DeadlineStatus, metDate?: IsoDate) => {
      entry.state = status;
      if (metDate) entry.metDate = metDate;
      await this.call(() => acts.setDeadlineStatus({ dossierId, key, status, metDate, at: new Date().toISOString() }));
    };
    const escalate = (level: 'warning' | 'breach', message: string) =>
      this.call(() => acts.raiseEscalation({ dossierId, key, team, level, message, at: new Date().toISOString() }));

    const watch = new CancellationScope();
    watch
      .run(async () => {
        await sleepUntil(startOfDay(computed.warningDate, settings.timeZone));
        await CancellationScope.nonCancellable(async () => {
          await setStatus('at-risk');
          await escalate('warning', `${this.input.reference}: ${computed.title} verstrijkt op ${computed.dueDate} (${computed.legalBasis}).`);
        });
        await sleepUntil(endOfDay(computed.dueDate, settings.timeZone));
        await CancellationScope.nonCancellable(async () => {
          await setStatus('breached');
          await escalate('breach', `${this.input.reference}: ${computed.title} is overschreden (uiterlijk ${computed.dueDate}, ${computed.legalBasis}).`);
        });
      })
      .catch((err) => {
        if (!isCancellation(err)) throw err;
      });

    entry.handle = {
      key,
      computed,
      status: () => entry.state,
      met: async (date) => {
        watch.cancel();
        await setStatus(date <= computed.dueDate ? 'met' : 'breached', date);
      },
      cancel: async () => {
        watch.cancel();
        await setStatus('cancelled');
      },
    };
    this.deadlines.set(key, entry);
    return entry.handle;
  }

  /** Ends the procedure once every Update in progress has had its answer. */
  async finish(): Promise<void> {
    await condition(() => this.inFlight === 0 && [...this.tasks.values()].every((t) => t.status === 'open' || t.recorded));
  }

  private async call<T>(fn: () => Promise<T>): Promise<T> {
    this.inFlight++;
    try {
      return await fn();
    } finally {
      this.inFlight--;
    }
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

  private view(): DossierStateView {
    return {
      status: this.status,
      tasks: [...this.tasks.values()].map((t) => ({ id: t.id, kind: t.kind, status: t.status })),
      deadlines: [...this.deadlines.entries()].map(([key, d]) => ({
        key,
        ruleId: d.handle.computed.ruleId,
        dueDate: d.handle.computed.dueDate,
        status: d.state,
        metDate: d.metDate,
      })),
    };
  }
}

async function sleepUntil(instant: number): Promise<void> {
  const ms = instant - Date.now();
  if (ms > 0) await sleep(ms);
}

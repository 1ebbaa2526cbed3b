import type { JsonSchema } from '../../../libs/validation/schema';
import { Inject, Injectable } from '@nestjs/common';
import { Client } from '@temporalio/client';
import { DataSource, EntityManager, In, IsNull } from 'typeorm';
import { audit } from '../../../libs/db/audit';
import type { AppConfig } from '../../../libs/config/config';
import { loadLeefloonAmounts } from '../../../libs/config/leefloon-amounts';
import { DossierEntity, DossierPersonEntity, ExternalEventEntity, PersonEntity, TaskDraftEntity, TaskEntity, UserEntity } from '../../../libs/db/entities';
import type { LeefloonAmountTable } from '../../../libs/payments/amounts';
import { taskKindOf } from '../../../libs/procedures';
import { computationsFor, outcomeFields, prefillFor, TaskFacts } from '../../../libs/procedures/task-forms';
import { completeTaskUpdate } from '../../../workflows/shared/dossier.messages';
import { authorize, teamInScope } from '../common/authorize';
import type { AuthUser } from '../common/current-user';
import { conflict, notFound, ValidationError } from '../common/errors';
import { CONFIG, TEMPORAL_CLIENT } from '../common/tokens';
import { taskView } from './task-view';

export interface TaskFilters {
  assignee?: string;
  team?: string;
  status?: string;
  dueBefore?: string;
  page?: string;
  pageSize?: string;
}

@Injectable()
export class TasksService {
  /** The leefloon amounts in force, loaded as the worker's activities load them (the same dated configuration). */
  private readonly amounts: LeefloonAmountTable;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
    @Inject(CONFIG) config: AppConfig,
  ) {
    this.amounts = loadLeefloonAmounts(config.payments.amountsFile);
  }

  /**
   * Without filters: what the caller may act on (open tasks for their role in their team, and those claimed by them);
   * for an admin, who reads everything, every task still to be done (open or claimed) — never a completed or cancelled
   * one, which the filters (`status=completed`) still find. Sorted by due date, the most urgent first.
   */
  async list(actor: AuthUser, filters: TaskFilters) {
    const team = teamInScope(actor, 'task:read', filters.team);
    const qb = this.dataSource.createQueryBuilder(TaskEntity, 't');
    if (team) qb.andWhere('t.team = :team', { team });
    const unfiltered = !filters.assignee && !filters.status && !filters.team && !filters.dueBefore;
    if (unfiltered && actor.role === 'admin') {
      qb.andWhere(`t.status IN ('open', 'claimed')`);
    } else if (unfiltered) {
      qb.andWhere(`((t.status = 'open' AND t.role = :role) OR (t.status = 'claimed' AND t.assigneeId = :me))`, { role: actor.role, me: actor.id });
    }
    if (filters.assignee) qb.andWhere('t.assigneeId = :assignee', { assignee: filters.assignee === 'me' ? actor.id : filters.assignee });
    if (filters.status) qb.andWhere('t.status = :status', { status: filters.status });
    if (filters.dueBefore) qb.andWhere('t.dueDate < :dueBefore', { dueBefore: filters.dueBefore });
    const page = Number(filters.page ?? 1);
    const pageSize = Number(filters.pageSize ?? 100);
    const [tasks, total] = await qb
      .orderBy('t.dueDate', 'ASC', 'NULLS LAST')
      .addOrderBy('t.createdAt', 'ASC')
      .skip((page - 1) * pageSize)
      .take(pageSize)
      .getManyAndCount();
    const items = await this.withDossiers(this.dataSource.manager, tasks);
    if (items.length > 0) {
      await audit(this.dataSource.manager, actor, 'task.listed', { details: { dossierIds: [...new Set(items.map((i) => i.dossierId))] } });
    }
    return { items, total, page, pageSize };
  }

  async get(actor: AuthUser, id: string) {
    return this.dataSource.transaction(async (tx) => {
      const task = await this.findVisible(tx, actor, id, 'task:read');
      const [item] = await this.withDossiers(tx, [task]);
      await audit(tx, actor, 'task.read', { dossierId: task.dossierId, details: { taskId: id } });
      const completedBy = task.completedBy ? await tx.findOneBy(UserEntity, { id: task.completedBy }) : null;
      return {
        ...item,
        outcomeSchema: withRequired(taskKindOf(item.procedure, task.kind).outcomeSchema, task.requiredFields ?? []),
        outcome: task.outcome,
        completedBy: task.completedBy ?? null,
        completedByName: completedBy?.displayName ?? null,
      };
    });
  }

  async claim(actor: AuthUser, id: string) {
    return this.dataSource.transaction(async (tx) => {
      const task = await this.findVisible(tx, actor, id, 'task:claim', true);
      if (task.status === 'claimed' && task.assigneeId === actor.id) return (await this.withDossiers(tx, [task]))[0];
      if (task.status !== 'open') throw conflict(task.status === 'claimed' ? 'The task is claimed by someone else' : `The task is ${task.status}`);
      await tx.update(TaskEntity, { id }, { status: 'claimed', assigneeId: actor.id });
      await audit(tx, actor, 'task.claimed', { dossierId: task.dossierId, details: { taskId: id } });
      return (await this.withDossiers(tx, [{ ...task, status: 'claimed', assigneeId: actor.id }]))[0];
    });
  }

  async assign(actor: AuthUser, id: string, userId: string) {
    return this.dataSource.transaction(async (tx) => {
      const task = await this.findVisible(tx, actor, id, 'task:assign', true);
      if (task.status === 'completed' || task.status === 'cancelled') throw conflict(`The task is ${task.status}`);
      const user = await tx.findOneBy(UserEntity, { id: userId });
      if (!user || !user.active || user.team !== task.team || user.role !== task.role) {
        throw new ValidationError([{ path: '/userId', code: 'not-eligible', message: `must be an active ${task.role} of team ${task.team}` }]);
      }
      await tx.update(TaskEntity, { id }, { status: 'claimed', assigneeId: userId });
      await audit(tx, actor, 'task.assigned', { dossierId: task.dossierId, details: { taskId: id, from: task.assigneeId, to: userId } });
      return (await this.withDossiers(tx, [{ ...task, status: 'claimed', assigneeId: userId }]))[0];
    });
  }

  /**
   * The outcome goes to the dossier's workflow as an Update; its validator is the judge of the outcome (400 with the
   * errors, nothing changed). Answers once the workflow has recorded the completion and opened the next tasks.
   */
  async complete(actor: AuthUser, id: string, outcome: Record<string, unknown>) {
    const task = await this.findVisible(this.dataSource.manager, actor, id, 'task:complete', true);
    if (task.status === 'completed' || task.status === 'cancelled') throw conflict(`The task is already ${task.status}`);
    if (task.assigneeId && task.assigneeId !== actor.id) throw conflict('The task is claimed by someone else');
    if (typeof outcome !== 'object' || outcome === null || Array.isArray(outcome)) {
      throw new ValidationError([{ path: '', code: 'type', message: 'must be an object' }]);
    }
    const dossier = await this.dataSource.getRepository(DossierEntity).findOneByOrFail({ id: task.dossierId });
    const result = await this.temporal.workflow
      .getHandle(dossier.workflowId)
      .executeUpdate(completeTaskUpdate, { args: [{ taskId: id, userId: actor.id, userRole: actor.role, outcome }] });
    const tasks = await this.dataSource.getRepository(TaskEntity).findBy({ id: In([id, ...result.openTaskIds]) });
    const items = await this.withDossiers(this.dataSource.manager, tasks);
    return {
      task: items.find((t) => t.id === id),
      dossierStatus: result.status,
      nextTasks: items.filter((t) => t.id !== id),
    };
  }

  /**
   * The values the task's form starts from, as its procedure definition maps them from what the dossier knows (the
   * applicant, the household, earlier tasks' outcomes, external events). Audited with the fields, not the values.
   */
  async prefill(actor: AuthUser, id: string) {
    return this.dataSource.transaction(async (tx) => {
      const { task, dossier } = await this.fillable(tx, actor, id);
      const result = prefillFor(dossier.procedure, task.kind, await this.facts(tx, task, dossier));
      await audit(tx, actor, 'task.prefill-read', { dossierId: task.dossierId, details: { taskId: id, fields: Object.keys(result.values) } });
      return result;
    });
  }

  /** The computed fields of the task's form for the form as typed (`form`); reads, changes nothing. */
  async computations(actor: AuthUser, id: string, form: Record<string, unknown>) {
    const { task, dossier } = await this.fillable(this.dataSource.manager, actor, id);
    const facts = await this.facts(this.dataSource.manager, task, dossier);
    return { items: computationsFor(dossier.procedure, task.kind, { ...facts, form }, this.amounts) };
  }

  /** A task the caller may fill in now, and its dossier. */
  private async fillable(tx: EntityManager, actor: AuthUser, id: string) {
    const task = await this.findVisible(tx, actor, id, 'task:complete', true);
    this.checkDraftable(actor, task);
    return { task, dossier: await tx.findOneByOrFail(DossierEntity, { id: task.dossierId }) };
  }

  /** What the dossier knows, in the roots the definitions' prefill paths name (libs/procedures/task-forms.ts). */
  private async facts(tx: EntityManager, task: TaskEntity, dossier: DossierEntity): Promise<TaskFacts> {
    const person = await tx.findOneByOrFail(PersonEntity, { id: dossier.personId });
    const members = await tx.count(DossierPersonEntity, { where: { dossierId: dossier.id, endedAt: IsNull() } });
    const done = await tx.find(TaskEntity, { where: { dossierId: dossier.id, status: 'completed' }, order: { completedAt: 'ASC' } });
    const events = await tx.find(ExternalEventEntity, { where: { dossierId: dossier.id }, order: { occurredOn: 'ASC', recordedAt: 'ASC' } });
    return {
      dossier: { requestDate: dossier.requestDate, channel: dossier.channel },
      person: {
        firstName: person.firstName, lastName: person.lastName, birthDate: person.birthDate, iban: person.iban, email: person.email, phone: person.phone,
        street: person.street, postalCode: person.postalCode, city: person.city,
      },
      household: { size: 1 + members },
      // Later ones replace earlier ones: the latest completed task of each kind, the latest event of each type.
      tasks: Object.fromEntries(done.filter((t) => t.id !== task.id && t.outcome).map((t) => [t.kind, t.outcome as Record<string, unknown>])),
      events: Object.fromEntries(events.map((e) => [e.type, e.data])),
    };
  }

  /**
   * A half-filled form kept on the server for the caller (never in the browser's storage): only for a task the caller
   * may complete and that is still to be done; only the fields of the task's form. Loosely checked (a draft may be
   * incomplete or wrong: the workflow judges the outcome at completion). Audited without its content.
   */
  async saveDraft(actor: AuthUser, id: string, data: Record<string, unknown>) {
    return this.dataSource.transaction(async (tx) => {
      const task = await this.findVisible(tx, actor, id, 'task:complete', true, true);
      this.checkDraftable(actor, task);
      const fields = outcomeFields(taskKindOf((await tx.findOneByOrFail(DossierEntity, { id: task.dossierId })).procedure, task.kind).outcomeSchema);
      const unknown = Object.keys(data).filter((k) => !fields.has(k));
      if (unknown.length > 0) {
        throw new ValidationError(unknown.map((k) => ({ path: `/${k}`, code: 'unknown-field', message: 'is not a field of this task\'s form' })));
      }
      if (Buffer.byteLength(JSON.stringify(data)) > MAX_DRAFT_BYTES) {
        throw new ValidationError([{ path: '', code: 'too-large', message: `a draft holds at most ${MAX_DRAFT_BYTES} bytes` }]);
      }
      const savedAt = new Date();
      await tx.upsert(TaskDraftEntity, { taskId: id, userId: actor.id, data: data as never, savedAt }, ['taskId', 'userId']);
      await audit(tx, actor, 'task.draft-saved', { dossierId: task.dossierId, details: { taskId: id, fields: Object.keys(data).length } });
      return { taskId: id, data, savedAt: savedAt.toISOString() };
    });
  }

  async getDraft(actor: AuthUser, id: string) {
    return this.dataSource.transaction(async (tx) => {
      const task = await this.findVisible(tx, actor, id, 'task:complete', true);
      const draft = await tx.findOneBy(TaskDraftEntity, { taskId: id, userId: actor.id });
      if (!draft) throw notFound('Draft');
      await audit(tx, actor, 'task.draft-read', { dossierId: task.dossierId, details: { taskId: id } });
      return { taskId: id, data: draft.data, savedAt: draft.savedAt.toISOString() };
    });
  }

  async deleteDraft(actor: AuthUser, id: string) {
    await this.dataSource.transaction(async (tx) => {
      const task = await this.findVisible(tx, actor, id, 'task:complete', true);
      const result = await tx.delete(TaskDraftEntity, { taskId: id, userId: actor.id });
      if (!result.affected) throw notFound('Draft');
      await audit(tx, actor, 'task.draft-deleted', { dossierId: task.dossierId, details: { taskId: id } });
    });
  }

  private checkDraftable(actor: AuthUser, task: TaskEntity) {
    if (task.status === 'completed' || task.status === 'cancelled') throw conflict(`The task is already ${task.status}`);
    if (task.assigneeId && task.assigneeId !== actor.id) throw conflict('The task is claimed by someone else');
  }

  private async findVisible(tx: EntityManager, actor: AuthUser, id: string, action: 'task:read' | 'task:claim' | 'task:complete' | 'task:assign', byRole = false, lock = false) {
    // Locked for a draft: the completion's read-model update waits, so no draft outlives its task's completion.
    const task = await tx.findOne(TaskEntity, { where: { id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (!task) throw notFound('Task');
    authorize(actor, action, byRole ? { team: task.team, role: task.role } : { team: task.team }, 'Task');
    return task;
  }

  private async withDossiers(manager: EntityManager, tasks: TaskEntity[]) {
    if (tasks.length === 0) return [];
    const dossiers = await manager.findBy(DossierEntity, { id: In([...new Set(tasks.map((t) => t.dossierId))]) });
    const persons = await manager.findBy(PersonEntity, { id: In([...new Set(dossiers.map((d) => d.personId))]) });
    const byId = new Map(dossiers.map((d) => [d.id, d]));
    const names = new Map(persons.map((p) => [p.id, `${p.firstName} ${p.lastName}`]));
    return tasks.map((t) => {
      const d = byId.get(t.dossierId)!;
      return taskView(t, d, names.get(d.personId) ?? null);
    });
  }
}

/** At most this much JSON per draft. */
export const MAX_DRAFT_BYTES = 64 * 1024;

/**
 * The kind's outcome schema with the optional fields this task requires (the workflow's TaskOptions.require) among its
 * required ones: the form marks them, as the workflow refuses the completion without them.
 */
function withRequired(schema: JsonSchema, fields: readonly string[]): JsonSchema {
  if (fields.length === 0) return schema;
  return { ...schema, required: [...new Set([...(schema.required ?? []), ...fields])] };
}

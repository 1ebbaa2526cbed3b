import { Inject, Injectable } from '@nestjs/common';
import { Client } from '@temporalio/client';
import { DataSource, EntityManager, In } from 'typeorm';
import { audit } from '../../../libs/db/audit';
import { DossierEntity, PersonEntity, TaskEntity, UserEntity } from '../../../libs/db/entities';
import { taskKindOf } from '../../../libs/procedures';
import { completeTaskUpdate } from '../../../workflows/shared/dossier.messages';
import { authorize, teamInScope } from '../common/authorize';
import type { AuthUser } from '../common/current-user';
import { conflict, notFound, ValidationError } from '../common/errors';
import { TEMPORAL_CLIENT } from '../common/tokens';
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
  constructor(
    private readonly dataSource: DataSource,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
  ) {}

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
      return { ...item, outcomeSchema: taskKindOf(item.procedure, task.kind).outcomeSchema, outcome: task.outcome };
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

  private async findVisible(tx: EntityManager, actor: AuthUser, id: string, action: 'task:read' | 'task:claim' | 'task:complete' | 'task:assign', byRole = false) {
    const task = await tx.findOneBy(TaskEntity, { id });
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

import { Inject, Injectable, Logger } from '@nestjs/common';
import { Client, WorkflowNotFoundError } from '@temporalio/client';
import { DataSource, EntityManager, In, IsNull } from 'typeorm';
import { audit } from '../../../libs/db/audit';
import { DossierEntity, ReassignmentEntity, TaskEntity, UserEntity } from '../../../libs/db/entities';
import { addToTimeline } from '../../../libs/db/timeline';
import { reassignSignal } from '../../../workflows/shared/dossier.messages';
import { authorize } from '../common/authorize';
import type { AuthUser } from '../common/current-user';
import { conflict, notFound, ValidationError } from '../common/errors';
import { TEMPORAL_CLIENT } from '../common/tokens';

export interface NewReassignment {
  fromUserId: string;
  toUserId: string;
  until?: string;
  reason: string;
}

/**
 * Absence cover: a worker's open tasks and open dossiers move to a colleague in one request. The rows change in one
 * transaction (with the audit and timeline), then each dossier's workflow is told, so tasks it opens later go to the
 * cover; activities also route a task for an absent worker to the active cover, which closes the gap in between.
 */
@Injectable()
export class TeamService {
  private readonly logger = new Logger('TeamService');

  constructor(
    private readonly dataSource: DataSource,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
  ) {}

  async reassign(actor: AuthUser, input: NewReassignment) {
    const moved = await this.dataSource.transaction(async (tx) => {
      const from = await tx.findOneBy(UserEntity, { id: input.fromUserId });
      const to = await tx.findOneBy(UserEntity, { id: input.toUserId });
      if (!from) throw notFound('User');
      authorize(actor, 'team:reassign', { team: from.team }, 'User');
      const errors = [];
      if (input.fromUserId === input.toUserId) errors.push({ path: '/toUserId', code: 'same-user', message: 'must differ from fromUserId' });
      else if (!to || !to.active || to.team !== from.team || to.role !== from.role) {
        errors.push({ path: '/toUserId', code: 'not-eligible', message: `must be an active ${from.role} of team ${from.team}` });
      }
      if (errors.length) throw new ValidationError(errors);
      if (await tx.existsBy(ReassignmentEntity, { fromUserId: input.toUserId, endedAt: IsNull() })) {
        throw conflict('The cover is absent too (an active reassignment moves their work away)');
      }
      return this.move(tx, actor, { ...input, team: from.team, fromName: from.displayName, toName: to!.displayName });
    });
    await this.tellWorkflows(moved.dossierIds, input.fromUserId, input.toUserId);
    return moved;
  }

  /** Ends a cover: what the cover still holds of the moved work goes back to the returning worker. */
  async end(actor: AuthUser, id: string) {
    const result = await this.dataSource.transaction(async (tx) => {
      const r = await tx.findOneBy(ReassignmentEntity, { id });
      if (!r) throw notFound('Reassignment');
      authorize(actor, 'team:reassign', { team: r.team }, 'Reassignment');
      if (r.endedAt) throw conflict('The reassignment has already ended');
      await tx.update(ReassignmentEntity, { id }, { endedAt: new Date() });
      const from = await tx.findOneByOrFail(UserEntity, { id: r.fromUserId });
      const to = await tx.findOneByOrFail(UserEntity, { id: r.toUserId });
      const back = await this.move(
        tx,
        actor,
        { fromUserId: r.toUserId, toUserId: r.fromUserId, reason: `einde afwezigheid (${r.reason})`, team: r.team, fromName: to.displayName, toName: from.displayName },
        { taskIds: r.taskIds, dossierIds: r.dossierIds, record: false },
      );
      return { ...back, id, from: r.toUserId, to: r.fromUserId };
    });
    await this.tellWorkflows(result.dossierIds, result.from, result.to);
    return { id: result.id, endedAt: new Date().toISOString(), movedTasks: result.movedTasks, movedDossiers: result.movedDossiers };
  }

  async list(actor: AuthUser) {
    // Reading the covers is reading the team's planning, as the dashboard is: the admin reads them, moves nothing.
    authorize(actor, 'dashboard:read');
    const where = actor.role === 'admin' ? {} : { team: actor.team };
    const items = await this.dataSource.getRepository(ReassignmentEntity).find({ where, order: { createdAt: 'DESC' }, take: 200 });
    return { items: items.map((r) => ({ ...r, movedTasks: r.taskIds.length, movedDossiers: r.dossierIds.length })), total: items.length };
  }

  private async move(
    tx: EntityManager,
    actor: AuthUser,
    m: NewReassignment & { team: string; fromName: string; toName: string },
    only?: { taskIds: string[]; dossierIds: string[]; record: false },
  ) {
    const none = ['00000000-0000-0000-0000-000000000000'];
    const dossierWhere = { responsibleUserId: m.fromUserId, closedAt: IsNull(), ...(only ? { id: In(only.dossierIds.length ? only.dossierIds : none) } : {}) };
    const dossiers = await tx.find(DossierEntity, { where: dossierWhere, select: { id: true } });
    // Ending a cover brings back the moved tasks and whatever the cover was given since in the dossiers that return.
    const taskWhere = only
      ? [
          { assigneeId: m.fromUserId, status: In(['open', 'claimed']), id: In(only.taskIds.length ? only.taskIds : none) },
          { assigneeId: m.fromUserId, status: In(['open', 'claimed']), dossierId: In(dossiers.length ? dossiers.map((d) => d.id) : none) },
        ]
      : { assigneeId: m.fromUserId, status: In(['open', 'claimed']) };
    const tasks = await tx.find(TaskEntity, { where: taskWhere, select: { id: true, dossierId: true } });
    if (tasks.length) await tx.update(TaskEntity, { id: In(tasks.map((t) => t.id)) }, { assigneeId: m.toUserId, status: 'claimed' });
    if (dossiers.length) await tx.update(DossierEntity, { id: In(dossiers.map((d) => d.id)) }, { responsibleUserId: m.toUserId });
    let id: string | undefined;
    if (!only) {
      const saved = await tx.save(
        tx.create(ReassignmentEntity, {
          team: m.team, fromUserId: m.fromUserId, toUserId: m.toUserId, until: m.until ?? null, reason: m.reason, createdBy: actor.id,
          taskIds: tasks.map((t) => t.id), dossierIds: dossiers.map((d) => d.id),
        }),
      );
      id = saved.id;
    }
    const affected = [...new Set([...dossiers.map((d) => d.id), ...tasks.map((t) => t.dossierId)])];
    const at = new Date();
    for (const dossierId of affected) {
      await addToTimeline(tx, {
        dossierId,
        key: `reassigned:${at.getTime()}:${m.fromUserId}:${m.toUserId}`,
        at,
        type: 'reassigned',
        description: `Overgedragen van ${m.fromName} naar ${m.toName}: ${m.reason}`,
        data: { fromUserId: m.fromUserId, toUserId: m.toUserId, reassignmentId: id ?? null },
      });
      await audit(tx, actor, 'dossier.reassigned', { dossierId, details: { from: m.fromUserId, to: m.toUserId, reassignmentId: id ?? null } });
    }
    return { id, movedTasks: tasks.length, movedDossiers: dossiers.length, dossierIds: affected };
  }

  private async tellWorkflows(dossierIds: string[], fromUserId: string, toUserId: string): Promise<void> {
    if (!dossierIds.length) return;
    const dossiers = await this.dataSource.getRepository(DossierEntity).find({ where: { id: In(dossierIds) }, select: { id: true, workflowId: true } });
    for (const d of dossiers) {
      try {
        await this.temporal.workflow.getHandle(d.workflowId).signal(reassignSignal, { fromUserId, toUserId });
      } catch (err) {
        // A dossier whose procedure has ended has nothing left to route.
        if (!(err instanceof WorkflowNotFoundError)) this.logger.warn(`reassign signal for dossier ${d.id} failed: ${err}`);
      }
    }
  }
}

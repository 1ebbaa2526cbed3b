import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In, IsNull } from 'typeorm';
import { audit } from '../../../libs/db/audit';
import { DossierEntity, ReassignmentEntity, TaskEntity, UserEntity } from '../../../libs/db/entities';
import { enqueueForWorkflow } from '../../../libs/db/outbox';
import { addToTimeline } from '../../../libs/db/timeline';
import type { DossierReassignedInput } from '../../../workflows/shared/dossier.messages';
import { authorize } from '../common/authorize';
import type { AuthUser } from '../common/current-user';
import { conflict, notFound, ValidationError } from '../common/errors';
import { WorkflowOutbox } from '../common/workflow-outbox';

export interface NewReassignment {
  fromUserId: string;
  toUserId: string;
  until?: string;
  reason: string;
}

/**
 * Absence cover: a worker's open tasks and open dossiers move to a colleague in one request. The rows change in one
 * transaction (with the audit and timeline) that also writes, per dossier, an outbox row telling its workflow (the
 * `dossierReassigned` Update, relayed until delivered), so tasks it opens later go to the cover; activities also route
 * a task for an absent worker to the active cover, which closes the gap in between.
 */
@Injectable()
export class TeamService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: WorkflowOutbox,
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
    const { outboxIds, ...result } = moved;
    return { ...result, delivery: await this.outbox.deliverNow(outboxIds) };
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
        { taskIds: r.taskIds, dossierIds: r.dossierIds, record: false, reassignmentId: id },
      );
      return back;
    });
    const delivery = await this.outbox.deliverNow(result.outboxIds);
    return { id, endedAt: new Date().toISOString(), movedTasks: result.movedTasks, movedDossiers: result.movedDossiers, delivery };
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
    only?: { taskIds: string[]; dossierIds: string[]; record: false; reassignmentId: string },
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
    let id = only?.reassignmentId;
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
    const workflows = affected.length ? await tx.find(DossierEntity, { where: { id: In(affected) }, select: { id: true, workflowId: true } }) : [];
    const workflowOf = new Map(workflows.map((d) => [d.id, d.workflowId]));
    const at = new Date();
    const outboxIds: string[] = [];
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
      const change: DossierReassignedInput = { fromUserId: m.fromUserId, toUserId: m.toUserId, reassignmentId: id! };
      outboxIds.push(await enqueueForWorkflow(tx, { dossierId, workflowId: workflowOf.get(dossierId)!, message: 'dossierReassigned', payload: { ...change } }));
    }
    return { id, movedTasks: tasks.length, movedDossiers: dossiers.length, dossierIds: affected, outboxIds };
  }
}

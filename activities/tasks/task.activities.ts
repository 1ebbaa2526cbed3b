import { DataSource } from 'typeorm';
import { PartyEntity, TaskDraftEntity, TaskEntity } from '../../libs/db/entities';
import { audit, SYSTEM } from '../../libs/db/audit';
import { insertOnce } from '../../libs/db/insert-once';
import { addToTimeline } from '../../libs/db/timeline';
import type { TaskStatus } from '../../libs/tasks/task-kinds';

export interface OpenTaskInput {
  taskId: string;
  dossierId: string;
  kind: string;
  title: string;
  role: string;
  team: string;
  assigneeId: string | null;
  dueDate: string | null;
  deadlineKey: string | null;
  /** Optional fields of the kind's schema this task requires (the workflow refuses it without them; the form marks them). */
  requiredFields?: string[];
  /** The party the task is about: its name follows the title in the inbox (read here, never carried by the workflow). */
  aboutPartyId?: string;
}

export interface TaskCompletionInput {
  taskId: string;
  dossierId: string;
  outcome: Record<string, unknown>;
  completedBy: string;
  completedByRole: string;
  completedAt: string;
}

export function createTaskActivities({ dataSource }: { dataSource: DataSource }) {
  return {
    /**
     * Idempotent on the task id the workflow chose. A task for a worker whose work is covered by a colleague (an
     * active reassignment) goes to the cover, also when the workflow has not heard of the cover yet.
     */
    async openTask(input: OpenTaskInput): Promise<void> {
      await dataSource.transaction(async (tx) => {
        let assigneeId = input.assigneeId;
        if (assigneeId) {
          const [cover] = await tx.query(
            `SELECT to_user_id FROM reassignments WHERE from_user_id = $1 AND team = $2 AND ended_at IS NULL ORDER BY created_at DESC LIMIT 1`,
            [assigneeId, input.team],
          );
          if (cover) assigneeId = cover.to_user_id;
        }
        const status: TaskStatus = assigneeId ? 'claimed' : 'open';
        const about = input.aboutPartyId ? await tx.findOneBy(PartyEntity, { id: input.aboutPartyId }) : null;
        const title = about ? `${input.title}: ${about.name}`.slice(0, 300) : input.title;
        if (!(await insertOnce(tx, TaskEntity, {
            id: input.taskId,
            dossierId: input.dossierId,
            kind: input.kind,
            title,
            status,
            role: input.role,
            team: input.team,
            assigneeId,
            dueDate: input.dueDate,
            deadlineKey: input.deadlineKey,
            requiredFields: input.requiredFields ?? [],
          }))) return;
        await audit(tx, SYSTEM, 'task.opened', { dossierId: input.dossierId, details: { taskId: input.taskId, kind: input.kind, assigneeId } });
      });
    },

    /** The workflow accepted the outcome (its Update validator passed); make the read model and the audit say so. */
    async recordTaskCompletion(input: TaskCompletionInput): Promise<void> {
      await dataSource.transaction(async (tx) => {
        const result = await tx
          .createQueryBuilder()
          .update(TaskEntity)
          .set({
            status: 'completed',
            outcome: input.outcome as never,
            completedBy: input.completedBy,
            completedAt: new Date(input.completedAt),
            assigneeId: input.completedBy,
          })
          .where('id = :id AND status <> :done', { id: input.taskId, done: 'completed' })
          .execute();
        if (!result.affected) return;
        // A draft of the form ends with the task (in the same transaction): the outcome is now on record.
        await tx.delete(TaskDraftEntity, { taskId: input.taskId });
        const task = await tx.findOneByOrFail(TaskEntity, { id: input.taskId });
        await addToTimeline(tx, {
          dossierId: input.dossierId,
          key: `task-completed:${input.taskId}`,
          at: new Date(input.completedAt),
          type: 'task-completed',
          description: `${task.title}: afgerond`,
          data: { taskId: input.taskId, kind: task.kind, completedBy: input.completedBy },
        });
        await audit(tx, { id: input.completedBy, role: input.completedByRole }, 'task.completed', { dossierId: input.dossierId, details: { taskId: input.taskId, kind: task.kind } });
      });
    },

    async cancelTask(input: { taskId: string; dossierId: string; reason: string }): Promise<void> {
      await dataSource.transaction(async (tx) => {
        const result = await tx
          .createQueryBuilder()
          .update(TaskEntity)
          .set({ status: 'cancelled' })
          .where('id = :id AND status IN (:...open)', { id: input.taskId, open: ['open', 'claimed'] })
          .execute();
        if (!result.affected) return;
        await tx.delete(TaskDraftEntity, { taskId: input.taskId });
        await audit(tx, SYSTEM, 'task.cancelled', { dossierId: input.dossierId, details: { taskId: input.taskId, reason: input.reason } });
      });
    },
  };
}

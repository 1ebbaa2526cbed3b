import type { TaskEntity } from '../../../libs/db/entities';
import { TASK_KINDS } from '../../../libs/tasks/task-kinds';
import { DATE, DATE_TIME, nullable, object, STRING, UUID } from '../common/openapi';

export function taskView(t: TaskEntity, dossierReference: string, clientName: string | null) {
  return {
    id: t.id,
    dossierId: t.dossierId,
    dossierReference,
    kind: t.kind,
    title: t.title,
    status: t.status,
    role: t.role,
    assigneeId: t.assigneeId,
    team: t.team,
    dueDate: t.dueDate,
    clientName,
    completedAt: t.completedAt,
  };
}

const STATUS = { enum: ['open', 'claimed', 'completed', 'cancelled'] };
/** A task as lists and dossiers show it (task-view.ts). */
export const TASK = object(
  {
    id: UUID,
    dossierId: UUID,
    dossierReference: STRING,
    kind: { enum: Object.keys(TASK_KINDS) },
    title: STRING,
    status: STATUS,
    role: STRING,
    assigneeId: nullable(UUID),
    team: STRING,
    dueDate: nullable(DATE),
    clientName: nullable(STRING),
    completedAt: nullable(DATE_TIME),
  },
  ['id', 'dossierId', 'kind', 'title', 'status', 'role', 'team'],
);

import type { DossierEntity, TaskEntity } from '../../../libs/db/entities';
import { PROCEDURES } from '../../../libs/procedures';
import { DATE, DATE_TIME, nullable, object, STRING, UUID } from '../common/openapi';

export function taskView(t: TaskEntity, dossier: Pick<DossierEntity, 'reference' | 'procedure'>, clientName: string | null) {
  return {
    id: t.id,
    dossierId: t.dossierId,
    dossierReference: dossier.reference,
    procedure: dossier.procedure,
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
    kind: { enum: [...new Set(Object.values(PROCEDURES).flatMap((p) => Object.keys(p.taskKinds)))] },
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

import type { DossierEntity, TaskEntity } from '../../../libs/db/entities';

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

import { EntityManager } from 'typeorm';
import { AuditEventEntity } from './entities';

export interface AuditActor {
  id: string | null;
  role: string;
}

export const SYSTEM: AuditActor = { id: null, role: 'system' };

/** One audit event, written with the manager of the transaction whose write (or read) it records. */
export async function audit(
  manager: EntityManager,
  actor: AuditActor,
  action: string,
  target: { dossierId?: string | null; personId?: string | null; details?: Record<string, unknown> } = {},
): Promise<void> {
  await manager.insert(AuditEventEntity, {
    actorId: actor.id,
    actorRole: actor.role,
    action,
    dossierId: target.dossierId ?? null,
    personId: target.personId ?? null,
    details: (target.details ?? {}) as never,
  });
}

import { EntityManager } from 'typeorm';
import { DossierEventEntity } from './entities';
import { insertOnce } from './insert-once';

export interface TimelineEntry {
  dossierId: string;
  /** Idempotency key within the dossier: the same entry written twice (a retried activity) is one entry. */
  key: string;
  at: Date;
  type: string;
  /** Dutch, as shown on the dossier's timeline. */
  description: string;
  data?: Record<string, unknown>;
}

/** Adds an entry to the dossier's timeline, once; true when it was new. */
export function addToTimeline(manager: EntityManager, entry: TimelineEntry): Promise<boolean> {
  return insertOnce(manager, DossierEventEntity, { ...entry, data: (entry.data ?? {}) as never });
}

import type { EntityManager } from 'typeorm';
import type { Action } from '../../../libs/auth/permissions';
import { DossierEntity } from '../../../libs/db/entities';
import { authorize } from '../common/authorize';
import type { AuthUser } from '../common/current-user';
import { notFound } from '../common/errors';

/** The dossier, if `actor` may do `action` on it (another team's: 404 as `what`). */
export async function dossierFor(tx: EntityManager, actor: AuthUser, id: string, action: Action, what = 'Dossier'): Promise<DossierEntity> {
  const dossier = await tx.findOneBy(DossierEntity, { id });
  if (!dossier) throw notFound(what);
  authorize(actor, action, { team: dossier.team }, what);
  return dossier;
}

import { Action, Actor, decide } from '../../../libs/auth/permissions';
import { forbidden, notFound } from './errors';

/** Applies the permission matrix: 403 when the role may not, 404 when the thing belongs to another team. */
export function authorize(actor: Actor, action: Action, target?: { team: string; role?: string }, what = 'Resource'): void {
  const decision = decide(actor, action, target);
  if (decision === 'forbidden') throw forbidden();
  if (decision === 'not-found') throw notFound(what);
}

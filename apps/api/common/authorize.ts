import { Action, Actor, decide, scopeOf } from '../../../libs/auth/permissions';
import { forbidden, notFound } from './errors';

/** Applies the permission matrix: 403 when the role may not, 404 when the thing belongs to another team. */
export function authorize(actor: Actor, action: Action, target?: { team: string; role?: string }, what = 'Resource'): void {
  const decision = decide(actor, action, target);
  if (decision === 'forbidden') throw forbidden();
  if (decision === 'not-found') throw notFound(what);
}

/**
 * The team a list or dashboard covers: the one asked for, else the caller's own — or every team (null) for a role
 * whose scope on `action` is 'all'. Another team than one's own is 404 (unless the scope is 'all'), a role without the
 * action 403.
 */
export function teamInScope(actor: Actor, action: Action, requested?: string, what = 'Team'): string | null {
  const team = requested ?? (scopeOf(actor.role, action) === 'all' ? null : actor.team);
  authorize(actor, action, team === null ? undefined : { team }, what);
  return team;
}

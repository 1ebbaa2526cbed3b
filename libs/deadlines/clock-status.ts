import type { DeadlineComputation, DeadlineStatus } from './types';

/**
 * The status of an open clock once its computation has been replaced (recomputeDeadlines: a correction of the
 * computation) at `now` (epoch ms): suspended while an open suspension runs; back to running when the warning it had
 * given, or the indicative end it had passed, now lies ahead; otherwise as it was. Pure: the workflow (with its own
 * clock) and the activity that keeps the read model apply the same rule to the same instant.
 */
export function statusAfterReplan(previous: DeadlineStatus, computed: DeadlineComputation, now: number): DeadlineStatus {
  if (computed.suspendedSince) return 'suspended';
  if (previous === 'suspended') return 'running';
  if (previous === 'at-risk' && computed.warningAt && now < Date.parse(computed.warningAt)) return 'running';
  if (previous === 'informative' && computed.dueAt && now < Date.parse(computed.dueAt)) return 'running';
  return previous;
}

/** Clocks that recomputeDeadlines recomputes; met, breached, cancelled and expired ones stay as they are. */
export const OPEN_CLOCK_STATUSES: readonly DeadlineStatus[] = ['running', 'at-risk', 'suspended', 'informative'];

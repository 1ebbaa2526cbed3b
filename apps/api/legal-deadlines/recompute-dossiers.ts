import { Client, WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { DataSource, IsNull } from 'typeorm';
import { DossierEntity } from '../../../libs/db/entities';
import { recomputeDeadlinesUpdate, TASK_FAILURES } from '../../../workflows/shared/dossier.messages';

export interface RecomputeReport {
  /** Running dossiers (not closed) found in the `dossiers` table. */
  dossiers: number;
  /** Dossiers whose workflow took the recomputeDeadlines Update. */
  told: number;
  /** Dossiers started before the deadline engine (v1): their workflow refuses; their deadlines stay as computed. */
  notSupported: number;
  /** Dossiers the Update did not reach (workflow gone, server error …): listed, the others went on. */
  failed: number;
  /** Open clocks computed again, met/breached/cancelled/expired ones left alone, open ones the engine refused. */
  clocks: { recomputed: number; changed: number; unchanged: number; refused: number };
  failures: { dossierId: string; reference: string; reason: string }[];
}

/**
 * Sends every running dossier (the `dossiers` rows not closed) the recomputeDeadlines Update: corrections of the
 * deadline engine reach the clocks still open. A failure is reported and the next dossier is told anyway. No database
 * transaction is held while Temporal is called.
 */
export async function recomputeRunningDossiers(deps: {
  dataSource: DataSource;
  temporal: Client;
  requestedBy: string;
  /** Updates in flight at once (default 4). */
  concurrency?: number;
}): Promise<RecomputeReport> {
  const dossiers = await deps.dataSource.getRepository(DossierEntity).find({
    where: { closedAt: IsNull() },
    select: { id: true, reference: true, workflowId: true },
    order: { openedAt: 'ASC' },
  });
  const report: RecomputeReport = {
    dossiers: dossiers.length,
    told: 0,
    notSupported: 0,
    failed: 0,
    clocks: { recomputed: 0, changed: 0, unchanged: 0, refused: 0 },
    failures: [],
  };
  let next = 0;
  const worker = async () => {
    while (next < dossiers.length) {
      const dossier = dossiers[next++];
      try {
        const result = await deps.temporal.workflow
          .getHandle(dossier.workflowId)
          .executeUpdate(recomputeDeadlinesUpdate, { args: [{ requestedBy: deps.requestedBy }] });
        report.told++;
        report.clocks.recomputed += result.recomputed.length;
        report.clocks.changed += result.recomputed.filter((r) => r.previousDueDate !== r.dueDate).length;
        report.clocks.unchanged += result.unchanged.length;
        report.clocks.refused += result.failed.length;
      } catch (err) {
        const cause = err instanceof WorkflowUpdateFailedError ? err.cause : undefined;
        if (cause instanceof ApplicationFailure && cause.type === TASK_FAILURES.notSupported) {
          report.notSupported++;
          continue;
        }
        report.failed++;
        const reason =
          err instanceof WorkflowNotFoundError
            ? 'the workflow of the dossier is not running'
            : cause instanceof Error
              ? cause.message
              : err instanceof Error
                ? err.message
                : String(err);
        report.failures.push({ dossierId: dossier.id, reference: dossier.reference, reason });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, deps.concurrency ?? 4) }, worker));
  return report;
}

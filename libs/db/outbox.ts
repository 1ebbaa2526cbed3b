import { EntityManager } from 'typeorm';

/** The Updates the workflow outbox may carry (names as defined in workflows/shared/dossier.messages.ts). */
export type OutboxMessage = 'agendaItemMoved';

export interface OutboxEntry {
  dossierId: string;
  workflowId: string;
  message: OutboxMessage;
  payload: Record<string, unknown>;
}

/**
 * Writes a change for a running dossier's workflow in the caller's transaction: it is relayed (as an Update whose id
 * is the row's id, so a repeated delivery is one Update) only once the change has committed, and until delivered.
 */
export async function enqueueForWorkflow(tx: EntityManager, entry: OutboxEntry): Promise<string> {
  const rows: { id: string }[] = await tx.query(
    `INSERT INTO workflow_outbox (dossier_id, workflow_id, message, payload) VALUES ($1, $2, $3, $4) RETURNING id`,
    [entry.dossierId, entry.workflowId, entry.message, JSON.stringify(entry.payload)],
  );
  return rows[0].id;
}

import { EntityManager } from 'typeorm';

/**
 * What the workflow outbox carries: the Updates by name (as defined in workflows/shared/dossier.messages.ts and
 * workflows/debt-mediation/trajectory.messages.ts, workflows/debt-mediation/annual-report.messages.ts and
 * workflows/shared/party-correspondence.messages.ts), and
 * `startWorkflow`, the start of a dossier's workflow (idempotent on its workflow id).
 */
export type OutboxUpdate = 'agendaItemMoved' | 'partnerMessageExported' | 'partnerMessageAcknowledged' | 'dossierReassigned' | 'externalEvent' | 'referralFollowUp' | 'referralClosed' | 'budgetPlanChanged'
  | 'creditorLetterRequested' | 'debtReportSubmitted';
export type OutboxMessage = OutboxUpdate | 'startWorkflow';

/** The payload of a `startWorkflow` row: what `workflow.start` needs besides the workflow id. */
export interface StartWorkflowPayload {
  workflowType: string;
  taskQueue: string;
  /**
   * The workflow's one argument: a dossier's (DossierInput; its dossier id, reference, procedure and team also give the
   * search attributes), or that of a workflow of the OCMW itself (an LOI place's closure: only its team is searchable).
   */
  input: ({ dossierId: string; reference: string; procedure: string; team: string } | { dossierId?: undefined; team: string }) & Record<string, unknown>;
}

export interface OutboxEntry {
  /** null for a workflow of the OCMW itself (the annual report's, workflows/debt-mediation/annual-report.workflow.ts). */
  dossierId: string | null;
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

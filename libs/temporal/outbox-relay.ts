import { Client, WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import { DataSource } from 'typeorm';
import type { OutboxMessage, OutboxUpdate, StartWorkflowPayload } from '../db/outbox';
import { DOSSIER_ID, DOSSIER_REFERENCE, PROCEDURE, TEAM } from './search-attributes';

interface OutboxRow {
  id: string;
  dossier_id: string;
  workflow_id: string;
  message: OutboxMessage;
  payload: Record<string, unknown>;
  attempts: number;
  seq: string;
}

export interface DeliveryReport {
  delivered: number;
  rejected: number;
  pending: number;
}

/** The longest wait, in seconds, between two attempts at one row. */
const MAX_BACKOFF_S = 300;

/**
 * Delivers rows of the workflow outbox (libs/db/outbox.ts): each row becomes an Update on its dossier's workflow, with
 * the row's id as the Update id (Temporal answers a repeated id with the first result, so a relay that dies between
 * delivery and marking delivers nothing twice), or the start of a dossier's workflow. Rows are claimed in a short
 * transaction of their own (SKIP LOCKED, so several processes share the work) and delivered outside it: no Temporal
 * call happens inside an open DB transaction. A refusal by the workflow (the item was decided meanwhile, the dossier
 * ended) is final and kept with its reason; anything else (Temporal unavailable, worker down) is retried with backoff
 * until it is delivered. Plain code: the API's WorkflowOutbox (which relays on a timer) and the activity that opens a
 * linked dossier (which delivers its start right after its commit) both deliver through it.
 */
export class OutboxRelay {
  constructor(
    protected readonly dataSource: DataSource,
    protected readonly temporal: Client,
    /** The Updates the relay may send, by name; a row of another message stays pending. */
    private readonly updates: Partial<Record<OutboxUpdate, UpdateDefinition<unknown, [any]>>>,
    private readonly log: { warn(message: string): void },
  ) {}

  /** Delivers these rows now (right after the transaction that wrote them); what fails stays for the relay. */
  async deliverNow(ids: string[]): Promise<DeliveryReport> {
    if (ids.length === 0) return { delivered: 0, rejected: 0, pending: 0 };
    try {
      return await this.deliver(await this.claim(ids));
    } catch (err) {
      this.log.warn(`immediate delivery failed, the relay retries: ${String(err)}`);
      return { delivered: 0, rejected: 0, pending: ids.length };
    }
  }

  /** One relay pass over the rows that are due. */
  async deliverDue(): Promise<DeliveryReport> {
    return this.deliver(await this.claim(null));
  }

  private async claim(ids: string[] | null): Promise<OutboxRow[]> {
    // TypeORM answers an UPDATE … RETURNING on PostgreSQL with [rows, affected].
    const [rows]: [OutboxRow[], number] = await this.dataSource.query(
      `UPDATE workflow_outbox SET attempts = attempts + 1, next_attempt_at = now() + interval '30 seconds'
        WHERE id IN (SELECT w.id FROM workflow_outbox w
                      WHERE w.status = 'pending' AND w.next_attempt_at <= now() ${ids ? 'AND w.id = ANY($1::uuid[])' : ''}
                        -- a dossier's changes reach its workflow in the order they were made
                        AND NOT EXISTS (SELECT 1 FROM workflow_outbox o WHERE o.dossier_id = w.dossier_id AND o.status = 'pending' AND o.seq < w.seq)
                      ORDER BY w.seq LIMIT 100 FOR UPDATE SKIP LOCKED)
        RETURNING id, seq, dossier_id, workflow_id, message, payload, attempts`,
      ids ? [ids] : [],
    );
    return rows.sort((a, b) => Number(a.seq) - Number(b.seq));
  }

  private async deliver(rows: OutboxRow[]): Promise<DeliveryReport> {
    const report: DeliveryReport = { delivered: 0, rejected: 0, pending: 0 };
    for (const row of rows) {
      try {
        await this.send(row);
        await this.dataSource.query(`UPDATE workflow_outbox SET status = 'delivered', delivered_at = now(), last_error = NULL WHERE id = $1`, [row.id]);
        report.delivered++;
      } catch (err) {
        const final = err instanceof WorkflowNotFoundError || (err instanceof WorkflowUpdateFailedError && err.cause !== undefined);
        const reason = err instanceof Error ? (err.cause instanceof Error ? err.cause.message : err.message) : String(err);
        if (final) {
          await this.dataSource.query(`UPDATE workflow_outbox SET status = 'rejected', last_error = $2 WHERE id = $1`, [row.id, reason]);
          this.log.warn(`outbox ${row.id} (${row.message}, dossier ${row.dossier_id}) refused by the workflow: ${reason}`);
          report.rejected++;
        } else {
          const backoff = Math.min(MAX_BACKOFF_S, 2 ** Math.min(row.attempts, 9));
          await this.dataSource.query(
            `UPDATE workflow_outbox SET last_error = $2, next_attempt_at = now() + make_interval(secs => $3) WHERE id = $1`,
            [row.id, reason, backoff],
          );
          report.pending++;
        }
      }
    }
    return report;
  }

  /**
   * One delivery. An Update's id is the row's id (Temporal answers a repeated id with the first result); a start is
   * idempotent on the workflow id: already started (or already ended, the id is never reused) means delivered.
   */
  private async send(row: OutboxRow): Promise<void> {
    if (row.message !== 'startWorkflow') {
      await this.temporal.workflow.getHandle(row.workflow_id).executeUpdate(this.updateFor(row.message), { args: [row.payload], updateId: row.id });
      return;
    }
    const start = row.payload as unknown as StartWorkflowPayload;
    try {
      await this.temporal.workflow.start(start.workflowType, {
        workflowId: row.workflow_id,
        taskQueue: start.taskQueue,
        args: [start.input],
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
        typedSearchAttributes: start.input.dossierId === undefined
          ? [{ key: TEAM, value: start.input.team }]
          : [
              { key: DOSSIER_ID, value: start.input.dossierId },
              { key: DOSSIER_REFERENCE, value: start.input.reference },
              { key: PROCEDURE, value: start.input.procedure },
              { key: TEAM, value: start.input.team },
            ],
      });
    } catch (err) {
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
    }
  }

  private updateFor(message: OutboxUpdate): UpdateDefinition<unknown, [any]> {
    const update = this.updates[message];
    if (!update) throw new Error(`this relay does not deliver ${message}`);
    return update;
  }
}

import { Context } from '@temporalio/activity';
import type { Client } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { DataSource } from 'typeorm';
import type { AppConfig } from '../../libs/config/config';
import { LinkedDossierRefused, OpenLinkedInput, openLinkedInTx } from '../../libs/db/linked-dossier';
import { OutboxRelay } from '../../libs/temporal/outbox-relay';

/**
 * `personId`: another person of the dossier's household (a current member, POST /dossiers/:id/persons) the dossier is
 * opened for (an LOI recognition: each adult of the family has a leefloon of their own).
 */
export type OpenLinkedDossierInput = OpenLinkedInput;

export interface LinkedDossier {
  dossierId: string;
  reference: string;
  workflowId: string;
  linkId: string;
  /** The person's dossier of that procedure was already open: it was linked, not opened. */
  existing: boolean;
}

const refuse = (message: string) => ApplicationFailure.create({ type: 'LinkedDossierInvalid', message, nonRetryable: true });

/**
 * A procedure opening another dossier for the same person (an LOI recognition opens a leefloon request; a debt
 * mediation a heating allowance). `temporal` is the client that starts the new dossier's workflow right after the
 * commit; by default the worker's own (the activity's context), and without one the API's relay starts it.
 */
export function createLinkedDossierActivities({ dataSource, config, temporal }: { dataSource: DataSource; config: AppConfig; temporal?: Client }) {
  const client = (): Client | undefined => {
    if (temporal) return temporal;
    try {
      return Context.current().client;
    } catch {
      return undefined;
    }
  };

  return {
    /**
     * Opens a dossier of `procedure` for the person of `fromDossierId`, once per (fromDossierId, linkKey): retried,
     * replayed or run twice at once, it answers the same dossier and link. The dossier is registered as POST /dossiers
     * registers one (libs/db/open-dossier.ts: its reference, audit and the `startWorkflow` outbox row) in one
     * transaction with the link and both timeline entries; its workflow starts after the commit, through the outbox.
     * A person has one open dossier per procedure: when one is already open, it is linked instead of a second opened.
     */
    async openLinkedDossier(input: OpenLinkedDossierInput): Promise<LinkedDossier> {
      const opened = await dataSource.transaction((tx) => openLinkedInTx(tx, config, input)).catch((err) => {
        if (err instanceof LinkedDossierRefused) throw refuse(err.message);
        throw err;
      });
      // After the commit: the new dossier's start (and, on a run after a crash, a start still waiting) goes out now.
      await startPending(opened.to.id);
      return { dossierId: opened.to.id, reference: opened.to.reference, workflowId: opened.to.workflowId, linkId: opened.link.id, existing: opened.existing };
    },
  };

  async function startPending(dossierId: string): Promise<void> {
    const temporalClient = client();
    if (!temporalClient) return;
    const rows: { id: string }[] = await dataSource.query(
      `SELECT id FROM workflow_outbox WHERE dossier_id = $1 AND message = 'startWorkflow' AND status = 'pending'`,
      [dossierId],
    );
    await new OutboxRelay(dataSource, temporalClient, {}, console).deliverNow(rows.map((r) => r.id));
  }
}

import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Client } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import { DataSource } from 'typeorm';
import type { OutboxUpdate } from '../../../libs/db/outbox';
import { budgetPlanChangedUpdate } from '../../../workflows/debt-mediation/trajectory.messages';
import { debtReportSubmitted } from '../../../workflows/debt-mediation/annual-report.messages';
import { creditorLetterRequestedUpdate } from '../../../workflows/shared/party-correspondence.messages';
import { OutboxRelay } from '../../../libs/temporal/outbox-relay';
import {
  agendaItemMovedUpdate,
  dossierReassignedUpdate,
  externalEventUpdate,
  partnerMessageAcknowledgedUpdate,
  partnerMessageExportedUpdate,
  referralClosedUpdate,
  referralFollowUpUpdate,
} from '../../../workflows/shared/dossier.messages';
import { TEMPORAL_CLIENT } from './tokens';

export type { DeliveryReport } from '../../../libs/temporal/outbox-relay';

/** Each payload is checked by its Update's validator in the workflow. */
const UPDATES: Record<OutboxUpdate, UpdateDefinition<unknown, [any]>> = {
  agendaItemMoved: agendaItemMovedUpdate,
  partnerMessageExported: partnerMessageExportedUpdate,
  partnerMessageAcknowledged: partnerMessageAcknowledgedUpdate,
  dossierReassigned: dossierReassignedUpdate,
  externalEvent: externalEventUpdate,
  referralFollowUp: referralFollowUpUpdate,
  referralClosed: referralClosedUpdate,
  budgetPlanChanged: budgetPlanChangedUpdate,
  creditorLetterRequested: creditorLetterRequestedUpdate,
  debtReportSubmitted: debtReportSubmitted as UpdateDefinition<unknown, [any]>,
};

/** Seconds between relay passes. */
const PASS_MS = 2_000;

/**
 * The API's relay of the workflow outbox (libs/temporal/outbox-relay.ts does the delivering): every API process makes
 * a pass every 2 seconds over the rows that are due, and a request delivers its own rows right after its commit.
 */
@Injectable()
export class WorkflowOutbox extends OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger: Logger;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> = Promise.resolve();

  constructor(dataSource: DataSource, @Inject(TEMPORAL_CLIENT) temporal: Client) {
    const logger = new Logger('WorkflowOutbox');
    super(dataSource, temporal, UPDATES, logger);
    this.logger = logger;
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.running = this.deliverDue().catch((err: unknown) => this.logger.warn(`relay pass failed: ${String(err)}`));
    }, PASS_MS);
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }
}

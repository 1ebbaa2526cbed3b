import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import type { AppConfig } from '../config/config';
import { PROCEDURES, ProcedureName } from '../procedures';
import type { DossierInput } from '../../workflows/shared/dossier-input';
import { audit, AuditActor } from './audit';
import { DossierEntity } from './entities';
import { enqueueForWorkflow, StartWorkflowPayload } from './outbox';

export interface NewDossier {
  procedure: ProcedureName;
  personId: string;
  team: string;
  /** Gets the dossier's social-worker tasks; null leaves them to be claimed. */
  responsibleUserId: string | null;
  requestDate: string;
  channel: string;
}

/**
 * The person's dossier of this procedure that is still open, if any (a person has one open dossier per procedure).
 * Takes the person × procedure lock until the caller's commit: two openings for the same person at once (the API and
 * a linked-dossier activity, or two requests) see each other's dossier instead of both opening one.
 */
export async function findOpenDossier(tx: EntityManager, personId: string, procedure: string): Promise<DossierEntity | null> {
  await tx.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [openDossierLock(personId, procedure)]);
  // Read after the lock: a merge that committed while this opening waited (it takes the same locks, see
  // lockOpenDossiers) has moved the person's dossiers away, so a dossier opened now would belong to a merged record.
  const [person]: { merged_into: string | null }[] = await tx.query(`SELECT merged_into FROM persons WHERE id = $1`, [personId]);
  if (person?.merged_into) throw new PersonMergedError(person.merged_into);
  return tx
    .createQueryBuilder(DossierEntity, 'd')
    .where('d.person_id = :personId AND d.procedure = :procedure AND d.closed_at IS NULL', { personId, procedure })
    .getOne();
}

const openDossierLock = (personId: string, procedure: string) => `open-dossier:${personId}:${procedure}`;

/** The person was merged into another record (`mergedInto`) while the opening waited: open it for the person kept. */
export class PersonMergedError extends Error {
  constructor(readonly mergedInto: string) {
    super(`the person was merged into ${mergedInto}`);
    this.name = 'PersonMergedError';
  }
}

/**
 * Takes the opening locks of findOpenDossier for every procedure of these persons, in one global order (sorted keys:
 * two merges, or a merge and openings, never wait on each other in a circle). A person merge takes them before it
 * locks the person rows, so no dossier opens for either person while it moves their dossiers and checks that they do
 * not clash; an opening that waited for the merge then finds the merged record (PersonMergedError).
 */
export async function lockOpenDossiers(tx: EntityManager, personIds: string[]): Promise<void> {
  const keys = personIds.flatMap((id) => Object.keys(PROCEDURES).map((procedure) => openDossierLock(id, procedure))).sort();
  for (const key of keys) await tx.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [key]);
}

/**
 * Registers a dossier in the caller's transaction: its row (the reference taken under the counter's row lock), the
 * `dossier.opened` audit event and the `startWorkflow` row of the workflow outbox. The caller delivers that row after
 * its commit (WorkflowOutbox.deliverNow; else the relay does): no Temporal call inside the transaction. Used by
 * POST /dossiers and by the activity that opens a linked dossier, so both open a dossier the same way.
 */
export async function registerDossier(
  tx: EntityManager,
  config: AppConfig,
  actor: AuditActor,
  input: NewDossier,
  auditDetails: Record<string, unknown> = {},
): Promise<{ dossier: DossierEntity; outboxId: string }> {
  const procedure = PROCEDURES[input.procedure];
  const id = randomUUID();
  const reference = await nextReference(tx, procedure.referencePrefix, Number(input.requestDate.slice(0, 4)));
  const workflowId = `dossier-${id}`;
  const dossier = tx.create(DossierEntity, {
    id,
    reference,
    procedure: input.procedure,
    personId: input.personId,
    status: 'REQUEST_REGISTERED',
    team: input.team,
    responsibleUserId: input.responsibleUserId,
    workflowId,
    requestDate: input.requestDate,
    channel: input.channel,
  });
  await tx.insert(DossierEntity, dossier);
  await audit(tx, actor, 'dossier.opened', {
    dossierId: id,
    personId: input.personId,
    details: { reference, procedure: input.procedure, requestDate: input.requestDate, channel: input.channel, ...auditDetails },
  });
  const workflowInput: DossierInput = {
    dossierId: id,
    reference,
    procedure: input.procedure,
    team: input.team,
    responsibleUserId: input.responsibleUserId,
    requestDate: input.requestDate,
    channel: input.channel,
    settings: {
      warningDays: config.deadlineWarningDays,
      timeZone: config.timeZone,
      payday: config.payments.payday,
      documentReminderDays: config.notices.documentReminderDays,
      partnerReminderDays: config.notices.partnerReminderDays,
    },
  };
  const start: StartWorkflowPayload = { workflowType: procedure.workflowType, taskQueue: config.taskQueue, input: { ...workflowInput } };
  const outboxId = await enqueueForWorkflow(tx, { dossierId: id, workflowId, message: 'startWorkflow', payload: { ...start } });
  return { dossier, outboxId };
}

/** LL-2026-000123: a gapless counter per prefix and year, taken inside the opening transaction. */
async function nextReference(tx: EntityManager, prefix: string, year: number): Promise<string> {
  const rows: { last: number }[] = await tx.query(
    `INSERT INTO reference_counters (prefix, year, last) VALUES ($1, $2, 1)
     ON CONFLICT (prefix, year) DO UPDATE SET last = reference_counters.last + 1 RETURNING last`,
    [prefix, year],
  );
  return `${prefix}-${year}-${String(rows[0].last).padStart(6, '0')}`;
}

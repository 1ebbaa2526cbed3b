import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { decide } from '../../../libs/auth/permissions';
import type { AppConfig } from '../../../libs/config/config';
import { audit } from '../../../libs/db/audit';
import {
  AuditEventEntity,
  DeadlineEntity,
  DossierEntity,
  DossierEventEntity,
  NoticeEntity,
  PersonEntity,
  TaskEntity,
} from '../../../libs/db/entities';
import { daysBetween, todayIn } from '../../../libs/deadlines/calendar-date';
import { procedureDefinition, ProcedureName, statusLabel } from '../../../libs/procedures';
import { findOpenDossier, PersonMergedError, registerDossier } from '../../../libs/db/open-dossier';
import { authorize, teamInScope } from '../common/authorize';
import type { AuthUser } from '../common/current-user';
import { conflict, notFound } from '../common/errors';
import { CONFIG } from '../common/tokens';
import { WorkflowOutbox } from '../common/workflow-outbox';
import { dossierLinks, dossierPersons } from '../dossier-relations/relation-view';
import { DossierFilters, listDossiers } from './dossier-list';
import { dossierParties, noticeRecipientParties } from '../parties/party-view';
import { hiddenNoteIds } from '../notes/notes.service';
import { taskView } from '../tasks/task-view';

export interface OpenDossier {
  procedure: ProcedureName;
  personId: string;
  requestDate?: string;
  channel?: string;
}



@Injectable()
export class DossiersService {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(CONFIG) private readonly config: AppConfig,
    private readonly outbox: WorkflowOutbox,
  ) {}

  /**
   * Opens the dossier and starts its workflow. The dossier (its reference taken under the counter's row lock) commits
   * with a `startWorkflow` row in the workflow outbox, in one short transaction; the start happens after the commit,
   * right away (deliverNow) or, if Temporal cannot be reached, by the relay until it succeeds (idempotent on the
   * workflow id). So no lock is held across a Temporal call — openings never wait on each other's start — and a
   * registered request is never lost. The workflow id and search attributes carry business ids only, never a name or
   * national number.
   */
  async open(actor: AuthUser, input: OpenDossier) {
    // A procedure opened by an event (the LOI: Fedasil's assignment) is opened through POST /intake/events only.
    if (procedureDefinition(input.procedure).opensBy === 'event') {
      throw conflict(`A ${input.procedure} dossier is opened by its event (POST /intake/events), not as a request`, { code: 'opened-by-event' });
    }
    const opened = await this.dataSource.transaction((tx) => this.openIn(tx, actor, input));
    const delivery = await this.outbox.deliverNow([opened.outboxId]);
    return { ...opened.result, workflowStarted: delivery.delivered === 1 };
  }

  /**
   * Opens the dossier in the caller's transaction, with the `startWorkflow` row its start is relayed from once the
   * transaction has committed (the caller delivers it: `outboxId`). An intake opens the dossier with its first event.
   */
  async openIn(tx: EntityManager, actor: AuthUser, input: OpenDossier) {
    authorize(actor, 'dossier:create', { team: actor.team });
    const today = todayIn(this.config.timeZone);
    const requestDate = input.requestDate ?? today;
    const channel = input.channel ?? 'counter';
    const person = await tx.findOneBy(PersonEntity, { id: input.personId });
    if (!person) throw notFound('Person');
    if (person.mergedInto) throw mergedConflict(person.mergedInto);
    const running = await findOpenDossier(tx, person.id, input.procedure).catch((err: unknown) => {
      // Merged while this opening waited for the person's opening lock.
      if (err instanceof PersonMergedError) throw mergedConflict(err.mergedInto);
      throw err;
    });
    if (running) {
      // Named only to a caller who may read it; another team's dossier is refused without its id or reference.
      if (decide(actor, 'dossier:read', { team: running.team }) === 'allow') {
        throw conflict(`This person already has an open ${input.procedure} dossier`, { existingId: running.id, reference: running.reference });
      }
      throw conflict(`This person already has an open ${input.procedure} dossier in another team`);
    }
    const { dossier, outboxId } = await registerDossier(
      tx,
      this.config,
      actor,
      { procedure: input.procedure, personId: person.id, team: actor.team, responsibleUserId: actor.role === 'social-worker' ? actor.id : null, requestDate, channel },
      // A request registered later than it was made is allowed, and visible in the trail.
      { registeredLateByDays: daysBetween(requestDate, today) },
    );
    return {
      result: { id: dossier.id, reference: dossier.reference, status: dossier.status, statusLabel: statusLabel(dossier.procedure, dossier.status), workflowId: dossier.workflowId },
      outboxId,
    };
  }

  list(actor: AuthUser, filters: DossierFilters) {
    return listDossiers(this.dataSource, actor, filters, todayIn(this.config.timeZone));
  }

  async get(actor: AuthUser, id: string) {
    authorize(actor, 'dossier:read');
    return this.dataSource.transaction(async (tx) => {
      const dossier = await this.findVisible(tx, actor, id, 'dossier:read');
      // One connection in a transaction: the queries run one after the other.
      const person = await tx.findOneByOrFail(PersonEntity, { id: dossier.personId });
      const tasks = await tx.find(TaskEntity, { where: { dossierId: id }, order: { createdAt: 'ASC' } });
      const deadlines = await tx.find(DeadlineEntity, { where: { dossierId: id }, order: { dueDate: 'ASC' } });
      const timeline = await tx.find(DossierEventEntity, { where: { dossierId: id }, order: { at: 'ASC' } });
      const notices = await tx.find(NoticeEntity, { where: { dossierId: id }, order: { createdAt: 'ASC' } });
      const parties = await dossierParties(tx, id);
      const links = await dossierLinks(tx, actor, id);
      const persons = await dossierPersons(tx, dossier);
      const recipients = await noticeRecipientParties(tx, notices);
      await audit(tx, actor, 'dossier.read', { dossierId: id, personId: person.id });
      const today = todayIn(this.config.timeZone);
      const clientName = `${person.firstName} ${person.lastName}`;
      const views = tasks.map((t) => taskView(t, dossier, clientName));
      return {
        id: dossier.id,
        reference: dossier.reference,
        procedure: dossier.procedure,
        status: dossier.status,
        statusLabel: statusLabel(dossier.procedure, dossier.status),
        team: dossier.team,
        responsibleUserId: dossier.responsibleUserId,
        requestDate: dossier.requestDate,
        channel: dossier.channel,
        openedAt: dossier.openedAt,
        closedAt: dossier.closedAt,
        person: { id: person.id, firstName: person.firstName, lastName: person.lastName, nationalNumber: person.nationalNumber },
        openTasks: views.filter((t) => t.status === 'open' || t.status === 'claimed'),
        doneTasks: views.filter((t) => t.status === 'completed' || t.status === 'cancelled'),
        deadlines: deadlines.map((d) => ({
          id: d.id,
          key: d.key,
          kind: d.kind,
          ruleId: d.ruleId,
          title: d.title,
          legalBasis: d.legalBasis,
          triggerDate: d.triggerDate,
          dueDate: d.dueDate,
          warningDate: d.warningDate,
          status: d.status,
          metDate: d.metDate,
          daysLeft: d.dueDate ? daysBetween(today, d.dueDate) : null,
          suspendedSince: d.suspendedSince,
          explanation: d.explanation,
          explanationSteps: d.explanationSteps,
        })),
        parties,
        links,
        persons,
        notices: notices.map((n) => ({
          id: n.id, kind: n.kind, recipient: n.recipient, recipientParty: recipients(n), channel: n.channel, dueDate: n.dueDate, sentAt: n.sentAt,
        })),
        timeline: timeline.map((e) => ({ at: e.at, type: e.type, description: e.description })),
        competence: timeline.filter((e) => e.type === 'competence-determined').at(-1)?.data ?? null,
      };
    });
  }

  async auditTrail(actor: AuthUser, id: string) {
    authorize(actor, 'dossier:audit');
    return this.dataSource.transaction(async (tx) => {
      const dossier = await this.findVisible(tx, actor, id, 'dossier:audit');
      // The rows about a confidential note are left out for whoever may not see the note (the admin too).
      const hidden = await hiddenNoteIds(tx, actor, dossier);
      const events = (await tx.find(AuditEventEntity, { where: { dossierId: id }, order: { id: 'ASC' } }))
        .filter((e) => !hidden.has((e.details as { noteId?: string } | null)?.noteId ?? ''));
      await audit(tx, actor, 'dossier.audit-read', { dossierId: id });
      return {
        items: events.map((e) => ({ at: e.at, actorId: e.actorId, actorRole: e.actorRole, action: e.action, details: e.details })),
        total: events.length,
      };
    });
  }

  private async findVisible(tx: EntityManager, actor: AuthUser, id: string, action: 'dossier:read' | 'dossier:audit') {
    const dossier = await tx.findOneBy(DossierEntity, { id });
    if (!dossier) throw notFound('Dossier');
    authorize(actor, action, { team: dossier.team }, 'Dossier');
    return dossier;
  }
}

const mergedConflict = (mergedInto: string) =>
  conflict('This person record was merged into another: open the dossier for the person kept', { mergedInto });

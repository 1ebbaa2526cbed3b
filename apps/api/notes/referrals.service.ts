import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { audit } from '../../../libs/db/audit';
import { enqueueForWorkflow } from '../../../libs/db/outbox';
import { PartyEntity, ReferralEntity } from '../../../libs/db/entities';
import { addToTimeline } from '../../../libs/db/timeline';
import { formatDateNl } from '../../../libs/format/dutch';
import { authorize } from '../common/authorize';
import { WorkflowOutbox } from '../common/workflow-outbox';
import { dossierFor } from './dossier-for';
import type { AuthUser } from '../common/current-user';
import { conflict, notFound, ValidationError } from '../common/errors';
import { DATE, DATE_TIME, nullable, object, STRING, UUID } from '../common/openapi';

export interface NewReferral {
  partyId: string;
  reason: string;
  referredOn: string;
  followUpOn: string;
}

export function referralView(r: ReferralEntity, party: PartyEntity) {
  return {
    id: r.id, dossierId: r.dossierId, party: { id: party.id, name: party.name, kind: party.kind }, reason: r.reason,
    referredOn: r.referredOn, followUpOn: r.followUpOn, createdAt: r.createdAt, closedAt: r.closedAt, outcome: r.outcome,
  };
}
export const REFERRAL = object({
  id: UUID, dossierId: UUID, party: object({ id: UUID, name: STRING, kind: STRING }, ['id', 'name', 'kind']), reason: STRING,
  referredOn: DATE, followUpOn: DATE, createdAt: DATE_TIME, closedAt: nullable(DATE_TIME), outcome: nullable(STRING),
}, ['id', 'dossierId', 'party', 'reason', 'referredOn', 'followUpOn', 'createdAt', 'closedAt', 'outcome']);

/**
 * Referrals of a dossier to a partner (a party of the registry). Permissions: note:write to refer and close,
 * note:read to list (referring is part of the same casework as the journal). The dossier's workflow holds the
 * follow-up: a referral and its close reach it through the workflow outbox (written in the same transaction, delivered
 * after the commit), and on the follow-up date it opens the task "Opvolging doorverwijzing"
 * (workflows/shared/referral-follow-ups.ts).
 */
@Injectable()
export class ReferralsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: WorkflowOutbox,
  ) {}

  async list(actor: AuthUser, dossierId: string) {
    authorize(actor, 'note:read');
    return this.dataSource.transaction(async (tx) => {
      await dossierFor(tx, actor, dossierId, 'note:read');
      const referrals = await tx.find(ReferralEntity, { where: { dossierId }, order: { referredOn: 'DESC', createdAt: 'DESC' } });
      const items = [];
      for (const r of referrals) items.push(referralView(r, await tx.findOneByOrFail(PartyEntity, { id: r.partyId })));
      return { items, total: items.length };
    });
  }

  async create(actor: AuthUser, dossierId: string, input: NewReferral) {
    authorize(actor, 'note:write');
    if (input.followUpOn < input.referredOn) {
      throw new ValidationError([{ path: '/followUpOn', code: 'before-referral', message: 'the follow-up date must not be before the date referred' }]);
    }
    const { view, outboxId } = await this.dataSource.transaction(async (tx) => {
      const dossier = await dossierFor(tx, actor, dossierId, 'note:write');
      // A closed dossier's workflow has ended: nobody would follow the referral up.
      if (dossier.closedAt) throw conflict('The dossier is closed: a referral with a follow-up cannot be added to it');
      const party = await tx.findOneBy(PartyEntity, { id: input.partyId });
      if (!party) throw notFound('Party');
      const referral = await tx.save(tx.create(ReferralEntity, { dossierId, partyId: party.id, reason: input.reason.trim(), referredOn: input.referredOn, followUpOn: input.followUpOn, createdBy: actor.id }));
      await addToTimeline(tx, { dossierId, key: `referral:${referral.id}:referred`, at: new Date(), type: 'referral', description: `Doorverwezen naar ${party.name} (opvolging ${formatDateNl(input.followUpOn)})`, data: { referralId: referral.id, partyId: party.id } });
      await audit(tx, actor, 'referral.created', { dossierId, personId: dossier.personId, details: { referralId: referral.id, partyId: party.id, referredOn: input.referredOn, followUpOn: input.followUpOn } });
      const queued = await enqueueForWorkflow(tx, { dossierId, workflowId: dossier.workflowId, message: 'referralFollowUp', payload: { referralId: referral.id, followUpOn: input.followUpOn } });
      return { view: referralView(await tx.findOneByOrFail(ReferralEntity, { id: referral.id }), party), outboxId: queued };
    });
    // After the commit, never inside the transaction; what fails here the relay delivers later.
    await this.outbox.deliverNow([outboxId]);
    return view;
  }

  async close(actor: AuthUser, id: string, input: { outcome: string }) {
    authorize(actor, 'note:write');
    const { view, outboxIds } = await this.dataSource.transaction(async (tx) => {
      const referral = await tx.findOne(ReferralEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!referral) throw notFound('Referral');
      const dossier = await dossierFor(tx, actor, referral.dossierId, 'note:write', 'Referral');
      if (referral.closedAt) throw conflict('This referral is already closed', { closedAt: referral.closedAt });
      await tx.update(ReferralEntity, { id }, { closedAt: new Date(), closedBy: actor.id, outcome: input.outcome.trim() });
      const party = await tx.findOneByOrFail(PartyEntity, { id: referral.partyId });
      await addToTimeline(tx, { dossierId: dossier.id, key: `referral:${id}:closed`, at: new Date(), type: 'referral', description: `Doorverwijzing naar ${party.name} afgesloten`, data: { referralId: id } });
      await audit(tx, actor, 'referral.closed', { dossierId: dossier.id, personId: dossier.personId, details: { referralId: id } });
      // The workflow ends the follow-up timer (or cancels the open follow-up task); a closed dossier's has ended.
      const queued = dossier.closedAt ? [] : [await enqueueForWorkflow(tx, { dossierId: dossier.id, workflowId: dossier.workflowId, message: 'referralClosed', payload: { referralId: id } })];
      return { view: referralView(await tx.findOneByOrFail(ReferralEntity, { id }), party), outboxIds: queued };
    });
    await this.outbox.deliverNow(outboxIds);
    return view;
  }
}

import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../../../libs/config/config';
import { audit } from '../../../libs/db/audit';
import { DossierDebtEntity, PartyEntity } from '../../../libs/db/entities';
import { partyTakesPart } from '../../../libs/db/party-part';
import { enqueueForWorkflow } from '../../../libs/db/outbox';
import { todayIn } from '../../../libs/deadlines/calendar-date';
import { checkCreditorLetterData, creditorLetterKey, creditorLetterSubject, CreditorRequestTemplate } from '../../../libs/notices/creditor-letters';
import type { CreditorLetterRequest } from '../../../workflows/shared/party-correspondence.messages';
import { authorize } from '../common/authorize';
import type { AuthUser } from '../common/current-user';
import { conflict, ValidationError } from '../common/errors';
import { CONFIG } from '../common/tokens';
import { WorkflowOutbox } from '../common/workflow-outbox';
import { dossierFor } from '../notes/dossier-for';
import { CreditorLetterRow, letterView } from './creditor-letter-view';

export interface NewCreditorLetter {
  partyId: string;
  debtId?: string | null;
  template: CreditorRequestTemplate;
  data: Record<string, unknown>;
}

/**
 * The correspondence of a debt mediation dossier with its creditors, bailiffs and collection agencies (domain §3.1
 * step 4). The workflow sends the letters and keeps creditor_letters current (workflows/shared/party-correspondence.ts);
 * the API reads that table and asks the workflow for a letter through the workflow outbox (Update
 * creditorLetterRequested). The inventory's permissions: those who keep the inventory write to its creditors.
 */
@Injectable()
export class CreditorLettersService {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(CONFIG) private readonly config: AppConfig,
    private readonly outbox: WorkflowOutbox,
  ) {}

  async correspondence(actor: AuthUser, dossierId: string) {
    authorize(actor, 'inventory:read');
    return this.dataSource.transaction(async (tx) => {
      const dossier = await dossierFor(tx, actor, dossierId, 'inventory:read');
      const rows: CreditorLetterRow[] = await tx.query(
        `SELECT l.letter_key, l.party_id, p.name AS party_name, p.kind AS party_kind, l.debt_id, l.template, l.subject, l.sent_on, l.answer_due,
                l.reminder_on, l.reminder_answer_due, l.answered_on, l.answer, l.amount_cents, l.answer_note, l.follow_up, l.follow_up_note, l.status
           FROM creditor_letters l JOIN parties p ON p.id = l.party_id
          WHERE l.dossier_id = $1 ORDER BY l.sent_on, l.created_at, l.letter_key`,
        [dossierId],
      );
      await audit(tx, actor, 'creditor-correspondence.read', { dossierId, personId: dossier.personId });
      return { dossierId, items: rows.map(letterView), total: rows.length };
    });
  }

  /**
   * Checks the request (the data of its template, a party linked to the dossier, a debt of its inventory) and asks the
   * workflow for the letter, keyed on what, about which debt, to whom and today: the same request again today is 409.
   */
  async request(actor: AuthUser, dossierId: string, body: NewCreditorLetter) {
    authorize(actor, 'inventory:write');
    const dataErrors = checkCreditorLetterData(body.template, body.data);
    if (dataErrors.length > 0) throw new ValidationError(dataErrors, 'The letter is not valid');
    const { answer, outboxId } = await this.dataSource.transaction(async (tx) => {
      const dossier = await dossierFor(tx, actor, dossierId, 'inventory:write');
      if (dossier.procedure !== 'debt-mediation') throw conflict('Only a debt mediation dossier writes to creditors');
      if (dossier.closedAt) throw conflict('The dossier is closed: no letter leaves it any more');
      const party = await tx.findOneBy(PartyEntity, { id: body.partyId });
      const linked = party ? await partyTakesPart(tx, dossierId, party.id) : false;
      if (!party || !party.active || !linked) {
        const [code, message] = !party ? ['unknown-party', 'no party with this id'] : !party.active ? ['inactive-party', 'this party is no longer in use']
          : ['not-linked', 'this party is neither linked to the dossier nor a creditor or collector of its inventory'];
        throw new ValidationError([{ path: '/partyId', code, message }], 'The letter is not valid');
      }
      const debtId = body.debtId ?? null;
      const data = { ...body.data };
      if (debtId) {
        const debt = await tx.findOneBy(DossierDebtEntity, { id: debtId, dossierId });
        if (!debt) throw new ValidationError([{ path: '/debtId', code: 'unknown-debt', message: 'is not a debt of this dossier' }], 'The letter is not valid');
        // The party's own file number for the debt, as the inventory knows it.
        const fileNumber = debt.creditorPartyId === party.id ? debt.creditorReference : debt.collectorPartyId === party.id ? debt.collectorReference : null;
        if (data.fileNumber === undefined && fileNumber) data.fileNumber = fileNumber;
      }
      const key = creditorLetterKey(body.template, party.id, debtId, todayIn(this.config.timeZone));
      const sent = await tx.query(`SELECT 1 FROM creditor_letters WHERE dossier_id = $1 AND letter_key = $2`, [dossierId, key]);
      const queued = await tx.query(`SELECT 1 FROM workflow_outbox WHERE dossier_id = $1 AND message = 'creditorLetterRequested' AND payload->>'key' = $2 AND status <> 'rejected'`, [dossierId, key]);
      if (sent.length > 0 || queued.length > 0) throw conflict('This letter was already asked for today', { letterKey: key });
      const payload: CreditorLetterRequest = { key, partyId: party.id, debtId, template: body.template, data, requestedBy: actor.id };
      const id = await enqueueForWorkflow(tx, { dossierId, workflowId: dossier.workflowId, message: 'creditorLetterRequested', payload: { ...payload } });
      await audit(tx, actor, 'creditor-letter.requested', { dossierId, personId: dossier.personId, details: { letterKey: key, partyId: party.id, debtId, template: body.template } });
      return { answer: { dossierId, letterKey: key, template: body.template, subject: creditorLetterSubject(body.template) }, outboxId: id };
    });
    // After the commit, never inside the transaction; what fails here the relay delivers later.
    const report = await this.outbox.deliverNow([outboxId]);
    return { ...answer, delivered: report.delivered === 1 };
  }
}

import { defineUpdate } from '@temporalio/workflow';
import type { CreditorRequestTemplate } from '../../libs/notices/creditor-letters';

/** A letter the social worker asks the dossier to send to a creditor, bailiff or collection agency (through the outbox). */
export interface CreditorLetterRequest {
  /** The letter's business name (libs/notices/creditor-letters.ts creditorLetterKey): the same key again is the same letter. */
  key: string;
  /** A party linked to the dossier (the API checked it; the letter activity checks it again). */
  partyId: string;
  /** The debt of the inventory the letter is about, if any. */
  debtId: string | null;
  template: CreditorRequestTemplate;
  /** The template's own fields (checkCreditorLetterData): the amounts of a repayment proposal, the court order, … */
  data: Record<string, unknown>;
  requestedBy: string;
}

export interface CreditorLetterRequestResult {
  status: string;
  /** `duplicate`: a letter with this key is known to the dossier already (sent, or being sent): nothing new. */
  outcome: 'accepted' | 'duplicate';
}

/**
 * Sent by the workflow outbox (apps/api/creditor-letters), never best-effort: the dossier sends the letter, records it
 * and watches its answer window (workflows/shared/party-correspondence.ts). Idempotent on the key.
 */
export const creditorLetterRequestedUpdate = defineUpdate<CreditorLetterRequestResult, [CreditorLetterRequest]>('creditorLetterRequested');

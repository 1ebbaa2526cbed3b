import { DataSource } from 'typeorm';
import { budgetAccountBalance, type BudgetAccountBalance } from '../../libs/db/budget-account';

export type { BudgetAccountBalance } from '../../libs/db/budget-account';

/** A party a debt mediation dossier writes to about one debt: its creditor, or the bailiff or collection agency collecting it. */
export interface DebtCreditor {
  debtId: string;
  partyId: string;
  /** creditor: the party owed; collector: the bailiff or collection agency collecting the debt (same letters, domain §3). */
  role: 'creditor' | 'collector';
  /** The party's own file number for the debt (creditor_reference or collector_reference), if known. */
  fileNumber: string | null;
  outstandingCents: number;
  disputed: boolean;
  priorityKind: string | null;
}

/**
 * The debt mediation capability's activities (domain §3). The inventory (dossier_debts) is a read model the social
 * worker keeps current through the API; the workflow reads from it what it needs to act at that moment (whom to write
 * to), never a copy it keeps for years.
 */
/** Where a letter's watch stands (workflows/shared/party-correspondence.ts); it only moves forward. */
export type CreditorLetterStatus = 'awaiting' | 'reminded' | 'no-answer' | 'answered';
const STATUS_RANK: Record<CreditorLetterStatus, number> = { awaiting: 0, reminded: 1, 'no-answer': 2, answered: 3 };

/** One letter to a creditor (or its collector) as the workflow holds it: the whole row, written again at each step. */
export interface CreditorLetterRecord {
  dossierId: string;
  /** The workflow's business name of the letter (unique in the dossier). */
  letterKey: string;
  partyId: string;
  debtId: string | null;
  template: string;
  subject: string;
  sentOn: string;
  answerDue: string;
  reminderOn?: string | null;
  reminderAnswerDue?: string | null;
  answeredOn?: string | null;
  answer?: 'accepted' | 'counter-proposal' | 'refused' | 'statement' | null;
  amountCents?: number | null;
  answerNote?: string | null;
  followUp?: 'called' | 'resend' | 'close' | null;
  followUpNote?: string | null;
  status: CreditorLetterStatus;
}

/** The collective debt settlement as the workflow has it (csr_files, csr_claims): the whole file, each time. */
export interface CsrRecord {
  dossierId: string;
  petitionFiledOn: string | null;
  court: string | null;
  orderDate: string | null;
  orderSentOn: string | null;
  mediator: 'ocmw' | 'outside' | null;
  mediatorPartyId: string | null;
  ocmwMediator: boolean;
  status: string | null;
  planSentOn: string | null;
  outcome: 'homologation' | 'judicial-plan' | null;
  reminderOn: string | null;
  declareBy: string | null;
  /** Per creditor: its declaration (date, amount) and whether it is deemed to have waived its claim. */
  claims: { partyId: string; declaredOn: string | null; amountCents: number | null; waived: boolean }[];
}

export function createDebtMediationActivities({ dataSource }: { dataSource: DataSource }) {
  return {
    /**
     * The read model of a creditor letter (creditor_letters), upserted on (dossier, letter key): the same record again
     * changes nothing. Facts are never lost — a date or answer already stored is kept when a record without it arrives
     * — and the status never goes back (an answer recorded stays answered), so an out-of-date write cannot undo one.
     */
    async recordCreditorLetter(input: CreditorLetterRecord): Promise<{ status: CreditorLetterStatus }> {
      const ranks = Object.entries(STATUS_RANK).map(([s, r]) => `WHEN '${s}' THEN ${r}`).join(' ');
      const rank = (col: string) => `(CASE ${col} ${ranks} END)`;
      const rows: { status: CreditorLetterStatus }[] = await dataSource.query(
        `INSERT INTO creditor_letters (dossier_id, letter_key, party_id, debt_id, template, subject, sent_on, answer_due, reminder_on,
             reminder_answer_due, answered_on, answer, amount_cents, answer_note, follow_up, follow_up_note, status)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)
         ON CONFLICT (dossier_id, letter_key) DO UPDATE SET
           reminder_on = COALESCE(creditor_letters.reminder_on, EXCLUDED.reminder_on),
           reminder_answer_due = COALESCE(creditor_letters.reminder_answer_due, EXCLUDED.reminder_answer_due),
           answered_on = COALESCE(EXCLUDED.answered_on, creditor_letters.answered_on),
           answer = COALESCE(EXCLUDED.answer, creditor_letters.answer),
           amount_cents = CASE WHEN EXCLUDED.answer IS NOT NULL THEN EXCLUDED.amount_cents ELSE creditor_letters.amount_cents END,
           answer_note = CASE WHEN EXCLUDED.answer IS NOT NULL THEN EXCLUDED.answer_note ELSE creditor_letters.answer_note END,
           follow_up = COALESCE(EXCLUDED.follow_up, creditor_letters.follow_up),
           follow_up_note = COALESCE(EXCLUDED.follow_up_note, creditor_letters.follow_up_note),
           status = CASE WHEN ${rank('EXCLUDED.status')} >= ${rank('creditor_letters.status')} THEN EXCLUDED.status ELSE creditor_letters.status END,
           updated_at = now()
         RETURNING status`,
        [
          input.dossierId, input.letterKey, input.partyId, input.debtId, input.template, input.subject, input.sentOn, input.answerDue,
          input.reminderOn ?? null, input.reminderAnswerDue ?? null, input.answeredOn ?? null, input.answer ?? null, input.amountCents ?? null,
          input.answerNote ?? null, input.followUp ?? null, input.followUpNote ?? null, input.status,
        ],
      );
      return { status: rows[0].status };
    },

    /**
     * The balance of the dossier's budget-management account (the plan's latest version names it) on `on`: the money
     * that came in (imported bank statements) less what went out without this system and less every payment ordered
     * from the account and not cancelled. An imported movement that executes one of those payments (payment_id set)
     * is not counted again. The workflow asks before ordering a month's instalments (a shortfall stops them first).
     */
    async budgetAccountBalance(input: { dossierId: string; on: string }): Promise<BudgetAccountBalance> {
      return budgetAccountBalance(dataSource, input.dossierId, input.on);
    },

    /**
     * The creditors, bailiffs and collection agencies of the dossier's open debts (status 'open'), one row per party
     * and debt, ordered by debt creation then role: the addressees of the creditor letters and of the CSR reminders.
     */
    async debtCreditors(input: { dossierId: string }): Promise<DebtCreditor[]> {
      const rows: Array<{ id: string; creditor_party_id: string; creditor_reference: string | null; collector_party_id: string | null; collector_reference: string | null;
        outstanding_cents: number; disputed: boolean; priority_kind: string | null }> = await dataSource.query(
        `SELECT id, creditor_party_id, creditor_reference, collector_party_id, collector_reference, outstanding_cents, disputed, priority_kind
           FROM dossier_debts WHERE dossier_id = $1 AND status = 'open' ORDER BY created_at, id`,
        [input.dossierId],
      );
      return rows.flatMap((r) => {
        const common = { debtId: r.id, outstandingCents: r.outstanding_cents, disputed: r.disputed, priorityKind: r.priority_kind };
        const creditor: DebtCreditor = { ...common, partyId: r.creditor_party_id, role: 'creditor', fileNumber: r.creditor_reference };
        if (!r.collector_party_id) return [creditor];
        return [creditor, { ...common, partyId: r.collector_party_id, role: 'collector' as const, fileNumber: r.collector_reference }];
      });
    },

    /**
     * The read model of the dossier's collective debt settlement: the file and each creditor's claim as the workflow
     * holds them now. Idempotent: the same record again changes nothing; a creditor no longer in it keeps its row.
     */
    async recordCollectiveSettlement(input: CsrRecord): Promise<void> {
      await dataSource.transaction(async (m) => {
        await m.query(
          `INSERT INTO csr_files (dossier_id, petition_filed_on, court, order_date, order_sent_on, mediator, mediator_party_id, ocmw_mediator, status,
                                  plan_sent_on, outcome, reminder_on, declare_by, updated_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, now())
           ON CONFLICT (dossier_id) DO UPDATE SET petition_filed_on = $2, court = $3, order_date = $4, order_sent_on = $5, mediator = $6,
             mediator_party_id = $7, ocmw_mediator = $8, status = $9, plan_sent_on = $10, outcome = $11, reminder_on = $12, declare_by = $13, updated_at = now()`,
          [input.dossierId, input.petitionFiledOn, input.court, input.orderDate, input.orderSentOn, input.mediator, input.mediatorPartyId, input.ocmwMediator,
            input.status, input.planSentOn, input.outcome, input.reminderOn, input.declareBy],
        );
        for (const c of input.claims) {
          await m.query(
            `INSERT INTO csr_claims (dossier_id, party_id, declared_on, amount_cents, waived, updated_at) VALUES ($1, $2, $3, $4, $5, now())
             ON CONFLICT (dossier_id, party_id) DO UPDATE SET declared_on = $3, amount_cents = $4, waived = $5, updated_at = now()`,
            [input.dossierId, c.partyId, c.declaredOn, c.amountCents, c.waived],
          );
        }
      });
    },
  };
}

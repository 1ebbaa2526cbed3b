import { DataSource } from 'typeorm';

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
/** What is on a budget-management account on a day, as far as this system knows it. */
export interface BudgetAccountBalance {
  /** The account of the plan in force (null: no plan yet, everything 0). */
  iban: string | null;
  /** Money in: the imported movements with a positive amount booked up to and including the day. */
  incomingCents: number;
  /** Money out that this system did not order (bank costs, a withdrawal), imported up to the day: a negative sum. */
  otherOutgoingCents: number;
  /** The payments ordered from the account (every one not cancelled, whatever its due date: they are committed). */
  orderedCents: number;
  /** incoming + otherOutgoing − ordered. */
  balanceCents: number;
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
     * The balance of the dossier's budget-management account (the plan's latest version names it) on `on`: the money
     * that came in (imported bank statements) less what went out without this system and less every payment ordered
     * from the account and not cancelled. An imported movement that executes one of those payments (payment_id set)
     * is not counted again. The workflow asks before ordering a month's instalments (a shortfall stops them first).
     */
    async budgetAccountBalance(input: { dossierId: string; on: string }): Promise<BudgetAccountBalance> {
      const [plan]: Array<{ account_iban: string }> = await dataSource.query(
        `SELECT account_iban FROM budget_plans WHERE dossier_id = $1 ORDER BY version DESC LIMIT 1`,
        [input.dossierId],
      );
      if (!plan) return { iban: null, incomingCents: 0, otherOutgoingCents: 0, orderedCents: 0, balanceCents: 0 };
      const [moved]: Array<{ incoming: string; outgoing: string }> = await dataSource.query(
        `SELECT COALESCE(SUM(amount_cents) FILTER (WHERE amount_cents > 0), 0) AS incoming,
                COALESCE(SUM(amount_cents) FILTER (WHERE amount_cents < 0), 0) AS outgoing
           FROM budget_account_movements
          WHERE dossier_id = $1 AND account_iban = $2 AND booking_date <= $3 AND payment_id IS NULL`,
        [input.dossierId, plan.account_iban, input.on],
      );
      const [ordered]: Array<{ total: string }> = await dataSource.query(
        `SELECT COALESCE(SUM(amount_cents), 0) AS total FROM payments WHERE dossier_id = $1 AND debtor_iban = $2 AND status <> 'cancelled'`,
        [input.dossierId, plan.account_iban],
      );
      const incomingCents = Number(moved.incoming);
      const otherOutgoingCents = Number(moved.outgoing);
      const orderedCents = Number(ordered.total);
      return { iban: plan.account_iban, incomingCents, otherOutgoingCents, orderedCents, balanceCents: incomingCents + otherOutgoingCents - orderedCents };
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

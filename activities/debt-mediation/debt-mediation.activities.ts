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
export function createDebtMediationActivities({ dataSource }: { dataSource: DataSource }) {
  return {
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
  };
}

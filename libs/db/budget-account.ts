/** Anything that runs SQL: the DataSource (an activity) or a transaction's EntityManager (the API). */
export interface Queryable {
  query(sql: string, parameters?: unknown[]): Promise<any>;
}

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

/**
 * The balance of the dossier's budget-management account (the plan's latest version names it) on `on`: the money that
 * came in (imported bank statements) less what went out without this system and less every payment ordered from the
 * account and not cancelled. An imported movement that executes one of those payments (payment_id set) is not counted
 * again. The one computation behind the workflow's activity (a shortfall stops the instalments) and the API's screen.
 */
export async function budgetAccountBalance(db: Queryable, dossierId: string, on: string): Promise<BudgetAccountBalance> {
  const [plan]: Array<{ account_iban: string }> = await db.query(
    `SELECT account_iban FROM budget_plans WHERE dossier_id = $1 ORDER BY version DESC LIMIT 1`,
    [dossierId],
  );
  if (!plan) return { iban: null, incomingCents: 0, otherOutgoingCents: 0, orderedCents: 0, balanceCents: 0 };
  const [moved]: Array<{ incoming: string; outgoing: string }> = await db.query(
    `SELECT COALESCE(SUM(amount_cents) FILTER (WHERE amount_cents > 0), 0) AS incoming,
            COALESCE(SUM(amount_cents) FILTER (WHERE amount_cents < 0), 0) AS outgoing
       FROM budget_account_movements
      WHERE dossier_id = $1 AND account_iban = $2 AND booking_date <= $3 AND payment_id IS NULL`,
    [dossierId, plan.account_iban, on],
  );
  const [ordered]: Array<{ total: string }> = await db.query(
    `SELECT COALESCE(SUM(amount_cents), 0) AS total FROM payments WHERE dossier_id = $1 AND debtor_iban = $2 AND status <> 'cancelled'`,
    [dossierId, plan.account_iban],
  );
  const incomingCents = Number(moved.incoming);
  const otherOutgoingCents = Number(moved.outgoing);
  const orderedCents = Number(ordered.total);
  return { iban: plan.account_iban, incomingCents, otherOutgoingCents, orderedCents, balanceCents: incomingCents + otherOutgoingCents - orderedCents };
}

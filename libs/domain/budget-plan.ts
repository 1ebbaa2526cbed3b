/**
 * The budget plan of a budget-management trajectory (budgetbeheer, domain §3.1 step 3–5): the budget-management
 * account the OCMW manages for the client, the living money (leefgeld) paid weekly to the client, the fixed costs and
 * the monthly instalments to creditors paid from that account, and the reserve kept on it. Amounts in cents.
 *
 * The plan is a read model the social worker edits through the API (table budget_plans, one row per version); each new
 * version reaches the dossier's workflow through the outbox as the `budgetPlanChanged` Update, and the workflow keeps
 * the latest version it received (carried across continue-as-new) to order the payments. Pure data: safe in workflows.
 */

/** The budget-management account: a debtor account of its own in the SEPA batches (one PmtInf per account). */
export interface BudgetAccount {
  /** The account holder as the bank knows it, e.g. "OCMW Teststad budgetbeheer Jan Peeters". */
  name: string;
  /** Electronic format, no spaces. */
  iban: string;
  bic: string;
}

/** A fixed cost paid for the client each month (rent, energy, …) to a party linked to the dossier. */
export interface BudgetFixedCost {
  /** A business name for the cost within the plan ('rent', 'energy-1'): the payment's debtRef, so it survives versions. */
  key: string;
  partyId: string;
  /** Dutch, e.g. "Huur". */
  label: string;
  amountCents: number;
  /** Day of the month it is due (1–31; a short month pays on its last day, then the previous working day). */
  dueDay: number;
}

/** A monthly instalment to a creditor for one debt of the inventory (dossier_debts). */
export interface BudgetInstalment {
  debtId: string;
  /** The creditor (or the bailiff collecting the debt) who is paid. */
  partyId: string;
  /** The creditor's file number as it goes into the remittance and the payment key (SEPA-safe, no ':'). */
  debtRef: string;
  amountCents: number;
  dueDay: number;
}

export interface BudgetPlan {
  /** 1, 2, …: each change of the plan is a new version; the workflow ignores a version not newer than its own. */
  version: number;
  /** The first day this version applies to (payments due from that day on follow it). */
  validFrom: string;
  account: BudgetAccount;
  /** The living money paid to the client's own account, every week on the configured weekday. 0: none. */
  leefgeldWeeklyCents: number;
  fixedCosts: BudgetFixedCost[];
  instalments: BudgetInstalment[];
  /** What is kept on the account each month before instalments (the reserve). */
  reserveMonthlyCents: number;
}

/** The payload of the `budgetPlanChanged` Update (through the workflow outbox). */
export interface BudgetPlanChanged {
  plan: BudgetPlan;
  changedBy: string;
}

/**
 * The budget plan of a budget-management trajectory (budgetbeheer, domain §3.1 step 3–5): the budget-management
 * account the OCMW manages for the client, the living money (leefgeld) paid weekly to the client, the fixed costs and
 * the monthly instalments to creditors paid from that account, and the reserve kept on it. Amounts in cents.
 *
 * The plan is a read model the social worker edits through the API (table budget_plans, one row per version); each new
 * version reaches the dossier's workflow through the outbox as the `budgetPlanChanged` Update, and the workflow keeps
 * the latest version it received (carried across continue-as-new) to order the payments. Pure: safe in workflows.
 */
import { addDays, isValidIsoDate } from '../deadlines/calendar-date';
import {
  addPeriods, addWeeks, dayOfIsoWeek, firstDayOf, isoWeekday, isoWeekOf, lastDayOf, monthlyDueDay, periodOf, periodRange, weeklyPaymentDay,
} from '../payments/schedule';

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

/** One payment the plan makes in a window, on the day it is paid (moved to the previous working day). */
export interface PlannedPayment {
  /** The day the money leaves the account. */
  date: string;
  kind: 'leefgeld' | 'fixed-cost' | 'instalment';
  /** The ISO week (living money) or the month (fixed costs, instalments) the payment is for. */
  period: string;
  /** The fixed cost's key, the instalment's debtRef; 'leefgeld' for the living money. */
  key: string;
  /** Null: the client (the living money). */
  partyId: string | null;
  debtId: string | null;
  /** Dutch: "Leefgeld", the fixed cost's label, "Afbetaling <debtRef>". */
  label: string;
  amountCents: number;
}

export interface PlannedOutgoing {
  from: string;
  to: string;
  payments: PlannedPayment[];
  totalCents: number;
}

const KIND_ORDER: Record<PlannedPayment['kind'], number> = { leefgeld: 0, 'fixed-cost': 1, instalment: 2 };

/**
 * What the plan pays out between `from` and `to` (both included, by the day the money leaves): the living money every
 * ISO week on `leefgeldWeekday` (1 Monday … 7 Sunday), the fixed costs and the instalments every month on their due
 * day — each moved EARLIER to the previous working day (weeklyPaymentDay, monthlyDueDay: weekends and Belgian legal
 * holidays), so a payment due on Monday 1 December may leave on Friday 28 November and belong to that week's window.
 * A payment whose own due day comes before the plan's validFrom is not this version's. Ordered by date, then living
 * money, fixed costs, instalments. A preview for the screen; the trajectory workflow orders the payments themselves.
 */
export function plannedOutgoing(plan: BudgetPlan, window: { from: string; to: string }, leefgeldWeekday: number): PlannedOutgoing {
  const { from, to } = window;
  if (!isValidIsoDate(from) || !isValidIsoDate(to)) throw new RangeError(`not a window of dates YYYY-MM-DD: ${from} … ${to}`);
  const payments: PlannedPayment[] = [];
  const inWindow = (date: string) => date >= from && date <= to;
  // One week and one month either side: a payment moved earlier can come into the window from the next period.
  if (plan.leefgeldWeeklyCents > 0) {
    for (let week = addWeeks(isoWeekOf(from), -1); week <= addWeeks(isoWeekOf(to), 1); week = addWeeks(week, 1)) {
      const date = weeklyPaymentDay(week, leefgeldWeekday);
      if (!inWindow(date) || dayOfIsoWeek(week, leefgeldWeekday) < plan.validFrom) continue;
      payments.push({ date, kind: 'leefgeld', period: week, key: 'leefgeld', partyId: null, debtId: null, label: 'Leefgeld', amountCents: plan.leefgeldWeeklyCents });
    }
  }
  for (const month of periodRange(addPeriods(periodOf(from), -1), addPeriods(periodOf(to), 1))) {
    const due = (dueDay: number) => {
      const nominal = addDays(firstDayOf(month), Math.min(dueDay, Number(lastDayOf(month).slice(8))) - 1);
      const date = monthlyDueDay(month, dueDay);
      return inWindow(date) && nominal >= plan.validFrom ? date : null;
    };
    for (const cost of plan.fixedCosts) {
      const date = due(cost.dueDay);
      if (date) payments.push({ date, kind: 'fixed-cost', period: month, key: cost.key, partyId: cost.partyId, debtId: null, label: cost.label, amountCents: cost.amountCents });
    }
    for (const instalment of plan.instalments) {
      const date = due(instalment.dueDay);
      if (date) {
        payments.push({
          date, kind: 'instalment', period: month, key: instalment.debtRef, partyId: instalment.partyId, debtId: instalment.debtId,
          label: `Afbetaling ${instalment.debtRef}`, amountCents: instalment.amountCents,
        });
      }
    }
  }
  payments.sort((a, b) => a.date.localeCompare(b.date) || KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || a.key.localeCompare(b.key));
  return { from, to, payments, totalCents: payments.reduce((sum, p) => sum + p.amountCents, 0) };
}

/** The ISO week (Monday … Sunday) and the calendar month `on` falls in: the windows of "this week" and "this month". */
export function previewWindows(on: string): { week: { from: string; to: string }; month: { from: string; to: string } } {
  const monday = addDays(on, 1 - isoWeekday(on));
  return { week: { from: monday, to: addDays(monday, 6) }, month: { from: firstDayOf(periodOf(on)), to: lastDayOf(periodOf(on)) } };
}

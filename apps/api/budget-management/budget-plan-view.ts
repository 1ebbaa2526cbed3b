import type { BudgetPlanEntity, PartyEntity } from '../../../libs/db/entities';
import type { PlannedOutgoing } from '../../../libs/domain/budget-plan';
import { formatIban } from '../../../libs/domain/identifiers';
import { addDays } from '../../../libs/deadlines/calendar-date';
import { weekdayName } from '../../../libs/deadlines/holidays';
import { arrayOf, DATE, DATE_TIME, INTEGER, nullable, object, Schema, STRING, UUID } from '../common/openapi';

const partyName = (parties: Map<string, PartyEntity>, id: string | null) => (id ? parties.get(id)?.name ?? null : null);

function outgoingView(out: PlannedOutgoing, parties: Map<string, PartyEntity>) {
  return { ...out, payments: out.payments.map((p) => ({ ...p, partyName: partyName(parties, p.partyId) })) };
}

/** A date whose ISO weekday is `weekday` (1 Monday … 7 Sunday): 5 January 2026 was a Monday. */
const weekdayLabel = (weekday: number) => weekdayName(addDays('2026-01-04', weekday));

/** GET /dossiers/:id/budget-plan: the latest version with its payees' names, and what goes out this week and this month. */
export function budgetPlanView(
  dossierId: string, row: BudgetPlanEntity | null, parties: Map<string, PartyEntity>, leefgeldWeekday: number,
  preview: { on: string; thisWeek: PlannedOutgoing; thisMonth: PlannedOutgoing } | null,
) {
  const leefgeld = { leefgeldWeekday, leefgeldWeekdayLabel: weekdayLabel(leefgeldWeekday) };
  if (!row) return { dossierId, plan: null, ...leefgeld, on: null, thisWeek: null, thisMonth: null };
  const { plan } = row;
  return {
    dossierId,
    plan: {
      ...plan,
      account: { ...plan.account, ibanFormatted: formatIban(plan.account.iban) },
      fixedCosts: plan.fixedCosts.map((c) => ({ ...c, partyName: partyName(parties, c.partyId) })),
      instalments: plan.instalments.map((x) => ({ ...x, partyName: partyName(parties, x.partyId) })),
      createdBy: row.createdBy,
      createdAt: row.createdAt,
    },
    ...leefgeld,
    on: preview!.on,
    thisWeek: outgoingView(preview!.thisWeek, parties),
    thisMonth: outgoingView(preview!.thisMonth, parties),
  };
}

const withRequired = (properties: Record<string, Schema>) => object(properties, Object.keys(properties));
const PLANNED = withRequired({
  date: DATE, kind: { enum: ['leefgeld', 'fixed-cost', 'instalment'] }, period: STRING, key: STRING, partyId: nullable(UUID), partyName: nullable(STRING),
  debtId: nullable(UUID), label: STRING, amountCents: INTEGER,
});
const OUTGOING = withRequired({ from: DATE, to: DATE, payments: arrayOf(PLANNED), totalCents: INTEGER });
export const STORED_PLAN = withRequired({
  version: INTEGER,
  validFrom: DATE,
  account: withRequired({ name: STRING, iban: STRING, ibanFormatted: STRING, bic: STRING }),
  leefgeldWeeklyCents: INTEGER,
  fixedCosts: arrayOf(withRequired({ key: STRING, partyId: UUID, partyName: nullable(STRING), label: STRING, amountCents: INTEGER, dueDay: INTEGER })),
  instalments: arrayOf(withRequired({ debtId: UUID, partyId: UUID, partyName: nullable(STRING), debtRef: STRING, amountCents: INTEGER, dueDay: INTEGER })),
  reserveMonthlyCents: INTEGER,
  createdBy: UUID,
  createdAt: DATE_TIME,
});
export const BUDGET_PLAN_VIEW = withRequired({
  dossierId: UUID,
  plan: nullable(STORED_PLAN),
  leefgeldWeekday: INTEGER,
  leefgeldWeekdayLabel: STRING,
  on: nullable(DATE),
  thisWeek: nullable(OUTGOING),
  thisMonth: nullable(OUTGOING),
});

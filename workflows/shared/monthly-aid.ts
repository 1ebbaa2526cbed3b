import { condition, proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../../activities';
import type { OrderPaymentInput } from '../../activities/payments/payment.activities';
import type { MonthlyLeefloon } from '../../libs/payments/amounts';
import { addDays, addMonths, compareDates, IsoDate, startOfDay } from '../../libs/deadlines/calendar-date';
import type { CompletedTask } from '../../libs/tasks/task-outcomes';
import { addPeriods, arrears, coverage, firstDayOf, paymentDay, Period, proRata } from '../../libs/payments/schedule';
import type { AgendaProposal } from '../../libs/db/entities/agenda-item.entity';
import { type CouncilDecision, type Dossier, sleepUntil } from './dossier-runtime';
import { eachPayday, orderPayment } from './payments';

export { orderPayment } from './payments';
export { sleepUntil } from './dossier-runtime';

/**
 * Monthly aid at the leefloon amounts (§1.3): the leefloon itself (RMI-wet) and the equivalent leefloon of social aid
 * (OCMW-wet) are paid the same way — the category amount in force that month minus the resources, the start month pro
 * rata — through the payments activities (the one place money is ordered).
 */

const acts = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '5 minutes' },
});

/** What the council granted, as it stands after the latest revision. */
export interface MonthlyGrant {
  category: 1 | 2 | 3;
  monthlyResourcesCents: number;
  startDate: IsoDate;
  decisionDate: IsoDate;
  /** The right ends after this day (a stop decision). */
  endDate?: IsoDate;
}

/** Why the category applies (§1.1: the actual situation found by the social inquiry; the equivalent leefloon too). */
export const CATEGORY_REASON: Record<1 | 2 | 3, string> = {
  1: 'U woont samen met een of meer personen met wie u de huishouding in hoofdzaak regelt (vastgesteld bij het sociaal onderzoek).',
  2: 'U woont alleen (vastgesteld bij het sociaal onderzoek).',
  3: 'U woont met een gezin ten laste, met minstens één ongehuwd minderjarig kind (vastgesteld bij het sociaal onderzoek).',
};

/** The amount in force for a grant in a month: the dated leefloon amounts (configuration), through the payments activity. */
export function monthlyAmount(dossier: Dossier, grant: MonthlyGrant, month: Period): Promise<MonthlyLeefloon> {
  return dossier.activity(() => acts.leefloonAmount({ category: grant.category, monthlyResourcesCents: grant.monthlyResourcesCents, month }));
}

/** What a grant or revision letter says of monthly aid (§0.2): the category and its reason, the amount, how it was computed and how often it is paid. */
export function monthlyAidLetter(grant: MonthlyGrant, amount: MonthlyLeefloon, effectiveDate: IsoDate) {
  return {
    category: grant.category,
    categoryReason: CATEGORY_REASON[grant.category],
    amount: { monthlyCents: amount.amountCents, computation: amount.computation, frequency: 'maandelijks, op de vaste betaaldag' },
    effectiveDate,
  };
}

/**
 * Orders the payment of a month: the amount in force that month for the category, minus the resources; the start
 * month pro rata (calendar days covered / days in the month). A client without an IBAN gets a task to collect one.
 */
export async function pay(dossier: Dossier, grant: MonthlyGrant, kind: 'arrears' | 'monthly', period: Period, dueDate: IsoDate): Promise<void> {
  const { dossierId } = dossier.input;
  const month = await monthlyAmount(dossier, grant, period);
  const cover = coverage(period, grant.startDate, grant.endDate);
  const amountCents = proRata(month.amountCents, cover);
  if (amountCents <= 0) return;
  await orderPayment(dossier, {
    dossierId,
    kind,
    period,
    amountCents,
    dueDate,
    computation: { text: month.computation, coverage: cover, monthlyAmountCents: month.amountCents },
  });
}

/**
 * Pays month after month from `from` on its payday until `stop()` holds (it wakes the wait at once), the grant's end
 * date has passed, or — after a payment — `handOver()` says this run should hand over to a new one (a long history).
 * Returns the first month not paid.
 */
export function payMonths(
  dossier: Dossier,
  grant: MonthlyGrant,
  from: Period,
  options: { payday: number; stop: () => boolean; handOver: () => boolean },
): Promise<{ nextPeriod: Period; handOver: boolean }> {
  return eachPayday(dossier, from, { ...options, endDate: grant.endDate, pay: (period, due) => pay(dossier, grant, 'monthly', period, due) });
}

/**
 * The arrears of a grant (LL-6: from the start date, the first payment within 15 days of the decision, art. 23 RMI-wet,
 * [V-sec]; the equivalent leefloon is paid the same way): one payment per month. Returns the first regular month.
 */
export async function payArrears(dossier: Dossier, grant: MonthlyGrant, payday: number): Promise<Period> {
  const plan = arrears(grant.startDate, grant.decisionDate, payday);
  for (const month of plan.months) {
    await pay(dossier, grant, 'arrears', month.period, plan.arrearsDueDate ?? grant.decisionDate);
  }
  return plan.firstRegularPeriod;
}

/**
 * An urgent grant paid at once: its ratification goes to the next BCSD session (supervised). Overruled, `overruled`
 * is set with the BCSD's date and motivation, and the procedure stops the aid from that date; other overrulings are
 * escalated by the runtime.
 */
export function superviseUrgentGrant(dossier: Dossier): { overruled?: { decisionDate: IsoDate; motivation: string } } {
  const urgent: { overruled?: { decisionDate: IsoDate; motivation: string } } = {};
  dossier.superviseRatifications(async (pending, ratification) => {
    if (pending.proposal.proposal !== 'grant') return false;
    urgent.overruled = { decisionDate: ratification.decisionDate, motivation: ratification.motivation };
    return true;
  });
  return urgent;
}

/** Open the review task this long before the review is due. */
const REVIEW_NOTICE_DAYS = 30;

/**
 * The yearly review with a home visit (§0.1 step 5 and 12): under its legal clock (LL-7 for the leefloon, SA-8 for
 * social aid the state reimburses) when there is one, otherwise a year after the last home visit; the task opens
 * REVIEW_NOTICE_DAYS before it is due, and the home visit meets the clock.
 */
export async function yearlyReview(dossier: Dossier, key: string, ruleId: string | undefined, lastHomeVisit: IsoDate): Promise<CompletedTask<'yearly-review'>> {
  const term = ruleId ? await dossier.deadline(key, ruleId, lastHomeVisit) : undefined;
  const dueDate = term ? term.dueDate() : addMonths(lastHomeVisit, 12).date;
  if (dueDate) await sleepUntil(startOfDay(addDays(dueDate, -REVIEW_NOTICE_DAYS), dossier.input.settings.timeZone));
  const outcome = await dossier.task('yearly-review', { deadline: term });
  await term?.met(outcome.homeVisitDate);
  return outcome;
}

/**
 * A yearly review that proposes to revise or stop goes to the BCSD like the grant (no request term runs for it), as
 * the review's own agenda step (`review-<year>`); `proposal` adds the procedure's own fields (social aid: its form).
 */
export function decideOnReview(
  dossier: Dossier, outcome: CompletedTask<'yearly-review'>, year: number, proposal: Partial<AgendaProposal> = {},
): Promise<CouncilDecision> {
  const stop = outcome.proposal === 'stop';
  return dossier.council(
    {
      reference: dossier.input.reference,
      proposal: stop ? 'stop' : 'revise',
      ...proposal,
      category: outcome.category,
      startDate: stop ? outcome.endDate : dossier.today(),
      motivation: outcome.motivation,
    },
    { hearingRequested: false, results: stop ? ['stopped', 'postponed'] : ['revised', 'postponed'], step: `review-${year}` },
  );
}



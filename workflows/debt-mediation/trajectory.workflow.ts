import { ApplicationFailure, condition, continueAsNew, patched, proxyActivities, setHandler } from '@temporalio/workflow';
import type { Activities } from '../../activities';
import { addDays, addMonths, compareDates, IsoDate, startOfDay } from '../../libs/deadlines/calendar-date';
import type { BudgetPlan } from '../../libs/domain/budget-plan';
import { formatDateNl, formatEuro } from '../../libs/format/dutch';
import { addPeriods, addWeeks, firstDayOf, isoWeekOf, IsoWeek, monthlyDueDay, Period, periodOf, weeklyPaymentDay } from '../../libs/payments/schedule';
import { guidanceTypeLabel } from '../../libs/procedures/debt-mediation';
import type { DebtGuidanceType } from '../../libs/tasks/task-outcomes';
import type { DossierInput } from '../shared/dossier-input';
import { Dossier } from '../shared/dossier-runtime';
import { letterToCreditor } from '../../libs/notices/creditor-letters';
import { TASK_FAILURES } from '../shared/dossier.messages';
import { orderPayment } from '../shared/payments';
import { CorrespondenceCarry, CREDITOR_ANSWER_EVENT, PartyCorrespondence } from '../shared/party-correspondence';
import { CollectiveSettlement, CSR_EVENTS, CsrCarry } from './collective-settlement';
import { budgetPlanChangedUpdate } from './trajectory.messages';

const acts = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '5 minutes' },
});

/**
 * The external events a debt mediation dossier takes with waitForEvent. The application run takes the same list, so
 * an event recorded before the trajectory runs is kept and carried into it.
 */
export const DEBT_MEDIATION_DOSSIER = { takesEvents: ['client-ended-trajectory', CREDITOR_ANSWER_EVENT, ...CSR_EVENTS] } as const;

/** Why a trajectory ends (the letter's reason and the timeline). */
type EndReason = 'client' | 'duration' | 'council' | 'not-signed';
const END_REASONS: Record<EndReason, string> = {
  client: 'u hebt de overeenkomst opgezegd',
  duration: 'de afgesproken duur is voorbij',
  council: 'het Bijzonder Comité besliste het traject te beëindigen na een evaluatie',
  'not-signed': 'u hebt de overeenkomst niet ondertekend',
};

export interface TrajectoryEnd {
  reason: EndReason;
  /** The last day of the trajectory: nothing due after it is paid. */
  endDate: IsoDate;
}

/** The payments of a month the budget-management account could not cover, awaiting the social worker. */
export interface Shortfall {
  month: Period;
  /** The due day whose payments were short. */
  dueDate: IsoDate;
  /** The business keys (fixed cost key or instalment debtRef) not ordered. */
  items: string[];
  /** The key of its open task (`shortfall-<due day>`, after a retry `…-retry-<day>`): a next run takes it over. */
  taskKey: string;
}

export interface TrajectoryInput {
  dossier: DossierInput;
  guidanceType: DebtGuidanceType;
  durationMonths: number;
  decisionDate: IsoDate;
  /** The signed agreement: the mandate and the duration run from signedOn. Null until the client signed. */
  agreement: { signedOn: IsoDate; endDate: IsoDate } | null;
  /** Which year of the trajectory this run is (1 from the signed agreement); each year continues as new. */
  year: number;
  /** The plan versions received (budgetPlanChanged): the one in force and any that start later. */
  plans: BudgetPlan[];
  /** The first week whose living money is not ordered yet; null: from the week the first plan applies. */
  nextWeek: IsoWeek | null;
  /** The month whose fixed costs and instalments are being paid; null: the month of the first plan (or signature). */
  nextMonth: Period | null;
  /** The last due day of nextMonth already handled (a month's due days may fall in the month before it); null: none. */
  monthDoneThrough: IsoDate | null;
  /** The due date of the next evaluation interview (its task is keyed on it); null before the agreement. */
  nextEvaluation: IsoDate | null;
  /** Shortfalls the previous run handed over with their task still open. */
  shortfalls?: Shortfall[];
  /** The previous run handed over between two payments (a long history), not at the year's end. */
  midYear?: boolean;
  /** The end already known (the client's notice of a later last day): payments go on until that day. */
  end?: TrajectoryEnd;
  /** The letters to creditors still watched (answer windows, reminders), and recent ones (PartyCorrespondence). */
  correspondence?: CorrespondenceCarry;
  /** The collective debt settlement under way (collective-settlement.ts), if the client petitioned the court. */
  csr?: CsrCarry;
  /** The latest plan version when this trajectory year began (1 in the first year: the first plan is no change). */
  planVersionAtYearStart?: number;
  /** The year that ended changed the plan: the BCSD reviews the trajectory at the start of this year (YEARLY_REVIEW_PATCH). */
  yearlyReview?: YearlyReview;
}

/** What the yearly review of a trajectory puts to the BCSD: the year reviewed and the plan versions it went through. */
export interface YearlyReview {
  year: number;
  fromVersion: number;
  toVersion: number;
}

/**
 * Domain §3.1 step 6 ("yearly review of the trajectory through the BCSD when the type or the plan changes"): a year in
 * which the budget plan changed ends with its review by the BCSD, proposed by the trajectory itself at the start of the
 * next year. A change of the type already goes to the BCSD (the evaluation's proposal), so only the plan counts here.
 * Runs that continued as new before this patch carry no review.
 */
export const YEARLY_REVIEW_PATCH = 'debt-yearly-review';
/** After a BCSD decision on a running trajectory the dossier's status returns to what it was (it stayed "on the agenda"). */
export const STATUS_AFTER_COUNCIL_PATCH = 'debt-status-after-council';

const DECIDED_LABELS: Record<string, string> = {
  confirmed: 'bevestigd, het traject loopt ongewijzigd verder',
  revised: 'herzien',
  stopped: 'beëindigd',
};

export interface TrajectoryResult {
  status: 'TRAJECTORY_CLOSED';
  reason: EndReason;
  endDate: IsoDate;
}

/** Kinds of help under which the OCMW manages the client's money (and so pays from the budget-management account). */
function manages(type: DebtGuidanceType): boolean {
  return type === 'budget-management' || type === 'amicable-mediation';
}

/** The plan version in force on a day: the newest whose validFrom is not after it. */
export function planOn(plans: readonly BudgetPlan[], day: IsoDate): BudgetPlan | undefined {
  return plans.filter((p) => compareDates(p.validFrom, day) <= 0).sort((a, b) => b.version - a.version)[0];
}

/**
 * A granted debt mediation or budget guidance trajectory while it runs (domain §3.1 steps 4–7), for years:
 *
 * - the agreement (mandate, duration, how it ends) as a letter, signed with the social worker (a task); the duration
 *   runs from the signature;
 * - under budget management (and amicable mediation, which the OCMW carries out through the same account): the budget
 *   plan the social worker keeps (the budgetPlanChanged Update, versioned), and the payments it drives from the client's
 *   budget-management account (the debtor account in the SEPA batch) through the payments capability — the weekly
 *   living money on the configured weekday (moved to the previous working day; the first week's at once when its
 *   payday lies before the plan's start), each fixed cost and each creditor's monthly instalment on its due day (idem;
 *   a due day before the start is not paid: the first instalments are the next month's). Payment keys are business names (week, month, cost key, debt reference),
 *   so a retried, replayed or continued run never pays twice;
 * - before a due day's fixed costs and instalments, the account's balance less the monthly reserve: what it cannot
 *   cover is not ordered — instalments go first, the living money is never held back for them — and the social worker
 *   gets a task (retry once money came in, or skip the month);
 * - an evaluation interview every OCMW_DEBT_EVALUATION_MONTHS months (a task with its report); a proposal to change the
 *   kind of help or to end goes to the BCSD (the yearly review "when the type or the plan changes");
 * - the end: the client ends it at any time (the event client-ended-trajectory), the duration runs out, or the BCSD
 *   ends it — nothing due after the last day is paid, open tasks are cancelled, the client gets the end letter.
 *
 * Each year of the trajectory continues as new (and earlier when the history grows long, between two payments).
 */
export async function debtMediationTrajectory(input: TrajectoryInput): Promise<TrajectoryResult> {
  const dossier = new Dossier(input.dossier, DEBT_MEDIATION_DOSSIER);
  dossier.facts.decisionDate = input.decisionDate;
  dossier.status = input.agreement ? 'TRAJECTORY_ACTIVE' : 'AGREEMENT_PENDING';
  const { dossierId } = input.dossier;
  let guidanceType = input.guidanceType;
  const plans: BudgetPlan[] = [...input.plans];
  let end: TrajectoryEnd | undefined = input.end;
  // Letters to creditors with their answer windows (its Update handler is registered here, before the first await).
  const creditors = new PartyCorrespondence(dossier, { answerDays: () => dossier.settings.creditorAnswerDays ?? 21 }, input.correspondence);

  // The budget plan (a read model the social worker edits; its versions reach the workflow through the outbox).
  setHandler(
    budgetPlanChangedUpdate,
    async ({ plan, changedBy }) => {
      const latest = plans.reduce((v, p) => Math.max(v, p.version), 0);
      if (plan.version <= latest) return { status: dossier.status, version: latest };
      plans.push(plan);
      await dossier.event(
        'budget-plan-changed',
        `Budgetplan versie ${plan.version} geldt vanaf ${formatDateNl(plan.validFrom)}: leefgeld ${formatEuro(plan.leefgeldWeeklyCents)} per week, ` +
          `${plan.fixedCosts.length} vaste kosten, ${plan.instalments.length} afbetalingen`,
        { data: { version: plan.version, validFrom: plan.validFrom, changedBy } },
      );
      return { status: dossier.status, version: plan.version };
    },
    { validator: ({ plan }) => validatePlanShape(plan) },
  );
  await dossier.refreshSettings();
  await dossier.resume();
  creditors.run();
  const settings = dossier.settings;
  const timeZone = settings.timeZone;

  // Voluntary end at any time (domain §3.1): the client's notice, recorded as an external event; payments go on until
  // the last day it names.
  if (!end) {
    void dossier.supervise('client-ended-trajectory', 'het einde van het traject op vraag van de cliënt', async () => {
      const event = await dossier.waitForEvent('client-ended-trajectory');
      const endDate = String(event.data.endDate);
      end ??= { reason: 'client', endDate: compareDates(endDate, dossier.today()) < 0 ? dossier.today() : endDate };
      await dossier.event('trajectory-ending', `De cliënt beëindigt het traject; laatste dag ${formatDateNl(end.endDate)}`, { data: { ...end } });
    });
  }

  // The collective debt settlement (domain §3.1 step 7, §3.2): it issues nothing until a court event arrives. Once the
  // court admitted the petition, the creditors are paid through the mediator's plan, no longer one by one (art. 1675/7).
  let csrAdmitted = input.csr?.order != null;
  const csr = new CollectiveSettlement(dossier, {
    onAdmitted: async (order) => {
      csrAdmitted = true;
      // Every creditor and collector is told of the admissibility and its effect (interest and enforcement suspended,
      // art. 1675/7 Ger.W.), with an answer window like every creditor letter.
      const mediator = order.mediator === 'ocmw' ? 'het OCMW (de sociale dienst), aangesteld als schuldbemiddelaar' : 'de schuldbemiddelaar die de beschikking aanstelt';
      for (const c of await dossier.activity(() => acts.debtCreditors({ dossierId }))) {
        await creditors.send(letterToCreditor('creditor-csr-admissibility', c, { orderDate: order.orderDate, court: order.court, mediator }, `csr-${order.orderDate}`));
      }
    },
  }, input.csr);
  void dossier.supervise('csr', 'de collectieve schuldenregeling', () => csr.run());
  const payable = (plan: BudgetPlan | undefined) => (plan && csrAdmitted ? { ...plan, instalments: [] } : plan);

  // 1. The agreement (first run only): the letter, then the signature with the social worker.
  let agreement = input.agreement;
  if (!agreement) {
    await dossier.event('agreement-pending', `Overeenkomst ${guidanceTypeLabel(guidanceType).toLowerCase()} opgemaakt; te ondertekenen`, { status: 'AGREEMENT_PENDING' });
    await dossier.attempt('overeenkomst met de cliënt', () =>
      acts.issueLetter({
        dossierId,
        key: 'trajectory-agreement',
        template: 'trajectory-agreement',
        data: { decisionDate: input.decisionDate, guidance: guidanceTypeLabel(guidanceType), management: manages(guidanceType), durationMonths: input.durationMonths },
        delivery: { mode: 'hand' },
      } as never),
    );
    const signature = await Promise.race([dossier.task('trajectory-agreement'), condition(() => end !== undefined).then(() => undefined)]);
    if (!signature || !signature.signed) return close(dossier, guidanceType, end ?? { reason: 'not-signed', endDate: dossier.today() });
    const signedOn = signature.signedOn!;
    agreement = { signedOn, endDate: addDays(addMonths(signedOn, input.durationMonths).date, -1) };
    await dossier.event('agreement-signed', `Overeenkomst ondertekend op ${formatDateNl(signedOn)}; het traject loopt tot en met ${formatDateNl(agreement.endDate)}`, {
      status: 'TRAJECTORY_ACTIVE', data: { signedOn, endDate: agreement.endDate },
    });
    // Every creditor, bailiff and collection agency of the inventory: a statement of the debt, and the request to
    // suspend collection and limit its costs (protocol of 7 March 2024), each with its answer window (domain §3.1 step 4).
    for (const c of await dossier.activity(() => acts.debtCreditors({ dossierId }))) {
      await creditors.send(letterToCreditor('creditor-statement-request', c));
      await creditors.send(letterToCreditor('creditor-collection-suspension', c, { trajectorySince: signedOn }));
    }
  } else if (!input.midYear) {
    await dossier.event('trajectory-year', `Traject ${guidanceTypeLabel(guidanceType).toLowerCase()}: jaar ${input.year}`, { status: 'TRAJECTORY_ACTIVE' });
  }
  const { signedOn, endDate } = agreement;
  // This run covers one year of the trajectory, up to its last day at most.
  const yearEnd = addDays(addMonths(signedOn, 12 * input.year).date, -1);
  const runEnd = compareDates(yearEnd, endDate) < 0 ? yearEnd : endDate;
  /** The last day anything is paid in this run: the run's end, or the trajectory's end when it is known and earlier. */
  const lastDay = () => (end && compareDates(end.endDate, runEnd) < 0 ? end.endDate : runEnd);
  // The duration runs out after endDate: this run's last day is then endDate (runEnd), and the run ends the trajectory
  // once that day has passed (below) — one timer, not a second one racing it at the same instant.

  // 2. Evaluations (every N months from the signature), in the background; a change goes to the BCSD.
  const evaluationMonths = settings.evaluationMonths ?? 3;
  let nextEvaluation = input.nextEvaluation ?? addMonths(signedOn, evaluationMonths).date;
  let councilBusy = false;
  /** A BCSD decision on a running trajectory (an evaluation's proposal, the yearly review): it ends or changes the help. */
  const applyDecision = async (decision: { result: string; decisionDate: IsoDate; guidanceType?: unknown }, statusBefore: string) => {
    if (patched(STATUS_AFTER_COUNCIL_PATCH)) {
      await dossier.event('trajectory-council-decided', `Het BCSD van ${formatDateNl(decision.decisionDate)}: ${DECIDED_LABELS[decision.result] ?? decision.result}`, {
        status: statusBefore, data: { result: decision.result, decisionDate: decision.decisionDate },
      });
    }
    if (decision.result === 'stopped') end ??= { reason: 'council', endDate: decision.decisionDate };
    if (decision.result === 'revised' && decision.guidanceType) {
      guidanceType = decision.guidanceType as DebtGuidanceType;
      await dossier.event('trajectory-revised', `Het BCSD van ${formatDateNl(decision.decisionDate)} wijzigde de hulp naar ${guidanceTypeLabel(guidanceType).toLowerCase()}`, {
        data: { guidanceType, decisionDate: decision.decisionDate },
      });
    }
  };
  void dossier.supervise('debt-evaluation', 'de evaluatie van het traject', async () => {
    for (;;) {
      if (compareDates(nextEvaluation, runEnd) > 0) return;
      const due = nextEvaluation;
      if (await condition(() => end !== undefined, untilMs(due, timeZone))) return;
      const outcome = await dossier.task('debt-evaluation', { key: `evaluation-${due}` });
      await dossier.event('evaluated', `Evaluatiegesprek van ${formatDateNl(outcome.interviewDate)}: ${EVALUATION_LABELS[outcome.proposal]}`, {
        data: { due, interviewDate: outcome.interviewDate, proposal: outcome.proposal },
      });
      if (outcome.proposal !== 'continue') {
        councilBusy = true;
        const statusBefore = dossier.status;
        const stopping = outcome.proposal === 'end';
        const decision = await dossier.council(
          {
            reference: input.dossier.reference,
            proposal: stopping ? 'stop' : 'revise',
            ...(outcome.guidanceType ? { guidanceType: outcome.guidanceType } : {}),
            ...(outcome.durationMonths ? { durationMonths: outcome.durationMonths } : {}),
            motivation: outcome.report,
          },
          { hearingRequested: false, results: stopping ? ['stopped', 'postponed'] : ['revised', 'postponed'], step: `evaluation-${due}` },
        );
        councilBusy = false;
        await applyDecision(decision, statusBefore);
      }
      nextEvaluation = addMonths(due, evaluationMonths).date;
    }
  });

  // The yearly review when the year before changed the plan (YEARLY_REVIEW_PATCH): the BCSD confirms, revises or ends.
  const review = input.yearlyReview;
  if (review) {
    councilBusy = true;
    void dossier.supervise('debt-yearly-review', 'de jaarlijkse herziening door het BCSD', async () => {
      const statusBefore = dossier.status;
      const latest = planOn(plans, dossier.today()) ?? plans.at(-1);
      const decision = await dossier.council(
        {
          reference: input.dossier.reference,
          proposal: 'review',
          motivation:
            `Jaarlijkse herziening van het traject ${guidanceTypeLabel(guidanceType).toLowerCase()} na jaar ${review.year}: het budgetplan werd gewijzigd ` +
            `(versie ${review.fromVersion} → ${review.toVersion}` +
            (latest ? `; nu leefgeld ${formatEuro(latest.leefgeldWeeklyCents)} per week, ${latest.fixedCosts.length} vaste kosten, ${latest.instalments.length} afbetalingen` : '') +
            ').',
        },
        { hearingRequested: false, results: ['confirmed', 'revised', 'stopped', 'postponed'], step: `yearly-review-${review.year}` },
      );
      councilBusy = false;
      await applyDecision(decision, statusBefore);
    });
  }

  // 3. Payments from the budget-management account, up to the run's last day.
  let handingOver = false;
  const afterPayment = () => {
    if (dossier.shouldHandOver()) handingOver = true;
  };
  // A day is past this run's reach (or the trajectory's end), or the run hands over: the loop stops before it.
  const beyond = (day: IsoDate) => handingOver || compareDates(day, lastDay()) > 0;
  const waitFor = async (day: IsoDate) => !(await condition(() => beyond(day), untilMs(day, timeZone))) && !beyond(day);
  if (plans.length === 0) await condition(() => plans.length > 0 || end !== undefined, untilMs(addDays(runEnd, 1), timeZone));
  const firstPlanDay = plans.map((p) => p.validFrom).sort(compareDates)[0];
  const firstDay = firstPlanDay && compareDates(firstPlanDay, signedOn) > 0 ? firstPlanDay : signedOn;
  let nextWeek = input.nextWeek ?? isoWeekOf(firstDay);
  let nextMonth = input.nextMonth ?? periodOf(firstDay);
  let monthDoneThrough = input.monthDoneThrough;
  const shortfalls: Shortfall[] = [...(input.shortfalls ?? [])];
  const follow = (s: Shortfall) => followShortfall(dossier, s, plans, shortfalls);
  shortfalls.forEach(follow);

  const weekly = async () => {
    for (;;) {
      const scheduled = weeklyPaymentDay(nextWeek, settings.leefgeldWeekday ?? 1);
      // The first week's payday may lie before the plan or the signature: its living money goes at once that day (the
      // client has to live this week too); every later week on its payday.
      const day = compareDates(scheduled, firstDay) < 0 && nextWeek === isoWeekOf(firstDay) ? firstDay : scheduled;
      if (!(await waitFor(day))) return;
      if (compareDates(day, firstDay) >= 0) await payLeefgeld(dossier, planOn(plans, day), guidanceType, nextWeek, day);
      nextWeek = addWeeks(nextWeek, 1);
      afterPayment();
    }
  };
  const monthly = async () => {
    for (;;) {
      const day = dueDaysOf(plans, nextMonth).find((d) => !monthDoneThrough || compareDates(d, monthDoneThrough) > 0);
      if (!day) {
        // Nothing more due this month: on to the next, unless its first due day is past this run's reach. (A month's
        // days moved to the previous working day never fall before the last due day of the month before.)
        const following = addPeriods(nextMonth, 1);
        if (beyond(dueDaysOf(plans, following)[0] ?? firstDayOf(following))) return;
        nextMonth = following;
        monthDoneThrough = null;
        continue;
      }
      if (!(await waitFor(day))) return;
      if (compareDates(day, firstDay) >= 0) {
        const short = await payDueDay(dossier, payable(planOn(plans, day)), guidanceType, nextMonth, day);
        if (short) {
          shortfalls.push(short);
          follow(short);
        }
      }
      monthDoneThrough = day;
      afterPayment();
    }
  };
  if (plans.length > 0) await Promise.all([weekly(), monthly()]);

  // The run's last day has come (or the history is long): end the trajectory, or hand over — never in the middle of a
  // BCSD decision on an evaluation.
  if (!handingOver) await condition(() => end !== undefined && compareDates(dossier.today(), end.endDate) > 0, untilMs(addDays(lastDay(), 1), timeZone));
  if (!end && compareDates(dossier.today(), endDate) > 0) end = { reason: 'duration', endDate };
  if (end && compareDates(dossier.today(), end.endDate) > 0) {
    await csr.end('het traject is beëindigd');
    return close(dossier, guidanceType, end);
  }
  await condition(() => !councilBusy);
  await dossier.settle();
  const yearDone = !handingOver;
  // The year's plan changes, for the next year's review (the versions received since this trajectory year began).
  const latestVersion = plans.reduce((v, p) => Math.max(v, p.version), 0);
  const yearStartVersion = input.planVersionAtYearStart ?? 1;
  const reviewCarry = yearDone && patched(YEARLY_REVIEW_PATCH)
    ? {
        planVersionAtYearStart: latestVersion,
        yearlyReview: latestVersion > yearStartVersion ? { year: input.year, fromVersion: yearStartVersion, toVersion: latestVersion } : undefined,
      }
    : {};
  return continueAsNew<typeof debtMediationTrajectory>({
    ...input,
    // After ...input: the review done in this run is not carried again (a hand-over mid-year keeps the year's start version).
    ...(input.yearlyReview ? { yearlyReview: undefined } : {}),
    ...reviewCarry,
    dossier: dossier.handOver(),
    guidanceType,
    agreement,
    year: yearDone ? input.year + 1 : input.year,
    plans: prunePlans(plans, dossier.today()),
    nextWeek,
    nextMonth,
    monthDoneThrough,
    nextEvaluation,
    shortfalls,
    midYear: !yearDone,
    end,
    correspondence: creditors.handOver(),
    // Only a dossier with a settlement under way carries it: every other hand-over stays as it was (replay).
    ...(csr.started() ? { csr: csr.handOver() } : {}),
  });
}

const EVALUATION_LABELS = { continue: 'ongewijzigd verder', 'change-type': 'voorstel andere soort hulp (naar het BCSD)', end: 'voorstel tot beëindiging (naar het BCSD)' } as const;

function untilMs(day: IsoDate, timeZone: string): number {
  return Math.max(0, startOfDay(day, timeZone) - Date.now());
}

/** The distinct due days of a month's fixed costs and instalments, by the plan in force on each candidate day. */
function dueDaysOf(plans: readonly BudgetPlan[], month: Period): IsoDate[] {
  const days = new Set<IsoDate>();
  for (const plan of plans) {
    for (const item of [...plan.fixedCosts, ...plan.instalments]) days.add(monthlyDueDay(month, item.dueDay));
  }
  // Only the days on which the plan then in force has something due.
  return [...days]
    .filter((day) => {
      const plan = planOn(plans, day);
      return plan !== undefined && [...plan.fixedCosts, ...plan.instalments].some((i) => monthlyDueDay(month, i.dueDay) === day);
    })
    .sort(compareDates);
}

/** The versions still needed: the one in force today and those that start later. */
function prunePlans(plans: readonly BudgetPlan[], today: IsoDate): BudgetPlan[] {
  const current = planOn(plans, today);
  return plans.filter((p) => p === current || compareDates(p.validFrom, today) > 0);
}

/** The living money of a week, to the client, from the budget-management account (never held back for instalments). */
async function payLeefgeld(dossier: Dossier, plan: BudgetPlan | undefined, type: DebtGuidanceType, week: IsoWeek, day: IsoDate): Promise<void> {
  if (!plan || !manages(type) || plan.leefgeldWeeklyCents <= 0) return;
  await orderPayment(dossier, {
    dossierId: dossier.input.dossierId,
    kind: 'leefgeld',
    period: week,
    amountCents: plan.leefgeldWeeklyCents,
    dueDate: day,
    computation: { text: `Leefgeld volgens budgetplan versie ${plan.version}`, planVersion: plan.version },
    debtorAccount: plan.account,
  });
}

/**
 * The fixed costs, then the instalments, due on `day` of `month`: each ordered while the account's balance less the
 * month's reserve covers it. What is left over is returned as a shortfall (the social worker's task).
 */
async function payDueDay(
  dossier: Dossier, plan: BudgetPlan | undefined, type: DebtGuidanceType, month: Period, day: IsoDate, balanceOn: IsoDate = day,
): Promise<Shortfall | undefined> {
  if (!plan || !manages(type)) return undefined;
  const fixed = plan.fixedCosts.filter((c) => monthlyDueDay(month, c.dueDay) === day);
  const instalments = plan.instalments.filter((i) => monthlyDueDay(month, i.dueDay) === day);
  if (fixed.length + instalments.length === 0) return undefined;
  const balance = await dossier.activity(() => acts.budgetAccountBalance({ dossierId: dossier.input.dossierId, on: balanceOn }));
  let available = balance.balanceCents - plan.reserveMonthlyCents;
  const short: string[] = [];
  for (const item of [...fixed.map((c) => ({ kind: 'invoice' as const, partyId: c.partyId, ref: c.key, amountCents: c.amountCents, text: c.label })),
    ...instalments.map((i) => ({ kind: 'instalment' as const, partyId: i.partyId, ref: i.debtRef, amountCents: i.amountCents, text: `Afbetaling ${i.debtRef}` }))]) {
    if (item.amountCents <= 0) continue;
    if (item.amountCents > available) {
      short.push(item.ref);
      continue;
    }
    available -= item.amountCents;
    await orderPayment(dossier, {
      dossierId: dossier.input.dossierId,
      kind: item.kind,
      period: month,
      amountCents: item.amountCents,
      dueDate: day,
      payee: { partyId: item.partyId },
      debtRef: item.ref,
      computation: { text: `${item.text} volgens budgetplan versie ${plan.version}`, planVersion: plan.version },
      debtorAccount: plan.account,
    });
  }
  if (short.length === 0) return undefined;
  await dossier.event('budget-shortfall', `Tekort op de budgetbeheerrekening op ${formatDateNl(day)}: ${short.length} betaling(en) niet uitgevoerd (saldo ${formatEuro(Math.max(0, balance.balanceCents))})`, {
    data: { month, dueDate: day, items: short, balanceCents: balance.balanceCents },
  });
  return { month, dueDate: day, items: short, taskKey: `shortfall-${day}` };
}

/**
 * A shortfall's task (supervised, in the background): retry orders what the balance now covers (the same payment
 * keys); skip leaves the month's payments out. Still short after a retry: a new task, keyed on the retry's day.
 */
function followShortfall(dossier: Dossier, shortfall: Shortfall, plans: readonly BudgetPlan[], open: Shortfall[]): void {
  void dossier.supervise(`shortfall-${shortfall.dueDate}`, 'de opvolging van een tekort op de budgetbeheerrekening', async () => {
    for (;;) {
      const outcome = await dossier.task('budget-shortfall', { key: shortfall.taskKey });
      if (outcome.action === 'skip') {
        await dossier.event('budget-shortfall-skipped', `Betalingen van ${formatDateNl(shortfall.dueDate)} overgeslagen: ${outcome.note}`, {
          data: { dueDate: shortfall.dueDate, items: shortfall.items },
        });
        break;
      }
      const retried = await payDueDayItems(dossier, planOn(plans, shortfall.dueDate), shortfall, outcome.completedOn);
      if (!retried) break;
      // Still short: what is left, under a task of its own (keyed on the retry's day), carried if the run hands over.
      shortfall.items = retried.items;
      shortfall.taskKey = `shortfall-${shortfall.dueDate}-retry-${outcome.completedOn}`;
    }
    open.splice(open.indexOf(shortfall), 1);
  });
}

/** Retry of a shortfall's items only: ordered (with the original due day's keys) as far as the balance covers them. */
async function payDueDayItems(dossier: Dossier, plan: BudgetPlan | undefined, shortfall: Shortfall, on: IsoDate): Promise<Shortfall | undefined> {
  if (!plan) return undefined;
  const subset: BudgetPlan = {
    ...plan,
    fixedCosts: plan.fixedCosts.filter((c) => shortfall.items.includes(c.key)),
    instalments: plan.instalments.filter((i) => shortfall.items.includes(i.debtRef)),
  };
  // The balance is read on the day of the retry (money may have come in since the due day).
  return payDueDay(dossier, subset, 'budget-management', shortfall.month, shortfall.dueDate, on);
}

/** Closes the trajectory: the end letter, open tasks cancelled, status closed; the dossier ends once its windows have. */
async function close(dossier: Dossier, type: DebtGuidanceType, end: TrajectoryEnd): Promise<TrajectoryResult> {
  await dossier.closeOpenTasks('het traject is beëindigd');
  await dossier.attempt('brief over het einde van het traject', () =>
    acts.issueLetter({
      dossierId: dossier.input.dossierId,
      key: `trajectory-ended:${end.endDate}`,
      template: 'trajectory-ended',
      data: { guidance: guidanceTypeLabel(type), endDate: end.endDate, reason: END_REASONS[end.reason], management: manages(type) },
      delivery: { mode: 'letter' },
    } as never),
  );
  await dossier.event('trajectory-closed', `Traject afgesloten op ${formatDateNl(end.endDate)}: ${END_REASONS[end.reason]}`, {
    status: 'TRAJECTORY_CLOSED', closed: true, data: { reason: end.reason, endDate: end.endDate },
  });
  await dossier.finish({ windows: true });
  return { status: 'TRAJECTORY_CLOSED', reason: end.reason, endDate: end.endDate };
}

/** The Update's validator: a plan the workflow can act on (the API validated the rest against the dossier). */
function validatePlanShape(plan: BudgetPlan): void {
  const bad = (message: string) => {
    throw ApplicationFailure.create({
      type: TASK_FAILURES.validation, message: `budget plan: ${message}`, details: [[{ path: '/plan', code: 'invalid', message }]], nonRetryable: true,
    });
  };
  if (!plan || !Number.isInteger(plan.version) || plan.version < 1) bad('version must be a positive integer');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(plan.validFrom)) bad('validFrom must be a date');
  if (!plan.account?.iban) bad('the budget-management account needs an IBAN');
  for (const item of [...(plan.fixedCosts ?? []), ...(plan.instalments ?? [])]) {
    if (!Number.isInteger(item.dueDay) || item.dueDay < 1 || item.dueDay > 31) bad('dueDay must be 1–31');
    if (!Number.isInteger(item.amountCents) || item.amountCents < 0) bad('amounts are whole cents');
  }
}

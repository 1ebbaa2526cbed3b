import { CompetenceChange, superviseCompetenceChange } from '../shared/competence-change';
import { condition, continueAsNew, patched, proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../../activities';
import { addDays, addMonths, IsoDate, startOfDay } from '../../libs/deadlines/calendar-date';
import { formatDateNl } from '../../libs/format/dutch';
import { addPeriods, Period, periodOf } from '../../libs/payments/schedule';
import type { DossierInput } from '../shared/dossier-input';
import { Dossier } from '../shared/dossier-runtime';
import { decideOnReview, MonthlyGrant, monthlyAidLetter, monthlyAmount, payArrears, payMonths, sleepUntil, superviseUrgentGrant, yearlyReview } from '../shared/monthly-aid';
import { PartnerFormWatch, sendPartnerForm, superviseForm, watchPartnerForm } from '../shared/partner-forms';
import type { CompletedTask } from '../../libs/tasks/task-outcomes';
import { LEGAL_REASONS } from './decision-notice';
import { notifyDecision } from '../shared/request-pipeline';

const acts = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '5 minutes' },
});

/** What the council granted, as it stands after the latest revision. */
export type Grant = MonthlyGrant;

export interface BenefitInput {
  dossier: DossierInput;
  grant: Grant;
  /** Which yearly cycle this run is (1 from the grant; each yearly review continues as new with the next). */
  year: number;
  /** The first month not paid yet; null in the first run (arrears first). */
  nextPeriod: Period | null;
  /** The last home visit: the yearly review (LL-7) is due a year later. */
  lastHomeVisit: IsoDate;
  gpmi: { signed: boolean; lastEvaluation: IsoDate | null };
  /** First run: the notification date of the grant, whose appeal window this run goes on watching. */
  appealFrom?: IsoDate;
  /** Forms to POD MI not sent yet when the previous run ended. */
  podMi?: PodMiWatch[];
  /** The previous run handed over in the middle of the year (a long history), not at the yearly review. */
  midYear?: boolean;
  /** CO-4: a change of competence taken and not yet settled (its tasks are taken over by key). */
  competenceChange?: CompetenceChange;
}

export interface BenefitResult {
  status: 'STOPPED';
  lastPaidPeriod: Period | null;
}

/** Runs from here on hand their open tasks to the next year's run (same task, same assignee) instead of cancelling them. */
export const CARRY_OPEN_TASKS_PATCH = 'benefit-carries-open-tasks';
/** Runs from here on hand over to a new run between two payments when their history grows long. */
export const HAND_OVER_PATCH = 'benefit-hands-over-when-long';

/**
 * The external events the leefloon's workflows take with waitForEvent: none. Its events (a new fact reported, a
 * request forwarded by another OCMW) are recorded on the timeline when they arrive and remembered by id only, so a
 * benefit that runs for years does not carry every event it ever received (DossierOptions.takesEvents).
 */
// The events the leefloon waits for: POD MI's designation in a competence conflict (CO-3), a change of competence (CO-4).
export const LEEFLOON_DOSSIER = { takesEvents: ['competence-designation', 'competence-changed', 'competence-conflict-decided'] } as const;

/**
 * A granted leefloon while it runs: arrears from the start date and the first payment within the LL-6 term, one payment
 * per month on the payday (each unique on dossier, period and kind in the database), the GPMI signed within 3 months
 * of the grant (LL-8) and evaluated regularly (LL-9), and the yearly review with a home visit (LL-7). A review that
 * proposes a revision or a stop goes to the BCSD; otherwise the dossier continues as new for the next year, so its
 * history stays small however many years it runs.
 */
export async function leefloonBenefit(input: BenefitInput): Promise<BenefitResult> {
  const dossier = new Dossier(input.dossier, LEEFLOON_DOSSIER);
  dossier.facts.decisionDate = input.grant.decisionDate;
  dossier.status = 'ACTIVE';
  await dossier.refreshSettings();
  const payday = dossier.settings.payday ?? 1;
  let grant = input.grant;
  let nextPeriod: Period;
  // The clocks the previous run handed over (the appeal window, GPMI and review terms) go on with their timers.
  await dossier.resume();

  // LL-6: arrears from the start date, the first payment within 15 days of the decision (art. 23 RMI-wet, [V-sec]).
  nextPeriod = input.nextPeriod === null ? await payArrears(dossier, grant, payday) : input.nextPeriod;
  const podMi: PodMiWatch[] = [];
  const watchForm = (w: PodMiWatch | undefined) => {
    if (!w) return;
    podMi.push(w);
    // Supervised: a failure reaches the team lead as an escalation instead of failing the workflow task.
    void superviseForm(dossier, w).then(() => podMi.splice(podMi.indexOf(w), 1));
  };
  for (const w of input.podMi ?? []) watchForm(w);
  // LL-10: the appeal window of the grant, carried over from the application (same record, same key).
  if (input.appealFrom) await dossier.deadline('appeal', 'LL-10', input.appealFrom, { kind: 'window' });
  if (!input.midYear) await dossier.event('active', `Leefloon loopt (jaar ${input.year}); volgende betaling: ${nextPeriod}`, { status: 'ACTIVE' });

  // The GPMI runs beside the payments: the contract within 3 months of the grant, then its evaluations.
  const gpmi = { ...input.gpmi };
  void dossier.supervise('gpmi', 'de GPMI-opvolging', () => followGpmi(dossier, grant, gpmi));

  // An urgent grant paid at once (arrears above, LL-8 in followGpmi, LL-5 for its form B): its ratification goes to the
  // next BCSD session. Overruled, the grant stops from the BCSD's own date (see stopBenefit).
  const urgent = superviseUrgentGrant(dossier);

  // The yearly review (LL-7: a home visit at least once a year), and monthly payments until it is done.
  let review: CompletedTask<'yearly-review'> | undefined;
  const reviewDone = () => review !== undefined;
  const stopOrReview = () => review !== undefined || urgent.overruled !== undefined;
  void dossier.supervise(`review-${input.year}`, 'de jaarlijkse herziening', async () => {
    review = await yearlyReview(dossier, `review-${input.year}`, 'LL-7', input.lastHomeVisit);
  });
  // CO-4: competence changes (the client moved): a stop proposed goes to the BCSD as the review's would.
  const co4: { change?: CompetenceChange } = { change: input.competenceChange };
  superviseCompetenceChange(dossier, co4, () => grant, input.lastHomeVisit, (r) => { review = r; });

  // A long history hands over to a new run between two payments: same year, same clocks, same open tasks.
  const paid = await payMonths(dossier, grant, nextPeriod, { payday, stop: stopOrReview, handOver: () => dossier.shouldHandOver() && patched(HAND_OVER_PATCH) });
  nextPeriod = paid.nextPeriod;
  if (paid.handOver) {
    await dossier.settle();
    return continueAsNew<typeof leefloonBenefit>({
      dossier: dossier.handOver(), grant, year: input.year, nextPeriod, lastHomeVisit: input.lastHomeVisit, gpmi, podMi, midYear: true,
      ...(co4.change ? { competenceChange: co4.change } : {}),
    });
  }
  const overruled = urgent.overruled;
  if (overruled) {
    const endDate = addDays(overruled.decisionDate, -1);
    return stopBenefit(dossier, grant, nextPeriod, {
      endDate, decisionDate: overruled.decisionDate, motivation: overruled.motivation, keySuffix: `overruled-${overruled.decisionDate}`,
      description: `Leefloon stopgezet vanaf ${formatDateNl(overruled.decisionDate)}: het BCSD van ${formatDateNl(overruled.decisionDate)} bekrachtigde de dringende toekenning niet`,
      recovery: true,
    });
  }
  if (!review) {
    await condition(reviewDone);
  }
  const outcome = review!;

  if (outcome.proposal !== 'continue') {
    // A revision or stop is decided by the BCSD like the grant (art. 21 RMI-wet); no request term runs for it.
    const decision = await decideOnReview(dossier, outcome, input.year);
    if (decision.result === 'stopped') {
      const endDate = outcome.endDate ?? decision.decisionDate;
      return stopBenefit(dossier, grant, nextPeriod, {
        endDate, decisionDate: decision.decisionDate, motivation: decision.motivation, keySuffix: `review-${input.year}`,
        description: `Leefloon stopgezet vanaf ${formatDateNl(addDays(endDate, 1))} (BCSD van ${formatDateNl(decision.decisionDate)})`,
      });
    }
    grant = {
      ...grant,
      category: (decision.category ?? outcome.category) as 1 | 2 | 3,
      monthlyResourcesCents: outcome.monthlyResourcesCents,
      decisionDate: decision.decisionDate,
    };
    await dossier.event('revised', `Leefloon herzien door het BCSD van ${decision.decisionDate}`);
    const amount = await monthlyAmount(dossier, grant, periodOf(decision.decisionDate));
    const term = await dossier.deadline(`notification-review-${input.year}`, 'LL-4', decision.decisionDate);
    await notifyDecision(dossier, term, {
      key: `decision-letter-review-${input.year}`,
      template: 'decision-revision',
      data: {
        decisionDate: decision.decisionDate,
        legalReasons: LEGAL_REASONS,
        factualReasons: decision.motivation,
        ...monthlyAidLetter(grant, amount, decision.decisionDate),
      },
    }, `appeal-review-${input.year}`);
    watchForm(await sendPodMi(dossier, 'B', 'revision', decision.decisionDate, grant, undefined, amount.amountCents));
  } else {
    grant = { ...grant, monthlyResourcesCents: outcome.monthlyResourcesCents };
  }
  // Open tasks (a GPMI evaluation) move to the next run: taken over as they are (same task, same assignee); runs
  // before that cancelled them and the next run opened them again under the same deadline.
  if (!patched(CARRY_OPEN_TASKS_PATCH)) await dossier.closeOpenTasks('jaarlijkse herziening: voortgezet in het volgende jaar');
  // Settled, not finished: an urgent decision still awaiting its ratification is handed over, not awaited.
  await dossier.settle();
  return continueAsNew<typeof leefloonBenefit>({
    dossier: dossier.handOver(),
    grant,
    year: input.year + 1,
    nextPeriod,
    lastHomeVisit: outcome.homeVisitDate,
    gpmi,
    podMi,
    ...(co4.change ? { competenceChange: co4.change } : {}),
  });
}

/**
 * Ends the benefit: no payment after the end date (later ones not yet made are cancelled), the stop letter with its
 * notification (LL-4) and appeal window (LL-10), and form C to POD MI (LL-5). An overruled urgent grant stops from the
 * BCSD's own date; what was paid under the urgent decision is recovered only by a separate recovery decision (art. 24
 * RMI-wet), which the team lead is told to put to the BCSD — never by the workflow.
 */
async function stopBenefit(
  dossier: Dossier,
  grant: Grant,
  nextPeriod: Period,
  stop: { endDate: IsoDate; decisionDate: IsoDate; motivation: string; keySuffix: string; description: string; recovery?: boolean },
): Promise<BenefitResult> {
  const { dossierId, team, reference } = dossier.input;
  const { endDate, decisionDate, keySuffix } = stop;
  const cancelled = await dossier.activity(() => acts.cancelFuturePayments({ dossierId, fromPeriod: addPeriods(periodOf(endDate), 1) }));
  await dossier.event('stopped', `${stop.description}; ${cancelled} geplande betaling(en) geannuleerd`, { status: 'STOPPED', closed: true });
  if (stop.recovery) {
    await dossier.activity(() =>
      acts.raiseEscalation({
        dossierId, team, key: `recovery:${keySuffix}`, level: 'warning', at: new Date().toISOString(),
        message: `${reference}: de dringende toekenning werd niet bekrachtigd; wat eronder betaald werd, wordt enkel teruggevorderd na een afzonderlijke beslissing van het BCSD (art. 24 RMI-wet).`,
      }),
    );
  }
  const term = await dossier.deadline(`notification-${keySuffix}`, 'LL-4', decisionDate);
  await notifyDecision(dossier, term, {
    key: `decision-letter-${keySuffix}`,
    template: 'decision-stop',
    data: { decisionDate, legalReasons: LEGAL_REASONS, factualReasons: stop.motivation, effectiveDate: addDays(endDate, 1) },
  }, `appeal-${keySuffix}`);
  const form = await sendPodMi(dossier, 'C', 'stop', decisionDate, grant, endDate);
  if (form) dossier.keep(watchPartnerForm(dossier, form));
  await dossier.closeOpenTasks('leefloon stopgezet');
  await dossier.finish();
  return { status: 'STOPPED', lastPaidPeriod: addPeriods(nextPeriod, -1) };
}

/** LL-8: the GPMI is signed within 3 months of the grant; LL-9: evaluated at least every 4 months ([U], configurable rule). */
async function followGpmi(dossier: Dossier, grant: Grant, gpmi: { signed: boolean; lastEvaluation: IsoDate | null }): Promise<void> {
  if (!gpmi.signed) {
    const term = await dossier.deadline('gpmi', 'LL-8', grant.decisionDate);
    const signed = await dossier.task('gpmi-signature', { deadline: term });
    await term.met(signed.signedOn);
    gpmi.signed = true;
    gpmi.lastEvaluation = signed.signedOn;
  }
  for (let n = 1; ; n++) {
    const from = gpmi.lastEvaluation ?? grant.decisionDate;
    const term = await dossier.deadline(`gpmi-evaluation-${from}`, 'LL-9', from);
    const dueDate = term.dueDate();
    if (dueDate) await sleepUntil(startOfDay(addMonths(from, 3).date, dossier.input.settings.timeZone));
    const evaluation = await dossier.task('gpmi-evaluation', { deadline: term });
    await term.met(evaluation.evaluatedOn);
    gpmi.lastEvaluation = evaluation.evaluatedOn;
  }
}

/** A form B/C in the POD MI outbox whose sending the dossier watches (LL-5), carried across continue-as-new. */
export type PodMiWatch = PartnerFormWatch;

/**
 * LL-5: every grant, revision, refusal or stop goes to POD MI (form B or C) within 8 days after the decision month
 * (art. 21 §6 RMI-wet); from the 45th day after that month the state subsidy is lost until the form is sent
 * (LL-5-LOSS). The form waits in the outbox (the shared partner-form step, libs/partner-forms rmi:B / rmi:C); its
 * export meets both terms, and the days of subsidy lost are recorded.
 */
export function sendPodMi(
  dossier: Dossier,
  form: 'B' | 'C',
  decision: 'grant' | 'revision' | 'refusal' | 'stop',
  decisionDate: IsoDate,
  grant?: Grant,
  endDate?: IsoDate,
  monthlyAmountCents?: number,
): Promise<PodMiWatch | undefined> {
  return sendPartnerForm(dossier, form === 'B' ? 'rmi:B' : 'rmi:C', {
    decision,
    decisionDate,
    category: grant?.category,
    monthlyAmountCents,
    periodFrom: decision === 'stop' && endDate ? addDays(endDate, 1) : grant?.startDate,
  });
}

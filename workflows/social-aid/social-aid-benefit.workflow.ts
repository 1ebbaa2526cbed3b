import { CompetenceChange, superviseCompetenceChange } from '../shared/competence-change';
import { condition, continueAsNew, patched, proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../../activities';
import { addDays, compareDates, daysBetween, IsoDate } from '../../libs/deadlines/calendar-date';
import { formatDateNl, formatEuro } from '../../libs/format/dutch';
import { addPeriods, firstDayOf, paymentDay, Period, periodOf } from '../../libs/payments/schedule';
import { SOCIAL_AID } from '../../libs/procedures/social-aid';
import type { CompletedTask } from '../../libs/tasks/task-outcomes';
import type { DossierInput } from '../shared/dossier-input';
import { Dossier } from '../shared/dossier-runtime';
import { decideOnReview, MonthlyGrant, monthlyAidLetter, monthlyAmount, pay, payArrears, payMonths, superviseUrgentGrant, yearlyReview } from '../shared/monthly-aid';
import { formFollower, PartnerFormWatch, superviseForm } from '../shared/partner-forms';
import { notifyDecision } from '../shared/request-pipeline';
import { followReimbursementClaims, lastClaims, sendStartForms, sendStopForm, WET_1965_CLAIMS_AFTER_END_PATCH, WET_1965_CLAIMS_PATCH, WET_1965_FORMS_PATCH } from './wet1965-forms';

/**
 * The external events social aid's workflows take with waitForEvent: the running aid ends after a final negative asylum
 * decision and recovers after back-paid benefits. The application run takes the same list, so that an event recorded
 * before the aid runs is kept and carried into the benefit run.
 */
export const SOCIAL_AID_DOSSIER = { takesEvents: ['asylum-final-negative', 'benefits-back-paid', 'competence-designation', 'wet1965-claim', 'wet1965-medical-aid', 'competence-changed', 'competence-conflict-decided'] } as const;

const acts = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '5 minutes' },
});

export interface SocialAidBenefitInput {
  dossier: DossierInput;
  /** CO-4: a change of competence taken and not yet settled (its tasks are taken over by key). */
  competenceChange?: CompetenceChange;
  grant: MonthlyGrant;
  /** Which yearly cycle this run is (1 from the grant; each yearly review continues as new with the next). */
  year: number;
  /** The first month not paid yet; null in the first run (arrears first). */
  nextPeriod: Period | null;
  /** The last home visit: the next is due a year later (SA-8). */
  lastHomeVisit: IsoDate;
  /** The inquiry found the aid reimbursed by the state under Wet 1965: the yearly home visit is a legal term (SA-8). */
  stateReimbursed: boolean;
  /** First run: the notification date of the grant, whose appeal window (SA-5) this run goes on watching. */
  appealFrom?: IsoDate;
  /** The previous run handed over between two payments (a long history), not at the yearly review. */
  midYear?: boolean;
  /** Wet 1965 forms not acknowledged yet when the previous run ended. */
  forms?: PartnerFormWatch[];
  /** A final negative asylum decision was reported: the aid ends after `endDate` (SA-9). */
  asylumEnd?: AsylumEnd;
  /** A recovery (art. 99) the previous run had begun: this run goes on with it (its task and agenda item are the same). */
  recovery?: BackPaid;
}

/** Benefits paid back for a period with aid, as the event `benefits-back-paid` reported them. */
interface BackPaid {
  eventId: string;
  payer: string;
  periodFrom: IsoDate;
  periodTo: IsoDate;
  amountCents: number;
  /** The social worker's proposal, once made. */
  proposal?: { recoverCents: number; subrogation: boolean; motivation: string };
  /** The BCSD's decision to recover, once taken. */
  decision?: { decisionDate: IsoDate; amountCents: number; motivation: string };
}

/** The end of the aid after a final negative decision on the application for international protection (SA-9, [U]). */
interface AsylumEnd {
  notifiedOn: IsoDate;
  /** The last day of aid. */
  endDate: IsoDate;
}

export interface SocialAidBenefitResult {
  status: 'STOPPED';
  lastPaidPeriod: Period | null;
}

/**
 * A granted equivalent leefloon (social aid at the §1.3 amounts) while it runs: arrears from the start date, one payment
 * per month on the payday (through the payments activities, unique per dossier, period and kind), and the yearly
 * review with a home visit — under SA-8 (KB 1 December 2013, art. 9bis Wet 1965) when the state reimburses the aid.
 * A review that proposes a revision or a stop goes to the BCSD; otherwise the dossier continues as new for the next
 * year. An urgent grant the BCSD does not ratify stops from the BCSD's own date.
 */
export async function socialAidBenefit(input: SocialAidBenefitInput): Promise<SocialAidBenefitResult> {
  const dossier = new Dossier(input.dossier, SOCIAL_AID_DOSSIER);
  dossier.facts.decisionDate = input.grant.decisionDate;
  dossier.status = 'ACTIVE';
  await dossier.refreshSettings();
  const payday = dossier.settings.payday ?? 1;
  let grant = input.grant;
  await dossier.resume();
  let nextPeriod = input.nextPeriod === null ? await payArrears(dossier, grant, payday) : input.nextPeriod;
  // SA-5: the appeal window of the grant, carried over from the application (same record, same key).
  if (input.appealFrom) await dossier.deadline('appeal', 'SA-5', input.appealFrom, { kind: 'window' });
  // State-reimbursed aid: forms A and B1 (Wet 1965) at the start (SA-6), followed across runs until acknowledged.
  const forms: PartnerFormWatch[] = [];
  const followForm = formFollower(dossier, forms);
  for (const watch of input.forms ?? []) followForm(watch);
  if (input.nextPeriod === null && input.stateReimbursed && patched(WET_1965_FORMS_PATCH)) {
    const monthly = await monthlyAmount(dossier, grant, periodOf(grant.startDate));
    const started = await sendStartForms(dossier, {
      decisionDate: grant.decisionDate, startDate: grant.startDate, aidForm: 'equivalent-leefloon', category: grant.category, amountCents: monthly.amountCents, monthly: true,
    });
    started.forEach(followForm);
  }
  // The state's reimbursement claimed while the aid runs (forms B2, D1, D2, F), followed like the start forms.
  if (input.stateReimbursed && patched(WET_1965_CLAIMS_PATCH)) {
    void dossier.supervise('wet1965-claims', 'de aanvragen tot terugbetaling door de Staat (Wet 1965)', () => followReimbursementClaims(dossier, followForm));
  }
  if (!input.midYear) await dossier.event('active', `Equivalent leefloon loopt (jaar ${input.year}); volgende betaling: ${nextPeriod}`, { status: 'ACTIVE' });

  const urgent = superviseUrgentGrant(dossier);

  // SA-9 [U]: a final negative asylum decision reported (an event from outside) ends the aid a configured number of
  // calendar days after its notification (OCMW_ASYLUM_END_OF_AID_DAYS, default 30: the rule's duration).
  let asylumEnd = input.asylumEnd;
  if (!asylumEnd) {
    void dossier.supervise('asylum-final-negative', 'het einde van de steun na een definitieve negatieve asielbeslissing', async () => {
      const event = await dossier.waitForEvent('asylum-final-negative');
      const notifiedOn = String(event.data.notifiedOn);
      const term = await dossier.deadline('asylum-end-of-aid', 'SA-9', notifiedOn, { kind: 'window' });
      asylumEnd = { notifiedOn, endDate: term.dueDate()! };
    });
  }

  // Art. 99 OCMW-wet: benefits paid back later for a period with aid are recovered up to their amount, by a decision.
  const recovery: { current?: BackPaid } = { current: input.recovery };
  void dossier.supervise('recovery', 'de terugvordering na achteraf betaalde uitkeringen', () => recoverBackPaidBenefits(dossier, recovery));

  let review: CompletedTask<'yearly-review'> | undefined;
  void dossier.supervise(`review-${input.year}`, 'de jaarlijkse herziening', async () => {
    review = await yearlyReview(dossier, `home-visit-${input.year}`, input.stateReimbursed ? 'SA-8' : undefined, input.lastHomeVisit);
  });
  // CO-4: competence changes (the client moved): a stop proposed goes to the BCSD as the review's would.
  const co4: { change?: CompetenceChange } = { change: input.competenceChange };
  superviseCompetenceChange(dossier, co4, () => grant, input.lastHomeVisit, (r) => { review = r; });

  const paid = await payMonths(dossier, grant, nextPeriod, {
    payday,
    stop: () => review !== undefined || urgent.overruled !== undefined || asylumEnd !== undefined,
    handOver: () => dossier.shouldHandOver(),
  });
  nextPeriod = paid.nextPeriod;
  if (paid.handOver) {
    await dossier.settle();
    return continueAsNew<typeof socialAidBenefit>({
      ...input, dossier: dossier.handOver(), grant, nextPeriod, appealFrom: undefined, midYear: true, forms, asylumEnd, recovery: recovery.current,
      // Settled in this run, it is not carried (undefined is left out of the next run's input).
      competenceChange: co4.change,
    });
  }
  if (asylumEnd) return endAfterAsylumDecision(dossier, grant, nextPeriod, payday, input.stateReimbursed, asylumEnd, forms);
  const overruled = urgent.overruled;
  if (overruled) {
    return stopAid(dossier, nextPeriod, input.stateReimbursed, {
      endDate: addDays(overruled.decisionDate, -1), decisionDate: overruled.decisionDate, motivation: overruled.motivation, keySuffix: `overruled-${overruled.decisionDate}`,
      description: `Steun stopgezet vanaf ${formatDateNl(overruled.decisionDate)}: het BCSD bekrachtigde de dringende toekenning niet`,
    }, forms);
  }
  await condition(() => review !== undefined);
  const outcome = review!;

  if (outcome.proposal !== 'continue') {
    const decision = await decideOnReview(dossier, outcome, input.year, { aidForm: 'equivalent-leefloon' });
    if (decision.result === 'stopped') {
      const endDate = outcome.endDate ?? decision.decisionDate;
      return stopAid(dossier, nextPeriod, input.stateReimbursed, {
        endDate, decisionDate: decision.decisionDate, motivation: decision.motivation, keySuffix: `review-${input.year}`,
        description: `Steun stopgezet vanaf ${formatDateNl(addDays(endDate, 1))} (BCSD van ${formatDateNl(decision.decisionDate)})`,
      }, forms);
    }
    grant = { ...grant, category: (decision.category ?? outcome.category) as 1 | 2 | 3, monthlyResourcesCents: outcome.monthlyResourcesCents, decisionDate: decision.decisionDate };
    await dossier.event('revised', `Equivalent leefloon herzien door het BCSD van ${formatDateNl(decision.decisionDate)}`);
    const amount = await monthlyAmount(dossier, grant, periodOf(decision.decisionDate));
    // SA-4 (art. 62bis OCMW-wet) and the appeal window SA-5 (art. 71 OCMW-wet) of the revision.
    const term = await dossier.deadline(`notification-review-${input.year}`, 'SA-4', decision.decisionDate);
    await notifyDecision(dossier, term, {
      key: `decision-letter-review-${input.year}`,
      template: 'decision-revision',
      data: {
        decisionDate: decision.decisionDate,
        legalReasons: SOCIAL_AID.letters.legalReasons,
        factualReasons: decision.motivation,
        ...monthlyAidLetter(grant, amount, decision.decisionDate),
      },
    }, `appeal-review-${input.year}`);
  } else {
    grant = { ...grant, monthlyResourcesCents: outcome.monthlyResourcesCents };
  }
  await dossier.settle();
  return continueAsNew<typeof socialAidBenefit>({
    dossier: dossier.handOver(), grant, year: input.year + 1, nextPeriod, lastHomeVisit: outcome.homeVisitDate, stateReimbursed: input.stateReimbursed, forms,
    recovery: recovery.current, ...(co4.change ? { competenceChange: co4.change } : {}),
  });
}

/**
 * The stop decision: no payment after the end date (those ordered for later months are cancelled), the stop letter
 * notified within SA-4 with its appeal window (SA-5). What was paid under an overruled urgent grant is recovered only
 * by a separate recovery decision of the BCSD (art. 99 OCMW-wet), never by the workflow.
 */
/**
 * Art. 99 §1–2 OCMW-wet: when the client later receives benefits (unemployment, sickness, a pension) for a period in
 * which the OCMW gave aid, the social worker proposes to recover up to that amount (never more than the aid paid for
 * the period) and whether the OCMW is subrogated to the claim; the BCSD decides, and the recovery letter is notified
 * (SA-4) with its appeal window (SA-5). The claim prescribes after 5 years (SA-7, art. 102). One event after another.
 */
async function recoverBackPaidBenefits(dossier: Dossier, recovery: { current?: BackPaid }): Promise<void> {
  for (;;) {
    // One carried from the previous run first (its task is taken over by kind and key, its agenda item by step).
    if (!recovery.current) {
      const event = await dossier.waitForEvent('benefits-back-paid');
      recovery.current = { eventId: event.eventId, ...(event.data as Omit<BackPaid, 'eventId'>) };
    }
    const back = recovery.current;
    const step = `recovery-${back.periodFrom}-${back.eventId.slice(0, 8)}`;
    dossier.facts.backPaidCents = back.amountCents;
    if (!back.proposal) {
      const { recoverCents, subrogation, motivation } = await dossier.task('recovery-proposal', { key: step });
      back.proposal = { recoverCents, subrogation, motivation };
    }
    const proposal = back.proposal;
    if (!back.decision) {
      const decided = await dossier.council(
        { reference: dossier.input.reference, proposal: 'recover', amountCents: proposal.recoverCents, motivation: proposal.motivation },
        { hearingRequested: false, results: ['recovered', 'refused', 'postponed'], step },
      );
      if (decided.result !== 'recovered') {
        await dossier.event('recovery-refused', `Geen terugvordering (BCSD van ${formatDateNl(decided.decisionDate)})`);
        recovery.current = undefined;
        continue;
      }
      const amountCents = decided.amountCents ?? proposal.recoverCents;
      back.decision = { decisionDate: decided.decisionDate, amountCents, motivation: decided.motivation };
      await dossier.event('recovered', `Terugvordering van ${formatEuro(amountCents)} beslist door het BCSD van ${formatDateNl(decided.decisionDate)}`, {
        data: { amountCents, periodFrom: back.periodFrom, periodTo: back.periodTo, subrogation: proposal.subrogation },
      });
    }
    // The decision letter and its notification: taken over by the next run as they stand (the same letter key and task).
    const decision = back.decision;
    const { amountCents } = decision;
    const term = await dossier.deadline(`notification-${step}`, 'SA-4', decision.decisionDate);
    await notifyDecision(dossier, term, {
      key: `decision-letter-${step}`,
      template: 'decision-recovery',
      data: {
        decisionDate: decision.decisionDate,
        legalReasons: `${SOCIAL_AID.letters.legalReasons} Art. 99 §1 OCMW-wet: het OCMW vordert de steun terug tot het bedrag van de uitkeringen die u achteraf voor dezelfde periode ontving${proposal.subrogation ? '; art. 99 §2: het OCMW treedt daarvoor in uw rechten' : ''}.`,
        factualReasons: decision.motivation,
        recovery: { amountCents, periodFrom: back.periodFrom, periodTo: back.periodTo, payer: back.payer, subrogation: proposal.subrogation },
      },
    }, `appeal-${step}`);
    recovery.current = undefined;
  }
}

/**
 * SA-9: the aid ends after the last day the rule gives (the months up to it are ordered now, the last one pro rata,
 * each due on its payday), with the stop letter notified (SA-4) and its appeal window (SA-5), and form C where the state
 * reimburses the aid.
 */
async function endAfterAsylumDecision(
  dossier: Dossier, grant: MonthlyGrant, from: Period, payday: number, stateReimbursed: boolean, end: AsylumEnd, forms: readonly PartnerFormWatch[],
): Promise<SocialAidBenefitResult> {
  const last = { ...grant, endDate: end.endDate };
  let nextPeriod = from;
  for (; compareDates(firstDayOf(nextPeriod), end.endDate) <= 0; nextPeriod = addPeriods(nextPeriod, 1)) {
    await pay(dossier, last, 'monthly', nextPeriod, paymentDay(nextPeriod, payday));
  }
  const days = daysBetween(end.notifiedOn, end.endDate);
  return stopAid(dossier, nextPeriod, stateReimbursed, {
    endDate: end.endDate,
    decisionDate: dossier.today(),
    motivation:
      `Definitieve negatieve beslissing over uw verzoek om internationale bescherming, u ter kennis gebracht op ${formatDateNl(end.notifiedOn)}: ` +
      `uw recht op maatschappelijke dienstverlening eindigt ${days} kalenderdagen na die kennisgeving, op ${formatDateNl(end.endDate)}.`,
    keySuffix: `asylum-${end.notifiedOn}`,
    description: `Steun stopgezet na ${formatDateNl(end.endDate)}: definitieve negatieve asielbeslissing ter kennis gebracht op ${formatDateNl(end.notifiedOn)}`,
  }, forms);
}

async function stopAid(
  dossier: Dossier,
  nextPeriod: Period,
  stateReimbursed: boolean,
  stop: { endDate: IsoDate; decisionDate: IsoDate; motivation: string; keySuffix: string; description: string },
  forms: readonly PartnerFormWatch[],
): Promise<SocialAidBenefitResult> {
  const { dossierId } = dossier.input;
  const cancelled = await dossier.activity(() => acts.cancelFuturePayments({ dossierId, fromPeriod: addPeriods(periodOf(stop.endDate), 1) }));
  // State-reimbursed aid stays open for its last claims (SA-10); other aid is closed with the stop.
  const claimsAfterEnd = stateReimbursed && patched(WET_1965_CLAIMS_AFTER_END_PATCH);
  await dossier.event('stopped', `${stop.description}; ${cancelled} geplande betaling(en) geannuleerd`, claimsAfterEnd ? { status: 'REIMBURSEMENT_CLAIMS' } : { status: 'STOPPED', closed: true });
  const term = await dossier.deadline(`notification-${stop.keySuffix}`, 'SA-4', stop.decisionDate);
  await notifyDecision(dossier, term, {
    key: `decision-letter-${stop.keySuffix}`,
    template: 'decision-stop',
    data: { decisionDate: stop.decisionDate, legalReasons: SOCIAL_AID.letters.legalReasons, factualReasons: stop.motivation, effectiveDate: addDays(stop.endDate, 1) },
  }, `appeal-${stop.keySuffix}`);
  // State-reimbursed aid: form C (Wet 1965) at the stop, followed until POD MI acknowledges it.
  const form = stateReimbursed ? await sendStopForm(dossier, { decisionDate: stop.decisionDate, endDate: stop.endDate, reason: stop.motivation }) : undefined;
  if (form) dossier.keep(superviseForm(dossier, form));
  await dossier.closeOpenTasks('steun stopgezet');
  if (claimsAfterEnd) await lastClaims(dossier, stop.endDate, `Steun beëindigd op ${formatDateNl(stop.endDate)}`, forms, 'STOPPED');
  await dossier.finish();
  return { status: 'STOPPED', lastPaidPeriod: addPeriods(nextPeriod, -1) };
}

import { condition, continueAsNew, makeContinueAsNewFunc, patched, proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../../activities';
import { addDays, addMonths, compareDates, IsoDate, startOfDay } from '../../libs/deadlines/calendar-date';
import { formatDateNl, formatEuro, formatMonthNl } from '../../libs/format/dutch';
import { PLACEMENT_COSTS } from '../../libs/procedures/placement-costs';
import type { DossierInput } from '../shared/dossier-input';
import { Dossier, sleepUntil } from '../shared/dossier-runtime';
import type { ExternalEventInput } from '../shared/dossier.messages';

import { orderPayment } from '../shared/payments';
import { CONTRIBUTION_EVENT, MAINTENANCE_DEBTORS_PATCH, MaintenanceDebtors, MaintenanceDebtorsState } from './maintenance-debtors';
import { councilDecides, notifyDecision, openRequest } from '../shared/request-pipeline';

const acts = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '5 minutes' },
});

const INVOICE_EVENT = 'care-home-invoice';
const ENDED_EVENT = 'placement-ended';

/** The external events a placement costs dossier waits for: POD MI's designation, the care home's invoices, the end. */
export const PLACEMENT_COSTS_DOSSIER = { takesEvents: ['competence-designation', INVOICE_EVENT, ENDED_EVENT, CONTRIBUTION_EVENT] } as const;

/** The social worker's review task opens this long before the yearly review is due. */
const REVIEW_NOTICE_DAYS = 30;

/** What the BCSD granted, as the yearly reviews keep it up to date. */
export interface PlacementGrant {
  careHomePartyId: string;
  decisionDate: IsoDate;
  /** The first day the OCMW pays for: the admission, or the request when that came later (no aid before a request). */
  effectiveFrom: IsoDate;
  monthlyIncomeCents: number;
  /** Savings above the OCMW's ceiling still to be used: they pay the OCMW's part of the invoices first. */
  savingsExcessCents: number;
  couple: boolean;
  property: boolean;
  /** The inquiry's answer on the maintenance debtors (art. 98 §2); absent in grants from before they were followed. */
  maintenanceDebtors?: 'none' | 'examine' | 'waived';
  /** What the OCMW pays a month as the decision estimated it: the debtors together are never asked more. */
  monthlyEstimateCents?: number;
}

export interface PlacementTotals {
  /** Months settled: a care home's invoice is settled once per month ('YYYY-MM', in order of arrival). */
  months: string[];
  ocmwCents: number;
  fromSavingsCents: number;
  pocketMoneyShortfallCents: number;
}

export interface PlacementRunInput {
  dossier: DossierInput;
  grant: PlacementGrant;
  /** The review year this run belongs to (1: the year after the decision), and the day its review is due. */
  year: number;
  reviewDue: IsoDate;
  totals: PlacementTotals;
  /** The grant's appeal window (SA-5) from the notification: declared by the first run, then carried as a clock. */
  appealFrom?: IsoDate;
  /** The end of the stay was reported: invoices up to its month are still settled, then the closure. */
  ended?: { reason: 'deceased' | 'moved' | 'own-means'; lastDay: IsoDate };
  /** A run that took over mid-year (a long history): no second "running" entry on the timeline. */
  midYear?: boolean;
  /** The maintenance debtors' follow-up, carried from run to run. */
  debtors?: MaintenanceDebtorsState;
}

export interface PlacementCostsResult {
  status: 'FORWARDED' | 'NOTIFIED' | 'PLACEMENT_CLOSED';
  decision?: 'granted' | 'refused';
  totals?: PlacementTotals;
  recovery?: 'none' | 'estate' | 'property';
  /** What the maintenance debtors paid in all. */
  debtorsCents?: number;
}

const END_REASONS = { deceased: 'het overlijden van de bewoner', moved: 'de verhuis van de bewoner', 'own-means': 'de bewoner betaalt weer zelf' } as const;

/**
 * A request for a contribution to placement costs (domain §11) on the §0.1 pipeline: registered with its receipt, the
 * competence check (the OCMW of the registration on admission, art. 2 §1 Wet 1965: the continuity rule), the inquiry
 * (the care home as a party, the income, the savings, property, the maintenance debtors), the proposal computed from
 * it with the OCMW's configuration (activities/placement-costs: the dated pocket money, the top-up, the savings
 * ceilings), the BCSD within the month (SA-3) and the letter (SA-4). A grant sends the care home the OCMW's payment
 * commitment and continues as its running workflow (placementCostsRunning). The dossier, not the request, runs for
 * years: the running part continues as new every review year.
 */
export async function placementCostsApplication(input: DossierInput): Promise<PlacementCostsResult> {
  const dossier = new Dossier(input, PLACEMENT_COSTS_DOSSIER);
  await dossier.refreshSettings();
  const { dossierId, reference } = input;
  const opened = await openRequest(dossier, 'Aanvraag tussenkomst in de verblijfskosten');
  if ('handled' in opened) return opened.handled;
  const { decisionTerm } = opened;

  await dossier.event('inquiry-started', 'Onderzoek tussenkomst verblijfskosten gestart: inkomen, spaargelden, onroerend goed en onderhoudsplichtigen', { status: 'INQUIRY' });
  const inquiry = await dossier.task('placement-inquiry', { deadline: decisionTerm });
  // No aid before the request (§0.1): from the admission, or from the request when the resident was admitted earlier.
  const effectiveFrom = compareDates(inquiry.admittedOn, input.requestDate) > 0 ? inquiry.admittedOn : input.requestDate;
  const assessment = await dossier.activity(() =>
    acts.assessPlacementCosts({
      month: effectiveFrom.slice(0, 7), monthlyIncomeCents: inquiry.monthlyIncomeCents, expectedInvoiceCents: inquiry.expectedInvoiceCents,
      savingsCents: inquiry.savingsCents, couple: inquiry.couple, property: inquiry.property,
    }),
  );
  const debtors = inquiry.maintenanceDebtors === 'examine'
    ? ' De bijdrage van de onderhoudsplichtigen wordt onderzocht (art. 98 §2 OCMW-wet).'
    : inquiry.maintenanceDebtors === 'waived' ? ' Het OCMW ziet af van de terugvordering bij de onderhoudsplichtigen (art. 98 §2 OCMW-wet).' : '';
  await dossier.event('placement-assessed', assessment.grant ? `Voorstel: toekennen. ${assessment.text}${debtors}` : `Voorstel: weigeren. ${assessment.text}`, {
    status: 'AWAITING_DECISION',
    data: assessment.grant ? { monthlyEstimateCents: assessment.monthlyEstimateCents, maintenanceDebtors: inquiry.maintenanceDebtors } : { reasons: assessment.reasons },
  });

  const { decision, result, decisionDate } = await councilDecides(dossier, decisionTerm, {
    reference,
    proposal: assessment.grant ? 'grant' : 'refuse',
    ...(assessment.grant ? { amountCents: assessment.monthlyEstimateCents } : {}),
    motivation: `${assessment.text}${assessment.grant ? debtors : ''}`,
  }, false);

  const granted = result === 'granted';
  const estimateCents = granted ? (decision.amountCents ?? (assessment.grant ? assessment.monthlyEstimateCents : 0)) : 0;
  // SA-4: notified within 8 days, by registered letter or against receipt (art. 62bis OCMW-wet).
  const notificationTerm = await dossier.deadline('notification', 'SA-4', decisionDate);
  const delivered = await notifyDecision(dossier, notificationTerm, {
    key: 'decision-letter',
    template: granted ? 'decision-grant' : 'decision-refusal',
    data: {
      decisionDate,
      legalReasons: PLACEMENT_COSTS.letters.legalReasons,
      factualReasons: decision.motivation,
      ...(granted
        ? {
            amount: {
              monthlyCents: estimateCents,
              computation: `Het OCMW betaalt het woonzorgcentrum elke maand het deel van de factuur dat uw inkomen niet dekt, nadat u uw zakgeld behoudt. ` +
                `Geschat op ${formatEuro(estimateCents)} per maand; het juiste bedrag volgt elke maand uit de factuur.`,
              frequency: 'maandelijks, bij elke factuur van het woonzorgcentrum (rechtstreeks aan het woonzorgcentrum)',
            },
            effectiveDate: effectiveFrom,
          }
        : {}),
    },
  });
  await dossier.event('notified', `Beslissing ter kennis gebracht op ${formatDateNl(delivered.notifiedOn)}`, { status: 'NOTIFIED' });
  if (!granted) {
    dossier.superviseRatifications();
    await dossier.finish({ windows: true });
    return { status: 'NOTIFIED', decision: 'refused' };
  }

  // The care home learns the OCMW pays its part from the effective day (the resident's name is filled by the activity).
  await dossier.attempt('betalingsverbintenis aan het woonzorgcentrum', () =>
    acts.issueLetter({
      dossierId, key: 'placement-commitment', template: 'placement-commitment',
      data: { decisionDate, effectiveFrom, monthlyEstimateCents: Math.max(1, estimateCents) }, delivery: { mode: 'letter' },
      recipient: { partyId: inquiry.careHomePartyId },
    }),
  );
  // The ratification of an urgent grant travels with the dossier into the running workflow (handOver).
  await dossier.finish();
  return makeContinueAsNewFunc<typeof placementCostsRunning>({ workflowType: 'placementCostsRunning' })({
    dossier: dossier.handOver(),
    grant: {
      careHomePartyId: inquiry.careHomePartyId, decisionDate, effectiveFrom, monthlyIncomeCents: inquiry.monthlyIncomeCents,
      // Savings above the ceiling refuse the request (they pay first); a grant starts with none to use.
      savingsExcessCents: 0, couple: inquiry.couple, property: inquiry.property,
      ...(patched(MAINTENANCE_DEBTORS_PATCH) ? { maintenanceDebtors: inquiry.maintenanceDebtors, monthlyEstimateCents: estimateCents } : {}),
    },
    year: 1,
    reviewDue: addMonths(decisionDate, 12).date,
    totals: { months: [], ocmwCents: 0, fromSavingsCents: 0, pocketMoneyShortfallCents: 0 },
    appealFrom: delivered.notifiedOn,
  });
}

/**
 * A granted contribution while it runs, one review year per run:
 * - each care home invoice (the external event `care-home-invoice`) is settled once per month: the resident's income
 *   less the month's pocket money (the dated legal minimum plus the OCMW's top-up: an indexation counts from its month)
 *   goes to the invoice, savings above the ceiling pay next, the OCMW pays the rest to the care home (a party of the
 *   dossier, with the invoice's reference); an income below the pocket money is made up to the resident;
 * - the yearly review (REVIEW_NOTICE_DAYS before its day a task for the social worker: the income after indexation,
 *   the savings) — then the next year continues as new, so the history stays small however long the stay lasts;
 * - the end of the stay (death, a move, own means again: the event `placement-ended`): the invoices up to its month
 *   are still settled, the closure task records what is recovered, and the dossier ends.
 *
 * Every key is a business name: a payment by the invoice's month and reference, the review by its year.
 */
export async function placementCostsRunning(input: PlacementRunInput): Promise<PlacementCostsResult> {
  // Runs from before the maintenance debtors were followed replay as they were (no marker in their history).
  const followsDebtors = patched(MAINTENANCE_DEBTORS_PATCH);
  const dossier = new Dossier(input.dossier, PLACEMENT_COSTS_DOSSIER);
  dossier.facts.decisionDate = input.grant.decisionDate;
  dossier.status = 'PLACEMENT_RUNNING';
  await dossier.refreshSettings();
  await dossier.resume();
  const { dossierId } = input.dossier;
  const timeZone = input.dossier.settings.timeZone;
  // SA-5: the grant's appeal window, from the application's notification (same record, same key).
  if (input.appealFrom) await dossier.deadline('appeal', 'SA-5', input.appealFrom, { kind: 'window' });
  dossier.superviseRatifications();
  const grant = { ...input.grant };
  const totals: PlacementTotals = { ...input.totals, months: [...input.totals.months] };
  let ended = input.ended;
  if (!input.midYear && !ended) {
    await dossier.event('placement-running', `Tussenkomst in de verblijfskosten loopt (jaar ${input.year}); herziening op ${formatDateNl(input.reviewDue)}`, { status: 'PLACEMENT_RUNNING' });
  }

  // The yearly review: its task opens a month before the day, and is taken over by a run that took over mid-year.
  const reviewYear = input.reviewDue.slice(0, 4);
  let review: { monthlyIncomeCents: number; savingsCents: number; note: string } | undefined;
  if (!ended) {
    void dossier.supervise(`placement-review-${reviewYear}`, 'de jaarlijkse herziening', async () => {
      await sleepUntil(startOfDay(addDays(input.reviewDue, -REVIEW_NOTICE_DAYS), timeZone));
      review = await dossier.task('placement-review', { key: `review-${reviewYear}` });
    });
  }

  // The maintenance debtors the inquiry said to examine (art. 98 §2): followed in the background, carried run to run.
  const debtors = followsDebtors && grant.maintenanceDebtors === 'examine'
    ? new MaintenanceDebtors({
        dossier, monthlyEstimateCents: grant.monthlyEstimateCents ?? 0, endedOn: () => ended?.lastDay,
        status: () => (ended ? 'PLACEMENT_ENDED' : 'PLACEMENT_RUNNING'),
      }, input.debtors)
    : undefined;
  debtors?.follow();

  const settle = async (event: ExternalEventInput) => {
    const invoice = event.data as { month: string; amountCents: number; invoiceReference: string };
    const month = invoice.month;
    const label = `${formatMonthNl(month)} (factuur ${invoice.invoiceReference}, ${formatEuro(invoice.amountCents)})`;
    const refuse = (why: string) => dossier.event('invoice-not-settled', `Factuur van het woonzorgcentrum voor ${label} niet afgerekend: ${why}`, { data: { eventId: event.eventId, month } });
    if (month < grant.effectiveFrom.slice(0, 7)) return refuse(`de tussenkomst loopt vanaf ${formatDateNl(grant.effectiveFrom)}`);
    if (ended && month > ended.lastDay.slice(0, 7)) return refuse(`het verblijf eindigde op ${formatDateNl(ended.lastDay)}`);
    if (totals.months.includes(month)) return refuse('die maand is al afgerekend; een correctie of creditnota bespreekt de maatschappelijk assistent met het woonzorgcentrum');
    const s = await dossier.activity(() => acts.placementSettlement({ month, invoiceCents: invoice.amountCents, residentIncomeCents: grant.monthlyIncomeCents }));
    const fromSavings = Math.min(s.ocmwCents, grant.savingsExcessCents);
    grant.savingsExcessCents -= fromSavings;
    const ocmw = s.ocmwCents - fromSavings;
    const computation = { text: s.text, invoiceCents: invoice.amountCents, residentShareCents: s.residentShareCents, fromSavingsCents: fromSavings, pocketMoneyCents: s.pocketMoneyCents };
    if (ocmw > 0) {
      const ordered = await orderPayment(dossier, {
        dossierId, kind: 'invoice', period: month, amountCents: ocmw, dueDate: dossier.today(), computation,
        payee: { partyId: grant.careHomePartyId }, debtRef: invoice.invoiceReference,
      });
      if (!ordered) {
        // The care home has no account yet (escalated to the team): the month stays open; the invoice recorded again
        // once the account is in is settled then, with the savings used here given back.
        grant.savingsExcessCents += fromSavings;
        return refuse('het woonzorgcentrum heeft geen rekeningnummer; vul het aan bij de partij en registreer de factuur opnieuw');
      }
    }
    if (s.pocketMoneyShortfallCents > 0) {
      await orderPayment(dossier, {
        dossierId, kind: 'pocket-money', period: month, amountCents: s.pocketMoneyShortfallCents, dueDate: dossier.today(),
        computation: { text: `Aanvulling tot het zakgeld van ${formatEuro(s.pocketMoneyCents)}: het inkomen is ${formatEuro(grant.monthlyIncomeCents)}`, pocketMoneyCents: s.pocketMoneyCents },
      });
    }
    totals.months.push(month);
    totals.ocmwCents += ocmw;
    totals.fromSavingsCents += fromSavings;
    totals.pocketMoneyShortfallCents += s.pocketMoneyShortfallCents;
    await dossier.event(
      'invoice-settled',
      `Factuur voor ${label} afgerekend: ${s.text}` +
        `${fromSavings > 0 ? `; ${formatEuro(fromSavings)} uit de spaargelden boven het plafond, het OCMW betaalt ${formatEuro(ocmw)}` : ''}`,
      {
        status: ended ? 'PLACEMENT_ENDED' : 'PLACEMENT_RUNNING',
        data: { eventId: event.eventId, month, invoiceCents: invoice.amountCents, ocmwCents: ocmw, residentShareCents: s.residentShareCents, fromSavingsCents: fromSavings, pocketMoneyCents: s.pocketMoneyCents, pocketMoneyShortfallCents: s.pocketMoneyShortfallCents },
      },
    );
  };

  // The closure, once the end is known: the social worker records what is recovered (the BCSD decides a recovery).
  let closure: { recovery: 'none' | 'estate' | 'property'; note: string } | undefined;
  const close = () => {
    void dossier.supervise('placement-closure', 'de afsluiting van de tussenkomst', async () => {
      closure = await dossier.task('placement-closure', { key: `closure-${ended!.lastDay}` });
    });
  };
  if (ended) close();

  // One waiter at a time: an event it has taken is always handled here, never dropped at a hand-over.
  let taken: ExternalEventInput | undefined;
  let waiting = false;
  for (;;) {
    if (!waiting) {
      waiting = true;
      const types = ended ? [INVOICE_EVENT] : [INVOICE_EVENT, ENDED_EVENT];
      void dossier.waitForAnyEvent(debtors ? [...types, CONTRIBUTION_EVENT] : types).then((e) => { taken = e; });
    }
    // A review completed after the end of the stay is recorded with its task, and changes nothing any more.
    await condition(() => taken !== undefined || closure !== undefined || (review !== undefined && !ended));
    if (taken) {
      const event = taken;
      taken = undefined;
      waiting = false;
      if (event.type === INVOICE_EVENT) {
        await settle(event);
      } else if (event.type === CONTRIBUTION_EVENT) {
        await debtors!.booked(event);
      } else {
        const end = event.data as { reason: keyof typeof END_REASONS; lastDay: IsoDate; notes?: string };
        ended = { reason: end.reason, lastDay: end.lastDay };
        await dossier.event('placement-ended', `Einde van de tussenkomst op ${formatDateNl(end.lastDay)} door ${END_REASONS[end.reason]}; facturen tot en met ${formatMonthNl(end.lastDay.slice(0, 7))} worden nog afgerekend${end.notes ? `. ${end.notes}` : ''}`, {
          status: 'PLACEMENT_ENDED', data: { reason: end.reason, lastDay: end.lastDay },
        });
        // No review after the end: an open review task ends with the dossier.
        close();
      }
      if (dossier.shouldHandOver()) {
        // A long history hands over between two events: same year, same clocks, same open tasks.
        await dossier.settle();
        return continueAsNew<typeof placementCostsRunning>({ ...input, dossier: dossier.handOver(), grant, totals, appealFrom: undefined, ended, midYear: true, ...(debtors ? { debtors: debtors.handOver() } : {}) });
      }
      continue;
    }
    if (closure) {
      const c = closure;
      const recovery = c.recovery === 'none' ? 'geen terugvordering' : c.recovery === 'estate' ? 'terugvordering op de nalatenschap voor te leggen aan het BCSD' : 'terugvordering bij de verkoop van het onroerend goed voor te leggen aan het BCSD';
      const fromDebtors = debtors ? `; de onderhoudsplichtigen droegen ${formatEuro(debtors.receivedCents)} bij` : '';
      await dossier.event('placement-closed', `Tussenkomst afgesloten: ${totals.months.length} maand(en) afgerekend, het OCMW betaalde ${formatEuro(totals.ocmwCents)}${fromDebtors}; ${recovery}. ${c.note}`, {
        status: 'PLACEMENT_CLOSED', closed: true, data: { ...totals, months: totals.months.length, recovery: c.recovery, ...(debtors ? { debtorsCents: debtors.receivedCents } : {}) },
      });
      await dossier.closeOpenTasks('tussenkomst verblijfskosten afgesloten');
      await dossier.finish({ windows: true });
      return { status: 'PLACEMENT_CLOSED', decision: 'granted', totals, recovery: c.recovery, ...(debtors ? { debtorsCents: debtors.receivedCents } : {}) };
    }
    // The yearly review: the income after indexation and the savings; savings above the ceiling pay first from now on.
    const r = review!;
    const { ceilingCents, excessCents: excess } = await dossier.activity(() => acts.placementSavingsExcess({ couple: grant.couple, savingsCents: r.savingsCents }));
    await dossier.event(
      'placement-reviewed',
      `Jaarlijkse herziening ${reviewYear}: inkomen ${formatEuro(grant.monthlyIncomeCents)} → ${formatEuro(r.monthlyIncomeCents)} per maand, spaargelden ${formatEuro(r.savingsCents)}` +
        `${excess > 0 ? ` (${formatEuro(excess)} boven het plafond van ${formatEuro(ceilingCents)}: betaalt eerst de facturen)` : ''}. ${r.note}`,
      { status: 'PLACEMENT_RUNNING', data: { year: reviewYear, monthlyIncomeCents: r.monthlyIncomeCents, savingsCents: r.savingsCents, savingsExcessCents: excess } },
    );
    await dossier.settle();
    return continueAsNew<typeof placementCostsRunning>({
      dossier: dossier.handOver(),
      grant: { ...grant, monthlyIncomeCents: r.monthlyIncomeCents, savingsExcessCents: excess },
      year: input.year + 1,
      reviewDue: addMonths(input.reviewDue, 12).date,
      totals,
      ...(debtors ? { debtors: debtors.handOver() } : {}),
    });
  }
}

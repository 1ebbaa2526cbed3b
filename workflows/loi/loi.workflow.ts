import { condition, continueAsNew, patched, proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../../activities';
import { addDays, addMonths, compareDates, IsoDate, startOfDay } from '../../libs/deadlines/calendar-date';
import { addWorkingDays } from '../../libs/deadlines/holidays';
import { formatDateNl, formatEuro } from '../../libs/format/dutch';
import { leefgeldAfterCuts, type LoiLeefgeldCut } from '../../libs/payments/loi-leefgeld';
import { addWeeks, IsoWeek, isoWeekOf, weeklyPaymentDay } from '../../libs/payments/schedule';
import { loiMeasureOf } from '../../libs/procedures/loi';
import { Dossier } from '../shared/dossier-runtime';
import type { DossierInput } from '../shared/dossier-input';
import type { DeadlineHandle } from '../shared/deadline-clock';
import { orderPayment } from '../shared/payments';

const acts = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '5 minutes' },
});

/** The external events the LOI's workflow waits for (the same list in every run: an early event waits for its run). */
export const LOI_DOSSIER = {
  takesEvents: ['fedasil-assignment', 'cgvs-decision', 'asylum-final-decision', 'code-207-lifted', 'loi-departure', 'loi-cost', 'loi-order-measure', 'loi-sanction'],
} as const;

/** Four months after the asylum application without a CGVS decision, the applicant may work (§4.1 step 5). */
const WORK_PERMIT_MONTHS = 4;

export interface LoiAssignment {
  assignedOn: IsoDate;
  fedasilReference: string;
  code207: boolean;
  asylumAppliedOn: IsoDate;
  householdSize: number;
}

export interface LoiArrival {
  arrivalDate: IsoDate;
  placeId: string;
  selfCatering: boolean;
  method: 'cash' | 'transfer';
}

/** How the material aid ends (§4.1 steps 7–8): its last day, and why. */
export interface LoiEndOfAid {
  reason: 'recognised' | 'negative';
  notifiedOn: IsoDate;
  lastDay: IsoDate;
}

/** What a run hands the next (continue-as-new): nothing here restarts with a run. */
export interface LoiCarry {
  assignment: LoiAssignment;
  arrival: LoiArrival | null;
  /** The first week whose leefgeld is not ordered yet. */
  nextWeek: IsoWeek | null;
  /** The next evaluation: its number and the date its term runs from (LOI-1 from the assignment, LOI-2 from the last). */
  evaluation: { n: number; trigger: IsoDate };
  cgvsDecided: boolean;
  workPermitted: boolean;
  endOfAid: LoiEndOfAid | null;
  /** After a recognition: the identification number requested, the linked leefloon dossier opened. */
  transition: {
    identified: boolean;
    leefloonOpened: boolean;
    /** The household's other adults (person ids, read once) and those whose own leefloon dossier is open. */
    members?: { personIds: string[]; opened: string[] };
    /** The linked rent guarantee request for the new home: false once due, true once open (absent: a run from before it). */
    rentGuaranteeOpened?: boolean;
  } | null;
  /** Arrival declaration entered in Match-IT (its clock met). */
  arrivalDeclared: boolean;
  /** The arrival declaration's message once queued: a next run waits for its export instead of queueing it again. */
  arrivalMessageId?: string;
  /** Leefgeld withheld by sanctions (art. 45 Opvangwet), by their event: the weeks whose payday falls in a period. */
  leefgeldCuts?: LoiLeefgeldCut[];
}

export interface LoiInput extends DossierInput {
  loi?: LoiCarry;
}

export interface LoiResult {
  status: 'DEPARTED';
  departedOn: IsoDate;
  reason: string;
}

const RECOGNISED = new Set(['refugee', 'subsidiary']);
const COST_LABELS: Record<string, string> = { medical: 'Medische kosten', transport: 'Vervoer', school: 'School en opleiding' };

/**
 * The residence of a household in the LOI (domain §4), from Fedasil's assignment to the departure:
 *
 * - the assignment (the external event that opened the dossier; code 207): the first evaluation of the reception needs
 *   is due within 30 days of it (LOI-1, KB 25 April 2007), then every 6 months from the last (LOI-2), each a task;
 *   a transfer request goes to Fedasil as a partner message;
 * - the arrival: the intake task (house rules and brochure, art. 14 Opvangwet; the waiting register), the place
 *   occupied from that day, and the Match-IT arrival declaration before 10:00 on the next working day (LOI-3-ARRIVAL,
 *   [U]): a message in Fedasil's export, the clock met at the instant it is exported;
 * - the weekly leefgeld from the arrival (the OCMW's dated scale for the household on the payday, in cash against a
 *   receipt or by transfer) through the payments capability, keyed on the ISO week: never twice;
 * - the asylum procedure as events: four months after the application without a CGVS decision the resident may work;
 *   a recognition (LOI-5: the material aid goes on OCMW_LOI_TRANSITION_MONTHS months, [U]) asks for the national or
 *   BIS number (a task) and then opens a linked leefloon dossier with its own clocks; a final negative decision ends
 *   the material aid 30 calendar days after its notification (LOI-6), leave on the first working day after;
 * - the departure: the place freed, the Match-IT departure declaration before 10:00 on the next working day (LOI-3);
 *   declared late, the place counts as suspended from the day after the departure until the declaration.
 *
 * It continues as new between two weeks when the history grows long, carrying what it knows (LoiCarry).
 */
export async function loiResidency(input: LoiInput): Promise<LoiResult> {
  const dossier = new Dossier(input, LOI_DOSSIER);
  await dossier.refreshSettings();
  await dossier.resume();
  const { dossierId } = input;
  const settings = dossier.settings;
  const timeZone = settings.timeZone;
  const untilMs = (day: IsoDate) => Math.max(0, startOfDay(day, timeZone) - Date.now());

  // 1. The assignment (first run): the event that opened the dossier.
  let state: LoiCarry;
  if (input.loi) {
    state = input.loi;
  } else {
    const event = await dossier.waitForEvent('fedasil-assignment');
    const assignment: LoiAssignment = {
      assignedOn: event.occurredOn,
      fedasilReference: String(event.data.fedasilReference),
      code207: event.data.code207 === true,
      asylumAppliedOn: String(event.data.asylumAppliedOn),
      householdSize: Number(event.data.householdSize),
    };
    state = {
      assignment, arrival: null, nextWeek: null, evaluation: { n: 1, trigger: assignment.assignedOn }, cgvsDecided: false, workPermitted: false,
      endOfAid: null, transition: null, arrivalDeclared: false,
    };
    await dossier.event('loi-assigned', `Toegewezen door Fedasil op ${formatDateNl(assignment.assignedOn)} (kenmerk ${assignment.fedasilReference}${assignment.code207 ? ', code 207' : ''}); ${assignment.householdSize} persoon/personen`, {
      status: 'ASSIGNED', data: { ...assignment },
    });
  }
  let departure: { departedOn: IsoDate; reason: string } | undefined;
  const departed = () => departure !== undefined;

  // The departure may be recorded at any moment (a transfer before the arrival, too).
  void dossier.supervise('loi-departure', 'het vertrek uit het LOI', async () => {
    const event = await dossier.waitForEvent('loi-departure');
    departure = { departedOn: String(event.data.departedOn), reason: String(event.data.reason) };
  });

  // Medical, transport and school costs (§4.1 step 4) to their supplier, once per recorded invoice (the event's id); a
  // refusal (the supplier not linked to the dossier, no IBAN) is escalated and the next cost still paid.
  void dossier.supervise('loi-costs', 'de kosten van de opvang', async () => {
    for (;;) {
      const cost = await dossier.waitForEvent('loi-cost');
      const label = `${COST_LABELS[String(cost.data.kind)] ?? 'Kost'}: ${String(cost.data.description)}`;
      const amountCents = Number(cost.data.amountCents);
      await dossier.attempt('betaling van een kost van de opvang', () =>
        orderPayment(dossier, {
          dossierId, kind: 'invoice', period: `once:loi-cost-${cost.eventId.toLowerCase()}`, amountCents, dueDate: dossier.today(),
          payee: { partyId: String(cost.data.supplierPartyId) }, debtRef: String(cost.data.invoiceReference),
          computation: { text: `${label} (factuur ${String(cost.data.invoiceReference)})`, kind: cost.data.kind },
        }),
      );
      await dossier.event('loi-cost', `${label}: ${formatEuro(amountCents)} aan de leverancier (factuur ${String(cost.data.invoiceReference)})`, { data: { eventId: cost.eventId, kind: cost.data.kind, amountCents } });
    }
  });

  // Order measures and sanctions (art. 44–46 Opvangwet), recorded by the coordinator: each a letter to the resident,
  // handed against receipt (the appeal term, LOI-APPEAL [U], runs from the signature); a leefgeld cut applies to the
  // weeks whose payday falls in its period; a transfer is asked of Fedasil. Keyed on the recorded event: never twice.
  void dossier.supervise('loi-sanctions', 'de ordemaatregelen en sancties', async () => {
    for (;;) {
      const event = await dossier.waitForAnyEvent(['loi-order-measure', 'loi-sanction']);
      const m = loiMeasureOf(event.type as 'loi-order-measure' | 'loi-sanction', event.data);
      const ref = event.eventId.toLowerCase();
      const period = m.from && m.to ? ` van ${formatDateNl(m.from)} tot en met ${formatDateNl(m.to)}` : '';
      const withheld = m.leefgeldPercent === undefined ? undefined : m.leefgeldPercent === 100 ? 'al uw leefgeld' : `${m.leefgeldPercent} % van uw leefgeld`;
      if (m.leefgeldPercent !== undefined && m.from && m.to && !(state.leefgeldCuts ?? []).some((c) => c.ref === ref)) {
        state.leefgeldCuts = [...(state.leefgeldCuts ?? []), { ref, from: m.from, to: m.to, percent: m.leefgeldPercent }];
      }
      await dossier.event(m.kind === 'sanction' ? 'loi-sanction' : 'loi-order-measure',
        `${m.kind === 'sanction' ? 'Sanctie' : 'Ordemaatregel'} beslist op ${formatDateNl(m.decidedOn)}${period}: ${m.measure}${withheld ? ` (${withheld} ingehouden)` : ''}`, {
          data: { eventId: event.eventId, kind: m.kind, sanction: m.sanction, decidedOn: m.decidedOn, from: m.from, to: m.to, leefgeldPercent: m.leefgeldPercent },
        });
      await dossier.attempt(m.kind === 'sanction' ? 'de brief over de sanctie' : 'de brief over de ordemaatregel', () =>
        acts.issueLetter({
          dossierId, key: `loi-sanction:${ref}`, template: 'loi-sanction',
          data: { kind: m.kind, measure: m.measure, facts: m.facts, decidedOn: m.decidedOn, heardOn: m.heardOn, from: m.from, to: m.to, leefgeld: withheld, transfer: m.transfer },
          delivery: { mode: 'against-receipt' },
        } as never),
      );
      if (m.transfer) {
        await dossier.attempt('transferaanvraag aan Fedasil (sanctie)', () =>
          acts.queuePartnerMessage({
            dossierId, partner: 'fedasil', kind: 'transfer-request', partnerRef: `transfer:sanction-${ref}`,
            payload: { fedasilReference: state.assignment.fedasilReference, decidedOn: m.decidedOn, reason: 'Sanctie: overplaatsing naar een andere opvangstructuur (art. 45 Opvangwet)' },
          }),
        );
      }
    }
  });

  // 2. Evaluations of the reception needs: LOI-1 within 30 days of the assignment, then LOI-2 every 6 months.
  void dossier.supervise('loi-evaluations', 'de evaluaties van de opvangbehoeften', async () => {
    for (;;) {
      const { n, trigger } = state.evaluation;
      const clock = await dossier.deadline(`evaluation-${n}`, n === 1 ? 'LOI-1' : 'LOI-2', trigger);
      const outcome = await Promise.race([dossier.task('loi-evaluation', { key: `evaluation-${n}`, deadline: clock }), condition(departed).then(() => undefined)]);
      if (!outcome) {
        await clock.cancel('vertrokken');
        return;
      }
      await clock.met(String(outcome.evaluatedOn));
      await dossier.event('loi-evaluated', `Evaluatie ${n} van de opvangbehoeften op ${formatDateNl(String(outcome.evaluatedOn))}${outcome.transferRequested ? ': transfer aangevraagd bij Fedasil' : ''}`, {
        data: { n, evaluatedOn: outcome.evaluatedOn, vulnerable: outcome.vulnerable, transferRequested: outcome.transferRequested },
      });
      if (outcome.transferRequested) {
        await dossier.attempt('transferaanvraag aan Fedasil', () =>
          acts.queuePartnerMessage({
            dossierId, partner: 'fedasil', kind: 'transfer-request', partnerRef: `transfer:evaluation-${n}`,
            payload: { fedasilReference: state.assignment.fedasilReference, evaluatedOn: outcome.evaluatedOn, reason: outcome.transferReason, vulnerable: outcome.vulnerable },
          }),
        );
      }
      state.evaluation = { n: n + 1, trigger: String(outcome.evaluatedOn) };
    }
  });

  // 3. The asylum procedure: the decisions as events; the right to work after four months without a CGVS decision.
  // The wait for an event is never raced against a timer: a wait left behind would take the next event and lose it.
  void dossier.supervise('loi-work-permit', 'het recht om te werken', async () => {
    const permitOn = addMonths(state.assignment.asylumAppliedOn, WORK_PERMIT_MONTHS).date;
    if (state.workPermitted || state.cgvsDecided) return;
    if (await condition(() => departed() || state.cgvsDecided, untilMs(permitOn))) return;
    state.workPermitted = true;
    await dossier.event('loi-work-permitted', `Geen beslissing van het CGVS binnen ${WORK_PERMIT_MONTHS} maanden na het verzoek (${formatDateNl(state.assignment.asylumAppliedOn)}): de bewoner mag werken vanaf ${formatDateNl(permitOn)}`);
  });
  void dossier.supervise('loi-asylum', 'de opvolging van de asielprocedure', async () => {
    for (;;) {
      const event = await dossier.waitForAnyEvent(['cgvs-decision', 'asylum-final-decision', 'code-207-lifted']);
      if (departed()) return;
      if (event.type === 'code-207-lifted') continue; // on the timeline (the runtime wrote it); the stay goes on
      if (event.type === 'cgvs-decision') {
        state.cgvsDecided = true;
        // A recognition by the CGVS is final for the reception; a refusal is not final until the RvV (or no appeal).
        if (RECOGNISED.has(String(event.data.decision))) await recognise(String(event.data.notifiedOn));
        continue;
      }
      if (event.data.outcome === 'recognised') await recognise(String(event.data.notifiedOn));
      else await endAfterRefusal(String(event.data.notifiedOn));
    }
  });

  /** LOI-5 ([U] the term): the aid goes on for the transition months; the leefloon needs an identification number first. */
  async function recognise(notifiedOn: IsoDate): Promise<void> {
    if (state.endOfAid) return;
    const months = settings.loiTransitionMonths ?? 2;
    state.endOfAid = { reason: 'recognised', notifiedOn, lastDay: addDays(addMonths(notifiedOn, months).date, -1) };
    state.transition = { identified: false, leefloonOpened: false };
    await dossier.event('loi-recognised', `Erkend (kennisgeving ${formatDateNl(notifiedOn)}): overgang naar zelfstandig wonen; de materiële hulp loopt tot en met ${formatDateNl(state.endOfAid.lastDay)} (${months} maanden, LOI-5)`, {
      status: 'TRANSITION', data: { ...state.endOfAid },
    });
    void superviseTransition();
  }

  function superviseTransition(): Promise<void> {
    return dossier.supervise('loi-transition', 'de overgang naar het leefloon', async () => {
      if (!state.transition) return;
      if (!state.transition.identified) {
        const outcome = await Promise.race([dossier.task('loi-identification', { key: 'identification' }), condition(departed).then(() => undefined)]);
        if (!outcome) return;
        state.transition.identified = true;
      }
      if (!state.transition.leefloonOpened) {
        await dossier.openLinked('leefloon', 'leefloon:after-loi', 'Erkend in het LOI: recht op leefloon nagaan (het LOI-OCMW is bevoegd voor de huurwaarborg)');
        state.transition.leefloonOpened = true;
      }
      // Every other adult of the family (18 or older on the notification) has a right of their own: a leefloon dossier
      // each, linked, with its own clocks (§4.1 step 7); the identification task covered the household. Keyed on the
      // person: a later run or a retry opens none twice.
      if (patched('loi-household-leefloon') && state.endOfAid) {
        const notifiedOn = state.endOfAid.notifiedOn;
        state.transition.members ??= { personIds: (await dossier.activity(() => acts.loiAdultMembers({ dossierId, on: notifiedOn }))).personIds, opened: [] };
        const members = state.transition.members;
        for (const personId of members.personIds) {
          if (members.opened.includes(personId)) continue;
          await dossier.attempt('een leefloondossier voor een volwassen gezinslid', () =>
            dossier.openLinked('leefloon', `leefloon:after-loi:${personId}`, 'Erkend in het LOI (gezinslid): recht op leefloon nagaan', { personId }),
          );
          members.opened.push(personId);
        }
      }
      // The household's new home needs a rent guarantee, and the LOI's OCMW is competent for it (§6.1: "assigned to an
      // LOI: the LOI's OCMW"): a linked request, opened once (link key `rent-guarantee:after-loi`).
      if (patched('loi-rent-guarantee') && state.transition.rentGuaranteeOpened !== true) {
        state.transition.rentGuaranteeOpened = false;
        await dossier.attempt('een aanvraag huurwaarborg voor de nieuwe woning', () =>
          dossier.openLinked('rent-guarantee', 'rent-guarantee:after-loi', 'Erkend in het LOI: huurwaarborg voor de nieuwe woning (het OCMW van het LOI is bevoegd, §6.1)'),
        );
        state.transition.rentGuaranteeOpened = true;
      }
    });
  }
  // Done once every adult's dossier is open; a run carried from before the members' step still takes it.
  const transitionDone = (t: NonNullable<LoiCarry['transition']>) =>
    t.identified && t.leefloonOpened && !!t.members && t.members.opened.length === t.members.personIds.length && t.rentGuaranteeOpened !== false;
  if (state.transition && !transitionDone(state.transition)) void superviseTransition();

  /** LOI-6: the aid ends 30 calendar days after the notification of the final negative decision. */
  async function endAfterRefusal(notifiedOn: IsoDate): Promise<void> {
    if (state.endOfAid) return;
    const clock = await dossier.deadline('end-of-aid', 'LOI-6', notifiedOn, { kind: 'window' });
    const lastDay = clock.dueDate() ?? addDays(notifiedOn, 30);
    state.endOfAid = { reason: 'negative', notifiedOn, lastDay };
    const leaveBy = addWorkingDays(lastDay, 1);
    await dossier.event('loi-end-of-aid', `Definitief negatief (kennisgeving ${formatDateNl(notifiedOn)}): de materiële hulp eindigt op ${formatDateNl(lastDay)} (LOI-6); de bewoner verlaat het LOI op ${formatDateNl(leaveBy)}`, {
      status: 'END_OF_AID', data: { ...state.endOfAid, leaveBy },
    });
  }

  // 4. The arrival: the intake task, the place occupied, the Match-IT declaration.
  if (!state.arrival) {
    const intake = await Promise.race([dossier.task('loi-intake', { key: 'intake' }), condition(departed).then(() => undefined)]);
    if (intake) {
      state.arrival = {
        arrivalDate: String(intake.arrivalDate), placeId: String(intake.placeId), selfCatering: intake.selfCatering === true,
        method: intake.leefgeldMethod === 'transfer' ? 'transfer' : 'cash',
      };
      // A place unknown or full is escalated to the team lead (attempt), the stay goes on.
      const arrival = state.arrival;
      await dossier.attempt('de bezetting van de opvangplaats', () => acts.occupyPlace({ placeId: arrival.placeId, dossierId, from: arrival.arrivalDate, persons: state.assignment.householdSize }));
      await dossier.event('loi-arrived', `Aangekomen in het LOI op ${formatDateNl(state.arrival.arrivalDate)}: huishoudelijk reglement en onthaalbrochure overhandigd (art. 14 Opvangwet), wachtregister op ${formatDateNl(String(intake.waitingRegisterOn))}`, {
        status: 'RESIDING', data: { ...state.arrival },
      });
    }
  }
  if (state.arrival && !state.arrivalDeclared) {
    const arrival = state.arrival;
    void dossier.supervise('match-it-arrival', 'de aankomstmelding in Match-IT', async () => {
      await declareInMatchIt('arrival', arrival.arrivalDate, arrival.placeId, (id) => (state.arrivalMessageId = id), state.arrivalMessageId);
      state.arrivalDeclared = true;
    });
  }

  /**
   * A Match-IT declaration (arrival: LOI-3-ARRIVAL, departure: LOI-3): a message in Fedasil's export, its clock met at
   * the instant the export takes it. Returns whether it was on time.
   */
  async function declareInMatchIt(
    kind: 'arrival' | 'departure', day: IsoDate, placeId: string, queued?: (partnerMessageId: string) => void, known?: string,
  ): Promise<{ onTime: boolean; declaredOn: IsoDate }> {
    const clock: DeadlineHandle = await dossier.deadline(`match-it-${kind}`, kind === 'arrival' ? 'LOI-3-ARRIVAL' : 'LOI-3', day);
    const partnerMessageId = known ?? (await dossier.activity(() =>
      acts.queuePartnerMessage({
        dossierId, partner: 'fedasil', kind: `match-it-${kind}`, partnerRef: `match-it-${kind}:${day}`, dueDate: clock.dueDate(),
        payload: { declaration: kind, day, placeId, fedasilReference: state.assignment.fedasilReference, householdSize: state.assignment.householdSize },
      }),
    )).partnerMessageId;
    queued?.(partnerMessageId);
    const declaredOn = await dossier.partnerMessageSent(partnerMessageId);
    await clock.metAt(Date.now());
    return { onTime: clock.status() === 'met', declaredOn };
  }

  // 5. The weekly leefgeld from the arrival, until the departure or the last day of the aid.
  const weekday = settings.leefgeldWeekday ?? 1;
  const lastPaidDay = () => (state.endOfAid ? state.endOfAid.lastDay : null);
  if (state.arrival) {
    const arrival = state.arrival;
    let week = state.nextWeek ?? isoWeekOf(arrival.arrivalDate);
    for (;;) {
      const scheduled = weeklyPaymentDay(week, weekday);
      // The first week's at once on the arrival day when its payday lies before it.
      const day = compareDates(scheduled, arrival.arrivalDate) < 0 ? arrival.arrivalDate : scheduled;
      if (await condition(departed, untilMs(day))) break;
      const last = lastPaidDay();
      if (last && compareDates(day, last) > 0) break;
      const leefgeld = await dossier.activity(() => acts.loiWeeklyLeefgeld({ dossierId, day, selfCatering: arrival.selfCatering }));
      // A sanction in force on the payday withholds its part (art. 45 Opvangwet); without one nothing changes.
      const paid = leefgeldAfterCuts(leefgeld.amountCents, day, state.leefgeldCuts ?? []);
      if (paid.amountCents > 0) {
        await orderPayment(dossier, {
          dossierId, kind: 'leefgeld', period: week, amountCents: paid.amountCents, dueDate: day,
          computation: {
            text: leefgeld.text, persons: leefgeld.persons, scaleValidFrom: leefgeld.scaleValidFrom, amount: formatEuro(paid.amountCents),
            ...(paid.cut ? { withheld: formatEuro(paid.withheldCents), sanction: paid.cut.ref } : {}),
          },
          ...(arrival.method === 'cash' ? { method: 'cash' as const } : {}),
        });
      }
      if (paid.cut) {
        await dossier.event('loi-leefgeld-withheld', `Leefgeld van ${formatDateNl(day)}: ${formatEuro(paid.withheldCents)} van ${formatEuro(leefgeld.amountCents)} ingehouden door een sanctie (${paid.cut.percent} %, art. 45 Opvangwet)`, {
          data: { week, withheldCents: paid.withheldCents, sanction: paid.cut.ref },
        });
      }
      week = addWeeks(week, 1);
      state.nextWeek = week;
      if (dossier.shouldHandOver()) {
        await dossier.settle();
        return continueAsNew<typeof loiResidency>({ ...dossier.handOver(), loi: state });
      }
    }
  }

  // 6. The departure: the place freed, Match-IT told (LOI-3), a late declaration suspends the place until it is made.
  await condition(departed);
  const { departedOn, reason } = departure!;
  await dossier.event('loi-departed', `Vertrokken uit het LOI op ${formatDateNl(departedOn)}`, { data: { departedOn, reason } });
  if (state.arrival) {
    const placeId = state.arrival.placeId;
    await dossier.attempt('het vrijgeven van de opvangplaats', () => acts.releasePlace({ placeId, dossierId, on: departedOn }));
    const declared = await declareInMatchIt('departure', departedOn, placeId);
    if (!declared.onTime) {
      // LOI-3: declared late, the place is suspended from the day after the departure (a lower subsidy in form I).
      const from = addDays(departedOn, 1);
      const to = compareDates(declared.declaredOn, from) >= 0 ? declared.declaredOn : from;
      await dossier.attempt('de schorsing van de opvangplaats', () => acts.suspendPlace({ placeId, dossierId, from, to, reason: 'Vertrekmelding in Match-IT te laat (LOI-3)' }));
      await dossier.event('loi-place-suspended', `Vertrekmelding te laat: de plaats telt als geschorst van ${formatDateNl(from)} tot en met ${formatDateNl(to)} (LOI-3)`);
    }
  }
  // An end of aid not reached yet (left before the last day) no longer applies.
  await dossier.deadlineOf('end-of-aid')?.cancel('vertrokken');
  await dossier.closeOpenTasks('de bewoner is vertrokken');
  await dossier.event('loi-closed', `Dossier afgesloten: vertrokken op ${formatDateNl(departedOn)}`, { status: 'DEPARTED', closed: true, data: { departedOn, reason } });
  await dossier.finish({ windows: true });
  return { status: 'DEPARTED', departedOn, reason };
}

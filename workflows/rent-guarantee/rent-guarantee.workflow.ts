import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../../activities';
import { addDays, IsoDate, startOfDay } from '../../libs/deadlines/calendar-date';
import { assessGuarantee, GUARANTEE_FORMS, guaranteeRule, Instalment, repaymentPlan } from '../../libs/domain/rent-guarantee';
import { formatDateNl, formatEuro } from '../../libs/format/dutch';
import { parseOgm, planOgm } from '../../libs/payments/ogm';
import { RENT_GUARANTEE } from '../../libs/procedures/rent-guarantee';
import type { DossierInput } from '../shared/dossier-input';
import { Dossier } from '../shared/dossier-runtime';
import type { ExternalEventInput } from '../shared/dossier.messages';
import { orderPayment } from '../shared/payments';
import { councilDecides, notifyDecision, openRequest } from '../shared/request-pipeline';

const acts = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '5 minutes' },
});

const PAID_EVENT = 'guarantee-instalment-paid';
const RELEASED_EVENT = 'guarantee-released';

/** The external events a rent guarantee dossier waits for: POD MI's designation, the client's instalments, the release. */
export const RENT_GUARANTEE_DOSSIER = { takesEvents: ['competence-designation', PAID_EVENT, RELEASED_EVENT] } as const;

export interface RentGuaranteeResult {
  status: 'FORWARDED' | 'NOTIFIED' | 'GUARANTEE_RELEASED';
  decision?: 'granted' | 'refused';
  form?: keyof typeof GUARANTEE_FORMS;
  amountCents?: number;
  /** A deposit: what the client repaid, what the bank returned to the OCMW and was set off, paid on to the client, left open. */
  repaidCents?: number;
  setOffCents?: number;
  surplusCents?: number;
  outstandingCents?: number;
  /** A guarantee letter called at the release: what the OCMW paid the landlord (the client repays it). */
  landlordClaimCents?: number;
}

/** A repayment plan as the dossier follows it: its number in the dossier (1–9, in its communication) and instalments. */
interface Plan {
  number: number;
  communication: string;
  instalments: Instalment[];
  /** What the client had repaid when the plan was made: the plan covers what was still owed then. */
  paidBefore: number;
  /** The next instalment whose reminder day is still to come (an index in `instalments`). */
  next: number;
  letterDate: IsoDate;
}

/**
 * A request for a rent guarantee (domain §6) on the §0.1 pipeline: registered with its receipt, the competence check
 * (the OCMW of the usual residence at the request, §6.1), the inquiry of the lease, the proposal computed from it
 * (libs/domain/rent-guarantee.ts: the cap by the lease's date, an unaffordable rent or an unfit home refused), the BCSD
 * within the month (SA-3) and the letter (SA-4). A grant then gives the guarantee in the form chosen:
 * - the OCMW's guarantee letter to the landlord (nothing is paid; the OCMW answers for the tenant up to the amount);
 * - the request to the bank for a bank guarantee under the OCMW's standard contract (the tenant repays the bank);
 * - the deposit on the blocked account the bank keeps in the tenant's name, an advance the client repays by a plan:
 *   the plan's letter with its structured communication, each instalment followed to its due day plus the grace days
 *   (OCMW_INSTALMENT_GRACE_DAYS, [U]), a reminder when it is not paid, and at the second missed instalment a task for
 *   the social worker (go on, a new plan for what is left, or no more reminders until the release).
 * The release (the written agreement of tenant and landlord, or a judgment: §6.1) ends the file: what the bank returns
 * to the OCMW is set off against what the client still owes, the rest paid on to the client.
 *
 * No continue-as-new: a plan is a few events a month for a few years, and the wait for the release has no timer. Every
 * key is a business name: the deposit `once:rent-guarantee`, a plan by its number, a reminder by plan and instalment.
 */
export async function rentGuaranteeApplication(input: DossierInput): Promise<RentGuaranteeResult> {
  const dossier = new Dossier(input, RENT_GUARANTEE_DOSSIER);
  await dossier.refreshSettings();
  const { dossierId, reference } = input;
  const opened = await openRequest(dossier, 'Aanvraag huurwaarborg');
  if ('handled' in opened) return opened.handled;
  const { decisionTerm } = opened;

  await dossier.event('inquiry-started', 'Onderzoek huurwaarborg gestart: huurovereenkomst, huurprijs en vorm van de waarborg', { status: 'INQUIRY' });
  const inquiry = await dossier.task('guarantee-inquiry', { deadline: decisionTerm });
  const assessment = assessGuarantee({
    leaseSignedOn: inquiry.leaseSignedOn, monthlyRentCents: inquiry.monthlyRentCents, guaranteeCents: inquiry.guaranteeCents, form: inquiry.form,
    rentAffordable: inquiry.rentAffordable, homeDeclaredUnfit: inquiry.homeDeclaredUnfit,
  });
  await dossier.event('guarantee-assessed', assessment.grant ? `Voorstel: toekennen. ${assessment.text}` : `Voorstel: weigeren. ${assessment.text}`, {
    status: 'AWAITING_DECISION',
    data: assessment.grant ? { amountCents: assessment.amountCents, form: inquiry.form } : { reasons: assessment.reasons, form: inquiry.form },
  });

  const { decision, result, decisionDate } = await councilDecides(dossier, decisionTerm, {
    reference,
    proposal: assessment.grant ? 'grant' : 'refuse',
    ...(assessment.grant ? { amountCents: assessment.amountCents } : {}),
    motivation: assessment.text,
  }, false);

  const amountCents = result === 'granted' ? (decision.amountCents ?? inquiry.guaranteeCents) : undefined;
  const form = inquiry.form;
  // SA-4: notified within 8 days, by registered letter or against receipt (art. 62bis OCMW-wet).
  const notificationTerm = await dossier.deadline('notification', 'SA-4', decisionDate);
  const delivered = await notifyDecision(dossier, notificationTerm, {
    key: 'decision-letter',
    template: amountCents !== undefined ? 'decision-grant' : 'decision-refusal',
    data: {
      decisionDate,
      legalReasons: RENT_GUARANTEE.letters.legalReasons,
      factualReasons: decision.motivation,
      ...(amountCents !== undefined
        ? { aid: { kind: 'guarantee', label: `Huurwaarborg: ${GUARANTEE_FORMS[form].charAt(0).toLowerCase()}${GUARANTEE_FORMS[form].slice(1)}`, description: guaranteeDescription(form, inquiry.leaseSignedOn), amountCents } }
        : {}),
    },
  });
  await dossier.event('notified', `Beslissing ter kennis gebracht op ${formatDateNl(delivered.notifiedOn)}`, { status: 'NOTIFIED' });
  dossier.superviseRatifications();
  if (amountCents === undefined) {
    await dossier.finish({ windows: true });
    return { status: 'NOTIFIED', decision: 'refused' };
  }

  // The guarantee in its form: a letter to the landlord or the bank, or the deposit on the blocked account.
  const law = guaranteeRule(inquiry.leaseSignedOn, form).law;
  const letterData = { decisionDate, amountCents, monthlyRentCents: inquiry.monthlyRentCents, leaseSignedOn: inquiry.leaseSignedOn, law };
  if (form === 'guarantee-letter') {
    await dossier.attempt('waarborgbrief aan de verhuurder', () =>
      acts.issueLetter({ dossierId, key: 'guarantee-letter', template: 'guarantee-letter', data: letterData, delivery: { mode: 'letter' }, recipient: { partyId: inquiry.landlordPartyId } }),
    );
    await dossier.event('guarantee-given', `Waarborgbrief van ${formatEuro(amountCents)} aan de verhuurder verstuurd`, { status: 'GUARANTEE_GIVEN', data: { form, amountCents } });
  } else if (form === 'bank-guarantee') {
    // The landlord by its party id: the activity writes its name (a landlord may be a person: no name in the history).
    await dossier.attempt('aanvraag bankwaarborg', () =>
      acts.issueLetter({
        dossierId, key: 'guarantee-bank-request', template: 'guarantee-bank-request', data: { ...letterData, landlordPartyId: inquiry.landlordPartyId }, delivery: { mode: 'letter' }, recipient: { partyId: inquiry.bankPartyId! },
      }),
    );
    await dossier.event('guarantee-given', `Bankwaarborg van ${formatEuro(amountCents)} aangevraagd bij de bank (standaardovereenkomst)`, { status: 'GUARANTEE_GIVEN', data: { form, amountCents } });
  } else {
    // The deposit: paid to the bank, on the blocked account it keeps in the tenant's name (an advance of the OCMW).
    await orderPayment(dossier, {
      dossierId, kind: 'guarantee', period: 'once:rent-guarantee', amountCents, dueDate: dossier.today(),
      computation: { text: `Huurwaarborg op een geblokkeerde rekening (${law})`, leaseSignedOn: inquiry.leaseSignedOn, monthlyRentCents: inquiry.monthlyRentCents },
      payee: { partyId: inquiry.bankPartyId!, iban: inquiry.blockedAccountIban! },
    });
    await dossier.event('guarantee-given', `Huurwaarborg van ${formatEuro(amountCents)} ter betaling gegeven op de geblokkeerde huurwaarborgrekening`, { status: 'GUARANTEE_GIVEN', data: { form, amountCents } });
  }

  // The client's repayment of a deposit, followed instalment by instalment; other forms only wait for the release.
  const deposit = form === 'blocked-account';
  const grace = dossier.settings.instalmentGraceDays ?? 10;
  const timeZone = input.settings.timeZone;
  let paid = 0;
  let missed = 0;
  let reminding = deposit;
  let plan: Plan | undefined;
  // What the client owes the OCMW: the deposit, or what the OCMW paid the landlord on a guarantee letter at the release.
  let owed = deposit ? amountCents : 0;
  let released = false;
  const outstanding = () => owed - paid;
  /** What the plan's instalments up to and including `i` add up to, beyond what was paid before the plan. */
  const dueBy = (p: Plan, i: number) => p.instalments.slice(0, i + 1).reduce((sum, x) => sum + x.amountCents, 0);

  const makePlan = async (number: number, monthlyCents: number, firstDue: IsoDate, paidToLandlordOn?: IsoDate) => {
    const communication = planOgm(reference, number);
    // A plan runs at most 240 months (repaymentPlan): a smaller instalment is raised to fit (the letter says the amounts).
    const instalments = repaymentPlan(outstanding(), Math.max(monthlyCents, Math.ceil(outstanding() / 240)), firstDue);
    const replaces = plan?.letterDate;
    plan = { number, communication, instalments, paidBefore: paid, next: 0, letterDate: dossier.today() };
    await dossier.attempt('afbetalingsplan huurwaarborg', () =>
      acts.issueLetter({
        dossierId, key: `repayment-plan-${number}`, template: 'guarantee-repayment-plan',
        data: { decisionDate, amountCents: outstanding(), instalments, communication, ...(replaces ? { replacesPlanOf: replaces } : {}), ...(paidToLandlordOn ? { paidToLandlordOn } : {}) },
        delivery: { mode: 'letter' },
      }),
    );
    await dossier.event('repayment-plan', `Afbetalingsplan ${number}: ${formatEuro(outstanding())} in ${instalments.length} afbetaling(en) vanaf ${formatDateNl(firstDue)}, mededeling ${communication}`, {
      status: 'REPAYING', data: { plan: number, communication, instalments: instalments.length, amountCents: outstanding(), monthlyCents },
    });
  };
  if (deposit) await makePlan(1, inquiry.monthlyRepaymentCents!, inquiry.firstRepaymentOn!);

  /** An instalment's reminder day has come: paid as planned, or reminded; the second missed one is the social worker's. */
  const instalmentDue = async (p: Plan) => {
    const i = p.next;
    p.next += 1;
    const instalment = p.instalments[i];
    const behind = dueBy(p, i) - (paid - p.paidBefore);
    if (behind <= 0) return;
    missed += 1;
    const payBy = addDays(dossier.today(), grace);
    await dossier.attempt('herinnering afbetaling huurwaarborg', () =>
      acts.issueLetter({
        dossierId, key: `instalment-reminder-${p.number}-${instalment.number}`, template: 'guarantee-instalment-reminder',
        data: { instalment, behindCents: behind, payBy, communication: p.communication }, delivery: { mode: 'letter' },
      }),
    );
    await dossier.event('instalment-missed', `Afbetaling ${instalment.number} van plan ${p.number} (${formatDateNl(instalment.dueDate)}) niet betaald: achterstand ${formatEuro(behind)}, herinnering verstuurd`, {
      status: 'REPAYMENT_ARREARS', data: { plan: p.number, instalment: instalment.number, behindCents: behind, missed },
    });
    if (missed < 2) return;
    const choice = await dossier.task('guarantee-arrears', { key: `arrears-${p.number}-${instalment.number}` });
    missed = 0;
    if (choice.action === 'continue') {
      await dossier.event('arrears-continue', `Terugbetaling gaat verder volgens plan ${p.number}. ${choice.note}`, { status: 'REPAYING' });
    } else if (choice.action === 'new-plan') {
      if (p.number >= 9) {
        // The communication has room for nine plans in a dossier (planOgm): a tenth goes on under the ninth's reminders.
        await dossier.event('arrears-continue', `Geen nieuw plan meer mogelijk (negen plannen): plan ${p.number} loopt verder. ${choice.note}`, { status: 'REPAYING' });
      } else {
        await makePlan(p.number + 1, choice.monthlyRepaymentCents!, choice.firstRepaymentOn!);
      }
    } else {
      reminding = false;
      await dossier.event('arrears-await-release', released
        ? `Geen herinneringen meer: ${formatEuro(outstanding())} blijft open (terugvordering bij de cliënt alleen na een beslissing van het BCSD). ${choice.note}`
        : `Geen herinneringen meer: wat openstaat (${formatEuro(outstanding())}) wordt verrekend bij de vrijgave van de waarborg. ${choice.note}`, { status: 'REPAYMENT_ARREARS' });
    }
  };

  /**
   * Follows the plan and the events of `types`: reminds on each instalment's day, books each payment. Returns the
   * release when one comes; with `untilRepaid`, undefined once nothing is owed any more or the reminders are stopped.
   */
  const follow = async (types: readonly string[], untilRepaid: boolean): Promise<ExternalEventInput | undefined> => {
    for (;;) {
      const current = reminding && plan && outstanding() > 0 && plan.next < plan.instalments.length ? plan : undefined;
      const remindOn = current ? addDays(current.instalments[current.next].dueDate, grace) : undefined;
      const event: ExternalEventInput | undefined = remindOn
        ? await dossier.waitForAnyEventWithin(types, startOfDay(remindOn, timeZone) - Date.now())
        : await dossier.waitForAnyEvent(types);
      if (!event) {
        await instalmentDue(current!);
        if (untilRepaid && !reminding) return undefined;
        continue;
      }
      if (event.type === PAID_EVENT) {
        const data = event.data as { amountCents: number; communication?: string };
        paid += data.amountCents;
        const ours = data.communication === undefined || (plan !== undefined && parseOgm(data.communication) === parseOgm(planOgm(reference, plan.number)));
        await dossier.event(
          'instalment-paid',
          `Afbetaling van ${formatEuro(data.amountCents)} ontvangen op ${formatDateNl(event.occurredOn)}` +
            `${owed > 0 ? `; nog terug te betalen: ${formatEuro(Math.max(0, outstanding()))}` : ''}` +
            `${ours ? '' : ' (de mededeling hoort niet bij het lopende plan van dit dossier: nagaan)'}`,
          { status: owed === 0 ? 'GUARANTEE_GIVEN' : outstanding() <= 0 ? 'GUARANTEE_GIVEN' : 'REPAYING', data: { eventId: event.eventId, amountCents: data.amountCents, paidCents: paid, outstandingCents: Math.max(0, outstanding()), matched: ours } },
        );
        if (owed > 0 && outstanding() <= 0) {
          await dossier.event('guarantee-repaid', `${released ? 'Wat het OCMW aan de verhuurder betaalde is' : 'Huurwaarborg'} volledig terugbetaald (${formatEuro(paid)})${paid > owed ? `; ${formatEuro(paid - owed)} te veel betaald, terug te storten` : ''}`, { status: released ? 'GUARANTEE_RELEASED' : 'GUARANTEE_GIVEN' });
          if (paid > owed) {
            await orderPayment(dossier, {
              dossierId, kind: 'one-off', period: `once:guarantee-overpaid-${event.occurredOn}`, amountCents: paid - owed, dueDate: dossier.today(),
              computation: { text: 'Te veel terugbetaald op de huurwaarborg', repaidCents: paid, guaranteeCents: owed },
            });
            paid = owed;
          }
          if (untilRepaid) return undefined;
        }
        continue;
      }
      return event;
    }
  };

  const event = (await follow([PAID_EVENT, RELEASED_EVENT], false))!;

  // The release (§6.1: written agreement of tenant and landlord, or a judgment): the file ends.
  const release = event.data as { basis: 'written-agreement' | 'judgment'; returnedToOcmwCents: number; landlordClaimCents?: number; notes?: string };
  const basis = release.basis === 'judgment' ? 'een rechterlijke beslissing' : 'het schriftelijk akkoord van huurder en verhuurder';
  const open = Math.max(0, outstanding());
  const setOff = Math.min(open, release.returnedToOcmwCents);
  const surplus = release.returnedToOcmwCents - setOff;
  if (surplus > 0) {
    // What the bank returned beyond what the client still owed is the client's.
    await orderPayment(dossier, {
      dossierId, kind: 'one-off', period: `once:guarantee-release-${event.occurredOn}`, amountCents: surplus, dueDate: dossier.today(),
      computation: { text: 'Vrijgegeven huurwaarborg boven wat de cliënt nog verschuldigd was', returnedCents: release.returnedToOcmwCents, setOffCents: setOff },
    });
  }
  const left = open - setOff;
  // A guarantee letter: what the agreement or the judgment gives the landlord is the OCMW's to pay, up to the guarantee.
  const claim = form === 'guarantee-letter' ? Math.min(release.landlordClaimCents ?? 0, amountCents) : 0;
  await dossier.event(
    'guarantee-released',
    `Huurwaarborg vrijgegeven op ${formatDateNl(event.occurredOn)} op grond van ${basis}` +
      (deposit
        ? `: ${formatEuro(release.returnedToOcmwCents)} aan het OCMW teruggestort, ${formatEuro(setOff)} verrekend${surplus > 0 ? `, ${formatEuro(surplus)} voor de cliënt` : ''}` +
          `${left > 0 ? `; ${formatEuro(left)} blijft open (terugvordering bij de cliënt alleen na een beslissing van het BCSD)` : ''}`
        : '; de verbintenis van het OCMW eindigt') +
      `${claim > 0 ? `; de verhuurder krijgt ${formatEuro(claim)} uit de waarborgbrief` : ''}` +
      `${release.notes ? `. ${release.notes}` : ''}`,
    {
      status: 'GUARANTEE_RELEASED',
      data: { basis: release.basis, returnedToOcmwCents: release.returnedToOcmwCents, setOffCents: setOff, surplusCents: surplus, outstandingCents: left, ...(claim > 0 ? { landlordClaimCents: claim } : {}) },
    },
  );
  if (claim > 0) {
    // The OCMW pays the landlord what the guarantee letter covers; the client owes it to the OCMW (an advance).
    released = true;
    await orderPayment(dossier, {
      dossierId, kind: 'guarantee', period: 'once:guarantee-claim', amountCents: claim, dueDate: dossier.today(),
      computation: { text: `Uit de waarborgbrief aan de verhuurder, op grond van ${basis}`, guaranteeCents: amountCents },
      payee: { partyId: inquiry.landlordPartyId },
    });
    owed += claim;
    await dossier.event('guarantee-claim-paid', `${formatEuro(claim)} uit de waarborgbrief aan de verhuurder ter betaling gegeven; de cliënt betaalt het OCMW terug`, { status: 'REPAYMENT_ARREARS', data: { claimCents: claim } });
    const recovery = await dossier.task('guarantee-recovery');
    if (recovery.action === 'plan') {
      reminding = true;
      await makePlan(plan ? plan.number + 1 : 1, recovery.monthlyRepaymentCents!, recovery.firstRepaymentOn!, event.occurredOn);
      await follow([PAID_EVENT], true);
    } else {
      await dossier.event('recovery-without-plan', `Geen afbetalingsplan: ${formatEuro(claim)} blijft open (terugvordering bij de cliënt alleen na een beslissing van het BCSD). ${recovery.note}`, { status: 'GUARANTEE_RELEASED' });
    }
  }
  await dossier.finish({ windows: true });
  return {
    status: 'GUARANTEE_RELEASED', decision: 'granted', form, amountCents,
    ...(deposit ? { repaidCents: paid, setOffCents: setOff, surplusCents: surplus, outstandingCents: left } : {}),
    ...(claim > 0 ? { landlordClaimCents: claim, repaidCents: paid, outstandingCents: Math.max(0, outstanding()) } : {}),
  };
}

/** Dutch, in the decision letter: what the guarantee covers and in which form it is given. */
function guaranteeDescription(form: keyof typeof GUARANTEE_FORMS, leaseSignedOn: IsoDate): string {
  const lease = `de huurovereenkomst van ${formatDateNl(leaseSignedOn)}`;
  if (form === 'guarantee-letter') return `Het OCMW staat met een waarborgbrief aan de verhuurder borg voor uw verplichtingen uit ${lease}.`;
  if (form === 'bank-guarantee') return `Uw bank stelt de huurwaarborg voor ${lease} volgens de standaardovereenkomst met het OCMW; u betaalt de bank terug.`;
  return `Het OCMW stort de huurwaarborg voor ${lease} als voorschot op een geblokkeerde rekening op uw naam; u betaalt het voorschot terug volgens een afbetalingsplan.`;
}

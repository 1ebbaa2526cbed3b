import type { ExternalEventInput } from '../shared/dossier.messages';
import { AdvancePaid, ADVANCE_BENEFITS, assessAdvance, settleArrears } from '../../libs/domain/benefit-advance';
import { formatDateNl, formatEuro } from '../../libs/format/dutch';
import { arrears, coverage, Period, proRata } from '../../libs/payments/schedule';
import { BENEFIT_ADVANCE } from '../../libs/procedures/benefit-advance';
import type { DossierInput } from '../shared/dossier-input';
import { Dossier } from '../shared/dossier-runtime';
import { formFollower, PartnerFormWatch, sendPartnerForm } from '../shared/partner-forms';
import { eachPayday, orderPayment } from '../shared/payments';
import { councilDecides, notifyDecision, openRequest } from '../shared/request-pipeline';

/** The external events an advance dossier waits for: POD MI's designation, and the paying body's arrears or refusal. */
export const BENEFIT_ADVANCE_DOSSIER = { takesEvents: ['competence-designation', 'benefit-arrears-paid', 'benefit-refused'] } as const;

export interface BenefitAdvanceResult {
  status: 'FORWARDED' | 'NOTIFIED' | 'ADVANCE_SETTLED' | 'ADVANCE_CONVERTED';
  decision?: 'granted' | 'refused';
  /** What was advanced, recovered from the paying body and paid on to the client, in cents. */
  advancedCents?: number;
  recoveredCents?: number;
  surplusCents?: number;
  /** The request for leefloon or social aid the advance was turned into. */
  linkedDossierId?: string;
}

const ARREARS_EVENT = 'benefit-arrears-paid';
const REFUSED_EVENT = 'benefit-refused';

interface ArrearsData {
  periodFrom: string;
  periodTo: string;
  amountCents: number;
  benefitRunning: boolean;
}

/**
 * An advance on a social-security benefit (domain §10) on the §0.1 pipeline: registered with its receipt, the
 * competence check, the inquiry (the benefit, its application and the check with the paying body), the proposal
 * computed from it (libs/domain/benefit-advance.ts), the BCSD within the month (SA-3), the letter (SA-4). A grant
 * sends the subrogation notice to the paying body (art. 99 §2 OCMW-wet; C-UNIPROC part 1 for unemployment), followed
 * with reminders until it acknowledges, and pays the advance month by month (the months already due at once) until
 * the paying body pays the benefit's arrears or refuses the benefit — external events. The arrears are set off
 * against the advances for the same period; the rest is paid on to the client. The social worker then closes the file,
 * waits for more arrears, or turns it into a request for leefloon or social aid (a linked dossier). The dossier ends
 * once the appeal window (SA-5) has run out.
 *
 * No continue-as-new: an advance runs the months until a benefit is paid — a handful of events a month (the v1 replay
 * histories: 281 and 295 events in all), far below the history's limits. Every key is a business name all the same: a
 * payment by its month (`advance:client:2026-12`), the surplus by the arrears' period, the settlement by the event.
 */
export async function benefitAdvanceApplication(input: DossierInput): Promise<BenefitAdvanceResult> {
  const dossier = new Dossier(input, BENEFIT_ADVANCE_DOSSIER);
  await dossier.refreshSettings();
  const { dossierId } = input;
  // The shared opening of every request: the receipt (SA-1), the decision term (SA-3), the competence check.
  const opened = await openRequest(dossier, 'Aanvraag voorschot op een uitkering');
  if ('handled' in opened) return opened.handled;
  const { decisionTerm } = opened;

  await dossier.event('inquiry-started', 'Onderzoek voorschot gestart: nagaan bij de uitbetalingsinstelling', { status: 'INQUIRY' });
  const inquiry = await dossier.task('advance-inquiry', { deadline: decisionTerm });
  const assessment = assessAdvance(inquiry);
  await dossier.event('advance-assessed', assessment.grant ? `Voorstel: toekennen. ${assessment.text}` : `Voorstel: weigeren. ${assessment.text}`, {
    status: 'AWAITING_DECISION',
    data: assessment.grant ? { monthlyAdvanceCents: assessment.monthlyAdvanceCents, benefit: inquiry.benefit } : { reasons: assessment.reasons, benefit: inquiry.benefit },
  });

  const { decision, result, decisionDate } = await councilDecides(dossier, decisionTerm, {
    reference: input.reference,
    proposal: assessment.grant ? 'grant' : 'refuse',
    ...(assessment.grant ? { amountCents: assessment.monthlyAdvanceCents } : {}),
    motivation: assessment.text,
  }, false);

  const benefit = ADVANCE_BENEFITS[inquiry.benefit];
  const monthlyCents = result === 'granted' ? (decision.amountCents ?? inquiry.monthlyAdvanceCents) : undefined;
  // SA-4: notified within 8 days, by registered letter or against receipt (art. 62bis OCMW-wet).
  const notificationTerm = await dossier.deadline('notification', 'SA-4', decisionDate);
  const delivered = await notifyDecision(dossier, notificationTerm, {
    key: 'decision-letter',
    template: monthlyCents !== undefined ? 'decision-grant' : 'decision-refusal',
    data: {
      decisionDate,
      legalReasons: BENEFIT_ADVANCE.letters.legalReasons,
      factualReasons: decision.motivation,
      ...(monthlyCents !== undefined
        ? {
            amount: {
              monthlyCents,
              computation: `Voorschot op uw ${benefit.label}, aangevraagd op ${formatDateNl(inquiry.benefitAppliedOn)}; de eerste maand naar verhouding van de dagen vanaf ${formatDateNl(inquiry.advanceFrom)}. ` +
                `${capitalise(benefit.payer)} betaalt de achterstallen voor dezelfde periode aan het OCMW; wat boven de voorschotten uitkomt, betaalt het OCMW u door.`,
              frequency: `maandelijks, op de vaste betaaldag, tot ${benefit.payer} de uitkering betaalt`,
            },
            effectiveDate: inquiry.advanceFrom,
          }
        : {}),
    },
  });
  await dossier.event('notified', `Beslissing ter kennis gebracht op ${formatDateNl(delivered.notifiedOn)}`, { status: 'NOTIFIED' });
  dossier.superviseRatifications();
  if (monthlyCents === undefined) {
    await dossier.finish({ windows: true });
    return { status: 'NOTIFIED', decision: 'refused' };
  }

  // The subrogation notice to the paying body (art. 99 §2 OCMW-wet), reminded until it acknowledges.
  const forms: PartnerFormWatch[] = [];
  formFollower(dossier, forms)(
    await sendPartnerForm(dossier, inquiry.benefit === 'unemployment' ? 'subrogation:C-UNIPROC' : 'subrogation:notice', {
      decisionDate, benefit: inquiry.benefit, benefitAppliedOn: inquiry.benefitAppliedOn, advanceFrom: inquiry.advanceFrom,
      monthlyAdvanceCents: monthlyCents, payingBodyPartyId: inquiry.payingBodyPartyId,
    }),
  );

  const advances: AdvancePaid[] = [];
  const recoveredMonths: string[] = [];
  const totals = { advancedCents: 0, recoveredCents: 0, surplusCents: 0 };
  const payAdvance = async (period: Period, dueDate: string) => {
    const cover = coverage(period, inquiry.advanceFrom);
    const amountCents = proRata(monthlyCents, cover);
    if (amountCents <= 0) return;
    await orderPayment(dossier, {
      dossierId, kind: 'advance', period, amountCents, dueDate,
      computation: { text: `Voorschot op de ${benefit.label}`, coverage: cover, monthlyAmountCents: monthlyCents },
    });
    advances.push({ period, amountCents });
    totals.advancedCents += amountCents;
  };

  // The months whose payday had come by the decision are paid at once; then each month on its payday.
  const payday = dossier.settings.payday ?? 1;
  const plan = arrears(inquiry.advanceFrom, decisionDate, payday);
  for (const month of plan.months) await payAdvance(month.period, plan.arrearsDueDate ?? decisionDate);
  await dossier.event('advances-running', `Voorschot van ${formatEuro(monthlyCents)} per maand loopt vanaf ${formatDateNl(inquiry.advanceFrom)}`, { status: 'ADVANCES_RUNNING' });

  let nextPeriod = plan.firstRegularPeriod;
  let paying = true;
  for (;;) {
    let event: ExternalEventInput | undefined;
    const arrived = dossier.waitForAnyEvent([ARREARS_EVENT, REFUSED_EVENT]).then((e) => void (event = e));
    if (paying) ({ nextPeriod } = await eachPayday(dossier, nextPeriod, { payday, stop: () => event !== undefined, handOver: () => false, pay: payAdvance }));
    await arrived;
    const taken = event!;
    if (taken.type === REFUSED_EVENT) {
      paying = false;
      await dossier.event('benefit-refused', `${capitalise(benefit.payer)} weigert de uitkering: de voorschotten stoppen; ${formatEuro(totals.advancedCents - totals.recoveredCents)} is niet terugbetaald`, {
        status: 'ADVANCE_SETTLEMENT', data: { outstandingCents: totals.advancedCents - totals.recoveredCents },
      });
    } else {
      const paid = taken.data as unknown as ArrearsData;
      const settled = settleArrears(advances, recoveredMonths, paid);
      recoveredMonths.push(...settled.months);
      totals.recoveredCents += settled.recoveredCents;
      if (paid.benefitRunning) paying = false;
      await dossier.event(
        'arrears-received',
        `Achterstallen van ${formatEuro(paid.amountCents)} ontvangen voor ${formatDateNl(paid.periodFrom)} tot ${formatDateNl(paid.periodTo)}: ` +
          `${formatEuro(settled.recoveredCents)} verrekend met de voorschotten${settled.surplusCents > 0 ? `, ${formatEuro(settled.surplusCents)} voor de cliënt` : ''}` +
          `${paying ? '; de voorschotten lopen door' : '; de uitkering wordt voortaan rechtstreeks betaald, de voorschotten stoppen'}`,
        { status: paying ? 'ADVANCES_RUNNING' : 'ADVANCE_SETTLEMENT', data: { ...settled, outstandingCents: totals.advancedCents - totals.recoveredCents } },
      );
      if (settled.surplusCents > 0) {
        // The part of the arrears above the advances for that period is the client's (art. 99 §2: only the same period).
        await orderPayment(dossier, {
          dossierId, kind: 'one-off', period: `once:advance-surplus-${paid.periodFrom}-${paid.periodTo}`, amountCents: settled.surplusCents, dueDate: dossier.today(),
          computation: { text: `Achterstallen van de ${benefit.label} boven de voorschotten voor dezelfde periode`, arrearsCents: paid.amountCents, recoveredCents: settled.recoveredCents },
        });
        totals.surplusCents += settled.surplusCents;
      }
      if (paying) continue;
    }
    const { action, note } = await dossier.task('advance-settlement', { key: `settlement-${taken.eventId}` });
    if (action === 'wait') {
      await dossier.event('settlement-waiting', `Dossier blijft open: wacht op verdere achterstallen. ${note}`, { status: 'ADVANCE_SETTLEMENT' });
      continue;
    }
    const outstanding = totals.advancedCents - totals.recoveredCents;
    if (action === 'close') {
      await dossier.event('advance-settled', `Voorschot afgerond: ${formatEuro(totals.advancedCents)} voorgeschoten, ${formatEuro(totals.recoveredCents)} terugbetaald door ${benefit.payer}` +
        `${outstanding > 0 ? `; ${formatEuro(outstanding)} blijft open (terugvordering bij de cliënt alleen na een beslissing van het BCSD)` : ''}. ${note}`, {
        status: 'ADVANCE_SETTLED', data: { ...totals, outstandingCents: outstanding },
      });
      await dossier.finish({ windows: true });
      return { status: 'ADVANCE_SETTLED', decision: 'granted', ...totals };
    }
    const procedure = action === 'convert-leefloon' ? 'leefloon' : 'social-aid';
    const linked = await dossier.openLinked(procedure, `${procedure}:after-advance`, `Voorschot ${input.reference} omgezet: ${note}`);
    await dossier.event('advance-converted', `Omgezet in een aanvraag ${procedure === 'leefloon' ? 'leefloon' : 'maatschappelijke dienstverlening'} (${linked.reference}). ${note}`, {
      status: 'ADVANCE_CONVERTED', data: { ...totals, outstandingCents: outstanding, linkedDossierId: linked.dossierId },
    });
    await dossier.finish({ windows: true });
    return { status: 'ADVANCE_CONVERTED', decision: 'granted', ...totals, linkedDossierId: linked.dossierId };
  }
}

const capitalise = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

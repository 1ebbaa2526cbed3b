import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../../activities';
import { formatDateNl, formatEuro } from '../../libs/format/dutch';
import { HEATING_ALLOWANCE } from '../../libs/procedures/heating-allowance';
import type { DossierInput } from '../shared/dossier-input';
import { Dossier } from '../shared/dossier-runtime';
import { orderPayment } from '../shared/payments';
import { councilDecides, notifyDecision, openRequest } from '../shared/request-pipeline';

const acts = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '5 minutes' },
});

/** The external events a heating allowance dossier waits for (POD MI's designation in a competence conflict). */
export const HEATING_ALLOWANCE_DOSSIER = { takesEvents: ['competence-designation'] } as const;

export interface HeatingAllowanceResult {
  status: 'FORWARDED' | 'NOTIFIED' | 'ALLOWANCE_PAID';
  decision?: 'granted' | 'refused';
  amountCents?: number;
}

/**
 * A request for a heating allowance (Sociaal Verwarmingsfonds, domain §7) on the §0.1 pipeline: registered with its
 * receipt, the competence check, the inquiry of the invoice and the category, then the proposal the system computes
 * from those facts (libs/domain/heating-allowance.ts: the dated scale, the household's earlier deliveries that year,
 * HF-1), the BCSD's decision within the month (HF-2), the letter (SA-4) and, for a grant, the payment within 15 days
 * (HF-3) — to the client, or in category 3 with the invoice unpaid to the supplier. The dossier ends once the appeal
 * window (SA-5) has run out.
 */
export async function heatingAllowanceApplication(input: DossierInput): Promise<HeatingAllowanceResult> {
  const dossier = new Dossier(input, HEATING_ALLOWANCE_DOSSIER);
  await dossier.refreshSettings();
  const { dossierId } = input;
  // The shared opening of every request: registered with its receipt the same day (SA-1, art. 58 §1 OCMW-wet), the
  // decision term HF-2 (within the month), the competence check, and when not competent the forwarding or the conflict.
  const opened = await openRequest(dossier, 'Aanvraag verwarmingstoelage');
  if ('handled' in opened) return opened.handled;
  const { decisionTerm } = opened;

  await dossier.event('inquiry-started', 'Onderzoek verwarmingstoelage gestart', { status: 'INQUIRY' });
  const inquiry = await dossier.task('heating-inquiry', { deadline: decisionTerm });
  // HF-1: the client's term (a window the dossier watches, no escalation): the request within 60 days of the delivery.
  const requestTerm = await dossier.deadline('heating-request', 'HF-1', inquiry.deliveryDate, { kind: 'window' });
  // Late when the request came after its due date (a window already expired when the inquiry records it is closed).
  const due = requestTerm.dueDate();
  const late = due !== null && input.requestDate > due;
  await requestTerm.met(input.requestDate);
  const assessment = await dossier.activity(() =>
    acts.assessHeatingAllowance({
      dossierId,
      facts: {
        fuel: inquiry.fuel, deliveryDate: inquiry.deliveryDate, litres: inquiry.litres, pricePerLitreMilli: inquiry.pricePerLitreMilli,
        flatsInBuilding: inquiry.flatsInBuilding, category: inquiry.category, increasedReimbursement: inquiry.increasedReimbursement,
        householdIncomeCents: inquiry.householdIncomeCents, dependants: inquiry.dependants, inDebtMediation: inquiry.inDebtMediation,
        cannotPay: inquiry.cannotPay, late, forceMajeure: inquiry.forceMajeure,
      },
    }),
  );
  await dossier.event('heating-assessed', assessment.grant ? `Voorstel: toekennen, ${assessment.text}` : `Voorstel: weigeren. ${assessment.text}`, {
    status: 'AWAITING_DECISION',
    data: assessment.grant ? { amountCents: assessment.amountCents, litresCounted: assessment.litresCounted, late } : { reasons: assessment.reasons, late },
  });

  const { decision, result, decisionDate } = await councilDecides(dossier, decisionTerm, {
    reference: input.reference,
    proposal: assessment.grant ? 'grant' : 'refuse',
    ...(assessment.grant ? { amountCents: assessment.amountCents } : {}),
    motivation: assessment.text,
  }, false);

  // SA-4: notified within 8 days, by registered letter or against receipt (art. 62bis OCMW-wet).
  const notificationTerm = await dossier.deadline('notification', 'SA-4', decisionDate);
  const amountCents = result === 'granted' ? (decision.amountCents ?? (assessment.grant ? assessment.amountCents : 0)) : undefined;
  const delivered = await notifyDecision(dossier, notificationTerm, {
    key: 'decision-letter',
    template: result === 'granted' ? 'decision-grant' : 'decision-refusal',
    data: {
      decisionDate,
      legalReasons: HEATING_ALLOWANCE.letters.legalReasons,
      factualReasons: decision.motivation,
      ...(amountCents !== undefined ? { aid: { kind: 'one-off', label: 'Verwarmingstoelage', description: assessment.text, amountCents } } : {}),
    },
  });
  await dossier.event('notified', `Beslissing ter kennis gebracht op ${formatDateNl(delivered.notifiedOn)}`, { status: 'NOTIFIED' });

  if (amountCents !== undefined) {
    // HF-3 (KB 9 January 2005): paid within 15 days of the decision — in category 3 with the invoice unpaid, to the
    // supplier (a party of the dossier). The payment is ordered now; finance's batch pays it.
    const paymentTerm = await dossier.deadline('heating-payment', 'HF-3', decisionDate);
    const supplier = inquiry.category === 3 && inquiry.invoiceUnpaid === true ? inquiry.supplierPartyId : undefined;
    await orderPayment(dossier, {
      dossierId,
      kind: supplier ? 'invoice' : 'allowance',
      period: `once:heating-${inquiry.deliveryDate}`,
      amountCents,
      dueDate: dossier.today(),
      computation: {
        text: `Verwarmingstoelage: ${assessment.text}`,
        heatingYear: inquiry.deliveryDate.slice(0, 4),
        litresCounted: assessment.grant ? assessment.litresCounted : 0,
        pump: assessment.grant ? assessment.pump : false,
      },
      ...(supplier ? { payee: { partyId: supplier } } : {}),
    });
    await paymentTerm.met(dossier.today());
    await dossier.event('allowance-paid', `Verwarmingstoelage van ${formatEuro(amountCents)} ter betaling gegeven${supplier ? ' aan de leverancier' : ''}`, {
      status: 'ALLOWANCE_PAID',
    });
  }
  // An urgent decision's ratification is awaited; the dossier stays open until the appeal window has run out.
  dossier.superviseRatifications();
  await dossier.finish({ windows: true });
  return amountCents !== undefined ? { status: 'ALLOWANCE_PAID', decision: 'granted', amountCents } : { status: 'NOTIFIED', decision: result };
}

import { makeContinueAsNewFunc, patched } from '@temporalio/workflow';
import { periodOf } from '../../libs/payments/schedule';
import { LEGAL_REASONS } from './decision-notice';
import { watchPartnerForm } from '../shared/partner-forms';
import { LEEFLOON_DOSSIER, leefloonBenefit, sendPodMi } from './leefloon-benefit.workflow';
import type { DossierInput } from '../shared/dossier-input';
import { Dossier } from '../shared/dossier-runtime';
import { monthlyAidLetter, monthlyAmount } from '../shared/monthly-aid';
import { notifyDecision, openRequest, recordDecision, requestDocuments } from '../shared/request-pipeline';

/** Dossiers started from here on go to the BCSD agenda instead of a "record the decision" task. */
export const COUNCIL_AGENDA_PATCH = 'council-agenda';
/** Dossiers started from here on get the decision letter, POD MI forms and, for a grant, the running benefit. */
export const LETTERS_AND_PAYMENTS_PATCH = 'letters-and-payments';

interface Decision {
  result: string;
  decisionDate: string;
  motivation: string;
  category?: number;
  monthlyAmountCents?: number;
  startDate?: string;
}

export interface LeefloonResult {
  status: 'FORWARDED' | 'NOTIFIED';
  decision?: 'granted' | 'refused';
}

/**
 * Leefloon application (RMI-wet of 26 May 2002), following the generic request → decision pipeline of
 * shared/domain/ocmw-procedures.md §0.1 and the deadlines of §1.2.
 */
export async function leefloonApplication(input: DossierInput): Promise<LeefloonResult> {
  const dossier = new Dossier(input, LEEFLOON_DOSSIER);
  await dossier.refreshSettings();
  // LL-1 (art. 18 RMI-wet): registered and the ontvangstbewijs the same day. LL-3: the BCSD decides within 30 days of
  // the request (art. 21 §1 RMI-wet); lapsed without a decision, the appeal for its absence (art. 47 RMI-wet) opens.
  // Registered with its receipt, the competence check, and when not competent the forwarding (CO-1) or the conflict with
  // POD MI (CO-2, CO-3): the shared opening of every request.
  const opened = await openRequest(dossier, 'Aanvraag leefloon');
  if ('handled' in opened) return opened.handled;
  const { decisionTerm } = opened;

  await dossier.event('inquiry-started', 'Sociaal onderzoek gestart', { status: 'INQUIRY' });
  const inquiry = await dossier.task('social-inquiry', { deadline: decisionTerm });

  // Dossiers from here on: letters, documents requests, POD MI forms and the running benefit.
  const full = patched(LETTERS_AND_PAYMENTS_PATCH);
  if (full) await requestDocuments(dossier, inquiry.missingDocuments, decisionTerm);
  await dossier.event('inquiry-done', 'Sociaal onderzoek afgerond', { status: 'SOCIAL_REPORT', data: { hearingRequested: inquiry.hearingRequested } });
  const report = await dossier.task('social-report', { deadline: decisionTerm });

  await dossier.event('report-ready', `Sociaal verslag klaar, voorstel: ${report.proposal === 'grant' ? 'toekennen' : 'weigeren'}`, {
    status: 'AWAITING_DECISION',
  });
  // The BCSD decides on the social report's proposal (art. 21 RMI-wet). Dossiers started before the council agenda
  // existed had the decision recorded as a task.
  const decision: Decision = patched(COUNCIL_AGENDA_PATCH)
    ? await dossier.council(
        {
          reference: input.reference,
          proposal: report.proposal,
          category: report.category,
          monthlyAmountCents: report.monthlyAmountCents,
          startDate: report.startDate,
          motivation: report.motivation,
        },
        { hearingRequested: inquiry.hearingRequested === true, deadline: decisionTerm },
      )
    : ((await dossier.task('decision', { deadline: decisionTerm })) as unknown as Decision);
  const result = decision.result as 'granted' | 'refused';
  const decisionDate = decision.decisionDate;
  await recordDecision(dossier, decisionTerm, decisionDate, `Beslissing BCSD van ${decisionDate}: ${result === 'granted' ? 'toegekend' : 'geweigerd'}`, result);

  // LL-4: notify the decision within 8 days (art. 21 §3 RMI-wet); until then the appeal term does not start.
  const notificationTerm = await dossier.deadline('notification', 'LL-4', decisionDate);
  if (!full) {
    // Dossiers started before letters and payments: the notification is recorded, the procedure ends here.
    const notification = await dossier.task('decision-notification', { deadline: notificationTerm });
    await notificationTerm.met(notification.date);
    await dossier.notice({
      key: 'decision-letter',
      kind: result === 'granted' ? 'decision-grant' : 'decision-refusal',
      recipient: 'client',
      channel: notification.mode === 'registered' ? 'registered' : 'hand',
      dueDate: notificationTerm.dueDate()!,
      sentAt: new Date().toISOString(),
      content: { reference: input.reference, decisionDate, result, notifiedOn: notification.date, trackingNumber: notification.trackingNumber ?? null },
      description: `Beslissing ter kennis gebracht op ${notification.date}`,
    });
    await dossier.event('notified', 'Beslissing ter kennis gebracht', { status: 'NOTIFIED' });
    await dossier.finish();
    return { status: 'NOTIFIED', decision: result };
  }

  // The decision letter carries what §0.2 requires (reasons, amount and its computation, category, appeal: court,
  // term, not suspensive, reference, social worker); an incomplete letter is refused before it is sent.
  const grant = result === 'granted'
    ? {
        category: (decision.category ?? report.category) as 1 | 2 | 3,
        monthlyResourcesCents: inquiry.monthlyResourcesCents,
        startDate: decision.startDate ?? report.startDate ?? input.requestDate,
        decisionDate,
      }
    : undefined;
  const amount = grant
    ? await monthlyAmount(dossier, grant, periodOf(grant.startDate))
    : undefined;
  const delivered = await notifyDecision(dossier, notificationTerm, {
    key: 'decision-letter',
    template: grant ? 'decision-grant' : 'decision-refusal',
    data: {
      decisionDate,
      legalReasons: LEGAL_REASONS,
      factualReasons: decision.motivation,
      ...(grant && amount ? monthlyAidLetter(grant, amount, grant.startDate) : {}),
    },
  });
  await dossier.event('notified', `Beslissing ter kennis gebracht op ${delivered.notifiedOn}; beroep mogelijk tot ${delivered.appealUntil ?? '?'}`, {
    status: 'NOTIFIED',
  });
  // LL-5: form B (grant) or C (refusal) to POD MI within 8 days after the decision month (art. 21 §6 RMI-wet).
  const form = await sendPodMi(dossier, grant ? 'B' : 'C', grant ? 'grant' : 'refusal', decisionDate, grant, undefined, amount?.amountCents);
  if (!grant) {
    if (form) dossier.keep(watchPartnerForm(dossier, form));
    // An urgent refusal: its ratification is awaited before the dossier ends (an overruling needs a new decision).
    dossier.superviseRatifications();
    // A refusal: the dossier stays open until the client's appeal window has run out.
    await dossier.finish({ windows: true });
    return { status: 'NOTIFIED', decision: result };
  }
  // A granted leefloon runs on as its own workflow (same dossier, same workflow id): payments, GPMI, yearly reviews.
  // An urgent grant pays at once: its ratification travels with the dossier into the benefit (handOver).
  await dossier.finish();
  return makeContinueAsNewFunc<typeof leefloonBenefit>({ workflowType: 'leefloonBenefit' })({
    dossier: dossier.handOver(),
    grant,
    year: 1,
    nextPeriod: null,
    lastHomeVisit: inquiry.homeVisitDate,
    gpmi: { signed: false, lastEvaluation: null },
    appealFrom: delivered.notifiedOn,
    podMi: form ? [form] : [],
  });
}

import { patched } from '@temporalio/workflow';
import { maxDate } from '../../libs/deadlines/calendar-date';
import type { DossierInput } from '../shared/dossier-input';
import { DeadlineHandle, Dossier, TaskOutcome } from '../shared/dossier-runtime';

const SILENT_REFUSAL_APPEAL = 'appeal-no-decision';
/** Dossiers started from here on go to the BCSD agenda instead of a "record the decision" task. */
export const COUNCIL_AGENDA_PATCH = 'council-agenda';

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
  const dossier = new Dossier(input);
  await dossier.event('request-registered', `Aanvraag leefloon geregistreerd (${input.channel})`, { status: 'REQUEST_REGISTERED' });

  // LL-3: the BCSD decides within 30 days of the request (art. 21 §1 RMI-wet). The clock keeps running while a
  // forwarding is pending: the OCMW stays bound until it has forwarded with reasons. When it lapses without a
  // decision, the client may appeal to the labour court for the absence of a decision (art. 47 RMI-wet): that
  // window is a rule of its own (LL-10-NO-DECISION), started by the lapse.
  const decisionTerm = await dossier.deadline('decision', 'LL-3', input.requestDate, {
    onLapse: (lapsedOn) => dossier.deadline(SILENT_REFUSAL_APPEAL, 'LL-10-NO-DECISION', lapsedOn, { kind: 'window' }),
  });

  // LL-1: ontvangstbewijs the same day, stating the decision period, the file reference and the handling service;
  // for leefloon also the right to be heard and the duty to report new facts (art. 18 RMI-wet).
  await dossier.notice({
    key: 'receipt',
    kind: 'ontvangstbewijs',
    recipient: 'client',
    channel: input.channel === 'counter' ? 'hand' : 'letter',
    dueDate: input.requestDate,
    sentAt: new Date().toISOString(),
    content: {
      reference: input.reference,
      requestDate: input.requestDate,
      decisionDueDate: decisionTerm.dueDate(),
      rightToBeHeard: true,
      dutyToReportNewFacts: true,
    },
    description: `Ontvangstbewijs uitgereikt; beslissing uiterlijk ${decisionTerm.dueDate()}`,
  });
  await dossier.event('receipt-issued', 'Ontvangstbewijs uitgereikt', { status: 'COMPETENCE_CHECK' });

  const competence = await dossier.task('competence-check', { deadline: decisionTerm });
  if (competence.competent === false) return forwardToCompetentOcmw(dossier, decisionTerm, competence);

  await dossier.event('inquiry-started', 'Sociaal onderzoek gestart', { status: 'INQUIRY' });
  const inquiry = await dossier.task('social-inquiry', { deadline: decisionTerm });

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
          proposal: report.proposal as 'grant' | 'refuse',
          category: report.category as number | undefined,
          monthlyAmountCents: report.monthlyAmountCents as number | undefined,
          startDate: report.startDate as string | undefined,
          motivation: report.motivation as string,
        },
        { hearingRequested: inquiry.hearingRequested === true, deadline: decisionTerm },
      )
    : ((await dossier.task('decision', { deadline: decisionTerm })) as unknown as Decision);
  const result = decision.result as 'granted' | 'refused';
  const decisionDate = decision.decisionDate;
  dossier.facts.decisionDate = decisionDate;
  await decisionTerm.met(decisionDate);
  // A decision taken: the appeal, if any, is against the decision now, not against its absence.
  await dossier.deadlineOf(SILENT_REFUSAL_APPEAL)?.cancel('decided');
  await dossier.event('decided', `Beslissing BCSD van ${decisionDate}: ${result === 'granted' ? 'toegekend' : 'geweigerd'}`, {
    status: 'DECIDED',
    data: { result },
  });

  // LL-4: notify the decision within 8 days (art. 21 §3 RMI-wet); until then the appeal term does not start.
  const notificationTerm = await dossier.deadline('notification', 'LL-4', decisionDate);
  const notification = await dossier.task('decision-notification', { deadline: notificationTerm });
  await notificationTerm.met(notification.date as string);
  await dossier.notice({
    key: 'decision-letter',
    kind: result === 'granted' ? 'decision-grant' : 'decision-refusal',
    recipient: 'client',
    channel: notification.mode === 'registered' ? 'registered' : 'hand',
    dueDate: notificationTerm.dueDate()!,
    sentAt: new Date().toISOString(),
    content: {
      reference: input.reference,
      decisionDate,
      result,
      notifiedOn: notification.date,
      trackingNumber: notification.trackingNumber ?? null,
    },
    description: `Beslissing ter kennis gebracht op ${notification.date as string}`,
  });
  await dossier.event('notified', 'Beslissing ter kennis gebracht', { status: 'NOTIFIED' });
  await dossier.finish();
  return { status: 'NOTIFIED', decision: result };
}

/**
 * Not competent (Wet 1965): forward the request with reasons to the competent OCMW and inform the applicant in
 * writing, both within 5 calendar days of the finding (LL-2: art. 18 §4 RMI-wet; art. 58 §3 OCMW-wet). The dossier
 * ends as forwarded only once both are recorded.
 */
async function forwardToCompetentOcmw(dossier: Dossier, decisionTerm: DeadlineHandle, competence: TaskOutcome): Promise<LeefloonResult> {
  await dossier.event('not-competent', `Niet bevoegd; bevoegd OCMW: ${competence.competentOcmw as string}`, { status: 'FORWARDING' });
  const forwardingTerm = await dossier.deadline('forwarding', 'LL-2', competence.completedOn);
  const [forwarded, letter] = await Promise.all([
    dossier.task('forward-request', { deadline: forwardingTerm }),
    dossier.task('forwarding-letter', { deadline: forwardingTerm }),
  ]);
  await forwardingTerm.met(maxDate(forwarded.forwardDate as string, letter.sentDate as string));
  await decisionTerm.cancel('forwarded');
  await dossier.event('forwarded', `Aanvraag doorgestuurd naar ${forwarded.forwardedTo as string}`, { status: 'FORWARDED', closed: true });
  await dossier.finish();
  return { status: 'FORWARDED' };
}

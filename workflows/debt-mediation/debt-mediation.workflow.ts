import { condition, makeContinueAsNewFunc, patched } from '@temporalio/workflow';
import { DEBT_MEDIATION, guidanceTypeLabel } from '../../libs/procedures/debt-mediation';
import type { DebtGuidanceType } from '../../libs/tasks/task-outcomes';
import type { DossierInput } from '../shared/dossier-input';
import { Dossier } from '../shared/dossier-runtime';
import { councilDecides, notifyDecision, openRequest, requestDocuments } from '../shared/request-pipeline';
import type { debtMediationTrajectory } from './trajectory.workflow';

/** Grants from here on continue as the trajectory workflow (debtMediationTrajectory); earlier ones stay open here. */
export const TRAJECTORY_PATCH = 'debt-trajectory';

export interface DebtMediationResult {
  status: 'FORWARDED' | 'NOTIFIED';
  decision?: 'granted' | 'refused';
}

/**
 * A request for debt mediation or budget guidance (§3 of the domain reference), following the generic request →
 * decision pipeline of §0.1 with the social aid deadlines (SA-1 … SA-5, OCMW-wet art. 58, 62bis, 71). FIRST SLICE: up
 * to the notified decision. A granted trajectory becomes "Lopend traject" and stays open; a refusal ends once the
 * client's appeal window has run out.
 */
export async function debtMediationApplication(input: DossierInput): Promise<DebtMediationResult> {
  // Every event kind is kept (no takesEvents, as in the first slice): one recorded early is carried into the trajectory.
  const dossier = new Dossier(input);
  // The settings in force (the recognition for amicable mediation, decree 24 July 1996, is one: the council checks it).
  await dossier.refreshSettings();
  // SA-1: registered and the ontvangstbewijs the same day. SA-3: the BCSD decides within one calendar month (art. 58 §2).
  // Registered with its receipt, the competence check, and when not competent the forwarding (CO-1) or the conflict with
  // POD MI (CO-2, CO-3): the shared opening of every request.
  const opened = await openRequest(dossier, 'Aanvraag schuldbemiddeling of budgetbegeleiding');
  if ('handled' in opened) return opened.handled;
  const { decisionTerm } = opened;

  await dossier.event('inquiry-started', 'Sociaal onderzoek gestart', { status: 'INQUIRY' });
  const inquiry = await dossier.task('debt-inquiry', { deadline: decisionTerm });
  await requestDocuments(dossier, inquiry.missingDocuments, decisionTerm);
  await dossier.event('inquiry-done', 'Sociaal onderzoek afgerond (schuldsituatie)', {
    status: 'SOCIAL_REPORT',
    data: {
      totalDebtsCents: inquiry.totalDebtsCents, creditorCount: inquiry.creditorCount,
      monthlyIncomeCents: inquiry.monthlyIncomeCents, priorityDebts: inquiry.priorityDebts,
    },
  });
  const report = await dossier.task('debt-report', { deadline: decisionTerm });
  const proposed = report.proposal === 'grant' ? `toekennen (${guidanceTypeLabel(report.guidanceType)}, ${report.durationMonths} maanden)` : 'weigeren';
  await dossier.event('report-ready', `Sociaal verslag klaar, voorstel: ${proposed}`, { status: 'AWAITING_DECISION' });

  // The BCSD decides on the report's proposal; amicable mediation only if the OCMW is recognised for it (the check).
  const { decision, result, decisionDate } = await councilDecides(
    dossier,
    decisionTerm,
    { reference: input.reference, proposal: report.proposal, guidanceType: report.guidanceType, durationMonths: report.durationMonths, motivation: report.motivation },
    inquiry.hearingRequested,
  );

  // SA-4: notify within 8 days (art. 62bis OCMW-wet); the letter cites art. 71 OCMW-wet for the appeal (SA-5).
  const notificationTerm = await dossier.deadline('notification', 'SA-4', decisionDate);
  const guidanceType = (decision.guidanceType ?? report.guidanceType) as DebtGuidanceType | undefined;
  const durationMonths = (decision.durationMonths ?? report.durationMonths) as number | undefined;
  const delivered = await notifyDecision(dossier, notificationTerm, {
    key: 'decision-letter',
    template: result === 'granted' ? 'decision-grant' : 'decision-refusal',
    data: {
      decisionDate,
      legalReasons: DEBT_MEDIATION.letters.legalReasons,
      factualReasons: decision.motivation,
      // The help granted is no money: the letter states its kind and duration instead of an amount (§0.2).
      ...(result === 'granted' ? { aid: { kind: 'guidance', label: guidanceTypeLabel(guidanceType), description: `Voor ${durationMonths} maanden.` } } : {}),
    },
  });
  await dossier.event('notified', `Beslissing ter kennis gebracht op ${delivered.notifiedOn}; beroep mogelijk tot ${delivered.appealUntil ?? '?'}`, {
    status: 'NOTIFIED',
  });

  // A granted trajectory takes its urgent decision's ratification along (carried); a refusal sees it through here.
  const toTrajectory = result === 'granted' && patched(TRAJECTORY_PATCH);
  if (!toTrajectory) dossier.superviseRatifications();
  if (result === 'granted') {
    await dossier.event('trajectory-started', `Lopend traject: ${guidanceTypeLabel(guidanceType)} voor ${durationMonths} maanden`, {
      status: 'TRAJECTORY_ACTIVE',
      data: { guidanceType: guidanceType ?? null, durationMonths: durationMonths ?? null },
    });
    if (toTrajectory) {
      // The years-long trajectory runs as its own workflow type on the same workflow id (as socialAidApplication hands
      // a granted equivalent leefloon to socialAidBenefit): the agreement, the budget plan and its payments, evaluations.
      await dossier.settle();
      return makeContinueAsNewFunc<typeof debtMediationTrajectory>({ workflowType: 'debtMediationTrajectory' })({
        dossier: dossier.handOver(),
        guidanceType: guidanceType!,
        durationMonths: durationMonths!,
        decisionDate,
        agreement: null,
        year: 1,
        plans: [],
        nextWeek: null,
        nextMonth: null,
        monthDoneThrough: null,
        nextEvaluation: null,
      });
    }
    // Granted before the trajectory workflow existed: the dossier stays open in "Lopend traject".
    await condition(() => false);
  }
  // A refusal: the dossier stays open until the client's appeal window has run out.
  await dossier.finish({ windows: true });
  return { status: 'NOTIFIED', decision: result };
}

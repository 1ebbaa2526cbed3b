import { makeContinueAsNewFunc, patched } from '@temporalio/workflow';
import { periodOf } from '../../libs/payments/schedule';
import { ART_57TER_REASONS, SOCIAL_AID } from '../../libs/procedures/social-aid';
import { AID_FORMS, AidFormName } from '../../libs/tasks/task-kinds';
import type { Category } from '../../libs/tasks/task-outcomes';
import type { DossierInput } from '../shared/dossier-input';
import { Dossier } from '../shared/dossier-runtime';
import { MonthlyGrant, monthlyAidLetter, monthlyAmount, orderPayment } from '../shared/monthly-aid';
import { councilDecides, notifyDecision, openRequest, requestDocuments } from '../shared/request-pipeline';
import { SOCIAL_AID_DOSSIER, type socialAidBenefit } from './social-aid-benefit.workflow';
import { formFollower, PartnerFormWatch, superviseForm } from '../shared/partner-forms';
import { followReimbursementClaims, lastClaims, sendStartForms, WET_1965_CLAIMS_AFTER_END_PATCH } from './wet1965-forms';

export interface SocialAidResult {
  status: 'FORWARDED' | 'NOTIFIED' | 'AID_GRANTED';
  decision?: 'granted' | 'refused';
  aidForm?: AidFormName;
}

/** The Dutch label of a form of aid (the definition's choice titles). */
export function aidFormLabel(form: AidFormName | undefined): string {
  return AID_FORMS.find(([name]) => name === form)?.[1] ?? '–';
}

/**
 * A request for social aid (maatschappelijke dienstverlening, art. 1 and 57 OCMW-wet), following the generic request →
 * decision pipeline of shared/domain/ocmw-procedures.md §0.1 with the deadlines of §2.2. The form of aid is free: a
 * granted equivalent leefloon continues as its own running workflow (socialAidBenefit); a one-off amount is paid
 * once; aid in kind, a guarantee or an advance is the recorded decision with its letter.
 */
export async function socialAidApplication(input: DossierInput): Promise<SocialAidResult> {
  const dossier = new Dossier(input, SOCIAL_AID_DOSSIER);
  await dossier.refreshSettings();
  // SA-1 (art. 58 §1 OCMW-wet): registered and the ontvangstbewijs the same day. SA-3: the BCSD decides within one
  // calendar month of the request (art. 58 §2, §0.3); lapsed without a decision, the appeal for its absence
  // (SA-5-NO-DECISION, art. 71 al. 2 OCMW-wet) opens.
  // Registered with its receipt, the competence check, and when not competent the forwarding (CO-1) or the conflict with
  // POD MI (CO-2, CO-3): the shared opening of every request.
  const opened = await openRequest(dossier, 'Aanvraag maatschappelijke dienstverlening');
  if ('handled' in opened) return opened.handled;
  const { decisionTerm } = opened;

  await dossier.event('inquiry-started', 'Sociaal onderzoek gestart', { status: 'INQUIRY' });
  const inquiry = await dossier.task('aid-inquiry', { deadline: decisionTerm });
  // Art. 57ter OCMW-wet: with a code 207 no grant can be proposed or decided (the report's and the council's checks).
  dossier.facts.rijksregisterCode = inquiry.rijksregisterCode;
  await requestDocuments(dossier, inquiry.missingDocuments, decisionTerm);
  await dossier.event('inquiry-done', 'Sociaal onderzoek afgerond', {
    status: 'SOCIAL_REPORT',
    data: { hearingRequested: inquiry.hearingRequested, stateReimbursed: inquiry.stateReimbursed, rijksregisterCode: inquiry.rijksregisterCode },
  });
  const report = await dossier.task('aid-report', { deadline: decisionTerm });
  await dossier.event('report-ready', `Sociaal verslag klaar, voorstel: ${report.proposal === 'grant' ? `toekennen (${aidFormLabel(report.aidForm)})` : 'weigeren'}`, {
    status: 'AWAITING_DECISION',
  });

  // The BCSD decides on the social report's proposal and its form of aid.
  const { decision, result, decisionDate } = await councilDecides(
    dossier,
    decisionTerm,
    {
      reference: input.reference,
      proposal: report.proposal,
      aidForm: report.aidForm,
      category: report.category,
      monthlyAmountCents: report.monthlyAmountCents,
      startDate: report.startDate,
      amountCents: report.amountCents,
      aidDescription: report.aidDescription,
      payeePartyId: report.payeePartyId,
      motivation: report.motivation,
    },
    inquiry.hearingRequested,
  );

  // SA-4: notify within 8 days, by registered letter or against receipt (art. 62bis OCMW-wet).
  const notificationTerm = await dossier.deadline('notification', 'SA-4', decisionDate);
  const form = result === 'granted' ? ((decision.aidForm ?? report.aidForm) as AidFormName) : undefined;
  const grant: MonthlyGrant | undefined = form === 'equivalent-leefloon'
    ? {
        category: (decision.category ?? report.category) as Category,
        monthlyResourcesCents: inquiry.monthlyResourcesCents,
        startDate: decision.startDate ?? report.startDate ?? input.requestDate,
        decisionDate,
      }
    : undefined;
  const amount = grant
    ? await monthlyAmount(dossier, grant, periodOf(grant.startDate))
    : undefined;
  const once = form && form !== 'equivalent-leefloon'
    ? { kind: form, label: aidFormLabel(form), description: (decision.aidDescription ?? report.aidDescription)!, amountCents: decision.amountCents ?? report.amountCents }
    : undefined;

  // A one-off amount is paid at once, beside the letter, to the client or to a party of the dossier (the landlord, the
  // energy supplier): the payments capability orders it once, keyed on the decision (`once:aid-<decision date>`).
  const payee = decision.payeePartyId ?? report.payeePartyId;
  const paid = once?.kind === 'one-off'
    ? orderPayment(dossier, {
        dossierId: input.dossierId,
        kind: 'one-off',
        period: `once:aid-${decisionDate}`,
        amountCents: once.amountCents!,
        dueDate: dossier.today(),
        computation: { text: `${once.label}: ${once.description} (beslissing BCSD van ${decisionDate})` },
        ...(payee ? { payee: { partyId: payee } } : {}),
      })
    : undefined;

  // The decision letter carries what §0.2 requires and cites the OCMW-wet (art. 1 and 57; a refusal for code 207 art. 57ter).
  const delivered = await notifyDecision(dossier, notificationTerm, {
    key: 'decision-letter',
    template: result === 'granted' ? 'decision-grant' : 'decision-refusal',
    data: {
      decisionDate,
      legalReasons: inquiry.rijksregisterCode === '207' && result === 'refused'
        ? `${SOCIAL_AID.letters.legalReasons} ${ART_57TER_REASONS}`
        : SOCIAL_AID.letters.legalReasons,
      factualReasons: decision.motivation,
      ...(grant && amount ? monthlyAidLetter(grant, amount, grant.startDate) : {}),
      ...(once ? { aid: once } : {}),
    },
  });
  await dossier.event('notified', `Beslissing ter kennis gebracht op ${delivered.notifiedOn}; beroep mogelijk tot ${delivered.appealUntil ?? '?'}`, {
    status: 'NOTIFIED',
  });

  if (grant) {
    // A granted equivalent leefloon runs on as its own workflow (same dossier, same workflow id): payments, the
    // yearly home visit (SA-8 when the state reimburses it), a stop decision. An urgent grant's ratification goes along.
    await dossier.finish();
    return makeContinueAsNewFunc<typeof socialAidBenefit>({ workflowType: 'socialAidBenefit' })({
      dossier: dossier.handOver(),
      grant,
      year: 1,
      nextPeriod: null,
      lastHomeVisit: inquiry.homeVisitDate,
      stateReimbursed: inquiry.stateReimbursed,
      appealFrom: delivered.notifiedOn,
    });
  }
  if (once) {
    await paid;
    // State-reimbursed financial aid given once: forms A and B1 (Wet 1965), followed until POD MI acknowledges them.
    if (inquiry.stateReimbursed && once.amountCents) {
      const forms = await sendStartForms(dossier, { decisionDate, startDate: decisionDate, aidForm: once.kind, amountCents: once.amountCents, monthly: false });
      for (const watch of forms) dossier.keep(superviseForm(dossier, watch));
    }
    await dossier.event('aid-granted', `${once.label} toegekend: ${once.description}`, { status: 'AID_GRANTED', data: { aidForm: once.kind, amountCents: once.amountCents ?? null } });
    // State-reimbursed aid given once: its costs are claimed afterwards (D1 for the payment, D2, F), within SA-10.
    if (inquiry.stateReimbursed && patched(WET_1965_CLAIMS_AFTER_END_PATCH)) {
      const claimed: PartnerFormWatch[] = [];
      void dossier.supervise('wet1965-claims', 'de aanvragen tot terugbetaling door de Staat (Wet 1965)', () => followReimbursementClaims(dossier, formFollower(dossier, claimed)));
      dossier.superviseRatifications();
      await lastClaims(dossier, decisionDate, `${once.label} toegekend`, claimed, 'AID_GRANTED');
      return { status: 'AID_GRANTED', decision: result, aidForm: once.kind };
    }
  }
  // An urgent decision's ratification is awaited; the dossier stays open until the client's appeal window has run out.
  dossier.superviseRatifications();
  await dossier.finish({ windows: true });
  return once ? { status: 'AID_GRANTED', decision: result, aidForm: once.kind } : { status: 'NOTIFIED', decision: result };
}

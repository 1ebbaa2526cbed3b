import { condition, patched, proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../../activities';
import { formatDateNl } from '../../libs/format/dutch';
import type { IsoDate } from '../../libs/deadlines/calendar-date';
import type { AidFormName } from '../../libs/tasks/task-kinds';
import type { Dossier } from '../shared/dossier-runtime';
import { PartnerFormWatch, sendPartnerForm } from '../shared/partner-forms';

const acts = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '5 minutes' },
});

/** Dossiers from here on send the Wet 1965 forms of state-reimbursed aid (the v1 histories predate them). */
export const WET_1965_FORMS_PATCH = 'social-aid-wet1965-forms';

/** The form of aid as form B1 names it. */
const B1_AID_FORM: Record<AidFormName, 'equivalent-leefloon' | 'financial' | 'in-kind'> = {
  'equivalent-leefloon': 'equivalent-leefloon',
  'one-off': 'financial',
  guarantee: 'financial',
  advance: 'financial',
  'in-kind': 'in-kind',
};

/**
 * Aid the inquiry found state-reimbursed under the Wet 1965 (§2.1, §5.3): at the start of the aid form A (the
 * beneficiary, identified by INSZ) and form B1 (the decision), each under the SA-6 term ([U], OCMW_WET1965_FORM_DAYS);
 * POD MI is reminded until it acknowledges them. Returns the watches to follow (a refused form is escalated).
 */
export async function sendStartForms(
  dossier: Dossier,
  aid: { decisionDate: IsoDate; startDate: IsoDate; aidForm: AidFormName; amountCents: number; monthly: boolean; category?: 1 | 2 | 3 },
): Promise<PartnerFormWatch[]> {
  if (!patched(WET_1965_FORMS_PATCH)) return [];
  const a = await sendPartnerForm(dossier, 'wet1965:A', { startDate: aid.startDate, beneficiaries: [{ role: 'applicant' }] });
  const b1 = await sendPartnerForm(dossier, 'wet1965:B1', {
    decisionDate: aid.decisionDate,
    aidForm: B1_AID_FORM[aid.aidForm],
    ...(aid.category ? { category: aid.category } : {}),
    amountCents: aid.amountCents,
    frequency: aid.monthly ? 'monthly' : 'once',
    startDate: aid.startDate,
  });
  return [a, b1].filter((w): w is PartnerFormWatch => w !== undefined);
}

/** The stop of state-reimbursed aid: form C (Wet 1965) under the SA-6 term from the stop decision ([U]). */
export async function sendStopForm(dossier: Dossier, stop: { decisionDate: IsoDate; endDate: IsoDate; reason: string }): Promise<PartnerFormWatch | undefined> {
  if (!patched(WET_1965_FORMS_PATCH)) return undefined;
  return sendPartnerForm(dossier, 'wet1965:C', { decisionDate: stop.decisionDate, endDate: stop.endDate, reason: stop.reason.slice(0, 500) });
}

/** Runs from here on take the state's reimbursement claims (events wet1965-claim, wet1965-medical-aid) while the aid runs. */
export const WET_1965_CLAIMS_PATCH = 'social-aid-wet1965-claims';

/** The events the claims come as (social aid's definition, libs/procedures/social-aid.ts). */
export const WET_1965_CLAIM_EVENTS = ['wet1965-claim', 'wet1965-medical-aid'] as const;

/**
 * The state's reimbursement while the aid runs (§5.3; art. 9 and 11 Wet 1965), one claim after another as finance
 * records them: the decision on medical aid as form B2 (under SA-6, [U]); the aid paid in a period as form D1, its
 * costs read from the payments marked paid (the proof of actual expenses); an invoice of medical costs as D2 and the
 * housing costs of a first home (MB 30 januari 1995) as F. Each form goes to POD MI's outbox through the partner-form
 * capability and is followed (`follow`: carried across continue-as-new until acknowledged). A period without any aid
 * paid sends nothing and says so on the timeline. Every key comes from the claim's business names (its period, its
 * invoice reference or the recorded event's id), never from a counter.
 */
export async function followReimbursementClaims(dossier: Dossier, follow: (watch: PartnerFormWatch | undefined) => void): Promise<void> {
  for (;;) {
    const event = await dossier.waitForAnyEvent(WET_1965_CLAIM_EVENTS);
    const d = event.data as Record<string, string | number | undefined>;
    if (event.type === 'wet1965-medical-aid') {
      follow(await sendPartnerForm(dossier, 'wet1965:B2', {
        decisionDate: d.decisionDate, kind: d.kind, startDate: d.startDate,
        ...(d.endDate ? { endDate: d.endDate } : {}), ...(d.careProvider ? { careProvider: d.careProvider } : {}),
      }));
      continue;
    }
    const claimRef = (event.reference ?? event.eventId).replace(/[^A-Za-z0-9./-]/g, '-').slice(0, 60);
    if (d.form === 'D1') {
      const from = String(d.periodFrom);
      const to = String(d.periodTo);
      const costs = await dossier.attempt('kosten voor formulier D1', () => acts.reimbursableCosts({ dossierId: dossier.input.dossierId, from, to }));
      if (!costs) continue;
      if (costs.length === 0) {
        await dossier.event('wet1965-claim-empty', `Geen betaalde steun van ${formatDateNl(from)} tot ${formatDateNl(to)}: geen formulier D1 verstuurd`);
        continue;
      }
      const totalCents = costs.reduce((sum, c) => sum + c.amountCents, 0);
      follow(await sendPartnerForm(dossier, 'wet1965:D1', { periodFrom: from, periodTo: to, costs, totalCents }));
      continue;
    }
    const cost = { description: String(d.description), amountCents: Number(d.amountCents), paidOn: String(d.paidOn) };
    follow(d.form === 'D2'
      ? await sendPartnerForm(dossier, 'wet1965:D2', { periodFrom: d.periodFrom, periodTo: d.periodTo, costs: [cost], totalCents: cost.amountCents, claimRef })
      : await sendPartnerForm(dossier, 'wet1965:F', { homeTakenOn: d.homeTakenOn, costs: [cost], totalCents: cost.amountCents, claimRef }));
  }
}

/** State-reimbursed aid from here on keeps its file open for the last claims once the aid ended (SA-10 [U]). */
export const WET_1965_CLAIMS_AFTER_END_PATCH = 'wet1965-claims-after-end';

/**
 * The aid ended (its last day, or a one-off payment), but its costs are not all claimed yet: the last D1 for the final
 * months, an invoice that comes late (D2, F). The file stays open under SA-10 ([U], a window from the last day of aid,
 * 12 months by default: a choice, configuration through the rules file) in the status REIMBURSEMENT_CLAIMS, where only
 * the claims still reach it (ProcedureStatus.takesOnly); the claims loop already running takes them as before. When the
 * window and the other windows (the appeal) have run out and POD MI acknowledged every form sent (`forms`, the watches
 * the caller follows), the dossier is closed in `closeAs` (a stopped benefit, a one-off aid given).
 */
export async function lastClaims(
  dossier: Dossier, lastDay: IsoDate, what: string, forms: readonly PartnerFormWatch[], closeAs: 'STOPPED' | 'AID_GRANTED',
): Promise<void> {
  const window = await dossier.deadline('wet1965-last-claims', 'SA-10', lastDay, { kind: 'window' });
  await dossier.event('wet1965-last-claims', `${what}; de laatste aanvragen tot terugbetaling door de Staat (Wet 1965) kunnen nog tot en met ${formatDateNl(window.dueDate()!)}`, {
    status: 'REIMBURSEMENT_CLAIMS',
  });
  await dossier.finish({ windows: true });
  await condition(() => forms.length === 0);
  await dossier.event('closed', 'Termijn voor de laatste aanvragen tot terugbetaling door de Staat verstreken: dossier afgesloten', { status: closeAs, closed: true });
}

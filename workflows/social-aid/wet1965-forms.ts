import { patched } from '@temporalio/workflow';
import type { IsoDate } from '../../libs/deadlines/calendar-date';
import type { AidFormName } from '../../libs/tasks/task-kinds';
import type { Dossier } from '../shared/dossier-runtime';
import { PartnerFormWatch, sendPartnerForm } from '../shared/partner-forms';

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

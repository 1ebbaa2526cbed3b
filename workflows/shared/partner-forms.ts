import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../../activities';
import { daysBetween, IsoDate } from '../../libs/deadlines/calendar-date';
import { formatDateNl } from '../../libs/format/dutch';
import { clockTrigger, PARTNER_NAMES, partnerForm, PartnerFormDefinition, PartnerFormId } from '../../libs/partner-forms/registry';
import type { Dossier } from './dossier-runtime';

const acts = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '5 minutes' },
});

/**
 * A form in a partner's outbox whose clock and reminders the dossier watches; carried across continue-as-new. Watches
 * carried from runs before the registry (the leefloon's POD MI B/C) have `form` and `decisionDate` instead of `formId`
 * and `trigger`.
 */
export interface PartnerFormWatch {
  partnerMessageId: string;
  /** The dossier's key of the form: its clocks and its reminders' partnerRef. */
  key: string;
  formId?: PartnerFormId;
  /** The date the form's clock started on (null: a form without a clock). */
  trigger?: IsoDate | null;
  /** Set once the form left the outbox: a next run only goes on reminding. */
  sentOn?: IsoDate;
  /** @deprecated carried by older runs: 'B' | 'C' of the RMI-wet. */
  form?: 'B' | 'C';
  /** @deprecated carried by older runs: the decision date the LL-5 clock started on. */
  decisionDate?: IsoDate;
}

const capitalize = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
const formOf = (watch: PartnerFormWatch): PartnerFormDefinition => partnerForm(watch.formId ?? `rmi:${watch.form!}`);
const triggerOf = (watch: PartnerFormWatch): IsoDate | null => (watch.trigger !== undefined ? watch.trigger : (watch.decisionDate ?? null));

/**
 * Queues a registered partner form (libs/partner-forms) for the dossier: the activity validates its content and the
 * identity of the people it names; a refusal (non-retryable) is escalated to the team lead and answers undefined, so the
 * dossier goes on. Returns the watch to hand to watchPartnerForm (or superviseForm).
 */
export async function sendPartnerForm(dossier: Dossier, formId: PartnerFormId, content: Record<string, unknown>): Promise<PartnerFormWatch | undefined> {
  const form = partnerForm(formId);
  const { dossierId } = dossier.input;
  const partnerName = PARTNER_NAMES[form.partner];
  const sent = await dossier.attempt(`${form.label} voor ${partnerName}`, () =>
    form.activity === 'sendPodMiForm'
      ? acts.sendPodMiForm({ dossierId, form: form.code as 'B' | 'C', ...(content as Omit<Parameters<Activities['sendPodMiForm']>[0], 'dossierId' | 'form'>) })
      : acts.sendPartnerForm({ dossierId, formId, content }),
  );
  if (!sent) return undefined;
  // The timeline type of B/C stays `pod-mi-form-B` (partner + kind).
  await dossier.event(`${form.partner}-${form.kind}`, `${capitalize(form.label)} voor ${partnerName} klaargezet (${form.describe(content)})`);
  const key = form.keyOf(content);
  const trigger = clockTrigger(form, content);
  // POD MI B/C keep the shape older runs carry (a worker of the previous version may take the run over).
  if (form.activity === 'sendPodMiForm') return { partnerMessageId: sent.partnerMessageId, key, form: form.code as 'B' | 'C', decisionDate: trigger!, formId, trigger };
  return { partnerMessageId: sent.partnerMessageId, key, formId, trigger };
}

/**
 * Starts (or takes over) the form's clock and, where money is lost after a later term (LL-5-LOSS), that clock too;
 * meets them when the form leaves the outbox (its export); then reminds the partner every `partnerReminderDays` until
 * it acknowledges the form.
 */
export async function watchPartnerForm(dossier: Dossier, watch: PartnerFormWatch): Promise<void> {
  const form = formOf(watch);
  const trigger = triggerOf(watch);
  if (!watch.sentOn) {
    const term = form.clock && trigger ? await dossier.deadline(watch.key, form.clock.ruleId, trigger) : undefined;
    const loss = form.clock?.lossRuleId && trigger ? await dossier.deadline(`${watch.key}-loss`, form.clock.lossRuleId, trigger) : undefined;
    const sentOn = await dossier.partnerMessageSent(watch.partnerMessageId);
    watch.sentOn = sentOn;
    await term?.met(sentOn);
    if (loss) {
      await loss.met(sentOn);
      // LL-5-LOSS: the due date is the last day without loss; the loss starts the day after (consequenceFrom). A
      // computation recorded before that correction named the first day of loss as its due date: consequenceFrom()
      // answers that day for it, so stored histories replay unchanged.
      const lossFrom = loss.consequenceFrom();
      if (lossFrom && sentOn >= lossFrom) {
        const days = daysBetween(lossFrom, sentOn) + 1;
        await dossier.event('subsidy-lost', `Staatstoelage verloren voor ${days} dag(en): formulier verstuurd op ${formatDateNl(sentOn)}, verlies vanaf ${formatDateNl(lossFrom)}`, {
          data: { days, lossFrom, sentOn },
        });
      }
    }
  }
  // The partner confirms the form; until it does, it is reminded.
  await dossier.remindPartnerUntilAnswered(
    { partnerMessageId: watch.partnerMessageId, partner: form.partner, kind: form.kind, partnerRef: watch.key },
    dossier.settings[form.reminder.setting] ?? form.reminder.defaultDays,
  );
}

/**
 * watchPartnerForm in the background: a failure becomes a breach escalation for the team lead instead of failing the
 * workflow task, and the dossier goes on.
 */
export function superviseForm(dossier: Dossier, watch: PartnerFormWatch): Promise<void> {
  const form = formOf(watch);
  return dossier.supervise(`${form.partner}:${watch.key}`, `de opvolging van ${form.label} voor ${PARTNER_NAMES[form.partner]}`, () => watchPartnerForm(dossier, watch));
}

/**
 * Follows each form it is given (superviseForm) and keeps `forms` as the list of those not yet acknowledged: what a
 * hand-over carries and what a dossier that waits for its forms waits on.
 */
export function formFollower(dossier: Dossier, forms: PartnerFormWatch[]): (watch: PartnerFormWatch | undefined) => void {
  return (watch) => {
    if (!watch) return;
    forms.push(watch);
    void superviseForm(dossier, watch).then(() => forms.splice(forms.indexOf(watch), 1));
  };
}

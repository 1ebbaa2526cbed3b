import { condition, defineSignal, makeContinueAsNewFunc, proxyActivities, setHandler } from '@temporalio/workflow';
import type { Activities } from '../../../activities';
import { letterToCreditor } from '../../../libs/notices/creditor-letters';
import type { CarriedEvents, DossierInput } from '../../../workflows/shared/dossier-input';
import type { PartnerFormId } from '../../../libs/partner-forms/registry';
import { DeadlineHandle, Dossier } from '../../../workflows/shared/dossier-runtime';
import { PartnerFormWatch, sendPartnerForm, watchPartnerForm } from '../../../workflows/shared/partner-forms';
import { CorrespondenceCarry, CREDITOR_ANSWER_EVENT, PartyCorrespondence, PartyLetter } from '../../../workflows/shared/party-correspondence';

export const stopProbe = defineSignal<[string]>('stopProbe');

/**
 * Test-only workflow: one deadline of any catalogue rule on the shared Dossier runtime, so the deadline mechanism can
 * be tested with rules the leefloon procedure does not use (suspendable, extendable). Met on the date signalled.
 */
export async function deadlineProbe(input: DossierInput & { ruleId: string; trigger: string }): Promise<string> {
  const dossier = new Dossier(input);
  let metOn: string | undefined;
  setHandler(stopProbe, (date) => void (metOn = date));
  const clock = await dossier.deadline('probe', input.ruleId, input.trigger);
  await condition(() => metOn !== undefined);
  await clock.met(metOn!);
  await dossier.finish();
  return clock.status();
}

export const meetSignal = defineSignal<[{ key: string; date: string }]>('meet');
export const cancelSignal = defineSignal<[string]>('cancel');

/**
 * Test-only workflow: several clocks of any catalogue rules on the shared Dossier runtime (duties or windows), met or
 * cancelled by signal; it ends once every clock is closed and returns their statuses.
 */
export async function clocksProbe(
  input: DossierInput & { clocks: { key: string; ruleId: string; trigger: string; kind?: 'duty' | 'window' }[] },
): Promise<Record<string, string>> {
  const dossier = new Dossier(input);
  const clocks = new Map<string, DeadlineHandle>();
  const todo: Promise<void>[] = [];
  setHandler(meetSignal, ({ key, date }) => void todo.push(clocks.get(key)!.met(date)));
  setHandler(cancelSignal, (key) => void todo.push(clocks.get(key)!.cancel('test')));
  for (const c of input.clocks) clocks.set(c.key, await dossier.deadline(c.key, c.ruleId, c.trigger, { kind: c.kind }));
  await condition(() => [...clocks.values()].every((c) => ['met', 'breached', 'cancelled', 'expired'].includes(c.status())) && todo.length > 0);
  await Promise.all(todo);
  await dossier.finish();
  return Object.fromEntries([...clocks].map(([key, c]) => [key, c.status()]));
}

export const takeSignal = defineSignal('take');

/**
 * Test-only workflow: external events on the shared Dossier runtime. The first run takes one `new-fact-reported` and,
 * when signalled `take`, hands over (continue-as-new) with what the runtime carries; the next run, when signalled
 * `take` again, takes the next `new-fact-reported` and a `request-forwarded-by-ocmw`, and returns the ids taken.
 */
export async function eventsProbe(input: DossierInput & { taken?: string[] }): Promise<string[]> {
  const dossier = new Dossier(input);
  let go = false;
  setHandler(takeSignal, () => void (go = true));
  if (!input.taken) {
    const first = await dossier.waitForEvent('new-fact-reported');
    await condition(() => go);
    await dossier.settle();
    return makeContinueAsNewFunc<typeof eventsProbe>()({ ...dossier.handOver(), taken: [first.eventId] });
  }
  await condition(() => go);
  const second = await dossier.waitForEvent('new-fact-reported');
  const forwarded = await dossier.waitForEvent('request-forwarded-by-ocmw');
  await dossier.finish();
  return [...input.taken, second.eventId, forwarded.eventId];
}

/**
 * Test-only workflow: one registered partner form sent through the shared step (libs/partner-forms), its clock and
 * reminders watched until the partner acknowledges it. Answers 'refused' when the form was refused (and escalated).
 */
export async function partnerFormProbe(input: DossierInput & { formId: PartnerFormId; content: Record<string, unknown> }): Promise<string> {
  const dossier = new Dossier(input);
  await dossier.refreshSettings();
  const watch = await sendPartnerForm(dossier, input.formId, input.content);
  if (!watch) return 'refused';
  await watchPartnerForm(dossier, watch);
  await dossier.finish();
  return 'acknowledged';
}

/** Test-only workflow: a form watch handed over by an earlier run (continue-as-new), taken over by watchPartnerForm. */
export async function partnerFormWatchProbe(input: DossierInput & { watch: PartnerFormWatch }): Promise<string> {
  const dossier = new Dossier(input);
  await dossier.refreshSettings();
  await watchPartnerForm(dossier, input.watch);
  await dossier.finish();
  return 'acknowledged';
}

/**
 * Test-only workflow: a procedure that takes only `request-forwarded-by-ocmw` events (DossierOptions.takesEvents).
 * When signalled `take`, it returns the events a hand-over would carry.
 */
export async function recordOnlyEventsProbe(input: DossierInput): Promise<CarriedEvents | undefined> {
  const dossier = new Dossier(input, { takesEvents: ['request-forwarded-by-ocmw'] });
  let go = false;
  setHandler(takeSignal, () => void (go = true));
  await condition(() => go);
  await dossier.settle();
  return dossier.handOver().carry?.events;
}

export const sendLetterSignal = defineSignal<[PartyLetter]>('sendLetter');
export const handOverSignal = defineSignal('handOver');
/** As a host writes to every creditor and collector of the inventory (REPORT.md's lines): a statement request each. */
export const writeToCreditorsSignal = defineSignal('writeToCreditors');
const probeActs = proxyActivities<Activities>({ startToCloseTimeout: '1 minute' });

/**
 * Test-only host of the shared PartyCorrespondence (workflows/shared/party-correspondence.ts), hosted as a procedure
 * would host it: letters sent by signal (or the creditorLetterRequested Update the class registers), answers as
 * 'creditor-answer' events; signalled `handOver`, it continues as new with what the runtime and the class carry.
 */
export async function correspondenceProbe(input: DossierInput & { correspondence?: CorrespondenceCarry }): Promise<never> {
  const dossier = new Dossier(input, { takesEvents: [CREDITOR_ANSWER_EVENT] });
  const correspondence = new PartyCorrespondence(dossier, { answerDays: () => dossier.settings.creditorAnswerDays ?? 21 }, input.correspondence);
  let handOver = false;
  setHandler(handOverSignal, () => void (handOver = true));
  setHandler(sendLetterSignal, (letter) => void correspondence.send(letter));
  setHandler(writeToCreditorsSignal, () => void (async () => {
    for (const c of await dossier.activity(() => probeActs.debtCreditors({ dossierId: input.dossierId }))) await correspondence.send(letterToCreditor('creditor-statement-request', c));
  })());
  await dossier.refreshSettings();
  correspondence.run();
  await condition(() => handOver);
  await dossier.settle();
  return makeContinueAsNewFunc<typeof correspondenceProbe>()({ ...dossier.handOver(), correspondence: correspondence.handOver() });
}

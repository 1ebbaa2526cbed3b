import { condition, defineSignal, setHandler } from '@temporalio/workflow';
import type { DossierInput } from '../../../workflows/shared/dossier-input';
import { Dossier } from '../../../workflows/shared/dossier-runtime';

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

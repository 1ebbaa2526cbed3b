import { continueAsNew } from '@temporalio/workflow';
import type { LinkedDossier } from '../../../activities/dossiers/linked-dossier.activities';
import type { DossierInput } from '../../../workflows/shared/dossier-input';
import { Dossier } from '../../../workflows/shared/dossier-runtime';

/**
 * Test-only workflow: a procedure that opens a linked dossier under a business key, in this run and again in the
 * next (continue-as-new), plus one under another key; it returns what each call answered.
 */
export async function linkedProbe(input: DossierInput & { run?: number; answers?: LinkedDossier[] }): Promise<LinkedDossier[]> {
  const dossier = new Dossier(input);
  const run = input.run ?? 1;
  const answers = [...(input.answers ?? [])];
  answers.push(await dossier.openLinked('leefloon', 'leefloon:after-loi', 'Erkenning LOI: recht op leefloon nagaan'));
  if (run === 1) {
    answers.push(await dossier.openLinked('leefloon', 'leefloon:after-loi', 'Erkenning LOI: recht op leefloon nagaan'));
    await continueAsNew<typeof linkedProbe>({ ...input, run: 2, answers });
  }
  answers.push(await dossier.openLinked('leefloon', 'leefloon:after-review-2027', 'Herziening 2027'));
  await dossier.finish();
  return answers;
}

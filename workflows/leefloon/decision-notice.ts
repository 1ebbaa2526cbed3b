import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../../activities';
import type { IssueLetterInput } from '../../activities/notices/notice.activities';
import type { DeadlineHandle, Dossier } from '../shared/dossier-runtime';

const acts = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '5 minutes' },
});

export const LEGAL_REASONS = 'Wet van 26 mei 2002 betreffende het recht op maatschappelijke integratie (RMI-wet), art. 3 en 14.';

/** Why the category applies (§1.1: the actual situation found by the social inquiry). */
export const CATEGORY_REASON: Record<1 | 2 | 3, string> = {
  1: 'U woont samen met een of meer personen met wie u de huishouding in hoofdzaak regelt (vastgesteld bij het sociaal onderzoek).',
  2: 'U woont alleen (vastgesteld bij het sociaal onderzoek).',
  3: 'U woont met een gezin ten laste, met minstens één ongehuwd minderjarig kind (vastgesteld bij het sociaal onderzoek).',
};

/**
 * Every decision (grant, refusal, revision, stop) reaches the client the same way: the letter with what §0.2 requires
 * (an incomplete one is refused and escalated), the social worker records how it was delivered (registered with a
 * tracking number, or against a signed receipt) within the LL-4 term, and the notification date opens the client's
 * appeal window (LL-10, art. 47 RMI-wet, 3 judicial months).
 */
export async function notifyDecision(
  dossier: Dossier,
  term: DeadlineHandle,
  letter: { key: string; template: 'decision-grant' | 'decision-refusal' | 'decision-revision' | 'decision-stop'; data: Record<string, unknown> },
  appealKey = 'appeal',
): Promise<{ notifiedOn: string; appealUntil?: string }> {
  const { dossierId } = dossier.input;
  await dossier.attempt('beslissingsbrief', () =>
    acts.issueLetter({
      dossierId,
      key: letter.key,
      template: letter.template,
      data: letter.data,
      delivery: { mode: 'registered' },
      dueDate: term.dueDate() ?? undefined,
    } as IssueLetterInput),
  );
  const notification = await dossier.task('decision-notification', { deadline: term });
  await term.met(notification.date);
  const delivered = await dossier.activity(() =>
    acts.recordDelivery({
      dossierId,
      key: letter.key,
      mode: notification.mode,
      trackingNumber: notification.trackingNumber,
      ...(notification.mode === 'registered' ? { postedOn: notification.date } : { signedOn: notification.date }),
    }),
  );
  await dossier.deadline(appealKey, 'LL-10', delivered.notifiedOn, { kind: 'window' });
  return delivered;
}

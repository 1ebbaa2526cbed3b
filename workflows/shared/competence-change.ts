import { patched, proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../../activities';
import { addDays, IsoDate } from '../../libs/deadlines/calendar-date';
import { formatDateNl } from '../../libs/format/dutch';
import { COMPETENCE_CHANGED_EVENT_TYPE, COMPETENCE_CONFLICT_DECIDED_EVENT_TYPE } from '../../libs/procedures/pipeline';
import type { CompletedTask } from '../../libs/tasks/task-outcomes';
import type { Dossier } from './dossier-runtime';
import type { MonthlyGrant } from './monthly-aid';

const acts = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '5 minutes' },
});

/** Running benefits from here on take a change of competence (CO-4, issue 14). */
export const COMPETENCE_CHANGE_PATCH = 'competence-change-co4';

/**
 * Running benefits from here on also take POD MI's final answer on a competence conflict (CO-3, omzendbrief 8 april
 * 2003): this OCMW handled the request on the provisional designation; a final answer that names another OCMW is a
 * change of competence from the day of the answer (the CO-4 steps), one that names this OCMW confirms it.
 */
export const COMPETENCE_FINAL_ANSWER_PATCH = 'competence-final-answer';

/** A change of competence taken from its event and not yet settled: carried across continue-as-new. */
export interface CompetenceChange {
  /** The day this OCMW stopped being competent (the moving date). */
  since: IsoDate;
  /** The OCMW competent now, by NIS code, and its name in the directory. */
  newOcmw: string;
  name: string;
  reasons: string;
}

/**
 * CO-4 (§5.2): competence changed while the aid runs (the client moved). The timeline says since when and who is
 * competent now; the social worker informs the new OCMW (with reasons, as CO-1's forwarding) and the client in writing,
 * and decides whether to propose a stop from the day competence ended ([U] no strict term). Never a stop by itself: the
 * proposal goes to the BCSD as the yearly review's stop would. `carried`: a change the previous run took (its tasks are
 * taken over by key); `onTaken` hands the change to the run's carry until it is settled. Keys from the date, never a counter.
 */
export async function followCompetenceChange(
  dossier: Dossier, carried: CompetenceChange | undefined, onTaken: (change: CompetenceChange) => void,
): Promise<{ change: CompetenceChange; proposal: CompletedTask<'competence-change-stop'> }> {
  let change = carried;
  const finalAnswers = patched(COMPETENCE_FINAL_ANSWER_PATCH);
  while (!change) {
    const event = finalAnswers
      ? await dossier.waitForAnyEvent([COMPETENCE_CHANGED_EVENT_TYPE, COMPETENCE_CONFLICT_DECIDED_EVENT_TYPE])
      : await dossier.waitForEvent(COMPETENCE_CHANGED_EVENT_TYPE);
    const d = event.type === COMPETENCE_CONFLICT_DECIDED_EVENT_TYPE
      ? finalAnswerAsChange(event.data as { competentOcmw: string; podMiReference?: string }, event.occurredOn)
      : (event.data as { since: IsoDate; newOcmw: string; reasons: string });
    if (event.type === COMPETENCE_CONFLICT_DECIDED_EVENT_TYPE && d.newOcmw === dossier.facts.ocmwNisCode) {
      await dossier.event('competence-confirmed', `De POD MI besliste op ${formatDateNl(event.occurredOn)} definitief dat dit OCMW bevoegd is`);
      continue;
    }
    const names = await dossier.attempt('naam van het nu bevoegde OCMW', () => acts.ocmwNames({ nisCodes: [d.newOcmw] }));
    change = { since: d.since, newOcmw: d.newOcmw, name: names?.[d.newOcmw] ?? d.newOcmw, reasons: d.reasons };
    onTaken(change);
    await dossier.event('competence-changed', `Dit OCMW is niet meer bevoegd vanaf ${formatDateNl(change.since)}: bevoegd is nu ${change.name} (${change.reasons})`, {
      data: { since: change.since, newOcmw: change.newOcmw },
    });
  }
  dossier.facts.competenceEndedOn = change.since;
  const key = `competence-change-${change.since}`;
  const [, , proposal] = await Promise.all([
    dossier.task('forward-request', { key }),
    dossier.task('forwarding-letter', { key }),
    dossier.task('competence-change-stop', { key }),
  ]);
  await dossier.event('competence-change-handled', proposal.proposeStop
    ? `${change.name} en de cliënt ingelicht; stopzetting voorgesteld vanaf ${formatDateNl(proposal.stopFrom!)}`
    : `${change.name} en de cliënt ingelicht; geen stopzetting: dit OCMW blijft bevoegd`);
  return { change, proposal };
}

/** POD MI's final answer naming another OCMW, as a change of competence from the day of the answer. */
function finalAnswerAsChange(answer: { competentOcmw: string; podMiReference?: string }, answeredOn: IsoDate): { since: IsoDate; newOcmw: string; reasons: string } {
  const reference = answer.podMiReference ? ` (kenmerk ${answer.podMiReference})` : '';
  return { since: answeredOn, newOcmw: answer.competentOcmw, reasons: `eindbeslissing van de POD MI over het bevoegdheidsconflict${reference}` };
}

/** The stop proposed after a change of competence as the review the BCSD decides on (`review-<year>`): the last day of aid the day before. */
export function stopProposalAsReview(
  proposal: CompletedTask<'competence-change-stop'>, grant: MonthlyGrant, lastHomeVisit: IsoDate,
): CompletedTask<'yearly-review'> {
  return {
    homeVisitDate: lastHomeVisit, proposal: 'stop', category: grant.category, monthlyResourcesCents: grant.monthlyResourcesCents,
    endDate: addDays(proposal.stopFrom!, -1), motivation: proposal.motivation, completedBy: proposal.completedBy, completedOn: proposal.completedOn,
  };
}

/**
 * Supervises CO-4 in a running benefit (leefloon, social aid): a proposed stop becomes the run's review (`setReview`),
 * the yearly review task is cancelled; no stop proposed, the change is settled and nothing else changes.
 */
export function superviseCompetenceChange(
  dossier: Dossier,
  state: { change?: CompetenceChange },
  grant: () => MonthlyGrant,
  lastHomeVisit: IsoDate,
  setReview: (review: CompletedTask<'yearly-review'>) => void,
): void {
  if (!patched(COMPETENCE_CHANGE_PATCH)) return;
  void dossier.supervise('competence-change', 'de gewijzigde bevoegdheid (CO-4)', async () => {
    // One change after another: one without a stop settles, and the next move is a change of its own.
    for (;;) {
      const { proposal } = await followCompetenceChange(dossier, state.change, (c) => { state.change = c; });
      if (proposal.proposeStop) {
        await dossier.cancelTask('yearly-review', 'yearly-review', 'stopzetting voorgesteld na een gewijzigde bevoegdheid');
        setReview(stopProposalAsReview(proposal, grant(), lastHomeVisit));
        return;
      }
      state.change = undefined;
    }
  });
}

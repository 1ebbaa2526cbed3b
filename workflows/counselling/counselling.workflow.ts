import { condition, continueAsNew, makeContinueAsNewFunc } from '@temporalio/workflow';
import { addMonths, compareDates, IsoDate, startOfDay } from '../../libs/deadlines/calendar-date';
import { formatDateNl } from '../../libs/format/dutch';
import { COUNSELLING_TASK_KINDS } from '../../libs/tasks/task-kinds';
import type { CompletedTask } from '../../libs/tasks/task-outcomes';
import type { DossierInput } from '../shared/dossier-input';
import { Dossier } from '../shared/dossier-runtime';
import type { ExternalEventInput } from '../shared/dossier.messages';

const STOPPED_EVENT = 'counselling-stopped-by-client';

/** The external event a counselling dossier waits for: the client ends the guidance. */
export const COUNSELLING_DOSSIER = { takesEvents: [STOPPED_EVENT] } as const;

/** The guidance as agreed, carried from run to run (one run per evaluation period). */
export interface CounsellingPlan {
  goalsAgreedOn: IsoDate;
  evaluationEveryMonths: number;
  /** The day the next evaluation is due (its task opens that day). */
  nextEvaluationOn: IsoDate;
  /** The next follow-up appointment (its task opens that day); absent: none until the evaluation. */
  nextAppointmentOn?: IsoDate;
  /** What the guidance counted so far, for the closure. */
  counts: { held: number; noShow: number; moved: number; evaluations: number };
}

export interface CounsellingFollowUpInput {
  dossier: DossierInput;
  plan: CounsellingPlan;
  /** A run that took over within a period (a long history): no second "running" entry on the timeline. */
  midPeriod?: boolean;
}

export interface CounsellingResult {
  status: 'CLOSED';
  reason: CompletedTask<'counselling-closure'>['reason'];
  counts?: CounsellingPlan['counts'];
}

const label = <K extends keyof typeof COUNSELLING_TASK_KINDS>(kind: K, field: string, value: unknown): string => {
  const schema = COUNSELLING_TASK_KINDS[kind].outcomeSchema as { properties: Record<string, { oneOf?: { const: unknown; title: string }[] }> };
  return schema.properties[field].oneOf?.find((o) => o.const === value)?.title ?? String(value);
};

/**
 * A counselling dossier (psychosociale begeleiding, seed task 5): guidance rather than money, so no BCSD and no legal
 * clock. The intake conversation runs under the OCMW's own service norm PB-1 (OCMW_COUNSELLING_FIRST_APPOINTMENT_DAYS
 * working days from the request: the same clocks as the legal terms, so a late intake warns and reaches the team
 * lead's dashboard). The intake finds whether guidance is needed; if so, the goals are agreed with the client, with how
 * often they are evaluated and the first follow-up appointment, and the dossier continues as counsellingFollowUp.
 * Otherwise (referred, not needed) it is closed with its short report.
 *
 * The timeline says what happened, never what was said: the intake's account, the goals, the case notes and the
 * report stay in the tasks' outcomes and the notes (read on the dossier by its team), out of the timeline.
 */
export async function counsellingDossier(input: DossierInput): Promise<CounsellingResult> {
  const dossier = new Dossier(input, COUNSELLING_DOSSIER);
  await dossier.refreshSettings();
  await dossier.event('counselling-registered', `Aanvraag psychosociale begeleiding geregistreerd op ${formatDateNl(input.requestDate)}`, { status: 'INTAKE' });
  // PB-1: the OCMW's service norm for the first conversation (no legal term; configuration).
  const norm = await dossier.deadline('first-appointment', 'PB-1', input.requestDate);
  const stop = watchStop(dossier);
  const intake = await untilStopped(dossier, stop, dossier.task('counselling-intake', { deadline: norm }));
  if (!intake) return close(dossier, stop);
  await norm.met(intake.heldOn);
  await dossier.event(
    'intake-held',
    `Intakegesprek op ${formatDateNl(intake.heldOn)}: hulpvraag ${label('counselling-intake', 'mainConcern', intake.mainConcern).toLowerCase()}; ` +
      `${label('counselling-intake', 'guidance', intake.guidance)}`,
    { status: intake.guidance === 'start' ? 'GOALS' : 'CLOSING', data: { mainConcern: intake.mainConcern, guidance: intake.guidance } },
  );
  if (intake.guidance !== 'start') return close(dossier, stop);

  const goals = await untilStopped(dossier, stop, dossier.task('counselling-goals'));
  if (!goals) return close(dossier, stop);
  const plan: CounsellingPlan = {
    goalsAgreedOn: goals.agreedOn,
    evaluationEveryMonths: goals.evaluationEveryMonths,
    nextEvaluationOn: addMonths(goals.agreedOn, goals.evaluationEveryMonths).date,
    nextAppointmentOn: goals.firstAppointmentOn,
    counts: { held: 0, noShow: 0, moved: 0, evaluations: 0 },
  };
  await dossier.event('goals-agreed', `Doelen afgesproken met de cliënt op ${formatDateNl(goals.agreedOn)}; evaluatie om de ${goals.evaluationEveryMonths} maand(en), eerst op ${formatDateNl(plan.nextEvaluationOn)}`, {
    status: 'COUNSELLING', data: { evaluationEveryMonths: goals.evaluationEveryMonths, nextEvaluationOn: plan.nextEvaluationOn },
  });
  // The guidance runs on as its own workflow (same dossier, same workflow id), one run per evaluation period.
  await dossier.settle();
  return makeContinueAsNewFunc<typeof counsellingFollowUp>({ workflowType: 'counsellingFollowUp' })({ dossier: dossier.handOver(), plan });
}

/**
 * The guidance while it runs, one evaluation period per run: each follow-up appointment is a task on its day (held,
 * the client did not come, or moved; its note; the next appointment), the evaluation a task on its day (the progress,
 * the goals as adjusted, continue with the next appointment, or close). The client may end it at any time (the event
 * `counselling-stopped-by-client`). Keys are business names: an appointment by its day (the next one is always after
 * the day it is planned on), an evaluation by its due day.
 */
export async function counsellingFollowUp(input: CounsellingFollowUpInput): Promise<CounsellingResult> {
  const dossier = new Dossier(input.dossier, COUNSELLING_DOSSIER);
  dossier.status = 'COUNSELLING';
  await dossier.refreshSettings();
  await dossier.resume();
  const plan: CounsellingPlan = { ...input.plan, counts: { ...input.plan.counts } };
  const timeZone = input.dossier.settings.timeZone;
  const stop = watchStop(dossier);
  if (!input.midPeriod) {
    await dossier.event('counselling-running', `Begeleiding loopt${plan.nextAppointmentOn ? `; volgend gesprek op ${formatDateNl(plan.nextAppointmentOn)}` : ''}; evaluatie op ${formatDateNl(plan.nextEvaluationOn)}`, { status: 'COUNSELLING' });
  }

  for (;;) {
    const appointment = plan.nextAppointmentOn && compareDates(plan.nextAppointmentOn, plan.nextEvaluationOn) < 0 ? plan.nextAppointmentOn : undefined;
    const day = appointment ?? plan.nextEvaluationOn;
    // Until the day (or the client stops): then the task of that day opens.
    if (await condition(() => stop.event !== undefined, Math.max(0, startOfDay(day, timeZone) - Date.now()))) return close(dossier, stop, plan);
    if (appointment) {
      const held = await untilStopped(dossier, stop, dossier.task('counselling-appointment', { key: `appointment-${appointment}` }));
      if (!held) return close(dossier, stop, plan);
      if (held.result === 'held') plan.counts.held += 1;
      else if (held.result === 'no-show') plan.counts.noShow += 1;
      else plan.counts.moved += 1;
      plan.nextAppointmentOn = held.nextAppointmentOn;
      await dossier.event(
        'appointment',
        `Opvolggesprek van ${formatDateNl(appointment)}: ${label('counselling-appointment', 'result', held.result).toLowerCase()}` +
          `${held.nextAppointmentOn ? `; volgend gesprek op ${formatDateNl(held.nextAppointmentOn)}` : '; geen nieuwe afspraak tot de evaluatie'}`,
        { status: 'COUNSELLING', data: { day: appointment, result: held.result, nextAppointmentOn: held.nextAppointmentOn ?? null } },
      );
      if (dossier.shouldHandOver()) {
        // A long history hands over between two appointments: same period, same clocks, same open tasks.
        await dossier.settle();
        return continueAsNew<typeof counsellingFollowUp>({ dossier: dossier.handOver(), plan, midPeriod: true });
      }
      continue;
    }

    // The evaluation of the period.
    const due = plan.nextEvaluationOn;
    await dossier.event('evaluation-due', `Evaluatie van de begeleiding op ${formatDateNl(due)}`, { status: 'EVALUATION' });
    const evaluation = await untilStopped(dossier, stop, dossier.task('counselling-evaluation', { key: `evaluation-${due}` }));
    if (!evaluation) return close(dossier, stop, plan);
    plan.counts.evaluations += 1;
    const continues = evaluation.decision === 'continue';
    await dossier.event(
      'evaluated',
      `Evaluatie van ${formatDateNl(due)}: ${label('counselling-evaluation', 'progress', evaluation.progress).toLowerCase()}; ` +
        `${continues ? `begeleiding loopt verder, volgend gesprek op ${formatDateNl(evaluation.nextAppointmentOn!)}` : 'begeleiding wordt afgesloten'}`,
      { status: continues ? 'COUNSELLING' : 'CLOSING', data: { due, progress: evaluation.progress, decision: evaluation.decision } },
    );
    if (!continues) return close(dossier, stop, plan);
    await dossier.settle();
    return continueAsNew<typeof counsellingFollowUp>({
      dossier: dossier.handOver(),
      plan: { ...plan, nextAppointmentOn: evaluation.nextAppointmentOn, nextEvaluationOn: addMonths(due, plan.evaluationEveryMonths).date },
    });
  }
}

/** The client's stop, taken once: a step waits for its task or for the stop, whichever comes first. */
function watchStop(dossier: Dossier): { event?: ExternalEventInput } {
  const stop: { event?: ExternalEventInput } = {};
  void dossier.waitForEvent(STOPPED_EVENT).then((e) => void (stop.event = e));
  return stop;
}

/** The task's outcome, or undefined when the client stopped first (the open task is then cancelled). */
async function untilStopped<T>(dossier: Dossier, stop: { event?: ExternalEventInput }, task: Promise<T>): Promise<T | undefined> {
  let outcome: T | undefined;
  void task.then((o) => void (outcome = o));
  await condition(() => outcome !== undefined || stop.event !== undefined);
  if (outcome !== undefined) return outcome;
  await dossier.closeOpenTasks('de cliënt stopte de begeleiding');
  return undefined;
}

/** The closure with its short report: the dossier is closed (no longer among the open dossiers) and the workflow ends. */
async function close(dossier: Dossier, stop: { event?: ExternalEventInput }, plan?: CounsellingPlan): Promise<CounsellingResult> {
  if (stop.event) {
    await dossier.event('stopped-by-client', `De cliënt stopte de begeleiding (gemeld op ${formatDateNl(stop.event.occurredOn)})`, { status: 'CLOSING' });
  } else {
    dossier.status = 'CLOSING';
  }
  const closure = await dossier.task('counselling-closure', { key: 'closure' });
  const counts = plan?.counts;
  await dossier.event(
    'counselling-closed',
    `Begeleiding afgesloten: ${label('counselling-closure', 'reason', closure.reason).toLowerCase()}` +
      `${counts ? `; ${counts.held} opvolggesprek(ken), ${counts.noShow} keer niet gekomen, ${counts.evaluations} evaluatie(s)` : ''}; kort verslag in de afsluitingstaak`,
    { status: 'CLOSED', closed: true, data: { reason: closure.reason, ...(counts ? { counts } : {}) } },
  );
  await dossier.finish();
  return { status: 'CLOSED', reason: closure.reason, ...(counts ? { counts } : {}) };
}

import { DataSource, EntityManager, IsNull } from 'typeorm';
import { DeadlineEntity, EscalationEntity } from '../../libs/db/entities';
import { audit, SYSTEM } from '../../libs/db/audit';
import { insertOnce } from '../../libs/db/insert-once';
import { addToTimeline } from '../../libs/db/timeline';
import { ApplicationFailure } from '@temporalio/common';
import { computeDeadline, findRule } from '../../libs/deadlines/engine';
import { DeadlineComputation, DeadlineError, DeadlineRule, DeadlineStatus, Extension, JudicialMonthEnd, Suspension } from '../../libs/deadlines/types';
import type { ComputedDeadline } from '../../libs/deadlines/v1-rules';
import { OPEN_CLOCK_STATUSES, statusAfterReplan } from '../../libs/deadlines/clock-status';
import { formatDateNl } from '../../libs/format/dutch';
import type { AppConfig } from '../../libs/config/config';

export interface PlanDeadlineInput {
  /** null: a clock of the OCMW itself (the annual report, DEBT-1), named by `subject`; it has no timeline. */
  dossierId: string | null;
  subject?: string;
  key: string;
  team: string;
  ruleId: string;
  triggerDate: string;
  kind?: 'duty' | 'window';
  warningDays: number;
  timeZone: string;
  suspensions?: Suspension[];
  extensions?: Extension[];
  /**
   * Set by the recomputeDeadlines Update: a correction of the computation (not a change of the law) of a clock that is
   * still open. The record takes the new dates and the status the workflow decided; the timeline names the old and the
   * new due date.
   */
  recompute?: RecomputeInput;
}

export interface RecomputeInput {
  previousDueDate: string | null;
  /** The clock's status before; the record gets statusAfterReplan of it, as the workflow does. */
  previousStatus: DeadlineStatus;
  requestedBy: string;
  /** Workflow time of the Update (ISO): the timeline entry's time and idempotency key. */
  at: string;
}

/** Failure type when the engine refuses (a rule not in force, a suspension it does not allow): not worth retrying. */
export const DEADLINE_REFUSED = 'DeadlineRefused';

/** The engine's computation for an activity: its refusals become non-retryable failures the workflow can report. */
export function planWithEngine(
  catalogue: DeadlineRule[],
  input: PlanDeadlineInput,
  options: { judicialMonthEnd?: JudicialMonthEnd } = {},
): DeadlineComputation {
  try {
    const rule = findRule(catalogue, input.ruleId, input.triggerDate);
    return computeDeadline(rule, input.triggerDate, {
      warningDays: input.warningDays,
      timeZone: input.timeZone,
      suspensions: input.suspensions,
      extensions: input.extensions,
      judicialMonthEnd: options.judicialMonthEnd,
    });
  } catch (err) {
    if (err instanceof DeadlineError) {
      throw ApplicationFailure.create({ type: DEADLINE_REFUSED, message: err.message, details: [err.code], nonRetryable: true });
    }
    throw err;
  }
}

/** v1 dossiers (before the deadline engine): the workflow computed the deadline itself. */
export interface StartDeadlineInput {
  dossierId: string;
  key: string;
  team: string;
  deadline: ComputedDeadline;
}

export interface DeadlineStatusInput {
  dossierId: string | null;
  key: string;
  status: DeadlineStatus;
  metDate?: string;
  at: string;
}

export interface EscalationInput {
  dossierId: string | null;
  key: string;
  team: string;
  level: 'warning' | 'breach';
  message: string;
  at: string;
}

export function createDeadlineActivities({
  dataSource,
  catalogue,
  config,
}: {
  dataSource: DataSource;
  catalogue: DeadlineRule[];
  /** The reading of art. 54 Ger.W. at month ends (OCMW_JUDICIAL_MONTH_END); default 'last-day'. */
  config?: Pick<AppConfig, 'deadlineJudicialMonthEnd'>;
}) {
  const judicialMonthEnd = config?.deadlineJudicialMonthEnd;
  return {
    /**
     * Computes a deadline with the engine and the catalogue in force on its trigger date, and keeps the dossier's
     * record of it (created on first call, recomputed after a suspension or extension). The workflow's timers follow
     * the returned instants: one computation for the timer, the letter, the dashboard and the audit trail.
     */
    async planDeadline(input: PlanDeadlineInput): Promise<DeadlineComputation> {
      const computed = planWithEngine(catalogue, input, { judicialMonthEnd });
      const values = {
        ruleId: computed.ruleId,
        ruleVersion: computed.ruleVersion,
        title: computed.title,
        legalBasis: computed.legalBasis,
        triggerDate: computed.triggerDate,
        dueDate: computed.dueDate,
        dueAt: computed.dueAt ? new Date(computed.dueAt) : null,
        warningDate: computed.warningDate,
        warningAt: computed.warningAt ? new Date(computed.warningAt) : null,
        suspendedSince: computed.suspendedSince,
        explanation: computed.summary,
        explanationSteps: computed.explanation as never,
        suspensions: (input.suspensions ?? []) as never,
        extensions: (input.extensions ?? []) as never,
      };
      await dataSource.transaction(async (tx) => {
        const created = await insertOnce(tx, DeadlineEntity, {
          ...values,
          dossierId: input.dossierId,
          subject: input.subject ?? null,
          key: input.key,
          kind: input.kind ?? 'duty',
          team: input.team,
          status: computed.suspendedSince ? 'suspended' : 'running',
        } as never);
        if (created) return;
        const current = await tx.findOneByOrFail(DeadlineEntity, { dossierId: dossierOf(input), key: input.key });
        const recompute = input.recompute;
        // A clock that was closed in the meantime (met, breached, cancelled, expired) keeps its record.
        if (recompute && !OPEN_CLOCK_STATUSES.includes(current.status)) return;
        const status: DeadlineStatus = recompute
          ? statusAfterReplan(recompute.previousStatus, computed, Date.parse(recompute.at))
          : computed.suspendedSince ? 'suspended' : current.status === 'suspended' ? 'running' : current.status;
        await tx.update(DeadlineEntity, { id: current.id }, { ...values, status } as never);
        if (recompute) {
          const before = recompute.previousDueDate;
          const after = computed.dueDate;
          const change =
            before === after
              ? `vervaldag ongewijzigd (${dateNl(after)})`
              : `vervaldag ${dateNl(before)} → ${dateNl(after)}`;
          const recorded = await timeline(tx, input.dossierId, {
            key: `deadline:${input.key}:recomputed:${recompute.at}`,
            at: new Date(recompute.at),
            type: 'deadline-recomputed',
            description: `${computed.title}: herberekend na een correctie van de berekening (geen wetswijziging), ${change}. ${computed.summary}`,
            data: { deadlineKey: input.key, ruleId: computed.ruleId, previousDueDate: before, dueDate: after, requestedBy: recompute.requestedBy },
          });
          // Once, however often the activity is retried.
          if (recorded) await audit(tx, SYSTEM, 'deadline.recomputed', {
            dossierId: input.dossierId,
            details: { deadlineKey: input.key, ruleId: computed.ruleId, previousDueDate: before, dueDate: after, requestedBy: recompute.requestedBy },
          });
          return;
        }
        await timeline(tx, input.dossierId, {
          key: `deadline:${input.key}:replanned:${(input.suspensions ?? []).length}:${(input.extensions ?? []).length}:${computed.dueDate ?? 'open'}`,
          at: new Date(),
          type: 'deadline-replanned',
          description: `${computed.title}: ${computed.summary}`,
          data: { deadlineKey: input.key, dueDate: computed.dueDate, suspendedSince: computed.suspendedSince },
        });
      });
      return computed;
    },

    async startDeadline(input: StartDeadlineInput): Promise<void> {
      const d = input.deadline;
      await insertOnce(dataSource.manager, DeadlineEntity, {
          dossierId: input.dossierId,
          key: input.key,
          ruleId: d.ruleId,
          title: d.title,
          legalBasis: d.legalBasis,
          triggerDate: d.triggerDate,
          dueDate: d.dueDate,
          warningDate: d.warningDate,
          status: 'running',
          explanation: d.explanation,
          team: input.team,
        });
    },

    /** The workflow decides the status (met late = breached, with its met date); this keeps the read model and timeline. */
    async setDeadlineStatus(input: DeadlineStatusInput): Promise<void> {
      await dataSource.transaction(async (tx) => {
        const current = await tx.findOneByOrFail(DeadlineEntity, { dossierId: dossierOf(input), key: input.key });
        const status = input.status;
        if (current.status === status && (input.metDate ?? null) === current.metDate) return;
        await tx.update(DeadlineEntity, { id: current.id }, { status, ...(input.metDate ? { metDate: input.metDate } : {}) });
        await timeline(tx, input.dossierId, {
            key: `deadline:${input.key}:${input.status}${input.metDate ? `:${input.metDate}` : ''}`,
            at: new Date(input.at),
            type: `deadline-${input.status}`,
            description: `${current.title}: ${statusText(input.status, current.dueDate, input.metDate)}`,
            data: { deadlineKey: input.key, ruleId: current.ruleId, dueDate: current.dueDate, metDate: input.metDate ?? null },
          });
      });
    },

    /** The team lead sees it on the dashboard; one escalation per deadline and level. */
    async raiseEscalation(input: EscalationInput): Promise<void> {
      await dataSource.transaction(async (tx) => {
        const values = { dossierId: input.dossierId, deadlineKey: input.key, level: input.level, message: input.message, team: input.team };
        if (!(await insertOnce(tx, EscalationEntity, values))) return;
        await timeline(tx, input.dossierId, {
          key: `escalation:${input.key}:${input.level}`,
          at: new Date(input.at),
          type: `escalation-${input.level}`,
          description: input.message,
          data: { deadlineKey: input.key },
        });
        await audit(tx, SYSTEM, `escalation.${input.level}`, { dossierId: input.dossierId, details: { deadlineKey: input.key } });
      });
    },
  };
}

/** A clock without a dossier is found by its key among the others without one (IS NULL, not "= NULL"). */
function dossierOf(input: { dossierId: string | null }) {
  return input.dossierId ?? IsNull();
}

/** The dossier's timeline entry, once; a clock without a dossier has no timeline (true: as if new, so it is audited). */
async function timeline(tx: EntityManager, dossierId: string | null, entry: Omit<Parameters<typeof addToTimeline>[1], 'dossierId'>): Promise<boolean> {
  if (dossierId === null) return true;
  return addToTimeline(tx, { ...entry, dossierId });
}

/** A date a person reads, in Dutch ("1 april 2026"); "onbekend" while an open suspension leaves it open. */
function dateNl(date: string | null | undefined): string {
  return date ? formatDateNl(date) : 'onbekend';
}

function statusText(status: DeadlineStatus, dueDate: string | null, metDate?: string): string {
  switch (status) {
    case 'met':
      return `tijdig gehaald op ${dateNl(metDate)} (uiterlijk ${dateNl(dueDate)})`;
    case 'breached':
      return metDate ? `laattijdig gehaald op ${dateNl(metDate)} (uiterlijk ${dateNl(dueDate)})` : `termijn overschreden (uiterlijk ${dateNl(dueDate)})`;
    case 'at-risk':
      return `in gevaar (uiterlijk ${dateNl(dueDate)})`;
    case 'cancelled':
      return 'vervallen';
    case 'expired':
      return `termijn verstreken (${dateNl(dueDate)})`;
    case 'informative':
      // GwH nr. 35/2008: an appeal term for the absence of a decision does not run without the applicant knowing.
      return (
        `indicatieve einddatum ${dateNl(dueDate)} voorbij; de termijn loopt niet zonder kennisgeving (GwH nr. 35/2008): ` +
        'het beroep blijft mogelijk'
      );
    case 'running':
      return `loopt (uiterlijk ${dateNl(dueDate)})`;
    case 'suspended':
      return 'geschorst';
    default:
      return status;
  }
}

import { DataSource } from 'typeorm';
import { DeadlineEntity, EscalationEntity } from '../../libs/db/entities';
import { audit, SYSTEM } from '../../libs/db/audit';
import { insertOnce } from '../../libs/db/insert-once';
import { addToTimeline } from '../../libs/db/timeline';
import { ApplicationFailure } from '@temporalio/common';
import { computeDeadline, findRule } from '../../libs/deadlines/engine';
import { DeadlineComputation, DeadlineError, DeadlineRule, DeadlineStatus, Extension, Suspension } from '../../libs/deadlines/types';
import type { ComputedDeadline } from '../../libs/deadlines/v1-rules';

export interface PlanDeadlineInput {
  dossierId: string;
  key: string;
  team: string;
  ruleId: string;
  triggerDate: string;
  kind?: 'duty' | 'window';
  warningDays: number;
  timeZone: string;
  suspensions?: Suspension[];
  extensions?: Extension[];
}

/** Failure type when the engine refuses (a rule not in force, a suspension it does not allow): not worth retrying. */
export const DEADLINE_REFUSED = 'DeadlineRefused';

/** The engine's computation for an activity: its refusals become non-retryable failures the workflow can report. */
export function planWithEngine(catalogue: DeadlineRule[], input: PlanDeadlineInput): DeadlineComputation {
  try {
    const rule = findRule(catalogue, input.ruleId, input.triggerDate);
    return computeDeadline(rule, input.triggerDate, {
      warningDays: input.warningDays,
      timeZone: input.timeZone,
      suspensions: input.suspensions,
      extensions: input.extensions,
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
  dossierId: string;
  key: string;
  status: DeadlineStatus;
  metDate?: string;
  at: string;
}

export interface EscalationInput {
  dossierId: string;
  key: string;
  team: string;
  level: 'warning' | 'breach';
  message: string;
  at: string;
}

export function createDeadlineActivities({ dataSource, catalogue }: { dataSource: DataSource; catalogue: DeadlineRule[] }) {
  return {
    /**
     * Computes a deadline with the engine and the catalogue in force on its trigger date, and keeps the dossier's
     * record of it (created on first call, recomputed after a suspension or extension). The workflow's timers follow
     * the returned instants: one computation for the timer, the letter, the dashboard and the audit trail.
     */
    async planDeadline(input: PlanDeadlineInput): Promise<DeadlineComputation> {
      const computed = planWithEngine(catalogue, input);
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
          key: input.key,
          kind: input.kind ?? 'duty',
          team: input.team,
          status: computed.suspendedSince ? 'suspended' : 'running',
        } as never);
        if (created) return;
        const current = await tx.findOneByOrFail(DeadlineEntity, { dossierId: input.dossierId, key: input.key });
        const status: DeadlineStatus = computed.suspendedSince ? 'suspended' : current.status === 'suspended' ? 'running' : current.status;
        await tx.update(DeadlineEntity, { id: current.id }, { ...values, status } as never);
        await addToTimeline(tx, {
          dossierId: input.dossierId,
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
        const current = await tx.findOneByOrFail(DeadlineEntity, { dossierId: input.dossierId, key: input.key });
        const status = input.status;
        if (current.status === status && (input.metDate ?? null) === current.metDate) return;
        await tx.update(DeadlineEntity, { id: current.id }, { status, ...(input.metDate ? { metDate: input.metDate } : {}) });
        await addToTimeline(tx, {
            dossierId: input.dossierId,
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
        await addToTimeline(tx, {
          dossierId: input.dossierId,
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

function statusText(status: DeadlineStatus, dueDate: string | null, metDate?: string): string {
  switch (status) {
    case 'met':
      return `tijdig gehaald op ${metDate} (uiterlijk ${dueDate})`;
    case 'breached':
      return metDate ? `laattijdig gehaald op ${metDate} (uiterlijk ${dueDate})` : `termijn overschreden (uiterlijk ${dueDate})`;
    case 'at-risk':
      return `in gevaar (uiterlijk ${dueDate})`;
    case 'cancelled':
      return 'vervallen';
    case 'expired':
      return `termijn verstreken (${dueDate})`;
    case 'suspended':
      return 'geschorst';
    default:
      return status;
  }
}

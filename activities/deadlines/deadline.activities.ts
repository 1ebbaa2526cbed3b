import { DataSource } from 'typeorm';
import { DeadlineEntity, DossierEventEntity, EscalationEntity } from '../../libs/db/entities';
import { audit, SYSTEM } from '../../libs/db/audit';
import { insertOnce } from '../../libs/db/insert-once';
import type { ComputedDeadline, DeadlineStatus } from '../../libs/deadlines/v1-rules';

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

export function createDeadlineActivities({ dataSource }: { dataSource: DataSource }) {
  return {
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
        await insertOnce(tx, DossierEventEntity, {
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
        await tx.insert(DossierEventEntity, {
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

function statusText(status: DeadlineStatus, dueDate: string, metDate?: string): string {
  switch (status) {
    case 'met':
      return `tijdig gehaald op ${metDate} (uiterlijk ${dueDate})`;
    case 'breached':
      return metDate ? `laattijdig gehaald op ${metDate} (uiterlijk ${dueDate})` : `termijn overschreden (uiterlijk ${dueDate})`;
    case 'at-risk':
      return `in gevaar (uiterlijk ${dueDate})`;
    case 'cancelled':
      return 'vervallen';
    default:
      return status;
  }
}

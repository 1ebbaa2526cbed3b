import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { audit } from '../../../libs/db/audit';
import { EscalationEntity } from '../../../libs/db/entities';
import { authorize, teamInScope } from '../common/authorize';
import type { AuthUser } from '../common/current-user';
import type { BreachCause } from '../../../libs/domain/breach-causes';
import { conflict, notFound, ValidationError } from '../common/errors';

export interface Acknowledgement {
  cause?: BreachCause;
  causeNote?: string;
}

export interface EscalationQuery {
  status?: 'open' | 'acknowledged' | 'all';
  team?: string;
}

@Injectable()
export class EscalationsService {
  constructor(private readonly dataSource: DataSource) {}

  async list(actor: AuthUser, query: EscalationQuery) {
    const team = teamInScope(actor, 'dashboard:read', query.team);
    const status = query.status ?? 'open';
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT e.id, e.dossier_id, x.reference, o.subject, e.deadline_key, coalesce(d.rule_id, o.rule_id) AS rule_id,
              coalesce(d.title, o.title) AS title, coalesce(d.due_date, o.due_date) AS due_date, e.level, e.message, e.team,
              e.created_at, e.acknowledged_at, e.acknowledged_by, e.cause, e.cause_note
         FROM escalations e
         LEFT JOIN dossiers x ON x.id = e.dossier_id
         LEFT JOIN deadlines d ON d.dossier_id = e.dossier_id AND d.key = e.deadline_key
         -- a clock of the OCMW itself (no dossier): two equality joins keep the unique index usable
         LEFT JOIN deadlines o ON e.dossier_id IS NULL AND o.dossier_id IS NULL AND o.key = e.deadline_key
        WHERE ($1::text IS NULL OR e.team = $1)
          AND ($2 = 'all' OR ($2 = 'open' AND e.acknowledged_at IS NULL) OR ($2 = 'acknowledged' AND e.acknowledged_at IS NOT NULL))
        ORDER BY (e.level = 'breach') DESC, e.created_at DESC
        LIMIT 500`,
      [team, status],
    );
    return {
      items: rows.map((r) => ({
        id: r.id,
        dossierId: r.dossier_id,
        dossierReference: r.reference,
        /** A clock without a dossier (the annual report): what it is about; null for a dossier's. */
        subject: r.subject ?? null,
        deadlineKey: r.deadline_key,
        ruleId: r.rule_id,
        title: r.title,
        dueDate: r.due_date,
        level: r.level,
        message: r.message,
        team: r.team,
        createdAt: r.created_at,
        acknowledgedAt: r.acknowledged_at,
        acknowledgedBy: r.acknowledged_by,
        cause: r.cause,
        causeNote: r.cause_note,
      })),
      total: rows.length,
    };
  }

  /** Once (again is 409); a breach with its cause (400 without, nothing changed), a warning without one. */
  async acknowledge(actor: AuthUser, id: string, body: Acknowledgement = {}) {
    return this.dataSource.transaction(async (tx) => {
      const escalation = await tx.findOneBy(EscalationEntity, { id });
      if (!escalation) throw notFound('Escalation');
      authorize(actor, 'escalation:acknowledge', { team: escalation.team }, 'Escalation');
      if (escalation.acknowledgedAt) throw conflict('The escalation is already acknowledged', { acknowledgedAt: escalation.acknowledgedAt });
      if (escalation.level === 'breach' && !body.cause) {
        throw new ValidationError([{ path: '/cause', code: 'required', message: 'A breach is acknowledged with its cause' }]);
      }
      if (escalation.level === 'warning' && (body.cause || body.causeNote)) {
        throw new ValidationError([{ path: '/cause', code: 'not-allowed', message: 'Only a breach has a cause' }]);
      }
      const acknowledgedAt = new Date();
      const cause = body.cause ?? null;
      const causeNote = body.causeNote ?? null;
      await tx.update(EscalationEntity, { id }, { acknowledgedAt, acknowledgedBy: actor.id, cause, causeNote });
      await audit(tx, actor, 'escalation.acknowledged', { dossierId: escalation.dossierId, details: { escalationId: id, ...(cause ? { cause } : {}) } });
      return { id, acknowledgedAt, acknowledgedBy: actor.id, cause, causeNote };
    });
  }
}

import { Inject, Injectable } from '@nestjs/common';
import { Client, WorkflowUpdateFailedError } from '@temporalio/client';
import { ActivityFailure, ApplicationFailure } from '@temporalio/common';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../../../libs/config/config';
import { audit } from '../../../libs/db/audit';
import { DeadlineEntity, DossierEntity } from '../../../libs/db/entities';
import { todayIn } from '../../../libs/deadlines/calendar-date';
import { computeDeadline, findRule } from '../../../libs/deadlines/engine';
import { DeadlineError, DeadlineRule, Extension, Suspension } from '../../../libs/deadlines/types';
import { changeDeadlineUpdate, DeadlineChange } from '../../../workflows/shared/dossier.messages';
import { authorize } from '../common/authorize';
import type { AuthUser } from '../common/current-user';
import { ApiError, conflict, notFound, ValidationError } from '../common/errors';
import { CATALOGUE, CONFIG, TEMPORAL_CLIENT } from '../common/tokens';
import { recomputeRunningDossiers } from './recompute-dossiers';

export interface ComputeRequest {
  ruleId: string;
  trigger: string;
  warningDays?: number;
  suspensions?: Omit<Suspension, 'decidedBy' | 'decidedOn'>[];
  extensions?: Omit<Extension, 'decidedBy' | 'decidedOn'>[];
}

/** The deadline engine for people: the catalogue, a computation with its explanation, and changes to a dossier's clock. */
@Injectable()
export class LegalDeadlinesService {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
    @Inject(CONFIG) private readonly config: AppConfig,
    @Inject(CATALOGUE) private readonly catalogue: DeadlineRule[],
  ) {}

  rules(actor: AuthUser) {
    authorize(actor, 'legal-deadlines:read');
    return { items: this.catalogue, total: this.catalogue.length };
  }

  compute(actor: AuthUser, req: ComputeRequest) {
    authorize(actor, 'legal-deadlines:read');
    const today = todayIn(this.config.timeZone);
    const by = { decidedBy: actor.id, decidedOn: today };
    try {
      const rule = findRule(this.catalogue, req.ruleId, req.trigger);
      const c = computeDeadline(rule, req.trigger, {
        warningDays: req.warningDays ?? this.config.deadlineWarningDays,
        timeZone: this.config.timeZone,
        suspensions: req.suspensions?.map((s) => ({ ...s, to: s.to ?? null, ...by })),
        extensions: req.extensions?.map((e) => ({ ...e, ...by })),
        judicialMonthEnd: this.config.deadlineJudicialMonthEnd,
      });
      return {
        ruleId: c.ruleId,
        ruleVersion: c.ruleVersion,
        title: c.title,
        legalBasis: c.legalBasis,
        trigger: c.triggerDate,
        /** The last day still on time ("met by"). */
        due: c.dueDate,
        dueAt: c.dueAt,
        /** LL-5-LOSS, LL-6-INTEREST: the first day of the loss or the interest ("lost from"), the day after `due`. */
        consequenceFrom: c.consequenceFrom ?? null,
        consequence: rule.consequenceFrom ?? null,
        /** The reading of art. 54 Ger.W. applied to an act on the last day of its month (judicial month terms), or null. */
        judicialMonthEnd: c.judicialMonthEnd ?? null,
        /** true: the end does not forfeit the right on its own (appeal without a decision, GwH nr. 35/2008). */
        indicative: c.indicative ?? false,
        warning: c.warningDate,
        warningAt: c.warningAt,
        suspendedSince: c.suspendedSince,
        summary: c.summary,
        explanation: c.explanation,
      };
    } catch (err) {
      throw this.asHttp(err, 400);
    }
  }

  /**
   * A suspension, the end of one, or an extension of a dossier's running deadline. Checked against the rule first
   * (a rule that does not allow it is 409, naming the rule), then applied by the dossier's workflow, whose timers
   * follow the new due date.
   */
  async change(actor: AuthUser, dossierId: string, deadlineId: string, change: DeadlineChange) {
    const dossier = await this.dataSource.getRepository(DossierEntity).findOneBy({ id: dossierId });
    if (!dossier) throw notFound('Dossier');
    authorize(actor, 'deadline:change', { team: dossier.team }, 'Dossier');
    const deadline = await this.dataSource.getRepository(DeadlineEntity).findOneBy({ id: deadlineId, dossierId });
    if (!deadline) throw notFound('Deadline');
    if (!['running', 'at-risk', 'suspended'].includes(deadline.status)) throw conflict(`The deadline is ${deadline.status}`);
    const rule = this.catalogue.find((r) => r.id === deadline.ruleId && r.version === deadline.ruleVersion);
    if (!rule) throw conflict(`Rule ${deadline.ruleId} v${deadline.ruleVersion} is no longer in the catalogue`);
    const suspensions = [...deadline.suspensions];
    const extensions = [...deadline.extensions];
    if (change.type === 'suspend') {
      if (!rule.suspension.allowed) throw conflict(`Rule ${rule.id} (${rule.title}) cannot be suspended`, { ruleId: rule.id, legalBasis: rule.legalBasis });
      if (suspensions.some((s) => s.to === null)) throw conflict('The deadline is already suspended');
      suspensions.push(change.suspension);
    } else if (change.type === 'extend') {
      if (!rule.extension.allowed) throw conflict(`Rule ${rule.id} (${rule.title}) cannot be extended`, { ruleId: rule.id, legalBasis: rule.legalBasis });
      extensions.push(change.extension);
    } else {
      const open = suspensions.findIndex((s) => s.to === null);
      if (open < 0) throw conflict('The deadline is not suspended');
      suspensions[open] = { ...suspensions[open], to: change.to };
    }
    try {
      computeDeadline(rule, deadline.triggerDate, {
        warningDays: this.config.deadlineWarningDays,
        timeZone: this.config.timeZone,
        suspensions,
        extensions,
        judicialMonthEnd: this.config.deadlineJudicialMonthEnd,
      });
    } catch (err) {
      throw this.asHttp(err, 400);
    }
    try {
      await this.temporal.workflow.getHandle(dossier.workflowId).executeUpdate(changeDeadlineUpdate, { args: [{ key: deadline.key, change, userId: actor.id }] });
    } catch (err) {
      if (err instanceof WorkflowUpdateFailedError) {
        const cause = err.cause instanceof ActivityFailure ? err.cause.cause : err.cause;
        if (cause instanceof ApplicationFailure) throw new ApiError(409, cause.message, { type: cause.type });
      }
      throw err;
    }
    const updated = await this.dataSource.getRepository(DeadlineEntity).findOneByOrFail({ id: deadlineId });
    return {
      id: updated.id,
      key: updated.key,
      ruleId: updated.ruleId,
      status: updated.status,
      triggerDate: updated.triggerDate,
      dueDate: updated.dueDate,
      warningDate: updated.warningDate,
      suspendedSince: updated.suspendedSince,
      suspensions: updated.suspensions,
      extensions: updated.extensions,
      explanation: updated.explanationSteps,
    };
  }

  /**
   * After a correction of the deadline engine (not a change of the law): every running dossier is sent the
   * recomputeDeadlines Update, so its open clocks get the corrected dates. Admin only; audited with the counts.
   */
  async recomputeRunning(actor: AuthUser) {
    authorize(actor, 'deadline:recompute');
    const report = await recomputeRunningDossiers({ dataSource: this.dataSource, temporal: this.temporal, requestedBy: actor.id });
    await audit(this.dataSource.manager, actor, 'deadlines.recompute', {
      details: { ...report, failures: report.failures.slice(0, 100), judicialMonthEnd: this.config.deadlineJudicialMonthEnd },
    });
    return report;
  }

  private asHttp(err: unknown, status: number): unknown {
    if (!(err instanceof DeadlineError)) return err;
    const path: Record<string, string> = {
      'unknown-rule': '/ruleId',
      'invalid-date': '/trigger',
      'invalid-suspension': '/suspensions',
      'not-suspendable': '/suspensions',
      'not-extendable': '/extensions',
      'extension-limit': '/extensions',
      'invalid-extension': '/extensions',
    };
    if (err.code === 'extension-limit' && status !== 400) return conflict(err.message);
    return new ValidationError([{ path: path[err.code] ?? '', code: err.code, message: err.message }]);
  }
}

import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In, IsNull } from 'typeorm';
import type { AppConfig } from '../../../libs/config/config';
import { audit } from '../../../libs/db/audit';
import { BudgetPlanEntity, DossierDebtEntity, DossierEntity, DossierPartyEntity, PartyEntity } from '../../../libs/db/entities';
import { enqueueForWorkflow } from '../../../libs/db/outbox';
import { todayIn } from '../../../libs/deadlines/calendar-date';
import type { BudgetFixedCost, BudgetInstalment, BudgetPlan, BudgetPlanChanged } from '../../../libs/domain/budget-plan';
import { plannedOutgoing, previewWindows } from '../../../libs/domain/budget-plan';
import { normalizeIban } from '../../../libs/domain/identifiers';
import { isDebtRef } from '../../../libs/payments/payment-key';
import type { SchemaError } from '../../../libs/validation/schema';
import { authorize } from '../common/authorize';
import type { AuthUser } from '../common/current-user';
import { conflict, ValidationError } from '../common/errors';
import { CONFIG } from '../common/tokens';
import { WorkflowOutbox } from '../common/workflow-outbox';
import { dossierFor } from '../notes/dossier-for';
import { budgetPlanView } from './budget-plan-view';

/** The procedure whose dossiers have a budget plan (budget management is one of its types, domain §3). */
export const BUDGET_PROCEDURE = 'debt-mediation';

/** PUT /dossiers/:id/budget-plan: the plan without its version, and the version it was edited from. */
export interface BudgetPlanInput extends Omit<BudgetPlan, 'version'> {
  /** The version the social worker saw (0: there was no plan yet); another one is a conflict (409), nothing stored. */
  basedOnVersion: number;
}

/**
 * The budget plan of a budget-management trajectory (domain §3.1 steps 3–5): a read model the social worker edits, one
 * row per version (budget_plans). A new version is stored together with the outbox row that brings it to the
 * dossier's workflow as the `budgetPlanChanged` Update (the workflow orders the payments and writes the timeline).
 * Optimistic concurrency: a PUT names the version it was edited from. Every read and write is audited.
 */
@Injectable()
export class BudgetPlanService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: WorkflowOutbox,
    @Inject(CONFIG) private readonly config: AppConfig,
  ) {}

  async get(actor: AuthUser, dossierId: string, on?: string) {
    authorize(actor, 'budget:read');
    return this.dataSource.transaction(async (tx) => {
      const dossier = await dossierFor(tx, actor, dossierId, 'budget:read');
      await audit(tx, actor, 'budget-plan.read', { dossierId, personId: dossier.personId });
      return this.view(tx, dossierId, on ?? todayIn(this.config.timeZone));
    });
  }

  async put(actor: AuthUser, dossierId: string, input: BudgetPlanInput) {
    authorize(actor, 'budget:plan');
    const { view, outboxId } = await this.dataSource.transaction(async (tx) => {
      const found = await dossierFor(tx, actor, dossierId, 'budget:plan');
      // One writer per dossier at a time: the version read below is the one the new row follows.
      const dossier = await tx.findOneOrFail(DossierEntity, { where: { id: found.id }, lock: { mode: 'pessimistic_write' } });
      if (dossier.procedure !== BUDGET_PROCEDURE) {
        throw conflict('Only a debt mediation dossier has a budget plan', { code: 'not-debt-mediation', procedure: dossier.procedure });
      }
      if (dossier.closedAt) throw conflict('The dossier is closed: its budget plan cannot change', { code: 'closed' });
      const latest = await tx.findOne(BudgetPlanEntity, { where: { dossierId }, order: { version: 'DESC' } });
      const current = latest?.version ?? 0;
      if (input.basedOnVersion !== current) {
        throw conflict(`The budget plan was changed meanwhile: version ${current} is the latest, this change was made on version ${input.basedOnVersion}`, {
          code: 'stale-version', currentVersion: current,
        });
      }
      await checkPlan(tx, dossierId, input, latest);
      const plan = planOf(input, current + 1);
      await tx.insert(BudgetPlanEntity, { dossierId, version: plan.version, validFrom: plan.validFrom, accountIban: plan.account.iban, plan, createdBy: actor.id });
      const changed: BudgetPlanChanged = { plan, changedBy: actor.id };
      const queued = await enqueueForWorkflow(tx, { dossierId, workflowId: dossier.workflowId, message: 'budgetPlanChanged', payload: { ...changed } });
      await audit(tx, actor, 'budget-plan.changed', {
        dossierId, personId: dossier.personId,
        details: { version: plan.version, validFrom: plan.validFrom, fixedCosts: plan.fixedCosts.length, instalments: plan.instalments.length },
      });
      return { view: await this.view(tx, dossierId, todayIn(this.config.timeZone)), outboxId: queued };
    });
    // After the commit, never inside the transaction; what fails here the relay delivers later.
    await this.outbox.deliverNow([outboxId]);
    return view;
  }

  private async view(tx: EntityManager, dossierId: string, on: string) {
    const row = await tx.findOne(BudgetPlanEntity, { where: { dossierId }, order: { version: 'DESC' } });
    const weekday = this.config.debtMediation.leefgeldWeekday;
    if (!row) return budgetPlanView(dossierId, null, new Map(), weekday, null);
    const ids = [...new Set([...row.plan.fixedCosts, ...row.plan.instalments].map((x) => x.partyId))];
    const parties = new Map((ids.length ? await tx.findBy(PartyEntity, { id: In(ids) }) : []).map((p) => [p.id, p]));
    const windows = previewWindows(on);
    return budgetPlanView(dossierId, row, parties, weekday, {
      on,
      thisWeek: plannedOutgoing(row.plan, windows.week, weekday),
      thisMonth: plannedOutgoing(row.plan, windows.month, weekday),
    });
  }
}

/** The document the workflow receives: the fields of the plan in a fixed order, the IBAN in its electronic format. */
function planOf(input: BudgetPlanInput, version: number): BudgetPlan {
  return {
    version,
    validFrom: input.validFrom,
    account: { name: input.account.name.trim(), iban: normalizeIban(input.account.iban), bic: input.account.bic },
    leefgeldWeeklyCents: input.leefgeldWeeklyCents,
    fixedCosts: input.fixedCosts.map((c): BudgetFixedCost => ({ key: c.key, partyId: c.partyId, label: c.label.trim(), amountCents: c.amountCents, dueDay: c.dueDay })),
    instalments: input.instalments.map((i): BudgetInstalment => ({ debtId: i.debtId, partyId: i.partyId, debtRef: i.debtRef, amountCents: i.amountCents, dueDay: i.dueDay })),
    reserveMonthlyCents: input.reserveMonthlyCents,
  };
}

/**
 * What the schema cannot say: keys and debts once each, SEPA-safe references (payment-key.ts: they go into the
 * payment keys and the remittance), every payee a party linked to the dossier (and in use), every instalment's debt
 * an open debt of the dossier's inventory, and a version that does not start before the one it follows. All at once.
 */
async function checkPlan(tx: EntityManager, dossierId: string, input: BudgetPlanInput, latest: BudgetPlanEntity | null): Promise<void> {
  const errors: SchemaError[] = [];
  const duplicate = (values: string[], path: (i: number) => string, what: string) => {
    values.forEach((v, i) => {
      if (values.indexOf(v) !== i) errors.push({ path: path(i), code: 'duplicate', message: `${what} "${v}" occurs more than once in the plan` });
    });
  };
  input.fixedCosts.forEach((c, i) => {
    if (!isDebtRef(c.key)) errors.push({ path: `/fixedCosts/${i}/key`, code: 'debt-ref', message: '1–35 of A-Z a-z 0-9 . / -, starting with a letter or digit' });
  });
  input.instalments.forEach((x, i) => {
    if (!isDebtRef(x.debtRef)) errors.push({ path: `/instalments/${i}/debtRef`, code: 'debt-ref', message: '1–35 of A-Z a-z 0-9 . / -, starting with a letter or digit' });
  });
  duplicate(input.fixedCosts.map((c) => c.key), (i) => `/fixedCosts/${i}/key`, 'the key');
  duplicate(input.instalments.map((x) => x.debtRef), (i) => `/instalments/${i}/debtRef`, 'the reference');
  duplicate(input.instalments.map((x) => x.debtId), (i) => `/instalments/${i}/debtId`, 'the debt');

  const links = await tx.findBy(DossierPartyEntity, { dossierId, endedAt: IsNull() });
  const linked = new Set(links.map((l) => l.partyId));
  const partyIds = [...new Set([...input.fixedCosts, ...input.instalments].map((x) => x.partyId))];
  const active = new Set((partyIds.length ? await tx.findBy(PartyEntity, { id: In(partyIds) }) : []).filter((p) => p.active).map((p) => p.id));
  const checkParty = (partyId: string, path: string) => {
    if (!linked.has(partyId)) errors.push({ path, code: 'not-linked', message: 'not a party linked to the dossier (link it first: POST /dossiers/:id/parties)' });
    else if (!active.has(partyId)) errors.push({ path, code: 'inactive-party', message: 'this party is no longer in use' });
  };
  input.fixedCosts.forEach((c, i) => checkParty(c.partyId, `/fixedCosts/${i}/partyId`));
  input.instalments.forEach((x, i) => checkParty(x.partyId, `/instalments/${i}/partyId`));

  const debtIds = [...new Set(input.instalments.map((x) => x.debtId))];
  const debts = new Map((debtIds.length ? await tx.findBy(DossierDebtEntity, { id: In(debtIds), dossierId }) : []).map((d) => [d.id, d]));
  input.instalments.forEach((x, i) => {
    const debt = debts.get(x.debtId);
    if (!debt) errors.push({ path: `/instalments/${i}/debtId`, code: 'unknown-debt', message: "not a debt of the dossier's inventory" });
    else if (debt.status !== 'open') errors.push({ path: `/instalments/${i}/debtId`, code: 'debt-not-open', message: `the debt is ${debt.status}, not open` });
  });
  if (latest && input.validFrom < latest.validFrom) {
    errors.push({ path: '/validFrom', code: 'before-previous', message: `must not be before ${latest.validFrom}, from when version ${latest.version} applies` });
  }
  if (errors.length > 0) throw new ValidationError(errors);
}

import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import type { Action } from '../../../libs/auth/permissions';
import { audit } from '../../../libs/db/audit';
import { DossierDebtEntity, DossierEntity, DossierExpenseEntity, DossierIncomeEntity, PartyEntity } from '../../../libs/db/entities';
import type { DebtStatus, ExpenseKind, IncomeKind, PriorityKind } from '../../../libs/domain/budget-inventory';
import { authorize } from '../common/authorize';
import type { AuthUser } from '../common/current-user';
import { conflict, notFound, ValidationError } from '../common/errors';
import { dossierFor } from '../notes/dossier-for';
import { debtView, expenseView, incomeView, inventoryView } from './inventory-view';

export interface NewIncome {
  kind: IncomeKind;
  description?: string | null;
  amountCents: number;
  dayOfMonth?: number | null;
  validFrom?: string | null;
  validUntil?: string | null;
}
export interface NewExpense {
  kind: ExpenseKind;
  description?: string | null;
  amountCents: number;
  dueDay?: number | null;
}
export interface NewDebt {
  creditorPartyId: string;
  creditorReference?: string | null;
  originalCents: number;
  outstandingCents: number;
  outstandingExceedsOriginal?: boolean;
  collectorPartyId?: string | null;
  collectorReference?: string | null;
  disputed?: boolean;
  priorityKind?: PriorityKind | null;
  status?: DebtStatus;
  statusDate?: string | null;
  description?: string | null;
}

type Row = typeof DossierIncomeEntity | typeof DossierExpenseEntity | typeof DossierDebtEntity;
const WHAT = new Map<Row, string>([[DossierIncomeEntity, 'Income'], [DossierExpenseEntity, 'Expense'], [DossierDebtEntity, 'Debt']]);
const AUDIT = new Map<Row, string>([[DossierIncomeEntity, 'income'], [DossierExpenseEntity, 'expense'], [DossierDebtEntity, 'debt']]);

/**
 * The budget inventory of a dossier (domain §3, intake of debt mediation): incomes and fixed costs per month, debts
 * with their creditor (a party of the registry). A read model, no workflow: it attaches to any dossier. Every read
 * and write is audited; every row keeps who changed it last and when. Debts are never deleted, they get a status.
 */
@Injectable()
export class BudgetInventoryService {
  constructor(private readonly dataSource: DataSource) {}

  async inventory(actor: AuthUser, dossierId: string) {
    authorize(actor, 'inventory:read');
    return this.dataSource.transaction(async (tx) => {
      const dossier = await dossierFor(tx, actor, dossierId, 'inventory:read');
      const order = { createdAt: 'ASC' as const };
      const incomes = await tx.find(DossierIncomeEntity, { where: { dossierId }, order });
      const expenses = await tx.find(DossierExpenseEntity, { where: { dossierId }, order });
      const debts = await tx.find(DossierDebtEntity, { where: { dossierId }, order });
      await audit(tx, actor, 'inventory.read', { dossierId, personId: dossier.personId });
      return inventoryView(dossierId, incomes, expenses, debts, await partiesOf(tx, debts));
    });
  }

  async addIncome(actor: AuthUser, dossierId: string, input: NewIncome) {
    checkPeriod(input);
    return this.add(actor, dossierId, DossierIncomeEntity, input, async (tx, id) => incomeView(await tx.findOneByOrFail(DossierIncomeEntity, { id })));
  }

  async addExpense(actor: AuthUser, dossierId: string, input: NewExpense) {
    return this.add(actor, dossierId, DossierExpenseEntity, input, async (tx, id) => expenseView(await tx.findOneByOrFail(DossierExpenseEntity, { id })));
  }

  async addDebt(actor: AuthUser, dossierId: string, input: NewDebt) {
    checkDebt(input);
    return this.add(actor, dossierId, DossierDebtEntity, input, (tx, id) => viewDebt(tx, id), (tx) => checkParties(tx, input));
  }

  async changeIncome(actor: AuthUser, id: string, input: Partial<NewIncome>) {
    return this.change<DossierIncomeEntity>(actor, id, DossierIncomeEntity, input, async (_tx, merged) => checkPeriod(merged),
      async (tx) => incomeView(await tx.findOneByOrFail(DossierIncomeEntity, { id })));
  }

  async changeExpense(actor: AuthUser, id: string, input: Partial<NewExpense>) {
    return this.change<DossierExpenseEntity>(actor, id, DossierExpenseEntity, input, async () => undefined,
      async (tx) => expenseView(await tx.findOneByOrFail(DossierExpenseEntity, { id })));
  }

  /** E.g. the new outstanding amount after a payment, or the debt settled or paid (with its date). */
  async changeDebt(actor: AuthUser, id: string, input: Partial<NewDebt>) {
    return this.change<DossierDebtEntity>(actor, id, DossierDebtEntity, input, async (tx, merged) => {
      checkDebt(merged as Partial<NewDebt>);
      await checkParties(tx, input);
    }, (tx) => viewDebt(tx, id));
  }

  async removeIncome(actor: AuthUser, id: string) {
    return this.remove(actor, id, DossierIncomeEntity);
  }

  async removeExpense(actor: AuthUser, id: string) {
    return this.remove(actor, id, DossierExpenseEntity);
  }

  private async add<T extends object>(
    actor: AuthUser, dossierId: string, entity: Row, input: T,
    view: (tx: EntityManager, id: string) => Promise<unknown>, check?: (tx: EntityManager) => Promise<void>,
  ) {
    authorize(actor, 'inventory:write');
    return this.dataSource.transaction(async (tx) => {
      const dossier = await openDossier(tx, actor, dossierId, 'inventory:write');
      if (check) await check(tx);
      const row = await tx.save(tx.create(entity as typeof DossierIncomeEntity, { ...input, dossierId, createdBy: actor.id, updatedBy: actor.id } as never));
      await audit(tx, actor, `inventory.${AUDIT.get(entity)}-added`, { dossierId, personId: dossier.personId, details: { id: row.id, fields: Object.keys(input).sort() } });
      return view(tx, row.id);
    });
  }

  /** Checks the row as it would become with `check` (before anything is written), writes it, audits which fields changed. */
  private async change<E extends DossierIncomeEntity | DossierExpenseEntity | DossierDebtEntity>(
    actor: AuthUser, id: string, entity: Row, input: object,
    check: (tx: EntityManager, merged: E) => Promise<void>, view: (tx: EntityManager) => Promise<unknown>,
  ) {
    authorize(actor, 'inventory:write');
    return this.dataSource.transaction(async (tx) => {
      const { row, dossier } = await rowFor<E>(tx, actor, entity, id);
      await check(tx, { ...row, ...input } as E);
      await tx.update(entity, { id }, { ...input, updatedBy: actor.id, updatedAt: new Date() } as never);
      await audit(tx, actor, `inventory.${AUDIT.get(entity)}-changed`, { dossierId: dossier.id, personId: dossier.personId, details: { id, fields: Object.keys(input).sort() } });
      return view(tx);
    });
  }

  private async remove(actor: AuthUser, id: string, entity: typeof DossierIncomeEntity | typeof DossierExpenseEntity) {
    authorize(actor, 'inventory:write');
    await this.dataSource.transaction(async (tx) => {
      const { row, dossier } = await rowFor<DossierIncomeEntity | DossierExpenseEntity>(tx, actor, entity, id);
      await tx.delete(entity, { id });
      await audit(tx, actor, `inventory.${AUDIT.get(entity)}-deleted`, { dossierId: dossier.id, personId: dossier.personId, details: { id, kind: row.kind, amountCents: row.amountCents } });
    });
  }
}

/** A closed dossier's inventory is what it was when it closed: 409 on a change. */
async function openDossier(tx: EntityManager, actor: AuthUser, dossierId: string, action: Action, what = 'Dossier'): Promise<DossierEntity> {
  const dossier = await dossierFor(tx, actor, dossierId, action, what);
  if (dossier.closedAt) throw conflict('The dossier is closed: its budget inventory cannot change');
  return dossier;
}

async function rowFor<E>(tx: EntityManager, actor: AuthUser, entity: Row, id: string): Promise<{ row: E; dossier: DossierEntity }> {
  const what = WHAT.get(entity) ?? 'Row';
  const row = await tx.findOne(entity, { where: { id }, lock: { mode: 'pessimistic_write' } });
  if (!row) throw notFound(what);
  return { row: row as E, dossier: await openDossier(tx, actor, row.dossierId, 'inventory:write', what) };
}

async function partiesOf(tx: EntityManager, debts: DossierDebtEntity[]): Promise<Map<string, PartyEntity>> {
  const ids = [...new Set(debts.flatMap((d) => [d.creditorPartyId, d.collectorPartyId]).filter((x): x is string => !!x))];
  const parties = ids.length ? await tx.findBy(PartyEntity, { id: In(ids) }) : [];
  return new Map(parties.map((p) => [p.id, p]));
}

async function viewDebt(tx: EntityManager, id: string) {
  const debt = await tx.findOneByOrFail(DossierDebtEntity, { id });
  return debtView(debt, await partiesOf(tx, [debt]));
}

function checkPeriod(input: { validFrom?: string | null; validUntil?: string | null }) {
  if (input.validFrom && input.validUntil && input.validUntil < input.validFrom) {
    throw new ValidationError([{ path: '/validUntil', code: 'before-from', message: 'the income must not end before it starts' }]);
  }
}

function checkDebt(debt: Partial<NewDebt>) {
  if (debt.outstandingCents !== undefined && debt.originalCents !== undefined && debt.outstandingCents > debt.originalCents && !debt.outstandingExceedsOriginal) {
    throw new ValidationError([{
      path: '/outstandingCents', code: 'exceeds-original',
      message: 'the outstanding amount must not exceed the original amount unless outstandingExceedsOriginal says so (interest, costs)',
    }]);
  }
  if (debt.status && debt.status !== 'open' && !debt.statusDate) {
    throw new ValidationError([{ path: '/statusDate', code: 'required', message: 'a settled or paid debt needs the date it was settled or paid' }]);
  }
}

/** The creditor (and the bailiff or collection agency) must be parties of the registry that are in use. */
async function checkParties(tx: EntityManager, input: Partial<NewDebt>) {
  for (const field of ['creditorPartyId', 'collectorPartyId'] as const) {
    const id = input[field];
    if (!id) continue;
    const party = await tx.findOneBy(PartyEntity, { id });
    if (!party || !party.active) {
      throw new ValidationError([{ path: `/${field}`, code: party ? 'inactive-party' : 'unknown-party', message: party ? 'this party is no longer in use' : 'no party with this id' }]);
    }
  }
}

import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { AppConfig } from '../../../libs/config/config';
import { audit } from '../../../libs/db/audit';
import { budgetAccountBalance } from '../../../libs/db/budget-account';
import { BudgetAccountMovementEntity, BudgetPlanEntity, DossierEntity, DossierIncomeEntity, PaymentEntity } from '../../../libs/db/entities';
import { todayIn } from '../../../libs/deadlines/calendar-date';
import { formatIban } from '../../../libs/domain/identifiers';
import { BankStatementError, parseBankStatement, StatementRejection, StatementRow } from './bank-statement';
import { endToEndId } from '../../../libs/payments/sepa';
import { authorize } from '../common/authorize';
import type { AuthUser } from '../common/current-user';
import { conflict, ValidationError } from '../common/errors';
import { CONFIG } from '../common/tokens';
import { dossierFor } from '../notes/dossier-for';
import type { UploadedDocument } from '../documents/upload.interceptor';

export interface MovementQuery {
  page?: string;
  pageSize?: string;
}

/**
 * The budget-management account of a dossier (the IBAN of its budget plan's latest version): its balance (one
 * computation with the workflow's activity, libs/db/budget-account.ts) and its movements as imported from the bank's
 * CSV statements. An import is all or nothing for a file that cannot be read (400), row by row otherwise (a row that
 * cannot be read is rejected with its line), and idempotent on the bank's reference of each movement.
 */
@Injectable()
export class BudgetAccountService {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(CONFIG) private readonly config: AppConfig,
  ) {}

  async get(actor: AuthUser, dossierId: string, query: MovementQuery) {
    authorize(actor, 'budget:read');
    const page = Number(query.page ?? 1);
    const pageSize = Number(query.pageSize ?? 50);
    return this.dataSource.transaction(async (tx) => {
      const dossier = await dossierFor(tx, actor, dossierId, 'budget:read');
      const on = todayIn(this.config.timeZone);
      const balance = await budgetAccountBalance(tx, dossierId, on);
      const [rows, total] = await tx.findAndCount(BudgetAccountMovementEntity, {
        where: { dossierId }, order: { bookingDate: 'DESC', importedAt: 'DESC', bankReference: 'DESC' }, skip: (page - 1) * pageSize, take: pageSize,
      });
      await audit(tx, actor, 'budget-account.read', { dossierId, personId: dossier.personId });
      return {
        dossierId,
        iban: balance.iban,
        ibanFormatted: balance.iban ? formatIban(balance.iban) : null,
        on,
        balance,
        movements: { items: rows.map(movementView), total, page, pageSize },
      };
    });
  }

  async importStatement(actor: AuthUser, dossierId: string, file: UploadedDocument | undefined) {
    authorize(actor, 'budget:import');
    if (!file) throw new ValidationError([{ path: '/file', code: 'required', message: 'the bank statement (a CSV file) in the field "file"' }], 'The upload is not valid');
    return this.dataSource.transaction(async (tx) => {
      const dossier = await dossierFor(tx, actor, dossierId, 'budget:import');
      // One import per dossier at a time: two statements must not match the same payment.
      await tx.findOne(DossierEntity, { where: { id: dossierId }, lock: { mode: 'pessimistic_write' } });
      const plan = await tx.findOne(BudgetPlanEntity, { where: { dossierId }, order: { version: 'DESC' } });
      if (!plan) throw conflict('The dossier has no budget plan yet: its budget-management account is not known', { code: 'no-budget-plan' });
      const text = decode(file.buffer);
      let parsed: { rows: StatementRow[]; rejected: StatementRejection[] };
      try {
        parsed = parseBankStatement(text, this.config.bankCsv, plan.accountIban);
      } catch (err) {
        if (err instanceof BankStatementError) throw new ValidationError([{ path: '/file', code: 'not-a-statement', message: err.message }], 'The bank statement cannot be read');
        throw err;
      }
      const matcher = await Matcher.load(tx, dossierId, plan.accountIban);
      let imported = 0;
      let duplicates = 0;
      let matched = 0;
      for (const row of parsed.rows) {
        const paymentId = row.amountCents < 0 ? matcher.payment(row) : null;
        const incomeId = row.amountCents > 0 ? matcher.income(row) : null;
        const inserted: { id: string }[] = await tx.query(
          `INSERT INTO budget_account_movements
             (dossier_id, account_iban, booking_date, amount_cents, counterparty, description, bank_reference, payment_id, income_id, imported_by)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
           ON CONFLICT (dossier_id, bank_reference) DO NOTHING RETURNING id`,
          [dossierId, plan.accountIban, row.bookingDate, row.amountCents, counterparty(row), row.description, row.bankReference, paymentId, incomeId, actor.id],
        );
        if (inserted.length === 0) {
          duplicates++;
          continue;
        }
        imported++;
        if (paymentId) matcher.used(paymentId);
        if (paymentId || incomeId) matched++;
      }
      await audit(tx, actor, 'budget-account.statement-imported', {
        dossierId, personId: dossier.personId,
        details: { fileName: file.originalname, imported, duplicates, matched, rejected: parsed.rejected.length },
      });
      return { imported, duplicates, matched, rejected: parsed.rejected };
    });
  }
}

/** UTF-8 as banks export today; a file that is not valid UTF-8 is read as Windows-1252 (older exports). */
function decode(buffer: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buffer);
  } catch {
    return new TextDecoder('windows-1252').decode(buffer);
  }
}

const counterparty = (row: StatementRow) => [row.counterpartyName, row.counterpartyIban ? formatIban(row.counterpartyIban) : null].filter(Boolean).join(' – ') || null;

const squash = (text: string) => text.toLowerCase().replace(/[^a-z0-9]/g, '');

/**
 * Matches movements to what the plan expects. Money out: a payment ordered from this account and not cancelled, not
 * yet matched to a movement, of the same amount, to the same IBAN, whose EndToEndId (the payment's id, sepa.ts) or
 * whose remittance (the Ustrd of the SEPA file) the bank's description holds — compared without spaces, punctuation
 * and case, since banks rewrap those. Money in: an income of the inventory of exactly that amount, valid on the day.
 */
class Matcher {
  private constructor(
    private readonly payments: PaymentEntity[],
    private readonly incomes: DossierIncomeEntity[],
    private readonly taken: Set<string>,
  ) {}

  static async load(tx: EntityManager, dossierId: string, iban: string): Promise<Matcher> {
    const payments: PaymentEntity[] = await tx.getRepository(PaymentEntity).createQueryBuilder('p')
      .where('p.dossier_id = :dossierId AND p.debtor_iban = :iban AND p.status <> :cancelled', { dossierId, iban, cancelled: 'cancelled' })
      .orderBy('p.due_date').addOrderBy('p.id').getMany();
    const taken: { payment_id: string }[] = await tx.query(`SELECT payment_id FROM budget_account_movements WHERE dossier_id = $1 AND payment_id IS NOT NULL`, [dossierId]);
    const incomes = await tx.find(DossierIncomeEntity, { where: { dossierId }, order: { createdAt: 'ASC' } });
    return new Matcher(payments, incomes, new Set(taken.map((t) => t.payment_id)));
  }

  payment(row: StatementRow): string | null {
    const description = squash(row.description ?? '');
    const match = this.payments.find((p) =>
      !this.taken.has(p.id) && p.amountCents === -row.amountCents && p.iban !== null && p.iban === row.counterpartyIban
      && (description.includes(endToEndId(p.id)) || (squash(p.remittance) !== '' && description.includes(squash(p.remittance)))));
    return match?.id ?? null;
  }

  used(paymentId: string): void {
    this.taken.add(paymentId);
  }

  income(row: StatementRow): string | null {
    const valid = this.incomes.filter((i) => i.amountCents === row.amountCents && (!i.validFrom || i.validFrom <= row.bookingDate) && (!i.validUntil || i.validUntil >= row.bookingDate));
    const day = Number(row.bookingDate.slice(8));
    // Of several, the one expected nearest that day of the month.
    valid.sort((a, b) => Math.abs((a.dayOfMonth ?? day) - day) - Math.abs((b.dayOfMonth ?? day) - day));
    return valid[0]?.id ?? null;
  }
}

export function movementView(m: BudgetAccountMovementEntity) {
  return {
    id: m.id, bookingDate: m.bookingDate, amountCents: m.amountCents, counterparty: m.counterparty, description: m.description,
    bankReference: m.bankReference, paymentId: m.paymentId, incomeId: m.incomeId, matched: m.paymentId !== null || m.incomeId !== null,
    importedAt: m.importedAt,
  };
}

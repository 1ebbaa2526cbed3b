import { Column, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { BudgetPlan } from '../../domain/budget-plan';

/** One version of a dossier's budget plan (libs/domain/budget-plan.ts): the plan as the workflow receives it. */
@Entity('budget_plans')
@Unique('budget_plans_dossier_version', ['dossierId', 'version'])
export class BudgetPlanEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid', name: 'dossier_id' }) dossierId: string;
  @Column({ type: 'integer' }) version: number;
  @Column({ type: 'date', name: 'valid_from' }) validFrom: string;
  @Column({ type: 'text', name: 'account_iban' }) accountIban: string;
  @Column({ type: 'jsonb' }) plan: BudgetPlan;
  @Column({ type: 'uuid', name: 'created_by' }) createdBy: string;
  @Column({ type: 'timestamptz', name: 'created_at', default: () => 'now()' }) createdAt: Date;
}

/** A movement on a budget-management account as imported from a bank statement: + money in, − money out. */
@Entity('budget_account_movements')
@Unique('budget_account_movements_reference', ['dossierId', 'bankReference'])
export class BudgetAccountMovementEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid', name: 'dossier_id' }) dossierId: string;
  @Column({ type: 'text', name: 'account_iban' }) accountIban: string;
  @Column({ type: 'date', name: 'booking_date' }) bookingDate: string;
  @Column({ type: 'integer', name: 'amount_cents' }) amountCents: number;
  @Column({ type: 'text', nullable: true }) counterparty: string | null;
  @Column({ type: 'text', nullable: true }) description: string | null;
  @Column({ type: 'text', name: 'bank_reference' }) bankReference: string;
  /** The payment this system ordered that the movement executes. */
  @Column({ type: 'uuid', name: 'payment_id', nullable: true }) paymentId: string | null;
  /** The income of the inventory (dossier_incomes) the movement is. */
  @Column({ type: 'uuid', name: 'income_id', nullable: true }) incomeId: string | null;
  @Column({ type: 'uuid', name: 'imported_by', nullable: true }) importedBy: string | null;
  @Column({ type: 'timestamptz', name: 'imported_at', default: () => 'now()' }) importedAt: Date;
}

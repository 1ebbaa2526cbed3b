import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { PaymentKind } from '../../payments/schedule';

export type PaymentStatus = 'due' | 'batched' | 'paid' | 'cancelled';

/** An order to pay a beneficiary; idempotent on (dossier, period, kind): a month is never ordered twice. */
@Entity('payments')
@Unique('payments_dossier_period_kind', ['dossierId', 'period', 'kind'])
export class PaymentEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid', name: 'dossier_id' }) dossierId: string;
  @Column({ type: 'text' }) kind: PaymentKind;
  /** The month paid for, 'YYYY-MM'. */
  @Column({ type: 'text' }) period: string;
  @Column({ type: 'int', name: 'amount_cents' }) amountCents: number;
  /** Copied from the person when ordered: a later change of account does not change an order already made. */
  @Column({ type: 'text' }) iban: string;
  @Column({ type: 'text', name: 'creditor_name' }) creditorName: string;
  @Column({ type: 'text' }) remittance: string;
  @Column({ type: 'date', name: 'due_date' }) dueDate: string;
  @Column({ type: 'text' }) status: PaymentStatus;
  @Column({ type: 'uuid', name: 'batch_id', nullable: true }) batchId: string | null;
  /** How the amount was computed (category amount, resources, pro rata, Dutch text). */
  @Column({ type: 'jsonb', default: () => "'{}'" }) computation: Record<string, unknown>;
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt: Date;
  @Column({ type: 'timestamptz', name: 'paid_at', nullable: true }) paidAt: Date | null;
}

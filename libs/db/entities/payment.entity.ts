import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { PaymentKind, PaymentMethod } from '../../payments/payment-key';

export type PaymentStatus = 'due' | 'batched' | 'paid' | 'cancelled';

/**
 * An order to pay a payee — the client, or a party (`payeePartyId`) — by transfer or in cash against a receipt;
 * idempotent on (dossier, paymentKey): the key names kind, payee, period and debt (libs/payments/payment-key.ts).
 */
@Entity('payments')
@Unique('payments_dossier_payment_key', ['dossierId', 'paymentKey'])
export class PaymentEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid', name: 'dossier_id' }) dossierId: string;
  @Column({ type: 'text' }) kind: PaymentKind;
  /** A month 'YYYY-MM', an ISO week 'YYYY-Www' or one-off 'once:<key>'. */
  @Column({ type: 'text' }) period: string;
  @Column({ type: 'text', name: 'payment_key' }) paymentKey: string;
  /** Null: the client. */
  @Column({ type: 'uuid', name: 'payee_party_id', nullable: true }) payeePartyId: string | null;
  @Column({ type: 'text', default: 'transfer' }) method: PaymentMethod;
  /** The debt or invoice paid, when one payee is paid for several. */
  @Column({ type: 'text', name: 'debt_ref', nullable: true }) debtRef: string | null;
  @Column({ type: 'int', name: 'amount_cents' }) amountCents: number;
  /** Copied from the payee when ordered: a later change of account does not change an order already made. Null for cash. */
  @Column({ type: 'text', nullable: true }) iban: string | null;
  /** The payee's name as ordered (the person's or the party's). */
  @Column({ type: 'text', name: 'creditor_name' }) creditorName: string;
  /** The account it is paid from when not the OCMW's own (e.g. a budget-management account); all three or none. */
  @Column({ type: 'text', name: 'debtor_name', nullable: true }) debtorName: string | null;
  @Column({ type: 'text', name: 'debtor_iban', nullable: true }) debtorIban: string | null;
  @Column({ type: 'text', name: 'debtor_bic', nullable: true }) debtorBic: string | null;
  @Column({ type: 'text' }) remittance: string;
  @Column({ type: 'date', name: 'due_date' }) dueDate: string;
  @Column({ type: 'text' }) status: PaymentStatus;
  @Column({ type: 'uuid', name: 'batch_id', nullable: true }) batchId: string | null;
  /** Cash: the receipt's reference finance recorded when it was paid. */
  @Column({ type: 'text', name: 'receipt_ref', nullable: true }) receiptRef: string | null;
  /** How the amount was computed (category amount, resources, pro rata, Dutch text). */
  @Column({ type: 'jsonb', default: () => "'{}'" }) computation: Record<string, unknown>;
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt: Date;
  @Column({ type: 'timestamptz', name: 'paid_at', nullable: true }) paidAt: Date | null;
}

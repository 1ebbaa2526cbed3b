import { Column, PrimaryGeneratedColumn, Entity } from 'typeorm';

/** Who wrote a row of the budget inventory, and who changed it last. */
abstract class InventoryRow {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid', name: 'dossier_id' }) dossierId: string;
  @Column({ type: 'text', nullable: true }) description: string | null;
  @Column({ type: 'uuid', name: 'created_by' }) createdBy: string;
  @Column({ type: 'timestamptz', name: 'created_at', default: () => 'now()' }) createdAt: Date;
  @Column({ type: 'uuid', name: 'updated_by' }) updatedBy: string;
  @Column({ type: 'timestamptz', name: 'updated_at', default: () => 'now()' }) updatedAt: Date;
}

@Entity('dossier_incomes')
export class DossierIncomeEntity extends InventoryRow {
  @Column({ type: 'text' }) kind: string;
  @Column({ type: 'integer', name: 'amount_cents' }) amountCents: number;
  @Column({ type: 'smallint', name: 'day_of_month', nullable: true }) dayOfMonth: number | null;
  @Column({ type: 'date', name: 'valid_from', nullable: true }) validFrom: string | null;
  @Column({ type: 'date', name: 'valid_until', nullable: true }) validUntil: string | null;
}

@Entity('dossier_expenses')
export class DossierExpenseEntity extends InventoryRow {
  @Column({ type: 'text' }) kind: string;
  @Column({ type: 'integer', name: 'amount_cents' }) amountCents: number;
  @Column({ type: 'smallint', name: 'due_day', nullable: true }) dueDay: number | null;
}

@Entity('dossier_debts')
export class DossierDebtEntity extends InventoryRow {
  @Column({ type: 'uuid', name: 'creditor_party_id' }) creditorPartyId: string;
  @Column({ type: 'text', name: 'creditor_reference', nullable: true }) creditorReference: string | null;
  @Column({ type: 'integer', name: 'original_cents' }) originalCents: number;
  @Column({ type: 'integer', name: 'outstanding_cents' }) outstandingCents: number;
  @Column({ type: 'boolean', name: 'outstanding_exceeds_original', default: false }) outstandingExceedsOriginal: boolean;
  @Column({ type: 'uuid', name: 'collector_party_id', nullable: true }) collectorPartyId: string | null;
  @Column({ type: 'text', name: 'collector_reference', nullable: true }) collectorReference: string | null;
  @Column({ type: 'boolean', default: false }) disputed: boolean;
  @Column({ type: 'text', name: 'priority_kind', nullable: true }) priorityKind: string | null;
  @Column({ type: 'text', default: 'open' }) status: string;
  @Column({ type: 'date', name: 'status_date', nullable: true }) statusDate: string | null;
}

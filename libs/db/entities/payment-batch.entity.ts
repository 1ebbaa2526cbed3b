import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A SEPA credit-transfer file (pain.001.001.09) for the bank: the due payments of one team, gathered by finance. */
@Entity('payment_batches')
export class PaymentBatchEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'text' }) team: string;
  @Column({ type: 'uuid', name: 'created_by' }) createdBy: string;
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt: Date;
  @Column({ type: 'date', name: 'requested_execution_date' }) requestedExecutionDate: string;
  @Column({ type: 'text' }) status: 'created' | 'executed';
  @Column({ type: 'int', name: 'nb_of_txs' }) nbOfTxs: number;
  /** bigint: read back as a string by pg; the service converts. */
  @Column({ type: 'bigint', name: 'ctrl_sum_cents' }) ctrlSumCents: string;
  @Column({ type: 'text', name: 'msg_id', unique: true }) msgId: string;
  @Column({ type: 'text' }) xml: string;
  @Column({ type: 'timestamptz', name: 'executed_at', nullable: true }) executedAt: Date | null;
  @Column({ type: 'uuid', name: 'executed_by', nullable: true }) executedBy: string | null;
}

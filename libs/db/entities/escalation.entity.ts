import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';

@Entity('escalations')
@Unique(['dossierId', 'deadlineKey', 'level'])
export class EscalationEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  /** null for a clock of the OCMW itself (see DeadlineEntity.subject). */
  @Column({ type: 'uuid', name: 'dossier_id', nullable: true }) dossierId: string | null;
  @Column({ type: 'text', name: 'deadline_key' }) deadlineKey: string;
  /** warning: the warning date is reached; breach: the legal deadline has passed. */
  @Column({ type: 'text' }) level: 'warning' | 'breach';
  @Column({ type: 'text' }) message: string;
  @Column({ type: 'text' }) team: string;
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt: Date;
  @Column({ type: 'timestamptz', name: 'acknowledged_at', nullable: true }) acknowledgedAt: Date | null;
  @Column({ type: 'uuid', name: 'acknowledged_by', nullable: true }) acknowledgedBy: string | null;
  /** Why a breach happened (libs/domain/breach-causes), chosen on acknowledging; null for a warning or an older row. */
  @Column({ type: 'text', nullable: true }) cause: string | null;
  @Column({ type: 'text', name: 'cause_note', nullable: true }) causeNote: string | null;
}

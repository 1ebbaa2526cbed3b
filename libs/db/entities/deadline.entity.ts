import { Column, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { DeadlineStatus } from '../../deadlines/v1-rules';

@Entity('deadlines')
@Unique(['dossierId', 'key'])
export class DeadlineEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid', name: 'dossier_id' }) dossierId: string;
  /** Unique within the dossier, e.g. "decision" or "notification-1". */
  @Column({ type: 'text' }) key: string;
  @Column({ type: 'text', name: 'rule_id' }) ruleId: string;
  @Column({ type: 'text' }) title: string;
  @Column({ type: 'text', name: 'legal_basis' }) legalBasis: string;
  @Column({ type: 'date', name: 'trigger_date' }) triggerDate: string;
  @Column({ type: 'date', name: 'due_date' }) dueDate: string;
  @Column({ type: 'date', name: 'warning_date' }) warningDate: string;
  @Column({ type: 'text' }) status: DeadlineStatus;
  @Column({ type: 'date', name: 'met_date', nullable: true }) metDate: string | null;
  @Column({ type: 'text' }) explanation: string;
  @Column({ type: 'text' }) team: string;
}

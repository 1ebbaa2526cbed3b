import { Column, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { DeadlineStatus, ExplanationStep, Extension, Suspension } from '../../deadlines/types';

@Entity('deadlines')
@Unique(['dossierId', 'key'])
export class DeadlineEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  /** null for an obligation of the OCMW itself (the annual report, DEBT-1): then `subject` says what it is about. */
  @Column({ type: 'uuid', name: 'dossier_id', nullable: true }) dossierId: string | null;
  /** What a clock without a dossier is about, in Dutch ("Jaarverslag schuldbemiddeling 2026"); null for a dossier's. */
  @Column({ type: 'text', nullable: true }) subject: string | null;
  /** Unique within the dossier (or among the clocks without one), e.g. "decision" or "debt-report:2026". */
  @Column({ type: 'text' }) key: string;
  @Column({ type: 'text', name: 'rule_id' }) ruleId: string;
  @Column({ type: 'text' }) title: string;
  @Column({ type: 'text', name: 'legal_basis' }) legalBasis: string;
  @Column({ type: 'date', name: 'trigger_date' }) triggerDate: string;
  @Column({ type: 'int', name: 'rule_version', default: 1 }) ruleVersion: number;
  /** duty: something the OCMW must do; window: a term of someone else (the client's appeal) that the dossier watches. */
  @Column({ type: 'text', default: 'duty' }) kind: 'duty' | 'window';
  /** null while an open-ended suspension runs. */
  @Column({ type: 'date', name: 'due_date', nullable: true }) dueDate: string | null;
  @Column({ type: 'timestamptz', name: 'due_at', nullable: true }) dueAt: Date | null;
  @Column({ type: 'date', name: 'warning_date', nullable: true }) warningDate: string | null;
  @Column({ type: 'timestamptz', name: 'warning_at', nullable: true }) warningAt: Date | null;
  @Column({ type: 'date', name: 'suspended_since', nullable: true }) suspendedSince: string | null;
  @Column({ type: 'jsonb', name: 'explanation_steps', default: () => "'[]'" }) explanationSteps: ExplanationStep[];
  @Column({ type: 'jsonb', default: () => "'[]'" }) suspensions: Suspension[];
  @Column({ type: 'jsonb', default: () => "'[]'" }) extensions: Extension[];
  @Column({ type: 'text' }) status: DeadlineStatus;
  @Column({ type: 'date', name: 'met_date', nullable: true }) metDate: string | null;
  @Column({ type: 'text' }) explanation: string;
  @Column({ type: 'text' }) team: string;
}

import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import type { TaskStatus } from '../../tasks/task-kinds';

/** Read model of a human task. The dossier's workflow is the source of truth; activities keep this row current. */
@Entity('tasks')
export class TaskEntity {
  /** Chosen by the workflow (deterministic), so re-running the activity that opens it is harmless. */
  @PrimaryColumn('uuid') id: string;
  @Column({ type: 'uuid', name: 'dossier_id' }) dossierId: string;
  @Column({ type: 'text' }) kind: string;
  @Column({ type: 'text' }) title: string;
  @Column({ type: 'text' }) status: TaskStatus;
  /** The role that may act on it. */
  @Column({ type: 'text' }) role: string;
  @Column({ type: 'text' }) team: string;
  @Column({ type: 'uuid', name: 'assignee_id', nullable: true }) assigneeId: string | null;
  @Column({ type: 'date', name: 'due_date', nullable: true }) dueDate: string | null;
  @Column({ type: 'text', name: 'deadline_key', nullable: true }) deadlineKey: string | null;
  @Column({ type: 'jsonb', nullable: true }) outcome: Record<string, unknown> | null;
  /** Optional fields of the kind's outcome schema this task requires (the workflow's TaskOptions.require). */
  @Column({ type: 'text', array: true, name: 'required_fields', default: () => "'{}'" }) requiredFields: string[];
  @Column({ type: 'uuid', name: 'completed_by', nullable: true }) completedBy: string | null;
  @Column({ type: 'timestamptz', name: 'completed_at', nullable: true }) completedAt: Date | null;
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt: Date;
}

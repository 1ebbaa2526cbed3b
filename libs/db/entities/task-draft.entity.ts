import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A half-filled task form, kept on the server per task and user until the task is completed (issue 11). */
@Entity('task_drafts')
export class TaskDraftEntity {
  @PrimaryColumn({ type: 'uuid', name: 'task_id' }) taskId: string;
  @PrimaryColumn({ type: 'uuid', name: 'user_id' }) userId: string;
  @Column({ type: 'jsonb' }) data: Record<string, unknown>;
  @Column({ type: 'timestamptz', name: 'saved_at', default: () => 'now()' }) savedAt: Date;
}

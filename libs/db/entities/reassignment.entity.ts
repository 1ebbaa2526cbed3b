import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** An absence cover: a worker's open tasks and dossiers moved to a colleague; kept so the history shows who had what. */
@Entity('reassignments')
export class ReassignmentEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'text' }) team: string;
  @Column({ type: 'uuid', name: 'from_user_id' }) fromUserId: string;
  @Column({ type: 'uuid', name: 'to_user_id' }) toUserId: string;
  @Column({ type: 'date', nullable: true }) until: string | null;
  @Column({ type: 'text' }) reason: string;
  @Column({ type: 'uuid', name: 'created_by' }) createdBy: string;
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt: Date;
  @Column({ type: 'timestamptz', name: 'ended_at', nullable: true }) endedAt: Date | null;
  @Column({ type: 'uuid', array: true, name: 'task_ids', default: () => "'{}'" }) taskIds: string[];
  @Column({ type: 'uuid', array: true, name: 'dossier_ids', default: () => "'{}'" }) dossierIds: string[];
}

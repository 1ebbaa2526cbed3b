import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

@Entity('dossiers')
export class DossierEntity {
  @PrimaryColumn('uuid') id: string;
  @Column({ type: 'text', unique: true }) reference: string;
  @Column({ type: 'text' }) procedure: string;
  @Column({ type: 'uuid', name: 'person_id' }) personId: string;
  @Column({ type: 'text' }) status: string;
  @Column({ type: 'text' }) team: string;
  @Column({ type: 'uuid', name: 'responsible_user_id', nullable: true }) responsibleUserId: string | null;
  @Column({ type: 'text', name: 'workflow_id' }) workflowId: string;
  @Column({ type: 'date', name: 'request_date' }) requestDate: string;
  @Column({ type: 'text' }) channel: string;
  @CreateDateColumn({ type: 'timestamptz', name: 'opened_at' }) openedAt: Date;
  @Column({ type: 'timestamptz', name: 'closed_at', nullable: true }) closedAt: Date | null;
}

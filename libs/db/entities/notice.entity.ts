import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';

/** A document or message to a client or partner (ontvangstbewijs, decision letter, form to POD MI, ...). */
@Entity('notices')
@Unique(['dossierId', 'key'])
export class NoticeEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid', name: 'dossier_id' }) dossierId: string;
  @Column({ type: 'text' }) key: string;
  @Column({ type: 'text' }) kind: string;
  @Column({ type: 'text' }) recipient: string;
  @Column({ type: 'text' }) channel: string;
  @Column({ type: 'date', name: 'due_date' }) dueDate: string;
  @Column({ type: 'timestamptz', name: 'sent_at', nullable: true }) sentAt: Date | null;
  @Column({ type: 'jsonb' }) content: Record<string, unknown>;
  @Column({ type: 'jsonb', nullable: true }) proof: Record<string, unknown> | null;
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt: Date;
}

import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Who did or saw what, in which dossier, when. Written in the same transaction as the write it records. */
@Entity('audit_events')
export class AuditEventEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' }) id: string;
  @CreateDateColumn({ type: 'timestamptz' }) at: Date;
  /** null for the system (a workflow activity acting on its own). */
  @Column({ type: 'uuid', name: 'actor_id', nullable: true }) actorId: string | null;
  @Column({ type: 'text', name: 'actor_role' }) actorRole: string;
  @Column({ type: 'text' }) action: string;
  @Column({ type: 'uuid', name: 'dossier_id', nullable: true }) dossierId: string | null;
  @Column({ type: 'uuid', name: 'person_id', nullable: true }) personId: string | null;
  @Column({ type: 'jsonb', default: () => "'{}'" }) details: Record<string, unknown>;
}

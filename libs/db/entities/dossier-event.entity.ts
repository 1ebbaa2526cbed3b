import { Column, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';

/** The dossier's timeline: what happened when, in the procedure's own words. */
@Entity('dossier_events')
@Unique(['dossierId', 'key'])
export class DossierEventEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid', name: 'dossier_id' }) dossierId: string;
  /** Idempotency key chosen by the workflow. */
  @Column({ type: 'text' }) key: string;
  @Column({ type: 'timestamptz' }) at: Date;
  @Column({ type: 'text' }) type: string;
  @Column({ type: 'text' }) description: string;
  @Column({ type: 'jsonb', default: () => "'{}'" }) data: Record<string, unknown>;
}

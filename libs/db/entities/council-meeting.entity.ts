import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A session of the Bijzonder Comité voor de Sociale Dienst. */
@Entity('council_meetings')
export class CouncilMeetingEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'date' }) date: string;
  /** Regular sessions: the date the rhythm gave it; kept when the chair moves the session. */
  @Column({ type: 'date', name: 'slot_date', nullable: true }) slotDate: string | null;
  /** The date it had before the chair last moved it. */
  @Column({ type: 'date', name: 'moved_from', nullable: true }) movedFrom: string | null;
  @Column({ type: 'text' }) time: string;
  @Column({ type: 'text' }) place: string;
  /** The agenda closes at the end of this day. */
  @Column({ type: 'date', name: 'cutoff_date' }) cutoffDate: string;
  @Column({ type: 'text' }) kind: 'regular' | 'extraordinary';
  @Column({ type: 'text', default: 'planned' }) status: 'planned' | 'closed';
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt: Date;
  @Column({ type: 'timestamptz', name: 'closed_at', nullable: true }) closedAt: Date | null;
  @Column({ type: 'uuid', name: 'closed_by', nullable: true }) closedBy: string | null;
}

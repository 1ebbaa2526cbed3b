import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const EVENT_SOURCES = ['api', 'intake', 'import'] as const;
export type EventSource = (typeof EVENT_SOURCES)[number];

/**
 * Something that happened outside and reached a dossier (a court order, a forwarded request, a reported fact): kept
 * as recorded; its delivery to the workflow goes through the workflow outbox (message `externalEvent`, eventId = id).
 */
@Entity('external_events')
export class ExternalEventEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid', name: 'dossier_id' }) dossierId: string;
  @Column({ type: 'text' }) procedure: string;
  @Column({ type: 'text' }) type: string;
  @Column({ type: 'date', name: 'occurred_on' }) occurredOn: string;
  /** The sender's reference: unique per dossier and type when given. */
  @Column({ type: 'text', nullable: true }) reference: string | null;
  @Column({ type: 'jsonb' }) data: Record<string, unknown>;
  /** The event opened its dossier (intake): unique per procedure, type and reference. */
  @Column({ type: 'boolean', name: 'opened_dossier', default: false }) openedDossier: boolean;
  @Column({ type: 'text' }) source: EventSource;
  @Column({ type: 'uuid', name: 'recorded_by' }) recordedBy: string;
  @CreateDateColumn({ type: 'timestamptz', name: 'recorded_at' }) recordedAt: Date;
}

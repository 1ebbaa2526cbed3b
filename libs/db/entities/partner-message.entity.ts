import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';

export const PARTNERS = ['pod-mi', 'ocmw', 'fedasil', 'creditor', 'paying-body'] as const;
export type Partner = (typeof PARTNERS)[number];

/**
 * The outbox of messages to partners (form B/C to POD MI, a forwarded request to another OCMW, ...): queued by the
 * workflow's activities, exported per partner as a file (there is no live KSZ link), acknowledged when the partner
 * confirms receipt. One message per (dossier, kind, partner reference).
 */
@Entity('partner_messages')
@Unique(['dossierId', 'kind', 'partnerRef'])
export class PartnerMessageEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid', name: 'dossier_id' }) dossierId: string;
  @Column({ type: 'text' }) partner: Partner;
  @Column({ type: 'text', name: 'partner_ref' }) partnerRef: string;
  /** e.g. 'form-B', 'form-C', 'forwarding'. */
  @Column({ type: 'text' }) kind: string;
  @Column({ type: 'jsonb' }) payload: Record<string, unknown>;
  @Column({ type: 'date', name: 'due_date', nullable: true }) dueDate: string | null;
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt: Date;
  @Column({ type: 'timestamptz', name: 'exported_at', nullable: true }) exportedAt: Date | null;
  @Column({ type: 'timestamptz', name: 'acknowledged_at', nullable: true }) acknowledgedAt: Date | null;
  @Column({ type: 'uuid', name: 'acknowledged_by', nullable: true }) acknowledgedBy: string | null;
  @Column({ type: 'int', name: 'reminder_count', default: 0 }) reminderCount: number;
  /** The partner's answer beyond its receipt (POD MI on a Wet 1965 form or cost claim); null until it answers. */
  @Column({ type: 'text', nullable: true }) answer: PartnerAnswer | null;
  @Column({ type: 'date', name: 'answered_on', nullable: true }) answeredOn: string | null;
  @Column({ type: 'uuid', name: 'answered_by', nullable: true }) answeredBy: string | null;
  /** What POD MI reimburses of a cost claim (D1, D2, F), in cents. */
  @Column({ type: 'int', name: 'reimbursed_cents', nullable: true }) reimbursedCents: number | null;
  @Column({ type: 'text', name: 'answer_reason', nullable: true }) answerReason: string | null;
}

export const PARTNER_ANSWERS = ['accepted', 'partly-accepted', 'refused'] as const;
export type PartnerAnswer = (typeof PARTNER_ANSWERS)[number];

import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { LetterDocument } from '../../notices/templates';

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
  /** The rendered letter (templates.ts); null for a notice recorded without a letter (recordNotice). */
  @Column({ type: 'jsonb', nullable: true }) document: LetterDocument | null;
  /** The PDF as sent; not loaded unless selected (addSelect('n.pdf')). */
  @Column({ type: 'bytea', nullable: true, select: false }) pdf: Buffer | null;
  @Column({ type: 'text', name: 'delivery_mode', nullable: true }) deliveryMode: string | null;
  @Column({ type: 'text', name: 'tracking_number', nullable: true }) trackingNumber: string | null;
  @Column({ type: 'date', name: 'posted_on', nullable: true }) postedOn: string | null;
  /** The day the addressee counts as notified: it starts the appeal term. */
  @Column({ type: 'date', name: 'notified_on', nullable: true }) notifiedOn: string | null;
  /** Last day of the client's appeal term (deadline engine, LL-10), for decision letters. */
  @Column({ type: 'date', name: 'appeal_until', nullable: true }) appealUntil: string | null;
  /** A reminder points to the notice it reminds of. */
  @Column({ type: 'uuid', name: 'reminder_of', nullable: true }) reminderOf: string | null;
  @Column({ type: 'timestamptz', name: 'answered_at', nullable: true }) answeredAt: Date | null;
  /** The party the letter is addressed to (its name and address on the letter); null: the client. */
  @Column({ type: 'uuid', name: 'recipient_party_id', nullable: true }) recipientPartyId: string | null;
}

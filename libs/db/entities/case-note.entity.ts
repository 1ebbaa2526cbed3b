import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('case_notes')
export class CaseNoteEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid', name: 'dossier_id' }) dossierId: string;
  @Column({ type: 'uuid', name: 'author_id' }) authorId: string;
  @Column({ type: 'date', name: 'contact_date' }) contactDate: string;
  @Column({ type: 'text' }) kind: string;
  @Column({ type: 'text' }) text: string;
  @Column({ type: 'boolean' }) confidential: boolean;
  @Column({ type: 'timestamptz', name: 'created_at', default: () => 'now()' }) createdAt: Date;
  @Column({ type: 'timestamptz', name: 'updated_at', default: () => 'now()' }) updatedAt: Date;
  @Column({ type: 'integer', default: 1 }) revision: number;
}

@Entity('case_note_revisions')
export class CaseNoteRevisionEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid', name: 'note_id' }) noteId: string;
  @Column({ type: 'integer' }) revision: number;
  @Column({ type: 'date', name: 'contact_date' }) contactDate: string;
  @Column({ type: 'text' }) kind: string;
  @Column({ type: 'text' }) text: string;
  @Column({ type: 'timestamptz', name: 'written_at' }) writtenAt: Date;
  @Column({ type: 'timestamptz', name: 'replaced_at', default: () => 'now()' }) replacedAt: Date;
}

@Entity('referrals')
export class ReferralEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid', name: 'dossier_id' }) dossierId: string;
  @Column({ type: 'uuid', name: 'party_id' }) partyId: string;
  @Column({ type: 'text' }) reason: string;
  @Column({ type: 'date', name: 'referred_on' }) referredOn: string;
  @Column({ type: 'date', name: 'follow_up_on' }) followUpOn: string;
  @Column({ type: 'timestamptz', name: 'created_at', default: () => 'now()' }) createdAt: Date;
  @Column({ type: 'uuid', name: 'created_by' }) createdBy: string;
  @Column({ type: 'timestamptz', name: 'closed_at', nullable: true }) closedAt: Date | null;
  @Column({ type: 'uuid', name: 'closed_by', nullable: true }) closedBy: string | null;
  @Column({ type: 'text', nullable: true }) outcome: string | null;
}

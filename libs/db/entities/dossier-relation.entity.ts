import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { DossierLinkKind, MemberRole } from '../../domain/dossier-relations';

/** Two dossiers linked: one opened by the other's procedure (with its link key), or related ones linked by hand. */
@Entity('dossier_links')
export class DossierLinkEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid', name: 'from_dossier_id' }) fromDossierId: string;
  @Column({ type: 'uuid', name: 'to_dossier_id' }) toDossierId: string;
  @Column({ type: 'text' }) kind: DossierLinkKind;
  /** The opening procedure's business name for the link (`leefloon:after-loi`); null for a link made by hand. */
  @Column({ type: 'text', name: 'link_key', nullable: true }) linkKey: string | null;
  @Column({ type: 'text' }) reason: string;
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt: Date;
  @Column({ type: 'uuid', name: 'created_by', nullable: true }) createdBy: string | null;
  @Column({ type: 'timestamptz', name: 'ended_at', nullable: true }) endedAt: Date | null;
  @Column({ type: 'uuid', name: 'ended_by', nullable: true }) endedBy: string | null;
}

/** A household member a dossier concerns besides its applicant, in a role, from a date; ended, it stays with its end. */
@Entity('dossier_persons')
export class DossierPersonEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid', name: 'dossier_id' }) dossierId: string;
  @Column({ type: 'uuid', name: 'person_id' }) personId: string;
  @Column({ type: 'text' }) role: MemberRole;
  @Column({ type: 'date', name: 'from_date' }) fromDate: string;
  @Column({ type: 'date', name: 'to_date', nullable: true }) toDate: string | null;
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt: Date;
  @Column({ type: 'uuid', name: 'created_by', nullable: true }) createdBy: string | null;
  @Column({ type: 'timestamptz', name: 'ended_at', nullable: true }) endedAt: Date | null;
  @Column({ type: 'uuid', name: 'ended_by', nullable: true }) endedBy: string | null;
}

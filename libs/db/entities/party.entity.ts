import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from 'typeorm';
import type { PartyKind, PartyRole } from '../../domain/parties';

/** Someone other than the client the OCMW deals with: a creditor, a bailiff, a landlord, another OCMW, Fedasil, … */
@Entity('parties')
export class PartyEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'text' }) name: string;
  @Column({ type: 'text' }) kind: PartyKind;
  /** KBO number, compact 10 digits; unique where there is one. */
  @Column({ type: 'char', length: 10, name: 'enterprise_number', nullable: true }) enterpriseNumber: string | null;
  @Column({ type: 'text', nullable: true }) iban: string | null;
  @Column({ type: 'text', nullable: true }) street: string | null;
  @Column({ type: 'text', name: 'postal_code', nullable: true }) postalCode: string | null;
  @Column({ type: 'text', nullable: true }) city: string | null;
  /** ISO 3166-1 alpha-2. */
  @Column({ type: 'char', length: 2, default: 'BE' }) country: string;
  @Column({ type: 'text', nullable: true }) email: string | null;
  @Column({ type: 'text', nullable: true }) phone: string | null;
  @Column({ type: 'text', name: 'contact_person', nullable: true }) contactPerson: string | null;
  @Column({ type: 'boolean', default: true }) active: boolean;
  /** A private person's only: the team that registered it (who else sees it: apps/api/parties/parties.service.ts). */
  @Column({ type: 'text', nullable: true }) team: string | null;
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' }) updatedAt: Date;
}

/** A party's part in a dossier, with its role and the party's own file number for it. Ended, it stays with its end. */
@Entity('dossier_parties')
@Unique(['dossierId', 'partyId', 'role'])
export class DossierPartyEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid', name: 'dossier_id' }) dossierId: string;
  @Column({ type: 'uuid', name: 'party_id' }) partyId: string;
  @Column({ type: 'text' }) role: PartyRole;
  @Column({ type: 'text', nullable: true }) reference: string | null;
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt: Date;
  @Column({ type: 'uuid', name: 'created_by', nullable: true }) createdBy: string | null;
  @Column({ type: 'timestamptz', name: 'ended_at', nullable: true }) endedAt: Date | null;
  @Column({ type: 'uuid', name: 'ended_by', nullable: true }) endedBy: string | null;
}

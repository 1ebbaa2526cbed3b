import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { IdentifierType, NoNationalNumberReason } from '../../domain/person-identity';

@Entity('persons')
export class PersonEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  /** Compact 11 digits (rijksregisternummer or BIS); null while the person has none yet (then the reason is set). */
  @Column({ type: 'char', length: 11, name: 'national_number', unique: true, nullable: true }) nationalNumber: string | null;
  @Column({ type: 'text', name: 'no_national_number_reason', nullable: true }) noNationalNumberReason: NoNationalNumberReason | null;
  @Column({ type: 'text', name: 'no_national_number_note', nullable: true }) noNationalNumberNote: string | null;
  @Column({ type: 'text', name: 'first_name' }) firstName: string;
  @Column({ type: 'text', name: 'last_name' }) lastName: string;
  @Column({ type: 'date', name: 'birth_date', nullable: true }) birthDate: string | null;
  @Column({ type: 'text' }) street: string;
  @Column({ type: 'text', name: 'postal_code' }) postalCode: string;
  @Column({ type: 'text' }) city: string;
  @Column({ type: 'text', nullable: true }) iban: string | null;
  @Column({ type: 'text', nullable: true }) email: string | null;
  @Column({ type: 'text', nullable: true }) phone: string | null;
  /** The person this record was merged into (a duplicate registration); the record stays, for the audit trail. */
  @Column({ type: 'uuid', name: 'merged_into', nullable: true }) mergedInto: string | null;
  @Column({ type: 'timestamptz', name: 'merged_at', nullable: true }) mergedAt: Date | null;
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt: Date;
}

/** Another identifier of a person (Fedasil OV number, BIS number requested, passport), unique per type. */
@Entity('person_identifiers')
export class PersonIdentifierEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid', name: 'person_id' }) personId: string;
  @Column({ type: 'text' }) type: IdentifierType;
  @Column({ type: 'text' }) value: string;
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt: Date;
}

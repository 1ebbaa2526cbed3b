import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('persons')
export class PersonEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  /** Compact 11 digits (rijksregisternummer or BIS). */
  @Column({ type: 'char', length: 11, name: 'national_number', unique: true }) nationalNumber: string;
  @Column({ type: 'text', name: 'first_name' }) firstName: string;
  @Column({ type: 'text', name: 'last_name' }) lastName: string;
  @Column({ type: 'date', name: 'birth_date', nullable: true }) birthDate: string | null;
  @Column({ type: 'text' }) street: string;
  @Column({ type: 'text', name: 'postal_code' }) postalCode: string;
  @Column({ type: 'text' }) city: string;
  @Column({ type: 'text', nullable: true }) iban: string | null;
  @Column({ type: 'text', nullable: true }) email: string | null;
  @Column({ type: 'text', nullable: true }) phone: string | null;
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt: Date;
}

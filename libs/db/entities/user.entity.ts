import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Role } from '../../auth/roles';

@Entity('users')
export class UserEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'text', unique: true }) username: string;
  @Column({ type: 'text', name: 'password_hash' }) passwordHash: string;
  @Column({ type: 'text', name: 'display_name' }) displayName: string;
  @Column({ type: 'text' }) role: Role;
  @Column({ type: 'text' }) team: string;
  @Column({ type: 'boolean', default: true }) active: boolean;
  /** Carried in each token as `tv`; raised by a password change, an admin's reset and a deactivation. */
  @Column({ type: 'int', name: 'token_version', default: 0 }) tokenVersion: number;
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt: Date;
}

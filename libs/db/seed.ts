import * as bcrypt from 'bcryptjs';
import { DataSource } from 'typeorm';
import type { Role } from '../auth/roles';
import { audit, SYSTEM } from './audit';
import { UserEntity } from './entities';

export const DEMO_TEAM = 'demo';
export const DEMO_USERS: { username: string; role: Role; displayName: string }[] = [
  { username: 'social-worker', role: 'social-worker', displayName: 'An Maatschappelijk Assistent' },
  { username: 'social-worker-2', role: 'social-worker', displayName: 'Bart Maatschappelijk Assistent' },
  { username: 'team-lead', role: 'team-lead', displayName: 'Chris Teamverantwoordelijke' },
  { username: 'council-secretary', role: 'council-secretary', displayName: 'Dana Secretaris BCSD' },
  { username: 'finance', role: 'finance', displayName: 'Els Financiële Dienst' },
  { username: 'admin', role: 'admin', displayName: 'Frank Beheerder' },
];

/** The local default's demo users, all in one team; never in production (the launcher checks NODE_ENV). */
export async function seedDemoUsers(dataSource: DataSource, password: string, team = DEMO_TEAM): Promise<number> {
  const hash = await bcrypt.hash(password, 10);
  let created = 0;
  await dataSource.transaction(async (tx) => {
    for (const u of DEMO_USERS) {
      if (await tx.existsBy(UserEntity, { username: u.username })) continue;
      await tx.insert(UserEntity, { username: u.username, passwordHash: hash, displayName: u.displayName, role: u.role, team });
      created++;
    }
    if (created > 0) await audit(tx, SYSTEM, 'user.demo-seeded', { details: { created } });
  });
  return created;
}

import 'reflect-metadata';
import * as readline from 'node:readline/promises';
import { hashPassword } from '../api/auth/auth.service';
import { PASSWORD_MIN_LENGTH, passwordProblems, passwordRules } from '../../libs/auth/password-policy';
import { ROLES, isRole } from '../../libs/auth/roles';
import { ConfigError, loadConfig } from '../../libs/config/config';
import { audit, SYSTEM } from '../../libs/db/audit';
import { UserEntity } from '../../libs/db/entities';
import { migrateDatabase } from '../../libs/db/roles';
import { withCommandDataSource } from './database';

/**
 * `npm run user:create`: creates a user (the first admin of a production install) from flags or prompts:
 *   npm run user:create -- --username alice --role admin --team sociale-dienst --name "Alice Peeters"
 * The password is read from OCMW_NEW_USER_PASSWORD or asked for.
 */
async function main() {
  const config = loadConfig();
  const args = parseArgs(process.argv.slice(2));
  const rl = readline.createInterface({ input: process.stdin, output: process.stdout });
  const ask = async (key: string, question: string) => args[key] ?? (await rl.question(question)).trim();
  const username = await ask('username', 'Username: ');
  const role = await ask('role', `Role (${ROLES.join(', ')}): `);
  const team = await ask('team', 'Team: ');
  const displayName = await ask('name', 'Full name: ');
  const password = process.env.OCMW_NEW_USER_PASSWORD ?? (await rl.question(`Password (at least ${PASSWORD_MIN_LENGTH} characters, hard to guess): `));
  rl.close();
  const problems: string[] = [];
  if (!/^[a-z0-9][a-z0-9._-]{1,62}$/.test(username)) problems.push('username: lowercase letters, digits, . _ -');
  if (!isRole(role)) problems.push(`role: one of ${ROLES.join(', ')}`);
  if (!/^[a-z0-9][a-z0-9-]{0,62}$/.test(team)) problems.push('team: lowercase letters, digits, -');
  if (!displayName) problems.push('name: required');
  // The same rules as POST /users (and the demo password refused in production).
  for (const p of passwordProblems(password, passwordRules(config), { path: '/password', username, userInputs: [team, ...displayName.split(/\s+/)] })) {
    problems.push(`password: ${p.message} (${p.code})`);
  }
  if (problems.length) throw new Error(`Not created:\n  ${problems.join('\n  ')}`);

  await withCommandDataSource(config, async (dataSource, db) => {
    await migrateDatabase(dataSource, db.ownerUrl, db.url);
    await dataSource.transaction(async (tx) => {
      if (await tx.existsBy(UserEntity, { username })) throw new Error(`Not created: username ${username} is taken`);
      await tx.insert(UserEntity, { username, passwordHash: await hashPassword(password), displayName, role: role as never, team });
      await audit(tx, SYSTEM, 'user.created', { details: { username, role, team, via: 'cli' } });
    });
    console.log(`Created ${role} ${username} in team ${team}.`);
  }, { poolSize: 10 });
}

function parseArgs(argv: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const m = /^--([a-z]+)$/.exec(argv[i]);
    if (m && argv[i + 1] !== undefined) out[m[1]] = argv[++i];
  }
  return out;
}

main().catch((err) => {
  console.error(err instanceof ConfigError ? err.message : err instanceof Error ? err.message : err);
  process.exit(1);
});

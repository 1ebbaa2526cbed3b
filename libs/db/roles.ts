import { Client as PgClient } from 'pg';
import { DataSource, EntityManager } from 'typeorm';
import { createDataSource, runMigrations } from './data-source';

/**
 * Least privilege in PostgreSQL (KSZ minimum norms: need-to-know, integrity of the logging).
 *
 * Two roles: the **owner** owns the schema and runs the migrations (and, later, the audit retention); the **application**
 * role — the one the API and the worker connect as — owns nothing, reads and writes the tables' rows, only reads the
 * migrations table and may add audit rows but never change or remove one. The grants are (re)applied after every
 * migration run, so a table added by a migration is covered the moment it exists.
 */

/** Tables the application only appends to: the audit trail and its hash chain. */
export const APPEND_ONLY_TABLES = ['audit_events', 'audit_chain'] as const;
/** Tables the application only reads (the checkpoints are the owner's: the retention writes them). */
export const READ_ONLY_TABLES = ['migrations', 'audit_checkpoints'] as const;

/** The user name in a postgres:// URL (the role the connection acts as). */
export function roleOfUrl(url: string): string {
  return decodeURIComponent(new URL(url).username);
}

/** A role name as an SQL identifier: only plain names, so that it can be quoted safely. */
function quotedRole(role: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_$-]{0,62}$/.test(role)) throw new Error(`"${role}" is not a role name this system grants to`);
  return `"${role}"`;
}

/** Grants the application role what it needs on every table of the schema, and no more. Run as the owner. */
export async function grantApplicationRole(owner: DataSource | EntityManager, role: string): Promise<void> {
  const r = quotedRole(role);
  const tables = (await owner.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public'`)) as { tablename: string }[];
  await owner.query(`GRANT USAGE ON SCHEMA public TO ${r}`);
  await owner.query(`REVOKE CREATE ON SCHEMA public FROM ${r}`);
  for (const { tablename } of tables) {
    const t = `"${tablename.replace(/"/g, '""')}"`;
    await owner.query(`REVOKE ALL ON ${t} FROM ${r}`);
    if ((APPEND_ONLY_TABLES as readonly string[]).includes(tablename)) await owner.query(`GRANT SELECT, INSERT ON ${t} TO ${r}`);
    else if ((READ_ONLY_TABLES as readonly string[]).includes(tablename)) await owner.query(`GRANT SELECT ON ${t} TO ${r}`);
    else await owner.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ${t} TO ${r}`);
  }
  await owner.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${r}`);
}

/**
 * What is wrong with the privileges of the role `db` connects as, for an application role (empty: nothing). The API
 * and the worker refuse to start in production on a role that could rewrite the audit trail or the schema.
 */
export async function leastPrivilegeProblems(db: DataSource | EntityManager): Promise<string[]> {
  const [me] = (await db.query(
    `SELECT current_user AS role, r.rolsuper AS superuser, r.rolcreaterole AS createrole,
            (SELECT count(*)::int FROM pg_tables WHERE schemaname = 'public' AND tableowner = current_user) AS owned,
            has_schema_privilege(current_user, 'public', 'CREATE') AS can_create
       FROM pg_roles r WHERE r.rolname = current_user`,
  )) as { role: string; superuser: boolean; createrole: boolean; owned: number; can_create: boolean }[];
  const problems: string[] = [];
  if (me.superuser) problems.push(`the role "${me.role}" is a superuser`);
  if (me.owned > 0) problems.push(`the role "${me.role}" owns ${me.owned} table(s)`);
  if (me.can_create) problems.push(`the role "${me.role}" may create objects in the schema`);
  for (const table of APPEND_ONLY_TABLES) {
    const [p] = (await db.query(
      `SELECT to_regclass($1) IS NOT NULL AS present,
              CASE WHEN to_regclass($1) IS NULL THEN false
                   ELSE has_table_privilege(current_user, $1, 'UPDATE') OR has_table_privilege(current_user, $1, 'DELETE')
                        OR has_table_privilege(current_user, $1, 'TRUNCATE') END AS can_change`,
      [`public.${table}`],
    )) as { present: boolean; can_change: boolean }[];
    if (p.can_change) problems.push(`the role "${me.role}" may change or delete rows of ${table}`);
  }
  return problems;
}

/**
 * Brings the schema up to date as the owner and grants the application role, when the two URLs name different roles
 * (DATABASE_OWNER_URL beside DATABASE_URL); with one URL the migrations run on the application's own connection, as
 * before. Returns the migrations applied.
 */
export async function migrateDatabase(app: DataSource, ownerUrl: string | null, appUrl: string): Promise<string[]> {
  if (!ownerUrl || roleOfUrl(ownerUrl) === roleOfUrl(appUrl)) return runMigrations(app);
  const owner = await createDataSource(ownerUrl, { poolSize: 1 }).initialize();
  try {
    const applied = await runMigrations(owner);
    await grantApplicationRole(owner, roleOfUrl(appUrl));
    return applied;
  } finally {
    await owner.destroy();
  }
}

/**
 * The embedded PostgreSQL's application role (the local default): created by the superuser when missing, with a fixed
 * local password — the cluster listens on the loopback interface only, like its superuser with its fixed password.
 */
export const EMBEDDED_APP_ROLE = 'ocmw_app';
const EMBEDDED_APP_PASSWORD = 'ocmw-local-app';

export function ensureEmbeddedAppRole(ownerUrl: string): Promise<string> {
  return ensureLoginRole(ownerUrl, EMBEDDED_APP_ROLE, EMBEDDED_APP_PASSWORD);
}

/**
 * Creates a plain login role (no superuser, no createdb, no createrole) on the owner's cluster when missing, and returns
 * the owner's URL with that role's name and password. Two callers making it at once both succeed.
 */
export async function ensureLoginRole(ownerUrl: string, role: string, password: string): Promise<string> {
  const r = quotedRole(role);
  const owner = new PgClient({ connectionString: ownerUrl });
  await owner.connect();
  try {
    const { rows } = await owner.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role]);
    if (!rows.length) {
      const literal = `'${password.replace(/'/g, "''")}'`;
      await owner.query(`CREATE ROLE ${r} LOGIN PASSWORD ${literal} NOSUPERUSER NOCREATEDB NOCREATEROLE`).catch((err: { code?: string }) => {
        // 42710 duplicate_object; 23505 when another made it at the same moment.
        if (!['42710', '23505'].includes(err.code ?? '')) throw err;
      });
    }
  } finally {
    await owner.end();
  }
  const url = new URL(ownerUrl);
  url.username = role;
  url.password = password;
  return url.toString();
}

/**
 * At the start of the API and the worker: in production a role with more than it needs is refused (the start stops
 * with what is wrong); elsewhere it is said once, so that a developer on one URL sees what production would refuse.
 */
export async function checkApplicationRole(db: DataSource, production: boolean, warn: (line: string) => void = console.warn): Promise<void> {
  const problems = await leastPrivilegeProblems(db);
  if (!problems.length) return;
  const text = `DATABASE_URL: ${problems.join('; ')} — connect as an application role that owns nothing and run the migrations with DATABASE_OWNER_URL (see README, Least privilege)`;
  if (production) throw new Error(text);
  warn(`warning: ${text}`);
}

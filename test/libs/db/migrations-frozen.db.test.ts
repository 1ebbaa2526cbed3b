import * as fs from 'node:fs';
import * as path from 'node:path';
import { DataSource } from 'typeorm';
import { migratedDataSource } from '../../support/database';
import { DOSSIER_LINK_KINDS, MEMBER_ROLES } from '../../../libs/domain/dossier-relations';
import { PARTY_KINDS, PARTY_ROLES } from '../../../libs/domain/parties';
import { DEBT_STATUSES, EXPENSE_KINDS, INCOME_KINDS, PRIORITY_KINDS } from '../../../libs/domain/budget-inventory';

const MIGRATIONS = path.resolve(__dirname, '../../../libs/db/migrations');

/**
 * A migration that has run must never change: it writes out the values it constrains instead of importing the lists
 * the code keeps (a value added there is a migration of its own). And the migrated schema accepts every value the code
 * lists: a kind or role added without its migration fails here, not in production.
 */
describe('migrations are frozen and agree with the code (db)', () => {
  let dataSource: DataSource;
  beforeAll(async () => {
    dataSource = await migratedDataSource('frozen', 2);
  });
  afterAll(() => dataSource?.destroy());

  it('imports nothing but typeorm in any migration', () => {
    const imports = fs.readdirSync(MIGRATIONS).filter((f) => f.endsWith('.ts')).flatMap((file) =>
      [...fs.readFileSync(path.join(MIGRATIONS, file), 'utf8').matchAll(/^import[^;]*from '([^']+)'/gm)].map((m) => `${file}: ${m[1]}`),
    );
    expect(imports.filter((i) => !i.endsWith(': typeorm'))).toEqual([]);
  });

  it.each([
    ['parties', 'kind', PARTY_KINDS],
    ['dossier_parties', 'role', PARTY_ROLES],
    ['dossier_links', 'kind', DOSSIER_LINK_KINDS],
    ['dossier_persons', 'role', MEMBER_ROLES],
    ['dossier_incomes', 'kind', INCOME_KINDS],
    ['dossier_expenses', 'kind', EXPENSE_KINDS],
    ['dossier_debts', 'priority_kind', PRIORITY_KINDS],
    ['dossier_debts', 'status', DEBT_STATUSES],
  ])('%s.%s takes every value the code lists', async (table, column, values) => {
    const checks: { def: string }[] = await dataSource.query(
      `SELECT pg_get_constraintdef(c.oid) AS def FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid
        WHERE t.relname = $1 AND c.contype = 'c' AND pg_get_constraintdef(c.oid) ~ ('\\m' || $2 || '\\M') AND pg_get_constraintdef(c.oid) ~ 'ANY|IN'`,
      [table, column],
    );
    const allowed = new Set(checks.flatMap((c) => [...c.def.matchAll(/'([a-z0-9-]+)'::text/g)].map((m) => m[1])));
    expect(values.filter((v) => !allowed.has(v))).toEqual([]);
    expect(allowed.size).toBeGreaterThan(0);
  });
});

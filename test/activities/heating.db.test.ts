import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { createHeatingActivities } from '../../activities/heating/heating.activities';
import { loadConfig } from '../../libs/config/config';
import { migratedDataSource } from '../support/database';

/**
 * The heating allowance's assessment on a real PostgreSQL: the yearly maximum counts what the applicant's other
 * heating allowance dossiers were paid in the delivery's year (from the payments' computation), not cancelled ones,
 * not other years, not other persons, not the dossier itself.
 */
describe('heating allowance activities (db)', () => {
  let dataSource: DataSource;
  let personId: string;
  const dossier = async (person: string, procedure = 'heating-allowance') => {
    const id = randomUUID();
    await dataSource.query(
      `INSERT INTO dossiers (id, reference, procedure, person_id, status, team, workflow_id, request_date, channel) VALUES ($1, $2, $3, $4, 'NOTIFIED', 'demo', $5, '2026-10-01', 'counter')`,
      [id, `VT-2026-${id.slice(0, 6)}`, procedure, person, `dossier-${id}`],
    );
    return id;
  };
  const ordered = (dossierId: string, period: string, computation: Record<string, unknown>, status = 'due') =>
    dataSource.query(
      `INSERT INTO payments (dossier_id, kind, period, payment_key, amount_cents, iban, creditor_name, remittance, due_date, status, computation)
       VALUES ($1, 'allowance', $2, $3, 1000, 'BE68539007547034', 'x', 'x', '2026-10-01', $4, $5)`,
      [dossierId, period, `allowance:client:${period}`, status, JSON.stringify(computation)],
    );
  const person = async (first: string) =>
    (await dataSource.query(`INSERT INTO persons (first_name, last_name, birth_date, street, postal_code, city, no_national_number_reason) VALUES ($1, 'Peeters', '1960-01-01', 'Markt 1', '9000', 'Gent', 'unknown') RETURNING id`, [first]))[0].id as string;

  beforeAll(async () => {
    dataSource = await migratedDataSource('heating', 3);
    personId = await person('Rita');
  });
  afterAll(async () => dataSource?.destroy());

  it('caps a delivery by what is left of the year after the applicant\'s earlier allowances, and lets a pump purchase exclude bulk', async () => {
    const acts = createHeatingActivities({ dataSource, config: loadConfig({}) });
    const earlier = await dossier(personId);
    await ordered(earlier, 'once:heating-2026-02-10', { heatingYear: '2026', litresCounted: 1000, pump: false });
    // Not counted: a cancelled payment, another year, another person, another procedure.
    const cancelled = await dossier(personId);
    await ordered(cancelled, 'once:heating-2026-03-10', { heatingYear: '2026', litresCounted: 400, pump: false }, 'cancelled');
    const lastYear = await dossier(personId);
    await ordered(lastYear, 'once:heating-2025-11-10', { heatingYear: '2025', litresCounted: 1500, pump: false });
    const neighbour = await dossier(await person('Jan'));
    await ordered(neighbour, 'once:heating-2026-02-11', { heatingYear: '2026', litresCounted: 1500, pump: true });
    const aid = await dossier(personId, 'social-aid');
    await ordered(aid, 'once:aid-2026-02-12', { heatingYear: '2026', litresCounted: 1500, pump: true });

    const now = await dossier(personId);
    const facts = { fuel: 'gas-oil-bulk', deliveryDate: '2026-10-20', litres: 900, pricePerLitreMilli: 1200, category: 2 as const, householdIncomeCents: 1_000_000, late: false };
    expect(await acts.assessHeatingAllowance({ dossierId: now, facts })).toMatchObject({ grant: true, litresCounted: 500, amountCents: 10_000 });
    // The dossier's own payment (a retried assessment after its order) does not count against itself.
    await ordered(now, 'once:heating-2026-10-20', { heatingYear: '2026', litresCounted: 500, pump: false });
    expect(await acts.assessHeatingAllowance({ dossierId: now, facts })).toMatchObject({ grant: true, litresCounted: 500 });
    // A pump purchase in the year excludes a later bulk allowance.
    const pump = await dossier(personId);
    await ordered(pump, 'once:heating-2026-01-05', { heatingYear: '2026', litresCounted: 0, pump: true });
    expect(await acts.assessHeatingAllowance({ dossierId: now, facts })).toMatchObject({ grant: false });
  });
});

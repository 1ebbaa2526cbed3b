import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { createDebtMediationActivities } from '../../activities/debt-mediation/debt-mediation.activities';
import { DossierEntity, PartyEntity, PersonEntity, UserEntity } from '../../libs/db/entities';
import { migratedDataSource } from '../support/database';

/** The debt mediation activities against the inventory tables, on a real PostgreSQL. */
describe('debt mediation activities (db)', () => {
  let dataSource: DataSource;
  let acts: ReturnType<typeof createDebtMediationActivities>;

  beforeAll(async () => {
    dataSource = await migratedDataSource('debt_mediation_acts', 3);
    acts = createDebtMediationActivities({ dataSource });
  });
  afterAll(async () => {
    await dataSource?.destroy();
  });

  it('debtCreditors: one row per open debt for its creditor and one more for its bailiff, in the order the debts were entered', async () => {
    const user = await dataSource.getRepository(UserEntity).save({ username: `sw-${randomUUID().slice(0, 8)}`, passwordHash: 'x', displayName: 'Sofie Claes', role: 'social-worker', team: 'demo' });
    const person = await dataSource.getRepository(PersonEntity).save({ nationalNumber: '93051822361', firstName: 'Jan', lastName: 'Peeters', street: 'Markt 1', postalCode: '9200', city: 'Dendermonde' });
    const dossierId = randomUUID();
    await dataSource.getRepository(DossierEntity).insert({
      id: dossierId, reference: 'SB-2026-000011', procedure: 'debt-mediation', personId: person.id, status: 'TRAJECTORY_ACTIVE',
      team: 'demo', responsibleUserId: user.id, workflowId: `dossier-${dossierId}`, requestDate: '2026-10-05', channel: 'counter',
    });
    const parties = dataSource.getRepository(PartyEntity);
    const energy = await parties.save({ name: 'Energie Vlaanderen', kind: 'creditor' });
    const bank = await parties.save({ name: 'Bank Kredietnet', kind: 'creditor' });
    const bailiff = await parties.save({ name: 'Gerechtsdeurwaarder Smet', kind: 'bailiff' });
    const debt = (values: string) => dataSource.query(
      `INSERT INTO dossier_debts (dossier_id, created_by, updated_by, creditor_party_id, creditor_reference, original_cents, outstanding_cents,
         collector_party_id, collector_reference, disputed, priority_kind, status, created_at)
       VALUES ${values} RETURNING id`,
    );
    const [first] = await debt(`('${dossierId}', '${user.id}', '${user.id}', '${energy.id}', 'EV-77', 120000, 90000, NULL, NULL, false, 'energy', 'open', now() - interval '2 minutes')`);
    const [second] = await debt(`('${dossierId}', '${user.id}', '${user.id}', '${bank.id}', NULL, 500000, 450000, '${bailiff.id}', 'GD-2026-3', true, NULL, 'open', now() - interval '1 minute')`);
    await debt(`('${dossierId}', '${user.id}', '${user.id}', '${bank.id}', 'OLD', 1000, 0, NULL, NULL, false, NULL, 'paid', now())`);

    expect(await acts.debtCreditors({ dossierId })).toEqual([
      { debtId: first.id, partyId: energy.id, role: 'creditor', fileNumber: 'EV-77', outstandingCents: 90000, disputed: false, priorityKind: 'energy' },
      { debtId: second.id, partyId: bank.id, role: 'creditor', fileNumber: null, outstandingCents: 450000, disputed: true, priorityKind: null },
      { debtId: second.id, partyId: bailiff.id, role: 'collector', fileNumber: 'GD-2026-3', outstandingCents: 450000, disputed: true, priorityKind: null },
    ]);
    expect(await acts.debtCreditors({ dossierId: randomUUID() })).toEqual([]);
  });
});

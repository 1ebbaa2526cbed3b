import { VALID_NATIONAL_NUMBERS } from '../support/factories';
import { startTestSystem, TestSystem } from '../support/system';
import { uniqueTaskQueue } from '../support/temporal';

const address = { street: 'Markt 1', postalCode: '9000', city: 'Gent' };

/**
 * The budget inventory of a dossier over HTTP: incomes, fixed costs and debts with two creditors (parties of the
 * registry), the totals, a payment lowering what is outstanding, a debt paid; bad input changes nothing; another
 * team's dossier is unknown; finance reads and writes nothing; a closed dossier's inventory does not change.
 */
describe('budget inventory (e2e)', () => {
  let sys: TestSystem;
  const as = (user: string) => sys.as(user);
  let dossierId: string;
  let otherDossierId: string;
  let landlord: string;
  let energy: string;
  let bailiff: string;

  const party = async (name: string, kind: string) => {
    const res = await sys.http.post('/parties').set(as('social-worker')).send({ name, kind, address });
    expect(res.status).toBe(201);
    return res.body.id as string;
  };
  const rows = async () => {
    const counts = await sys.db.query(`SELECT (SELECT count(*) FROM dossier_incomes)::int AS incomes, (SELECT count(*) FROM dossier_expenses)::int AS expenses,
      (SELECT count(*) FROM dossier_debts)::int AS debts, (SELECT coalesce(sum(outstanding_cents), 0)::int FROM dossier_debts) AS outstanding`);
    return counts.rows[0];
  };
  const inventory = async (user = 'social-worker') => {
    const res = await sys.http.get(`/dossiers/${dossierId}/inventory`).set(as(user));
    expect(res.status).toBe(200);
    return res.body;
  };

  beforeAll(async () => {
    sys = await startTestSystem({ TEMPORAL_TASK_QUEUE: uniqueTaskQueue('e2e-inventory') });
    await sys.loginAll(['social-worker', 'team-lead', 'council-secretary', 'finance', 'admin']);
    const noord = await sys.http.post('/users').set(as('admin'))
      .send({ username: 'noord-worker', password: 'Kwartel-Paraplu-93!', displayName: 'Noor Werker', role: 'social-worker', team: 'noord' });
    expect(noord.status).toBe(201);
    await sys.login('noord-worker', 'Kwartel-Paraplu-93!');
    const person = await sys.http.post('/persons').set(as('social-worker')).send({ nationalNumber: VALID_NATIONAL_NUMBERS[2], firstName: 'Els', lastName: 'Wouters', address });
    expect(person.status).toBe(201);
    const dossier = await sys.http.post('/dossiers').set(as('social-worker')).send({ procedure: 'leefloon', personId: person.body.id });
    expect(dossier.status).toBe(201);
    dossierId = dossier.body.id;
    const other = await sys.http.post('/dossiers').set(as('noord-worker')).send({ procedure: 'social-aid', personId: person.body.id });
    expect(other.status).toBe(201);
    otherDossierId = other.body.id;
    landlord = await party('Woonhaven Gent', 'landlord');
    energy = await party('Energieleverancier NV', 'supplier');
    bailiff = await party('Gerechtsdeurwaarder Janssens', 'bailiff');
  });
  afterAll(async () => {
    await sys?.close();
  });

  it('adds incomes, fixed costs and debts with two creditors, and totals them; a payment and a paid debt change what is outstanding', async () => {
    const post = (what: string, body: object) => sys.http.post(`/dossiers/${dossierId}/${what}`).set(as('social-worker')).send(body);
    const leefloon = await post('incomes', { kind: 'leefloon', amountCents: 131420, dayOfMonth: 1, validFrom: '2026-01-01' });
    expect(leefloon.status).toBe(201);
    expect(leefloon.body).toMatchObject({ kind: 'leefloon', kindLabel: 'leefloon', amountCents: 131420, dayOfMonth: 1, validFrom: '2026-01-01', validUntil: null });
    expect((await post('incomes', { kind: 'child-benefit', amountCents: 25000, dayOfMonth: 10 })).body.kindLabel).toBe('kinderbijslag / groeipakket');
    expect((await post('expenses', { kind: 'rent', amountCents: 65000, dueDay: 5 })).body).toMatchObject({ kindLabel: 'huur', dueDay: 5 });
    expect((await post('expenses', { kind: 'energy', amountCents: 12000 })).status).toBe(201);
    const rent = await post('debts', { creditorPartyId: landlord, creditorReference: 'WH-2026-17', originalCents: 100000, outstandingCents: 80000, priorityKind: 'rent' });
    expect(rent.status).toBe(201);
    expect(rent.body).toMatchObject({ creditor: { id: landlord, name: 'Woonhaven Gent' }, priorityLabel: 'huur', status: 'open', statusLabel: 'open', disputed: false, collector: null });
    const bill = await post('debts', {
      creditorPartyId: energy, originalCents: 30000, outstandingCents: 30000, disputed: true, collectorPartyId: bailiff, collectorReference: 'GDW/88',
    });
    expect(bill.status).toBe(201);
    expect(bill.body).toMatchObject({ collector: { id: bailiff, name: 'Gerechtsdeurwaarder Janssens' }, collectorReference: 'GDW/88', disputed: true, priorityKind: null });

    const inv = await inventory();
    expect(inv.incomes).toHaveLength(2);
    expect(inv.expenses.map((e: { kindLabel: string }) => e.kindLabel)).toEqual(['huur', 'energie']);
    expect(inv.debts.map((d: { creditor: { name: string } }) => d.creditor.name)).toEqual(['Woonhaven Gent', 'Energieleverancier NV']);
    expect(inv.totals).toEqual({ incomePerMonth: 156420, expensesPerMonth: 77000, outstandingDebts: 110000, priorityOutstanding: 80000, monthlyMargin: 79420 });

    // A payment of € 100: the new outstanding amount, who changed it kept.
    const paid = await sys.http.patch(`/debts/${rent.body.id}`).set(as('team-lead')).send({ outstandingCents: 70000 });
    expect(paid.status).toBe(200);
    expect(paid.body).toMatchObject({ outstandingCents: 70000, originalCents: 100000, createdBy: rent.body.createdBy });
    expect(paid.body.updatedBy).not.toBe(rent.body.createdBy);
    // The energy bill paid: no longer outstanding.
    const settled = await sys.http.patch(`/debts/${bill.body.id}`).set(as('social-worker')).send({ status: 'paid', statusDate: '2026-03-01', outstandingCents: 0 });
    expect(settled.status).toBe(200);
    expect(settled.body).toMatchObject({ status: 'paid', statusLabel: 'betaald', statusDate: '2026-03-01' });
    expect((await inventory('team-lead')).totals).toEqual({ incomePerMonth: 156420, expensesPerMonth: 77000, outstandingDebts: 70000, priorityOutstanding: 70000, monthlyMargin: 79420 });

    // An income changed, then deleted; a debt cannot be deleted.
    const changed = await sys.http.patch(`/incomes/${leefloon.body.id}`).set(as('social-worker')).send({ amountCents: 131000 });
    expect(changed.body.amountCents).toBe(131000);
    const extra = await post('incomes', { kind: 'other', amountCents: 5000, description: 'Studentenjob' });
    expect((await sys.http.delete(`/incomes/${extra.body.id}`).set(as('social-worker'))).status).toBe(204);
    expect((await sys.http.delete(`/debts/${rent.body.id}`).set(as('social-worker'))).status).toBe(404);
    expect((await inventory()).totals.incomePerMonth).toBe(156000);

    const audited = await sys.db.query(`SELECT action FROM audit_events WHERE dossier_id = $1 AND action LIKE 'inventory.%'`, [dossierId]);
    expect(audited.rows.map((r: { action: string }) => r.action)).toEqual(expect.arrayContaining([
      'inventory.income-added', 'inventory.expense-added', 'inventory.debt-added', 'inventory.debt-changed', 'inventory.income-changed', 'inventory.income-deleted', 'inventory.read',
    ]));
  });

  it('refuses bad input with 400 on the field and changes nothing', async () => {
    const before = await rows();
    const [debt] = (await inventory()).debts;
    const cases: [string, string, object, string][] = [
      ['post', `/dossiers/${dossierId}/incomes`, { kind: 'wage', amountCents: 1000, colour: 'red' }, ''],
      ['post', `/dossiers/${dossierId}/incomes`, { kind: 'wage', amountCents: -1 }, '/amountCents'],
      ['post', `/dossiers/${dossierId}/incomes`, { kind: 'wage', amountCents: 10.5 }, '/amountCents'],
      ['post', `/dossiers/${dossierId}/incomes`, { kind: 'wage', amountCents: 100, dayOfMonth: 32 }, '/dayOfMonth'],
      ['post', `/dossiers/${dossierId}/incomes`, { kind: 'wage', amountCents: 100, validFrom: '2026-05-01', validUntil: '2026-04-01' }, '/validUntil'],
      ['post', `/dossiers/${dossierId}/expenses`, { kind: 'casino', amountCents: 100 }, '/kind'],
      ['post', `/dossiers/${dossierId}/debts`, { creditorPartyId: landlord, originalCents: 100, outstandingCents: 200 }, '/outstandingCents'],
      ['post', `/dossiers/${dossierId}/debts`, { creditorPartyId: '00000000-0000-4000-8000-000000000000', originalCents: 100, outstandingCents: 100 }, '/creditorPartyId'],
      ['patch', `/debts/${debt.id}`, { outstandingCents: 100001 }, '/outstandingCents'],
      ['patch', `/debts/${debt.id}`, { status: 'settled' }, '/statusDate'],
      ['patch', `/debts/${debt.id}`, { creditorPartyId: 'not-a-uuid' }, '/creditorPartyId'],
      ['patch', `/debts/${debt.id}`, {}, ''],
    ];
    for (const [method, path, body, pointer] of cases) {
      const res = await (method === 'post' ? sys.http.post(path) : sys.http.patch(path)).set(as('social-worker')).send(body);
      expect({ path, body, status: res.status }).toEqual({ path, body, status: 400 });
      if (pointer) expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(pointer);
    }
    // A party that is no longer in use is no creditor.
    const gone = await party('Opgeheven BV', 'creditor');
    await sys.db.query(`UPDATE parties SET active = false WHERE id = $1`, [gone]);
    const inactive = await sys.http.post(`/dossiers/${dossierId}/debts`).set(as('social-worker')).send({ creditorPartyId: gone, originalCents: 100, outstandingCents: 100 });
    expect(inactive.status).toBe(400);
    expect(inactive.body.errors[0].path).toBe('/creditorPartyId');
    // More than the original, flagged (interest and costs): accepted.
    const flagged = await sys.http.patch(`/debts/${debt.id}`).set(as('social-worker')).send({ outstandingCents: 100001, outstandingExceedsOriginal: true });
    expect(flagged.status).toBe(200);
    expect(await rows()).toEqual({ ...before, outstanding: before.outstanding - debt.outstandingCents + 100001 });
  });

  it("answers 404 for another team's dossier and rows, 403 to a role without the inventory; finance reads and writes nothing", async () => {
    const { debts, incomes } = await inventory();
    const before = await rows();
    expect((await sys.http.get(`/dossiers/${dossierId}/inventory`).set(as('noord-worker'))).status).toBe(404);
    expect((await sys.http.post(`/dossiers/${dossierId}/incomes`).set(as('noord-worker')).send({ kind: 'wage', amountCents: 1 })).status).toBe(404);
    expect((await sys.http.patch(`/debts/${debts[0].id}`).set(as('noord-worker')).send({ outstandingCents: 1 })).status).toBe(404);
    expect((await sys.http.delete(`/incomes/${incomes[0].id}`).set(as('noord-worker'))).status).toBe(404);
    expect((await sys.http.get(`/dossiers/${otherDossierId}/inventory`).set(as('social-worker'))).status).toBe(404);
    expect((await sys.http.get(`/dossiers/${dossierId}/inventory`).set(as('council-secretary'))).status).toBe(403);

    const seen = await inventory('finance');
    expect(seen.debts[0].creditor.name).toBe('Woonhaven Gent');
    expect((await inventory('admin')).totals).toEqual(seen.totals);
    expect((await sys.http.post(`/dossiers/${dossierId}/expenses`).set(as('finance')).send({ kind: 'water', amountCents: 1 })).status).toBe(403);
    expect((await sys.http.patch(`/debts/${debts[0].id}`).set(as('finance')).send({ outstandingCents: 1 })).status).toBe(403);
    expect((await sys.http.post(`/dossiers/${dossierId}/expenses`).set(as('admin')).send({ kind: 'water', amountCents: 1 })).status).toBe(403);
    expect(await rows()).toEqual(before);
  });

  it('keeps the inventory of a closed dossier as it was (409)', async () => {
    const { incomes } = await inventory();
    const before = await rows();
    await sys.db.query(`UPDATE dossiers SET closed_at = now() WHERE id = $1`, [dossierId]);
    expect((await sys.http.post(`/dossiers/${dossierId}/incomes`).set(as('social-worker')).send({ kind: 'wage', amountCents: 1 })).status).toBe(409);
    expect((await sys.http.patch(`/incomes/${incomes[0].id}`).set(as('social-worker')).send({ amountCents: 1 })).status).toBe(409);
    expect((await sys.http.delete(`/incomes/${incomes[0].id}`).set(as('social-worker'))).status).toBe(409);
    expect((await inventory()).incomes).toHaveLength(incomes.length);
    expect(await rows()).toEqual(before);
  });
});

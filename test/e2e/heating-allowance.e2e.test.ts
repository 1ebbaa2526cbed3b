import { addDays } from '../../libs/deadlines/calendar-date';
import { todayInBrussels, VALID_IBANS, VALID_NATIONAL_NUMBERS } from '../support/factories';
import { treatTodayAtExtraordinarySession } from '../support/council';
import { startTestSystem, TestSystem } from '../support/system';
import { openTaskOf } from '../support/task-flow';
import { eventually } from '../support/temporal';

/**
 * The heating allowance through the API, the workflow and the database (issue 15, domain §7): a request, the inquiry
 * (a bad one is a 400 that changes nothing), the proposal computed from the scale, the BCSD's grant at an
 * extraordinary session today, the letter and the allowance ordered for payment to the client.
 */
describe('the heating allowance (e2e)', () => {
  let sys: TestSystem;
  const today = todayInBrussels();
  const requestDate = addDays(today, -1);
  beforeAll(async () => {
    sys = await startTestSystem();
    await sys.loginAll(['social-worker', 'council-secretary', 'team-lead']);
  });
  afterAll(async () => sys?.close());

  it('runs from the request to the allowance ordered for payment, with the amount of the scale', async () => {
    const procedures = await sys.http.get('/procedures').set(sys.as('social-worker'));
    expect(procedures.body.items.find((p: { name: string }) => p.name === 'heating-allowance')).toMatchObject({ title: 'Verwarmingstoelage (Sociaal Verwarmingsfonds)', opensBy: 'request' });
    const person = await sys.http.post('/persons').set(sys.as('social-worker')).send({
      nationalNumber: VALID_NATIONAL_NUMBERS[0], firstName: 'Maria', lastName: 'Stookolie', iban: VALID_IBANS[0],
      address: { street: 'Kerkstraat 9', postalCode: '9000', city: 'Gent' },
    });
    expect(person.status).toBe(201);
    const dossier = await sys.http.post('/dossiers').set(sys.as('social-worker')).send({ procedure: 'heating-allowance', personId: person.body.id, requestDate });
    expect(dossier.status).toBe(201);
    const id = dossier.body.id as string;
    expect(dossier.body.reference).toMatch(/^VT-\d{4}-\d{6}$/);
    const complete = async (kind: string, outcome: Record<string, unknown>) => {
      const task = await openTaskOf(sys, 'social-worker', id, kind);
      return sys.http.post(`/tasks/${task.id}/complete`).set(sys.as('social-worker')).send(outcome);
    };
    expect((await complete('competence-check', { competent: true, rule: 'usual-residence', situation: 'usual-residence', usualResidence: '44021' })).status).toBe(200);

    // A bulk delivery without its litres and price is refused, in the one error shape, and changes nothing.
    const inquiry = { fuel: 'gas-oil-bulk', deliveryDate: addDays(requestDate, -12), category: 2, householdIncomeCents: 1_900_000, dependants: 0 };
    const bad = await complete('heating-inquiry', inquiry);
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string; code: string }) => `${e.path} ${e.code}`).sort()).toEqual(['/litres required', '/pricePerLitreMilli required']);
    expect((await sys.db.query(`SELECT status FROM tasks WHERE dossier_id = $1 AND kind = 'heating-inquiry'`, [id])).rows[0].status).not.toBe('completed');
    expect((await complete('heating-inquiry', { ...inquiry, litres: 1200, pricePerLitreMilli: 1180 })).status).toBe(200);

    // The proposal on the agenda: 1,200 litres × 20 cent = € 240,00 (the price is in the top bracket).
    const place = await treatTodayAtExtraordinarySession(sys, id);
    const item = (await sys.db.query(`SELECT proposal FROM agenda_items WHERE id = $1`, [place.itemId])).rows[0];
    expect(item.proposal).toMatchObject({ proposal: 'grant', amountCents: 24_000 });
    expect(item.proposal.motivation).toContain('1200 liter × 20 cent per liter = € 240,00');
    const decided = await sys.http.post(`/council/meetings/${place.meetingId}/items/${place.itemId}/decision`).set(sys.as('council-secretary'))
      .send({ result: 'granted', amountCents: 24_000, motivation: 'Categorie 2, levering binnen 60 dagen.' });
    expect(decided.status).toBe(200);
    expect((await complete('decision-notification', { mode: 'against-receipt', date: today })).status).toBe(200);

    // HF-3: the allowance ordered for payment to the client, once, keyed on the delivery.
    const payment = await eventually(async () => (await sys.db.query(`SELECT kind, period, amount_cents, computation FROM payments WHERE dossier_id = $1`, [id])).rows[0]);
    expect(payment).toMatchObject({ kind: 'allowance', period: `once:heating-${addDays(requestDate, -12)}`, amount_cents: 24_000 });
    expect(payment.computation).toMatchObject({ heatingYear: addDays(requestDate, -12).slice(0, 4), litresCounted: 1200, pump: false });
    await eventually(async () => {
      const d = await sys.http.get(`/dossiers/${id}`).set(sys.as('social-worker'));
      return d.body.status === 'ALLOWANCE_PAID' ? d.body : undefined;
    });
    const notices = (await sys.db.query(`SELECT key FROM notices WHERE dossier_id = $1 ORDER BY key`, [id])).rows.map((r: { key: string }) => r.key);
    expect(notices).toEqual(expect.arrayContaining(['decision-letter', 'receipt']));

    // HF-4: the month's report lists the allowance granted today, with the totals per category, as JSON and as CSV.
    const month = today.slice(0, 7);
    const report = await sys.http.get(`/figures/heating-allowances?month=${month}`).set(sys.as('team-lead'));
    expect(report.status).toBe(200);
    expect(report.body.items).toEqual([expect.objectContaining({ reference: dossier.body.reference, decisionDate: today, category: 2, fuel: 'gas-oil-bulk', litres: 1200, amountCents: 24_000, payee: 'cliënt' })]);
    expect(report.body.totals.find((t: { category: number }) => t.category === 2)).toEqual({ category: 2, allowances: 1, litres: 1200, amountCents: 24_000 });
    expect(report.body.totalCents).toBe(24_000);
    const csv = await sys.http.get(`/figures/heating-allowances?month=${month}&format=csv`).set(sys.as('team-lead'));
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.text).toContain(`${dossier.body.reference};`);
    expect(csv.text).toContain(';240,00;cliënt;');
    // Another month has none; a bad month is a 400; a social worker may not read the figures.
    expect((await sys.http.get('/figures/heating-allowances?month=2020-01').set(sys.as('team-lead'))).body).toMatchObject({ items: [], total: 0, totalCents: 0 });
    expect((await sys.http.get('/figures/heating-allowances?month=2026-13').set(sys.as('team-lead'))).status).toBe(400);
    expect((await sys.http.get(`/figures/heating-allowances?month=${month}`).set(sys.as('social-worker'))).status).toBe(403);
  });
});

import { addDays } from '../../libs/deadlines/calendar-date';
import { todayInBrussels, VALID_IBANS, VALID_NATIONAL_NUMBERS } from '../support/factories';
import { treatTodayAtExtraordinarySession } from '../support/council';
import { startTestSystem, TestSystem } from '../support/system';
import { openTaskOf } from '../support/task-flow';
import { eventually } from '../support/temporal';

/**
 * The advance on a benefit through the API, the workflow and the database (issue 15, domain §10): a request, the
 * paying body a party of the dossier, the inquiry, the BCSD's grant at an extraordinary session today, the letter,
 * form C-UNIPROC in the paying body's outbox with its name and address, the advance ordered, the arrears recorded as
 * an event (a bad one is a 400 that changes nothing), the surplus paid on to the client, the file closed.
 */
describe('the advance on a benefit (e2e)', () => {
  let sys: TestSystem;
  const today = todayInBrussels();
  beforeAll(async () => {
    sys = await startTestSystem();
    await sys.loginAll(['social-worker', 'council-secretary']);
  });
  afterAll(async () => sys?.close());

  it('runs from the request to the arrears set off against the advances, the surplus paid on and the file closed', async () => {
    const procedures = await sys.http.get('/procedures').set(sys.as('social-worker'));
    expect(procedures.body.items.find((p: { name: string }) => p.name === 'benefit-advance')).toMatchObject({ title: 'Voorschot op een sociale uitkering', opensBy: 'request' });
    const person = await sys.http.post('/persons').set(sys.as('social-worker')).send({
      nationalNumber: VALID_NATIONAL_NUMBERS[1], firstName: 'Jonas', lastName: 'Voorschot', iban: VALID_IBANS[1],
      address: { street: 'Veldstraat 4', postalCode: '9000', city: 'Gent' },
    });
    expect(person.status).toBe(201);
    const dossier = await sys.http.post('/dossiers').set(sys.as('social-worker')).send({ procedure: 'benefit-advance', personId: person.body.id, requestDate: today });
    expect(dossier.status).toBe(201);
    const id = dossier.body.id as string;
    expect(dossier.body.reference).toMatch(/^VU-\d{4}-\d{6}$/);
    const party = await sys.http.post('/parties').set(sys.as('social-worker')).send({
      name: 'Hulpkas voor Werkloosheidsuitkeringen Gent', kind: 'paying-body', address: { street: 'Zuidstationstraat 1', postalCode: '9000', city: 'Gent' },
    });
    expect(party.status).toBe(201);
    expect((await sys.http.post(`/dossiers/${id}/parties`).set(sys.as('social-worker')).send({ partyId: party.body.id, role: 'paying-body' })).status).toBe(201);
    const complete = async (kind: string, outcome: Record<string, unknown>) => {
      const task = await openTaskOf(sys, 'social-worker', id, kind);
      return sys.http.post(`/tasks/${task.id}/complete`).set(sys.as('social-worker')).send(outcome);
    };
    expect((await complete('competence-check', { competent: true, rule: 'usual-residence', situation: 'usual-residence', usualResidence: '44021' })).status).toBe(200);
    expect((await complete('advance-inquiry', {
      benefit: 'unemployment', benefitAppliedOn: addDays(today, -10), applicationPending: true, payingBodyPartyId: party.body.id,
      expectedMonthlyBenefitCents: 145_000, monthlyAdvanceCents: 130_000, advanceFrom: today,
    })).status).toBe(200);

    const place = await treatTodayAtExtraordinarySession(sys, id);
    const item = (await sys.db.query(`SELECT proposal FROM agenda_items WHERE id = $1`, [place.itemId])).rows[0];
    expect(item.proposal).toMatchObject({ proposal: 'grant', amountCents: 130_000 });
    const decided = await sys.http.post(`/council/meetings/${place.meetingId}/items/${place.itemId}/decision`).set(sys.as('council-secretary'))
      .send({ result: 'granted', amountCents: 130_000, motivation: 'Werkloosheidsuitkering aangevraagd, nog niet betaald.' });
    expect(decided.status).toBe(200);
    expect((await complete('decision-notification', { mode: 'against-receipt', date: today })).status).toBe(200);

    // The subrogation notice in the paying body's outbox, addressed to it by name.
    const form = await eventually(async () => (await sys.db.query(`SELECT partner, kind, payload FROM partner_messages WHERE dossier_id = $1`, [id])).rows[0]);
    expect(form).toMatchObject({ partner: 'paying-body', kind: 'uniproc-C1' });
    expect(form.payload).toMatchObject({ form: 'C-UNIPROC deel 1', legalBasis: 'art. 99 §2 OCMW-wet; UNIPROC-procedure (RVA)', addressee: { name: 'Hulpkas voor Werkloosheidsuitkeringen Gent' } });
    // The month of the request, paid at once (pro rata from today).
    const advance = await eventually(async () => (await sys.db.query(`SELECT kind, period, amount_cents FROM payments WHERE dossier_id = $1`, [id])).rows[0]);
    expect(advance).toMatchObject({ kind: 'advance', period: today.slice(0, 7) });
    await eventually(async () => ((await sys.http.get(`/dossiers/${id}`).set(sys.as('social-worker'))).body.status === 'ADVANCES_RUNNING' ? true : undefined));

    // A bad event (no period) is a 400 and records nothing.
    const arrears = { type: 'benefit-arrears-paid', occurredOn: today, reference: 'UNIPROC-1', data: { periodFrom: today, periodTo: today, amountCents: advance.amount_cents + 20_000, benefitRunning: true } };
    const bad = await sys.http.post(`/dossiers/${id}/events`).set(sys.as('social-worker')).send({ ...arrears, data: { ...arrears.data, periodTo: undefined } });
    expect(bad.status).toBe(400);
    // A period the wrong way round would set nothing off and pay it all on to the client: a 400 too.
    const backwards = await sys.http.post(`/dossiers/${id}/events`).set(sys.as('social-worker')).send({ ...arrears, data: { ...arrears.data, periodFrom: today, periodTo: addDays(today, -1) } });
    expect([backwards.status, backwards.body.errors]).toEqual([400, [expect.objectContaining({ path: '/data/periodTo', code: 'before-from' })]]);
    expect((await sys.db.query(`SELECT count(*)::int AS n FROM external_events WHERE dossier_id = $1`, [id])).rows[0].n).toBe(0);
    expect((await sys.http.post(`/dossiers/${id}/events`).set(sys.as('social-worker')).send(arrears)).status).toBe(201);

    // The advance is kept, the € 200,00 above it goes to the client.
    const surplus = await eventually(async () => (await sys.db.query(`SELECT period, amount_cents FROM payments WHERE dossier_id = $1 AND kind = 'one-off'`, [id])).rows[0]);
    expect(surplus).toEqual({ period: `once:advance-surplus-${today}-${today}`, amount_cents: 20_000 });
    expect((await complete('advance-settlement', { action: 'close', note: 'Uitkering loopt.' })).status).toBe(200);
    const settled = await eventually(async () => {
      const d = await sys.http.get(`/dossiers/${id}`).set(sys.as('social-worker'));
      return d.body.status === 'ADVANCE_SETTLED' ? d.body : undefined;
    });
    expect(settled.status).toBe('ADVANCE_SETTLED');
    const notices = (await sys.db.query(`SELECT key FROM notices WHERE dossier_id = $1 ORDER BY key`, [id])).rows.map((r: { key: string }) => r.key);
    expect(notices).toEqual(expect.arrayContaining(['decision-letter', 'receipt']));
  });
});

import { planOgm } from '../../libs/payments/ogm';
import { camt053 } from '../support/camt053';
import { todayInBrussels, VALID_IBANS, VALID_NATIONAL_NUMBERS } from '../support/factories';
import { treatTodayAtExtraordinarySession } from '../support/council';
import { startTestSystem, TestSystem } from '../support/system';
import { openTaskOf } from '../support/task-flow';
import { eventually } from '../support/temporal';

/**
 * Placement costs through the API, the workflow and the database (issue 15, domain §11): a request, the care home as
 * a party of the dossier, the inquiry (a bad one is a 400), the BCSD's grant at an extraordinary session today, the
 * letter and the commitment to the care home, a month's invoice recorded as an event and paid to the care home once
 * (the same month again is not paid twice; a bad month is a 400 that stores nothing), the end of the stay and the
 * closure.
 */
describe('placement costs (e2e)', () => {
  let sys: TestSystem;
  const today = todayInBrussels();
  const month = today.slice(0, 7);
  beforeAll(async () => {
    sys = await startTestSystem();
    await sys.loginAll(['social-worker', 'council-secretary', 'finance']);
  });
  afterAll(async () => sys?.close());

  it('runs from the request to a settled invoice paid to the care home, then the closure', async () => {
    const procedures = await sys.http.get('/procedures').set(sys.as('social-worker'));
    expect(procedures.body.items.find((p: { name: string }) => p.name === 'placement-costs')).toMatchObject({ title: 'Tussenkomst in de verblijfskosten (woonzorgcentrum)', opensBy: 'request' });
    const person = await sys.http.post('/persons').set(sys.as('social-worker')).send({
      nationalNumber: VALID_NATIONAL_NUMBERS[2], firstName: 'Germaine', lastName: 'Bewoner', iban: VALID_IBANS[0],
      address: { street: 'Zorgstraat 2', postalCode: '9000', city: 'Gent' },
    });
    expect(person.status).toBe(201);
    const dossier = await sys.http.post('/dossiers').set(sys.as('social-worker')).send({ procedure: 'placement-costs', personId: person.body.id, requestDate: today });
    expect(dossier.status).toBe(201);
    const id = dossier.body.id as string;
    expect(dossier.body.reference).toMatch(/^PK-\d{4}-\d{6}$/);
    const party = await sys.http.post('/parties').set(sys.as('social-worker')).send({
      name: 'WZC Zonnewende', kind: 'care-home', iban: 'BE71 0961 2345 6769', address: { street: 'Zorgstraat 2', postalCode: '9000', city: 'Gent' },
    });
    expect(party.status).toBe(201);
    const careHome = party.body.id as string;
    expect((await sys.http.post(`/dossiers/${id}/parties`).set(sys.as('social-worker')).send({ partyId: careHome, role: 'care-home' })).status).toBe(201);
    const complete = async (kind: string, outcome: Record<string, unknown>) => {
      const task = await openTaskOf(sys, 'social-worker', id, kind);
      return sys.http.post(`/tasks/${task.id}/complete`).set(sys.as('social-worker')).send(outcome);
    };
    // Competence by the continuity rule (art. 2 §1 Wet 1965): registered in Gent (this OCMW) on admission to the care home.
    const competence = await complete('competence-check', { situation: 'institution', institutionKind: 'care-home', registeredOnAdmission: '44021', competent: true, rule: 'institution' });
    expect([competence.status, competence.body.errors]).toEqual([200, undefined]);
    const inquiry = {
      careHomePartyId: careHome, admittedOn: today, monthlyIncomeCents: 160_000, expectedInvoiceCents: 210_000, savingsCents: 100_000,
      couple: false, property: false, maintenanceDebtors: 'none',
    };
    // An invoice of nothing is no expectation: a 400 naming the field, and the task stays open.
    const zero = await complete('placement-inquiry', { ...inquiry, expectedInvoiceCents: 0 });
    expect([zero.status, zero.body.errors?.map((e: { path: string }) => e.path)]).toEqual([400, ['/expectedInvoiceCents']]);
    expect((await complete('placement-inquiry', inquiry)).status).toBe(200);

    const place = await treatTodayAtExtraordinarySession(sys, id);
    const item = (await sys.db.query(`SELECT proposal FROM agenda_items WHERE id = $1`, [place.itemId])).rows[0];
    // € 2.100,00 − (€ 1.600,00 − the pocket money € 111,44) = € 611,44 (the built-in pocket money, no top-up).
    expect(item.proposal).toMatchObject({ proposal: 'grant', amountCents: 61_144 });
    const decided = await sys.http.post(`/council/meetings/${place.meetingId}/items/${place.itemId}/decision`).set(sys.as('council-secretary'))
      .send({ result: 'granted', amountCents: 61_144, motivation: 'Onvoldoende inkomen voor de verblijfskosten.' });
    expect(decided.status).toBe(200);
    expect((await complete('decision-notification', { mode: 'against-receipt', date: today })).status).toBe(200);

    // The commitment to the care home, with the resident's name filled in by the activity (never in the workflow).
    const commitment = await eventually(async () => (await sys.db.query(`SELECT document FROM notices WHERE dossier_id = $1 AND key = 'placement-commitment'`, [id])).rows[0]);
    expect(commitment.document.fields).toMatchObject({ Bewoner: 'Germaine Bewoner', 'Geschat bedrag per maand': '€ 611,44' });
    await eventually(async () => ((await sys.http.get(`/dossiers/${id}`).set(sys.as('social-worker'))).body.status === 'PLACEMENT_RUNNING' ? true : undefined));

    // A month that does not exist: a 400 that stores nothing.
    const invoice = (data: Record<string, unknown>) => sys.http.post(`/dossiers/${id}/events`).set(sys.as('social-worker')).send({ type: 'care-home-invoice', occurredOn: today, data });
    const bad = await invoice({ month: `${today.slice(0, 4)}-13`, amountCents: 210_000, invoiceReference: 'F-1' });
    expect([bad.status, bad.body.errors?.[0]?.path]).toEqual([400, '/data/month']);
    expect((await sys.db.query(`SELECT count(*)::int AS n FROM external_events WHERE dossier_id = $1`, [id])).rows[0].n).toBe(0);
    expect((await invoice({ month, amountCents: 210_000, invoiceReference: 'F-2026-0042' })).status).toBe(201);
    const paid = await eventually(async () => (await sys.db.query(`SELECT kind, period, amount_cents, debt_ref, creditor_name, payee_party_id FROM payments WHERE dossier_id = $1`, [id])).rows[0]);
    expect(paid).toEqual({ kind: 'invoice', period: month, amount_cents: 61_144, debt_ref: 'F-2026-0042', creditor_name: 'WZC Zonnewende', payee_party_id: careHome });
    expect((await sys.db.query(`SELECT iban FROM payments WHERE dossier_id = $1`, [id])).rows[0].iban).toBe('BE71096123456769');
    // The same month again (a second invoice): recorded on the timeline, not paid.
    expect((await invoice({ month, amountCents: 212_000, invoiceReference: 'F-2026-0043' })).status).toBe(201);
    await eventually(async () => (await sys.db.query(`SELECT 1 FROM dossier_events WHERE dossier_id = $1 AND type = 'invoice-not-settled'`, [id])).rows[0]);
    expect((await sys.db.query(`SELECT count(*)::int AS n FROM payments WHERE dossier_id = $1`, [id])).rows[0].n).toBe(1);

    // The resident died today: the closure task, then the dossier ends its follow-up (the appeal window still runs).
    expect((await sys.http.post(`/dossiers/${id}/events`).set(sys.as('social-worker')).send({ type: 'placement-ended', occurredOn: today, data: { reason: 'deceased', lastDay: today } })).status).toBe(201);
    expect((await complete('placement-closure', { recovery: 'none', note: 'Geen onroerend goed, geen nalatenschap.' })).status).toBe(200);
    const closed = await eventually(async () => (await sys.db.query(`SELECT description FROM dossier_events WHERE dossier_id = $1 AND type = 'placement-closed'`, [id])).rows[0]);
    expect(closed.description).toContain('1 maand(en) afgerekend, het OCMW betaalde € 611,44; geen terugvordering');
    const view = (await sys.http.get(`/dossiers/${id}`).set(sys.as('social-worker'))).body;
    expect([view.status, view.closedAt === null]).toEqual(['PLACEMENT_CLOSED', false]);
  });

  it('the maintenance debtor (art. 98 §2): a private person as a party, the letter naming the resident, the task naming the debtor, the BCSD, the communication booked from the bank statement', async () => {
    const person = await sys.http.post('/persons').set(sys.as('social-worker')).send({
      nationalNumber: VALID_NATIONAL_NUMBERS[1], firstName: 'Rosa', lastName: 'Bewoonster', iban: VALID_IBANS[1],
      address: { street: 'Zorgstraat 2', postalCode: '9000', city: 'Gent' },
    });
    const dossier = await sys.http.post('/dossiers').set(sys.as('social-worker')).send({ procedure: 'placement-costs', personId: person.body.id, requestDate: today });
    const id = dossier.body.id as string;
    const reference = dossier.body.reference as string;
    const careHome = (await sys.http.post('/parties').set(sys.as('social-worker')).send({
      name: 'WZC De Linde', kind: 'care-home', iban: 'BE71 0961 2345 6769', address: { street: 'Lindelaan 4', postalCode: '9000', city: 'Gent' },
    })).body.id as string;
    const son = await sys.http.post('/parties').set(sys.as('social-worker')).send({ name: 'Karel Bewoonster', kind: 'private-person', address: { street: 'Kerkstraat 5', postalCode: '9050', city: 'Gentbrugge' } });
    expect(son.status).toBe(201);
    // A role the code does not know is a 400; the son links as a maintenance debtor.
    const wrong = await sys.http.post(`/dossiers/${id}/parties`).set(sys.as('social-worker')).send({ partyId: son.body.id, role: 'son' });
    expect(wrong.status).toBe(400);
    expect((await sys.http.post(`/dossiers/${id}/parties`).set(sys.as('social-worker')).send({ partyId: careHome, role: 'care-home' })).status).toBe(201);
    expect((await sys.http.post(`/dossiers/${id}/parties`).set(sys.as('social-worker')).send({ partyId: son.body.id, role: 'maintenance-debtor' })).status).toBe(201);
    const complete = async (kind: string, outcome: Record<string, unknown>) => {
      const task = await openTaskOf(sys, 'social-worker', id, kind);
      return sys.http.post(`/tasks/${task.id}/complete`).set(sys.as('social-worker')).send(outcome);
    };
    expect((await complete('competence-check', { situation: 'institution', institutionKind: 'care-home', registeredOnAdmission: '44021', competent: true, rule: 'institution' })).status).toBe(200);
    expect((await complete('placement-inquiry', {
      careHomePartyId: careHome, admittedOn: today, monthlyIncomeCents: 160_000, expectedInvoiceCents: 210_000, savingsCents: 100_000,
      couple: false, property: false, maintenanceDebtors: 'examine',
    })).status).toBe(200);
    const place = await treatTodayAtExtraordinarySession(sys, id);
    expect((await sys.http.post(`/council/meetings/${place.meetingId}/items/${place.itemId}/decision`).set(sys.as('council-secretary'))
      .send({ result: 'granted', amountCents: 61_144, motivation: 'Onvoldoende inkomen.' })).status).toBe(200);
    expect((await complete('decision-notification', { mode: 'against-receipt', date: today })).status).toBe(200);

    expect((await complete('maintenance-debtors', { note: 'Eén zoon.' })).status).toBe(200);
    // The letter to the son names the resident (filled by the activity); the workflow only knew the party's id.
    const request = await eventually(async () => (await sys.db.query(`SELECT document FROM notices WHERE dossier_id = $1 AND key = 'maintenance-request-1'`, [id])).rows[0]);
    expect(request.document.fields).toMatchObject({ Bewoner: 'Rosa Bewoonster' });
    expect(request.document.recipient).toBe('Karel Bewoonster\nKerkstraat 5\n9050 Gentbrugge');
    // The inbox names the debtor the task is about.
    const task = await openTaskOf(sys, 'social-worker', id, 'maintenance-debtor-assessment');
    const row = (await sys.db.query(`SELECT title FROM tasks WHERE id = $1`, [task.id])).rows[0];
    expect(row.title).toBe('Aanslagbiljet van een onderhoudsplichtige verwerken: Karel Bewoonster');
    // An assessment without its income is a 400 that leaves the task open; then (€ 40.000 − € 28.000 − € 4.000) × 15 % = € 100 a month.
    const incomplete = await complete('maintenance-debtor-assessment', { answer: 'assessed', note: 'Aanslagbiljet ontvangen.' });
    expect(incomplete.status).toBe(400);
    expect((await complete('maintenance-debtor-assessment', { answer: 'assessed', incomeYear: Number(today.slice(0, 4)) - 1, netTaxableIncomeCents: 4_000_000, dependants: 1, note: 'Aanslagbiljet ontvangen.' })).status).toBe(200);
    const item = await eventually(async () => {
      const rows = (await sys.db.query(`SELECT id, proposal FROM agenda_items WHERE dossier_id = $1 AND key LIKE 'maintenance-1:%'`, [id])).rows;
      return rows[0];
    });
    expect(item.proposal).toMatchObject({ proposal: 'recover', amountCents: 10_000 });
    expect(JSON.stringify(item.proposal)).not.toContain('Karel');
    const debtorPlace = await treatTodayAtExtraordinarySession(sys, id);
    expect(debtorPlace.itemId).toBe(item.id);
    expect((await sys.http.post(`/council/meetings/${debtorPlace.meetingId}/items/${debtorPlace.itemId}/decision`).set(sys.as('council-secretary'))
      .send({ result: 'granted', amountCents: 10_000, motivation: 'Bijdrage volgens de schaal.' })).status).toBe(200);
    const decision = await eventually(async () => (await sys.db.query(`SELECT document FROM notices WHERE dossier_id = $1 AND key = 'maintenance-decision-1'`, [id])).rows[0]);
    expect(decision.document.fields).toMatchObject({ 'Bijdrage per maand': '€ 100,00', 'Gestructureerde mededeling': planOgm(reference, 1), Rekening: 'BE48 0011 2345 6727' });
    await eventually(async () => ((await sys.http.get(`/dossiers/${id}`).set(sys.as('social-worker'))).body.status === 'PLACEMENT_RUNNING' ? true : undefined));

    // The son pays with his communication: the bank statement's import books it in the dossier.
    const statement = camt053('BE48001123456727', today, [{ amount: '100.00', bankReference: 'BANK-PK-1', direction: 'CRDT', structured: planOgm(reference, 1).replace(/\D/g, '') }]);
    const imported = await sys.http.post('/bank-statements').set(sys.as('finance')).attach('file', Buffer.from(statement, 'utf8'), { filename: 'camt053.xml', contentType: 'application/xml' });
    expect(imported.status).toBe(201);
    expect(imported.body).toMatchObject({ recorded: 1, items: [{ dossierId: id, reference, amountCents: 10_000 }] });
    const received = await eventually(async () => (await sys.db.query(`SELECT description FROM dossier_events WHERE dossier_id = $1 AND type = 'maintenance-contribution-received'`, [id])).rows[0]);
    expect(received.description).toContain('Bijdrage van onderhoudsplichtige 1: € 100,00 ontvangen');
  });
});

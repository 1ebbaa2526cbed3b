import { addDays } from '../../libs/deadlines/calendar-date';
import { planOgm } from '../../libs/payments/ogm';
import { todayInBrussels, VALID_IBANS, VALID_NATIONAL_NUMBERS } from '../support/factories';
import { treatTodayAtExtraordinarySession } from '../support/council';
import { camt053 } from '../support/camt053';
import { startTestSystem, TestSystem } from '../support/system';
import { openTaskOf } from '../support/task-flow';
import { eventually } from '../support/temporal';

/**
 * The rent guarantee through the API, the workflow and the database (issue 15, domain §6): a request, the landlord
 * and the bank parties of the dossier, the inquiry, the BCSD's grant at an extraordinary session today, the letter,
 * the deposit ordered to the bank on the blocked account, the repayment plan's letter with its communication, an
 * instalment recorded as an event (a bad communication is a 400 that changes nothing), the release closing the file.
 */
describe('the rent guarantee (e2e)', () => {
  let sys: TestSystem;
  const today = todayInBrussels();
  beforeAll(async () => {
    sys = await startTestSystem();
    await sys.loginAll(['social-worker', 'council-secretary', 'finance']);
  });
  afterAll(async () => sys?.close());

  it('runs from the request to the deposit on the blocked account, the plan, an instalment and the release', async () => {
    const procedures = await sys.http.get('/procedures').set(sys.as('social-worker'));
    expect(procedures.body.items.find((p: { name: string }) => p.name === 'rent-guarantee')).toMatchObject({ title: 'Huurwaarborg', opensBy: 'request' });
    const person = await sys.http.post('/persons').set(sys.as('social-worker')).send({
      nationalNumber: VALID_NATIONAL_NUMBERS[1], firstName: 'Lotte', lastName: 'Huurder', iban: VALID_IBANS[1],
      address: { street: 'Sint-Pietersnieuwstraat 8', postalCode: '9000', city: 'Gent' },
    });
    expect(person.status).toBe(201);
    const dossier = await sys.http.post('/dossiers').set(sys.as('social-worker')).send({ procedure: 'rent-guarantee', personId: person.body.id, requestDate: today });
    expect(dossier.status).toBe(201);
    const id = dossier.body.id as string;
    const reference = dossier.body.reference as string;
    expect(reference).toMatch(/^HW-\d{4}-\d{6}$/);
    const link = async (name: string, kind: string) => {
      const party = await sys.http.post('/parties').set(sys.as('social-worker')).send({ name, kind, address: { street: 'Veldstraat 1', postalCode: '9000', city: 'Gent' } });
      expect(party.status).toBe(201);
      expect((await sys.http.post(`/dossiers/${id}/parties`).set(sys.as('social-worker')).send({ partyId: party.body.id, role: kind })).status).toBe(201);
      return party.body.id as string;
    };
    const landlord = await link('Immo Kouter BV', 'landlord');
    const bank = await link('Bank Gent NV', 'bank');
    const complete = async (kind: string, outcome: Record<string, unknown>) => {
      const task = await openTaskOf(sys, 'social-worker', id, kind);
      return sys.http.post(`/tasks/${task.id}/complete`).set(sys.as('social-worker')).send(outcome);
    };
    expect((await complete('competence-check', { competent: true, rule: 'usual-residence', situation: 'usual-residence', usualResidence: '44021' })).status).toBe(200);
    const inquiry = {
      leaseSignedOn: today, monthlyRentCents: 65_000, guaranteeCents: 130_000, form: 'blocked-account', landlordPartyId: landlord, bankPartyId: bank,
      blockedAccountIban: 'BE71 0961 2345 6769', rentAffordable: true, homeDeclaredUnfit: false, monthlyRepaymentCents: 50_000, firstRepaymentOn: addDays(today, 30),
    };
    // Above three months' rent is no 400 (the proposal refuses it); a deposit without its account is.
    const noAccount = await complete('guarantee-inquiry', { ...inquiry, blockedAccountIban: undefined });
    expect([noAccount.status, noAccount.body.errors?.map((e: { path: string }) => e.path)]).toEqual([400, ['/blockedAccountIban']]);
    expect((await complete('guarantee-inquiry', inquiry)).status).toBe(200);

    const place = await treatTodayAtExtraordinarySession(sys, id);
    const item = (await sys.db.query(`SELECT proposal FROM agenda_items WHERE id = $1`, [place.itemId])).rows[0];
    expect(item.proposal).toMatchObject({ proposal: 'grant', amountCents: 130_000 });
    const decided = await sys.http.post(`/council/meetings/${place.meetingId}/items/${place.itemId}/decision`).set(sys.as('council-secretary'))
      .send({ result: 'granted', amountCents: 130_000, motivation: 'Huurwaarborg nodig om de woning te huren.' });
    expect(decided.status).toBe(200);
    expect((await complete('decision-notification', { mode: 'against-receipt', date: today })).status).toBe(200);

    // The deposit: to the bank, on the blocked account (not the bank's own), once.
    const deposit = await eventually(async () => (await sys.db.query(`SELECT kind, period, amount_cents, iban, creditor_name, payee_party_id FROM payments WHERE dossier_id = $1`, [id])).rows[0]);
    expect(deposit).toEqual({ kind: 'guarantee', period: 'once:rent-guarantee', amount_cents: 130_000, iban: 'BE71096123456769', creditor_name: 'Bank Gent NV', payee_party_id: bank });
    // The plan's letter to the client: the instalments and the dossier's communication for plan 1.
    const plan = await eventually(async () => (await sys.db.query(`SELECT document FROM notices WHERE dossier_id = $1 AND key = 'repayment-plan-1'`, [id])).rows[0]);
    expect(plan.document.fields).toMatchObject({ 'Terug te betalen': '€ 1.300,00', 'Gestructureerde mededeling': planOgm(reference, 1) });
    await eventually(async () => ((await sys.http.get(`/dossiers/${id}`).set(sys.as('social-worker'))).body.status === 'REPAYING' ? true : undefined));

    // A communication that is no structured one would book the money on no plan: a 400 that records nothing.
    const paid = { type: 'guarantee-instalment-paid', occurredOn: today, data: { amountCents: 50_000, communication: planOgm(reference, 1) } };
    const typo = await sys.http.post(`/dossiers/${id}/events`).set(sys.as('social-worker')).send({ ...paid, data: { ...paid.data, communication: '+++126/0000/01100+++' } });
    expect([typo.status, typo.body.errors]).toEqual([400, [expect.objectContaining({ path: '/data/communication', code: 'not-ogm' })]]);
    expect((await sys.db.query(`SELECT count(*)::int AS n FROM external_events WHERE dossier_id = $1`, [id])).rows[0].n).toBe(0);
    expect((await sys.http.post(`/dossiers/${id}/events`).set(sys.as('social-worker')).send(paid)).status).toBe(201);
    const booked = await eventually(async () => (await sys.db.query(`SELECT description FROM dossier_events WHERE dossier_id = $1 AND type = 'instalment-paid'`, [id])).rows[0]);
    expect(booked.description).toContain('nog terug te betalen: € 800,00');

    // The OCMW's bank statement (camt.053): the instalment paid with the plan's communication reaches the dossier by
    // itself; a valid communication of someone else, none at all, and money out are listed or counted, not booked.
    const digits = planOgm(reference, 1).replace(/\D/g, '');
    const camt = (iban: string) => camt053(iban, today, [
      { amount: '300.00', bankReference: 'BANK-1', direction: 'CRDT', structured: digits }, { amount: '12.00', bankReference: 'BANK-2', direction: 'CRDT', structured: '900000000116' },
      { amount: '20.00', bankReference: 'BANK-3', direction: 'CRDT' }, { amount: '99.00', bankReference: 'BANK-4', direction: 'DBIT' },
    ]);
    const upload = (xml: string, as = 'finance') =>
      sys.http.post('/bank-statements').set(sys.as(as)).attach('file', Buffer.from(xml, 'utf8'), { filename: 'camt053.xml', contentType: 'application/xml' });
    // Not finance: 403; another account: 400; not a statement: 400 — nothing recorded.
    expect((await upload(camt('BE48001123456727'), 'social-worker')).status).toBe(403);
    const other = await upload(camt('BE68539007547034'));
    expect([other.status, other.body.errors?.[0]?.code]).toEqual([400, 'other-account']);
    const junk = await upload('datum;bedrag\n1;2');
    expect([junk.status, junk.body.errors?.[0]?.code]).toEqual([400, 'not-a-statement']);
    const imported = await upload(camt('BE48001123456727'));
    expect(imported.status).toBe(201);
    expect(imported.body).toMatchObject({ movements: 4, incoming: 3, recorded: 1, duplicates: 0, items: [{ index: 1, dossierId: id, reference, amountCents: 30_000, duplicate: false }] });
    expect(imported.body.unmatched.map((u: { index: number; reason: string }) => [u.index, u.reason])).toEqual([[2, 'not-a-plan'], [3, 'no-communication']]);
    await eventually(async () => ((await sys.db.query(`SELECT description FROM dossier_events WHERE dossier_id = $1 AND type = 'instalment-paid' AND description LIKE '%€ 500,00%'`, [id])).rows[0]));
    // The same statement again adds nothing.
    expect((await upload(camt('BE48001123456727'))).body).toMatchObject({ recorded: 0, duplicates: 1 });
    expect((await sys.db.query(`SELECT count(*)::int AS n FROM external_events WHERE dossier_id = $1 AND type = 'guarantee-instalment-paid'`, [id])).rows[0].n).toBe(2);

    // The release by written agreement: the bank returns € 1.300,00, € 500,00 set off, € 800,00 paid on to the client.
    const released = await sys.http.post(`/dossiers/${id}/events`).set(sys.as('social-worker')).send({ type: 'guarantee-released', occurredOn: today, data: { basis: 'written-agreement', returnedToOcmwCents: 130_000 } });
    expect(released.status).toBe(201);
    const surplus = await eventually(async () => (await sys.db.query(`SELECT amount_cents, payee_party_id FROM payments WHERE dossier_id = $1 AND kind = 'one-off'`, [id])).rows[0]);
    expect(surplus).toEqual({ amount_cents: 80_000, payee_party_id: null });
    await eventually(async () => ((await sys.http.get(`/dossiers/${id}`).set(sys.as('social-worker'))).body.status === 'GUARANTEE_RELEASED' ? true : undefined));
  });
});

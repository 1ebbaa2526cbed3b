import { addDays } from '../../libs/deadlines/calendar-date';
import { isoWeekOf, monthlyDueDay, periodOf, weeklyPaymentDay } from '../../libs/payments/schedule';
import { treatTodayAtExtraordinarySession } from '../support/council';
import { outcomes, todayInBrussels, VALID_IBANS, VALID_NATIONAL_NUMBERS } from '../support/factories';
import { pain001SchemaErrors } from '../support/pain001';
import { startTestSystem, TestSystem } from '../support/system';
import { openTaskOf } from '../support/task-flow';
import { eventually, uniqueTaskQueue } from '../support/temporal';

const address = { street: 'Veldstraat 9', postalCode: '9000', city: 'Gent' };
const ACCOUNT = { name: 'OCMW Demo budgetbeheer', iban: 'BE71096123456769', bic: 'GKCCBEBB' };
const between = (xml: string, tag: string) => [...xml.matchAll(new RegExp(`<${tag}[^>]*>([^<]*)</${tag}>`, 'g'))].map((m) => m[1]);

/**
 * A debt mediation trajectory through HTTP (issue 12), as the people do it: the social worker takes the request, the
 * inventory and the report; the council secretary records the BCSD's grant of budget management; the social worker
 * has the agreement signed (every creditor gets its letters) and saves the budget plan; the worker process is killed
 * while the plan's first payments are being ordered, and after the restart each payment is there once — none lost,
 * none twice; finance batches them into a pain.001 file with the client's budget-management account as the debtor.
 */
describe('debt mediation trajectory (e2e)', () => {
  let sys: TestSystem;
  const as = (user: string) => sys.as(user);

  beforeAll(async () => {
    sys = await startTestSystem({ TEMPORAL_TASK_QUEUE: uniqueTaskQueue('e2e-debt-trajectory') });
    await sys.loginAll(['social-worker', 'council-secretary', 'finance']);
  });
  afterAll(async () => {
    await sys?.close();
  });

  it('walks intake, the BCSD grant, the signed agreement with its creditor letters and the budget plan; a kill during the payments loses none and doubles none; finance batches them from the budget account', async () => {
    const today = todayInBrussels();
    const person = await sys.http.post('/persons').set(as('social-worker')).send({
      nationalNumber: VALID_NATIONAL_NUMBERS[2], firstName: 'Sam', lastName: 'Schuldenaar', address, iban: VALID_IBANS[0],
    });
    expect(person.status).toBe(201);
    const dossier = await sys.http.post('/dossiers').set(as('social-worker')).send({ procedure: 'debt-mediation', personId: person.body.id, requestDate: addDays(today, -3) });
    expect(dossier.status).toBe(201);
    const id = dossier.body.id as string;
    const reference = dossier.body.reference as string;

    // The inventory: the landlord (rent) and two creditors, one with a bailiff-free debt each.
    const party = async (name: string, kind: string, iban: string) => {
      const res = await sys.http.post('/parties').set(as('social-worker')).send({ name, kind, address, iban });
      expect(res.status).toBe(201);
      expect((await sys.http.post(`/dossiers/${id}/parties`).set(as('social-worker')).send({ partyId: res.body.id, role: kind })).status).toBe(201);
      return res.body.id as string;
    };
    const landlord = await party('Woonhaven Gent', 'landlord', 'BE80063123456177');
    const telecom = await party('Telecom NV', 'creditor', 'BE07363001234566');
    const energy = await party('Energie Vlaanderen', 'creditor', 'BE76068200011195');
    const debt = async (creditorPartyId: string, creditorReference: string, cents: number) => {
      const res = await sys.http.post(`/dossiers/${id}/debts`).set(as('social-worker')).send({ creditorPartyId, creditorReference, originalCents: cents, outstandingCents: cents });
      expect(res.status).toBe(201);
      return res.body.id as string;
    };
    const telecomDebt = await debt(telecom, 'TEL-2025-881', 84_000);
    const energyDebt = await debt(energy, 'EN-77102', 132_500);

    const complete = async (kind: string, outcome: Record<string, unknown>) =>
      sys.http.post(`/tasks/${(await openTaskOf(sys, 'social-worker', id, kind)).id}/complete`).set(as('social-worker')).send(outcome);
    expect((await complete('competence-check', outcomes.competent)).status).toBe(200);
    expect((await complete('debt-inquiry', { totalDebtsCents: 216_500, creditorCount: 2, monthlyIncomeCents: 165_000, priorityDebts: true, hearingRequested: false })).status).toBe(200);
    expect((await complete('debt-report', { proposal: 'grant', guidanceType: 'budget-management', durationMonths: 24, motivation: 'Budgetbeheer nodig.' })).status).toBe(200);
    const place = await treatTodayAtExtraordinarySession(sys, id);
    const granted = await sys.http.post(`/council/meetings/${place.meetingId}/items/${place.itemId}/decision`).set(as('council-secretary'))
      .send({ result: 'granted', guidanceType: 'budget-management', durationMonths: 24, motivation: 'Budgetbeheer voor 24 maanden.' });
    expect(granted.status).toBe(200);
    expect((await complete('decision-notification', { mode: 'against-receipt', date: today })).status).toBe(200);

    // The trajectory: the agreement to sign, then letters to every creditor of the inventory.
    await eventually(async () => ((await sys.http.get(`/dossiers/${id}`).set(as('social-worker'))).body.status === 'AGREEMENT_PENDING' ? true : undefined));
    // The heating allowance attestation (category 3) needs a running trajectory: refused before the signature.
    const attest = (body: Record<string, unknown>) => sys.http.post(`/dossiers/${id}/heating-allowance-attestation`).set(as('social-worker')).send(body);
    const certificates = async () => (await sys.db.query(`SELECT kind, content_type, file_name FROM documents WHERE dossier_id = $1 AND kind = 'certificate'`, [id])).rows;
    const early = await attest({ invoiceUnpaid: true });
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({ statusCode: 409, message: expect.stringContaining('running trajectory') });
    expect((await complete('trajectory-agreement', { signed: true, signedOn: today, note: 'Ondertekend op de sociale dienst.' })).status).toBe(200);
    const letters = await eventually(async () => {
      const res = await sys.http.get(`/dossiers/${id}/creditor-correspondence`).set(as('social-worker'));
      return res.status === 200 && res.body.items?.length === 4 ? res.body.items : undefined;
    });
    expect(letters.map((l: { template: string; party: { id: string } }) => `${l.template}:${l.party.id}`).sort()).toEqual(
      [telecom, energy].flatMap((p) => [`creditor-collection-suspension:${p}`, `creditor-statement-request:${p}`]).sort(),
    );
    expect((await sys.http.get(`/dossiers/${id}`).set(as('social-worker'))).body.status).toBe('TRAJECTORY_ACTIVE');
    const bad = await attest({ invoiceUnpaid: 'ja' });
    expect(bad.status).toBe(400);
    expect(await certificates()).toEqual([]);
    const attested = await attest({ invoiceUnpaid: true });
    expect(attested.status).toBe(201);
    expect(await certificates()).toEqual([{ kind: 'certificate', content_type: 'application/pdf', file_name: `attest-verwarmingstoelage-${reference}-${today}.pdf` }]);
    const timeline = (await sys.db.query(`SELECT description FROM dossier_events WHERE dossier_id = $1 AND type = 'document'`, [id])).rows.map((r: { description: string }) => r.description);
    expect(timeline).toContain('Attest schuldbemiddeling voor de verwarmingstoelage (categorie 3) opgemaakt');
    // The attestation opens a linked heating allowance request, the attestation recorded in it: its inquiry starts in
    // category 3, in debt mediation, with the invoice unpaid. Made again the same day, it opens nothing more.
    const heating = attested.body.heatingAllowance;
    expect(heating).toMatchObject({ reference: expect.stringMatching(/^VT-/), existing: false });
    const links = (await sys.db.query(`SELECT to_dossier_id, link_key FROM dossier_links WHERE from_dossier_id = $1`, [id])).rows;
    expect(links).toEqual([{ to_dossier_id: heating.dossierId, link_key: `heating-allowance:category-3:${today}` }]);
    const recorded = (await sys.db.query(`SELECT type, reference, data FROM external_events WHERE dossier_id = $1`, [heating.dossierId])).rows;
    expect(recorded).toEqual([{ type: 'debt-mediation-attestation', reference: `${reference}:${today}`, data: expect.objectContaining({ category: 3, inDebtMediation: true, invoiceUnpaid: true, since: today }) }]);
    const check = await openTaskOf(sys, 'social-worker', heating.dossierId, 'competence-check');
    expect((await sys.http.post(`/tasks/${check.id}/complete`).set(as('social-worker')).send({ competent: true, rule: 'usual-residence', situation: 'usual-residence', usualResidence: '44021' })).status).toBe(200);
    const heatingInquiry = await openTaskOf(sys, 'social-worker', heating.dossierId, 'heating-inquiry');
    expect((await sys.http.get(`/tasks/${heatingInquiry.id}/prefill`).set(as('social-worker'))).body.values).toEqual({ category: 3, inDebtMediation: true, invoiceUnpaid: true });
    const again = await attest({ invoiceUnpaid: true });
    expect(again.body.heatingAllowance).toEqual(heating);
    expect((await sys.db.query(`SELECT count(*)::int AS n FROM external_events WHERE dossier_id = $1`, [heating.dossierId])).rows[0].n).toBe(1);

    // The budget plan: everything monthly due on today's day of the month, so that a payment run starts at once.
    const dom = Number(today.slice(8, 10));
    const plan = await sys.http.put(`/dossiers/${id}/budget-plan`).set(as('social-worker')).send({
      basedOnVersion: 0, validFrom: today, account: ACCOUNT, leefgeldWeeklyCents: 12_500, reserveMonthlyCents: 0,
      fixedCosts: [{ key: 'rent', partyId: landlord, label: 'Huur', amountCents: 65_000, dueDay: dom }],
      instalments: [
        { debtId: telecomDebt, partyId: telecom, debtRef: 'TEL-2025-881', amountCents: 3_500, dueDay: dom },
        { debtId: energyDebt, partyId: energy, debtRef: 'EN-77102', amountCents: 5_500, dueDay: dom },
      ],
    });
    expect(plan.status).toBe(200);
    // Killed while the workflow orders the plan's first payments (the outbox delivers the plan again after the restart).
    await sys.crashAndRestart();

    // What the plan owes today: this week's living money at once (its payday, Monday by default, is today or passed);
    // the rent and the instalments when today is their working due day — on a weekend or holiday it falls before the
    // start, and they begin next month.
    const week = isoWeekOf(today);
    expect(weeklyPaymentDay(week, 1) <= today).toBe(true);
    const month = periodOf(today);
    const monthlyToday = monthlyDueDay(month, dom) === today;
    const rows = async () => (await sys.db.query(`SELECT payment_key, debtor_iban, amount_cents, due_date::text AS due FROM payments WHERE dossier_id = $1 ORDER BY payment_key`, [id])).rows;
    const keys = async () => (await rows()).map((p: { payment_key: string }) => p.payment_key);
    await eventually(async () => ((await keys()).includes(`leefgeld:client:${week}`) ? true : undefined), 60_000);
    const expected = [`leefgeld:client:${week}`];
    if (monthlyToday) {
      // The account is empty (no statement yet): the rent and the instalments are not ordered, the living money is;
      // the social worker is told.
      const shortfall = await openTaskOf(sys, 'social-worker', id, 'budget-shortfall');
      expect(await keys()).toEqual(expected);
      // The bank statement with the income arrives; the social worker retries — and the worker is killed while the
      // three payments are being ordered.
      const csv = ['Rekening;Datum;Bedrag;Referentie;Rekening tegenpartij;Naam tegenpartij;Mededeling',
        `${ACCOUNT.iban};${today.split('-').reverse().join('/')};1.650,00;B-${id.slice(0, 8)};BE10 0000 0000 0404;RVA;Uitkering`].join('\n');
      const imported = await sys.http.post(`/dossiers/${id}/budget-account/statements`).set(as('social-worker'))
        .attach('file', Buffer.from(csv, 'utf8'), { filename: 'uittreksel.csv', contentType: 'text/csv' });
      expect(imported.status).toBe(201);
      expect(imported.body).toMatchObject({ imported: 1 });
      const retried = await sys.http.post(`/tasks/${shortfall.id}/complete`).set(as('social-worker')).send({ action: 'retry', note: 'Uitkering ontvangen.' });
      expect(retried.status).toBe(200);
      await sys.crashAndRestart();
      expected.push(`invoice:party:${landlord}:${month}:rent`, `instalment:party:${telecom}:${month}:TEL-2025-881`, `instalment:party:${energy}:${month}:EN-77102`);
    }
    await eventually(async () => ((await rows()).length >= expected.length ? true : undefined), 60_000);
    // A little longer: a redelivered plan or a retried order after the kill would show up now.
    await new Promise((r) => setTimeout(r, 2_000));
    const paid = await rows();
    expect(paid.map((p: { payment_key: string }) => p.payment_key)).toEqual(expected.sort());
    expect(paid.every((p: { debtor_iban: string; due: string }) => p.debtor_iban === ACCOUNT.iban && p.due === today)).toBe(true);
    // One timeline entry per plan version, however often the outbox delivered it.
    const planEvents = await sys.db.query(`SELECT count(*)::int AS n FROM dossier_events WHERE dossier_id = $1 AND type = 'budget-plan-changed'`, [id]);
    expect(planEvents.rows[0].n).toBe(1);

    // The screen's preview: what goes out this week.
    const shown = await sys.http.get(`/dossiers/${id}/budget-plan`).set(as('social-worker'));
    expect(shown.status).toBe(200);
    expect(shown.body.plan.version).toBe(1);

    // Finance batches what is due: the budget-management account is the debtor of its own payment information block.
    {
      const batch = await sys.http.post('/payment-batches').set(as('finance')).send({});
      expect(batch.status).toBe(201);
      const file = await sys.http.get(`/payment-batches/${batch.body.id}/sepa.xml`).set(as('finance')).buffer(true).parse((res, done) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => done(null, text));
      });
      expect(file.status).toBe(200);
      const xml = file.body as string;
      expect(await pain001SchemaErrors(xml)).toEqual([]);
      expect(between(xml, 'IBAN')).toContain(ACCOUNT.iban);
      expect(between(xml, 'Nm')).toContain(ACCOUNT.name);
      expect(xml).not.toContain(VALID_NATIONAL_NUMBERS[2]);
    }
  });
});

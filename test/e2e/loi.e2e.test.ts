import { addDays } from '../../libs/deadlines/calendar-date';
import { startTestSystem, TestSystem } from '../support/system';
import { eventually } from '../support/temporal';
import { todayInBrussels } from '../support/factories';

const address = { street: 'Stationsstraat 12', postalCode: '9000', city: 'Gent' };

/**
 * The LOI over HTTP on the real system (PostgreSQL, Temporal): Fedasil's assignment opens the dossier through the
 * intake for an applicant without a national number (only the Fedasil OV number), a child joins the household,
 * the intake task puts the household in a place, the Match-IT arrival declaration waits in Fedasil's outbox and the
 * first week's leefgeld is ordered in cash for the two of them. A LOI dossier cannot be opened as a request.
 */
describe('LOI residency (e2e)', () => {
  let sys: TestSystem;
  const as = (user: string) => sys.as(user);
  const assignedOn = addDays(todayInBrussels(), -1);

  beforeAll(async () => {
    sys = await startTestSystem();
    await sys.loginAll(['social-worker', 'team-lead']);
  });
  afterAll(async () => {
    await sys?.close();
  });

  const intake = (data: Record<string, unknown>, reference = 'FED-2026-0042') => sys.http.post('/intake/events').set(as('social-worker')).send({
    procedure: 'loi', type: 'fedasil-assignment', occurredOn: assignedOn, reference,
    person: { noNationalNumberReason: 'unknown', firstName: 'Amina', lastName: 'Haidari', birthDate: '1991-03-14', address, identifiers: [{ type: 'fedasil-ov', value: 'OV-8123456' }] },
    data,
  });
  const assignment = { fedasilReference: 'FED-2026-0042', code207: true, asylumAppliedOn: addDays(assignedOn, -40), householdSize: 2, languages: 'Dari, Engels' };

  it('is opened by the assignment only: a request is 409, bad assignment data 400 with nothing stored', async () => {
    const person = await sys.http.post('/persons').set(as('social-worker')).send({ noNationalNumberReason: 'unknown', firstName: 'Reza', lastName: 'Verzoek', birthDate: '1985-01-02', address });
    const request = await sys.http.post('/dossiers').set(as('social-worker')).send({ procedure: 'loi', personId: person.body.id });
    expect(request.status).toBe(409);
    expect(request.body.code ?? request.body.details?.code).toBe('opened-by-event');
    const before = (await sys.db.query(`SELECT count(*)::int AS n FROM dossiers`)).rows[0].n;
    const bad = await intake({ ...assignment, householdSize: 0, code207: 'ja' }, 'FED-BAD');
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['/data/code207', '/data/householdSize']);
    expect((await sys.db.query(`SELECT count(*)::int AS n FROM dossiers`)).rows[0].n).toBe(before);
  });

  it('assignment → household → intake: the place occupied, Match-IT waiting, the first week paid in cash', async () => {
    const opened = await intake(assignment);
    expect(opened.status).toBe(201);
    const dossierId = opened.body.dossierId as string;
    const dossier = await eventually(async () => {
      const d = await sys.http.get(`/dossiers/${dossierId}`).set(as('social-worker'));
      return d.body.status === 'ASSIGNED' ? d.body : undefined;
    });
    expect(dossier.reference).toMatch(/^LOI-\d{4}-\d{6}$/);
    expect(dossier.statusLabel).toBe('Toegewezen door Fedasil');

    // The child, without a national number either, joins the household.
    const child = await sys.http.post('/persons').set(as('social-worker')).send({ noNationalNumberReason: 'unknown', firstName: 'Omid', lastName: 'Haidari', birthDate: '2019-06-01', address });
    expect(child.status).toBe(201);
    expect((await sys.http.post(`/dossiers/${dossierId}/persons`).set(as('social-worker')).send({ personId: child.body.id, role: 'child', fromDate: assignedOn })).status).toBe(201);

    // A place of the LOI, as the team lead (the coordinator) adds it: a family unit for four.
    const created = await sys.http.post('/loi/places').set(as('team-lead')).send({ code: 'LOI-03', address: 'Kerkstraat 4, 9000 Gent', capacity: 4, target: 'family', openedOn: '2024-01-01' });
    expect(created.status).toBe(201);
    const place = created.body;
    const task = await eventually(async () => {
      const tasks = await sys.http.get('/tasks').set(as('social-worker'));
      return tasks.body.items.find((t: { dossierId: string; kind: string }) => t.dossierId === dossierId && t.kind === 'loi-intake');
    });
    const refused = await sys.http.post(`/tasks/${task.id}/complete`).set(as('social-worker')).send({ arrivalDate: assignedOn, placeId: place.id, houseRulesHandedOver: false });
    expect(refused.status).toBe(400);
    const done = await sys.http.post(`/tasks/${task.id}/complete`).set(as('social-worker')).send({
      arrivalDate: assignedOn, placeId: place.id, houseRulesHandedOver: true, brochureHandedOver: true, waitingRegisterOn: assignedOn, selfCatering: true, leefgeldMethod: 'cash',
    });
    expect(done.status).toBe(200);

    await eventually(async () => (await sys.db.query(`SELECT 1 FROM loi_place_periods WHERE dossier_id = $1`, [dossierId])).rows[0]);
    expect((await sys.db.query(`SELECT state, from_date, to_date, persons FROM loi_place_periods WHERE dossier_id = $1`, [dossierId])).rows).toEqual([
      { state: 'occupied', from_date: assignedOn, to_date: null, persons: 2 },
    ]);
    const message = await eventually(async () => (await sys.db.query(`SELECT partner, kind, exported_at FROM partner_messages WHERE dossier_id = $1 AND kind = 'match-it-arrival'`, [dossierId])).rows[0]);
    expect(message).toMatchObject({ partner: 'fedasil', exported_at: null }); // waiting in Fedasil's export
    const clock = await eventually(async () => (await sys.db.query(`SELECT rule_id, due_date::text AS due_date FROM deadlines WHERE dossier_id = $1 AND key = 'match-it-arrival'`, [dossierId])).rows[0]);
    expect(clock.rule_id).toBe('LOI-3-ARRIVAL');
    const payment = await eventually(async () => (await sys.db.query(`SELECT kind, method, amount_cents FROM payments WHERE dossier_id = $1`, [dossierId])).rows[0]);
    // The applicant and the child (under 12), self-catering, by the default scale: € 60,00 + € 35,00.
    expect(payment).toEqual({ kind: 'leefgeld', method: 'cash', amount_cents: 9_500 });
    const after = await sys.http.get(`/dossiers/${dossierId}`).set(as('social-worker'));
    expect(after.body.status).toBe('RESIDING');

    // The coordinator's view of the households: the child in it, the place, Match-IT waiting, LOI-1 with its clock's day.
    const evaluationTask = await eventually(async () => (await sys.db.query(`SELECT due_date::text AS due_date FROM tasks WHERE dossier_id = $1 AND kind = 'loi-evaluation'`, [dossierId])).rows[0]);
    const arrivalClock = (await sys.db.query(`SELECT due_at FROM deadlines WHERE dossier_id = $1 AND key = 'match-it-arrival'`, [dossierId])).rows[0];
    const residents = await sys.http.get('/loi/residents').set(as('social-worker'));
    expect(residents.status).toBe(200);
    const household = residents.body.items.find((r: { dossierId: string }) => r.dossierId === dossierId);
    expect(household).toMatchObject({ reference: dossier.reference, status: 'RESIDING', statusLabel: 'Verblijft in het LOI', assignedOn, applicant: { firstName: 'Amina', lastName: 'Haidari', birthDate: '1991-03-14' } });
    expect(household.household).toEqual([{ firstName: 'Omid', lastName: 'Haidari', birthDate: '2019-06-01', role: 'child' }]);
    expect(household.place).toEqual({ id: place.id, code: 'LOI-03', since: assignedOn });
    expect(household.declarations).toEqual([expect.objectContaining({ kind: 'arrival', day: assignedOn, dueAt: new Date(arrivalClock.due_at).toISOString() })]);
    expect(household.evaluation).toMatchObject({ n: 1, dueDate: evaluationTask.due_date, overdue: false });
    expect(evaluationTask.due_date > assignedOn).toBe(true);
    expect((await sys.http.get('/loi/residents?team=elders').set(as('social-worker'))).status).toBe(404);
    expect((await sys.http.get('/loi/residents?x=1').set(as('social-worker'))).status).toBe(400);
  });

  it('places: the coordinator adds them and marks periods; bad input 400, a social worker 403; occupancy and form I of a past month agree', async () => {
    const add = (body: Record<string, unknown>, user = 'team-lead') => sys.http.post('/loi/places').set(as(user)).send(body);
    const unit = { code: 'LOI-07', address: 'Molenstraat 9, 9000 Gent', unit: 'gelijkvloers', capacity: 4, target: 'family', adaptedForVulnerable: true, openedOn: '2025-01-01' };
    expect((await add(unit, 'social-worker')).status).toBe(403);
    const bad = await add({ ...unit, capacity: 0, target: 'kot' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['/capacity', '/target']);
    const created = await add(unit);
    expect(created.status).toBe(201);
    expect((await add(unit)).status).toBe(409);
    const id = created.body.id;
    const period = (body: Record<string, unknown>) => sys.http.post(`/loi/places/${id}/periods`).set(as('team-lead')).send(body);
    expect((await period({ state: 'suspended', from: '2025-02-12', to: '2025-02-10', reason: 'Herstelling' })).status).toBe(400);
    expect((await sys.http.post('/loi/places/00000000-0000-4000-8000-000000000404/periods').set(as('team-lead')).send({ state: 'suspended', from: '2025-02-10', reason: 'x' })).status).toBe(404);
    expect((await period({ state: 'suspended', from: '2025-02-10', to: '2025-02-12', reason: 'Vertrekmelding te laat' })).status).toBe(201);
    expect((await period({ state: 'out-of-use', from: '2025-02-20', to: '2025-02-21', reason: 'Herstelling' })).status).toBe(201);

    const places = await sys.http.get('/loi/places?month=2025-02').set(as('social-worker'));
    expect(places.status).toBe(200);
    const mine = places.body.items.find((p: { id: string }) => p.id === id);
    // 4 places × 28 days: suspended 3 days, out of use 2 days, free the rest.
    expect(mine.placeDays).toEqual({ occupied: 0, free: 4 * 23, suspended: 12, 'out-of-use': 8 });
    expect(mine.perDay.find((d: { day: string }) => d.day === '2025-02-11')).toEqual({ day: '2025-02-11', occupied: 0, free: 0, suspended: 4, 'out-of-use': 0 });
    expect((await sys.http.get('/loi/places?month=2025-13').set(as('social-worker'))).status).toBe(400);

    // Form I of February 2025 for the team: LOI-03 opened in 2024 (free all month: 4 × 28) and LOI-07; default rates ([U]).
    const claim = await sys.http.get('/loi/claims/2025-02').set(as('team-lead'));
    expect(claim.status).toBe(200);
    expect(claim.body.lines).toEqual([
      { state: 'occupied', placeDays: 0, rateCents: 4_000, amountCents: 0 },
      { state: 'free', placeDays: 112 + 92, rateCents: 1_600, amountCents: 204 * 1_600 },
      { state: 'suspended', placeDays: 12, rateCents: 0, amountCents: 0 },
    ]);
    expect(claim.body).toMatchObject({ totalCents: 326_400, total: '€ 3.264,00', outOfUseDays: 8 });
    const csv = await sys.http.get('/loi/claims/2025-02?format=csv').set(as('team-lead')).buffer(true);
    expect(csv.headers['content-disposition']).toBe('attachment; filename="loi-formulier-i-2025-02-demo.csv"');
    expect(csv.text.replace(/^\uFEFF/, '').split('\r\n').slice(0, 3)).toEqual(['Toestand;Plaatsdagen;Dagprijs;Bedrag', 'Bezet;0;€ 40,00;€ 0,00', 'Vrij;204;€ 16,00;€ 3.264,00']);
    expect((await sys.http.get('/loi/claims/2025-2').set(as('team-lead'))).status).toBe(400);

    // LOI-7: closed with six months' notice, the place counts up to its last day and never after.
    const close = (body: Record<string, unknown>) => sys.http.post(`/loi/places/${id}/closure`).set(as('team-lead')).send(body);
    expect((await close({ noticeOn: '2099-01-01' })).status).toBe(400);
    expect((await close({ noticeOn: '2000-01-01' })).status).toBe(400); // before the rule (and the place)
    const closing = await close({ noticeOn: '2025-02-15' });
    expect(closing.status).toBe(201);
    expect(closing.body).toMatchObject({ noticeOn: '2025-02-15', closesOn: '2025-08-15', ruleId: 'LOI-7' });
    expect((await close({ noticeOn: '2025-03-01' })).status).toBe(409);
    const august = await sys.http.get('/loi/places?month=2025-08').set(as('team-lead'));
    expect(august.body.items.find((p: { id: string }) => p.id === id).placeDays).toEqual({ occupied: 0, free: 4 * 15, suspended: 0, 'out-of-use': 0 });

    // The closure's clock (a workflow of the OCMW, started through the outbox): LOI-7 without a dossier, the place as
    // its subject; nobody is housed after the last day, so it is met on it.
    const clock = await eventually(async () => {
      const [row] = (await sys.db.query(
        `SELECT dossier_id, subject, rule_id, due_date::text AS due_date, status, met_date::text AS met_date FROM deadlines WHERE key = $1`, [`loi-place-closure:${unit.code}`],
      )).rows;
      return row?.status === 'met' ? row : undefined;
    });
    expect(clock).toEqual({ dossier_id: null, subject: `Opvangplaats ${unit.code}`, rule_id: 'LOI-7', due_date: '2025-08-15', status: 'met', met_date: '2025-08-15' });
    // The notice to Fedasil, as a PDF the coordinator signs (a social worker of the team reads it too).
    const letter = await sys.http.get(`/loi/places/${id}/closure/letter`).set(as('social-worker')).buffer(true).parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    expect(letter.status).toBe(200);
    expect(letter.headers['content-type']).toBe('application/pdf');
    expect((letter.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
    const other = await sys.http.post('/loi/places').set(as('team-lead')).send({ ...unit, code: `${unit.code}-B` });
    expect((await sys.http.get(`/loi/places/${other.body.id}/closure/letter`).set(as('team-lead'))).status).toBe(404);
  });

  it("a sanction is the coordinator's to record (a social worker 403, GET /procedures says so); bad input 400 with nothing stored; recorded, its letter is issued", async () => {
    const opened = await sys.http.post('/intake/events').set(as('social-worker')).send({
      procedure: 'loi', type: 'fedasil-assignment', occurredOn: assignedOn, reference: 'FED-2026-0077', data: { ...assignment, fedasilReference: 'FED-2026-0077', householdSize: 1 },
      person: { noNationalNumberReason: 'unknown', firstName: 'Karim', lastName: 'Sanctie', birthDate: '1995-07-01', address, identifiers: [{ type: 'fedasil-ov', value: 'OV-8123999' }] },
    });
    expect(opened.status).toBe(201);
    const dossierId: string = opened.body.dossierId;
    const procedures = await sys.http.get('/procedures').set(as('social-worker'));
    const loi = procedures.body.items.find((p: { name: string }) => p.name === 'loi');
    expect(loi.events.find((e: { kind: string }) => e.kind === 'loi-sanction').permission).toBe('loi:sanction');
    const today = todayInBrussels();
    const sanction = { sanction: 'leefgeld-restriction', facts: 'Herhaald geweld tegen een medebewoner.', decidedOn: today, heardOn: today, from: today, to: addDays(today, 13), leefgeldPercent: 50 };
    const record = (data: Record<string, unknown>, user = 'team-lead', type = 'loi-sanction') =>
      sys.http.post(`/dossiers/${dossierId}/events`).set(as(user)).send({ type, occurredOn: today, data });
    expect((await record(sanction, 'social-worker')).status).toBe(403);
    const backwards = await record({ ...sanction, to: addDays(today, -1) });
    expect(backwards.status).toBe(400);
    expect(backwards.body.errors.map((e: { path: string }) => e.path)).toContain('/data/to');
    expect((await record({ ...sanction, heardOn: addDays(today, 1) })).status).toBe(400);
    const noPercent = await record({ ...sanction, leefgeldPercent: undefined });
    expect(noPercent.status).toBe(400);
    expect((await record({ measure: 'x', facts: 'y', decidedOn: today, from: today, to: addDays(today, -3) }, 'team-lead', 'loi-order-measure')).status).toBe(400);
    const stored = await sys.db.query(`SELECT count(*)::int AS n FROM external_events WHERE dossier_id = $1 AND type IN ('loi-sanction', 'loi-order-measure')`, [dossierId]);
    expect(stored.rows[0].n).toBe(0);
    const recorded = await record(sanction);
    expect(recorded.status).toBe(201);
    const notice = await eventually(async () => {
      const items = (await sys.http.get(`/dossiers/${dossierId}/notices`).set(as('social-worker'))).body.items as { key: string; kind: string }[];
      return items.find((n) => n.key.startsWith('loi-sanction:'));
    });
    expect(notice.kind).toBe('loi-sanction');
    const timeline = await eventually(async () => (await sys.db.query(`SELECT description FROM dossier_events WHERE dossier_id = $1 AND type = 'loi-sanction'`, [dossierId])).rows[0]);
    expect(timeline.description).toContain('Tijdelijke beperking of intrekking van het leefgeld (50 % van uw leefgeld ingehouden)');
  });
});

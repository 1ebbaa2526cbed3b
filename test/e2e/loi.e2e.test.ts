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

    // A place of the LOI (the places screen comes with the places capability): a family unit for four.
    const [place] = (await sys.db.query(
      `INSERT INTO loi_places (code, address, capacity, target, team, opened_on) VALUES ('LOI-03', 'Kerkstraat 4, 9000 Gent', 4, 'family', 'demo', '2024-01-01') RETURNING id`,
    )).rows;
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
  });
});

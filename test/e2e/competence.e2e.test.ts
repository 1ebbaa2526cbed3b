import { todayInBrussels } from '../support/factories';
import { startTestSystem, TestSystem } from '../support/system';
import { eventually } from '../support/temporal';

/**
 * The guided competence check (issue 14, Wet 2 april 1965) through the API, the workflow and the database: the OCMW
 * directory to pick from, the facts judged from this OCMW's side (OCMW_NIS_CODE, default Gent 44021), a contradiction
 * refused with 400 and nothing changed, and the determination on the dossier with its reasoning.
 */
describe('the competence check with its facts (e2e)', () => {
  let sys: TestSystem;
  const requestDate = todayInBrussels();
  beforeAll(async () => {
    sys = await startTestSystem();
    await sys.loginAll(['social-worker']);
  });
  afterAll(async () => sys?.close());

  const openTask = (dossierId: string, kind: string) =>
    eventually(async () => (await sys.http.get('/tasks').set(sys.as('social-worker'))).body.items.find((t: { dossierId: string; kind: string }) => t.dossierId === dossierId && t.kind === kind));
  const newDossier = async (lastName: string) => {
    const person = await sys.http.post('/persons').set(sys.as('social-worker')).send({
      noNationalNumberReason: 'bis-requested', birthDate: '1988-06-06', firstName: 'Noor', lastName, address: { street: 'Kouter 9', postalCode: '9000', city: 'Gent' },
    });
    expect(person.status).toBe(201);
    const dossier = await sys.http.post('/dossiers').set(sys.as('social-worker')).send({ procedure: 'leefloon', personId: person.body.id, requestDate });
    expect(dossier.status).toBe(201);
    return dossier.body.id as string;
  };

  it('lists the OCMW directory by name, this OCMW marked', async () => {
    const res = await sys.http.get('/ocmws').set(sys.as('social-worker'));
    expect(res.status).toBe(200);
    expect(res.body.items.find((o: { nisCode: string }) => o.nisCode === '44021')).toEqual({ nisCode: '44021', name: 'OCMW Gent', address: 'Marktplein 1, 9000 Gent', enterpriseNumber: null, self: true });
    expect(res.body.items.filter((o: { self: boolean }) => o.self)).toHaveLength(1);
    expect(res.body.items.map((o: { name: string }) => o.name)).toEqual([...res.body.items.map((o: { name: string }) => o.name)].sort((a, b) => a.localeCompare(b, 'nl')));
    expect((await sys.http.get('/ocmws')).status).toBe(401);
  });

  it('refuses facts that contradict the answer (400) and changes nothing; consistent facts are explained on the dossier', async () => {
    const dossierId = await newDossier('Bevoegd');
    const task = await openTask(dossierId, 'competence-check');
    const complete = (outcome: Record<string, unknown>) => sys.http.post(`/tasks/${task.id}/complete`).set(sys.as('social-worker')).send(outcome);

    // Admitted to a care home while registered in Leuven: Leuven is competent (art. 2 §1), not Gent where the home is.
    const institution = { situation: 'institution', institutionKind: 'care-home', registeredOnAdmission: '24062', usualResidence: '44021' };
    const refused = await complete({ competent: true, rule: 'usual-residence', ...institution });
    expect(refused.status).toBe(400);
    expect(refused.body.errors.map((e: { path: string; code: string }) => `${e.path} ${e.code}`)).toEqual(['/competent contradicts-facts', '/rule contradicts-facts']);
    const undetermined = await complete({ competent: true, rule: 'institution', situation: 'institution', institutionKind: 'care-home' });
    expect(undetermined.status).toBe(400);
    expect(undetermined.body.errors.map((e: { code: string }) => e.code)).toEqual(['competence-undetermined']);
    expect((await sys.http.get(`/tasks/${task.id}`).set(sys.as('social-worker'))).body.status).not.toBe('completed');
    expect((await sys.db.query(`SELECT count(*)::int AS n FROM dossier_events WHERE dossier_id = $1 AND type = 'competence-determined'`, [dossierId])).rows[0].n).toBe(0);

    const done = await complete({ competent: false, rule: 'institution', competentOcmw: 'OCMW Leuven', reasons: 'Opgenomen in een woonzorgcentrum, bij de opname ingeschreven te Leuven (art. 2 §1 Wet 1965).', ...institution });
    expect(done.status).toBe(200);
    const dossier = await eventually(async () => {
      const res = await sys.http.get(`/dossiers/${dossierId}`).set(sys.as('social-worker'));
      return res.body.competence ? res.body : undefined;
    });
    expect(dossier.competence).toMatchObject({ competent: '24062', competentName: 'OCMW Leuven', thisOcmw: false, rule: 'institution', legalBasis: 'art. 2 §1 Wet 2 april 1965' });
    expect(dossier.competence.steps.at(-1)).toBe('Bevoegd is OCMW Leuven, niet dit OCMW.');
    expect(dossier.timeline.map((e: { description: string }) => e.description)).toContain('Bevoegdheid (art. 2 §1 Wet 2 april 1965): bevoegd is OCMW Leuven.');
    // Not competent: the forwarding follows, its form prefilled with the OCMW and the reasons.
    const forward = await openTask(dossierId, 'forward-request');
    expect((await sys.http.get(`/tasks/${forward.id}/prefill`).set(sys.as('social-worker'))).body.values).toMatchObject({ forwardedTo: 'OCMW Leuven' });
  });

  it('a new dossier requires the facts: its form says so, and a bare yes/no is refused (400) with nothing changed', async () => {
    const dossierId = await newDossier('Zonderfeiten');
    const task = await openTask(dossierId, 'competence-check');
    const detail = await sys.http.get(`/tasks/${task.id}`).set(sys.as('social-worker'));
    expect(detail.body.outcomeSchema.required).toEqual(['competent', 'rule', 'situation']);
    expect((await sys.db.query(`SELECT required_fields FROM tasks WHERE id = $1`, [task.id])).rows[0].required_fields).toEqual(['situation']);
    const bare = await sys.http.post(`/tasks/${task.id}/complete`).set(sys.as('social-worker')).send({ competent: true, rule: 'usual-residence' });
    expect(bare.status).toBe(400);
    expect(bare.body.errors).toEqual([expect.objectContaining({ path: '/situation', code: 'required' })]);
    expect((await sys.http.get(`/tasks/${task.id}`).set(sys.as('social-worker'))).body.status).not.toBe('completed');
    // The kind itself keeps the facts optional (GET /procedures): running dossiers complete it as before.
    const kinds = (await sys.http.get('/procedures').set(sys.as('social-worker'))).body.items.find((p: { name: string }) => p.name === 'leefloon').taskKinds;
    expect(kinds.find((k: { kind: string }) => k.kind === 'competence-check').outcomeSchema.required).toEqual(['competent', 'rule']);
  });
});

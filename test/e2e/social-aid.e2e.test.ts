import { addDays } from '../../libs/deadlines/calendar-date';
import { treatTodayAtExtraordinarySession } from '../support/council';
import { todayInBrussels, VALID_IBANS } from '../support/factories';
import { startTestSystem, TestSystem } from '../support/system';
import { eventually } from '../support/temporal';

/** Social aid through HTTP: code 207 refused as the API's 4xx, nothing changed; the refusal letter cites art. 57ter. */
describe('social aid with a code 207 (e2e)', () => {
  let sys: TestSystem;
  const requestDate = addDays(todayInBrussels(), -1);

  beforeAll(async () => {
    sys = await startTestSystem();
    await sys.loginAll(['social-worker', 'council-secretary']);
  });
  afterAll(async () => {
    await sys?.close();
  });

  const openTask = (dossierId: string, kind: string) =>
    eventually(async () => {
      const res = await sys.http.get('/tasks').set(sys.as('social-worker'));
      return res.body.items.find((t: { dossierId: string; kind: string }) => t.dossierId === dossierId && t.kind === kind);
    });

  it('refuses a grant proposal for code 207 with no-right-code-207 (400, the task stays open), and refuses with a letter citing art. 57ter', async () => {
    const person = await sys.http.post('/persons').set(sys.as('social-worker')).send({
      noNationalNumberReason: 'international-protection-applicant', birthDate: '1991-04-12', firstName: 'Amal', lastName: 'Verzoeker',
      address: { street: 'Stationsstraat 2', postalCode: '9000', city: 'Gent' }, iban: VALID_IBANS[1],
    });
    expect(person.status).toBe(201);
    const dossier = await sys.http.post('/dossiers').set(sys.as('social-worker')).send({ procedure: 'social-aid', personId: person.body.id, requestDate });
    expect(dossier.status).toBe(201);
    expect(dossier.body.reference).toMatch(/^MD-\d{4}-\d{6}$/);
    const id = dossier.body.id;

    const complete = (taskId: string, outcome: Record<string, unknown>) => sys.http.post(`/tasks/${taskId}/complete`).set(sys.as('social-worker')).send(outcome);
    expect((await complete((await openTask(id, 'competence-check')).id, { situation: 'international-protection', registrationPlace: '44021', competent: true, rule: 'asylum' })).status).toBe(200);
    const inquiry = await complete((await openTask(id, 'aid-inquiry')).id, {
      homeVisitDate: requestDate, residenceStatus: 'international-protection', rijksregisterCode: '207', stateReimbursed: false,
      householdType: 'single', monthlyResourcesCents: 0, hearingRequested: false,
    });
    expect(inquiry.status).toBe(200);

    const report = await openTask(id, 'aid-report');
    const grant = await complete(report.id, { proposal: 'grant', aidForm: 'one-off', amountCents: 30_000, aidDescription: 'Kledij.', motivation: 'Nood.' });
    expect(grant.status).toBe(400);
    expect(grant.body.errors).toEqual([expect.objectContaining({ path: '/proposal', code: 'no-right-code-207' })]);
    expect((await sys.http.get(`/tasks/${report.id}`).set(sys.as('social-worker'))).body.status).not.toBe('completed');

    expect((await complete(report.id, { proposal: 'refuse', motivation: 'Code 207: materiële hulp door de opvangstructuur.' })).status).toBe(200);
    const place = await treatTodayAtExtraordinarySession(sys, id);
    const decisionUrl = `/council/meetings/${place.meetingId}/items/${place.itemId}/decision`;
    const granted = await sys.http.post(decisionUrl).set(sys.as('council-secretary')).send({ result: 'granted', aidForm: 'in-kind', aidDescription: 'Kledij.', motivation: 'x' });
    expect(granted.status).toBe(400);
    expect(granted.body.errors.map((e: { code: string }) => e.code)).toEqual(['no-right-code-207']);
    expect((await sys.http.post(decisionUrl).set(sys.as('council-secretary')).send({ result: 'refused', motivation: 'Code 207 (art. 57ter OCMW-wet).' })).status).toBe(200);

    const notification = await openTask(id, 'decision-notification');
    expect((await complete(notification.id, { mode: 'against-receipt', date: todayInBrussels() })).status).toBe(200);
    const notice = await eventually(async () => {
      const res = await sys.http.get(`/dossiers/${id}/notices`).set(sys.as('social-worker'));
      return res.body.items.find((n: { kind: string }) => n.kind === 'decision-refusal');
    });
    const { rows } = await sys.db.query('SELECT document FROM notices WHERE id = $1', [notice.id]);
    const text = rows[0].document.paragraphs.join('\n');
    expect(text).toContain('Art. 57ter OCMW-wet');
    expect(text).toContain('(art. 62bis OCMW-wet)');
    expect(text).toContain('art. 71 van de organieke wet');
    expect(text).not.toContain('RMI-wet');
  });
});

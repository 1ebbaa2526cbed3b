import { addDays } from '../../libs/deadlines/calendar-date';
import { treatTodayAtExtraordinarySession } from '../support/council';
import { outcomes, todayInBrussels, VALID_NATIONAL_NUMBERS } from '../support/factories';
import { startTestSystem, TestSystem } from '../support/system';
import { openTaskOf } from '../support/task-flow';
import { eventually } from '../support/temporal';

/**
 * Debt mediation through HTTP (issue 12, first slice): GET /procedures shows it in Dutch, POST /dossiers opens it, and
 * amicable mediation is refused as the API's 400 while the OCMW is not recognised for it (the default configuration).
 */
describe('debt mediation (e2e)', () => {
  let sys: TestSystem;
  const requestDate = addDays(todayInBrussels(), -1);

  beforeAll(async () => {
    sys = await startTestSystem();
    await sys.loginAll(['social-worker', 'council-secretary']);
  });
  afterAll(async () => {
    await sys?.close();
  });

  it('lists the procedure with its Dutch title and statuses, opens a dossier, refuses amicable mediation unrecognised and grants budget guidance into "Lopend traject"', async () => {
    const procedures = await sys.http.get('/procedures').set(sys.as('social-worker'));
    expect(procedures.status).toBe(200);
    const listed = procedures.body.items.find((p: { name: string }) => p.name === 'debt-mediation');
    expect(listed).toMatchObject({ title: 'Schuldbemiddeling en budgetbegeleiding (OCMW-wet)' });
    expect(listed.statuses).toEqual(expect.arrayContaining([
      expect.objectContaining({ code: 'REQUEST_REGISTERED', label: 'Aanvraag geregistreerd' }),
      expect.objectContaining({ code: 'TRAJECTORY_ACTIVE', label: 'Lopend traject' }),
    ]));

    const person = await sys.http.post('/persons').set(sys.as('social-worker')).send({
      nationalNumber: VALID_NATIONAL_NUMBERS[2], firstName: 'Sam', lastName: 'Schuldenaar', address: { street: 'Veldstraat 9', postalCode: '9000', city: 'Gent' },
    });
    expect(person.status).toBe(201);
    const dossier = await sys.http.post('/dossiers').set(sys.as('social-worker')).send({ procedure: 'debt-mediation', personId: person.body.id, requestDate });
    expect(dossier.status).toBe(201);
    expect(dossier.body.reference).toMatch(/^SB-\d{4}-\d{6}$/);
    const id = dossier.body.id;

    const complete = async (kind: string, outcome: Record<string, unknown>) =>
      sys.http.post(`/tasks/${(await openTaskOf(sys, 'social-worker', id, kind)).id}/complete`).set(sys.as('social-worker')).send(outcome);
    expect((await complete('competence-check', outcomes.competent)).status).toBe(200);
    expect((await complete('debt-inquiry', { totalDebtsCents: 1_250_000, creditorCount: 6, monthlyIncomeCents: 165_000, priorityDebts: true, hearingRequested: false })).status).toBe(200);
    expect((await complete('debt-report', { proposal: 'grant', guidanceType: 'amicable-mediation', durationMonths: 36, motivation: 'Haalbaar.' })).status).toBe(200);

    const place = await treatTodayAtExtraordinarySession(sys, id);
    const decisionUrl = `/council/meetings/${place.meetingId}/items/${place.itemId}/decision`;
    const mediation = await sys.http.post(decisionUrl).set(sys.as('council-secretary')).send({ result: 'granted', guidanceType: 'amicable-mediation', durationMonths: 36, motivation: 'x' });
    expect(mediation.status).toBe(400);
    expect(mediation.body.errors).toEqual([expect.objectContaining({ path: '/guidanceType', code: 'not-recognised' })]);
    const granted = await sys.http.post(decisionUrl).set(sys.as('council-secretary')).send({ result: 'granted', guidanceType: 'budget-guidance', durationMonths: 12, motivation: 'Budgetbegeleiding.' });
    expect(granted.status).toBe(200);

    expect((await complete('decision-notification', { mode: 'against-receipt', date: todayInBrussels() })).status).toBe(200);
    const active = await eventually(async () => {
      const res = await sys.http.get(`/dossiers/${id}`).set(sys.as('social-worker'));
      return res.body.status === 'TRAJECTORY_ACTIVE' ? res.body : undefined;
    });
    expect(active.status).toBe('TRAJECTORY_ACTIVE');
  });
});

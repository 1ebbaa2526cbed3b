import { addDays } from '../../libs/deadlines/calendar-date';
import { dossierStateQuery } from '../../workflows/shared/dossier.messages';
import { outcomes, todayInBrussels, VALID_NATIONAL_NUMBERS } from '../support/factories';
import { startTestSystem, TestSystem } from '../support/system';
import { eventually, uniqueTaskQueue } from '../support/temporal';

const address = { street: 'Markt 1', postalCode: '9000', city: 'Gent' };

/**
 * A referral's follow-up over HTTP on the real system: the referral and its close reach the dossier's workflow through
 * the workflow outbox (delivered after the commit), the workflow opens the task "Opvolging doorverwijzing" for the
 * responsible social worker on the follow-up date, and completing it closes the referral. (Waiting for a date is the
 * workflow test's part, on the time-skipping server; here the follow-up date is today.)
 */
describe('referral follow-ups (e2e)', () => {
  let sys: TestSystem;
  const as = (user: string) => sys.as(user);
  let dossierId: string;
  let partyId: string;
  const today = todayInBrussels();
  // A follow-up date in the future whatever day the test runs.
  const FUTURE = addDays(today, 200);

  beforeAll(async () => {
    sys = await startTestSystem({ TEMPORAL_TASK_QUEUE: uniqueTaskQueue('e2e-referrals') });
    await sys.loginAll(['social-worker', 'team-lead']);
    const person = await sys.http.post('/persons').set(as('social-worker')).send({ nationalNumber: VALID_NATIONAL_NUMBERS[1], firstName: 'An', lastName: 'Claes', address });
    expect(person.status).toBe(201);
    const dossier = await sys.http.post('/dossiers').set(as('social-worker')).send({ procedure: 'leefloon', personId: person.body.id });
    expect(dossier.status).toBe(201);
    dossierId = dossier.body.id;
    // A party of a referral partner's kind (migration 1765070000000).
    const party = await sys.http.post('/parties').set(as('social-worker')).send({ name: 'CAW Oost-Vlaanderen', kind: 'caw', address: { street: 'Visserij 153', postalCode: '9000', city: 'Gent' } });
    expect(party.status).toBe(201);
    partyId = party.body.id;
  });
  afterAll(async () => {
    await sys?.close();
  });

  const refer = (followUpOn: string) => sys.http.post(`/dossiers/${dossierId}/referrals`).set(as('social-worker')).send({ partyId, reason: 'Budgetbegeleiding', referredOn: today, followUpOn });
  const outbox = async (referralId: string) =>
    (await sys.db.query(`SELECT message, status FROM workflow_outbox WHERE dossier_id = $1 AND payload->>'referralId' = $2 ORDER BY seq`, [dossierId, referralId])).rows;
  const followUps = async () => (await sys.temporal.workflow.getHandle(`dossier-${dossierId}`).query(dossierStateQuery)).referralFollowUps ?? [];
  const followUpTasks = async () =>
    ((await sys.http.get('/tasks').set(as('social-worker'))).body.items as { id: string; kind: string; dossierId: string; title: string }[])
      .filter((t) => t.kind === 'referral-follow-up' && t.dossierId === dossierId);

  it('delivers a referral due today to the workflow, which opens the follow-up task; completing it "afgesloten" closes the referral', async () => {
    const made = await refer(today);
    expect(made.status).toBe(201);
    expect(await outbox(made.body.id)).toEqual([{ message: 'referralFollowUp', status: 'delivered' }]);
    const [task] = await eventually(async () => ((await followUpTasks()).length > 0 ? followUpTasks() : undefined));
    expect(task.title).toBe('Opvolging doorverwijzing');
    const detail = await sys.http.get(`/tasks/${task.id}`).set(as('social-worker'));
    expect(detail.body.outcomeSchema.properties.result.oneOf.map((o: { const: string }) => o.const)).toEqual(['contact-opgenomen', 'niet-bereikt', 'afgesloten']);

    // A closed referral takes no next date: refused, nothing changes.
    const bad = await sys.http.post(`/tasks/${task.id}/complete`).set(as('social-worker')).send({ result: 'afgesloten', note: 'x', nextFollowUpOn: FUTURE });
    expect(bad.status).toBe(400);
    const done = await sys.http.post(`/tasks/${task.id}/complete`).set(as('social-worker')).send({ result: 'afgesloten', note: 'Budgetbegeleiding gestart.' });
    expect(done.status).toBe(200);
    const referral = await eventually(async () => {
      const list = await sys.http.get(`/dossiers/${dossierId}/referrals`).set(as('team-lead'));
      return list.body.items.find((r: { id: string; closedAt: string | null }) => r.id === made.body.id && r.closedAt);
    });
    expect(referral).toMatchObject({ outcome: 'Budgetbegeleiding gestart.', party: { kind: 'caw' } });
    const timeline = (await sys.http.get(`/dossiers/${dossierId}`).set(as('social-worker'))).body.timeline as { description: string }[];
    expect(timeline.map((e) => e.description)).toContainEqual(expect.stringMatching(/^Opvolging doorverwijzing van .*: afgesloten$/));
    expect(await followUps()).toEqual([]);
  });

  it('holds a future follow-up in the workflow until the referral is closed through the API (both through the outbox)', async () => {
    const made = await refer(FUTURE);
    expect(made.status).toBe(201);
    expect(await followUps()).toEqual([{ referralId: made.body.id, followUpOn: FUTURE }]);
    expect(await followUpTasks()).toEqual([]);
    const closed = await sys.http.post(`/referrals/${made.body.id}/close`).set(as('social-worker')).send({ outcome: 'Niet meer nodig' });
    expect(closed.status).toBe(201);
    expect(await outbox(made.body.id)).toEqual([{ message: 'referralFollowUp', status: 'delivered' }, { message: 'referralClosed', status: 'delivered' }]);
    expect(await followUps()).toEqual([]);
  });

  it('takes no referral in a closed dossier (its workflow has ended): 409, nothing stored, nothing in the outbox', async () => {
    const person = await sys.http.post('/persons').set(as('social-worker')).send({ nationalNumber: VALID_NATIONAL_NUMBERS[2], firstName: 'Tom', lastName: 'Maes', address });
    const other = (await sys.http.post('/dossiers').set(as('social-worker')).send({ procedure: 'leefloon', personId: person.body.id })).body.id as string;
    const complete = async (kind: string, outcome: object) => {
      const task = await eventually(async () =>
        ((await sys.http.get('/tasks').set(as('social-worker'))).body.items as { id: string; kind: string; dossierId: string }[]).find((t) => t.kind === kind && t.dossierId === other));
      expect((await sys.http.post(`/tasks/${task.id}/complete`).set(as('social-worker')).send(outcome)).status).toBe(200);
    };
    // Not competent: forwarded to the competent OCMW, the dossier closes.
    await complete('competence-check', outcomes.notCompetent);
    await complete('forward-request', { forwardedTo: 'OCMW Gent', forwardDate: today, reasons: 'Verblijft in Gent' });
    await complete('forwarding-letter', { sentDate: today, mode: 'letter' });
    await eventually(async () => ((await sys.http.get(`/dossiers/${other}`).set(as('social-worker'))).body.closedAt ? true : undefined));
    const refused = await sys.http.post(`/dossiers/${other}/referrals`).set(as('social-worker')).send({ partyId, reason: 'Budgetbegeleiding', referredOn: today, followUpOn: today });
    expect(refused.status).toBe(409);
    expect((await sys.db.query(`SELECT count(*)::int AS n FROM referrals WHERE dossier_id = $1`, [other])).rows[0].n).toBe(0);
    expect((await sys.db.query(`SELECT count(*)::int AS n FROM workflow_outbox WHERE dossier_id = $1 AND message LIKE 'referral%'`, [other])).rows[0].n).toBe(0);
  });
});

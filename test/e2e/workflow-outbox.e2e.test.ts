import { addDays } from '../../libs/deadlines/calendar-date';
import { dossierStateQuery } from '../../workflows/shared/dossier.messages';
import { treatTodayAtExtraordinarySession } from '../support/council';
import { outcomes, todayInBrussels, VALID_IBANS, VALID_NATIONAL_NUMBERS } from '../support/factories';
import { startTestSystem, TestSystem } from '../support/system';
import { eventually } from '../support/temporal';

/**
 * Every change the API makes to a running dossier reaches its workflow exactly once through the workflow outbox, even
 * when the API process dies between its commit and the delivery: partner exports and acknowledgements (LL-5, POD MI
 * reminders) and absence covers. Real PostgreSQL, real Temporal dev server, the real system in its own process.
 */
describe('messages that cannot be lost (e2e)', () => {
  let sys: TestSystem;
  const as = (user: string) => sys.as(user);
  const requestDate = addDays(todayInBrussels(), -1);
  const users: Record<string, string> = {};

  async function openTask(dossierId: string, kind: string, user = 'social-worker') {
    return eventually(async () => {
      const res = await sys.http.get('/tasks').set(as(user));
      return res.body.items?.find((t: { kind: string; dossierId: string }) => t.kind === kind && t.dossierId === dossierId);
    });
  }

  async function openDossier(nationalNumber: string, firstName: string, user = 'social-worker'): Promise<{ id: string; workflowId: string }> {
    const person = await sys.http.post('/persons').set(as(user)).send({
      nationalNumber, firstName, lastName: 'Wouters', address: { street: 'Kouter 3', postalCode: '9000', city: 'Gent' }, iban: VALID_IBANS[0],
    });
    const dossier = await sys.http.post('/dossiers').set(as(user)).send({ procedure: 'leefloon', personId: person.body.id, requestDate });
    expect(dossier.status).toBe(201);
    expect(dossier.body.workflowStarted).toBe(true);
    return { id: dossier.body.id, workflowId: dossier.body.workflowId };
  }

  /** A granted, notified leefloon: form B waits in the partner outbox and its LL-5 clocks run. Returns the decision date. */
  async function toGrantedBenefit(dossierId: string): Promise<string> {
    await sys.http.post(`/tasks/${(await openTask(dossierId, 'competence-check')).id}/complete`).set(as('social-worker')).send(outcomes.competent);
    await sys.http.post(`/tasks/${(await openTask(dossierId, 'social-inquiry')).id}/complete`).set(as('social-worker')).send(outcomes.inquiry(requestDate));
    await sys.http.post(`/tasks/${(await openTask(dossierId, 'social-report')).id}/complete`).set(as('social-worker')).send(outcomes.report(requestDate));
    const treated = await treatTodayAtExtraordinarySession(sys, dossierId);
    const decided = await sys.http.post(`/council/meetings/${treated.meetingId}/items/${treated.itemId}/decision`).set(as('council-secretary'))
      .send({ result: 'granted', motivation: 'Voldoet aan de voorwaarden van art. 3 RMI-wet.', category: 2, monthlyAmountCents: 131_420, startDate: requestDate });
    expect(decided.status).toBe(200);
    const notified = await sys.http.post(`/tasks/${(await openTask(dossierId, 'decision-notification')).id}/complete`).set(as('social-worker'))
      .send(outcomes.notification(treated.date));
    expect(notified.status).toBe(200);
    await eventually(async () => ((await podMi(dossierId, treated.date)).length === 2 ? true : undefined), 30_000);
    return treated.date;
  }

  /** The dossier's LL-5 clocks of form B (the 8-day term and the loss of subsidy), as the read model shows them. */
  const podMi = async (dossierId: string, decisionDate: string) =>
    (await sys.db.query(
      `SELECT key, status, met_date::text AS "metDate" FROM deadlines WHERE dossier_id = $1 AND key LIKE $2 ORDER BY key`,
      [dossierId, `pod-mi-B-${decisionDate}%`],
    )).rows as { key: string; status: string; metDate: string | null }[];
  const formB = async (dossierId: string): Promise<string> =>
    (await sys.db.query(`SELECT id FROM partner_messages WHERE dossier_id = $1 AND kind = 'form-B'`, [dossierId])).rows[0].id;
  const outboxRow = async (dossierId: string, message: string) =>
    (await sys.db.query(`SELECT id, status, last_error FROM workflow_outbox WHERE dossier_id = $1 AND message = $2`, [dossierId, message])).rows;
  const delivered = (dossierId: string, message: string, timeoutMs = 30_000) =>
    eventually(async () => {
      const rows = await outboxRow(dossierId, message);
      return rows.length === 1 && rows[0].status === 'delivered' ? rows[0] : undefined;
    }, timeoutMs);
  /** Updates of this name the workflow accepted, by their Update id (the outbox row's id). */
  const acceptedUpdates = async (workflowId: string, name: string): Promise<string[]> =>
    ((await sys.temporal.workflow.getHandle(workflowId).fetchHistory()).events ?? [])
      .filter((e) => e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input?.name === name)
      .map((e) => e.workflowExecutionUpdateAcceptedEventAttributes!.protocolInstanceId!);

  /**
   * An earlier change of the dossier whose delivery waits for its next attempt (as after a failed one): the dossier's
   * later changes wait behind it, in order. It changes nothing in the workflow (a cover from nobody to nobody).
   */
  async function holdBack(dossierId: string, workflowId: string): Promise<() => Promise<void>> {
    const nobody = '00000000-0000-4000-8000-00000000dead';
    const { rows: [row] } = await sys.db.query(
      `INSERT INTO workflow_outbox (dossier_id, workflow_id, message, payload, next_attempt_at)
       VALUES ($1, $2, 'dossierReassigned', $3, now() + interval '1 hour') RETURNING id`,
      [dossierId, workflowId, JSON.stringify({ fromUserId: nobody, toUserId: nobody, reassignmentId: nobody })],
    );
    return async () => {
      await sys.db.query(`UPDATE workflow_outbox SET next_attempt_at = now() WHERE id = $1`, [row.id]);
    };
  }

  const dossiers: Record<'exported' | 'repaired' | 'covered', { id: string; workflowId: string }> = {} as never;
  const decisionDates: Record<string, string> = {};

  beforeAll(async () => {
    sys = await startTestSystem();
    await sys.loginAll(['social-worker', 'social-worker-2', 'team-lead', 'council-secretary', 'admin']);
    const created = await sys.http.post('/users').set(as('admin'))
      .send({ username: 'social-worker-3', password: 'Merel-Kapstok-58!', displayName: 'Sam Derde', role: 'social-worker', team: 'demo' });
    expect(created.status).toBe(201);
    await sys.login('social-worker-3', 'Merel-Kapstok-58!');
    for (const u of (await sys.http.get('/users').set(as('admin'))).body.items) users[u.username] = u.id;
    dossiers.exported = await openDossier(VALID_NATIONAL_NUMBERS[0], 'Ilse');
    decisionDates.exported = await toGrantedBenefit(dossiers.exported.id);
  }, 240_000);
  afterAll(async () => {
    await sys?.close();
  });

  it('meets LL-5 with an export and a cover reaches its workflow although the API died between the commit and the delivery; a redelivery changes nothing', async () => {
    const decisionDate = decisionDates.exported;
    expect((await podMi(dossiers.exported.id, decisionDate)).map((d) => d.status)).toEqual(['running', 'running']);
    dossiers.covered = await openDossier(VALID_NATIONAL_NUMBERS[1], 'Bart', 'social-worker-3');
    await openTask(dossiers.covered.id, 'competence-check', 'social-worker-3');
    const releases = [await holdBack(dossiers.exported.id, dossiers.exported.workflowId), await holdBack(dossiers.covered.id, dossiers.covered.workflowId)];

    const exported = await sys.http.get('/partner-messages/export?partner=pod-mi').set(as('team-lead'));
    expect(exported.status).toBe(200);
    const formBId = await formB(dossiers.exported.id);
    expect(JSON.parse(exported.text).messages.map((m: { id: string }) => m.id)).toEqual([formBId]);
    const cover = await sys.http.post('/team/reassignments').set(as('team-lead'))
      .send({ fromUserId: users['social-worker-3'], toUserId: users['social-worker-2'], reason: 'ziekte' });
    expect(cover.status).toBe(201);
    expect(cover.body).toMatchObject({ movedDossiers: 1, delivery: { delivered: 0, pending: 0 } }); // held back: not even claimed
    // Committed, not delivered: the export and the cover exist only in PostgreSQL when the process dies.
    expect((await outboxRow(dossiers.exported.id, 'partnerMessageExported')).map((r) => r.status)).toEqual(['pending']);
    expect((await outboxRow(dossiers.covered.id, 'dossierReassigned')).map((r) => r.status)).toEqual(['pending', 'pending']);
    await sys.crashAndRestart();
    expect((await podMi(dossiers.exported.id, decisionDate)).map((d) => d.status)).toEqual(['running', 'running']);

    for (const release of releases) await release();
    const exportRow = await delivered(dossiers.exported.id, 'partnerMessageExported');
    // The day the form left, on both POD MI terms (art. 21 §6 RMI-wet): not breached, no subsidy lost.
    const today = todayInBrussels();
    await eventually(async () => ((await podMi(dossiers.exported.id, decisionDate)).every((d) => d.status === 'met') ? true : undefined));
    expect(await podMi(dossiers.exported.id, decisionDate)).toEqual([
      { key: `pod-mi-B-${decisionDate}`, status: 'met', metDate: today },
      { key: `pod-mi-B-${decisionDate}-loss`, status: 'met', metDate: today },
    ]);
    await eventually(async () => {
      const rows = await outboxRow(dossiers.covered.id, 'dossierReassigned');
      return rows.every((r: { status: string }) => r.status === 'delivered') ? true : undefined;
    });
    const state = await sys.temporal.workflow.getHandle(dossiers.covered.workflowId).query(dossierStateQuery);
    expect(state.responsibleUserId).toBe(users['social-worker-2']);
    const inquiry = await sys.http.post(`/tasks/${(await openTask(dossiers.covered.id, 'competence-check', 'social-worker-2')).id}/complete`)
      .set(as('social-worker-2')).send(outcomes.competent);
    expect(inquiry.body.nextTasks[0]).toMatchObject({ kind: 'social-inquiry', assigneeId: users['social-worker-2'] });

    // The relay delivered, then died before marking the row: the next pass sends the same Update id again.
    await sys.db.query(`UPDATE workflow_outbox SET status = 'pending', next_attempt_at = now() WHERE id = $1`, [exportRow.id]);
    await delivered(dossiers.exported.id, 'partnerMessageExported');
    expect(await acceptedUpdates(dossiers.exported.workflowId, 'partnerMessageExported')).toEqual([exportRow.id]);
    expect(await podMi(dossiers.exported.id, decisionDate)).toEqual([
      { key: `pod-mi-B-${decisionDate}`, status: 'met', metDate: today },
      { key: `pod-mi-B-${decisionDate}-loss`, status: 'met', metDate: today },
    ]);
  });

  it('stops reminding POD MI once the acknowledgement reaches the workflow', async () => {
    const formBId = await formB(dossiers.exported.id);
    const ack = await sys.http.post(`/partner-messages/${formBId}/acknowledge`).set(as('social-worker'));
    expect(ack.status).toBe(200);
    const row = await delivered(dossiers.exported.id, 'partnerMessageAcknowledged');
    expect(await acceptedUpdates(dossiers.exported.workflowId, 'partnerMessageAcknowledged')).toEqual([row.id]);
    // The reminder waits on a timer of the partner term (30 days); the acknowledgement cancels it, no reminder is queued.
    const reminderTimers = async () => {
      const events = (await sys.temporal.workflow.getHandle(dossiers.exported.workflowId).fetchHistory()).events ?? [];
      const started = events.filter((e) => Number(e.timerStartedEventAttributes?.startToFireTimeout?.seconds ?? 0) === 30 * 86_400);
      const canceled = events.filter((e) => started.some((s) => s.timerStartedEventAttributes!.timerId === e.timerCanceledEventAttributes?.timerId));
      return { started: started.length, canceled: canceled.length };
    };
    expect(await eventually(async () => {
      const timers = await reminderTimers();
      return timers.canceled === 1 ? timers : undefined;
    })).toEqual({ started: 1, canceled: 1 });
    expect((await sys.db.query(`SELECT count(*)::int AS n FROM partner_messages WHERE kind = 'form-B-reminder'`)).rows[0].n).toBe(0);
    expect((await sys.http.post(`/partner-messages/${formBId}/acknowledge`).set(as('social-worker'))).status).toBe(409);
  });

  it('puts LL-5 right with the acknowledgement of a form whose export never reached the workflow', async () => {
    dossiers.repaired = await openDossier(VALID_NATIONAL_NUMBERS[2], 'Lien');
    const decisionDate = await toGrantedBenefit(dossiers.repaired.id);
    const formBId = await formB(dossiers.repaired.id);
    // Exported by the best-effort signal of before, which was lost: the row says sent, the workflow never heard of it.
    await sys.db.query(`UPDATE partner_messages SET exported_at = now() WHERE id = $1`, [formBId]);
    expect((await podMi(dossiers.repaired.id, decisionDate)).map((d) => d.status)).toEqual(['running', 'running']);
    const ack = await sys.http.post(`/partner-messages/${formBId}/acknowledge`).set(as('social-worker'));
    expect(ack.status).toBe(200);
    await delivered(dossiers.repaired.id, 'partnerMessageAcknowledged');
    await eventually(async () => ((await podMi(dossiers.repaired.id, decisionDate)).every((d) => d.status === 'met') ? true : undefined));
    expect((await podMi(dossiers.repaired.id, decisionDate)).map((d) => d.metDate)).toEqual([todayInBrussels(), todayInBrussels()]);
  });
});

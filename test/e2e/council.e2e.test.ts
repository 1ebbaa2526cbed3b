import { addDays } from '../../libs/deadlines/calendar-date';
import { agendaItemOf, treatTodayAtExtraordinarySession } from '../support/council';
import { outcomes, todayInBrussels, VALID_IBANS, VALID_NATIONAL_NUMBERS } from '../support/factories';
import { startTestSystem, TestSystem } from '../support/system';
import { eventually } from '../support/temporal';

interface Meeting {
  id: string;
  date: string;
  time: string;
  kind: string;
  cutoffDate: string;
  agendaOpen: boolean;
  items: number;
  movedFrom: string | null;
}

/**
 * The council secretary runs real sessions: the chair moves a session, an item moves to another session or to an
 * extraordinary one, a session closes. Every change reaches the dossiers' workflows (hearing invitations sent again,
 * urgency and the team lead's escalation when a session moves past the decision deadline). Dates derive from the
 * dossiers' request date and the calendar the API serves, so the test passes on any weekday.
 */
describe('running a BCSD session (e2e)', () => {
  let sys: TestSystem;
  const as = (user: string) => sys.as(user);
  const requestDate = addDays(todayInBrussels(), -1);
  const decisionDue = addDays(requestDate, 30); // LL-3: 30 days (art. 21 §1 RMI-wet)
  const dossiers: { heard?: string; other?: string } = {};

  async function openTask(dossierId: string, kind: string) {
    return eventually(async () => {
      const res = await sys.http.get('/tasks').set(as('social-worker'));
      return res.body.items.find((t: { kind: string; dossierId: string }) => t.kind === kind && t.dossierId === dossierId);
    });
  }

  async function toCouncil(nationalNumber: string, firstName: string, hearingRequested: boolean): Promise<string> {
    const person = await sys.http.post('/persons').set(as('social-worker')).send({
      nationalNumber, firstName, lastName: 'Claes', address: { street: 'Veldstraat 9', postalCode: '9000', city: 'Gent' }, iban: VALID_IBANS[0],
    });
    const dossier = await sys.http.post('/dossiers').set(as('social-worker')).send({ procedure: 'leefloon', personId: person.body.id, requestDate });
    expect(dossier.status).toBe(201);
    const id = dossier.body.id as string;
    await sys.http.post(`/tasks/${(await openTask(id, 'competence-check')).id}/complete`).set(as('social-worker')).send(outcomes.competent);
    await sys.http.post(`/tasks/${(await openTask(id, 'social-inquiry')).id}/complete`).set(as('social-worker')).send({ ...outcomes.inquiry(requestDate), hearingRequested });
    const report = await sys.http.post(`/tasks/${(await openTask(id, 'social-report')).id}/complete`).set(as('social-worker')).send(outcomes.report(requestDate));
    expect(report.body.dossierStatus).toBe('ON_AGENDA');
    return id;
  }

  const meetings = async (user = 'council-secretary'): Promise<Meeting[]> =>
    (await sys.http.get(`/council/meetings?from=${todayInBrussels()}`).set(as(user))).body.items;
  const timelineTypes = async (dossierId: string): Promise<string[]> =>
    (await sys.http.get(`/dossiers/${dossierId}`).set(as('social-worker'))).body.timeline.map((e: { type: string }) => e.type);
  const hearingInvitations = async (dossierId: string): Promise<string[]> =>
    (await sys.http.get(`/dossiers/${dossierId}/notices`).set(as('social-worker'))).body.items
      .map((n: { key: string }) => n.key)
      .filter((k: string) => k.startsWith('hearing-invitation'));

  beforeAll(async () => {
    sys = await startTestSystem();
    await sys.loginAll(['social-worker', 'team-lead', 'council-secretary', 'admin']);
    const created = await sys.http.post('/users').set(as('admin'))
      .send({ username: 'noord-lead', password: 'Kwartel-Paraplu-93!', displayName: 'Noor Lead', role: 'team-lead', team: 'noord' });
    expect(created.status).toBe(201);
    await sys.login('noord-lead', 'Kwartel-Paraplu-93!');
    dossiers.heard = await toCouncil(VALID_NATIONAL_NUMBERS[0], 'Hanne', true);
    dossiers.other = await toCouncil(VALID_NATIONAL_NUMBERS[1], 'Pieter', false);
  });
  afterAll(async () => {
    await sys?.close();
  });

  it('shows the agenda whole to the secretary and only their own team\'s items to others', async () => {
    const place = await agendaItemOf(sys, dossiers.heard!);
    const secretary = await sys.http.get(`/council/meetings/${place.meetingId}`).set(as('council-secretary'));
    expect(secretary.body.items).toHaveLength(2);
    const ownLead = await sys.http.get(`/council/meetings/${place.meetingId}`).set(as('team-lead'));
    expect(ownLead.body.items.map((i: { clientName: string }) => i.clientName).sort()).toEqual(['Hanne Claes', 'Pieter Claes']);
    const otherLead = await sys.http.get(`/council/meetings/${place.meetingId}`).set(as('noord-lead'));
    expect(otherLead.status).toBe(200);
    expect(otherLead.body.items).toEqual([]);
    expect((await meetings('noord-lead')).find((m) => m.id === place.meetingId)?.items).toBe(0);
    expect((await meetings('team-lead')).find((m) => m.id === place.meetingId)?.items).toBe(2);
    const pdf = await sys.http.get(`/council/meetings/${place.meetingId}/agenda.pdf`).set(as('noord-lead')).buffer(true).parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    expect(pdf.status).toBe(200);
    expect((pdf.body as Buffer).toString('latin1')).not.toContain('Claes');
  });

  it('moves a session: its dossiers follow, the client who asked to be heard is invited again, the old date is not re-created', async () => {
    const place = await agendaItemOf(sys, dossiers.heard!);
    const invitationsBefore = await eventually(async () => {
      const keys = await hearingInvitations(dossiers.heard!);
      return keys.length ? keys : undefined;
    });
    const newDate = addDays(place.date, 1); // still before the decision deadline
    expect(newDate <= decisionDue).toBe(true);

    expect((await sys.http.post(`/council/meetings/${place.meetingId}/move`).set(as('team-lead')).send({ date: newDate, reason: 'x' })).status).toBe(403);
    const past = await sys.http.post(`/council/meetings/${place.meetingId}/move`).set(as('council-secretary')).send({ date: addDays(todayInBrussels(), -1), reason: 'x' });
    expect(past.status).toBe(400);
    expect(past.body.errors[0]).toMatchObject({ path: '/date', code: 'not-past' });
    expect((await sys.http.post(`/council/meetings/${place.meetingId}/move`).set(as('council-secretary')).send({ date: newDate })).status).toBe(400);

    const moved = await sys.http.post(`/council/meetings/${place.meetingId}/move`).set(as('council-secretary'))
      .send({ date: newDate, time: '18:30', reason: 'Verlof van de voorzitter' });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ date: newDate, time: '18:30', movedFrom: place.date, items: 2, delivery: { delivered: 2, pending: 0 } });

    const invitations = await eventually(async () => {
      const keys = await hearingInvitations(dossiers.heard!);
      return keys.length > invitationsBefore.length ? keys : undefined;
    });
    expect(invitations).toContain(`hearing-invitation:${place.itemId}:${newDate}T18:30`);
    expect(await hearingInvitations(dossiers.other!)).toEqual([]); // did not ask to be heard
    for (const id of [dossiers.heard!, dossiers.other!]) expect(await timelineTypes(id)).toContain('agenda-moved');

    const calendar = await meetings();
    expect(calendar.find((m) => m.id === place.meetingId)).toMatchObject({ date: newDate, movedFrom: place.date, items: 2 });
    expect(calendar.filter((m) => m.date === place.date && m.kind === 'regular')).toEqual([]);
    const agenda = await sys.http.get(`/council/meetings/${place.meetingId}`).set(as('council-secretary'));
    expect(agenda.body.items.map((i: { urgent: boolean }) => i.urgent)).toEqual([false, false]);
  });

  it('marks the items urgent and escalates to the team lead when the session moves past the decision deadline', async () => {
    const place = await agendaItemOf(sys, dossiers.heard!);
    const late = addDays(decisionDue, 2);
    const moved = await sys.http.post(`/council/meetings/${place.meetingId}/move`).set(as('council-secretary')).send({ date: late, reason: 'Geen quorum' });
    expect(moved.status).toBe(200);
    const agenda = await sys.http.get(`/council/meetings/${place.meetingId}`).set(as('council-secretary'));
    expect(agenda.body.items.map((i: { urgent: boolean }) => i.urgent)).toEqual([true, true]);
    const escalations = await eventually(async () => {
      const res = await sys.http.get('/escalations').set(as('team-lead'));
      const mine = res.body.items.filter((e: { message: string }) => e.message.includes('dringende beslissing'));
      return mine.length === 2 ? mine : undefined;
    });
    expect(escalations[0].message).toMatch(/valt na de beslissingstermijn/);
    expect(await hearingInvitations(dossiers.heard!)).toContain(`hearing-invitation:${place.itemId}:${late}T${agenda.body.time}`);
  });

  it('moves an item to another session whose agenda is open, never to one whose agenda has closed', async () => {
    const place = await agendaItemOf(sys, dossiers.other!);
    const calendar = await meetings();
    const closedAgenda = calendar.find((m) => m.kind === 'regular' && !m.agendaOpen && m.date >= todayInBrussels());
    const openAgenda = calendar.find((m) => m.kind === 'regular' && m.agendaOpen && m.id !== place.meetingId)!;
    const path = `/council/meetings/${place.meetingId}/items/${place.itemId}/move`;
    // Weekly sessions with 8 days' notice: one within the coming week always has its agenda closed already.
    expect(closedAgenda).toBeDefined();
    expect((await sys.http.post(path).set(as('council-secretary')).send({ toMeetingId: closedAgenda!.id, reason: 'x' })).status).toBe(409);
    expect((await sys.http.post(path).set(as('council-secretary')).send({ reason: 'x' })).status).toBe(400);
    expect((await sys.http.post(path).set(as('council-secretary')).send({ toMeetingId: openAgenda.id, extraordinary: { date: todayInBrussels() }, reason: 'x' })).status).toBe(400);

    const moved = await sys.http.post(path).set(as('council-secretary')).send({ toMeetingId: openAgenda.id, reason: 'Dossier vroeger behandelen' });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ meetingId: openAgenda.id, date: openAgenda.date, delivery: { delivered: 1 } });
    const now = await agendaItemOf(sys, dossiers.other!);
    expect(now).toMatchObject({ meetingId: openAgenda.id, itemId: place.itemId });
    const agenda = await sys.http.get(`/council/meetings/${openAgenda.id}`).set(as('council-secretary'));
    expect(agenda.body.items.find((i: { id: string }) => i.id === place.itemId)).toMatchObject({ urgent: openAgenda.date > decisionDue });
    // Its decision still waits for the day of that session.
    const early = await sys.http.post(`/council/meetings/${openAgenda.id}/items/${place.itemId}/decision`).set(as('council-secretary'))
      .send({ result: 'granted', motivation: 'Voldoet.', category: 2, monthlyAmountCents: 131_420, startDate: requestDate });
    expect(early.status).toBe(409);
  });

  it('treats an item at an extraordinary session, records the decision, and closes that session', async () => {
    const before = await agendaItemOf(sys, dossiers.heard!);
    const session = await treatTodayAtExtraordinarySession(sys, dossiers.heard!);
    expect(session.meetingId).not.toBe(before.meetingId);
    const listed = (await meetings()).find((m) => m.id === session.meetingId);
    expect(listed).toMatchObject({ kind: 'extraordinary', time: '08:00', items: 1 });
    // The item was urgent on the late session; on today's extraordinary session it is within the term again.
    const agenda = await sys.http.get(`/council/meetings/${session.meetingId}`).set(as('council-secretary'));
    expect(agenda.body.items).toEqual([expect.objectContaining({ id: session.itemId, urgent: false })]);

    const undecided = await sys.http.post(`/council/meetings/${session.meetingId}/close`).set(as('council-secretary'));
    expect([undecided.status, undecided.body.code, undecided.body.openItems]).toEqual([409, 'undecided-items', 1]);
    const decided = await sys.http.post(`/council/meetings/${session.meetingId}/items/${session.itemId}/decision`).set(as('council-secretary'))
      .send({ result: 'granted', motivation: 'Voldoet aan de voorwaarden.', category: 2, monthlyAmountCents: 131_420, startDate: requestDate });
    expect(decided.status).toBe(200);
    expect(decided.body.decisionDate).toBe(session.date);
    await openTask(dossiers.heard!, 'decision-notification'); // the workflow took the decision of the extraordinary session

    const moveDecided = await sys.http.post(`/council/meetings/${session.meetingId}/move`).set(as('council-secretary')).send({ date: addDays(session.date, 1), reason: 'x' });
    expect(moveDecided.status).toBe(409);
    const closed = await sys.http.post(`/council/meetings/${session.meetingId}/close`).set(as('council-secretary'));
    expect(closed.status).toBe(200);
    expect((await sys.http.post(`/council/meetings/${session.meetingId}/close`).set(as('council-secretary'))).body).toMatchObject({ statusCode: 409, code: 'already-closed' });
    expect((await sys.http.post(`/council/meetings/${session.meetingId}/move`).set(as('council-secretary')).send({ date: addDays(session.date, 1), reason: 'x' })).status).toBe(409);

    // The emptied late session has not taken place yet: it cannot be closed before its day.
    expect((await sys.http.post(`/council/meetings/${before.meetingId}/close`).set(as('council-secretary'))).body).toMatchObject({ statusCode: 409, code: 'not-yet-held', date: before.date });
    const trail = await sys.http.get(`/dossiers/${dossiers.heard}/audit`).set(as('team-lead'));
    expect(trail.body.items.map((e: { action: string }) => e.action)).toEqual(expect.arrayContaining(['council.item-moved', 'council.decision']));
    const outbox = await sys.db.query(`SELECT message, status, count(*)::int AS n FROM workflow_outbox GROUP BY message, status ORDER BY message`);
    expect(outbox.rows).toEqual([{ message: 'agendaItemMoved', status: 'delivered', n: 6 }, { message: 'startWorkflow', status: 'delivered', n: 2 }]);
  });

  it('relays a change whose request died after its commit, and delivers a repeated row only once', async () => {
    const place = await agendaItemOf(sys, dossiers.other!);
    const target = (await meetings()).find((m) => m.kind === 'regular' && m.agendaOpen && m.id !== place.meetingId)!;
    const { rows: [dossier] } = await sys.db.query(`SELECT workflow_id FROM dossiers WHERE id = $1`, [dossiers.other]);
    // What the API writes in its transaction — the item on its new session and the outbox row — and then dies
    // before it could deliver: only the relay is left to tell the workflow.
    const payload = {
      itemId: place.itemId, meetingId: target.id, sessionDate: target.date, time: target.time, place: 'Raadzaal', cutoffDate: target.cutoffDate,
      urgent: target.date > decisionDue, decisionDue, reason: 'na een crash', userId: '00000000-0000-4000-8000-000000000001',
    };
    await sys.db.query('BEGIN');
    await sys.db.query(`UPDATE agenda_items SET meeting_id = $1 WHERE id = $2`, [target.id, place.itemId]);
    const { rows: [row] } = await sys.db.query(
      `INSERT INTO workflow_outbox (dossier_id, workflow_id, message, payload) VALUES ($1, $2, 'agendaItemMoved', $3) RETURNING id`,
      [dossiers.other, dossier.workflow_id, JSON.stringify(payload)],
    );
    await sys.db.query('COMMIT');
    const status = async () => (await sys.db.query(`SELECT status FROM workflow_outbox WHERE id = $1`, [row.id])).rows[0].status;
    await eventually(async () => ((await status()) === 'delivered' ? true : undefined), 20_000);
    const key = `agenda-moved:${place.itemId}:${target.date}T${target.time}`;
    const entries = async () => (await sys.db.query(`SELECT count(*)::int AS n FROM dossier_events WHERE dossier_id = $1 AND key = $2`, [dossiers.other, key])).rows[0].n;
    expect(await entries()).toBe(1);

    // The relay delivered, then died before marking the row: the next pass sends the same Update id again.
    await sys.db.query(`UPDATE workflow_outbox SET status = 'pending', next_attempt_at = now() WHERE id = $1`, [row.id]);
    await eventually(async () => ((await status()) === 'delivered' ? true : undefined), 20_000);
    const history = await sys.temporal.workflow.getHandle(dossier.workflow_id).fetchHistory();
    const moves = (history.events ?? []).filter((e) => e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input?.name === 'agendaItemMoved');
    // two session moves, one item move, and this row once: a second Update for the row would make five
    expect(moves).toHaveLength(4);
    expect(moves.filter((e) => e.workflowExecutionUpdateAcceptedEventAttributes?.protocolInstanceId === row.id)).toHaveLength(1);
    expect(await entries()).toBe(1);
  });
});

import { addDays } from '../../libs/deadlines/calendar-date';
import { formatDateNl } from '../../libs/format/dutch';
import { dossierStateQuery } from '../../workflows/shared/dossier.messages';
import { todayInBrussels, VALID_IBANS, VALID_NATIONAL_NUMBERS } from '../support/factories';
import { startTestSystem, TestSystem } from '../support/system';
import { eventually } from '../support/temporal';

/**
 * Events from outside (issue 10, item 3) through the API, on real PostgreSQL and a real Temporal: recorded in a dossier
 * and delivered to its workflow once through the workflow outbox (even when the API dies between its commit and the
 * delivery), refused before anything is stored when the type or data is wrong, one event per reference, an intake
 * that opens one dossier however often it is posted, and an import file recorded all or nothing.
 */
describe('events from outside (e2e)', () => {
  let sys: TestSystem;
  const as = (user: string) => sys.as(user);
  const today = todayInBrussels();
  const yesterday = addDays(today, -1);
  let dossier: { id: string; workflowId: string };

  const fact = (reference: string | null, description = 'Heeft werk gevonden als poetshulp (halftijds).') =>
    ({ type: 'new-fact-reported', occurredOn: yesterday, reference, data: { fact: 'income', description } });
  const forwarded = (reference: string, lastName: string) => ({
    procedure: 'leefloon',
    type: 'request-forwarded-by-ocmw',
    occurredOn: yesterday,
    reference,
    person: { firstName: 'Amina', lastName, birthDate: '1994-03-12', noNationalNumberReason: 'bis-requested', address: { street: 'Dampoort 4', postalCode: '9000', city: 'Gent' } },
    data: { forwardingOcmw: 'OCMW Aalst', reasons: 'De aanvrager verblijft gewoonlijk in Gent (art. 1 Wet 1965).' },
  });
  const count = async (sql: string, params: unknown[] = []) => (await sys.db.query(sql, params)).rows[0].n as number;
  const outboxRows = async (dossierId: string) =>
    (await sys.db.query(`SELECT id, status FROM workflow_outbox WHERE dossier_id = $1 AND message = 'externalEvent' ORDER BY seq`, [dossierId])).rows as { id: string; status: string }[];
  const delivered = (dossierId: string) =>
    eventually(async () => {
      const rows = await outboxRows(dossierId);
      return rows.length > 0 && rows.every((r) => r.status === 'delivered') ? rows : undefined;
    }, 30_000);
  const acceptedUpdates = async (workflowId: string): Promise<string[]> =>
    ((await sys.temporal.workflow.getHandle(workflowId).fetchHistory()).events ?? [])
      .filter((e) => e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input?.name === 'externalEvent')
      .map((e) => e.workflowExecutionUpdateAcceptedEventAttributes!.protocolInstanceId!);
  const timeline = async (dossierId: string): Promise<string[]> =>
    (await sys.http.get(`/dossiers/${dossierId}`).set(as('social-worker'))).body.timeline.filter((e: { type: string }) => e.type === 'external-event').map((e: { description: string }) => e.description);

  async function openDossier(nationalNumber: string, firstName: string): Promise<{ id: string; workflowId: string }> {
    const person = await sys.http.post('/persons').set(as('social-worker')).send({
      nationalNumber, firstName, lastName: 'Claes', address: { street: 'Kouter 3', postalCode: '9000', city: 'Gent' }, iban: VALID_IBANS[0],
    });
    const opened = await sys.http.post('/dossiers').set(as('social-worker')).send({ procedure: 'leefloon', personId: person.body.id, requestDate: yesterday });
    expect(opened.status).toBe(201);
    // The workflow runs: its first task is open.
    await eventually(async () => ((await sys.http.get('/tasks').set(as('social-worker'))).body.items?.some((t: { dossierId: string }) => t.dossierId === opened.body.id) ? true : undefined));
    return { id: opened.body.id, workflowId: opened.body.workflowId };
  }

  beforeAll(async () => {
    sys = await startTestSystem();
    await sys.loginAll(['social-worker', 'team-lead', 'finance', 'admin']);
    dossier = await openDossier(VALID_NATIONAL_NUMBERS[0], 'Els');
  }, 240_000);
  afterAll(async () => {
    await sys?.close();
  });

  it('delivers a recorded event to the workflow once, although the API died between the commit and the delivery; a redelivery changes nothing', async () => {
    // An earlier change of the dossier waits for its next attempt: the event's row waits behind it, undelivered.
    const nobody = '00000000-0000-4000-8000-00000000dead';
    const { rows: [held] } = await sys.db.query(
      `INSERT INTO workflow_outbox (dossier_id, workflow_id, message, payload, next_attempt_at)
       VALUES ($1, $2, 'dossierReassigned', $3, now() + interval '1 hour') RETURNING id`,
      [dossier.id, dossier.workflowId, JSON.stringify({ fromUserId: nobody, toUserId: nobody, reassignmentId: nobody })],
    );
    const recorded = await sys.http.post(`/dossiers/${dossier.id}/events`).set(as('social-worker')).send(fact('brief-2026-17'));
    expect(recorded.status).toBe(201);
    expect(recorded.body).toMatchObject({ type: 'new-fact-reported', title: 'Nieuw feit gemeld', reference: 'brief-2026-17', duplicate: false, delivered: false });
    expect((await outboxRows(dossier.id)).map((r) => r.status)).toEqual(['pending']);
    await sys.crashAndRestart();
    expect(await timeline(dossier.id)).toEqual([]);

    await sys.db.query(`UPDATE workflow_outbox SET next_attempt_at = now() WHERE id = $1`, [held.id]);
    const [row] = await delivered(dossier.id);
    expect(await acceptedUpdates(dossier.workflowId)).toEqual([row.id]);
    const state = await sys.temporal.workflow.getHandle(dossier.workflowId).query(dossierStateQuery);
    expect(state.pendingEvents).toEqual([{ eventId: recorded.body.id, type: 'new-fact-reported' }]);
    const entry = `Nieuw feit gemeld op ${formatDateNl(yesterday)} (kenmerk brief-2026-17)`;
    await eventually(async () => ((await timeline(dossier.id)).length > 0 ? true : undefined));

    // The relay delivered, then died before marking the row: the same Update id again, answered with the first result.
    await sys.db.query(`UPDATE workflow_outbox SET status = 'pending', next_attempt_at = now() WHERE id = $1`, [row.id]);
    await delivered(dossier.id);
    expect(await acceptedUpdates(dossier.workflowId)).toEqual([row.id]);
    expect(await timeline(dossier.id)).toEqual([entry]);
    const audit = await count(`SELECT count(*)::int AS n FROM audit_events WHERE dossier_id = $1 AND action = 'dossier.event-recorded'`, [dossier.id]);
    expect(audit).toBe(1);
  });

  it('records the same letter twice as one event: 200 with the existing one, nothing delivered again', async () => {
    const again = await sys.http.post(`/dossiers/${dossier.id}/events`).set(as('team-lead')).send(fact('brief-2026-17', 'Andere omschrijving van dezelfde brief.'));
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ duplicate: true, reference: 'brief-2026-17', data: { description: 'Heeft werk gevonden als poetshulp (halftijds).' } });
    expect(await outboxRows(dossier.id)).toHaveLength(1);
    // Without a reference each recording is an event of its own.
    const unreferenced = await sys.http.post(`/dossiers/${dossier.id}/events`).set(as('social-worker')).send(fact(null, 'Verhuist volgende maand.'));
    expect(unreferenced.status).toBe(201);
    await delivered(dossier.id);
    const list = await sys.http.get(`/dossiers/${dossier.id}/events`).set(as('social-worker'));
    expect(list.status).toBe(200);
    expect(list.body.items.map((e: { reference: string | null; delivery: string }) => [e.reference, e.delivery])).toEqual([['brief-2026-17', 'delivered'], [null, 'delivered']]);
    expect((await sys.http.get(`/dossiers/${dossier.id}/events`).set(as('finance'))).status).toBe(403);
  });

  it('refuses an unknown type, bad data, an unknown or closed dossier and a role that records no events, and stores nothing', async () => {
    const before = { events: await count(`SELECT count(*)::int AS n FROM external_events`), outbox: await count(`SELECT count(*)::int AS n FROM workflow_outbox`) };
    const unknown = await sys.http.post(`/dossiers/${dossier.id}/events`).set(as('social-worker')).send({ ...fact('x-1'), type: 'asylum-decision' });
    expect(unknown.status).toBe(400);
    expect(unknown.body).toMatchObject({ statusCode: 400, errors: [{ path: '/type', code: 'unknown-event-type' }] });
    const bad = await sys.http.post(`/dossiers/${dossier.id}/events`).set(as('social-worker')).send({ ...fact('x-2'), data: { fact: 'lottery', extra: 1 } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['/data/description', '/data/extra', '/data/fact']);
    const future = await sys.http.post(`/dossiers/${dossier.id}/events`).set(as('social-worker')).send({ ...fact('x-3'), occurredOn: addDays(today, 2) });
    expect(future.status).toBe(400);
    expect((await sys.http.post(`/dossiers/00000000-0000-4000-8000-000000000404/events`).set(as('social-worker')).send(fact('x-4'))).status).toBe(404);
    expect((await sys.http.post(`/dossiers/${dossier.id}/events`).set(as('finance')).send(fact('x-5'))).status).toBe(403);
    expect((await sys.http.post(`/dossiers/${dossier.id}/events`).set(as('admin')).send(fact('x-6'))).status).toBe(403);
    expect({ events: await count(`SELECT count(*)::int AS n FROM external_events`), outbox: await count(`SELECT count(*)::int AS n FROM workflow_outbox`) }).toEqual(before);

    // A dossier whose procedure has ended (as a forwarded request ends) accepts no event.
    const closed = await openDossier(VALID_NATIONAL_NUMBERS[1], 'Tom');
    await sys.db.query(`UPDATE dossiers SET closed_at = now() WHERE id = $1`, [closed.id]);
    expect((await sys.http.post(`/dossiers/${closed.id}/events`).set(as('social-worker')).send(fact('x-7'))).status).toBe(409);
    expect(await count(`SELECT count(*)::int AS n FROM external_events WHERE dossier_id = $1`, [closed.id])).toBe(0);
  });

  it('opens one dossier for an event that opens one, however often it is posted, with the event as its first', async () => {
    const body = forwarded('AALST-2026-0042', 'Haddad');
    const answers = await Promise.all([1, 2, 3].map(() => sys.http.post('/intake/events').set(as('social-worker')).send(body)));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 201]);
    const dossierIds = new Set(answers.map((a) => a.body.dossierId));
    expect(dossierIds.size).toBe(1);
    const [dossierId] = [...dossierIds];
    expect((await sys.http.post('/intake/events').set(as('team-lead')).send(body)).body).toMatchObject({ dossierId, duplicate: true });
    expect(await count(`SELECT count(*)::int AS n FROM persons WHERE last_name = 'Haddad'`)).toBe(1);
    expect(await count(`SELECT count(*)::int AS n FROM dossiers d JOIN persons p ON p.id = d.person_id WHERE p.last_name = 'Haddad'`)).toBe(1);

    const opened = await sys.http.get(`/dossiers/${dossierId}`).set(as('social-worker'));
    expect(opened.body).toMatchObject({ procedure: 'leefloon', requestDate: yesterday, channel: 'third-party' });
    await delivered(dossierId);
    await eventually(async () => ((await timeline(dossierId)).length > 0 ? true : undefined));
    expect(await timeline(dossierId)).toEqual([`Aanvraag doorgestuurd door een ander OCMW op ${formatDateNl(yesterday)} (kenmerk AALST-2026-0042)`]);

    // An event that opens no dossier is recorded in one; an unknown procedure event is refused; nothing is stored.
    const before = await count(`SELECT count(*)::int AS n FROM dossiers`);
    const notOpening = await sys.http.post('/intake/events').set(as('social-worker')).send({ ...body, reference: 'N-1', type: 'new-fact-reported', data: fact('N-1').data });
    expect(notOpening.status).toBe(400);
    expect(notOpening.body.errors).toEqual([expect.objectContaining({ path: '/type', code: 'not-opening' })]);
    const badPerson = await sys.http.post('/intake/events').set(as('social-worker')).send({ ...body, reference: 'N-2', person: { firstName: 'X' } });
    expect(badPerson.status).toBe(400);
    expect(badPerson.body.errors.map((e: { path: string }) => e.path)).toContain('/person/lastName');
    expect((await sys.http.post('/intake/events').set(as('finance')).send({ ...body, reference: 'N-3' })).status).toBe(403);
    expect(await count(`SELECT count(*)::int AS n FROM dossiers`)).toBe(before);
  });

  it('imports a file all or nothing: a bad line refuses the file with its line number, the good file twice adds nothing', async () => {
    const good = [
      JSON.stringify({ dossierId: dossier.id, ...fact('IMPORT-1', 'Gemeld per brief van de werkgever.') }),
      '',
      JSON.stringify(forwarded('AALST-2026-0043', 'Mertens')),
    ];
    const before = { events: await count(`SELECT count(*)::int AS n FROM external_events`), persons: await count(`SELECT count(*)::int AS n FROM persons`) };
    const bad = await sys.http.post('/intake/imports').set(as('social-worker')).send({
      fileName: 'post-2026-04.jsonl',
      content: [...good, JSON.stringify({ dossierId: dossier.id, ...fact('IMPORT-2'), type: 'asylum-decision' }), '{not json', JSON.stringify({ type: 'x' })].join('\n'),
    });
    expect(bad.status).toBe(400);
    expect(bad.body.badLines).toEqual([4, 5, 6]);
    expect(bad.body.errors.map((e: { path: string }) => e.path)).toEqual(['/lines/4/type', '/lines/5', '/lines/6']);
    expect({ events: await count(`SELECT count(*)::int AS n FROM external_events`), persons: await count(`SELECT count(*)::int AS n FROM persons`) }).toEqual(before);

    const first = await sys.http.post('/intake/imports').set(as('social-worker')).send({ fileName: 'post-2026-04.jsonl', content: good.join('\n') });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ lines: 2, recorded: 2, duplicates: 0 });
    expect(first.body.items.map((i: { line: number }) => i.line)).toEqual([1, 3]);
    const second = await sys.http.post('/intake/imports').set(as('team-lead')).send({ fileName: 'post-2026-04-again.jsonl', content: good.join('\n') });
    expect(second.body).toMatchObject({ lines: 2, recorded: 0, duplicates: 2 });
    expect(second.body.items.map((i: { eventId: string }) => i.eventId)).toEqual(first.body.items.map((i: { eventId: string }) => i.eventId));
    expect(await count(`SELECT count(*)::int AS n FROM external_events`)).toBe(before.events + 2);
    expect(await count(`SELECT count(*)::int AS n FROM persons`)).toBe(before.persons + 1);
    const opened = first.body.items[1].dossierId;
    await delivered(opened);
    await eventually(async () => ((await timeline(opened)).length === 1 ? true : undefined));
    expect((await sys.http.post('/intake/imports').set(as('finance')).send({ fileName: 'x.jsonl', content: good[0] })).status).toBe(403);
  });
});

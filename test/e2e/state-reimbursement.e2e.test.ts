import { addDays } from '../../libs/deadlines/calendar-date';
import { todayInBrussels } from '../support/factories';
import { startTestSystem, TestSystem } from '../support/system';
import { grantStateReimbursedAid } from '../support/task-flow';
import { eventually } from '../support/temporal';

/**
 * The state-reimbursement file of a social aid dossier (issue 14, Wet 1965, §5.3) through the API, the workflows and the
 * database: state-reimbursed aid granted → forms A and B1 to POD MI → the aid paid (a SEPA batch executed) → finance
 * claims it (form D1, its costs read from the payments) → POD MI's export → its answer with the amount reimbursed →
 * the file with what was claimed, reimbursed, refused and is outstanding.
 */
describe('the state-reimbursement file (e2e)', () => {
  let sys: TestSystem;
  const today = todayInBrussels();
  const requestDate = addDays(today, -20);
  beforeAll(async () => {
    sys = await startTestSystem();
    await sys.loginAll(['social-worker', 'council-secretary', 'finance', 'team-lead']);
  });
  afterAll(async () => sys?.close());

  const messages = async (dossierId: string) =>
    (await sys.db.query(`SELECT id, kind, payload FROM partner_messages WHERE dossier_id = $1 ORDER BY created_at`, [dossierId])).rows as { id: string; kind: string; payload: Record<string, unknown> }[];

  it('runs from forms A and B1 to a claim D1 of the aid paid, answered by POD MI with the amount reimbursed', async () => {
    // State-reimbursed aid granted (forms A and B1 at its start, SA-6) and its first payments paid (a batch executed).
    const { id, paidCents: paid } = await grantStateReimbursedAid(sys, { nn: 2, firstName: 'Irina', lastName: 'Terugbetaald' });
    expect((await messages(id)).map((m) => m.kind)).toEqual(['wet1965-A', 'wet1965-B1']);
    expect(paid).toBeGreaterThan(0);

    // Finance claims the aid paid (form D1); a social worker may not (403, nothing recorded).
    const claim = { type: 'wet1965-claim', occurredOn: today, reference: 'D1-JAN', data: { form: 'D1', periodFrom: requestDate, periodTo: today } };
    expect((await sys.http.post(`/dossiers/${id}/events`).set(sys.as('social-worker')).send(claim)).status).toBe(403);
    const missing = await sys.http.post(`/dossiers/${id}/events`).set(sys.as('finance')).send({ ...claim, data: { form: 'D2', periodFrom: requestDate, periodTo: today } });
    expect(missing.status).toBe(400);
    expect(missing.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['/data/amountCents', '/data/description', '/data/paidOn']);
    expect((await sys.http.post(`/dossiers/${id}/events`).set(sys.as('finance')).send(claim)).status).toBe(201);
    const d1 = await eventually(async () => (await messages(id)).find((m) => m.kind === 'wet1965-D1'));
    const content = (d1.payload as { content: { totalCents: number; costs: { amountCents: number }[] } }).content;
    expect(content.totalCents).toBe(paid);
    expect(content.costs.reduce((n, c) => n + c.amountCents, 0)).toBe(paid);

    // The team lead's view: the claim outstanding until POD MI answers.
    const outstanding = await sys.http.get('/dashboard/competence').set(sys.as('team-lead'));
    expect(outstanding.body.reimbursements.dossiers.find((r: { dossierId: string }) => r.dossierId === id)).toMatchObject({
      claims: 1, claimedCents: paid, reimbursedCents: 0, outstandingCents: paid, unanswered: 1, oldestUnansweredOn: today,
    });

    // Not exported yet: POD MI cannot have answered (409).
    const answer = (messageId: string, body: Record<string, unknown>) => sys.http.post(`/partner-messages/${messageId}/answer`).set(sys.as('finance')).send(body);
    expect((await answer(d1.id, { answer: 'accepted', answeredOn: today })).status).toBe(409);
    expect((await sys.http.get('/partner-messages/export?partner=pod-mi').set(sys.as('finance'))).status).toBe(200);

    // POD MI reimburses part of it: more than claimed, or "partly" without a reason, is 400 and changes nothing.
    const over = await answer(d1.id, { answer: 'partly-accepted', answeredOn: today, reimbursedCents: paid + 1, reason: 'Te veel.' });
    expect(over.status).toBe(400);
    expect(over.body.errors).toEqual([expect.objectContaining({ path: '/reimbursedCents', code: 'exceeds-claim' })]);
    expect((await answer(d1.id, { answer: 'partly-accepted', answeredOn: today, reimbursedCents: 1000 })).status).toBe(400);
    const reimbursed = paid - 10_000;
    const answered = await answer(d1.id, { answer: 'partly-accepted', answeredOn: today, reimbursedCents: reimbursed, reason: 'Eén betaling buiten de periode van tenlasteneming.' });
    expect(answered.status).toBe(200);
    expect(answered.body).toEqual({ id: d1.id, answer: 'partly-accepted', answeredOn: today, claimedCents: paid, reimbursedCents: reimbursed });
    expect((await answer(d1.id, { answer: 'accepted', answeredOn: today })).status).toBe(409);
    // The answer is the receipt too: the workflow stops reminding POD MI.
    expect((await sys.db.query(`SELECT acknowledged_at IS NOT NULL AS ack FROM partner_messages WHERE id = $1`, [d1.id])).rows[0].ack).toBe(true);
    // Form B1 is agreed, without an amount (only a claim is reimbursed one).
    const b1 = (await messages(id)).find((m) => m.kind === 'wet1965-B1')!;
    expect((await answer(b1.id, { answer: 'accepted', answeredOn: today, reimbursedCents: 5 })).body.errors).toEqual([expect.objectContaining({ code: 'not-a-claim' })]);
    expect((await answer(b1.id, { answer: 'accepted', answeredOn: today })).status).toBe(200);

    const file = await sys.http.get(`/dossiers/${id}/reimbursement`).set(sys.as('team-lead'));
    expect(file.status).toBe(200);
    expect(file.body.forms.map((f: { form: string; answer: string | null }) => [f.form, f.answer])).toEqual([['A', null], ['B1', 'accepted'], ['D1', 'partly-accepted']]);
    expect(file.body.totals).toEqual({ claimedCents: paid, reimbursedCents: reimbursed, refusedCents: 10_000, outstandingCents: 0 });
    const view = await sys.http.get('/dashboard/competence').set(sys.as('team-lead'));
    expect(view.body.reimbursements.dossiers.find((r: { dossierId: string }) => r.dossierId === id)).toMatchObject({ claimedCents: paid, reimbursedCents: reimbursed, outstandingCents: 0, unanswered: 0 });
    expect(view.body.reimbursements.totals).toMatchObject({ claimedCents: paid, reimbursedCents: reimbursed, outstandingCents: 0 });
    const timeline = (await sys.http.get(`/dossiers/${id}`).set(sys.as('social-worker'))).body.timeline.map((e: { description: string }) => e.description);
    expect(timeline.some((d: string) => d.startsWith('Formulier D1 (Wet 1965) gedeeltelijk aanvaard door de POD MI'))).toBe(true);

    // Winding up (the aid ended, the last claims may still come: the status REIMBURSEMENT_CLAIMS the workflow sets, here
    // set in the read model): another kind of event is refused with 409 and nothing is stored; a claim still reaches it.
    await sys.db.query(`UPDATE dossiers SET status = 'REIMBURSEMENT_CLAIMS' WHERE id = $1`, [id]);
    const move = { type: 'competence-changed', occurredOn: today, data: { since: today, newOcmw: '11002', reasons: 'Verhuisd.' } };
    const refused = await sys.http.post(`/dossiers/${id}/events`).set(sys.as('social-worker')).send(move);
    expect(refused.status).toBe(409);
    expect(JSON.stringify(refused.body)).toContain('only wet1965-claim, wet1965-medical-aid still reach it');
    expect((await sys.db.query(`SELECT count(*)::int AS n FROM external_events WHERE dossier_id = $1 AND type = 'competence-changed'`, [id])).rows[0].n).toBe(0);
    const late = { type: 'wet1965-claim', occurredOn: today, reference: 'D2-LATE', data: { form: 'D2', periodFrom: requestDate, periodTo: today, description: 'Factuur apotheek', amountCents: 2_500, paidOn: today } };
    expect((await sys.http.post(`/dossiers/${id}/events`).set(sys.as('finance')).send(late)).status).toBe(201);
    await eventually(async () => (await messages(id)).find((m) => m.kind === 'wet1965-D2'));
  });
});

import { addDays, addMonths } from '../../libs/deadlines/calendar-date';
import { periodOf } from '../../libs/payments/schedule';
import type { BenefitInput } from '../../workflows/leefloon/leefloon-benefit.workflow';
import { agendaItemOf, treatTodayAtExtraordinarySession } from '../support/council';
import { outcomes, todayInBrussels, VALID_IBANS, VALID_NATIONAL_NUMBERS } from '../support/factories';
import { startTestSystem, TestSystem } from '../support/system';
import { eventually } from '../support/temporal';
import { decodedPayload } from '../support/payload-keys';

/**
 * A leefloon benefit over the years, through HTTP against a real PostgreSQL and a real Temporal dev server, with the
 * real activities (an agenda item is one row per dossier and key): a yearly review that proposes a revision goes to
 * the BCSD as a new item — not the application's decided one — and an urgent grant pays before it is ratified, and
 * stops when the BCSD overrules it.
 */
describe('leefloon benefit over the years (e2e)', () => {
  let sys: TestSystem;
  const as = (user: string) => sys.as(user);

  beforeAll(async () => {
    sys = await startTestSystem();
    await sys.loginAll(['social-worker', 'team-lead', 'council-secretary']);
  });
  afterAll(async () => {
    await sys?.close();
  });

  let people = 0;
  async function openDossier(requestDate: string): Promise<string> {
    const n = people++;
    const person = await sys.http.post('/persons').set(as('social-worker')).send({
      nationalNumber: VALID_NATIONAL_NUMBERS[n], firstName: 'Client', lastName: `Jaren${n}`,
      address: { street: 'Markt 1', postalCode: '9000', city: 'Gent' }, iban: VALID_IBANS[n % VALID_IBANS.length],
    });
    expect(person.status).toBe(201);
    const dossier = await sys.http.post('/dossiers').set(as('social-worker')).send({ procedure: 'leefloon', personId: person.body.id, requestDate });
    expect(dossier.status).toBe(201);
    return dossier.body.id;
  }

  async function complete(dossierId: string, kind: string, outcome: Record<string, unknown>) {
    const task = await eventually(async () => {
      const res = await sys.http.get(`/tasks?assignee=me`).set(as('social-worker'));
      return res.body.items?.find((t: { kind: string; dossierId: string; status: string }) => t.kind === kind && t.dossierId === dossierId && t.status !== 'completed');
    });
    const done = await sys.http.post(`/tasks/${task.id}/complete`).set(as('social-worker')).send(outcome);
    expect({ kind, status: done.status, body: done.status === 200 ? undefined : done.body }).toEqual({ kind, status: 200, body: undefined });
  }

  const dossierRow = async (id: string) => (await sys.db.query(`SELECT status, workflow_id FROM dossiers WHERE id = $1`, [id])).rows[0];

  it('pays an urgent grant before its ratification session, and stops it with its letter and form C when the BCSD overrules it', async () => {
    const today = todayInBrussels();
    const requestDate = addDays(today, -25); // registered late: the decision is due in 5 days, every open session is later
    const id = await openDossier(requestDate);
    await complete(id, 'competence-check', outcomes.competent);
    await complete(id, 'social-inquiry', outcomes.inquiry(requestDate));
    await complete(id, 'social-report', outcomes.report(requestDate));
    const item = await agendaItemOf(sys, id);
    const urgent = await sys.http.post('/council/urgent-decisions').set(as('council-secretary')).send({
      itemId: item.itemId, result: 'granted', motivation: 'Dringend: geen inkomsten.', category: 2, monthlyAmountCents: 131_420, startDate: requestDate,
    });
    expect(urgent.status).toBe(200);
    await complete(id, 'decision-notification', outcomes.notification(today));

    // At once, before any session ratifies it: the arrears are ordered, LL-5 (form B) and LL-8 (GPMI) run.
    const ratification = await eventually(async () => {
      const { rows } = await sys.db.query(
        `SELECT i.id, m.date::text AS date FROM agenda_items i JOIN council_meetings m ON m.id = i.meeting_id WHERE i.dossier_id = $1 AND i.kind = 'ratification'`, [id]);
      return rows[0];
    });
    expect(ratification.date > today).toBe(true); // the ratification session is still ahead: what follows happened before it
    const arrears = await eventually(async () => {
      const { rows } = await sys.db.query(`SELECT period FROM payments WHERE dossier_id = $1 AND kind = 'arrears' ORDER BY period`, [id]);
      return rows.length ? rows.map((r) => r.period) : undefined;
    });
    expect(arrears[0]).toBe(periodOf(requestDate));
    const rules = await eventually(async () => {
      const { rows } = await sys.db.query(`SELECT rule_id, status FROM deadlines WHERE dossier_id = $1`, [id]);
      const found = rows.map((r) => r.rule_id);
      return ['LL-5', 'LL-5-LOSS', 'LL-8'].every((r) => found.includes(r)) ? rows : undefined;
    });
    expect(rules.find((r) => r.rule_id === 'LL-8').status).toBe('running');
    expect((await dossierRow(id)).status).toBe('ACTIVE');

    // The BCSD overrules it (treated today at an extraordinary session): the benefit stops from that date.
    const session = await treatTodayAtExtraordinarySession(sys, id);
    expect(session.itemId).toBe(ratification.id);
    const overruled = await sys.http.post(`/council/meetings/${session.meetingId}/items/${session.itemId}/decision`).set(as('council-secretary'))
      .send({ result: 'overruled', motivation: 'Het BCSD acht de voorwaarden niet vervuld.' });
    expect(overruled.status).toBe(200);
    await complete(id, 'decision-notification', outcomes.notification(today));
    await eventually(async () => ((await dossierRow(id)).status === 'STOPPED' ? true : undefined));
    const notices = (await sys.http.get(`/dossiers/${id}/notices`).set(as('social-worker'))).body.items.map((n: { key: string }) => n.key);
    expect(notices).toEqual(expect.arrayContaining(['decision-letter', `decision-letter-overruled-${session.date}`]));
    const forms = await eventually(async () => {
      const { rows } = await sys.db.query(`SELECT kind FROM partner_messages WHERE dossier_id = $1 ORDER BY created_at`, [id]);
      return rows.some((r) => r.kind === 'form-C') ? rows.map((r) => r.kind) : undefined;
    });
    expect(forms).toEqual(['form-B', 'form-C']);
    const recovery = await sys.db.query(`SELECT message FROM escalations WHERE dossier_id = $1 AND deadline_key LIKE 'recovery:%'`, [id]);
    expect(recovery.rows[0].message).toContain('art. 24 RMI-wet');
  });

  it('takes a year-2 review that proposes a revision to the BCSD as a new agenda item, and the next year pays the revised grant', async () => {
    const today = todayInBrussels();
    const requestDate = addDays(today, -1);
    const id = await openDossier(requestDate);
    await complete(id, 'competence-check', outcomes.competent);
    await complete(id, 'social-inquiry', outcomes.inquiry(requestDate));
    await complete(id, 'social-report', outcomes.report(requestDate));
    const granted = await treatTodayAtExtraordinarySession(sys, id);
    const decided = await sys.http.post(`/council/meetings/${granted.meetingId}/items/${granted.itemId}/decision`).set(as('council-secretary'))
      .send({ result: 'granted', motivation: 'Voldoet aan de voorwaarden.', category: 2, monthlyAmountCents: 131_420, startDate: requestDate });
    expect(decided.status).toBe(200);
    await complete(id, 'decision-notification', outcomes.notification(today));

    // A year on: the dossier's benefit as it runs in its second year (what continue-as-new hands the second run), its
    // last home visit eleven months ago, so the yearly review is due now. Time cannot be skipped on a real server.
    const { workflow_id: workflowId } = await dossierRow(id);
    const handle = sys.temporal.workflow.getHandle(workflowId);
    await eventually(async () => ((await handle.describe()).type === 'leefloonBenefit' ? true : undefined));
    const history = await handle.fetchHistory();
    const year1 = await decodedPayload<BenefitInput>(history.events![0].workflowExecutionStartedEventAttributes!.input!.payloads![0]);
    const description = await handle.describe();
    await handle.terminate('test: the second year');
    await sys.temporal.workflow.start('leefloonBenefit', {
      workflowId, taskQueue: description.taskQueue,
      args: [{ ...year1, year: 2, nextPeriod: periodOf(addMonths(today, 1).date), lastHomeVisit: addDays(today, -340), appealFrom: undefined, podMi: [],
        gpmi: { signed: true, lastEvaluation: today }, dossier: { ...year1.dossier, carry: undefined } } satisfies BenefitInput],
    });
    await complete(id, 'yearly-review', { homeVisitDate: today, proposal: 'revise', category: 1, monthlyResourcesCents: 10_000, motivation: 'Woont nu samen.' });

    const revision = await agendaItemOf(sys, id);
    expect(revision.itemId).not.toBe(granted.itemId);
    const keys = (await sys.db.query(`SELECT key, status FROM agenda_items WHERE dossier_id = $1 ORDER BY created_at`, [id])).rows;
    expect(keys).toEqual([{ key: 'application:decision-1', status: 'decided' }, { key: 'review-2:decision-1', status: 'scheduled' }]);
    const treated = await treatTodayAtExtraordinarySession(sys, id);
    const revised = await sys.http.post(`/council/meetings/${treated.meetingId}/items/${treated.itemId}/decision`).set(as('council-secretary'))
      .send({ result: 'revised', motivation: 'Samenwonend: categorie 1.', category: 1 });
    expect(revised.status).toBe(200);
    await complete(id, 'decision-notification', outcomes.notification(today));

    // The third run pays the revised grant (category 1, the new resources), and form B of the revision is queued.
    const year3 = await eventually(async () => {
      const d = await handle.describe();
      if (d.runId === description.runId) return undefined;
      const h = await sys.temporal.workflow.getHandle(workflowId, d.runId).fetchHistory();
      const input = await decodedPayload<BenefitInput>(h.events![0].workflowExecutionStartedEventAttributes!.input!.payloads![0]);
      return input.year === 3 ? input : undefined;
    });
    expect(year3.grant).toMatchObject({ category: 1, monthlyResourcesCents: 10_000, decisionDate: today });
    const forms = await eventually(async () => {
      const { rows } = await sys.db.query(`SELECT kind, payload FROM partner_messages WHERE dossier_id = $1 ORDER BY created_at`, [id]);
      return rows.length >= 2 ? rows : undefined;
    });
    expect(forms.map((f) => [f.kind, f.payload.decision.type])).toEqual([['form-B', 'grant'], ['form-B', 'revision']]);
    const notices = (await sys.http.get(`/dossiers/${id}/notices`).set(as('social-worker'))).body.items.map((n: { key: string }) => n.key);
    expect(notices).toContain('decision-letter-review-2');
    // The revised grant runs: the dossier is active again (the third run records it after its start, so wait for it).
    await eventually(async () => ((await dossierRow(id)).status === 'ACTIVE' ? true : undefined));
    // Both years' status events are in the timeline: the second year's "active" was not swallowed by the first's key.
    const active = await eventually(async () => {
      const { rows } = await sys.db.query(`SELECT key FROM dossier_events WHERE dossier_id = $1 AND type = 'active' ORDER BY at`, [id]);
      return rows.length >= 2 ? rows.map((r) => r.key) : undefined;
    });
    expect(new Set(active).size).toBe(active.length);
  });
});

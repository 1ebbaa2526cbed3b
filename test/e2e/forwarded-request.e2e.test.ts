import { addDays } from '../../libs/deadlines/calendar-date';
import { formatDateNl } from '../../libs/format/dutch';
import { addWorkingDays } from '../../libs/deadlines/holidays';
import { todayInBrussels } from '../support/factories';
import { startTestSystem, TestSystem } from '../support/system';
import { eventually } from '../support/temporal';

/**
 * A request another OCMW forwarded (CO-1, issue 14): it opens a dossier here, and its clocks run from the request's date
 * at that OCMW (OCMW_FORWARDED_REQUEST_CLOCKS=original, the default, [U]) or from the day it arrived
 * (=receipt); the timeline says which. Leefloon, social aid and debt mediation all take it.
 */
describe('a forwarded request (e2e)', () => {
  const today = todayInBrussels();
  const arrived = addDays(today, -1);
  const original = addDays(today, -4);
  const body = (procedure: string, reference: string, lastName: string, data: Record<string, unknown> = {}) => ({
    procedure, type: 'request-forwarded-by-ocmw', occurredOn: arrived, reference,
    person: { firstName: 'Yasmina', lastName, birthDate: '1990-02-02', noNationalNumberReason: 'bis-requested', address: { street: 'Dampoort 4', postalCode: '9000', city: 'Gent' } },
    data: { forwardingOcmw: 'OCMW Aalst', reasons: 'Verblijft gewoonlijk in Gent (art. 1, 1° Wet 1965).', originalRequestDate: original, ...data },
  });
  const decisionClock = (sys: TestSystem, dossierId: string) =>
    eventually(async () => (await sys.db.query(`SELECT trigger_date::text AS trigger_date FROM deadlines WHERE dossier_id = $1 AND key = 'decision'`, [dossierId])).rows[0]);
  const note = async (sys: TestSystem, dossierId: string) =>
    (await sys.db.query(`SELECT description, data FROM dossier_events WHERE dossier_id = $1 AND type = 'request-date'`, [dossierId])).rows;

  describe('clocks from the original request (the default)', () => {
    let sys: TestSystem;
    beforeAll(async () => {
      sys = await startTestSystem();
      await sys.loginAll(['social-worker']);
    });
    afterAll(async () => sys?.close());

    it('opens the dossier with the original request date; its decision term runs from it; the timeline explains it', async () => {
      const opened = await sys.http.post('/intake/events').set(sys.as('social-worker')).send(body('leefloon', 'AALST-1', 'Idrissi'));
      expect(opened.status).toBe(201);
      const dossier = await sys.http.get(`/dossiers/${opened.body.dossierId}`).set(sys.as('social-worker'));
      expect(dossier.body).toMatchObject({ requestDate: original, channel: 'third-party' });
      expect((await decisionClock(sys, opened.body.dossierId)).trigger_date).toBe(original);
      expect(await note(sys, opened.body.dossierId)).toEqual([{
        description: `De termijnen lopen vanaf de aanvraag bij het doorsturende OCMW op ${formatDateNl(original)}, niet vanaf de ontvangst hier op ${formatDateNl(arrived)} (instelling OCMW_FORWARDED_REQUEST_CLOCKS=original; [U] nog te bevestigen).`,
        data: { requestDate: original, receivedOn: arrived, originalRequestDate: original, clocks: 'original' },
      }]);
    });

    it('social aid and debt mediation take a forwarded request too; without the original date the arrival counts', async () => {
      for (const [procedure, name] of [['social-aid', 'Amrani'], ['debt-mediation', 'Bakkali']]) {
        const opened = await sys.http.post('/intake/events').set(sys.as('social-worker')).send(body(procedure, `AALST-${procedure}`, name, { originalRequestDate: undefined }));
        expect(opened.status).toBe(201);
        expect((await sys.http.get(`/dossiers/${opened.body.dossierId}`).set(sys.as('social-worker'))).body).toMatchObject({ procedure, requestDate: arrived });
        expect((await note(sys, opened.body.dossierId))[0].description).toContain('de datum van de aanvraag bij het doorsturende OCMW is niet gekend');
      }
    });

    it('refuses an original date after the arrival, storing nothing', async () => {
      const before = (await sys.db.query(`SELECT count(*)::int AS n FROM dossiers`)).rows[0].n;
      const refused = await sys.http.post('/intake/events').set(sys.as('social-worker')).send({ ...body('leefloon', 'AALST-2', 'Zeroual'), occurredOn: addDays(today, -5) });
      expect(refused.status).toBe(400);
      expect(refused.body.errors).toEqual([expect.objectContaining({ path: '/data/originalRequestDate', code: 'after-arrival' })]);
      expect((await sys.db.query(`SELECT count(*)::int AS n FROM dossiers`)).rows[0].n).toBe(before);
    });
  });

  describe('declined here: the competence conflict (CO-2, CO-3)', () => {
    let sys: TestSystem;
    beforeAll(async () => {
      sys = await startTestSystem();
      await sys.loginAll(['social-worker', 'team-lead']);
    });
    afterAll(async () => sys?.close());
    const openTask = (dossierId: string, kind: string) =>
      eventually(async () => (await sys.http.get('/tasks').set(sys.as('social-worker'))).body.items.find((t: { dossierId: string; kind: string }) => t.dossierId === dossierId && t.kind === kind));
    const complete = async (dossierId: string, kind: string, outcome: Record<string, unknown>) =>
      sys.http.post(`/tasks/${(await openTask(dossierId, kind)).id}/complete`).set(sys.as('social-worker')).send(outcome);

    it('takes a received request it is not competent for to POD MI, records the designation, and sends the request to the designated OCMW', async () => {
      const opened = await sys.http.post('/intake/events').set(sys.as('social-worker')).send(body('social-aid', 'AALST-CONFLICT', 'Ouali'));
      expect(opened.status).toBe(201);
      const dossierId = opened.body.dossierId;
      // This OCMW (Gent) finds Antwerpen competent: the facts say so, and the request came from Aalst.
      const declined = await complete(dossierId, 'competence-check', {
        situation: 'usual-residence', usualResidence: '11002', competent: false, rule: 'usual-residence', competentOcmw: 'OCMW Antwerpen', reasons: 'Woont gewoonlijk in Antwerpen.',
      });
      expect(declined.status).toBe(200);
      const submission = await openTask(dossierId, 'submit-competence-conflict');
      expect(submission.title).toBe('Bevoegdheidsconflict voorleggen aan de POD MI');
      expect((await sys.http.get(`/tasks/${submission.id}/prefill`).set(sys.as('social-worker'))).body.values).toEqual({ reasons: 'Woont gewoonlijk in Antwerpen.' });
      const clock = await eventually(async () => (await sys.db.query(`SELECT rule_id, due_date::text AS due FROM deadlines WHERE dossier_id = $1 AND key = 'competence-conflict'`, [dossierId])).rows[0]);
      expect(clock).toEqual({ rule_id: 'CO-2', due: addWorkingDays(today, 5) });
      expect((await complete(dossierId, 'submit-competence-conflict', { submittedOn: today, podMiReference: 'BC-17', reasons: 'Woont gewoonlijk in Antwerpen.' })).status).toBe(200);
      await eventually(async () => ((await sys.http.get(`/dossiers/${dossierId}`).set(sys.as('social-worker'))).body.status === 'AWAITING_DESIGNATION' ? true : undefined));

      // POD MI's designation, as an event: another OCMW needs its NIS code (400 without, nothing recorded).
      const event = (data: Record<string, unknown>) => ({ type: 'competence-designation', occurredOn: today, reference: 'BC-17', data });
      const refused = await sys.http.post(`/dossiers/${dossierId}/events`).set(sys.as('social-worker')).send(event({ designated: 'other-ocmw' }));
      expect(refused.status).toBe(400);
      expect(refused.body.errors).toEqual([expect.objectContaining({ path: '/data/designatedOcmw', code: 'required' })]);
      expect((await sys.http.post(`/dossiers/${dossierId}/events`).set(sys.as('social-worker')).send(event({ designated: 'other-ocmw', designatedOcmw: '11002' }))).status).toBe(201);
      const forward = await openTask(dossierId, 'forward-request');
      expect(forward).toBeDefined();
      const dossier = await sys.http.get(`/dossiers/${dossierId}`).set(sys.as('social-worker'));
      expect(dossier.body.status).toBe('FORWARDING');
      expect(dossier.body.timeline.map((e: { description: string }) => e.description)).toEqual(expect.arrayContaining([
        'Aanvraag doorgestuurd door OCMW Aalst, maar ook dit OCMW is niet bevoegd: bevoegdheidsconflict, voor te leggen aan de POD MI',
        `De POD MI wees op ${formatDateNl(today)} voorlopig OCMW Antwerpen aan: de aanvraag gaat er met redenen heen`,
      ]));
      const co3 = (await sys.db.query(`SELECT status, met_date::text AS met FROM deadlines WHERE dossier_id = $1 AND key = 'competence-designation'`, [dossierId])).rows[0];
      expect(co3).toEqual({ status: 'met', met: today });

      // The team lead's view: received from Aalst, the conflict designated, the request now being forwarded (CO-1).
      const view = await sys.http.get('/dashboard/competence').set(sys.as('team-lead'));
      expect(view.status).toBe(200);
      expect(view.body.received.find((r: { dossierId: string }) => r.dossierId === dossierId)).toMatchObject({ forwardingOcmw: 'OCMW Aalst', receivedOn: arrived, open: true });
      expect(view.body.conflicts.find((c: { dossierId: string }) => c.dossierId === dossierId)).toMatchObject({
        stage: 'designated', submission: { status: 'met', metDate: today, dueDate: addWorkingDays(today, 5) }, designation: { status: 'met', metDate: today }, decidedOn: null,
      });
      expect(view.body.forwarded.find((f: { dossierId: string }) => f.dossierId === dossierId)).toMatchObject({ status: 'FORWARDING', term: { metDate: null, dueDate: addDays(today, 5) } });
      expect((await sys.http.get('/dashboard/competence').set(sys.as('social-worker'))).status).toBe(403);
    });
  });

  describe('clocks from the receipt (OCMW_FORWARDED_REQUEST_CLOCKS=receipt)', () => {
    let sys: TestSystem;
    beforeAll(async () => {
      sys = await startTestSystem({ OCMW_FORWARDED_REQUEST_CLOCKS: 'receipt' });
      await sys.loginAll(['social-worker']);
    });
    afterAll(async () => sys?.close());

    it('opens the dossier on the day the request arrived, and says the original date does not count', async () => {
      const opened = await sys.http.post('/intake/events').set(sys.as('social-worker')).send(body('leefloon', 'AALST-3', 'Tahiri'));
      expect(opened.status).toBe(201);
      expect((await sys.http.get(`/dossiers/${opened.body.dossierId}`).set(sys.as('social-worker'))).body.requestDate).toBe(arrived);
      expect((await decisionClock(sys, opened.body.dossierId)).trigger_date).toBe(arrived);
      expect((await note(sys, opened.body.dossierId))[0].description).toContain('OCMW_FORWARDED_REQUEST_CLOCKS=receipt');
    });
  });
});

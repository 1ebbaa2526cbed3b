import { addDays } from '../../libs/deadlines/calendar-date';
import type { JsonSchema } from '../../libs/validation/schema';
import { treatTodayAtExtraordinarySession } from '../support/council';
import { todayInBrussels, VALID_IBANS } from '../support/factories';
import { startTestSystem, TestSystem } from '../support/system';
import { eventually } from '../support/temporal';

/**
 * A client that knows no procedure: it reads `GET /procedures` and each task's `outcomeSchema`, fills every form from
 * its schema alone (the first choice of each `oneOf`, what an `if`/`then` requires, dates, amounts within bounds) and
 * walks every procedure from the request to its notified decision through the API. Both the leefloon and social aid
 * run on the same core: nothing here is written for one of them.
 */
describe('a generic client walks every procedure to its decision (e2e)', () => {
  let sys: TestSystem;
  const requestDate = addDays(todayInBrussels(), -1);

  let selfNis: string;
  /** The party linked to the dossier being walked, for a form that picks one (an advance's paying body). */
  let dossierParty: string | undefined;

  beforeAll(async () => {
    sys = await startTestSystem();
    await sys.loginAll(['social-worker', 'council-secretary']);
    selfNis = (await sys.http.get('/ocmws').set(sys.as('social-worker'))).body.items.find((o: { self: boolean }) => o.self).nisCode;
  });
  afterAll(async () => {
    await sys?.close();
  });

  /** A value for one property from its schema: the first choice, today for a date, the lowest number allowed (no resources). */
  function valueOf(name: string, s: JsonSchema): unknown {
    if (s.oneOf?.length) return s.oneOf[0].const;
    // An id picked from the list its annotation names: an OCMW of the directory — this one (GET /ocmws, `self`).
    if (s['x-pick'] === 'ocmw') return selfNis;
    // A party of the dossier: the one this client linked to it (dossierParty).
    if (s['x-pick'] === 'dossier-party') return dossierParty;
    if (s.format === 'date') return todayInBrussels();
    if (s.format === 'iban') return VALID_IBANS[0];
    if (s.type === 'integer') return s.minimum ?? 0;
    if (s.type === 'boolean') return true;
    return `${s.title ?? name} (test)`.slice(0, s.maxLength ?? 200);
  }

  /** An outcome that satisfies the schema: its required fields, then whatever its conditionals require, until stable. */
  function fill(schema: JsonSchema): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    const props = schema.properties ?? {};
    const require = (fields: readonly string[] = []) => {
      for (const f of fields) if (out[f] === undefined) out[f] = valueOf(f, props[f]);
    };
    require(schema.required);
    for (let changed = true; changed; ) {
      changed = false;
      for (const c of schema.allOf ?? []) {
        const when = Object.entries(c.if?.properties ?? {}).every(([f, p]) => out[f] !== undefined && out[f] === (p as JsonSchema).const);
        const missing = (c.then?.required ?? []).filter((f) => out[f] === undefined);
        if (when && missing.length > 0) {
          require(missing);
          changed = true;
        }
      }
    }
    return out;
  }

  it('lists the procedures, each with its statuses, task kinds and council schemas', async () => {
    const res = await sys.http.get('/procedures').set(sys.as('social-worker'));
    expect(res.status).toBe(200);
    expect(res.body.items.map((p: { name: string }) => p.name)).toEqual(['leefloon', 'social-aid', 'debt-mediation', 'loi', 'heating-allowance', 'benefit-advance', 'rent-guarantee', 'placement-costs', 'counselling']);
    expect(res.body.items.map((p: { opensBy: string }) => p.opensBy)).toEqual(['request', 'request', 'request', 'event', 'request', 'request', 'request', 'request', 'request']);
    // The counselling dossier is asked for, but no BCSD decides on it (the social service guides on its own).
    expect(res.body.items.filter((p: { decidedByCouncil: boolean }) => !p.decidedByCouncil).map((p: { name: string }) => p.name)).toEqual(['loi', 'counselling']);
  });

  it('walks each procedure from its request through its tasks and the BCSD to the notified decision', async () => {
    const { body } = await sys.http.get('/procedures').set(sys.as('social-worker'));
    const walked: Record<string, { kinds: string[]; status: string; letter: string }> = {};
    // The procedures a person asks for and the BCSD decides on; one opened by an event (the LOI) has no request to walk,
    // the counselling dossier no decision (test/e2e/counselling.e2e.test.ts walks it).
    type Listed = { name: string; opensBy: string; decidedByCouncil: boolean; referencePrefix: string; council: { decisions: { itemKind: string; schema: JsonSchema }[] }; statuses: { code: string; label: string }[] };
    for (const [n, procedure] of (body.items as Listed[]).filter((p) => p.opensBy === 'request' && p.decidedByCouncil).entries()) {
      const person = await sys.http.post('/persons').set(sys.as('social-worker')).send({
        noNationalNumberReason: 'unknown', birthDate: '1990-01-0' + (n + 1), firstName: 'Generiek', lastName: `Cliënt ${procedure.name}`,
        address: { street: 'Markt 1', postalCode: '9000', city: 'Gent' }, iban: VALID_IBANS[0], confirmNotDuplicate: true,
      });
      expect(person.status).toBe(201);
      const dossier = await sys.http.post('/dossiers').set(sys.as('social-worker')).send({ procedure: procedure.name, personId: person.body.id, requestDate });
      expect(dossier.status).toBe(201);
      expect(dossier.body.reference.startsWith(`${procedure.referencePrefix}-`)).toBe(true);
      const id = dossier.body.id;
      const kinds: string[] = [];

      // Tasks, one after the other, each completed from its outcome schema, until the dossier is on the BCSD agenda.
      const nextTask = (orAgenda = true) =>
        eventually(async () => {
          const tasks = await sys.http.get('/tasks').set(sys.as('social-worker'));
          const open = tasks.body.items.find((t: { dossierId: string }) => t.dossierId === id);
          if (open || !orAgenda) return open;
          const d = await sys.http.get(`/dossiers/${id}`).set(sys.as('social-worker'));
          return d.body.status === 'ON_AGENDA' ? 'agenda' : undefined;
        });
      for (let task = await nextTask(); task !== 'agenda'; task = await nextTask()) {
        const { body: t } = await sys.http.get(`/tasks/${task.id}`).set(sys.as('social-worker'));
        // A form that must name a party of the dossier: one is registered and linked first, as a social worker would.
        const picksParty = (t.outcomeSchema.required ?? []).some((f: string) => t.outcomeSchema.properties[f]['x-pick'] === 'dossier-party');
        if (picksParty && !dossierParty) {
          const party = await sys.http.post('/parties').set(sys.as('social-worker')).send({ name: `Partij ${procedure.name}`, kind: 'paying-body', address: { street: 'Markt 2', postalCode: '9000', city: 'Gent' } });
          expect((await sys.http.post(`/dossiers/${id}/parties`).set(sys.as('social-worker')).send({ partyId: party.body.id, role: 'paying-body' })).status).toBe(201);
          dossierParty = party.body.id;
        }
        const done = await sys.http.post(`/tasks/${task.id}/complete`).set(sys.as('social-worker')).send(fill(t.outcomeSchema));
        expect([t.kind, done.status, done.body.message]).toEqual([t.kind, 200, undefined]);
        kinds.push(t.kind);
      }

      // The BCSD decides today: the first result of the procedure's decision schema, with what the proposal says of the
      // decision's own fields (as the web app does).
      const place = await treatTodayAtExtraordinarySession(sys, id);
      const { body: meeting } = await sys.http.get(`/council/meetings/${place.meetingId}`).set(sys.as('council-secretary'));
      const item = meeting.items.find((i: { id: string }) => i.id === place.itemId);
      const schema = procedure.council.decisions.find((d) => d.itemKind === 'decision')!.schema;
      const own = Object.keys(schema.properties ?? {}).filter((f) => !['result', 'decisionDate', 'motivation'].includes(f) && item.proposal[f] !== undefined);
      const decision = await sys.http.post(`/council/meetings/${place.meetingId}/items/${place.itemId}/decision`).set(sys.as('council-secretary')).send({
        result: schema.properties!.result.oneOf![0].const, motivation: 'Voldoet aan de voorwaarden.', ...Object.fromEntries(own.map((f) => [f, item.proposal[f]])),
      });
      expect([procedure.name, decision.status, decision.body.message]).toEqual([procedure.name, 200, undefined]);

      // The notification, again from its schema; then the decision is notified.
      const notification = await nextTask(false);
      const { body: nt } = await sys.http.get(`/tasks/${notification.id}`).set(sys.as('social-worker'));
      expect(nt.kind).toBe('decision-notification');
      expect((await sys.http.post(`/tasks/${notification.id}/complete`).set(sys.as('social-worker')).send(fill(nt.outcomeSchema))).status).toBe(200);
      kinds.push(nt.kind);
      const notified = await eventually(async () => {
        const d = await sys.http.get(`/dossiers/${id}`).set(sys.as('social-worker'));
        return d.body.timeline.some((e: { type: string }) => e.type === 'notified') ? d.body : undefined;
      }).catch(async (err) => {
        const d = await sys.http.get(`/dossiers/${id}`).set(sys.as('social-worker'));
        const esc = await sys.db.query('SELECT message FROM escalations WHERE dossier_id = $1', [id]);
        throw new Error(`${procedure.name}: ${err.message}: ${JSON.stringify({ status: d.body.status, timeline: d.body.timeline.map((e: { type: string }) => e.type), escalations: esc.rows })}`);
      });
      const letter = notified.notices.find((x: { kind: string }) => x.kind === 'decision-grant');
      walked[procedure.name] = { kinds, status: notified.status, letter: letter?.kind };
      expect(procedure.statuses.map((s) => s.code)).toContain(notified.status);
    }
    expect(walked).toEqual({
      leefloon: { kinds: ['competence-check', 'social-inquiry', 'social-report', 'decision-notification'], status: expect.any(String), letter: 'decision-grant' },
      'social-aid': { kinds: ['competence-check', 'aid-inquiry', 'aid-report', 'decision-notification'], status: expect.any(String), letter: 'decision-grant' },
      'debt-mediation': { kinds: ['competence-check', 'debt-inquiry', 'debt-report', 'decision-notification'], status: 'TRAJECTORY_ACTIVE', letter: 'decision-grant' },
      // The heating allowance's proposal is computed from the inquiry (no report task); a grant is ordered for payment.
      'heating-allowance': { kinds: ['competence-check', 'heating-inquiry', 'decision-notification'], status: 'ALLOWANCE_PAID', letter: 'decision-grant' },
      // An advance: the proposal computed from the inquiry, which names the paying body (a party of the dossier).
      'benefit-advance': { kinds: ['competence-check', 'advance-inquiry', 'decision-notification'], status: expect.stringMatching(/^(NOTIFIED|ADVANCES_RUNNING)$/), letter: 'decision-grant' },
      // A rent guarantee: the proposal computed from the inquiry, which names the landlord (a party of the dossier).
      'rent-guarantee': { kinds: ['competence-check', 'guarantee-inquiry', 'decision-notification'], status: expect.stringMatching(/^(NOTIFIED|GUARANTEE_GIVEN)$/), letter: 'decision-grant' },
      // Placement costs: the proposal computed from the inquiry, which names the care home (a party of the dossier).
      'placement-costs': { kinds: ['competence-check', 'placement-inquiry', 'decision-notification'], status: expect.stringMatching(/^(NOTIFIED|PLACEMENT_RUNNING)$/), letter: 'decision-grant' },
    });
  });
});

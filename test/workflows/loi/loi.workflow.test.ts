import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import { addDays, addMonths, compareDates, daysBetween, startOfDay } from '../../../libs/deadlines/calendar-date';
import { addWorkingDays, isWeekend, legalHoliday } from '../../../libs/deadlines/holidays';
import { formatDateNl } from '../../../libs/format/dutch';
import { loiResidency } from '../../../workflows/loi/loi.workflow';
import { completeTaskUpdate, dossierStateQuery, ExternalEventInput, externalEventUpdate, partnerMessageExportedUpdate } from '../../../workflows/shared/dossier.messages';
import { aDossierInput, todayInBrussels } from '../../support/factories';
import { fakeActivities } from '../../support/fake-activities';
import { eventually, timeSkippingEnv, uniqueTaskQueue, workflowBundle } from '../../support/temporal';

type Fake = ReturnType<typeof fakeActivities>;
const TZ = 'Europe/Brussels';
const PLACE = randomUUID();
const PARTNER = randomUUID();

/**
 * The LOI (domain §4) on the time-skipping server with fake activities: a household from Fedasil's assignment to its
 * departure. Every date is derived from the server's clock (no test depends on today): the arrival is put on the
 * first day from now whose next working day lies after a weekend and a legal holiday.
 */
describe('loiResidency (time-skipping)', () => {
  let env: TestWorkflowEnvironment;
  beforeEach(async () => void (env = await timeSkippingEnv()));
  afterEach(async () => env?.teardown());

  const today = async () => todayInBrussels(await env.currentTimeMs());
  /** Moves time to just after `hours` o'clock on `date` in Brussels. */
  const sleepTo = async (date: string, hours = 1) => {
    const ms = startOfDay(date, TZ) + hours * 3_600_000 - (await env.currentTimeMs());
    if (ms > 0) await env.sleep(ms);
  };

  async function run(fn: (ctx: { fake: Fake; taskQueue: string }) => Promise<void>, options: Parameters<typeof fakeActivities>[0] = {}) {
    const fake = fakeActivities(options);
    const taskQueue = uniqueTaskQueue('loi');
    const worker = await Worker.create({ connection: env.nativeConnection, taskQueue, workflowBundle: await workflowBundle(), activities: fake.activities });
    await worker.runUntil(fn({ fake, taskQueue }));
  }

  let eventN = 0;
  async function start(taskQueue: string, assignedOn: string) {
    const input = aDossierInput({ procedure: 'loi', reference: 'LOI-2026-000001', requestDate: assignedOn, channel: 'third-party', settings: { warningDays: 7, timeZone: TZ } });
    const handle = await env.client.workflow.start(loiResidency, { args: [input], taskQueue, workflowId: `dossier-${input.dossierId}` });
    const event = (type: string, occurredOn: string, data: Record<string, unknown>) => {
      const e: ExternalEventInput = { eventId: `event-${++eventN}`, type, occurredOn, reference: null, data, recordedBy: 'mw-1' };
      return handle.executeUpdate(externalEventUpdate, { args: [e] });
    };
    await event('fedasil-assignment', assignedOn, { fedasilReference: 'FED-2026-0042', code207: true, asylumAppliedOn: addDays(assignedOn, -20), householdSize: 3 });
    return { input, handle, event };
  }
  const complete = async (fake: Fake, workflowId: string, kind: string, outcome: Record<string, unknown>, key?: string) => {
    const task = await eventually(() => fake.openTasks().find((t) => t.kind === kind && (key === undefined || t.deadlineKey === key)));
    return env.client.workflow.getHandle(workflowId).executeUpdate(completeTaskUpdate, { args: [{ taskId: task.taskId, userId: 'u-1', userRole: 'social-worker', outcome }] });
  };
  const evaluation = (evaluatedOn: string) => ({ evaluatedOn, needs: 'Gezin stabiel; school geregeld.', vulnerable: false, transferRequested: false });
  /** The first day from `from` whose next working day comes after a weekend day and a legal holiday. */
  function beforeWeekendAndHoliday(from: string): string {
    for (let d = from; ; d = addDays(d, 1)) {
      const next = addWorkingDays(d, 1);
      const between = Array.from({ length: daysBetween(d, next) - 1 }, (_, i) => addDays(d, i + 1));
      if (between.some(isWeekend) && between.some((x) => legalHoliday(x) !== null) && !isWeekend(d) && !legalHoliday(d)) return d;
    }
  }

  it('assignment → arrival (Match-IT by 10:00 after a weekend and a holiday), LOI-1 and two LOI-2 evaluations, weekly leefgeld, a recognition with a linked leefloon, departure', async () => {
    await run(async ({ fake, taskQueue }) => {
      const now = await today();
      const arrivalDate = beforeWeekendAndHoliday(addDays(now, 1));
      const assignedOn = now;
      const { input, handle, event } = await start(taskQueue, assignedOn);
      const { dossierId } = input;
      expect((await handle.query(dossierStateQuery)).status).toBe('ASSIGNED');
      // LOI-1: the first evaluation within 30 days of the assignment.
      await eventually(() => fake.of('planDeadline').find((d) => d.key === 'evaluation-1'));
      expect(fake.of('planDeadline').find((d) => d.key === 'evaluation-1')).toMatchObject({ ruleId: 'LOI-1', triggerDate: assignedOn, dossierId });

      await sleepTo(arrivalDate, 15);
      await complete(fake, handle.workflowId, 'loi-intake', {
        arrivalDate, placeId: PLACE, houseRulesHandedOver: true, brochureHandedOver: true, waitingRegisterOn: arrivalDate, selfCatering: true, leefgeldMethod: 'cash',
      });
      await eventually(() => fake.of('occupyPlace')[0]);
      expect(fake.of('occupyPlace')).toEqual([{ placeId: PLACE, dossierId, from: arrivalDate, persons: 3 }]);
      const arrivalClock = await eventually(() => fake.of('planDeadline').find((d) => d.key === 'match-it-arrival'));
      expect(arrivalClock).toMatchObject({ ruleId: 'LOI-3-ARRIVAL', triggerDate: arrivalDate });
      const declarationDay = addWorkingDays(arrivalDate, 1);
      expect(daysBetween(arrivalDate, declarationDay)).toBeGreaterThanOrEqual(3); // over the weekend and the holiday
      // Exported at 09:30 on the next working day: on time.
      await sleepTo(declarationDay, 9.5);
      const arrivalMessage = fake.partnerMessageId(dossierId, 'match-it-arrival', `match-it-arrival:${arrivalDate}`)!;
      expect(fake.of('queuePartnerMessage').find((m) => m.kind === 'match-it-arrival')).toMatchObject({ partner: 'fedasil', payload: { placeId: PLACE, day: arrivalDate } });
      await handle.executeUpdate(partnerMessageExportedUpdate, { args: [{ partnerMessageId: arrivalMessage, sentOn: declarationDay }] });
      const met = await eventually(() => fake.of('setDeadlineStatus').find((c) => c.key === 'match-it-arrival' && c.metDate));
      expect(met).toMatchObject({ status: 'met', metDate: declarationDay });
      expect(fake.of('raiseEscalation').filter((c) => c.key === 'match-it-arrival' && c.level === 'breach')).toEqual([]);

      // LOI-1 in the first month, then LOI-2 six months after each evaluation.
      const firstEval = addDays(assignedOn, 25);
      await sleepTo(firstEval, 10);
      await complete(fake, handle.workflowId, 'loi-evaluation', evaluation(firstEval), 'evaluation-1');
      await eventually(() => fake.of('planDeadline').find((d) => d.key === 'evaluation-2'));
      expect(fake.of('planDeadline').find((d) => d.key === 'evaluation-2')).toMatchObject({ ruleId: 'LOI-2', triggerDate: firstEval });
      const secondEval = addMonths(firstEval, 6).date;
      await sleepTo(addDays(secondEval, -3), 10);
      await complete(fake, handle.workflowId, 'loi-evaluation', evaluation(addDays(secondEval, -3)), 'evaluation-2');
      const thirdTrigger = addDays(secondEval, -3);
      await eventually(() => fake.of('planDeadline').find((d) => d.key === 'evaluation-3'));
      expect(fake.of('planDeadline').find((d) => d.key === 'evaluation-3')).toMatchObject({ ruleId: 'LOI-2', triggerDate: thirdTrigger });

      // Six months of weekly leefgeld, in cash, each week once: 3 self-catering adults by the default scale.
      const leefgeld = fake.of('orderPayment').filter((o) => o.kind === 'leefgeld');
      expect(leefgeld.length).toBeGreaterThanOrEqual(26);
      const weeks = leefgeld.map((o) => o.period);
      expect(new Set(weeks).size).toBe(weeks.length);
      for (const o of leefgeld) expect(o).toMatchObject({ method: 'cash', dossierId });
      expect(leefgeld[0]).toMatchObject({ dueDate: arrivalDate });
      // Two self-catering adults and a child of 8 by the default scale: 2 × € 60,00 + € 35,00 a week.
      expect(leefgeld.every((o) => o.amountCents === 15_500)).toBe(true);
      expect(leefgeld[0].computation.text).toBe('Leefgeld LOI: 2 volwassenen × € 60,00 + 1 kind jonger dan 12 × € 35,00 (zelf kokend)');
      // Four months after the application without a CGVS decision: the resident may work.
      expect(fake.of('recordDossierEvent').some((e) => e.type === 'loi-work-permitted')).toBe(true);

      // The third evaluation, then the recognition: LOI-5 (2 months by default), the identification task, the linked leefloon.
      const thirdEval = addMonths(thirdTrigger, 6).date;
      await sleepTo(addDays(thirdEval, -1), 10);
      await complete(fake, handle.workflowId, 'loi-evaluation', evaluation(addDays(thirdEval, -1)), 'evaluation-3');
      const notifiedOn = await today();
      await event('asylum-final-decision', notifiedOn, { outcome: 'recognised', notifiedOn });
      await eventually(async () => ((await handle.query(dossierStateQuery)).status === 'TRANSITION' ? true : undefined));
      const lastDay = addDays(addMonths(notifiedOn, 2).date, -1);
      expect(fake.of('recordDossierEvent').find((e) => e.type === 'loi-recognised').description).toContain(`tot en met ${formatDateNl(lastDay)}`);
      expect(fake.of('openLinkedDossier')).toEqual([]); // not before the number is requested
      await complete(fake, handle.workflowId, 'loi-identification', { numberKind: 'bis-number', requestedOn: notifiedOn, note: 'Aangevraagd via de KSZ.' });
      const linked = await eventually(() => (fake.of('openLinkedDossier').length === 3 ? fake.of('openLinkedDossier') : undefined));
      // The applicant's leefloon, then the partner's own (the other adult of the household on the notification day).
      expect(linked[0]).toMatchObject({ fromDossierId: dossierId, procedure: 'leefloon', linkKey: 'leefloon:after-loi' });
      expect(linked[0].personId).toBeUndefined();
      expect(linked[1]).toMatchObject({ fromDossierId: dossierId, procedure: 'leefloon', linkKey: `leefloon:after-loi:${PARTNER}`, personId: PARTNER });
      // The new home's rent guarantee: a linked request here, the LOI's OCMW being competent (§6.1).
      expect(linked[2]).toMatchObject({ fromDossierId: dossierId, procedure: 'rent-guarantee', linkKey: 'rent-guarantee:after-loi' });
      expect(fake.of('loiAdultMembers')).toEqual([{ dossierId, on: notifiedOn }]);

      // No leefgeld after the last day of the transition; the departure frees the place and is declared late → suspended.
      await sleepTo(addDays(lastDay, 10), 10);
      expect(fake.of('orderPayment').every((o) => compareDates(o.dueDate, lastDay) <= 0)).toBe(true);
      // Recorded five days after the day of departure: its declaration term (10:00 the next working day) has passed.
      const departedOn = addDays(await today(), -5);
      await event('loi-departure', departedOn, { departedOn, reason: 'autonomy' });
      await eventually(() => fake.of('releasePlace')[0]);
      expect(fake.of('releasePlace')).toEqual([{ placeId: PLACE, dossierId, on: departedOn }]);
      const declaredOn = await today();
      const departureMessage = await eventually(() => fake.partnerMessageId(dossierId, 'match-it-departure', `match-it-departure:${departedOn}`));
      await handle.executeUpdate(partnerMessageExportedUpdate, { args: [{ partnerMessageId: departureMessage, sentOn: declaredOn }] });
      expect(await handle.result()).toEqual({ status: 'DEPARTED', departedOn, reason: 'autonomy' });
      expect(fake.of('setDeadlineStatus').find((c) => c.key === 'match-it-departure' && c.metDate)).toMatchObject({ status: 'breached', metDate: declaredOn });
      expect(fake.of('suspendPlace')).toEqual([expect.objectContaining({ placeId: PLACE, from: addDays(departedOn, 1), to: declaredOn })]);
      expect(fake.of('recordDossierEvent').at(-1)).toMatchObject({ status: 'DEPARTED', closed: true });
    }, { loiResidents: (day) => [{ birthDate: '1988-05-01' }, { birthDate: '1990-07-12' }, { birthDate: addDays(day, -8 * 365) }], loiAdultMembers: [PARTNER] });
  });

  it('a final negative decision ends the material aid 30 calendar days after its notification (LOI-6), across a month end and a holiday', async () => {
    await run(async ({ fake, taskQueue }) => {
      const now = await today();
      const { handle, event } = await start(taskQueue, now);
      await complete(fake, handle.workflowId, 'loi-intake', {
        arrivalDate: now, placeId: PLACE, houseRulesHandedOver: true, brochureHandedOver: true, waitingRegisterOn: now, selfCatering: false, leefgeldMethod: 'transfer',
      });
      // A doctor's invoice, paid once to the supplier (recorded twice: one event, one payment).
      const supplier = randomUUID();
      const cost = { kind: 'medical', supplierPartyId: supplier, amountCents: 4_250, invoiceReference: 'HA-2026-117', description: 'Raadpleging huisarts' };
      const costEvent: ExternalEventInput = { eventId: 'cost-1', type: 'loi-cost', occurredOn: now, reference: 'HA-2026-117', data: cost, recordedBy: 'mw-1' };
      await handle.executeUpdate(externalEventUpdate, { args: [costEvent] });
      await handle.executeUpdate(externalEventUpdate, { args: [costEvent] });
      const invoice = await eventually(() => fake.of('orderPayment').find((o) => o.kind === 'invoice'));
      expect(invoice).toMatchObject({ amountCents: 4_250, payee: { partyId: supplier }, debtRef: 'HA-2026-117', period: 'once:loi-cost-cost-1' });
      expect(invoice.computation.text).toBe('Medische kosten: Raadpleging huisarts (factuur HA-2026-117)');
      // Notified on the first 1 December from now: the 30 days end on 31 December, past a month end, and the first working
      // day after is not 1 January (New Year, a legal holiday).
      let notifiedOn = `${now.slice(0, 4)}-12-01`;
      if (compareDates(notifiedOn, now) <= 0) notifiedOn = `${Number(now.slice(0, 4)) + 1}-12-01`;
      await sleepTo(notifiedOn, 9);
      await event('asylum-final-decision', notifiedOn, { outcome: 'negative', notifiedOn });
      await eventually(async () => ((await handle.query(dossierStateQuery)).status === 'END_OF_AID' ? true : undefined));
      const lastDay = addDays(notifiedOn, 30);
      expect(lastDay.slice(5)).toBe('12-31');
      const end = fake.of('recordDossierEvent').find((e) => e.type === 'loi-end-of-aid');
      expect(end.data).toMatchObject({ lastDay, leaveBy: addWorkingDays(lastDay, 1) });
      expect(end.data.leaveBy.slice(5)).not.toBe('01-01');
      expect(fake.of('planDeadline').find((d) => d.key === 'end-of-aid')).toMatchObject({ ruleId: 'LOI-6', triggerDate: notifiedOn, kind: 'window' });
      await sleepTo(addDays(lastDay, 8), 9);
      const paid = fake.of('orderPayment').filter((o) => o.kind === 'leefgeld');
      expect(paid.length).toBeGreaterThan(0);
      expect(paid.every((o) => compareDates(o.dueDate, lastDay) <= 0 && o.method === undefined)).toBe(true);
      expect(fake.of('orderPayment').filter((o) => o.kind === 'invoice')).toHaveLength(1);
      // The week that holds the last day is still paid; none after it.
      expect(paid.some((o) => daysBetween(o.dueDate, lastDay) < 7)).toBe(true);
      await handle.terminate('test done');
    });
  });

  it('order measures and sanctions (art. 44–46 Opvangwet): a letter each, the leefgeld withheld only in the weeks of the period (carried over continue-as-new), a transfer asked of Fedasil', async () => {
    await run(async ({ fake, taskQueue }) => {
      const now = await today();
      const input = aDossierInput({ procedure: 'loi', reference: 'LOI-2026-000003', requestDate: now, channel: 'third-party', settings: { warningDays: 7, timeZone: TZ, maxRunEvents: 150 } });
      const handle = await env.client.workflow.start(loiResidency, { args: [input], taskQueue, workflowId: `dossier-${input.dossierId}` });
      const event = (eventId: string, type: string, data: Record<string, unknown>) =>
        handle.executeUpdate(externalEventUpdate, { args: [{ eventId, type, occurredOn: now, reference: null, data, recordedBy: 'tl-1' }] });
      await event('s-0', 'fedasil-assignment', { fedasilReference: 'FED-7', code207: true, asylumAppliedOn: now, householdSize: 1 });
      await complete(fake, handle.workflowId, 'loi-intake', {
        arrivalDate: now, placeId: PLACE, houseRulesHandedOver: true, brochureHandedOver: true, waitingRegisterOn: now, selfCatering: true, leefgeldMethod: 'cash',
      });
      const full = await eventually(() => fake.of('orderPayment').find((o) => o.kind === 'leefgeld'));
      // Half the leefgeld withheld from the third week to the twelfth; all of it (an exclusion) in the fifth and sixth.
      const from = addDays(now, 14);
      const to = addDays(now, 83);
      const sanction = { sanction: 'leefgeld-restriction', facts: 'Herhaald geweld tegen een medebewoner.', decidedOn: now, heardOn: now, from, to, leefgeldPercent: 50 };
      await event('s-1', 'loi-sanction', sanction);
      await event('s-1', 'loi-sanction', sanction); // delivered twice: one decision
      await event('s-2', 'loi-sanction', { sanction: 'material-aid-exclusion', facts: 'Brandstichting in de keuken.', decidedOn: now, heardOn: now, from: addDays(now, 28), to: addDays(now, 41) });
      await event('s-3', 'loi-order-measure', { measure: 'Tijdelijk geen toegang tot de gemeenschappelijke keuken', facts: 'Brandgevaar.', decidedOn: now });
      await event('s-4', 'loi-sanction', { sanction: 'transfer', facts: 'Blijvende conflicten met de medebewoners.', decidedOn: now, heardOn: now });
      const letters = await eventually(() => (fake.of('issueLetter').length >= 4 ? fake.of('issueLetter') : undefined));
      expect(letters.map((l) => l.key)).toEqual(['loi-sanction:s-1', 'loi-sanction:s-2', 'loi-sanction:s-3', 'loi-sanction:s-4']);
      expect(letters.every((l) => l.template === 'loi-sanction' && l.delivery.mode === 'against-receipt')).toBe(true);
      expect(letters[0].data).toMatchObject({ kind: 'sanction', measure: 'Tijdelijke beperking of intrekking van het leefgeld', from, to, leefgeld: '50 % van uw leefgeld', heardOn: now });
      expect(letters[1].data.leefgeld).toBe('al uw leefgeld');
      expect(letters[2].data).toMatchObject({ kind: 'order-measure', measure: 'Tijdelijk geen toegang tot de gemeenschappelijke keuken' });
      expect(letters[2].data.heardOn).toBeUndefined();
      const transfers = await eventually(() => { const t = fake.of('queuePartnerMessage').filter((m) => m.kind === 'transfer-request'); return t.length ? t : undefined; });
      expect(transfers.map((m) => m.partnerRef)).toEqual(['transfer:sanction-s-4']);

      const firstRun = (await handle.describe()).runId;
      for (let week = 0; week < 16; week++) await env.sleep('7 days');
      expect((await handle.describe()).runId).not.toBe(firstRun);
      const paid = fake.of('orderPayment').filter((o) => o.kind === 'leefgeld');
      const inPeriod = (day: string, a: string, b: string) => compareDates(a, day) <= 0 && compareDates(day, b) <= 0;
      const weeks = new Set(paid.map((o) => o.period));
      expect(weeks.size).toBe(paid.length);
      for (const o of paid) {
        if (inPeriod(o.dueDate, addDays(now, 28), addDays(now, 41))) throw new Error(`leefgeld paid during the exclusion: ${o.dueDate}`);
        const expected = inPeriod(o.dueDate, from, to) ? full.amountCents - Math.floor(full.amountCents / 2) : full.amountCents;
        expect([o.dueDate, o.amountCents]).toEqual([o.dueDate, expected]);
      }
      // Two paydays fall in the exclusion: those weeks are withheld on the timeline, not paid.
      const withheld = fake.of('recordDossierEvent').filter((e) => e.type === 'loi-leefgeld-withheld');
      const excluded = withheld.filter((e) => e.data.sanction === 's-2');
      expect(excluded).toHaveLength(2);
      expect(withheld.filter((e) => e.data.sanction === 's-1').length).toBe(paid.filter((o) => inPeriod(o.dueDate, from, to)).length);
      expect(paid.filter((o) => inPeriod(o.dueDate, from, to)).length).toBeGreaterThanOrEqual(7);
      expect(paid.filter((o) => compareDates(o.dueDate, to) > 0).length).toBeGreaterThan(0);
      await handle.terminate('test done');
    });
  });

  it('continues as new between two weeks when the history grows long: no week paid twice or lost, the evaluations and clocks carried', async () => {
    await run(async ({ fake, taskQueue }) => {
      const now = await today();
      const input = aDossierInput({ procedure: 'loi', reference: 'LOI-2026-000002', requestDate: now, channel: 'third-party', settings: { warningDays: 7, timeZone: TZ, maxRunEvents: 150 } });
      const handle = await env.client.workflow.start(loiResidency, { args: [input], taskQueue, workflowId: `dossier-${input.dossierId}` });
      await handle.executeUpdate(externalEventUpdate, { args: [{ eventId: 'can-1', type: 'fedasil-assignment', occurredOn: now, reference: null, data: { fedasilReference: 'FED-9', code207: true, asylumAppliedOn: now, householdSize: 1 }, recordedBy: 'mw-1' }] });
      await complete(fake, handle.workflowId, 'loi-intake', {
        arrivalDate: now, placeId: PLACE, houseRulesHandedOver: true, brochureHandedOver: true, waitingRegisterOn: now, selfCatering: true, leefgeldMethod: 'cash',
      });
      const firstRun = (await handle.describe()).runId;
      for (let week = 0; week < 30; week++) {
        await env.sleep('7 days');
        const open = week === 2 ? fake.openTasks().find((t) => t.kind === 'loi-evaluation') : undefined; // LOI-1 in the third week
        if (open) await handle.executeUpdate(completeTaskUpdate, { args: [{ taskId: open.taskId, userId: 'u-1', userRole: 'social-worker', outcome: evaluation(await today()) }] });
      }
      expect((await handle.describe()).runId).not.toBe(firstRun);
      const weeks = fake.of('orderPayment').map((o) => o.period);
      expect(new Set(weeks).size).toBe(weeks.length);
      expect(weeks.length).toBeGreaterThanOrEqual(30);
      // The weeks follow each other without a gap.
      const sorted = [...weeks].sort();
      expect(sorted).toEqual(weeks);
      // One occupation, one arrival declaration, each evaluation once.
      expect(fake.of('occupyPlace')).toHaveLength(1);
      expect(fake.of('queuePartnerMessage').filter((m) => m.kind === 'match-it-arrival')).toHaveLength(1);
      const evaluations = fake.of('openTask').filter((t) => t.kind === 'loi-evaluation').map((t) => t.deadlineKey);
      expect(new Set(evaluations).size).toBe(evaluations.length);
      expect(evaluations).toEqual(['evaluation-1', 'evaluation-2']);
      await handle.terminate('test done');
    });
  });
});

import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import type { DebtCreditor } from '../../../activities/debt-mediation/debt-mediation.activities';
import { addDays, addMonths, daysBetween } from '../../../libs/deadlines/calendar-date';
import { judicialMonthsEnd } from '../../../libs/deadlines/engine';
import { firstWorkingDayFrom } from '../../../libs/deadlines/holidays';
import { debtMediationTrajectory, TrajectoryInput } from '../../../workflows/debt-mediation/trajectory.workflow';
import { budgetPlanChangedUpdate } from '../../../workflows/debt-mediation/trajectory.messages';
import { dossierStateQuery, externalEventUpdate } from '../../../workflows/shared/dossier.messages';
import { fakeActivities } from '../../support/fake-activities';
import { aDossierInput } from '../../support/factories';
import { eventually, timeSkippingEnv, uniqueTaskQueue, workflowBundle } from '../../support/temporal';
import { workflowDriver } from '../../support/workflow-driver';

type Fake = ReturnType<typeof fakeActivities>;

const DECLARES = randomUUID();
const SILENT = randomUUID();
const BAILIFF = randomUUID();
const MEDIATOR = randomUUID();

/** The inventory: two creditors, the first one's debt collected by a bailiff (who is no creditor and gets no reminder). */
const INVENTORY: DebtCreditor[] = [
  { debtId: randomUUID(), partyId: DECLARES, role: 'creditor', fileNumber: 'FAC-2026-001', outstandingCents: 120_000, disputed: false, priorityKind: null },
  { debtId: randomUUID(), partyId: BAILIFF, role: 'collector', fileNumber: 'GD-77', outstandingCents: 120_000, disputed: false, priorityKind: null },
  { debtId: randomUUID(), partyId: SILENT, role: 'creditor', fileNumber: 'ENERGIE-42', outstandingCents: 45_000, disputed: false, priorityKind: 'energy' },
];

/** The claims term as the law reads: one judicial month from the sending (art. 52–54, art. 53 shift), then 15 days from the reminder the day after. */
function expectedClaimsTerm(sentOn: string) {
  const termEnd = firstWorkingDayFrom(judicialMonthsEnd(sentOn, 1, 'last-day').due);
  const reminderOn = addDays(termEnd, 1);
  return { termEnd, reminderOn, declareBy: firstWorkingDayFrom(addDays(reminderOn, 15)) };
}

describe('collective debt settlement in the debt mediation trajectory (time-skipping)', () => {
  let env: TestWorkflowEnvironment;

  beforeEach(async () => {
    env = await timeSkippingEnv();
  });
  afterEach(async () => {
    await env?.teardown();
  });

  const today = () => workflowDriver(env).today();

  async function run<T>(fn: (ctx: { fake: Fake; taskQueue: string }) => Promise<T>, options: Parameters<typeof fakeActivities>[0] = {}): Promise<T> {
    const fake = fakeActivities({ creditors: INVENTORY, ...options });
    const taskQueue = uniqueTaskQueue('csr');
    const worker = await Worker.create({ connection: env.nativeConnection, taskQueue, workflowBundle: await workflowBundle(), activities: fake.activities });
    return worker.runUntil(fn({ fake, taskQueue }));
  }

  /** A signed trajectory (no budget plan: nothing paid) whose first year ends `yearEndsIn` days from now. */
  async function start(taskQueue: string, yearEndsIn = 200, guidanceType: TrajectoryInput['guidanceType'] = 'budget-guidance') {
    const now = await today();
    const signedOn = addDays(addMonths(now, -12).date, yearEndsIn + 1);
    const dossier = aDossierInput({ procedure: 'debt-mediation', reference: 'SB-2026-000012', requestDate: addDays(signedOn, -40), settings: { warningDays: 7, timeZone: 'Europe/Brussels' } });
    const input: TrajectoryInput = {
      dossier, guidanceType, durationMonths: 36, decisionDate: addDays(signedOn, -5),
      agreement: { signedOn, endDate: addDays(addMonths(signedOn, 36).date, -1) }, year: 1, plans: [], nextWeek: null, nextMonth: null, monthDoneThrough: null,
      nextEvaluation: addDays(now, 400),
    };
    return env.client.workflow.start(debtMediationTrajectory, { args: [input], taskQueue, workflowId: `dossier-${dossier.dossierId}` });
  }

  async function court(workflowId: string, type: string, data: Record<string, unknown>, occurredOn?: string) {
    await env.client.workflow.getHandle(workflowId).executeUpdate(externalEventUpdate, {
      args: [{ eventId: randomUUID(), type, occurredOn: occurredOn ?? (await today()), reference: null, data, recordedBy: 'u-1' }],
    });
  }

  async function admit(workflowId: string, mediator: 'ocmw' | 'outside') {
    const filedOn = addDays(await today(), -6);
    await court(workflowId, 'csr-petition-filed', { court: 'arbeidsrechtbank Gent, afdeling Gent' }, filedOn);
    const orderDate = await today();
    await court(workflowId, 'csr-admissibility-order', {
      court: 'arbeidsrechtbank Gent, afdeling Gent', sentOn: orderDate, mediator, ...(mediator === 'outside' ? { mediatorPartyId: MEDIATOR } : {}),
    });
    return orderDate;
  }

  const sleepUntil = async (day: string) => {
    const now = await today();
    if (day > now) await env.sleep(`${daysBetween(now, day)} days`);
  };
  const clocks = async (workflowId: string) => (await env.client.workflow.getHandle(workflowId).query(dossierStateQuery)).deadlines;
  const clock = async (workflowId: string, key: string) => (await clocks(workflowId)).find((d) => d.key === key);
  const csrEscalations = (fake: Fake) => fake.of('raiseEscalation').filter((e) => String(e.key).startsWith('csr-')).map((e) => `${e.key}:${e.level}`);
  const reminders = (fake: Fake) => fake.of('issueLetter').filter((l) => l.template === 'csr-claim-reminder');

  it('OCMW as mediator: the claims term ends one month after the sending, the reminder goes the day after to the creditor that did not declare, 15 days from it; then the waiver; duties warned and escalated', async () => {
    await run(async ({ fake, taskQueue }) => {
      const handle = await start(taskQueue);
      const orderDate = await admit(handle.workflowId, 'ocmw');
      const term = expectedClaimsTerm(orderDate);
      expect(await eventually(() => clock(handle.workflowId, 'csr-claims'))).toMatchObject({ ruleId: 'CSR-2', dueDate: term.termEnd, status: 'running' });
      expect((await handle.query(dossierStateQuery)).status).toBe('CSR_CLAIMS');
      // The amicable plan: the social worker's task, due with CSR-3 (6 judicial months from the order).
      const planTask = await eventually(() => fake.openTasks().find((t) => t.kind === 'csr-amicable-plan'));
      expect(planTask.dueDate).toBe(firstWorkingDayFrom(judicialMonthsEnd(orderDate, 6, 'last-day').due));
      expect(planTask.deadlineKey).toBe('csr-plan');

      await env.sleep('5 days');
      await court(handle.workflowId, 'csr-claim-received', { creditorPartyId: DECLARES, amountCents: 118_250 });

      await sleepUntil(term.reminderOn);
      await env.sleep('1 hour');
      // One reminder, to the creditor that did not declare (not to the one that did, not to the bailiff), keyed on it.
      await eventually(() => reminders(fake).length > 0 || undefined);
      expect(reminders(fake)).toEqual([
        expect.objectContaining({ key: `csr-claim-reminder:${SILENT}`, recipient: { partyId: SILENT }, data: expect.objectContaining({ termEnd: term.termEnd, declareBy: term.declareBy, fileNumber: 'ENERGIE-42' }) }),
      ]);
      expect(await clock(handle.workflowId, 'csr-claims')).toMatchObject({ dueDate: term.declareBy });
      // The extension counted from the reminder, through the clock's own extension (one record, re-planned).
      const plans = fake.of('planDeadline').filter((p) => p.key === 'csr-claims');
      expect(plans.at(-1).extensions).toEqual([expect.objectContaining({ days: 15, from: term.reminderOn })]);
      expect(fake.of('recordDossierEvent').some((e) => e.type === 'csr-claim-waived')).toBe(false);

      await sleepUntil(addDays(term.declareBy, 1));
      await env.sleep('1 hour');
      const waived = await eventually(() => fake.of('recordDossierEvent').filter((e) => e.type === 'csr-claim-waived').length > 0 ? fake.of('recordDossierEvent').filter((e) => e.type === 'csr-claim-waived') : undefined);
      expect(waived.map((e) => e.data.partyId)).toEqual([SILENT]);
      await eventually(() => fake.csrFile(handle.workflowId.replace('dossier-', ''))?.claims.some((c) => c.waived) || undefined);
      expect(fake.csrFile(handle.workflowId.replace('dossier-', ''))).toMatchObject({
        mediator: 'ocmw', ocmwMediator: true, orderDate, reminderOn: term.reminderOn, declareBy: term.declareBy, status: 'CSR_AMICABLE_PLAN',
        claims: expect.arrayContaining([
          { partyId: DECLARES, declaredOn: addDays(orderDate, 5), amountCents: 118_250, waived: false },
          { partyId: SILENT, declaredOn: null, amountCents: null, waived: true },
        ]),
      });
      // Duties: warned before the (extended) end, escalated when it passed unmet.
      await eventually(() => csrEscalations(fake).includes('csr-claims:breach') || undefined);
      expect(csrEscalations(fake)).toEqual(expect.arrayContaining(['csr-claims:warning', 'csr-claims:breach']));
      expect(csrEscalations(fake).filter((e) => e.startsWith('csr-admissibility'))).toEqual([]);
      await handle.terminate('test done');
    }, { settings: { debtMediationRecognisedSince: '2020-01-01' } });
  });

  it('an outside mediator: the same terms as windows for information (no reminder letter of the OCMW, no escalation, they expire)', async () => {
    await run(async ({ fake, taskQueue }) => {
      const handle = await start(taskQueue);
      const orderDate = await admit(handle.workflowId, 'outside');
      const term = expectedClaimsTerm(orderDate);
      await eventually(() => clock(handle.workflowId, 'csr-claims'));
      expect(fake.of('planDeadline').filter((p) => String(p.key).startsWith('csr-')).map((p) => `${p.key}:${p.kind}`)).toEqual(
        expect.arrayContaining(['csr-admissibility:window', 'csr-claims:window', 'csr-plan:window', 'csr-report-1:window']),
      );
      // No task for the social worker: the outside mediator drafts the plan.
      expect(fake.openTasks().filter((t) => t.kind === 'csr-amicable-plan')).toEqual([]);
      await sleepUntil(addDays(term.declareBy, 1));
      await env.sleep('1 hour');
      await eventually(() => fake.of('setDeadlineStatus').find((s) => s.key === 'csr-claims' && s.status === 'expired'));
      expect(await clock(handle.workflowId, 'csr-claims')).toMatchObject({ dueDate: term.declareBy, status: 'expired' });
      expect(reminders(fake)).toEqual([]);
      expect(csrEscalations(fake)).toEqual([]);
      expect(fake.of('recordDossierEvent').filter((e) => e.type === 'csr-claim-waived').map((e) => e.data.partyId).sort()).toEqual([DECLARES, SILENT].sort());
      // The plan sent by the mediator starts the 2-month objection window; a homologation ends the plan's stage.
      await court(handle.workflowId, 'csr-plan-sent', {});
      const sentOn = await today();
      expect(await eventually(() => clock(handle.workflowId, 'csr-objection'))).toMatchObject({ ruleId: 'CSR-4', dueDate: firstWorkingDayFrom(judicialMonthsEnd(sentOn, 2, 'last-day').due) });
      await env.sleep('20 days');
      await court(handle.workflowId, 'csr-homologation', {});
      await eventually(async () => ((await handle.query(dossierStateQuery)).status === 'CSR_PLAN_HOMOLOGATED') || undefined);
      expect(await clock(handle.workflowId, 'csr-objection')).toMatchObject({ status: 'cancelled' });
      expect(csrEscalations(fake)).toEqual([]);
      await handle.terminate('test done');
    });
  });

  it('an OCMW that is not recognised on the order date: its terms are for information only', async () => {
    await run(async ({ fake, taskQueue }) => {
      const handle = await start(taskQueue);
      await admit(handle.workflowId, 'ocmw');
      await eventually(() => clock(handle.workflowId, 'csr-plan'));
      expect(fake.of('planDeadline').filter((p) => ['csr-claims', 'csr-plan'].includes(p.key)).map((p) => p.kind)).toEqual(['window', 'window']);
      await handle.terminate('test done');
    }, { settings: { debtMediationRecognisedSince: null } });
  });

  it('a hand-over (the trajectory year ends) in the middle of the claims term keeps the clocks, the reminder day and the task', async () => {
    await run(async ({ fake, taskQueue }) => {
      const handle = await start(taskQueue, 10);
      const firstRun = (await handle.describe()).runId;
      const orderDate = await admit(handle.workflowId, 'ocmw');
      const term = expectedClaimsTerm(orderDate);
      const planTask = await eventually(() => fake.openTasks().find((t) => t.kind === 'csr-amicable-plan'));
      await env.sleep('15 days');
      await eventually(async () => ((await handle.describe()).runId !== firstRun) || undefined);
      expect(fake.of('recordDossierEvent').some((e) => e.type === 'trajectory-year' && e.description.includes('jaar 2'))).toBe(true);
      // The claims clock came along: same trigger, same due date, still running.
      expect(await eventually(() => clock(handle.workflowId, 'csr-claims'))).toMatchObject({ dueDate: term.termEnd, status: 'running' });
      await court(handle.workflowId, 'csr-claim-received', { creditorPartyId: DECLARES, amountCents: 100_000 });
      await sleepUntil(term.reminderOn);
      await env.sleep('1 hour');
      await eventually(() => reminders(fake).length > 0 || undefined);
      expect(reminders(fake).map((l) => l.key)).toEqual([`csr-claim-reminder:${SILENT}`]);
      expect(await clock(handle.workflowId, 'csr-claims')).toMatchObject({ dueDate: term.declareBy });
      // The plan task is the same one (taken over, not opened twice).
      expect(fake.of('openTask').filter((t) => t.kind === 'csr-amicable-plan').map((t) => t.taskId)).toEqual([planTask.taskId]);
      // Declared before the extended end: no waiver, the clock met.
      await court(handle.workflowId, 'csr-claim-received', { creditorPartyId: SILENT, amountCents: 44_000 });
      await eventually(() => fake.of('setDeadlineStatus').find((s) => s.key === 'csr-claims' && s.status === 'met'));
      await sleepUntil(addDays(term.declareBy, 2));
      expect(fake.of('recordDossierEvent').filter((e) => e.type === 'csr-claim-waived')).toEqual([]);
      expect(csrEscalations(fake).filter((e) => e === 'csr-claims:breach')).toEqual([]);
      await handle.terminate('test done');
    }, { settings: { debtMediationRecognisedSince: '2020-01-01' } });
  });

  it('OCMW as mediator: the court extends the plan term once, the social worker sends the plan (CSR-4 from it), an objection, a judicial plan (CSR-5), the yearly reports (CSR-6)', async () => {
    await run(async ({ fake, taskQueue }) => {
      const handle = await start(taskQueue);
      const orderDate = await admit(handle.workflowId, 'ocmw');
      expect(await eventually(() => clock(handle.workflowId, 'csr-plan'))).toMatchObject({ dueDate: firstWorkingDayFrom(judicialMonthsEnd(orderDate, 6, 'last-day').due) });
      await env.sleep('3 days');
      await court(handle.workflowId, 'csr-plan-term-extended', { months: 6 });
      // Once, by at most 6 months: the term is then 12 judicial months from the order.
      await eventually(async () => ((await clock(handle.workflowId, 'csr-plan'))?.dueDate === firstWorkingDayFrom(judicialMonthsEnd(orderDate, 12, 'last-day').due)) || undefined);

      await env.sleep('60 days');
      const sentOn = await today();
      await workflowDriver(env).complete(handle.workflowId, fake, 'csr-amicable-plan', { sentOn, note: 'Ontwerp aan schuldenaar en schuldeisers verzonden.' });
      expect(await eventually(() => clock(handle.workflowId, 'csr-objection'))).toMatchObject({ ruleId: 'CSR-4', dueDate: firstWorkingDayFrom(judicialMonthsEnd(sentOn, 2, 'last-day').due) });
      expect(fake.of('planDeadline').find((p) => p.key === 'csr-objection').kind).toBe('duty');
      expect(await clock(handle.workflowId, 'csr-plan')).toMatchObject({ status: 'met', metDate: sentOn });

      await env.sleep('10 days');
      await court(handle.workflowId, 'csr-plan-objection', { objector: 'Bank Kredietnet' });
      await eventually(async () => ((await handle.query(dossierStateQuery)).status === 'CSR_PLAN_CONTESTED') || undefined);
      expect(await clock(handle.workflowId, 'csr-objection')).toMatchObject({ status: 'met' });
      await env.sleep('30 days');
      const startDate = await today();
      await court(handle.workflowId, 'csr-judicial-plan', { startDate });
      expect(await eventually(() => clock(handle.workflowId, 'csr-judicial-plan'))).toMatchObject({ ruleId: 'CSR-5', dueDate: addMonths(startDate, 84).date });
      expect((await handle.query(dossierStateQuery)).status).toBe('CSR_JUDICIAL_PLAN');

      const reportOn = await today();
      await court(handle.workflowId, 'csr-yearly-report', {});
      expect(await eventually(() => clock(handle.workflowId, 'csr-report-2'))).toMatchObject({ ruleId: 'CSR-6', dueDate: addMonths(reportOn, 12).date });
      expect(await clock(handle.workflowId, 'csr-report-1')).toMatchObject({ status: 'met' });
      await handle.terminate('test done');
    }, { settings: { debtMediationRecognisedSince: '2020-01-01' } });
  });

  it('once the court admits the petition, the budget-management account pays no creditor one by one (the rent and the living money go on)', async () => {
    await run(async ({ fake, taskQueue }) => {
      const handle = await start(taskQueue, 200, 'budget-management');
      await eventually(() => fake.of('recordDossierEvent').find((e) => e.type === 'trajectory-year'));
      const from = await today();
      await handle.executeUpdate(budgetPlanChangedUpdate, {
        args: [{
          changedBy: 'u-1',
          plan: {
            version: 1, validFrom: from, account: { name: 'OCMW budgetbeheer', iban: 'BE71096123456769', bic: 'GKCCBEBB' }, leefgeldWeeklyCents: 12_500,
            fixedCosts: [{ key: 'rent', partyId: randomUUID(), label: 'Huur', amountCents: 65_000, dueDay: 10 }],
            instalments: [{ debtId: randomUUID(), partyId: DECLARES, debtRef: 'FAC-2026-001', amountCents: 5_000, dueDay: 10 }],
            reserveMonthlyCents: 0,
          },
        }],
      });
      await env.sleep('40 days');
      const instalments = () => fake.of('orderPayment').filter((o) => o.kind === 'instalment');
      expect(instalments().length).toBeGreaterThanOrEqual(1);
      const before = instalments().length;
      const rentBefore = fake.of('orderPayment').filter((o) => o.kind === 'invoice').length;
      await admit(handle.workflowId, 'ocmw');
      await env.sleep('62 days');
      expect(instalments()).toHaveLength(before);
      expect(fake.of('orderPayment').filter((o) => o.kind === 'invoice').length).toBeGreaterThanOrEqual(rentBefore + 2);
      await handle.terminate('test done');
    }, { settings: { debtMediationRecognisedSince: '2020-01-01' } });
  });

  it('no amicable plan: the court imposes a judicial plan; the plan task and its term end there (CSR-5 from the plan start)', async () => {
    await run(async ({ fake, taskQueue }) => {
      const handle = await start(taskQueue);
      await admit(handle.workflowId, 'ocmw');
      await eventually(() => fake.openTasks().find((t) => t.kind === 'csr-amicable-plan'));
      await env.sleep('90 days');
      const startDate = await today();
      await court(handle.workflowId, 'csr-judicial-plan', { startDate });
      await eventually(async () => ((await handle.query(dossierStateQuery)).status === 'CSR_JUDICIAL_PLAN') || undefined);
      expect(fake.openTasks().filter((t) => t.kind === 'csr-amicable-plan')).toEqual([]);
      expect(await clock(handle.workflowId, 'csr-plan')).toMatchObject({ status: 'cancelled' });
      expect(await clock(handle.workflowId, 'csr-judicial-plan')).toMatchObject({ ruleId: 'CSR-5', dueDate: addMonths(startDate, 84).date });
      expect(await clock(handle.workflowId, 'csr-objection')).toBeUndefined();
      await handle.terminate('test done');
    }, { settings: { debtMediationRecognisedSince: '2020-01-01' } });
  });
});

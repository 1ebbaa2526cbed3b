import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import { addDays, addMonths, compareDates, daysBetween } from '../../../libs/deadlines/calendar-date';
import type { BudgetPlan } from '../../../libs/domain/budget-plan';
import { addWeeks, isoWeekday, isoWeekOf, monthlyDueDay, periodOf, workingDayOnOrBefore, addPeriods, weeklyPaymentDay } from '../../../libs/payments/schedule';
import { debtMediationTrajectory, TrajectoryInput } from '../../../workflows/debt-mediation/trajectory.workflow';
import { budgetPlanChangedUpdate } from '../../../workflows/debt-mediation/trajectory.messages';
import { completeTaskUpdate, dossierStateQuery, externalEventUpdate } from '../../../workflows/shared/dossier.messages';
import { fakeActivities } from '../../support/fake-activities';
import { aDossierInput } from '../../support/factories';
import { eventually, timeSkippingEnv, uniqueTaskQueue, workflowBundle } from '../../support/temporal';
import { workflowDriver } from '../../support/workflow-driver';

type Fake = ReturnType<typeof fakeActivities>;

const LANDLORD = randomUUID();
const CREDITORS = [randomUUID(), randomUUID(), randomUUID()];
const ACCOUNT = { name: 'OCMW Demo budgetbeheer dossier SB-2026-000001', iban: 'BE71096123456769', bic: 'GKCCBEBB' };

/** Living money every week, the rent on the 1st, three creditors on the 5th, the 15th and the 31st (a short month: its last day). */
function aPlan(validFrom: string, overrides: Partial<BudgetPlan> = {}): BudgetPlan {
  return {
    version: 1,
    validFrom,
    account: ACCOUNT,
    leefgeldWeeklyCents: 12_500,
    fixedCosts: [{ key: 'rent', partyId: LANDLORD, label: 'Huur', amountCents: 65_000, dueDay: 1 }],
    instalments: [
      { debtId: randomUUID(), partyId: CREDITORS[0], debtRef: 'FAC-2026-001', amountCents: 5_000, dueDay: 5 },
      { debtId: randomUUID(), partyId: CREDITORS[1], debtRef: 'DOS.77/2025', amountCents: 7_500, dueDay: 15 },
      { debtId: randomUUID(), partyId: CREDITORS[2], debtRef: 'ENERGIE-42', amountCents: 2_500, dueDay: 31 },
    ],
    reserveMonthlyCents: 10_000,
    ...overrides,
  };
}

const signed = (signedOn: string) => ({ signed: true, signedOn, note: 'Ondertekend op de sociale dienst.' });
const evaluation = (interviewDate: string) => ({ interviewDate, proposal: 'continue', report: 'Plan loopt; geen nieuwe schulden.' });

/** The days of the months from `from` to `to` on which an amount due on `dueDay` is paid (previous working day). */
function monthlyDays(dueDay: number, from: string, to: string): string[] {
  const days: string[] = [];
  for (let m = addPeriods(periodOf(from), -1); compareDates(`${m}-01`, addDays(to, 31)) <= 0; m = addPeriods(m, 1)) {
    const day = monthlyDueDay(m, dueDay);
    if (compareDates(day, from) >= 0 && compareDates(day, to) <= 0) days.push(day);
  }
  return days;
}

/** The living money's weeks and days from the start `from` (the first week at once when its payday lies before it). */
function weeklyDays(weekday: number, from: string, to: string): { week: string; day: string }[] {
  const out: { week: string; day: string }[] = [];
  for (let w = isoWeekOf(from); compareDates(weeklyPaymentDay(w, weekday), addDays(to, 7)) <= 0; w = addWeeks(w, 1)) {
    const scheduled = weeklyPaymentDay(w, weekday);
    const day = w === isoWeekOf(from) && compareDates(scheduled, from) < 0 ? from : scheduled;
    if (compareDates(day, from) >= 0 && compareDates(day, to) <= 0) out.push({ week: w, day });
  }
  return out;
}

describe('debtMediationTrajectory (time-skipping)', () => {
  let env: TestWorkflowEnvironment;

  beforeEach(async () => {
    env = await timeSkippingEnv();
  });
  afterEach(async () => {
    await env?.teardown();
  });

  async function run<T>(fn: (ctx: { fake: Fake; taskQueue: string }) => Promise<T>, options: Parameters<typeof fakeActivities>[0] = {}): Promise<T> {
    const fake = fakeActivities(options);
    const taskQueue = uniqueTaskQueue('debt-trajectory');
    const worker = await Worker.create({ connection: env.nativeConnection, taskQueue, workflowBundle: await workflowBundle(), activities: fake.activities });
    return worker.runUntil(fn({ fake, taskQueue }));
  }

  const today = () => workflowDriver(env).today();

  async function start(taskQueue: string, settings: Partial<TrajectoryInput['dossier']['settings']> = {}, durationMonths = 36) {
    const requestDate = addDays(await today(), -30);
    const dossier = aDossierInput({ procedure: 'debt-mediation', reference: 'SB-2026-000001', requestDate, settings: { warningDays: 7, timeZone: 'Europe/Brussels', ...settings } });
    const input: TrajectoryInput = {
      dossier, guidanceType: 'budget-management', durationMonths, decisionDate: addDays(await today(), -2),
      agreement: null, year: 1, plans: [], nextWeek: null, nextMonth: null, monthDoneThrough: null, nextEvaluation: null,
    };
    const handle = await env.client.workflow.start(debtMediationTrajectory, { args: [input], taskQueue, workflowId: `dossier-${dossier.dossierId}` });
    return { input, handle };
  }

  /** A trajectory signed today with the first plan version (the start most tests share). */
  async function startSigned(fake: Fake, taskQueue: string) {
    const { handle } = await start(taskQueue);
    const signedOn = await today();
    await workflowDriver(env).complete(handle.workflowId, fake, 'trajectory-agreement', signed(signedOn));
    await handle.executeUpdate(budgetPlanChangedUpdate, { args: [{ plan: aPlan(signedOn), changedBy: 'u-1' }] });
    return { handle, signedOn };
  }

  /** Completes every open task of `kind` (as the social worker does when it comes up). */
  async function completeOpen(fake: Fake, workflowId: string, kind: string, outcome: (dueKey: string) => Record<string, unknown>) {
    for (const task of fake.openTasks().filter((t) => t.kind === kind)) {
      await env.client.workflow.getHandle(workflowId).executeUpdate(completeTaskUpdate, { args: [{ taskId: task.taskId, userId: 'u-1', userRole: 'social-worker', outcome: outcome(task.taskId) }] });
    }
  }

  /** Moves time `days` days on, a month at a time, completing the evaluation interviews as they come. */
  async function live(fake: Fake, workflowId: string, days: number) {
    for (let left = days; left > 0; left -= 30) {
      await env.sleep(`${Math.min(30, left)} days`);
      const now = await today();
      await completeOpen(fake, workflowId, 'debt-evaluation', () => evaluation(now));
    }
  }

  const orders = (fake: Fake) => fake.of('orderPayment');
  const keyOf = (o: Record<string, any>) => `${o.kind}:${o.payee?.partyId ?? 'client'}:${o.period}:${o.debtRef ?? ''}`;

  it('signs the agreement, then a year of weekly living money, the rent and three creditors from the budget-management account, each once; the next year continues as new', async () => {
    await run(async ({ fake, taskQueue }) => {
      const { handle } = await start(taskQueue);
      const agreement = await eventually(() => fake.of('issueLetter').find((l) => l.key === 'trajectory-agreement'));
      expect(agreement).toMatchObject({ template: 'trajectory-agreement', data: { guidance: 'Budgetbeheer', management: true, durationMonths: 36 } });
      expect((await handle.query(dossierStateQuery)).status).toBe('AGREEMENT_PENDING');
      const signedOn = await today();
      await workflowDriver(env).complete(handle.workflowId, fake, 'trajectory-agreement', signed(signedOn));
      const plan = aPlan(signedOn);
      expect(await handle.executeUpdate(budgetPlanChangedUpdate, { args: [{ plan, changedBy: 'u-1' }] })).toMatchObject({ version: 1 });
      // A redelivered version changes nothing.
      expect(await handle.executeUpdate(budgetPlanChangedUpdate, { args: [{ plan, changedBy: 'u-1' }] })).toMatchObject({ version: 1 });
      const firstRun = (await handle.describe()).runId;

      await live(fake, handle.workflowId, 372);
      const yearEnd = addDays(addMonths(signedOn, 12).date, -1);
      const yearOne = orders(fake).filter((o) => compareDates(o.dueDate, yearEnd) <= 0);

      // Never twice: every order has a key of its own (week, month, payee, debt), and each comes from the plan's account.
      const keys = orders(fake).map(keyOf);
      expect(new Set(keys).size).toBe(keys.length);
      for (const o of orders(fake)) expect(o.debtorAccount).toEqual(ACCOUNT);

      // The living money every week on Monday (moved to the previous working day), none missing.
      const leefgeld = yearOne.filter((o) => o.kind === 'leefgeld');
      const expectedWeeks = weeklyDays(1, signedOn, yearEnd);
      expect(leefgeld.map((o) => [o.period, o.dueDate])).toEqual(expectedWeeks.map((w) => [w.week, w.day]));
      expect(leefgeld.length).toBeGreaterThanOrEqual(51);
      for (const o of leefgeld) {
        expect(o.amountCents).toBe(12_500);
        expect(o.payee).toBeUndefined();
        if (o.dueDate === signedOn) continue; // the first week's, at once on the day the plan starts
        expect(workingDayOnOrBefore(o.dueDate)).toBe(o.dueDate);
        expect(isoWeekday(o.dueDate)).toBeLessThanOrEqual(5);
      }
      // Each creditor's instalment every month on its due day; the rent on the 1st; a month's payments to a party once.
      plan.instalments.forEach((i, n) => {
        const paid = yearOne.filter((o) => o.kind === 'instalment' && o.payee?.partyId === CREDITORS[n]);
        expect(paid.map((o) => o.dueDate)).toEqual(monthlyDays(i.dueDay, signedOn, yearEnd));
        expect(paid.length).toBeGreaterThanOrEqual(11);
        for (const o of paid) expect(o).toMatchObject({ amountCents: i.amountCents, debtRef: i.debtRef });
      });
      const rent = yearOne.filter((o) => o.kind === 'invoice');
      expect(rent.map((o) => o.dueDate)).toEqual(monthlyDays(1, signedOn, yearEnd));
      expect(rent.every((o) => o.payee.partyId === LANDLORD && o.debtRef === 'rent')).toBe(true);

      // The evaluations every 3 months from the signature (configuration), each a task of its own.
      const evaluations = fake.of('openTask').filter((t) => t.kind === 'debt-evaluation');
      expect(evaluations.length).toBeGreaterThanOrEqual(4);
      // Year 2 runs as a new run of the same workflow, and goes on paying.
      expect((await handle.describe()).runId).not.toBe(firstRun);
      expect(fake.of('recordDossierEvent').some((e) => e.type === 'trajectory-year' && e.description.includes('jaar 2'))).toBe(true);
      expect(orders(fake).some((o) => compareDates(o.dueDate, yearEnd) > 0)).toBe(true);
      expect((await handle.query(dossierStateQuery)).status).toBe('TRAJECTORY_ACTIVE');
      // The plan did not change in the year: no yearly review by the BCSD.
      expect(fake.of('scheduleAgendaItem')).toEqual([]);
      await handle.terminate('test done');
    });
  });

  it('a year in which the plan changed ends with its review by the BCSD; confirmed, the trajectory goes on as it was (status back from the agenda)', async () => {
    await run(async ({ fake, taskQueue }) => {
      const { handle, signedOn } = await startSigned(fake, taskQueue);
      await live(fake, handle.workflowId, 100);
      const changedOn = await today();
      await handle.executeUpdate(budgetPlanChangedUpdate, { args: [{ plan: aPlan(changedOn, { version: 2, leefgeldWeeklyCents: 14_000 }), changedBy: 'u-1' }] });
      const yearEnd = addDays(addMonths(signedOn, 12).date, -1);
      expect(fake.of('scheduleAgendaItem')).toEqual([]); // not before the year ends
      await live(fake, handle.workflowId, daysBetween(changedOn, yearEnd) + 2);

      const item = await eventually(() => fake.of('scheduleAgendaItem')[0]);
      expect(item).toMatchObject({
        kind: 'decision', key: 'yearly-review-1:decision-1',
        proposal: {
          reference: 'SB-2026-000001', proposal: 'review',
          motivation: 'Jaarlijkse herziening van het traject budgetbeheer na jaar 1: het budgetplan werd gewijzigd (versie 1 → 2; nu leefgeld € 140,00 per week, 1 vaste kosten, 3 afbetalingen).',
        },
      });
      expect((await handle.query(dossierStateQuery)).status).toBe('ON_AGENDA');
      const sessionDate = await workflowDriver(env).decide(handle.workflowId, fake, { result: 'confirmed' });
      const decided = await eventually(() => fake.of('recordDossierEvent').find((e) => e.type === 'trajectory-council-decided'));
      expect(decided).toMatchObject({ status: 'TRAJECTORY_ACTIVE', description: expect.stringContaining('bevestigd, het traject loopt ongewijzigd verder') });
      expect((await handle.query(dossierStateQuery)).status).toBe('TRAJECTORY_ACTIVE');
      // The living money of year 2 follows version 2, decided or not; nothing ended.
      await live(fake, handle.workflowId, 14);
      expect(orders(fake).filter((o) => o.kind === 'leefgeld' && compareDates(o.dueDate, sessionDate) > 0).every((o) => o.amountCents === 14_000)).toBe(true);
      expect(fake.of('scheduleAgendaItem')).toHaveLength(1);
      await handle.terminate('test done');
    });
  });

  it('hands over between two payments when the history is long: nothing paid twice, no week or month lost', async () => {
    await run(async ({ fake, taskQueue }) => {
      const { handle } = await start(taskQueue, { maxRunEvents: 150 });
      const signedOn = await today();
      await workflowDriver(env).complete(handle.workflowId, fake, 'trajectory-agreement', signed(signedOn));
      await handle.executeUpdate(budgetPlanChangedUpdate, { args: [{ plan: aPlan(signedOn), changedBy: 'u-1' }] });
      const firstRun = (await handle.describe()).runId;
      await live(fake, handle.workflowId, 120);
      const until = addDays(signedOn, 110);
      const keys = orders(fake).map(keyOf);
      expect(new Set(keys).size).toBe(keys.length);
      expect(orders(fake).filter((o) => o.kind === 'leefgeld' && compareDates(o.dueDate, until) <= 0).map((o) => o.period))
        .toEqual(weeklyDays(1, signedOn, until).map((w) => w.week));
      expect(orders(fake).filter((o) => o.kind === 'instalment' && o.payee.partyId === CREDITORS[1] && compareDates(o.dueDate, until) <= 0).map((o) => o.dueDate))
        .toEqual(monthlyDays(15, signedOn, until));
      expect((await handle.describe()).runId).not.toBe(firstRun);
      // The plan went along with each hand-over (payments continued from it).
      expect(fake.of('recordDossierEvent').filter((e) => e.type === 'budget-plan-changed')).toHaveLength(1);
      await handle.terminate('test done');
    });
  });

  it('a shortfall stops the instalments and the rent, never the living money, and tells the social worker; a retry pays once money came in', async () => {
    let incoming = 0;
    await run(async ({ fake, taskQueue }) => {
      const { handle, signedOn } = await startSigned(fake, taskQueue);
      await env.sleep('40 days');
      expect(orders(fake).filter((o) => o.kind === 'leefgeld').length).toBeGreaterThanOrEqual(5);
      expect(orders(fake).filter((o) => o.kind !== 'leefgeld')).toEqual([]);
      const shortTasks = fake.openTasks().filter((t) => t.kind === 'budget-shortfall');
      expect(shortTasks.length).toBeGreaterThanOrEqual(2);
      expect(fake.of('recordDossierEvent').find((e) => e.type === 'budget-shortfall')?.description).toMatch(/^Tekort op de budgetbeheerrekening op \d+ \w+ \d{4}: \d betaling\(en\) niet uitgevoerd/);
      // Money came in: the first shortfall is retried (its own due day and keys), the others skipped.
      incoming = 10_000_000;
      const [first, ...rest] = shortTasks;
      const retried = (await handle.executeUpdate(completeTaskUpdate, {
        args: [{ taskId: first.taskId, userId: 'u-1', userRole: 'social-worker', outcome: { action: 'retry', note: 'Kindergeld binnengekomen.' } }],
      })) as unknown;
      expect(retried).toBeDefined();
      for (const t of rest) {
        await handle.executeUpdate(completeTaskUpdate, { args: [{ taskId: t.taskId, userId: 'u-1', userRole: 'social-worker', outcome: { action: 'skip', note: 'Schuldeiser verwittigd.' } }] });
      }
      const paidLate = await eventually(() => {
        const late = orders(fake).filter((o) => o.kind !== 'leefgeld');
        return late.length > 0 ? late : undefined;
      });
      const firstShort = fake.of('recordDossierEvent').find((e) => e.type === 'budget-shortfall')!.data;
      expect(paidLate.every((o) => o.dueDate === firstShort.dueDate)).toBe(true);
      expect(paidLate.map((o) => o.debtRef).sort()).toEqual([...firstShort.items].sort());
      expect(fake.of('recordDossierEvent').filter((e) => e.type === 'budget-shortfall-skipped')).toHaveLength(rest.length);
      await handle.terminate('test done');
    }, { budgetIncomingCents: () => incoming });
  });

  it('the client ends it: paid up to the last day the client names, nothing after; open tasks cancelled, the end letter, closed', async () => {
    await run(async ({ fake, taskQueue }) => {
      const { handle, signedOn } = await startSigned(fake, taskQueue);
      await live(fake, handle.workflowId, 100);
      const now = await today();
      const lastDay = addDays(now, 20);
      await handle.executeUpdate(externalEventUpdate, {
        args: [{ eventId: randomUUID(), type: 'client-ended-trajectory', occurredOn: now, reference: null, data: { endDate: lastDay, reason: 'Verhuist naar het buitenland.' }, recordedBy: 'u-1' }],
      });
      const result = await handle.result();
      expect(result).toEqual({ status: 'TRAJECTORY_CLOSED', reason: 'client', endDate: lastDay });
      expect(orders(fake).every((o) => compareDates(o.dueDate, lastDay) <= 0)).toBe(true);
      expect(orders(fake).some((o) => compareDates(o.dueDate, now) > 0)).toBe(true);
      expect(fake.of('issueLetter').find((l) => l.template === 'trajectory-ended')).toMatchObject({ data: { endDate: lastDay, reason: 'u hebt de overeenkomst opgezegd' } });
      expect(fake.openTasks()).toEqual([]);
      expect(fake.of('recordDossierEvent').at(-1)).toMatchObject({ type: 'trajectory-closed', status: 'TRAJECTORY_CLOSED', closed: true });
    });
  });

  it('writes to every creditor and collector of the inventory once signed; an answer stops its reminder, the others are reminded after the window', async () => {
    const debt1 = randomUUID();
    const debt2 = randomUUID();
    const bailiff = randomUUID();
    const creditors = [
      { debtId: debt1, partyId: CREDITORS[0], role: 'creditor' as const, fileNumber: 'FAC-2026-001', outstandingCents: 120_000, disputed: false, priorityKind: null },
      { debtId: debt2, partyId: CREDITORS[1], role: 'creditor' as const, fileNumber: null, outstandingCents: 80_000, disputed: false, priorityKind: 'energy' },
      { debtId: debt2, partyId: bailiff, role: 'collector' as const, fileNumber: 'GD/2026/77', outstandingCents: 80_000, disputed: false, priorityKind: 'energy' },
    ];
    await run(async ({ fake, taskQueue }) => {
      const { handle } = await start(taskQueue);
      const signedOn = await today();
      await workflowDriver(env).complete(handle.workflowId, fake, 'trajectory-agreement', signed(signedOn));
      const letters = await eventually(() => {
        const sent = fake.of('issueLetter').filter((l) => l.template?.startsWith('creditor-'));
        return sent.length === 6 ? sent : undefined;
      });
      expect(letters.map((l) => [l.template, l.recipient.partyId]).sort()).toEqual([
        ...creditors.map((c) => ['creditor-collection-suspension', c.partyId]), ...creditors.map((c) => ['creditor-statement-request', c.partyId]),
      ].sort());
      // The bailiff answers the statement request within the window (21 days, the configuration's default).
      await env.sleep('10 days');
      const answered = `statement-request:${debt2}:${bailiff}`;
      await handle.executeUpdate(externalEventUpdate, {
        args: [{ eventId: randomUUID(), type: 'creditor-answer', occurredOn: await today(), reference: 'GD/2026/77', data: { letterKey: answered, answer: 'statement', amountCents: 83_450 }, recordedBy: 'u-1' }],
      });
      await env.sleep('13 days');
      const reminders = fake.of('issueLetter').filter((l) => l.template === 'creditor-reminder');
      expect(reminders.map((l) => l.key).sort()).toEqual(letters.map((l) => `${l.key}:reminder`).filter((k) => k !== `${answered}:reminder`).sort());
      expect(fake.creditorLetter(handle.workflowId.replace('dossier-', ''), answered)).toMatchObject({ status: 'answered', amountCents: 83_450 });
      await handle.terminate('test done');
    }, { creditors });
  });

  it('the client does not sign: the trajectory closes without a payment', async () => {
    await run(async ({ fake, taskQueue }) => {
      const { handle } = await start(taskQueue);
      await workflowDriver(env).complete(handle.workflowId, fake, 'trajectory-agreement', { signed: false, note: 'Cliënt wil zelf afbetalen.' });
      expect(await handle.result()).toMatchObject({ status: 'TRAJECTORY_CLOSED', reason: 'not-signed' });
      expect(orders(fake)).toEqual([]);
    });
  });

  it('the duration runs out: nothing due after the last day, then closed', async () => {
    await run(async ({ fake, taskQueue }) => {
      // 14 months: the yearly run, then a run that ends at the last day.
      const { handle } = await start(taskQueue, {}, 14);
      const signedOn = await today();
      await workflowDriver(env).complete(handle.workflowId, fake, 'trajectory-agreement', signed(signedOn));
      await handle.executeUpdate(budgetPlanChangedUpdate, { args: [{ plan: aPlan(signedOn), changedBy: 'u-1' }] });
      const lastDay = addDays(addMonths(signedOn, 14).date, -1);
      await live(fake, handle.workflowId, daysBetween(signedOn, lastDay) - 10);
      expect(await handle.result()).toEqual({ status: 'TRAJECTORY_CLOSED', reason: 'duration', endDate: lastDay });
      expect(orders(fake).every((o) => compareDates(o.dueDate, lastDay) <= 0)).toBe(true);
      expect(orders(fake).filter((o) => o.kind === 'instalment' && o.payee.partyId === CREDITORS[0]).length).toBe(monthlyDays(5, signedOn, lastDay).length);
      expect(daysBetween(signedOn, lastDay)).toBeGreaterThan(400);
    });
  });
});

import { TestWorkflowEnvironment } from '@temporalio/testing';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { Worker } from '@temporalio/worker';
import { startOfDay } from '../../../libs/deadlines/calendar-date';
import { debtReportWorkflowId } from '../../../libs/notices/debt-annual-report';
import { debtReportSubmitted } from '../../../workflows/debt-mediation/annual-report.messages';
import type { DebtReportArgs } from '../../../workflows/debt-mediation/annual-report.workflow';
import { todayInBrussels } from '../../support/factories';
import { fakeActivities } from '../../support/fake-activities';
import { eventually, timeSkippingEnv, uniqueTaskQueue, workflowBundle } from '../../support/temporal';

const TZ = 'Europe/Brussels';

/**
 * DEBT-1 (decree of 24 July 1996): the annual report of a recognised OCMW, due at the Flemish department by 31 March for
 * the year before — a clock without a dossier. Time moves by the time-skipping server; the year reported on is the
 * server's current one, so its due date (31 March next year) always lies ahead, whatever day the test runs.
 */
describe('debt mediation annual report (time-skipping)', () => {
  let env: TestWorkflowEnvironment;
  beforeAll(async () => void (env = await timeSkippingEnv()));
  afterAll(() => env?.teardown());

  type Fake = ReturnType<typeof fakeActivities>;
  async function run(fn: (ctx: { fake: Fake; taskQueue: string; year: number }) => Promise<void>) {
    const fake = fakeActivities();
    const taskQueue = uniqueTaskQueue('debt-report');
    const worker = await Worker.create({ connection: env.nativeConnection, taskQueue, workflowBundle: await workflowBundle(), activities: fake.activities });
    const year = Number(todayInBrussels(await env.currentTimeMs()).slice(0, 4));
    await worker.runUntil(fn({ fake, taskQueue, year }));
  }
  const start = (taskQueue: string, year: number) => {
    const args: DebtReportArgs = { year, team: 'demo', timeZone: TZ, warningDays: 7 };
    return env.client.workflow.start('debtMediationAnnualReport', { args: [args], taskQueue, workflowId: debtReportWorkflowId(taskQueue, year) });
  };
  /** Sleeps until just after the start of `date` in Brussels. */
  const sleepUntil = async (date: string) => env.sleep(startOfDay(date, TZ) + 3_600_000 - (await env.currentTimeMs()));

  it('plans DEBT-1 without a dossier (due 31 March), warns the team lead, and is met when the report is submitted in time', async () => {
    await run(async ({ fake, taskQueue, year }) => {
      const handle = await start(taskQueue, year);
      const plan = await eventually(() => fake.of('planDeadline')[0]);
      expect(plan).toMatchObject({ dossierId: null, subject: `Jaarverslag schuldbemiddeling ${year}`, key: `debt-report:${year}`, ruleId: 'DEBT-1', triggerDate: `${year}-12-31`, team: 'demo' });
      expect(fake.of('raiseEscalation')).toEqual([]);

      await sleepUntil(`${year + 1}-03-25`); // within the warning days before 31 March
      const warning = await eventually(() => fake.of('raiseEscalation')[0]);
      expect(warning).toMatchObject({ dossierId: null, level: 'warning', key: `debt-report:${year}` });
      expect(warning.message).toBe(`Jaarverslag schuldbemiddeling ${year}: Jaarverslag en basisregistratie van de erkende instelling voor schuldbemiddeling verstrijkt op 31 maart ${year + 1} (decreet van 24 juli 1996; uitvoeringsbesluit van 25 maart 1997).`);

      const answer = await handle.executeUpdate(debtReportSubmitted, { args: [{ year, submittedOn: `${year + 1}-03-28` }] });
      expect(answer).toEqual({ year, status: 'met', submittedOn: `${year + 1}-03-28` });
      expect(await handle.result()).toEqual({ year, status: 'met', submittedOn: `${year + 1}-03-28` });
      expect(fake.of('setDeadlineStatus').map((c) => [c.status, c.metDate])).toEqual([['at-risk', undefined], ['met', `${year + 1}-03-28`]]);
      expect(fake.of('raiseEscalation').map((c) => c.level)).toEqual(['warning']);
    });
  });

  it('escalates a breach after 31 March and records a late submission as met late (breached with its date)', async () => {
    await run(async ({ fake, taskQueue, year }) => {
      const handle = await start(taskQueue, year);
      await eventually(() => fake.of('planDeadline')[0]);
      await sleepUntil(`${year + 1}-04-01`);
      const breach = await eventually(() => fake.of('raiseEscalation').find((c) => c.level === 'breach'));
      expect(breach.message).toContain(`is overschreden (uiterlijk 31 maart ${year + 1}`);

      // The Update's validator refuses another year and a day inside the year reported on; nothing is recorded.
      await expect(handle.executeUpdate(debtReportSubmitted, { args: [{ year: year - 1, submittedOn: `${year + 1}-04-01` }] })).rejects.toBeInstanceOf(WorkflowUpdateFailedError);
      await expect(handle.executeUpdate(debtReportSubmitted, { args: [{ year, submittedOn: `${year}-12-31` }] })).rejects.toBeInstanceOf(WorkflowUpdateFailedError);
      expect(fake.of('setDeadlineStatus').map((c) => c.status)).toEqual(['at-risk', 'breached']);

      expect(await handle.executeUpdate(debtReportSubmitted, { args: [{ year, submittedOn: `${year + 1}-04-10` }] })).toMatchObject({ status: 'breached' });
      expect(await handle.result()).toEqual({ year, status: 'breached', submittedOn: `${year + 1}-04-10` });
      expect(fake.of('setDeadlineStatus').at(-1)).toMatchObject({ dossierId: null, status: 'breached', metDate: `${year + 1}-04-10` });
    });
  });

  it('the yearly start opens the clock of the year that ended once (a second start finds it), and none outside 1 January – 31 March or unrecognised', async () => {
    await run(async ({ fake, taskQueue, year }) => {
      const yearly = (today: string, recognisedSince: string | null) =>
        env.client.workflow.execute('debtMediationReportYear', {
          args: [{ team: 'demo', timeZone: TZ, warningDays: 7, recognisedSince, today }], taskQueue, workflowId: `debt-report-year-${taskQueue}-${today}-${recognisedSince}`,
        });
      expect(await yearly(`${year + 1}-01-01`, null)).toEqual({ year: null, started: false });
      expect(await yearly(`${year + 1}-04-01`, '2000-01-01')).toEqual({ year: null, started: false });
      expect(await yearly(`${year + 1}-01-01`, `${year + 1}-01-01`)).toEqual({ year: null, started: false }); // recognised after the year
      expect(await yearly(`${year + 1}-01-01`, '2000-01-01')).toEqual({ year, started: true });
      expect(await yearly(`${year + 1}-02-15`, '2000-01-01')).toEqual({ year, started: false });
      const report = env.client.workflow.getHandle(debtReportWorkflowId(taskQueue, year));
      expect((await report.describe()).status.name).toBe('RUNNING');
      await eventually(() => fake.of('planDeadline').find((c) => c.key === `debt-report:${year}`));
      expect(fake.of('planDeadline')).toHaveLength(1);
      await report.terminate('test done');
    });
  });
});

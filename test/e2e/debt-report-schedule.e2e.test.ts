import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { debtReportScheduleId, ensureDebtReportClock } from '../../apps/worker/debt-report-schedule';
import { AppConfig, loadConfig } from '../../libs/config/config';
import { debtReportWorkflowId } from '../../libs/notices/debt-annual-report';
import { uniqueTaskQueue } from '../support/temporal';

/**
 * What a worker does at start for DEBT-1 (apps/worker/debt-report-schedule.ts), on the run's real Temporal dev server
 * with fixed instants (no test depends on today): the yearly schedule created, then kept up to date, deleted when the
 * OCMW is no longer recognised; the clock of last year started in its window (1 January – 31 March) once, never again
 * after it ended.
 */
describe('the DEBT-1 schedule and clock at worker start (Temporal dev server)', () => {
  let native: NativeConnection;
  let client: Client;
  beforeAll(async () => {
    native = await NativeConnection.connect({ address: process.env.TEST_TEMPORAL_ADDRESS });
    client = new Client({ connection: await Connection.connect({ address: process.env.TEST_TEMPORAL_ADDRESS }) });
  });
  afterAll(async () => {
    await native?.close();
    await client?.connection.close();
  });

  it('creates the schedule, starts last year\'s clock in February once, updates the schedule, and deletes it without recognition', async () => {
    const base = loadConfig({});
    const config: AppConfig = { ...base, taskQueue: uniqueTaskQueue('debt-report-schedule'), debtMediationRecognisedSince: '2020-01-01' };
    const february = Date.parse('2027-02-10T10:00:00+01:00');
    expect(await ensureDebtReportClock(native, config, february)).toEqual({ schedule: 'created', started: 2026 });
    const schedule = client.schedule.getHandle(debtReportScheduleId(config.taskQueue));
    const described = await schedule.describe();
    expect(described.spec.calendars?.[0]).toMatchObject({ month: [{ start: 'JANUARY', end: 'JANUARY' }], dayOfMonth: [{ start: 1, end: 1 }] });
    expect(described.action).toMatchObject({ workflowType: 'debtMediationReportYear', args: [expect.objectContaining({ team: 'demo', recognisedSince: '2020-01-01' })] });
    const report = client.workflow.getHandle(debtReportWorkflowId(config.taskQueue, 2026));
    expect((await report.describe()).status.name).toBe('RUNNING');

    // A second worker (or a restart) finds both; a changed setting reaches the schedule.
    const renamed: AppConfig = { ...config, debtMediation: { ...config.debtMediation, reportTeam: 'schuldhulp' } };
    expect(await ensureDebtReportClock(native, renamed, february)).toEqual({ schedule: 'updated', started: null });
    expect((await schedule.describe()).action).toMatchObject({ args: [expect.objectContaining({ team: 'schuldhulp' })] });
    // Once the year's workflow has ended (submitted), it is never started again; after 31 March nothing is started.
    await report.terminate('as if submitted');
    expect(await ensureDebtReportClock(native, config, february)).toEqual({ schedule: 'updated', started: null });
    expect(await ensureDebtReportClock(native, config, Date.parse('2027-06-01T10:00:00+02:00'))).toEqual({ schedule: 'updated', started: null });

    expect(await ensureDebtReportClock(native, { ...config, debtMediationRecognisedSince: null }, february)).toEqual({ schedule: 'deleted', started: null });
    expect(await ensureDebtReportClock(native, { ...config, debtMediationRecognisedSince: null }, february)).toEqual({ schedule: 'absent', started: null });
  });
});

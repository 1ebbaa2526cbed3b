import { WorkflowUpdateFailedError } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { addDays } from '../../../libs/deadlines/calendar-date';
import { changeDeadlineUpdate, dossierStateQuery, TASK_FAILURES } from '../../../workflows/shared/dossier.messages';
import { aDossierInput } from '../../support/factories';
import { fakeActivities } from '../../support/fake-activities';
import { eventually, timeSkippingEnv } from '../../support/temporal';
import { deadlineProbe, stopProbe } from '../support/probe.workflow';
import { withProbeWorker } from '../support/probe-worker';

const by = { decidedBy: 'team-lead', decidedOn: '2026-01-01' };

/** The shared deadline clock, on rules the leefloon does not use: timers follow suspensions and extensions. */
describe('deadline clock (time-skipping)', () => {
  let env: TestWorkflowEnvironment;
  beforeAll(async () => {
    env = await timeSkippingEnv();
  });
  afterAll(async () => {
    await env?.teardown();
  });

  async function probe<T>(ruleId: string, fn: (ctx: { fake: ReturnType<typeof fakeActivities>; handle: any; trigger: string }) => Promise<T>) {
    const fake = fakeActivities();
    return withProbeWorker(env, fake.activities, async ({ taskQueue, today: trigger }) => {
      const input = { ...aDossierInput({ requestDate: trigger }), ruleId, trigger };
      const handle = await env.client.workflow.start(deadlineProbe, { args: [input], taskQueue, workflowId: `probe-${input.dossierId}` });
      // The clock is in the dossier once its plan has come back from the activity.
      await eventually(async () => ((await handle.query(dossierStateQuery)).deadlines.length > 0 ? true : undefined));
      return fn({ fake, handle, trigger });
    });
  }
  const escalations = (fake: ReturnType<typeof fakeActivities>) => fake.of('raiseEscalation').map((e) => e.level);

  it('moves the due date and its timers with a suspension (heating allowance request, force majeure)', async () => {
    await probe('HF-1', async ({ fake, handle, trigger }) => {
      const due = (await handle.query(dossierStateQuery)).deadlines[0].dueDate;
      expect(due).toBe(addDays(trigger, 60));
      const suspension = { from: addDays(trigger, 10), to: addDays(trigger, 19), reason: 'ziekenhuisopname', ...by };
      const moved = await handle.executeUpdate(changeDeadlineUpdate, { args: [{ key: 'probe', change: { type: 'suspend', suspension }, userId: 'tl' }] });
      expect(moved.dueDate).toBe(addDays(trigger, 70));

      await env.sleep('61 days'); // past the original due date: nothing breached, and not yet in the warning period
      expect(escalations(fake)).toEqual([]);
      await env.sleep('10 days'); // past the new due date
      expect(escalations(fake)).toEqual(['warning', 'breach']);
      await handle.signal(stopProbe, addDays(trigger, 71));
      expect(await handle.result()).toBe('breached');
    });
  });

  it('runs no timer while a suspension is open, and plans again when it ends', async () => {
    await probe('HF-1', async ({ fake, handle, trigger }) => {
      const open = { from: addDays(trigger, 1), to: null, reason: 'overmacht', ...by };
      const suspended = await handle.executeUpdate(changeDeadlineUpdate, { args: [{ key: 'probe', change: { type: 'suspend', suspension: open }, userId: 'tl' }] });
      expect(suspended).toMatchObject({ dueDate: null, suspendedSince: addDays(trigger, 1) });
      await env.sleep('100 days');
      expect(escalations(fake)).toEqual([]);
      expect((await handle.query(dossierStateQuery)).deadlines[0].status).toBe('suspended');

      const resumed = await handle.executeUpdate(changeDeadlineUpdate, { args: [{ key: 'probe', change: { type: 'resume', to: addDays(trigger, 100) }, userId: 'tl' }] });
      expect(resumed.dueDate).toBe(addDays(trigger, 160));
      await handle.signal(stopProbe, addDays(trigger, 101));
      expect(await handle.result()).toBe('met');
      expect(escalations(fake)).toEqual([]);
    });
  });

  it('extends an amicable-plan term once (collective debt settlement) and refuses a second extension', async () => {
    await probe('CSR-3', async ({ handle }) => {
      const before = (await handle.query(dossierStateQuery)).deadlines[0].dueDate;
      const extended = await handle.executeUpdate(changeDeadlineUpdate, {
        args: [{ key: 'probe', change: { type: 'extend', extension: { months: 6, reason: 'complexe schuldenlast', ...by } }, userId: 'tl' }],
      });
      expect(extended.dueDate > before).toBe(true);
      const again = await handle
        .executeUpdate(changeDeadlineUpdate, { args: [{ key: 'probe', change: { type: 'extend', extension: { months: 1, reason: 'nog eens', ...by } }, userId: 'tl' }] })
        .catch((e: unknown) => e);
      expect(again).toBeInstanceOf(WorkflowUpdateFailedError);
      expect((await handle.query(dossierStateQuery)).deadlines[0].dueDate).toBe(extended.dueDate);
      await handle.terminate('done');
    });
  });

  it('refuses to change a deadline that is already met', async () => {
    await probe('HF-3', async ({ handle, trigger }) => {
      await handle.signal(stopProbe, trigger);
      expect(await handle.result()).toBe('met');
    });
    await probe('LL-3', async ({ handle, trigger }) => {
      const bad = await handle
        .executeUpdate(changeDeadlineUpdate, { args: [{ key: 'nope', change: { type: 'resume', to: trigger }, userId: 'tl' }] })
        .catch((e: unknown) => e);
      expect(bad.cause.type).toBe(TASK_FAILURES.notSupported);
      await handle.terminate('done');
    });
  });
});

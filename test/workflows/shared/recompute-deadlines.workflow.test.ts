import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import * as path from 'node:path';
import { addDays, startOfDay } from '../../../libs/deadlines/calendar-date';
import { DEFAULT_CATALOGUE } from '../../../libs/deadlines/catalogue';
import type { DeadlineRule } from '../../../libs/deadlines/types';
import { formatDateNl } from '../../../libs/format/dutch';
import { INDICATIVE_WINDOW_PATCH } from '../../../workflows/shared/deadline-clock';
import { changeDeadlineUpdate, dossierStateQuery, recomputeDeadlinesUpdate } from '../../../workflows/shared/dossier.messages';
import { aDossierInput, todayInBrussels } from '../../support/factories';
import { fakeActivities } from '../../support/fake-activities';
import { eventually, timeSkippingEnv, uniqueTaskQueue, workflowBundle } from '../../support/temporal';
import { cancelSignal, clocksProbe, meetSignal } from '../support/probe.workflow';

const TZ = 'Europe/Brussels';
const PROBE = path.resolve(__dirname, '../support/probe.workflow.ts');

/** A duty of 30 calendar days, as computed before a correction; the corrected computation gives `days`. */
function catalogueWith(days: number): DeadlineRule[] {
  const rule: DeadlineRule = {
    id: 'T-RECOMPUTE', version: 1, title: 'Testtermijn', action: 'Iets doen', trigger: 'Testaanleiding', procedures: ['test'],
    legalBasis: 'testgrondslag', duration: days, counting: 'calendar-days', ifMissed: 'Escalatie', source: 'V',
    suspension: { allowed: true, basis: 'overmacht' }, extension: { allowed: false }, maxWarningDays: 7, validFrom: '2000-01-01', validTo: null,
  };
  return [...DEFAULT_CATALOGUE, rule];
}

/**
 * recomputeDeadlines (issue 8): corrections of the engine reach running dossiers. One time-skipping environment per
 * test (time is global); time moves with env.sleep only.
 */
describe('recomputeDeadlines on a running dossier (time-skipping)', () => {
  let env: TestWorkflowEnvironment | undefined;
  afterEach(async () => {
    await env?.teardown();
    env = undefined;
  });

  async function dossierWithClocks<T>(
    clocks: (today: string) => { key: string; ruleId: string; trigger: string; kind?: 'duty' | 'window' }[],
    fn: (ctx: { fake: ReturnType<typeof fakeActivities>; handle: any; today: string; sleepUntil: (date: string) => Promise<void> }) => Promise<T>,
    catalogue = catalogueWith(30),
  ): Promise<T> {
    env = await timeSkippingEnv();
    const e = env;
    const fake = fakeActivities({ catalogue });
    const taskQueue = uniqueTaskQueue('recompute');
    const worker = await Worker.create({ connection: e.nativeConnection, taskQueue, workflowBundle: await workflowBundle(PROBE), activities: fake.activities });
    return worker.runUntil(async () => {
      const today = todayInBrussels(await e.currentTimeMs());
      const input = { ...aDossierInput({ requestDate: today }), clocks: clocks(today) };
      const handle = await e.client.workflow.start(clocksProbe, { args: [input], taskQueue, workflowId: `dossier-${input.dossierId}` });
      await eventually(async () => ((await handle.query(dossierStateQuery)).deadlines.length === input.clocks.length ? true : undefined));
      /** One hour into `date` in Brussels. */
      const sleepUntil = async (date: string) => e.sleep(startOfDay(date, TZ) + 3_600_000 - (await e.currentTimeMs()));
      return fn({ fake, handle, today, sleepUntil });
    });
  }
  const escalations = (fake: ReturnType<typeof fakeActivities>, key: string) => fake.of('raiseEscalation').filter((x) => x.key === key).map((x) => x.level);
  const statuses = (fake: ReturnType<typeof fakeActivities>, key: string) => fake.of('setDeadlineStatus').filter((x) => x.key === key).map((x) => x.status);
  const stateOf = async (handle: any, key: string) => (await handle.query(dossierStateQuery)).deadlines.find((d: { key: string }) => d.key === key);

  it('moves the warning and breach timers of an open clock to the corrected due date; a met clock stays as it is; the history replays', async () => {
    await dossierWithClocks(
      (today) => [
        { key: 'open', ruleId: 'T-RECOMPUTE', trigger: today },
        { key: 'done', ruleId: 'T-RECOMPUTE', trigger: today },
      ],
      async ({ fake, handle, today, sleepUntil }) => {
        await handle.signal(meetSignal, { key: 'done', date: today });
        await eventually(async () => ((await stateOf(handle, 'done')).status === 'met' ? true : undefined));
        expect((await stateOf(handle, 'open')).dueDate).toBe(addDays(today, 30));

        // A correction of the computation is deployed: the same rule now gives 40 days.
        fake.useCatalogue(catalogueWith(40));
        const result = await handle.executeUpdate(recomputeDeadlinesUpdate, { args: [{ requestedBy: 'admin-1' }] });
        expect(result).toEqual({
          recomputed: [{ key: 'open', ruleId: 'T-RECOMPUTE', previousDueDate: addDays(today, 30), dueDate: addDays(today, 40), status: 'running' }],
          unchanged: [{ key: 'done', ruleId: 'T-RECOMPUTE', status: 'met' }],
          failed: [],
        });
        // The activity keeps the read model and writes the timeline entry with the old and the new due date.
        const replans = fake.of('planDeadline').filter((p) => p.recompute);
        expect(replans).toEqual([
          expect.objectContaining({
            key: 'open', triggerDate: today, suspensions: [], extensions: [],
            recompute: expect.objectContaining({ previousDueDate: addDays(today, 30), previousStatus: 'running', requestedBy: 'admin-1' }),
          }),
        ]);
        expect((await stateOf(handle, 'open')).dueDate).toBe(addDays(today, 40));

        await sleepUntil(addDays(today, 31)); // past the old warning (day 23) and the old due date (day 30)
        expect(escalations(fake, 'open')).toEqual([]);
        expect(statuses(fake, 'open')).toEqual([]);
        await sleepUntil(addDays(today, 32));
        expect(escalations(fake, 'open')).toEqual([]);
        await sleepUntil(addDays(today, 33)); // the new warning date: 7 days before day 40
        expect(escalations(fake, 'open')).toEqual(['warning']);
        expect(fake.of('raiseEscalation').find((x) => x.key === 'open').message).toContain(`verstrijkt op ${formatDateNl(addDays(today, 40))}`);
        await sleepUntil(addDays(today, 40));
        expect(escalations(fake, 'open')).toEqual(['warning']); // the last day itself is still on time
        await sleepUntil(addDays(today, 41));
        expect(escalations(fake, 'open')).toEqual(['warning', 'breach']);
        expect(statuses(fake, 'open')).toEqual(['at-risk', 'breached']);

        // The met clock was never touched again.
        expect(statuses(fake, 'done')).toEqual(['met']);
        expect(escalations(fake, 'done')).toEqual([]);
        expect(fake.of('planDeadline').filter((p) => p.key === 'done')).toHaveLength(1);

        expect(await handle.result()).toEqual({ open: 'breached', done: 'met' });
        const history = await handle.fetchHistory();
        await Worker.runReplayHistory({ workflowBundle: await workflowBundle(PROBE) }, history, handle.workflowId);
      },
    );
  });

  it('an at-risk clock whose corrected warning date lies ahead runs again; a correction that ends the term in the past breaches at once', async () => {
    await dossierWithClocks(
      (today) => [{ key: 'term', ruleId: 'T-RECOMPUTE', trigger: today }],
      async ({ fake, handle, today, sleepUntil }) => {
        await sleepUntil(addDays(today, 24)); // warned on day 23 (due day 30)
        expect(escalations(fake, 'term')).toEqual(['warning']);
        expect((await stateOf(handle, 'term')).status).toBe('at-risk');

        fake.useCatalogue(catalogueWith(40)); // warning day 33, due day 40
        const later = await handle.executeUpdate(recomputeDeadlinesUpdate, { args: [{ requestedBy: 'admin-1' }] });
        expect(later.recomputed).toEqual([{ key: 'term', ruleId: 'T-RECOMPUTE', previousDueDate: addDays(today, 30), dueDate: addDays(today, 40), status: 'running' }]);
        expect(fake.of('planDeadline').find((p) => p.recompute)?.recompute).toMatchObject({ previousStatus: 'at-risk' });
        expect((await stateOf(handle, 'term')).status).toBe('running');
        await sleepUntil(addDays(today, 31));
        expect(escalations(fake, 'term')).toEqual(['warning']); // no breach at the old due date
        await sleepUntil(addDays(today, 34));
        expect(escalations(fake, 'term')).toEqual(['warning', 'warning']); // warned again, at the new warning date
        expect(statuses(fake, 'term')).toEqual(['at-risk', 'at-risk']);

        fake.useCatalogue(catalogueWith(12)); // due day 12: already past
        const earlier = await handle.executeUpdate(recomputeDeadlinesUpdate, { args: [{ requestedBy: 'admin-1' }] });
        expect(earlier.recomputed).toEqual([{ key: 'term', ruleId: 'T-RECOMPUTE', previousDueDate: addDays(today, 40), dueDate: addDays(today, 12), status: 'at-risk' }]);
        await eventually(() => (escalations(fake, 'term').includes('breach') ? true : undefined));
        expect(escalations(fake, 'term')).toEqual(['warning', 'warning', 'breach']);
        expect((await stateOf(handle, 'term')).status).toBe('breached');
        await handle.terminate('test done');
      },
    );
  });

  it('a suspended clock stays suspended, without timers; the corrected count applies once the suspension ends', async () => {
    await dossierWithClocks(
      (today) => [{ key: 'held', ruleId: 'T-RECOMPUTE', trigger: today }],
      async ({ fake, handle, today, sleepUntil }) => {
        const by = { decidedBy: 'team-lead', decidedOn: today };
        await handle.executeUpdate(changeDeadlineUpdate, {
          args: [{ key: 'held', change: { type: 'suspend', suspension: { from: addDays(today, 2), to: null, reason: 'overmacht', ...by } }, userId: 'tl' }],
        });
        fake.useCatalogue(catalogueWith(40));
        const result = await handle.executeUpdate(recomputeDeadlinesUpdate, { args: [{ requestedBy: 'admin-1' }] });
        expect(result.recomputed).toEqual([{ key: 'held', ruleId: 'T-RECOMPUTE', previousDueDate: null, dueDate: null, status: 'suspended' }]);
        await sleepUntil(addDays(today, 60));
        expect(escalations(fake, 'held')).toEqual([]);
        // Suspended from day 2 to day 11 (10 days): 40 + 10 = day 50.
        const resumed = await handle.executeUpdate(changeDeadlineUpdate, { args: [{ key: 'held', change: { type: 'resume', to: addDays(today, 11) }, userId: 'tl' }] });
        expect(resumed.dueDate).toBe(addDays(today, 50));
        await handle.terminate('test done');
      },
    );
  });

  it('the appeal window for the absence of a decision ends informative, never expired (GwH nr. 35/2008), and a decision still closes it', async () => {
    await dossierWithClocks(
      (today) => [
        { key: 'appeal-no-decision', ruleId: 'LL-10-NO-DECISION', trigger: today, kind: 'window' },
        { key: 'appeal', ruleId: 'LL-10', trigger: today, kind: 'window' },
      ],
      async ({ fake, handle, sleepUntil }) => {
        const noDecision = (await stateOf(handle, 'appeal-no-decision')).dueDate;
        await sleepUntil(addDays(noDecision, 2));
        // The appeal against a notified decision is a term of forfeiture: expired. The other one is not.
        expect(statuses(fake, 'appeal')).toEqual(['expired']);
        expect(statuses(fake, 'appeal-no-decision')).toEqual(['informative']);
        expect((await stateOf(handle, 'appeal-no-decision')).status).toBe('informative');
        expect(fake.of('raiseEscalation')).toEqual([]);

        // Still open: a recomputation keeps it informative; the decision that comes later cancels it.
        const result = await handle.executeUpdate(recomputeDeadlinesUpdate, { args: [{ requestedBy: 'admin-1' }] });
        expect(result.recomputed).toEqual([expect.objectContaining({ key: 'appeal-no-decision', status: 'informative' })]);
        expect(result.unchanged).toEqual([{ key: 'appeal', ruleId: 'LL-10', status: 'expired' }]);
        await sleepUntil(addDays(noDecision, 40));
        expect(statuses(fake, 'appeal-no-decision')).toEqual(['informative']);
        await handle.signal(cancelSignal, 'appeal-no-decision');
        expect(await handle.result()).toEqual({ appeal: 'expired', 'appeal-no-decision': 'cancelled' });

        const history = await handle.fetchHistory();
        const markers = history.events!.flatMap((ev: any) => {
          const payloads = ev.markerRecordedEventAttributes?.details?.['patch-data']?.payloads ?? [];
          return payloads.map((p: { data: Uint8Array }) => Buffer.from(p.data).toString('utf8'));
        });
        expect(markers.some((m: string) => m.includes(INDICATIVE_WINDOW_PATCH))).toBe(true);
        await Worker.runReplayHistory({ workflowBundle: await workflowBundle(PROBE) }, history, handle.workflowId);
      },
      DEFAULT_CATALOGUE,
    );
  });
});


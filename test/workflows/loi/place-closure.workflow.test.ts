import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import { addDays } from '../../../libs/deadlines/calendar-date';
import { DEFAULT_CATALOGUE } from '../../../libs/deadlines/catalogue';
import { computeDeadline, findRule } from '../../../libs/deadlines/engine';
import { loiPlaceClosureWorkflowId } from '../../../libs/procedures/loi';
import type { LoiPlaceClosureArgs } from '../../../workflows/loi/place-closure.workflow';
import { todayInBrussels } from '../../support/factories';
import { fakeActivities } from '../../support/fake-activities';
import { eventually, timeSkippingEnv, uniqueTaskQueue, workflowBundle } from '../../support/temporal';

const TZ = 'Europe/Brussels';

/**
 * LOI-7 (the Fedasil convention): a place closed with six months' notice, a clock of the OCMW without a dossier. The
 * notice is given today (the server's clock): the last day is six months later, whatever day the test runs.
 */
describe('LOI place closure (time-skipping)', () => {
  let env: TestWorkflowEnvironment;
  beforeAll(async () => void (env = await timeSkippingEnv()));
  afterAll(() => env?.teardown());

  /** The last day the engine computes: six months after the notice (its rules for a month end or a day off included). */
  const lastDay = (noticeOn: string) => computeDeadline(findRule(DEFAULT_CATALOGUE, 'LOI-7', noticeOn), noticeOn, { warningDays: 14, timeZone: TZ }).dueDate!;

  async function closing(occupants: number[]) {
    const fake = fakeActivities({ loiPlaceOccupants: occupants });
    const taskQueue = uniqueTaskQueue('loi-closure');
    const worker = await Worker.create({ connection: env.nativeConnection, taskQueue, workflowBundle: await workflowBundle(), activities: fake.activities });
    const noticeOn = todayInBrussels(await env.currentTimeMs());
    const placeId = randomUUID();
    const args: LoiPlaceClosureArgs = { placeId, code: 'LOI-09', team: 'demo', noticeOn, timeZone: TZ, warningDays: 14 };
    const result = await worker.runUntil(async () => {
      const handle = await env.client.workflow.start('loiPlaceClosure', { args: [args], taskQueue, workflowId: loiPlaceClosureWorkflowId(placeId) });
      const plan = await eventually(() => fake.of('planDeadline')[0]);
      expect(plan).toMatchObject({ dossierId: null, subject: 'Opvangplaats LOI-09', key: 'loi-place-closure:LOI-09', ruleId: 'LOI-7', triggerDate: noticeOn, team: 'demo' });
      return handle.result();
    });
    return { fake, result, noticeOn, placeId };
  }

  it('is met on the last day when nobody is housed after it; the team lead was warned before', async () => {
    const { fake, result, noticeOn, placeId } = await closing([0]);
    const closesOn = lastDay(noticeOn);
    expect(result).toEqual({ closesOn, status: 'met', emptyOn: closesOn });
    expect(fake.of('loiPlaceOccupants')).toEqual([{ placeId, after: closesOn }]);
    expect(fake.of('raiseEscalation').map((e) => [e.level, e.dossierId])).toEqual([['warning', null]]);
    expect(fake.of('raiseEscalation')[0].message).toContain('Opvangplaats LOI-09: Opzeg van de LOI-conventie verstrijkt op');
  });

  it('still housed after the last day: breached and escalated at midnight, met late on the first evening the place is empty', async () => {
    const { fake, result, noticeOn } = await closing([2, 1, 0]);
    const closesOn = lastDay(noticeOn);
    expect(result).toEqual({ closesOn, status: 'breached', emptyOn: addDays(closesOn, 2) });
    expect(fake.of('loiPlaceOccupants')).toHaveLength(3);
    expect(fake.of('raiseEscalation').map((e) => e.level)).toEqual(['warning', 'breach']);
    expect(fake.of('setDeadlineStatus').map((c) => c.status)).toEqual(['at-risk', 'breached', 'breached']);
    expect(fake.of('setDeadlineStatus').at(-1).metDate).toBe(addDays(closesOn, 2));
  });
});

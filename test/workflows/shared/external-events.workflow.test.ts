import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import * as path from 'node:path';
import { dossierStateQuery, ExternalEventInput, externalEventUpdate, TASK_FAILURES } from '../../../workflows/shared/dossier.messages';
import { aDossierInput, todayInBrussels } from '../../support/factories';
import { fakeActivities } from '../../support/fake-activities';
import { eventually, timeSkippingEnv, uniqueTaskQueue, workflowBundle } from '../../support/temporal';
import { eventsProbe, takeSignal } from '../support/probe.workflow';

const PROBE = path.resolve(__dirname, '../support/probe.workflow.ts');

/** The validator's refusal of an Update: its failure type and the errors it names. */
async function refusal(promise: Promise<unknown>): Promise<{ type: string | undefined; paths: string[] }> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure) {
      return { type: err.cause.type ?? undefined, paths: ((err.cause.details?.[0] ?? []) as { path: string }[]).map((e) => e.path) };
    }
    throw err;
  }
  throw new Error('expected the Update to be refused');
}

/**
 * External events on the shared runtime (issue 10, item 3): the externalEvent Update with its validator, waitForEvent
 * with events received before the wait, and a hand-over (continue-as-new) that loses none and accepts none twice.
 */
describe('external events reach a dossier once (time-skipping)', () => {
  let env: TestWorkflowEnvironment;
  beforeAll(async () => {
    env = await timeSkippingEnv();
  });
  afterAll(async () => {
    await env?.teardown();
  });

  it('buffers events received before the wait, refuses unknown types and bad data, answers a redelivery as duplicate, and carries untaken and taken events across continue-as-new', async () => {
    const fake = fakeActivities();
    const taskQueue = uniqueTaskQueue('events');
    const worker = await Worker.create({ connection: env.nativeConnection, taskQueue, workflowBundle: await workflowBundle(PROBE), activities: fake.activities });
    await worker.runUntil(async () => {
      const today = todayInBrussels(await env.currentTimeMs());
      const input = aDossierInput({ requestDate: today });
      const workflowId = `dossier-${input.dossierId}`;
      const handle = await env.client.workflow.start(eventsProbe, { args: [input], taskQueue, workflowId });
      const event = (eventId: string, type: string, data: Record<string, unknown>): ExternalEventInput => ({
        eventId, type, occurredOn: today, reference: `ref-${eventId}`, data, recordedBy: 'mw-1',
      });
      const fact = (eventId: string) => event(eventId, 'new-fact-reported', { fact: 'income', description: 'Werk gevonden als poetshulp.' });
      const send = (e: ExternalEventInput) => handle.executeUpdate(externalEventUpdate, { args: [e] });

      expect(await send(fact('a'))).toMatchObject({ outcome: 'accepted' });
      expect(await send(fact('b'))).toMatchObject({ outcome: 'accepted' });
      expect(await send(event('c', 'request-forwarded-by-ocmw', { forwardingOcmw: 'OCMW Aalst', reasons: 'Woont in Gent.' }))).toMatchObject({ outcome: 'accepted' });
      // The first run took 'a' (received before its wait ended), 'b' and 'c' wait.
      await eventually(async () => {
        const pending = (await handle.query(dossierStateQuery)).pendingEvents?.map((e) => e.eventId);
        return pending?.join() === 'b,c' ? true : undefined;
      });

      expect(await refusal(send(event('d', 'asylum-decision', {})))).toEqual({ type: TASK_FAILURES.validation, paths: ['/type'] });
      expect(await refusal(send(event('e', 'new-fact-reported', { fact: 'lottery' })))).toEqual({ type: TASK_FAILURES.validation, paths: ['/data/description', '/data/fact'] });
      expect(await send(fact('a'))).toMatchObject({ outcome: 'duplicate' }); // taken
      expect(await send(fact('b'))).toMatchObject({ outcome: 'duplicate' }); // waiting

      await handle.signal(takeSignal); // the first run hands over
      await eventually(async () => ((await env.client.workflow.getHandle(workflowId).describe()).runId !== handle.firstExecutionRunId ? true : undefined));
      const next = env.client.workflow.getHandle(workflowId);
      // The next run knows both: the one taken and the one waiting.
      expect(await next.executeUpdate(externalEventUpdate, { args: [fact('a')] })).toMatchObject({ outcome: 'duplicate' });
      expect(await next.executeUpdate(externalEventUpdate, { args: [fact('b')] })).toMatchObject({ outcome: 'duplicate' });
      expect((await next.query(dossierStateQuery)).pendingEvents?.map((e) => e.eventId)).toEqual(['b', 'c']);
      await next.signal(takeSignal);
      expect(await next.result()).toEqual(['a', 'b', 'c']);

      // One timeline entry per event, keyed on its id, written by the workflow; none for the refused or repeated ones.
      const timeline = fake.of('recordDossierEvent').filter((x) => x.type === 'external-event');
      expect(timeline.map((x) => x.key)).toEqual(['external-event:a', 'external-event:b', 'external-event:c']);
      expect(timeline[0].description).toMatch(/^Nieuw feit gemeld op \d{1,2} \w+ \d{4} \(kenmerk ref-a\)$/);
      expect(timeline[2].description).toMatch(/^Aanvraag doorgestuurd door een ander OCMW op /);
    });
  });
});

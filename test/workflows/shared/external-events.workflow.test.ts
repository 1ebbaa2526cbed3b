import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import * as path from 'node:path';
import { dossierStateQuery, ExternalEventInput, externalEventUpdate, TASK_FAILURES } from '../../../workflows/shared/dossier.messages';
import { aDossierInput, todayInBrussels } from '../../support/factories';
import { refusal } from '../../support/failure-of';
import { fakeActivities } from '../../support/fake-activities';
import { eventually, timeSkippingEnv, uniqueTaskQueue, workflowBundle } from '../../support/temporal';
import { eventsProbe, recordOnlyEventsProbe, takeSignal } from '../support/probe.workflow';
import { REMEMBERED_EVENT_IDS } from '../../../workflows/shared/dossier-runtime';

const PROBE = path.resolve(__dirname, '../support/probe.workflow.ts');


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

  /** A worker on the probe workflows with fake activities, running `body` with the day and a fresh dossier input. */
  async function withProbe(name: string, body: (ctx: { fake: ReturnType<typeof fakeActivities>; taskQueue: string; today: string; input: ReturnType<typeof aDossierInput> }) => Promise<void>) {
    const fake = fakeActivities();
    const taskQueue = uniqueTaskQueue(name);
    const worker = await Worker.create({ connection: env.nativeConnection, taskQueue, workflowBundle: await workflowBundle(PROBE), activities: fake.activities });
    await worker.runUntil(async () => {
      const today = todayInBrussels(await env.currentTimeMs());
      await body({ fake, taskQueue, today, input: aDossierInput({ requestDate: today }) });
    });
  }

  it('buffers events received before the wait, refuses unknown types and bad data, answers a redelivery as duplicate, and carries untaken and taken events across continue-as-new', async () => {
    await withProbe('events', async ({ fake, taskQueue, today, input }) => {
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

  it('keeps only the events the procedure takes; the others are recorded and remembered by id, the most recent REMEMBERED_EVENT_IDS', async () => {
    await withProbe('events-bounded', async ({ fake, taskQueue, today, input }) => {
      const handle = await env.client.workflow.start(recordOnlyEventsProbe, { args: [input], taskQueue, workflowId: `dossier-${input.dossierId}` });
      const fact = (n: number): ExternalEventInput => ({
        eventId: `fact-${n}`, type: 'new-fact-reported', occurredOn: today, reference: null, data: { fact: 'income', description: 'Werk gevonden.' }, recordedBy: 'mw-1',
      });
      const send = (e: ExternalEventInput) => handle.executeUpdate(externalEventUpdate, { args: [e] });
      const total = REMEMBERED_EVENT_IDS + 5;
      for (let n = 1; n <= total; n++) expect(await send(fact(n))).toMatchObject({ outcome: 'accepted' });
      const forwarded: ExternalEventInput = {
        eventId: 'fwd', type: 'request-forwarded-by-ocmw', occurredOn: today, reference: 'A-1', data: { forwardingOcmw: 'OCMW Aalst', reasons: 'Woont in Gent.' }, recordedBy: 'mw-1',
      };
      expect(await send(forwarded)).toMatchObject({ outcome: 'accepted' });
      // The latest ones (the only ones the outbox can deliver again) are duplicates.
      expect(await send(fact(total))).toMatchObject({ outcome: 'duplicate' });
      expect(await send(fact(total - REMEMBERED_EVENT_IDS + 1))).toMatchObject({ outcome: 'duplicate' });
      await handle.signal(takeSignal);
      const carried = await handle.result();
      // Only the kind it takes waits, with its data; of the others the ids of the most recent ones, oldest first.
      expect(carried?.pending.map((e) => e.eventId)).toEqual(['fwd']);
      expect(carried?.taken).toEqual(Array.from({ length: REMEMBERED_EVENT_IDS }, (_, i) => `fact-${total - REMEMBERED_EVENT_IDS + 1 + i}`));
      // Every event is on the timeline once, whether kept or not.
      expect(fake.of('recordDossierEvent').filter((x) => x.type === 'external-event')).toHaveLength(total + 1);
    });
  });
});

import { ApplicationFailure } from '@temporalio/common';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import * as path from 'node:path';
import { aDossierInput, todayInBrussels } from '../../support/factories';
import { fakeActivities } from '../../support/fake-activities';
import { timeSkippingEnv, uniqueTaskQueue, workflowBundle } from '../../support/temporal';
import { linkedProbe } from '../support/linked.workflow';

/** dossier.openLinked: one linked dossier per business key, however often the activity runs or the workflow continues. */
describe('dossier.openLinked (time-skipping)', () => {
  let env: TestWorkflowEnvironment;
  beforeAll(async () => {
    env = await timeSkippingEnv();
  });
  afterAll(async () => {
    await env?.teardown();
  });

  it('answers the dossier opened first for the same key — retried, called again, in the next run — and opens another for another key', async () => {
    const fake = fakeActivities();
    // The first attempt opens (the fake keeps it under its key) and then fails as if the worker died before answering.
    let attempts = 0;
    const open = fake.activities.openLinkedDossier;
    fake.activities.openLinkedDossier = async (input) => {
      const answer = await open(input);
      if (++attempts === 1) throw ApplicationFailure.retryable('worker lost before answering (test)');
      return answer;
    };
    const taskQueue = uniqueTaskQueue('linked');
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue,
      workflowBundle: await workflowBundle(path.resolve(__dirname, '../support/linked.workflow.ts')),
      activities: fake.activities,
    });
    const today = todayInBrussels(await env.currentTimeMs());
    const input = aDossierInput({ requestDate: today });
    const answers = await worker.runUntil(env.client.workflow.execute(linkedProbe, { args: [input], taskQueue, workflowId: `linked-${input.dossierId}` }));

    const calls = fake.of('openLinkedDossier');
    // Retried once, then twice more in run 1, once in run 2 with the same key, once with another key.
    expect(calls).toHaveLength(5);
    expect(calls[0]).toEqual({ fromDossierId: input.dossierId, procedure: 'leefloon', linkKey: 'leefloon:after-loi', reason: 'Erkenning LOI: recht op leefloon nagaan', requestDate: today, channel: undefined });
    expect(answers.map((a) => a.dossierId)).toEqual(['linked-1', 'linked-1', 'linked-1', 'linked-2']);
    expect(new Set(answers.slice(0, 3).map((a) => a.linkId))).toEqual(new Set(['link-1']));
    expect(answers[3].linkId).toBe('link-2');
  });
});

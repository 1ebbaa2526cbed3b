import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { fakeActivities } from '../support/fake-activities';
import { dataConverterFor } from '../../libs/temporal/data-converter';
import { ENCRYPTED_ENCODING, newPayloadKey, parsePayloadKeys } from '../../libs/temporal/payload-codec';
import { placementCostsApplication } from '../../workflows/placement-costs/placement-costs.workflow';
import { aDossierInput, outcomes } from '../support/factories';
import { timeSkippingEnv, uniqueTaskQueue, workflowBundle } from '../support/temporal';
import { workflowDriver } from '../support/workflow-driver';
import { historyText, payloadsOf } from '../support/payload-keys';

const KEYS = parsePayloadKeys(`test-enc:${newPayloadKey()}`).keys!;
const OTHER = parsePayloadKeys(`test-other:${newPayloadKey()}`).keys!;
const NOTES = 'Bewoonster heeft geen spaargeld meer sinds de verkoop van haar huis';

/**
 * Payload encryption end to end on the time-skipping server (issue 16): a placement costs dossier run by a worker and
 * client with the codec leaves nothing readable in its history — the inquiry's notes, the amounts, the motivation —
 * every payload is encrypted; the history replays through the codec, and not without its key.
 */
describe('payload encryption (time-skipping)', () => {
  let env: TestWorkflowEnvironment;
  beforeEach(async () => void (env = await timeSkippingEnv({ dataConverter: dataConverterFor(KEYS) })));
  afterEach(() => env?.teardown());

  it('stores only ciphertext: no inquiry fact, no amount, no free text; replays with the key, not without', async () => {
    const fake = fakeActivities();
    const taskQueue = uniqueTaskQueue('encrypted');
    const worker = await Worker.create({ connection: env.nativeConnection, taskQueue, workflowBundle: await workflowBundle(), activities: fake.activities, dataConverter: dataConverterFor(KEYS) });
    const drive = workflowDriver(env);
    const history = await worker.runUntil(async () => {
      const today = await drive.today();
      const input = aDossierInput({ procedure: 'placement-costs', reference: 'PK-2026-000031', requestDate: today });
      const handle = await env.client.workflow.start(placementCostsApplication, { args: [input], taskQueue, workflowId: `dossier-${input.dossierId}` });
      await drive.complete(handle.workflowId, fake, 'competence-check', outcomes.competent);
      await drive.complete(handle.workflowId, fake, 'placement-inquiry', {
        careHomePartyId: '8c1e2f3a-4b5c-4d6e-8f90-a1b2c3d4e5f6', admittedOn: today, monthlyIncomeCents: 163_217, expectedInvoiceCents: 218_911, savingsCents: 99_001,
        couple: false, property: false, maintenanceDebtors: 'waived', notes: NOTES,
      });
      await drive.decide(handle.workflowId, fake, { result: 'refused', motivation: 'Het inkomen volstaat niet voor een afwijzing maar wel voor deze test.' });
      return handle.fetchHistory();
    });
    // The client and the worker read it as always (the fake saw the inquiry in clear) …
    expect(fake.of('assessPlacementCosts')[0]).toMatchObject({ monthlyIncomeCents: 163_217 });
    // … but every payload the server holds is ciphertext, and nothing of the dossier reads in it.
    const payloads = payloadsOf(history);
    expect(payloads.length).toBeGreaterThan(20);
    for (const p of payloads) expect(new TextDecoder().decode(p.metadata!.encoding!)).toBe(ENCRYPTED_ENCODING);
    const everything = historyText(history);
    for (const secret of ['spaargeld', '163217', '218911', '99001', 'afwijzing', 'placement-inquiry', 'PK-2026-000031']) expect(everything).not.toContain(secret);
    // It replays through the codec; with another key only, the worker cannot read it.
    await expect(Worker.runReplayHistory({ workflowBundle: await workflowBundle(), dataConverter: dataConverterFor(KEYS) }, history, 'encrypted')).resolves.toBeUndefined();
    await expect(Worker.runReplayHistory({ workflowBundle: await workflowBundle(), dataConverter: dataConverterFor(OTHER) }, history, 'other-key')).rejects.toThrow();
  });
});


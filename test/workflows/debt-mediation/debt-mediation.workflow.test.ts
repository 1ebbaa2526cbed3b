import { WorkflowUpdateFailedError } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { addMonths } from '../../../libs/deadlines/calendar-date';
import { debtMediationApplication } from '../../../workflows/debt-mediation/debt-mediation.workflow';
import { dossierStateQuery, TASK_FAILURES } from '../../../workflows/shared/dossier.messages';
import { fakeActivities } from '../../support/fake-activities';
import { aDossierInput, outcomes } from '../../support/factories';
import { eventually, timeSkippingEnv, uniqueTaskQueue, workflowBundle } from '../../support/temporal';
import { workflowDriver } from '../../support/workflow-driver';

type Fake = ReturnType<typeof fakeActivities>;

/** The debt situation the inquiry finds (§3). */
const debtInquiry = { totalDebtsCents: 1_250_000, creditorCount: 6, monthlyIncomeCents: 165_000, priorityDebts: true, hearingRequested: false };
const mediation = { proposal: 'grant', guidanceType: 'amicable-mediation', durationMonths: 36, motivation: 'Zes schuldeisers, afbetalingsplan haalbaar.' };

describe('debtMediationApplication (time-skipping)', () => {
  let env: TestWorkflowEnvironment;

  beforeEach(async () => {
    env = await timeSkippingEnv();
  });
  afterEach(async () => {
    await env?.teardown();
  });

  async function run<T>(fn: (ctx: { fake: Fake; taskQueue: string }) => Promise<T>, recognisedSince: string | null = null): Promise<T> {
    const fake = fakeActivities({ settings: { debtMediationRecognisedSince: recognisedSince } });
    const taskQueue = uniqueTaskQueue('debt-mediation');
    const worker = await Worker.create({ connection: env.nativeConnection, taskQueue, workflowBundle: await workflowBundle(), activities: fake.activities });
    return worker.runUntil(fn({ fake, taskQueue }));
  }

  const envToday = () => workflowDriver(env).today();
  const complete = (...args: Parameters<ReturnType<typeof workflowDriver>['complete']>) => workflowDriver(env).complete(...args);
  /** The secretary records the session's decision once the session has come. */
  const decide = (...args: Parameters<ReturnType<typeof workflowDriver>['decide']>) => workflowDriver(env).decide(...args);

  async function start(taskQueue: string) {
    const input = aDossierInput({ procedure: 'debt-mediation', reference: 'SB-2026-000001', requestDate: await envToday() });
    const handle = await env.client.workflow.start(debtMediationApplication, { args: [input], taskQueue, workflowId: `dossier-${input.dossierId}` });
    return { input, handle };
  }

  it('registers with a receipt the same day, decides within one calendar month (SA-3), notifies with the art. 71 appeal and continues as the trajectory (the agreement to sign)', async () => {
    await run(async ({ fake, taskQueue }) => {
      const { input, handle } = await start(taskQueue);
      const receipt = await eventually(() => fake.of('recordNotice').find((n) => n.key === 'receipt'));
      expect(receipt).toMatchObject({ dueDate: input.requestDate, content: { requestDate: input.requestDate, decisionDueDate: addMonths(input.requestDate, 1).date } });
      await complete(handle.workflowId, fake, 'competence-check', outcomes.competent);
      await complete(handle.workflowId, fake, 'debt-inquiry', debtInquiry);
      await complete(handle.workflowId, fake, 'debt-report', { ...mediation, guidanceType: 'budget-management' });
      expect(fake.of('scheduleAgendaItem')[0]).toMatchObject({
        kind: 'decision', decisionDue: addMonths(input.requestDate, 1).date, proposal: expect.objectContaining({ guidanceType: 'budget-management', durationMonths: 36 }),
      });
      const sessionDate = await decide(handle.workflowId, fake, { result: 'granted', guidanceType: 'budget-management', durationMonths: 36 });
      await complete(handle.workflowId, fake, 'decision-notification', outcomes.notification(sessionDate));

      await eventually(() => fake.of('recordDossierEvent').some((e) => e.status === 'TRAJECTORY_ACTIVE') || undefined);
      const planned = fake.of('planDeadline').map((d) => [d.key, d.ruleId]);
      expect(planned.slice(0, 2)).toEqual([['decision', 'SA-3'], ['notification', 'SA-4']]);
      expect(planned).toContainEqual(['appeal', 'SA-5']);
      expect(fake.of('planDeadline')[0]).toMatchObject({ triggerDate: input.requestDate });
      const letter = fake.of('issueLetter').find((l) => l.key === 'decision-letter');
      expect(letter).toMatchObject({ template: 'decision-grant', data: { decisionDate: sessionDate, aid: { kind: 'guidance', label: 'Budgetbeheer', description: 'Voor 36 maanden.' } } });
      expect(letter.data.legalReasons).toContain('OCMW-wet');
      expect(fake.of('orderPayment')).toEqual([]);
      // The trajectory continues as its own workflow type on the same workflow id: the agreement letter, to be signed.
      await eventually(() => fake.of('issueLetter').find((l) => l.key === 'trajectory-agreement'));
      const described = await handle.describe();
      expect(described.type).toBe('debtMediationTrajectory');
      expect((await handle.query(dossierStateQuery)).status).toBe('AGREEMENT_PENDING');
      // The client's appeal window (SA-5) went along with it: the same clock (taken over, from the same trigger), still watched.
      expect(new Set(fake.of('planDeadline').filter((d) => d.key === 'appeal').map((d) => d.triggerDate)).size).toBe(1);
      expect((await handle.query(dossierStateQuery)).deadlines.find((d) => d.key === 'appeal')).toMatchObject({ ruleId: 'SA-5' });
      await env.sleep('120 days');
      expect((await handle.describe()).status.name).toBe('RUNNING');
      expect((await handle.query(dossierStateQuery)).deadlines.find((d) => d.key === 'appeal')?.status).toBe('expired');
      await handle.terminate('test done');
    });
  });

  it('refuses amicable mediation (decree 24 July 1996) when the OCMW is not recognised for it', async () => {
    await run(async ({ fake, taskQueue }) => {
      const { handle } = await start(taskQueue);
      await complete(handle.workflowId, fake, 'competence-check', outcomes.competent);
      await complete(handle.workflowId, fake, 'debt-inquiry', debtInquiry);
      await complete(handle.workflowId, fake, 'debt-report', mediation);
      const err = await decide(handle.workflowId, fake, { result: 'granted', guidanceType: 'amicable-mediation', durationMonths: 36 }).catch((e) => e);
      expect(err).toBeInstanceOf(WorkflowUpdateFailedError);
      expect(err.cause.type).toBe(TASK_FAILURES.validation);
      expect(err.cause.details[0]).toEqual([expect.objectContaining({ path: '/guidanceType', code: 'not-recognised' })]);
      await decide(handle.workflowId, fake, { result: 'granted', guidanceType: 'budget-guidance', durationMonths: 12 });
      await handle.terminate('test done');
    });
  });

  it('accepts amicable mediation once the recognition is configured', async () => {
    await run(async ({ fake, taskQueue }) => {
      const { handle } = await start(taskQueue);
      await complete(handle.workflowId, fake, 'competence-check', outcomes.competent);
      await complete(handle.workflowId, fake, 'debt-inquiry', debtInquiry);
      await complete(handle.workflowId, fake, 'debt-report', mediation);
      const sessionDate = await decide(handle.workflowId, fake, { result: 'granted', guidanceType: 'amicable-mediation', durationMonths: 36 });
      await complete(handle.workflowId, fake, 'decision-notification', outcomes.notification(sessionDate));
      await eventually(() => fake.of('recordDossierEvent').some((e) => e.status === 'TRAJECTORY_ACTIVE') || undefined);
      expect(fake.of('issueLetter').find((l) => l.key === 'decision-letter').data.aid.label).toBe('Minnelijke schuldbemiddeling');
      await handle.terminate('test done');
    }, '2020-01-01');
  });
});

import type { WorkflowHandle } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { addDays, daysBetween } from '../../../libs/deadlines/calendar-date';
import { addWorkingDays } from '../../../libs/deadlines/holidays';
import { leefloonApplication } from '../../../workflows/leefloon/leefloon.workflow';
import { completeTaskUpdate, councilDecisionUpdate, dossierStateQuery, externalEventUpdate } from '../../../workflows/shared/dossier.messages';
import { formatDateNl } from '../../../libs/format/dutch';
import { aDossierInput, outcomes, todayInBrussels } from '../../support/factories';
import { fakeActivities } from '../../support/fake-activities';
import { eventually, sleepPast, timeSkippingEnv, uniqueTaskQueue, workflowBundle } from '../../support/temporal';

/**
 * The competence conflict seen from this OCMW (issue 14, §5.2), on the leefloon (social aid and debt mediation share
 * the step, workflows/shared/request-pipeline.ts): a request another OCMW forwarded, and this OCMW is not competent
 * either → the conflict to POD MI within 5 working days (CO-2) → POD MI's provisional designation (CO-3) → handled
 * here, or sent to the designated OCMW with reasons. The decision term keeps running throughout. Time moves by the
 * time-skipping server; the working days are counted from the server's day, whatever weekday that is.
 */
describe('the competence conflict with POD MI (time-skipping)', () => {
  let env: TestWorkflowEnvironment;
  beforeEach(async () => void (env = await timeSkippingEnv()));
  afterEach(() => env?.teardown());
  const today = async () => todayInBrussels(await env.currentTimeMs());

  const forwardedHere = { type: 'request-forwarded-by-ocmw', occurredOn: '', forwardingOcmw: 'OCMW Aalst' };
  const declined = { situation: 'usual-residence', usualResidence: '11002', competent: false, rule: 'usual-residence', competentOcmw: 'OCMW Antwerpen', reasons: 'Woont gewoonlijk in Antwerpen.' };

  async function start(opened: typeof forwardedHere | null) {
    const requestDate = await today();
    const fake = fakeActivities(opened ? { openedBy: { ...opened, occurredOn: requestDate } } : {});
    const taskQueue = uniqueTaskQueue('conflict');
    const worker = await Worker.create({ connection: env.nativeConnection, taskQueue, workflowBundle: await workflowBundle(), activities: fake.activities });
    const input = aDossierInput({ requestDate, settings: { warningDays: 2, timeZone: 'Europe/Brussels' } });
    return { fake, worker, input, taskQueue };
  }
  const complete = async (workflowId: string, fake: ReturnType<typeof fakeActivities>, kind: string, outcome: Record<string, unknown>) => {
    const task = await eventually(() => fake.openTasks().find((t) => t.kind === kind));
    return env.client.workflow.getHandle(workflowId).executeUpdate(completeTaskUpdate, { args: [{ taskId: task.taskId, userId: 'u-1', userRole: 'social-worker', outcome }] });
  };
  const designate = async (workflowId: string, data: Record<string, unknown>) =>
    env.client.workflow.getHandle(workflowId).executeUpdate(externalEventUpdate, {
      args: [{ eventId: `designation-${workflowId}`, type: 'competence-designation', occurredOn: await today(), reference: 'POD MI BC-2026-17', data, recordedBy: 'u-1' }],
    });
  const status = async (workflowId: string) => (await env.client.workflow.getHandle(workflowId).query(dossierStateQuery)).status;

  it('declines a received request: the conflict goes to POD MI within 5 working days; POD MI designates another OCMW; the request is sent there', async () => {
    const { fake, worker, input, taskQueue } = await start(forwardedHere);
    await worker.runUntil(async () => {
      const handle = await env.client.workflow.start(leefloonApplication, { args: [input], taskQueue, workflowId: `dossier-${input.dossierId}` });
      await complete(handle.workflowId, fake, 'competence-check', declined);
      // Not forwarded again: the conflict, its CO-2 term of 5 working days from the finding.
      await eventually(() => fake.openTasks().find((t) => t.kind === 'submit-competence-conflict'));
      expect(fake.openTasks().map((t) => t.kind)).toEqual(['submit-competence-conflict']);
      expect(fake.of('planDeadline').find((d) => d.key === 'competence-conflict')).toMatchObject({ ruleId: 'CO-2', triggerDate: input.requestDate });
      expect(fake.of('openTask').find((t) => t.kind === 'submit-competence-conflict').dueDate).toBe(addWorkingDays(input.requestDate, 5));
      expect(await status(handle.workflowId)).toBe('COMPETENCE_CONFLICT');
      expect(fake.of('recordDossierEvent').find((e) => e.type === 'competence-conflict').description).toContain('doorgestuurd door OCMW Aalst');

      await complete(handle.workflowId, fake, 'submit-competence-conflict', { submittedOn: input.requestDate, podMiReference: 'BC-2026-17', reasons: declined.reasons });
      await eventually(async () => ((await status(handle.workflowId)) === 'AWAITING_DESIGNATION' ? true : undefined));
      expect(fake.of('planDeadline').find((d) => d.key === 'competence-designation')).toMatchObject({ ruleId: 'CO-3', triggerDate: input.requestDate });

      // POD MI is late: its term warns and escalates; the dossier keeps waiting, the decision term keeps running.
      await env.sleep('9 days');
      expect(fake.of('raiseEscalation').filter((e) => e.key === 'competence-designation').map((e) => e.level)).toEqual(['warning', 'breach']);
      const state = await env.client.workflow.getHandle(handle.workflowId).query(dossierStateQuery);
      expect(state.deadlines.find((d) => d.key === 'decision')?.status).toBe('running');
      expect(state.deadlines.find((d) => d.key === 'competence-conflict')?.status).toBe('met');

      const designatedOn = await today();
      await designate(handle.workflowId, { designated: 'other-ocmw', designatedOcmw: '24062', podMiReference: 'BC-2026-17' });
      await eventually(() => fake.openTasks().find((t) => t.kind === 'forward-request'));
      expect(fake.of('recordDossierEvent').find((e) => e.type === 'not-competent').description).toContain('voorlopig OCMW Leuven aan');
      // The CO-1 steps run from the designation.
      expect(fake.of('planDeadline').find((d) => d.key === 'forwarding')).toMatchObject({ triggerDate: designatedOn });
      await complete(handle.workflowId, fake, 'forward-request', { forwardedTo: 'OCMW Leuven', forwardDate: designatedOn, reasons: 'Aangewezen door de POD MI.' });
      await complete(handle.workflowId, fake, 'forwarding-letter', { sentDate: designatedOn, mode: 'letter' });
      expect(await handle.result()).toEqual({ status: 'FORWARDED' });
      expect(fake.of('setDeadlineStatus').filter((s) => s.key === 'competence-designation').at(-1)).toMatchObject({ status: 'breached', metDate: designatedOn });
      expect(fake.of('setDeadlineStatus').filter((s) => s.key === 'decision').at(-1)).toMatchObject({ status: 'cancelled' });
    });
  });

  it('designated here: the request goes on here with its inquiry, its decision term running from the request', async () => {
    const { fake, worker, input, taskQueue } = await start(forwardedHere);
    await worker.runUntil(async () => {
      const handle = await env.client.workflow.start(leefloonApplication, { args: [input], taskQueue, workflowId: `dossier-${input.dossierId}` });
      await complete(handle.workflowId, fake, 'competence-check', declined);
      await complete(handle.workflowId, fake, 'submit-competence-conflict', { submittedOn: input.requestDate, reasons: declined.reasons });
      await eventually(async () => ((await status(handle.workflowId)) === 'AWAITING_DESIGNATION' ? true : undefined));
      await env.sleep('2 days');
      await designate(handle.workflowId, { designated: 'this-ocmw' });
      await eventually(() => fake.openTasks().find((t) => t.kind === 'social-inquiry'));
      expect(fake.of('recordDossierEvent').find((e) => e.type === 'designated-here').description).toContain('dit OCMW voorlopig aan');
      expect(await status(handle.workflowId)).toBe('INQUIRY');
      const state = await handle.query(dossierStateQuery);
      expect(state.deadlines.find((d) => d.key === 'competence-designation')?.status).toBe('met');
      expect(state.deadlines.find((d) => d.key === 'decision')).toMatchObject({ status: 'running', dueDate: addDays(input.requestDate, 30) });
      expect(fake.of('openTask').filter((t) => t.kind === 'forward-request')).toEqual([]);
      await handle.terminate('test done');
    });
  });

  it('a conflict not submitted within 5 working days escalates, while the decision term keeps running', async () => {
    const { fake, worker, input, taskQueue } = await start(forwardedHere);
    await worker.runUntil(async () => {
      const handle = await env.client.workflow.start(leefloonApplication, { args: [input], taskQueue, workflowId: `dossier-${input.dossierId}` });
      await complete(handle.workflowId, fake, 'competence-check', declined);
      await env.sleep('9 days'); // 5 working days are at most 9 calendar days (a weekend and a holiday or two)
      expect(fake.of('raiseEscalation').filter((e) => e.key === 'competence-conflict').map((e) => e.level)).toEqual(['warning', 'breach']);
      const state = await handle.query(dossierStateQuery);
      expect(state.deadlines.find((d) => d.key === 'competence-conflict')?.status).toBe('breached');
      expect(state.deadlines.find((d) => d.key === 'decision')?.status).toBe('running');
      await handle.terminate('test done');
    });
  });

  /** A request registered here, not competent, forwarded and the applicant told, by `decidedBy`; then `then`. */
  async function forwardedBy(
    decidedBy: 'chair-urgent' | 'social-service',
    then: (handle: WorkflowHandle<typeof leefloonApplication>, fake: ReturnType<typeof fakeActivities>, day: string) => Promise<void>,
  ) {
    const { fake, worker, input, taskQueue } = await start(null);
    await worker.runUntil(async () => {
      const handle = await env.client.workflow.start(leefloonApplication, { args: [input], taskQueue, workflowId: `dossier-${input.dossierId}` });
      await complete(handle.workflowId, fake, 'competence-check', outcomes.notCompetent);
      const day = await today();
      await complete(handle.workflowId, fake, 'forward-request', { forwardedTo: 'OCMW Antwerpen', forwardDate: day, reasons: 'Woont gewoonlijk in Antwerpen.', decidedBy });
      await complete(handle.workflowId, fake, 'forwarding-letter', { sentDate: day, mode: 'letter' });
      await then(handle, fake, day);
    });
  }

  it('CO-1 in urgency: the chair\'s finding of incompetence goes to the next BCSD for ratification; not ratified, the team lead is told to take the request back', async () => {
    await forwardedBy('chair-urgent', async (handle, fake, day) => {
      // Forwarded within the term, and the ratification on the next session's agenda with what the chair decided.
      await eventually(() => fake.of('recordDossierEvent').find((e) => e.type === 'forwarded'));
      const item = await eventually(() => fake.of('scheduleAgendaItem').find((i) => i.kind === 'ratification'));
      expect(item).toMatchObject({
        key: 'ratification:forwarding:1',
        proposal: { proposal: 'not-competent', motivation: `Bekrachtiging van de dringende beslissing van ${formatDateNl(day)}: niet bevoegd, de aanvraag doorgestuurd naar OCMW Antwerpen` },
      });
      expect(fake.of('setDeadlineStatus').filter((d) => d.key === 'forwarding').at(-1)).toMatchObject({ status: 'met', metDate: day });
      // The dossier stays open until the BCSD has ratified.
      expect((await handle.describe()).status.name).toBe('RUNNING');
      const scheduled = fake.scheduled().at(-1)!;
      // The session comes (time moves), and the BCSD does not ratify.
      const now = await today();
      await sleepPast(env, scheduled.sessionDate);
      await handle.executeUpdate(councilDecisionUpdate, {
        args: [{ itemId: scheduled.itemId, result: 'overruled', decisionDate: scheduled.sessionDate, motivation: 'Gewoonlijk verblijf in deze gemeente.', userId: 'secretary' }],
      });
      const escalation = await eventually(() => fake.of('raiseEscalation').find((e) => e.key === 'ratification:forwarding:overruled'));
      expect(escalation.message).toContain('het BCSD bekrachtigde de doorzending niet: dit OCMW is bevoegd. Vraag de aanvraag terug bij OCMW Antwerpen');
      expect(await handle.result()).toEqual({ status: 'FORWARDED' });
    });
  });

  it('the forwarding by the social service needs no ratification', async () => {
    await forwardedBy('social-service', async (handle, fake) => {
      expect(await handle.result()).toEqual({ status: 'FORWARDED' });
      expect(fake.of('scheduleAgendaItem')).toEqual([]);
    });
  });

  it('CO-1 with the competent OCMW picked from the directory: the request goes to it through the partner outbox and the applicant gets the letter, no name in the workflow', async () => {
    const { fake, worker, input, taskQueue } = await start(null);
    await worker.runUntil(async () => {
      const handle = await env.client.workflow.start(leefloonApplication, { args: [input], taskQueue, workflowId: `dossier-${input.dossierId}` });
      await complete(handle.workflowId, fake, 'competence-check', outcomes.notCompetent);
      const day = await today();
      // This OCMW (Gent, 44021) is no forwarding address: 400, nothing recorded.
      const self = await complete(handle.workflowId, fake, 'forward-request', { forwardedTo: 'OCMW Gent', forwardedToOcmw: '44021', forwardDate: day, reasons: 'r' }).catch((e) => e);
      expect(self.cause.details[0]).toEqual([expect.objectContaining({ path: '/forwardedToOcmw', code: 'this-ocmw' })]);
      expect(fake.of('issueLetter').filter((l) => String(l.template).startsWith('forwarding'))).toEqual([]);
      await complete(handle.workflowId, fake, 'forward-request', { forwardedTo: 'OCMW Antwerpen', forwardedToOcmw: '11002', forwardDate: day, reasons: 'Woont gewoonlijk in Antwerpen.' });
      const letters = await eventually(() => {
        const l = fake.of('issueLetter').filter((x) => String(x.template).startsWith('forwarding'));
        return l.length === 2 ? l : undefined;
      });
      // Due by the forwarding term (5 calendar days from the finding).
      const due = addDays(day, 5);
      expect(letters[0]).toMatchObject({
        key: 'forwarding-ocmw', template: 'forwarding-ocmw', data: { requestDate: input.requestDate, reasons: 'Woont gewoonlijk in Antwerpen.', competentOcmwNis: '11002' },
        delivery: { mode: 'partner-outbox', partner: 'ocmw', partnerRef: '11002', dueDate: due },
      });
      expect(letters[1]).toMatchObject({
        key: 'forwarding-applicant', template: 'forwarding-applicant', data: { requestDate: input.requestDate, forwardDate: day, competentOcmwNis: '11002' }, delivery: { mode: 'letter' },
      });
      // The applicant's identity is the activity's to read: the workflow's input to it names nobody.
      expect(JSON.stringify(letters)).not.toMatch(/"applicant"|nationalNumber|firstName/);
      await complete(handle.workflowId, fake, 'forwarding-letter', { sentDate: day, mode: 'letter' });
      expect(await handle.result()).toEqual({ status: 'FORWARDED' });
    });
  });

  it('a request registered here is forwarded as before (CO-1), not taken to POD MI', async () => {
    const { fake, worker, input, taskQueue } = await start(null);
    await worker.runUntil(async () => {
      const handle = await env.client.workflow.start(leefloonApplication, { args: [input], taskQueue, workflowId: `dossier-${input.dossierId}` });
      await complete(handle.workflowId, fake, 'competence-check', outcomes.notCompetent);
      await eventually(() => fake.openTasks().find((t) => t.kind === 'forward-request'));
      expect(fake.of('openTask').filter((t) => t.kind === 'submit-competence-conflict')).toEqual([]);
      await handle.terminate('test done');
    });
  });
});

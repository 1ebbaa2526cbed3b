import { TestWorkflowEnvironment } from '@temporalio/testing';
import { WorkflowHandle } from '@temporalio/client';
import { addDays } from '../../../libs/deadlines/calendar-date';
import { completeTaskUpdate, ExternalEventInput, externalEventUpdate, TASK_FAILURES } from '../../../workflows/shared/dossier.messages';
import { creditorLetterRequestedUpdate } from '../../../workflows/shared/party-correspondence.messages';
import { aDossierInput, todayInBrussels } from '../../support/factories';
import { refusal } from '../../support/failure-of';
import { fakeActivities } from '../../support/fake-activities';
import { eventually, timeSkippingEnv } from '../../support/temporal';
import { withProbeWorker } from '../support/probe-worker';
import { correspondenceProbe, handOverSignal, sendLetterSignal, writeToCreditorsSignal } from '../support/probe.workflow';

const ANSWER_DAYS = 21;

/**
 * The shared party correspondence (domain §3.1 step 4) on a test-only host (correspondenceProbe): a letter to a
 * creditor waits ANSWER_DAYS calendar days for its answer, then ONE reminder, then ANSWER_DAYS more, then the task
 * 'creditor-no-answer'; an answer (external event 'creditor-answer') stops it at any moment; the windows are
 * absolute dates, so a continue-as-new in the middle changes no date. Time moves by the time-skipping server.
 */
describe('party correspondence (time-skipping)', () => {
  let env: TestWorkflowEnvironment;
  beforeAll(async () => void (env = await timeSkippingEnv()));
  afterAll(() => env?.teardown());

  type Fake = ReturnType<typeof fakeActivities>;
  interface Ctx {
    fake: Fake;
    today: string;
    dossierId: string;
    handle: WorkflowHandle<typeof correspondenceProbe>;
    letter: (key: string) => Promise<void>;
    answer: (eventId: string, letterKey: string, answer: string, extra?: Record<string, unknown>) => Promise<{ outcome: string }>;
  }

  const CREDITORS = [
    { debtId: 'debt-1', partyId: 'party-bank', role: 'creditor' as const, fileNumber: 'KR-9', outstandingCents: 450_000, disputed: false, priorityKind: null },
    { debtId: 'debt-1', partyId: 'party-bailiff', role: 'collector' as const, fileNumber: null, outstandingCents: 450_000, disputed: false, priorityKind: null },
  ];

  async function withHost(body: (ctx: Ctx) => Promise<void>): Promise<void> {
    const fake = fakeActivities({ settings: { creditorAnswerDays: ANSWER_DAYS }, creditors: CREDITORS });
    await withProbeWorker(env, fake.activities, async ({ taskQueue, today }) => {
      const input = aDossierInput({
        procedure: 'debt-mediation', reference: 'SB-2026-000001', requestDate: today,
        settings: { warningDays: 7, timeZone: 'Europe/Brussels', creditorAnswerDays: ANSWER_DAYS },
      });
      const first = await env.client.workflow.start(correspondenceProbe, { args: [input], taskQueue, workflowId: `dossier-${input.dossierId}` });
      const handle = env.client.workflow.getHandle<typeof correspondenceProbe>(first.workflowId); // always the latest run
      const letter = async (key: string) => {
        await handle.signal(sendLetterSignal, { key, partyId: 'party-incasso', debtId: 'debt-1', template: 'creditor-statement-request', data: { fileNumber: 'INC-1' }, subject: 'Vraag om een actueel overzicht van de schuld' });
        await eventually(() => fake.creditorLetter(input.dossierId, key));
      };
      const answer = async (eventId: string, letterKey: string, a: string, extra: Record<string, unknown> = {}) => {
        const occurredOn = todayInBrussels(await env.currentTimeMs());
        const event: ExternalEventInput = { eventId, type: 'creditor-answer', occurredOn, reference: null, data: { letterKey, answer: a, ...extra }, recordedBy: 'mw-1' };
        return handle.executeUpdate(externalEventUpdate, { args: [event] });
      };
      try {
        await body({ fake, today, dossierId: input.dossierId, handle, letter, answer });
      } finally {
        await handle.terminate('test done').catch(() => undefined);
      }
    });
  }

  const issued = (fake: Fake, key: string) => fake.of('issueLetter').filter((l) => l.key === key);
  const noAnswerTasks = (fake: Fake) => fake.of('openTask').filter((t) => t.kind === 'creditor-no-answer');

  it('(a) without an answer: ONE reminder the day after the window, with a new window from the reminder; then the task; resend sends the letter again', async () => {
    await withHost(async ({ fake, today, dossierId, handle, letter, answer }) => {
      const key = 'statement-request:debt-1:party-incasso';
      await letter(key);
      expect(issued(fake, key)).toEqual([expect.objectContaining({
        template: 'creditor-statement-request', recipient: { partyId: 'party-incasso' }, data: expect.objectContaining({ date: today, answerBy: addDays(today, ANSWER_DAYS), fileNumber: 'INC-1' }),
      })]);
      expect(fake.creditorLetter(dossierId, key)).toMatchObject({ status: 'awaiting', sentOn: today, answerDue: addDays(today, ANSWER_DAYS), partyId: 'party-incasso', debtId: 'debt-1' });

      await env.sleep(`${ANSWER_DAYS} days`); // the last day of the window: no reminder yet
      expect(issued(fake, `${key}:reminder`)).toEqual([]);
      await env.sleep('1 day');
      const reminderOn = addDays(today, ANSWER_DAYS + 1);
      const [reminder] = await eventually(() => (issued(fake, `${key}:reminder`).length ? issued(fake, `${key}:reminder`) : undefined));
      expect(reminder).toMatchObject({
        template: 'creditor-reminder', reminderOf: key, recipient: { partyId: 'party-incasso' },
        data: expect.objectContaining({ date: reminderOn, answerBy: addDays(reminderOn, ANSWER_DAYS), firstLetterDate: today, firstLetterSubject: 'Vraag om een actueel overzicht van de schuld' }),
      });
      await eventually(() => fake.creditorLetter(dossierId, key)?.status === 'reminded' || undefined);
      expect(fake.creditorLetter(dossierId, key)).toMatchObject({ reminderOn, reminderAnswerDue: addDays(reminderOn, ANSWER_DAYS) });

      await env.sleep(`${ANSWER_DAYS} days`);
      expect(noAnswerTasks(fake)).toEqual([]);
      await env.sleep('1 day');
      const task = await eventually(() => noAnswerTasks(fake)[0]);
      expect(task).toMatchObject({ title: 'Schuldeiser antwoordt niet op brief en herinnering', role: 'social-worker', dossierId });
      expect(fake.creditorLetter(dossierId, key)?.status).toBe('no-answer');
      expect(issued(fake, `${key}:reminder`)).toHaveLength(1); // one reminder, never a second

      const completed = addDays(reminderOn, ANSWER_DAYS + 1);
      await handle.executeUpdate(completeTaskUpdate, { args: [{ taskId: task.taskId, userId: 'mw', userRole: 'social-worker', outcome: { action: 'resend', note: 'Adres nagekeken; opnieuw verstuurd.' } }] });
      const resendKey = `${key}:resend-${completed}`;
      await eventually(() => fake.creditorLetter(dossierId, resendKey));
      expect(fake.creditorLetter(dossierId, key)).toMatchObject({ status: 'no-answer', followUp: 'resend', followUpNote: 'Adres nagekeken; opnieuw verstuurd.' });
      expect(fake.creditorLetter(dossierId, resendKey)).toMatchObject({ status: 'awaiting', sentOn: completed, answerDue: addDays(completed, ANSWER_DAYS) });
      // The creditor answers the first letter after all: the letter sent again is answered with it, and not reminded.
      expect(await answer('ev-late', key, 'statement')).toMatchObject({ outcome: 'accepted' });
      await eventually(() => fake.creditorLetter(dossierId, resendKey)?.status === 'answered' || undefined);
      expect(fake.creditorLetter(dossierId, key)).toMatchObject({ status: 'answered', answer: 'statement', followUp: 'resend' });
      await env.sleep(`${ANSWER_DAYS + 2} days`);
      expect(issued(fake, `${resendKey}:reminder`)).toEqual([]);
    });
  });

  it('(b) an answer before the window ends: no reminder, the row answered; (e) the same event again changes nothing', async () => {
    await withHost(async ({ fake, today, dossierId, letter, answer }) => {
      const key = 'statement-request:debt-1:party-incasso';
      await letter(key);
      await env.sleep('10 days');
      expect(await answer('ev-1', key, 'statement', { amountCents: 123_456, note: 'Hoofdsom, intresten en kosten apart.' })).toMatchObject({ outcome: 'accepted' });
      await eventually(() => fake.creditorLetter(dossierId, key)?.status === 'answered' || undefined);
      expect(fake.creditorLetter(dossierId, key)).toMatchObject({ answer: 'statement', amountCents: 123_456, answerNote: 'Hoofdsom, intresten en kosten apart.', answeredOn: addDays(today, 10) });
      const writes = fake.of('recordCreditorLetter').length;
      // (e) A redelivery of the same event (same eventId) is a duplicate: no second write, nothing else changes.
      expect(await answer('ev-1', key, 'refused')).toMatchObject({ outcome: 'duplicate' });
      await env.sleep(`${2 * ANSWER_DAYS + 5} days`);
      expect(issued(fake, `${key}:reminder`)).toEqual([]);
      expect(noAnswerTasks(fake)).toEqual([]);
      expect(fake.of('recordCreditorLetter')).toHaveLength(writes);
      expect(fake.creditorLetter(dossierId, key)?.answer).toBe('statement');
      expect(fake.of('raiseEscalation')).toEqual([]);
    });
  });

  it('(c) an answer after the reminder: no task; an answer to an unknown letter escalates nothing and waits for that letter', async () => {
    await withHost(async ({ fake, dossierId, letter, answer }) => {
      const key = 'repayment-proposal:debt-1:party-incasso';
      await letter(key);
      await env.sleep(`${ANSWER_DAYS + 1} days`);
      await eventually(() => fake.creditorLetter(dossierId, key)?.status === 'reminded' || undefined);
      expect(await answer('ev-2', key, 'counter-proposal', { amountCents: 7_500 })).toMatchObject({ outcome: 'accepted' });
      await eventually(() => fake.creditorLetter(dossierId, key)?.status === 'answered' || undefined);
      await env.sleep(`${ANSWER_DAYS + 5} days`);
      expect(noAnswerTasks(fake)).toEqual([]);
      expect(fake.creditorLetter(dossierId, key)).toMatchObject({ status: 'answered', answer: 'counter-proposal', reminderOn: expect.any(String) });

      expect(await answer('ev-3', 'statement-request:debt-9:party-x', 'statement')).toMatchObject({ outcome: 'accepted' });
      const later = 'statement-request:debt-9:party-x';
      await letter(later); // sent after its answer was recorded: answered at once, never watched
      await eventually(() => fake.creditorLetter(dossierId, later)?.status === 'answered' || undefined);
      await env.sleep(`${ANSWER_DAYS + 2} days`);
      expect(issued(fake, `${later}:reminder`)).toEqual([]);
      expect(fake.of('raiseEscalation')).toEqual([]);
    });
  });

  it('(d) continue-as-new in the middle of a window: the reminder comes on the same date, the letter is not sent again, the task follows', async () => {
    await withHost(async ({ fake, today, dossierId, handle, letter, answer }) => {
      const key = 'collection-suspension:debt-1:party-incasso';
      await letter(key);
      const firstRun = (await handle.describe()).runId;
      await env.sleep('10 days');
      await handle.signal(handOverSignal);
      await eventually(async () => ((await handle.describe()).runId !== firstRun ? true : undefined));
      await env.sleep(`${ANSWER_DAYS - 10} days`);
      expect(issued(fake, `${key}:reminder`)).toEqual([]);
      await env.sleep('1 day');
      const reminderOn = addDays(today, ANSWER_DAYS + 1);
      await eventually(() => issued(fake, `${key}:reminder`)[0]);
      expect(issued(fake, `${key}:reminder`)[0].data).toMatchObject({ date: reminderOn, firstLetterDate: today });
      expect(issued(fake, key)).toHaveLength(1);

      // A second hand-over during the reminder's window: the task still opens the day after it.
      const secondRun = (await handle.describe()).runId;
      await handle.signal(handOverSignal);
      await eventually(async () => ((await handle.describe()).runId !== secondRun ? true : undefined));
      await env.sleep(`${ANSWER_DAYS} days`);
      expect(noAnswerTasks(fake)).toEqual([]);
      await env.sleep('1 day');
      await eventually(() => noAnswerTasks(fake)[0]);
      expect(issued(fake, `${key}:reminder`)).toHaveLength(1);
      // The answer arrives with the task open: the task is cancelled, the row answered.
      expect(await answer('ev-4', key, 'accepted')).toMatchObject({ outcome: 'accepted' });
      await eventually(() => fake.of('cancelTask')[0]);
      expect(fake.of('cancelTask')).toEqual([expect.objectContaining({ taskId: noAnswerTasks(fake)[0].taskId, reason: 'de schuldeiser heeft geantwoord' })]);
      expect(fake.creditorLetter(dossierId, key)?.status).toBe('answered');
    });
  });

  it('the creditorLetterRequested Update: a bad request is refused, a good one sends the letter once (a redelivery is a duplicate)', async () => {
    await withHost(async ({ fake, dossierId, handle }) => {
      const request = {
        key: 'repayment-proposal:debt-1:party-incasso:2026-12-03', partyId: 'party-incasso', debtId: 'debt-1', template: 'creditor-repayment-proposal' as const,
        data: { monthlyCents: 5_000, startDate: '2027-01-01', durationMonths: 24 }, requestedBy: 'mw-1',
      };
      expect(await refusal(handle.executeUpdate(creditorLetterRequestedUpdate, { args: [{ ...request, template: 'creditor-reminder' as never }] }))).toEqual({ type: TASK_FAILURES.validation, paths: ['/template'] });
      expect(await refusal(handle.executeUpdate(creditorLetterRequestedUpdate, { args: [{ ...request, data: { monthlyCents: 0, startDate: '1 januari' } }] })))
        .toEqual({ type: TASK_FAILURES.validation, paths: ['/data/monthlyCents', '/data/startDate', '/data/durationMonths'] });
      expect(await handle.executeUpdate(creditorLetterRequestedUpdate, { args: [request] })).toMatchObject({ outcome: 'accepted' });
      expect(await handle.executeUpdate(creditorLetterRequestedUpdate, { args: [request] })).toMatchObject({ outcome: 'duplicate' });
      await eventually(() => fake.creditorLetter(dossierId, request.key));
      expect(fake.creditorLetter(dossierId, request.key)).toMatchObject({ template: 'creditor-repayment-proposal', subject: 'Voorstel van afbetalingsplan', status: 'awaiting' });
      expect(issued(fake, request.key)).toEqual([expect.objectContaining({ data: expect.objectContaining({ monthlyCents: 5_000, durationMonths: 24 }) })]);
    });
  });

  it("the host's lines of REPORT.md: a statement request to each creditor and collector of the inventory, once however often asked", async () => {
    await withHost(async ({ fake, dossierId, handle }) => {
      await handle.signal(writeToCreditorsSignal);
      await eventually(() => fake.creditorLetter(dossierId, 'statement-request:debt-1:party-bailiff'));
      await handle.signal(writeToCreditorsSignal);
      await eventually(() => fake.of('debtCreditors').length === 2 || undefined);
      // The second pass has had its time to send anything (it sends nothing: every key is known).
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      const letters = fake.of('issueLetter');
      expect(letters.map((l) => [l.key, l.recipient.partyId, l.data.fileNumber ?? null])).toEqual([
        ['statement-request:debt-1:party-bank', 'party-bank', 'KR-9'],
        ['statement-request:debt-1:party-bailiff', 'party-bailiff', null],
      ]);
      expect(fake.creditorLetter(dossierId, 'statement-request:debt-1:party-bank')).toMatchObject({ subject: 'Vraag om een actueel overzicht van de schuld', debtId: 'debt-1', status: 'awaiting' });
    });
  });
});

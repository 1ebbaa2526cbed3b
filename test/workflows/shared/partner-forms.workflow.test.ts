import { TestWorkflowEnvironment } from '@temporalio/testing';
import { addDays, daysBetween } from '../../../libs/deadlines/calendar-date';
import type { PartnerFormId } from '../../../libs/partner-forms/registry';
import { dossierStateQuery, partnerMessageAcknowledgedUpdate, partnerMessageExportedUpdate } from '../../../workflows/shared/dossier.messages';
import { aDossierInput } from '../../support/factories';
import { fakeActivities, FakeOptions } from '../../support/fake-activities';
import { eventually, timeSkippingEnv } from '../../support/temporal';
import { partnerFormProbe, partnerFormWatchProbe } from '../support/probe.workflow';
import { withProbeWorker } from '../support/probe-worker';

/** The shared partner-form step on a Wet 1965 form (what social aid sends): its clock, reminders and refusals. */
describe('partner forms (time-skipping)', () => {
  let env: TestWorkflowEnvironment;
  beforeAll(async () => {
    env = await timeSkippingEnv();
  });
  afterAll(async () => {
    await env?.teardown();
  });

  const b1 = (startDate: string) => ({ decisionDate: startDate, aidForm: 'equivalent-leefloon', category: 2, amountCents: 131420, frequency: 'monthly', startDate });

  async function probe<T>(
    formId: PartnerFormId,
    content: (today: string) => Record<string, unknown>,
    fn: (ctx: { fake: ReturnType<typeof fakeActivities>; handle: any; today: string }) => Promise<T>,
    options: FakeOptions = {},
  ) {
    const fake = fakeActivities({ settings: { partnerReminderDays: 30 }, ...options });
    return withProbeWorker(env, fake.activities, async ({ taskQueue, today }) => {
      const input = { ...aDossierInput({ requestDate: today, procedure: 'maatschappelijke-dienstverlening', reference: 'MD-2026-000007' }), formId, content: content(today) };
      const handle = await env.client.workflow.start(partnerFormProbe, { args: [input], taskQueue, workflowId: `forms-${input.dossierId}` });
      return fn({ fake, handle, today });
    });
  }
  const escalations = (fake: ReturnType<typeof fakeActivities>) => fake.of('raiseEscalation').map((e) => e.level);
  const reminders = (fake: ReturnType<typeof fakeActivities>) => fake.of('queuePartnerMessage').filter((m) => m.kind === 'wet1965-B1-reminder');

  it('runs the SA-6 clock of form B1: warned, breached by moving time, met late on its export; reminders stop on acknowledgement', async () => {
    await probe('wet1965:B1', b1, async ({ fake, handle, today }) => {
      await eventually(async () => ((await handle.query(dossierStateQuery)).deadlines.length > 0 ? true : undefined));
      const [form] = fake.of('sendPartnerForm');
      expect(form).toMatchObject({ formId: 'wet1965:B1', content: b1(today) });
      expect(fake.of('sendPodMiForm')).toEqual([]);
      const clock = (await handle.query(dossierStateQuery)).deadlines[0];
      // SA-6 [U]: 45 calendar days from the start of the aid (configuration).
      expect(clock).toMatchObject({ key: `wet1965-B1-${today}`, ruleId: 'SA-6', dueDate: addDays(today, 45) });
      expect(fake.of('recordDossierEvent').map((e) => e.type)).toEqual(expect.arrayContaining(['pod-mi-wet1965-B1']));

      await env.sleep('37 days');
      expect(escalations(fake)).toEqual([]);
      await env.sleep('2 days'); // within the last 7 days
      expect(escalations(fake)).toEqual(['warning']);
      await env.sleep('8 days'); // past the due date
      expect(escalations(fake)).toEqual(['warning', 'breach']);

      const sentOn = addDays(today, 47);
      await handle.executeUpdate(partnerMessageExportedUpdate, { args: [{ partnerMessageId: `pm-wet1965-B1-${today}`, sentOn }] });
      await eventually(async () => ((await handle.query(dossierStateQuery)).deadlines[0].status === 'breached' && fake.of('setDeadlineStatus').some((s) => s.metDate === sentOn) ? true : undefined));

      // Reminded every partnerReminderDays until POD MI acknowledges the form.
      await env.sleep('31 days');
      await eventually(() => (reminders(fake).length === 1 ? true : undefined));
      expect(reminders(fake)[0]).toMatchObject({ partner: 'pod-mi', payload: { reminderOf: `pm-wet1965-B1-${today}` } });
      await env.sleep('30 days');
      await eventually(() => (reminders(fake).length === 2 ? true : undefined));
      await handle.executeUpdate(partnerMessageAcknowledgedUpdate, { args: [{ partnerMessageId: `pm-wet1965-B1-${today}`, sentOn }] });
      expect(await handle.result()).toBe('acknowledged');
      expect(reminders(fake)).toHaveLength(2);
    });
  });

  it('refuses a form for a client without INSZ or BIS number and escalates it, queueing nothing', async () => {
    await probe('wet1965:B1', b1, async ({ fake, handle, today }) => {
      expect(await handle.result()).toBe('refused');
      const [escalation] = fake.of('raiseEscalation');
      expect(escalation).toMatchObject({ level: 'breach', key: `step:formulier B1 (Wet 1965) voor POD MI:${today}` });
      expect(escalation.message).toContain('no national number (INSZ)');
      expect(fake.of('queuePartnerMessage')).toEqual([]);
      expect(fake.of('planDeadline')).toEqual([]);
    }, { clientWithoutInsz: true });
  });

  it('refuses content that fails the form schema (no amount) and escalates it', async () => {
    await probe('wet1965:B1', (today) => ({ ...b1(today), amountCents: undefined }), async ({ fake, handle }) => {
      expect(await handle.result()).toBe('refused');
      expect(fake.of('raiseEscalation').map((e) => e.message).join()).toMatch(/formulier B1 \(Wet 1965\) voor POD MI is geweigerd: .*amountCents/);
    });
  });

  it('sends a claim D1 without a legal clock: only the reminders run', async () => {
    const d1 = (today: string) => ({ periodFrom: addDays(today, -30), periodTo: addDays(today, -1), costs: [{ description: 'equivalent leefloon', amountCents: 131420 }], totalCents: 131420 });
    await probe('wet1965:D1', d1, async ({ fake, handle, today }) => {
      const id = `pm-wet1965-D1-${addDays(today, -30)}:${addDays(today, -1)}`;
      await eventually(() => (fake.of('sendPartnerForm').length === 1 ? true : undefined));
      await handle.executeUpdate(partnerMessageAcknowledgedUpdate, { args: [{ partnerMessageId: id, sentOn: today }] });
      expect(await handle.result()).toBe('acknowledged');
      expect(fake.of('planDeadline')).toEqual([]);
      expect(fake.of('queuePartnerMessage')).toEqual([]);
    });
  });

  it('takes over a POD MI form B watch carried by an older run (form + decisionDate): LL-5 and LL-5-LOSS, the subsidy lost, reminders', async () => {
    const fake = fakeActivities({ settings: { partnerReminderDays: 30 } });
    await withProbeWorker(env, fake.activities, async ({ taskQueue, today }) => {
      const watch = { partnerMessageId: 'pm-form-B', key: `pod-mi-B-${today}`, form: 'B' as const, decisionDate: today };
      const input = { ...aDossierInput({ requestDate: today }), watch };
      const handle = await env.client.workflow.start(partnerFormWatchProbe, { args: [input], taskQueue, workflowId: `forms-${input.dossierId}` });
      await eventually(async () => ((await handle.query(dossierStateQuery)).deadlines.length === 2 ? true : undefined));
      const clocks = (await handle.query(dossierStateQuery)).deadlines;
      expect(clocks.map((d: { key: string; ruleId: string }) => [d.key, d.ruleId])).toEqual([[`pod-mi-B-${today}`, 'LL-5'], [`pod-mi-B-${today}-loss`, 'LL-5-LOSS']]);
      const lossDue = clocks[1].dueDate as string;
      const sentOn = addDays(lossDue, 3);
      await env.sleep(`${daysBetween(today, sentOn) + 1} days`);
      await handle.executeUpdate(partnerMessageExportedUpdate, { args: [{ partnerMessageId: 'pm-form-B', sentOn }] });
      const lost = await eventually(() => fake.of('recordDossierEvent').find((e) => e.type === 'subsidy-lost'));
      // The loss runs from the day after the last day on time up to the day of sending: 3 days.
      expect(lost.data).toEqual({ days: 3, lossFrom: addDays(lossDue, 1), sentOn });
      await env.sleep('31 days');
      const reminder = await eventually(() => fake.of('queuePartnerMessage').find((m) => m.kind === 'form-B-reminder'));
      expect(reminder).toMatchObject({ partner: 'pod-mi', payload: { reminderOf: 'pm-form-B', originalRef: `pod-mi-B-${today}` } });
      await handle.executeUpdate(partnerMessageAcknowledgedUpdate, { args: [{ partnerMessageId: 'pm-form-B', sentOn }] });
      expect(await handle.result()).toBe('acknowledged');
    });
  });
});


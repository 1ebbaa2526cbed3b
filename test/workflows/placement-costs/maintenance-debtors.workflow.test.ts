import { TestWorkflowEnvironment } from '@temporalio/testing';
import { addDays, addMonths, daysBetween } from '../../../libs/deadlines/calendar-date';
import { planOgm } from '../../../libs/payments/ogm';
import { addPeriods } from '../../../libs/payments/schedule';
import { placementCostsApplication } from '../../../workflows/placement-costs/placement-costs.workflow';
import { completeTaskUpdate, dossierStateQuery, externalEventUpdate } from '../../../workflows/shared/dossier.messages';
import type { fakeActivities } from '../../support/fake-activities';
import { aDossierInput, outcomes } from '../../support/factories';
import { eventually, timeSkippingEnv } from '../../support/temporal';
import { withFakeWorker, workflowDriver } from '../../support/workflow-driver';

type Fake = ReturnType<typeof fakeActivities>;

const CARE_HOME = '8c1e2f3a-4b5c-4d6e-8f90-a1b2c3d4e5f6';
const SON = '5d0b8f7e-1a2b-4c3d-9e8f-0a1b2c3d4e5f';
const DAUGHTER = '6e1c9a8f-2b3c-4d4e-8f9a-1b2c3d4e5f60';
const REFERENCE = 'PK-2026-000011';

/**
 * The maintenance debtors of placement costs (art. 98 §2 OCMW-wet) on the time-skipping server: linked as parties, each
 * asked for a tax assessment, reminded once after the reply term, the contribution by the uniform scale put to the
 * BCSD per debtor, notified with the debtor's structured communication, booked when it comes in, reminded each month
 * the debtor is behind — and all of it carried into the next review year's run.
 */
describe('placement costs: the maintenance debtors (time-skipping)', () => {
  let env: TestWorkflowEnvironment;
  beforeEach(async () => void (env = await timeSkippingEnv()));
  afterEach(() => env?.teardown());
  const drive = () => workflowDriver(env);

  let n = 0;
  const event = (workflowId: string, type: string, data: Record<string, unknown>, occurredOn = '2026-01-01') =>
    env.client.workflow.getHandle(workflowId).executeUpdate(externalEventUpdate, {
      args: [{ eventId: `${type}-${++n}`, type, occurredOn, reference: null, data, recordedBy: 'u-1' }],
    });
  const timeline = (fake: Fake, type: string) => fake.of('recordDossierEvent').filter((e) => e.type === type);
  const letter = (fake: Fake, key: string) => fake.of('issueLetter').find((l) => l.key === key);
  /** The assessment task about one debtor (its title names the party): completed as the social worker would. */
  const assess = async (workflowId: string, fake: Fake, partyId: string, outcome: Record<string, unknown>) => {
    const task = await eventually(() => fake.openTasks().find((t) => t.kind === 'maintenance-debtor-assessment' && t.aboutPartyId === partyId));
    await env.client.workflow.getHandle(workflowId).executeUpdate(completeTaskUpdate, { args: [{ taskId: task.taskId, userId: 'u-1', userRole: 'social-worker', outcome }] });
  };
  /** Moves time to the start of `day` (and a little): the timers due then have fired. */
  const sleepTo = async (day: string) => {
    const days = daysBetween(await drive().today(), day);
    if (days > 0) await env.sleep(`${days} days`);
    await env.sleep('2 hours');
  };

  /** A request today, granted by the BCSD and notified; the inquiry's answer on the maintenance debtors as given. */
  async function grantedDossier(fake: Fake, taskQueue: string, reference: string, maintenanceDebtors: 'examine' | 'waived') {
    const today = await drive().today();
    const input = aDossierInput({ procedure: 'placement-costs', reference, requestDate: today });
    const handle = await env.client.workflow.start(placementCostsApplication, { args: [input], taskQueue, workflowId: `dossier-${input.dossierId}` });
    await drive().complete(handle.workflowId, fake, 'competence-check', outcomes.competent);
    await drive().complete(handle.workflowId, fake, 'placement-inquiry', {
      careHomePartyId: CARE_HOME, admittedOn: today, monthlyIncomeCents: 160_000, expectedInvoiceCents: 210_000, savingsCents: 100_000,
      couple: false, property: false, maintenanceDebtors,
    });
    const decidedOn = await drive().decide(handle.workflowId, fake, { result: 'granted', amountCents: 61_144 });
    await drive().complete(handle.workflowId, fake, 'decision-notification', outcomes.notification(decidedOn));
    return { handle, decidedOn };
  }

  it('two debtors: letters and one reminder, one contributes by the scale and is reminded when behind, the other is waived; carried into the next year', async () => {
    await withFakeWorker(env, 'placement-debtors', async ({ fake, taskQueue }) => {
      const { handle, decidedOn: granted } = await grantedDossier(fake, taskQueue, REFERENCE, 'examine');

      // The social worker links the son and the daughter as parties (the fake's dossierPartiesInRole), then says so.
      await drive().complete(handle.workflowId, fake, 'maintenance-debtors', { note: 'Zoon en dochter.' });
      expect((await eventually(() => timeline(fake, 'maintenance-debtors-identified')[0])).data).toEqual({ debtors: 2, linked: 2 });
      const asked = await drive().today();
      const request1 = await eventually(() => letter(fake, 'maintenance-request-1'));
      const request2 = await eventually(() => letter(fake, 'maintenance-request-2'));
      expect(request1).toMatchObject({ template: 'maintenance-debtor-request', recipient: { partyId: SON }, data: { answerBy: addDays(asked, 30) } });
      expect(request2).toMatchObject({ recipient: { partyId: DAUGHTER } });
      // The son sends his assessment: (€ 40.000 − € 28.000 − 1 × € 4.000) × 15 % = € 1.200 a year, € 100 a month (the built-in [U] scale).
      await assess(handle.workflowId, fake, SON, { answer: 'assessed', incomeYear: 2025, netTaxableIncomeCents: 4_000_000, dependants: 1, note: 'Aanslagbiljet 2025.' });
      const item1 = await eventually(() => fake.of('scheduleAgendaItem').find((i) => i.key.startsWith('maintenance-1:')));
      expect(item1.proposal).toMatchObject({ proposal: 'recover', amountCents: 10_000, reference: REFERENCE });
      expect(item1.proposal.motivation).not.toMatch(/Claes|Peeters/);
      const decided1 = await drive().decide(handle.workflowId, fake, { result: 'granted', amountCents: 10_000 });
      const firstMonth = addPeriods(decided1.slice(0, 7), 1);
      const decision1 = await eventually(() => letter(fake, 'maintenance-decision-1'));
      expect(decision1).toMatchObject({
        template: 'maintenance-debtor-decision', recipient: { partyId: SON }, delivery: { mode: 'registered' },
        data: { decisionDate: decided1, monthlyCents: 10_000, firstMonth, communication: planOgm(REFERENCE, 1) },
      });
      // Back to running once the debtor's item is decided (it was on the agenda meanwhile).
      expect(timeline(fake, 'maintenance-debtor-decided')[0]).toMatchObject({ status: 'PLACEMENT_RUNNING' });

      // The daughter does not answer: one reminder the day after the term, none for the son who did.
      await sleepTo(addDays(asked, 31));
      const reminder = await eventually(() => letter(fake, 'maintenance-reminder-2'));
      expect(reminder).toMatchObject({ template: 'maintenance-debtor-reminder', recipient: { partyId: DAUGHTER }, data: { firstRequestDate: asked } });
      expect(letter(fake, 'maintenance-reminder-1')).toBeUndefined();
      // Then her situation calls for equity: the BCSD follows the proposal to ask nothing; her letter says so.
      await assess(handle.workflowId, fake, DAUGHTER, { answer: 'waive', note: 'Alleenstaande moeder met drie kinderen.' });
      const item2 = await eventually(() => fake.of('scheduleAgendaItem').find((i) => i.key.startsWith('maintenance-2:')));
      expect(item2.proposal).toMatchObject({ proposal: 'refuse' });
      await drive().decide(handle.workflowId, fake, { result: 'refused' });
      const decision2 = await eventually(() => letter(fake, 'maintenance-decision-2'));
      expect(decision2.data).toMatchObject({ monthlyCents: 0 });
      expect(decision2.data.communication).toBeUndefined();

      // The son pays his first month; a transfer with the daughter's communication (she owes nothing) is for finance.
      await event(handle.workflowId, 'maintenance-contribution-paid', { amountCents: 10_000, communication: planOgm(REFERENCE, 1) });
      expect((await eventually(() => timeline(fake, 'maintenance-contribution-received')[0])).data).toMatchObject({ plan: 1, paidCents: 10_000 });
      await event(handle.workflowId, 'maintenance-contribution-paid', { amountCents: 5_000, communication: planOgm(REFERENCE, 2) });
      await eventually(() => timeline(fake, 'maintenance-contribution-unmatched')[0]);
      // The first month is paid: no reminder after it; the second is not: a reminder (grace 10 days after the month).
      await sleepTo(addDays(`${addPeriods(firstMonth, 1)}-01`, 10));
      expect(fake.of('issueLetter').filter((l) => l.template === 'maintenance-contribution-reminder')).toEqual([]);
      await sleepTo(addDays(`${addPeriods(firstMonth, 2)}-01`, 10));
      const arrears = await eventually(() => letter(fake, `maintenance-arrears-1-${addPeriods(firstMonth, 1)}`));
      expect(arrears).toMatchObject({ recipient: { partyId: SON }, data: { behindCents: 10_000, monthlyCents: 10_000, communication: planOgm(REFERENCE, 1) } });

      // The yearly review continues as a new run: the debtors' state goes with it — no second request, decision or
      // reminder for a month already checked; the next month's reminder counts what was paid in the first year.
      await sleepTo(addDays(addMonths(granted, 12).date, -30));
      await eventually(() => fake.openTasks().find((t) => t.kind === 'placement-review'));
      await drive().complete(handle.workflowId, fake, 'placement-review', { monthlyIncomeCents: 160_000, savingsCents: 100_000, note: 'Ongewijzigd.' });
      await eventually(() => (timeline(fake, 'placement-running').length >= 2 ? true : undefined));
      const remindersBefore = fake.of('issueLetter').filter((l) => l.template === 'maintenance-contribution-reminder').length;
      await env.sleep('35 days');
      const reminders = await eventually(() => {
        const all = fake.of('issueLetter').filter((l) => l.template === 'maintenance-contribution-reminder');
        return all.length > remindersBefore ? all : undefined;
      });
      const keys = reminders.map((l) => l.key);
      expect(new Set(keys).size).toBe(keys.length);
      const last = reminders.at(-1)!;
      const lastMonth = String(last.key).replace('maintenance-arrears-1-', '');
      // Owed from the first month to the last one checked, less the € 100 paid.
      const months = (Number(lastMonth.slice(0, 4)) - Number(firstMonth.slice(0, 4))) * 12 + Number(lastMonth.slice(5)) - Number(firstMonth.slice(5)) + 1;
      expect(last.data.behindCents).toBe(months * 10_000 - 10_000);
      for (const key of ['maintenance-request-1', 'maintenance-request-2', 'maintenance-decision-1', 'maintenance-decision-2', 'maintenance-reminder-2']) {
        expect(fake.of('issueLetter').filter((l) => l.key === key)).toHaveLength(1);
      }
      expect(fake.of('scheduleAgendaItem').filter((i) => i.key.startsWith('maintenance-'))).toHaveLength(2);

      // The closure reports what the debtors paid.
      const lastDay = await drive().today();
      await event(handle.workflowId, 'placement-ended', { reason: 'deceased', lastDay });
      await drive().complete(handle.workflowId, fake, 'placement-closure', { recovery: 'none', note: 'Overleden.' });
      expect((await eventually(() => timeline(fake, 'placement-closed')[0])).description).toContain('de onderhoudsplichtigen droegen € 100,00 bij');
      expect((await handle.query(dossierStateQuery)).status).toBe('PLACEMENT_CLOSED');
    }, { maintenanceDebtors: [SON, DAUGHTER] });
  });

  it('a debtor who sends no assessment is proposed the highest contribution: an equal share of what the OCMW pays', async () => {
    await withFakeWorker(env, 'placement-debtor-silent', async ({ fake, taskQueue }) => {
      const { handle } = await grantedDossier(fake, taskQueue, 'PK-2026-000012', 'examine');
      await drive().complete(handle.workflowId, fake, 'maintenance-debtors', { note: 'Een zoon.' });
      await assess(handle.workflowId, fake, SON, { answer: 'not-received', note: 'Geen reactie op brief en herinnering.' });
      const item = await eventually(() => fake.of('scheduleAgendaItem').find((i) => i.key.startsWith('maintenance-1:')));
      // One debtor: the whole estimate of € 611,44 a month.
      expect(item.proposal).toMatchObject({ proposal: 'recover', amountCents: 61_144 });
      expect(item.proposal.motivation).toContain('Geen aanslagbiljet ontvangen');
    }, { maintenanceDebtors: [SON] });
  });

  it('without debtors to examine (none, or waived in the inquiry) nothing is asked', async () => {
    await withFakeWorker(env, 'placement-debtors-waived', async ({ fake, taskQueue }) => {
      const { handle } = await grantedDossier(fake, taskQueue, 'PK-2026-000013', 'waived');
      await eventually(() => timeline(fake, 'placement-running')[0]);
      await env.sleep('40 days');
      expect(fake.of('openTask').map((t) => t.kind)).not.toContain('maintenance-debtors');
      expect(fake.of('issueLetter').map((l) => l.template).filter((t) => String(t).startsWith('maintenance-'))).toEqual([]);
    }, { maintenanceDebtors: [SON] });
  });
});

import { TestWorkflowEnvironment } from '@temporalio/testing';
import { addMonths } from '../../../libs/deadlines/calendar-date';
import { DEFAULT_POCKET_MONEY } from '../../../libs/domain/placement-costs';
import { addPeriods } from '../../../libs/payments/schedule';
import { placementCostsApplication } from '../../../workflows/placement-costs/placement-costs.workflow';
import { dossierStateQuery, externalEventUpdate } from '../../../workflows/shared/dossier.messages';
import type { fakeActivities } from '../../support/fake-activities';
import { aDossierInput, outcomes, todayInBrussels } from '../../support/factories';
import { eventually, timeSkippingEnv } from '../../support/temporal';
import { withFakeWorker, workflowDriver } from '../../support/workflow-driver';

type Fake = ReturnType<typeof fakeActivities>;

const CARE_HOME = '8c1e2f3a-4b5c-4d6e-8f90-a1b2c3d4e5f6';

/**
 * Placement costs (domain §11) from request to closure on the time-skipping server: the proposal from the inquiry, the
 * BCSD, the letter, the commitment to the care home, each month's invoice settled once (the income less the month's
 * pocket money towards it, the OCMW pays the rest to the care home), the pocket money's indexation from its month,
 * the yearly review (a new run: the indexed income, savings above the ceiling paying first), and the closure.
 */
describe('placementCostsApplication (time-skipping)', () => {
  let env: TestWorkflowEnvironment;
  beforeEach(async () => void (env = await timeSkippingEnv()));
  afterEach(() => env?.teardown());
  const drive = () => workflowDriver(env);

  const inquiry = (today: string, over: Record<string, unknown> = {}) => ({
    careHomePartyId: CARE_HOME, admittedOn: today, monthlyIncomeCents: 160_000, expectedInvoiceCents: 210_000, savingsCents: 100_000,
    couple: false, property: false, maintenanceDebtors: 'waived', ...over,
  });

  /** A request today: competent, the inquiry recorded, granted by the BCSD and notified. */
  async function granted(fake: Fake, taskQueue: string, reference: string, over: Record<string, unknown> = {}) {
    const today = await drive().today();
    const input = aDossierInput({ procedure: 'placement-costs', reference, requestDate: today });
    const handle = await env.client.workflow.start(placementCostsApplication, { args: [input], taskQueue, workflowId: `dossier-${input.dossierId}` });
    await drive().complete(handle.workflowId, fake, 'competence-check', outcomes.competent);
    await drive().complete(handle.workflowId, fake, 'placement-inquiry', inquiry(today, over));
    const proposal = (await eventually(() => fake.of('scheduleAgendaItem')[0])).proposal;
    expect(proposal.proposal).toBe('grant');
    const sessionDate = await drive().decide(handle.workflowId, fake, { result: 'granted', amountCents: proposal.amountCents });
    await drive().complete(handle.workflowId, fake, 'decision-notification', outcomes.notification(sessionDate));
    return { handle, today, sessionDate, estimate: proposal.amountCents as number };
  }

  let n = 0;
  const event = (workflowId: string, type: string, data: Record<string, unknown>, occurredOn = '2026-01-01') =>
    env.client.workflow.getHandle(workflowId).executeUpdate(externalEventUpdate, {
      args: [{ eventId: `${type}-${++n}`, type, occurredOn, reference: null, data, recordedBy: 'u-1' }],
    });
  const invoice = (workflowId: string, month: string, amountCents: number, invoiceReference: string) => event(workflowId, 'care-home-invoice', { month, amountCents, invoiceReference });
  const timeline = (fake: Fake, type: string) => fake.of('recordDossierEvent').filter((e) => e.type === type);
  const toCareHome = (fake: Fake) => fake.of('orderPayment').filter((p) => p.kind === 'invoice');

  it('three monthly settlements, the pocket money indexed from its month, a duplicate and an early invoice not paid, the yearly review in a new run, then the closure', async () => {
    // The legal minimum indexed from two months after the request's month on (a version of the dated table).
    const indexedFrom = addPeriods(todayInBrussels(await env.currentTimeMs()).slice(0, 7), 2);
    await withFakeWorker(env, 'placement', async ({ fake, taskQueue }) => {
      const { handle, today, sessionDate, estimate } = await granted(fake, taskQueue, 'PK-2026-000001');
      const month = today.slice(0, 7);
      // The proposal: € 2.100,00 − (€ 1.600,00 − € 111,44 pocket money) = € 611,44 a month.
      expect(estimate).toBe(61_144);
      const letter = await eventually(() => fake.of('issueLetter').find((l) => l.key === 'decision-letter'));
      expect(letter).toMatchObject({ template: 'decision-grant', data: { amount: { monthlyCents: 61_144 }, effectiveDate: today } });
      const commitment = await eventually(() => fake.of('issueLetter').find((l) => l.key === 'placement-commitment'));
      expect(commitment).toMatchObject({ template: 'placement-commitment', recipient: { partyId: CARE_HOME }, data: { decisionDate: sessionDate, effectiveFrom: today, monthlyEstimateCents: 61_144 } });
      await eventually(() => timeline(fake, 'placement-running')[0]);

      // Three months' invoices: the third month falls under the indexed pocket money (€ 1.400,04 a year from then).
      await invoice(handle.workflowId, month, 210_000, 'F-2026-001');
      await invoice(handle.workflowId, addPeriods(month, 1), 215_000, 'F-2026-002');
      await invoice(handle.workflowId, addPeriods(month, 2), 210_000, 'F-2026-003');
      const three = await eventually(() => (toCareHome(fake).length >= 3 ? toCareHome(fake) : undefined));
      expect(three.map((p) => [p.period, p.amountCents, p.debtRef, p.payee])).toEqual([
        [month, 61_144, 'F-2026-001', { partyId: CARE_HOME }],
        [addPeriods(month, 1), 66_144, 'F-2026-002', { partyId: CARE_HOME }],
        [addPeriods(month, 2), 61_667, 'F-2026-003', { partyId: CARE_HOME }],
      ]);
      expect((await eventually(() => timeline(fake, 'invoice-settled')[2])).description).toContain('min zakgeld € 116,67');
      // The same month again (another invoice number), and a month before the grant: recorded, not paid.
      await invoice(handle.workflowId, addPeriods(month, 1), 5_000, 'F-2026-002B');
      await invoice(handle.workflowId, addPeriods(month, -1), 210_000, 'F-2025-012');
      const refused = await eventually(() => (timeline(fake, 'invoice-not-settled').length >= 2 ? timeline(fake, 'invoice-not-settled') : undefined));
      expect(refused[0].description).toContain('die maand is al afgerekend');
      expect(refused[1].description).toContain(`de tussenkomst loopt vanaf`);
      expect(toCareHome(fake)).toHaveLength(3);

      // No review task before its time; a month before the anniversary of the decision it opens.
      expect(fake.openTasks().some((t) => t.kind === 'placement-review')).toBe(false);
      await env.sleep('340 days');
      const reviewTask = await eventually(() => fake.openTasks().find((t) => t.kind === 'placement-review'));
      expect(fake.of('openTask').find((t) => t.taskId === reviewTask.taskId)).toBeDefined();
      // The pension indexed, savings € 250,00 above the ceiling (€ 3.750,00): they pay the next invoice first.
      await drive().complete(handle.workflowId, fake, 'placement-review', { monthlyIncomeCents: 165_000, savingsCents: 400_000, note: 'Pensioen geïndexeerd.' });
      const reviewed = await eventually(() => timeline(fake, 'placement-reviewed')[0]);
      expect(reviewed.data).toEqual({ year: addMonths(sessionDate, 12).date.slice(0, 4), monthlyIncomeCents: 165_000, savingsCents: 400_000, savingsExcessCents: 25_000 });
      // The review year's new run: the next invoice with the new income, less what the savings above the ceiling pay.
      await eventually(() => (timeline(fake, 'placement-running').length >= 2 ? true : undefined));
      await invoice(handle.workflowId, addPeriods(month, 11), 210_000, 'F-2026-012');
      const fourth = await eventually(() => toCareHome(fake)[3]);
      // € 2.100,00 − (€ 1.650,00 − € 116,67) = € 566,67, of which € 250,00 from the savings.
      expect(fourth).toMatchObject({ period: addPeriods(month, 11), amountCents: 31_667, debtRef: 'F-2026-012' });
      expect(fourth.computation).toMatchObject({ fromSavingsCents: 25_000, residentShareCents: 153_333 });
      // The months settled travel into the new run: the first year's month is not paid twice.
      await invoice(handle.workflowId, addPeriods(month, 2), 210_000, 'F-2026-003');
      await eventually(() => (timeline(fake, 'invoice-not-settled').length >= 3 ? true : undefined));
      expect(timeline(fake, 'invoice-not-settled')[2].description).toContain('die maand is al afgerekend');
      expect(toCareHome(fake)).toHaveLength(4);

      // The resident moves: the month of the move is still settled, a later month is not; the closure ends the file.
      // (The last day is today, a month on: an end is reported once it happened.)
      await env.sleep('40 days');
      const lastDay = await drive().today();
      const lastMonth = lastDay.slice(0, 7);
      expect(lastMonth > addPeriods(month, 11)).toBe(true);
      await event(handle.workflowId, 'placement-ended', { reason: 'moved', lastDay });
      await eventually(() => timeline(fake, 'placement-ended')[0]);
      await invoice(handle.workflowId, addPeriods(lastMonth, 1), 210_000, 'F-2027-002');
      await invoice(handle.workflowId, lastMonth, 190_000, 'F-2027-001');
      await eventually(() => toCareHome(fake)[4]);
      expect(toCareHome(fake).map((p) => p.period)).toEqual([month, addPeriods(month, 1), addPeriods(month, 2), addPeriods(month, 11), lastMonth]);
      expect(timeline(fake, 'invoice-not-settled').at(-1)!.description).toContain('het verblijf eindigde op');
      expect((await handle.query(dossierStateQuery)).status).toBe('PLACEMENT_ENDED');
      await drive().complete(handle.workflowId, fake, 'placement-closure', { recovery: 'none', note: 'Verhuisd naar een WZC in een andere gemeente.' });
      const result = await handle.result();
      expect(result).toMatchObject({ status: 'PLACEMENT_CLOSED', decision: 'granted', recovery: 'none' });
      expect(result.totals!.months).toEqual([month, addPeriods(month, 1), addPeriods(month, 2), addPeriods(month, 11), lastMonth]);
      expect(result.totals!.ocmwCents).toBe(toCareHome(fake).reduce((s, p) => s + p.amountCents, 0));
      expect(result.totals!.fromSavingsCents).toBe(25_000);
    }, { pocketMoney: [...DEFAULT_POCKET_MONEY, { validFrom: `${indexedFrom}-01`, yearlyCents: 140_004, source: 'test: indexering' }] });
  });

  it('an income below the pocket money: the OCMW pays the whole invoice and makes up the pocket money; death ends it with a recovery on the estate', async () => {
    await withFakeWorker(env, 'placement-low', async ({ fake, taskQueue }) => {
      const { handle, today } = await granted(fake, taskQueue, 'PK-2026-000002', { monthlyIncomeCents: 5_000, property: true, maintenanceDebtors: 'examine' });
      const assessed = timeline(fake, 'placement-assessed')[0];
      expect(assessed.description).toContain('hypothecaire waarborg');
      expect(assessed.description).toContain('De bijdrage van de onderhoudsplichtigen wordt onderzocht (art. 98 §2 OCMW-wet)');
      const month = today.slice(0, 7);
      await invoice(handle.workflowId, month, 200_000, 'WZC-77');
      const pocket = await eventually(() => fake.of('orderPayment').find((p) => p.kind === 'pocket-money'));
      expect(pocket).toMatchObject({ period: month, amountCents: 11_144 - 5_000 });
      expect(pocket.payee).toBeUndefined();
      expect(toCareHome(fake)).toEqual([expect.objectContaining({ amountCents: 200_000, period: month })]);
      await event(handle.workflowId, 'placement-ended', { reason: 'deceased', lastDay: await drive().today() });
      await drive().complete(handle.workflowId, fake, 'placement-closure', { recovery: 'estate', note: 'Onroerend goed in de nalatenschap.' });
      // The file waits for the end of the grant's appeal window (SA-5), then ends.
      await env.sleep('120 days');
      expect(await handle.result()).toMatchObject({ status: 'PLACEMENT_CLOSED', recovery: 'estate', totals: { pocketMoneyShortfallCents: 6_144, ocmwCents: 200_000 } });
      expect(timeline(fake, 'placement-closed')[0].description).toContain('terugvordering op de nalatenschap voor te leggen aan het BCSD');
      // The dossier is closed (no longer among the open dossiers), in the procedure's final status.
      expect(timeline(fake, 'placement-closed')[0]).toMatchObject({ status: 'PLACEMENT_CLOSED', closed: true });
    });
  });

  it('a care home without an account: the invoice is escalated and left open, and settled when recorded again once the account is in', async () => {
    const withoutIban = new Set([CARE_HOME]);
    await withFakeWorker(env, 'placement-iban', async ({ fake, taskQueue }) => {
      const { handle, today } = await granted(fake, taskQueue, 'PK-2026-000004');
      const month = today.slice(0, 7);
      await invoice(handle.workflowId, month, 210_000, 'F-9');
      const open = await eventually(() => timeline(fake, 'invoice-not-settled')[0]);
      expect(open.description).toContain('het woonzorgcentrum heeft geen rekeningnummer');
      expect(fake.of('raiseEscalation').map((e) => e.key)).toContain(`payment:invoice:${month}:party-iban`);
      expect(toCareHome(fake)).toEqual([]);
      // The team records the care home's account; the same invoice recorded again is paid, once.
      withoutIban.delete(CARE_HOME);
      await invoice(handle.workflowId, month, 210_000, 'F-9');
      expect(await eventually(() => toCareHome(fake)[0])).toMatchObject({ period: month, amountCents: 61_144, debtRef: 'F-9' });
      await eventually(() => timeline(fake, 'invoice-settled')[0]);
      await invoice(handle.workflowId, month, 210_000, 'F-9');
      await eventually(() => (timeline(fake, 'invoice-not-settled').length >= 2 ? true : undefined));
      expect(toCareHome(fake)).toHaveLength(1);
    }, { partiesWithoutIban: withoutIban });
  });

  it('proposes a refusal when the income pays the invoice after the pocket money, or the savings are above the ceiling', async () => {
    await withFakeWorker(env, 'placement-refused', async ({ fake, taskQueue }) => {
      const today = await drive().today();
      const input = aDossierInput({ procedure: 'placement-costs', reference: 'PK-2026-000003', requestDate: today });
      const handle = await env.client.workflow.start(placementCostsApplication, { args: [input], taskQueue, workflowId: `dossier-${input.dossierId}` });
      await drive().complete(handle.workflowId, fake, 'competence-check', outcomes.competent);
      await drive().complete(handle.workflowId, fake, 'placement-inquiry', inquiry(today, { monthlyIncomeCents: 230_000, savingsCents: 800_000 }));
      const assessed = await eventually(() => timeline(fake, 'placement-assessed')[0]);
      expect(assessed.data.reasons).toHaveLength(2);
      expect((await eventually(() => fake.of('scheduleAgendaItem')[0])).proposal).toMatchObject({ proposal: 'refuse' });
      const sessionDate = await drive().decide(handle.workflowId, fake, { result: 'refused' });
      await drive().complete(handle.workflowId, fake, 'decision-notification', outcomes.notification(sessionDate));
      await env.sleep('120 days');
      expect(await handle.result()).toEqual({ status: 'NOTIFIED', decision: 'refused' });
      expect(fake.of('orderPayment')).toEqual([]);
      expect(fake.of('issueLetter').map((l) => l.template)).not.toContain('placement-commitment');
    });
  });
});

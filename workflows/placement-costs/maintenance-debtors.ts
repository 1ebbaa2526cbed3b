import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../../activities';
import { addDays, IsoDate, startOfDay } from '../../libs/deadlines/calendar-date';
import { monthsOwed } from '../../libs/domain/maintenance-contribution';
import { formatDateNl, formatEuro, formatMonthNl } from '../../libs/format/dutch';
import { addPeriods } from '../../libs/payments/schedule';
import { parseOgm, planOgm } from '../../libs/payments/ogm';
import { Dossier, sleepUntil } from '../shared/dossier-runtime';
import type { ExternalEventInput } from '../shared/dossier.messages';

const acts = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '5 minutes' },
});

/** Placement costs' maintenance debtors from here on (new runs of placementCostsRunning; running ones as they were). */
export const MAINTENANCE_DEBTORS_PATCH = 'placement-maintenance-debtors';

export const CONTRIBUTION_EVENT = 'maintenance-contribution-paid';

/** The communication holds nine plans a dossier (planOgm): so many debtors are followed, a tenth is the social worker's. */
const MAX_DEBTORS = 9;

/** One maintenance debtor as the dossier follows it, from the request for the tax assessment to the collection. */
export interface MaintenanceDebtor {
  partyId: string;
  /** Its number in the dossier (1–9, in the order linked): the plan number of its structured communication. */
  plan: number;
  stage: 'request' | 'assessment' | 'council' | 'notify' | 'collecting' | 'none';
  requestedOn?: IsoDate;
  reminded?: boolean;
  /** What the social worker proposes to the BCSD, from the assessment. */
  proposal?: { monthlyCents: number; text: string; note: string };
  decisionDate?: IsoDate;
  /** What the BCSD decided a month (0: no contribution), from `firstMonth` on. */
  monthlyCents?: number;
  firstMonth?: string;
  paidCents: number;
  /** The last month whose contribution was checked: a reminder at most once per month. */
  checkedMonth?: string;
}

/** Carried from run to run (continue-as-new): whether the debtors were identified, and each one's state. */
export interface MaintenanceDebtorsState {
  identified: boolean;
  debtors: MaintenanceDebtor[];
}

export interface DebtorsContext {
  dossier: Dossier;
  /** What the OCMW pays a month as the decision estimated it: the debtors together are never asked more. */
  monthlyEstimateCents: number;
  /** The end of the stay once reported: contributions are owed up to its month. */
  endedOn: () => IsoDate | undefined;
  /** The dossier's status to come back to after a debtor's item was on the agenda. */
  status: () => string;
}

const copyOf = (state: MaintenanceDebtorsState): MaintenanceDebtorsState => ({
  identified: state.identified,
  debtors: state.debtors.map((d) => ({ ...d, ...(d.proposal ? { proposal: { ...d.proposal } } : {}) })),
});

/**
 * The maintenance debtors of a placement (art. 98 §2 OCMW-wet, domain §11), each in the background of the running
 * workflow and resumed by the next run where it was (every step keyed by the debtor's number, a business name):
 * 1. the social worker links the debtors as parties of the dossier (role `maintenance-debtor`) and completes the task;
 * 2. each gets a letter asking the last tax assessment within OCMW_MAINTENANCE_DEBTOR_REPLY_DAYS ([U]), and a reminder
 *    the day after that term when it was not processed yet;
 * 3. the social worker records the assessment (its task names the debtor): the contribution by the OCMW's uniform
 *    scale (activity maintenanceContribution, [U] dated configuration), capped at an equal share of what the OCMW
 *    pays; no assessment received: the highest contribution is proposed; equity: the proposal to waive;
 * 4. the BCSD decides (an agenda item per debtor, step `maintenance-<n>`): granted with its amount, or no contribution;
 * 5. the debtor gets the decision by registered letter with its structured communication (planOgm(reference, n));
 * 6. contributions come in as `maintenance-contribution-paid` (the bank statement's import books them by their
 *    communication) and are checked each month, `instalmentGraceDays` after its end: a debtor behind gets a reminder.
 */
export class MaintenanceDebtors {
  readonly state: MaintenanceDebtorsState;

  constructor(private readonly ctx: DebtorsContext, state: MaintenanceDebtorsState | undefined) {
    this.state = state ? copyOf(state) : { identified: false, debtors: [] };
  }

  /** What the next run carries: a copy, so that work still under way in this run changes nothing there. */
  handOver(): MaintenanceDebtorsState {
    return copyOf(this.state);
  }

  get receivedCents(): number {
    return this.state.debtors.reduce((sum, d) => sum + d.paidCents, 0);
  }

  /** Starts (or resumes) the debtors' follow-up in the background. */
  follow(): void {
    const { dossier } = this.ctx;
    void dossier.supervise('maintenance-debtors', 'de opvolging van de onderhoudsplichtigen', async () => {
      if (!this.state.identified) await this.identify();
      await Promise.all(this.state.debtors.map((d) =>
        dossier.supervise(`maintenance-debtor-${d.plan}`, `de opvolging van onderhoudsplichtige ${d.plan}`, () => this.followDebtor(d)),
      ));
    });
  }

  private async identify(): Promise<void> {
    const { dossier } = this.ctx;
    const { dossierId } = dossier.input;
    await dossier.task('maintenance-debtors', { key: 'maintenance-debtors' });
    const partyIds = await dossier.activity(() => acts.dossierPartiesInRole({ dossierId, role: 'maintenance-debtor' }));
    const followed = partyIds.slice(0, MAX_DEBTORS);
    this.state.debtors = followed.map((partyId, i) => ({ partyId, plan: i + 1, stage: 'request', paidCents: 0 }));
    this.state.identified = true;
    await dossier.event(
      'maintenance-debtors-identified',
      followed.length === 0
        ? 'Geen onderhoudsplichtigen gekoppeld aan het dossier: geen bijdrage van onderhoudsplichtigen'
        : `${followed.length} onderhoudsplichtige(n): hun aanslagbiljet wordt gevraagd (art. 98 §2 OCMW-wet)` +
          `${partyIds.length > MAX_DEBTORS ? `; ${partyIds.length - MAX_DEBTORS} meer dan ${MAX_DEBTORS}: die volgt de maatschappelijk assistent zelf op` : ''}`,
      { data: { debtors: followed.length, linked: partyIds.length } },
    );
  }

  private async followDebtor(d: MaintenanceDebtor): Promise<void> {
    const { dossier } = this.ctx;
    const { dossierId, reference } = dossier.input;
    const replyDays = dossier.settings.maintenanceDebtorReplyDays ?? 30;
    const timeZone = dossier.input.settings.timeZone;
    if (d.stage === 'request') {
      const answerBy = addDays(dossier.today(), replyDays);
      await dossier.attempt('brief aan een onderhoudsplichtige', () =>
        acts.issueLetter({ dossierId, key: `maintenance-request-${d.plan}`, template: 'maintenance-debtor-request', data: { answerBy }, delivery: { mode: 'letter' }, recipient: { partyId: d.partyId } }),
      );
      d.requestedOn = dossier.today();
      d.stage = 'assessment';
      await dossier.event('maintenance-debtor-requested', `Onderhoudsplichtige ${d.plan}: aanslagbiljet en gezinssamenstelling gevraagd, antwoord vóór ${formatDateNl(answerBy)}`, { data: { plan: d.plan, answerBy } });
    }
    if (d.stage === 'assessment') {
      const answerBy = addDays(d.requestedOn!, replyDays);
      if (!d.reminded) {
        void dossier.supervise(`maintenance-reminder-${d.plan}`, `de herinnering aan onderhoudsplichtige ${d.plan}`, async () => {
          await sleepUntil(startOfDay(addDays(answerBy, 1), timeZone));
          if (d.stage !== 'assessment' || d.reminded) return;
          d.reminded = true;
          const again = addDays(dossier.today(), replyDays);
          await dossier.attempt('herinnering aan een onderhoudsplichtige', () =>
            acts.issueLetter({
              dossierId, key: `maintenance-reminder-${d.plan}`, template: 'maintenance-debtor-reminder', data: { answerBy: again, firstRequestDate: d.requestedOn },
              delivery: { mode: 'letter' }, recipient: { partyId: d.partyId },
            }),
          );
          await dossier.event('maintenance-debtor-reminded', `Onderhoudsplichtige ${d.plan}: geen aanslagbiljet ontvangen vóór ${formatDateNl(answerBy)}, herinnering verstuurd (antwoord vóór ${formatDateNl(again)})`, { data: { plan: d.plan } });
        });
      }
      const a = await dossier.task('maintenance-debtor-assessment', { key: `maintenance-assessment-${d.plan}`, aboutPartyId: d.partyId });
      const cap = Math.floor(this.ctx.monthlyEstimateCents / Math.max(1, this.state.debtors.length));
      let proposal: { monthlyCents: number; text: string };
      if (a.answer === 'assessed') {
        const c = await dossier.activity(() =>
          acts.maintenanceContribution({ netTaxableIncomeCents: a.netTaxableIncomeCents!, dependants: a.dependants!, incomeYear: a.incomeYear!, capMonthlyCents: cap }),
        );
        proposal = { monthlyCents: c.monthlyCents, text: c.text };
      } else if (a.answer === 'not-received') {
        // [U] local practice: without the assessment the BCSD is asked the highest contribution (the debtor's share).
        proposal = { monthlyCents: cap, text: `Geen aanslagbiljet ontvangen: voorstel van de hoogste bijdrage, ${formatEuro(cap)} per maand (het deel van de verblijfskosten dat het OCMW betaalt, gedeeld door de onderhoudsplichtigen)` };
      } else {
        proposal = { monthlyCents: 0, text: 'Voorstel om af te zien van een bijdrage om billijkheidsredenen (art. 98 §2 OCMW-wet)' };
      }
      d.proposal = { ...proposal, note: a.note };
      d.stage = 'council';
      await dossier.event('maintenance-debtor-assessed', `Onderhoudsplichtige ${d.plan}: ${proposal.text}`, { data: { plan: d.plan, answer: a.answer, monthlyCents: proposal.monthlyCents } });
    }
    if (d.stage === 'council') {
      const p = d.proposal!;
      const decision = await dossier.council(
        {
          reference, proposal: p.monthlyCents > 0 ? 'recover' : 'refuse', ...(p.monthlyCents > 0 ? { amountCents: p.monthlyCents } : {}),
          aidDescription: `Bijdrage van onderhoudsplichtige ${d.plan} in de verblijfskosten (art. 98 §2 OCMW-wet)`, motivation: `${p.text}. ${p.note}`,
        },
        { hearingRequested: false, step: `maintenance-${d.plan}` },
      );
      // Kept at once: a run that takes over from here sends the letter, it does not wait for a decision again.
      d.monthlyCents = decision.result === 'granted' ? (decision.amountCents ?? p.monthlyCents) : 0;
      d.decisionDate = decision.decisionDate;
      d.firstMonth = addPeriods(decision.decisionDate.slice(0, 7), 1);
      d.stage = 'notify';
      await dossier.event(
        'maintenance-debtor-decided',
        d.monthlyCents > 0
          ? `BCSD van ${formatDateNl(decision.decisionDate)}: onderhoudsplichtige ${d.plan} draagt ${formatEuro(d.monthlyCents)} per maand bij vanaf ${formatMonthNl(d.firstMonth)}`
          : `BCSD van ${formatDateNl(decision.decisionDate)}: geen bijdrage van onderhoudsplichtige ${d.plan}`,
        { status: this.ctx.status(), data: { plan: d.plan, monthlyCents: d.monthlyCents, firstMonth: d.firstMonth } },
      );
    }
    if (d.stage === 'notify') {
      const p = d.proposal!;
      const monthlyCents = d.monthlyCents!;
      const communication = planOgm(reference, d.plan);
      await dossier.attempt('beslissing aan een onderhoudsplichtige', () =>
        acts.issueLetter({
          dossierId, key: `maintenance-decision-${d.plan}`, template: 'maintenance-debtor-decision',
          data: {
            decisionDate: d.decisionDate!, monthlyCents,
            computation: monthlyCents > 0 && monthlyCents !== p.monthlyCents ? `Het comité besliste een bijdrage van ${formatEuro(monthlyCents)} per maand` : monthlyCents > 0 ? p.text : 'Het comité ziet af van een bijdrage',
            ...(monthlyCents > 0 ? { firstMonth: d.firstMonth, communication } : {}),
          },
          delivery: { mode: 'registered' }, recipient: { partyId: d.partyId },
        }),
      );
      d.stage = monthlyCents > 0 ? 'collecting' : 'none';
      await dossier.event('maintenance-debtor-notified', monthlyCents > 0
        ? `Beslissing aan onderhoudsplichtige ${d.plan} verstuurd (aangetekend): ${formatEuro(monthlyCents)} per maand, mededeling ${communication}`
        : `Beslissing aan onderhoudsplichtige ${d.plan} verstuurd (aangetekend): geen bijdrage`, { data: { plan: d.plan, monthlyCents, ...(monthlyCents > 0 ? { communication } : {}) } });
    }
    if (d.stage === 'collecting') await this.collect(d);
  }

  /** Each month, `instalmentGraceDays` after its end: is everything owed up to it paid? Else a reminder. */
  private async collect(d: MaintenanceDebtor): Promise<void> {
    const { dossier } = this.ctx;
    const { dossierId } = dossier.input;
    const timeZone = dossier.input.settings.timeZone;
    const grace = dossier.settings.instalmentGraceDays ?? 10;
    // Owed up to the month of the stay's end, once that is reported (before or while this month is waited for).
    const afterEnd = (month: string) => { const ended = this.ctx.endedOn(); return ended !== undefined && month > ended.slice(0, 7); };
    for (;;) {
      const month = d.checkedMonth ? addPeriods(d.checkedMonth, 1) : d.firstMonth!;
      if (afterEnd(month)) return;
      await sleepUntil(startOfDay(addDays(`${addPeriods(month, 1)}-01`, grace), timeZone));
      if (afterEnd(month)) return;
      d.checkedMonth = month;
      const owed = monthsOwed(d.firstMonth!, month) * d.monthlyCents!;
      const behind = owed - d.paidCents;
      if (behind <= 0) continue;
      const payBy = addDays(dossier.today(), grace);
      const communication = planOgm(dossier.input.reference, d.plan);
      await dossier.attempt('herinnering bijdrage onderhoudsplichtige', () =>
        acts.issueLetter({
          dossierId, key: `maintenance-arrears-${d.plan}-${month}`, template: 'maintenance-contribution-reminder',
          data: { monthlyCents: d.monthlyCents!, behindCents: behind, payBy, communication }, delivery: { mode: 'letter' }, recipient: { partyId: d.partyId },
        }),
      );
      await dossier.event('maintenance-contribution-behind', `Onderhoudsplichtige ${d.plan}: ${formatEuro(behind)} achterstand tot en met ${formatMonthNl(month)}, herinnering verstuurd (betalen vóór ${formatDateNl(payBy)})`, {
        data: { plan: d.plan, month, behindCents: behind },
      });
    }
  }

  /** A contribution came in: booked on the debtor whose communication it carries, else recorded for finance to check. */
  async booked(event: ExternalEventInput): Promise<void> {
    const { dossier } = this.ctx;
    const data = event.data as { amountCents: number; communication?: string };
    const digits = data.communication ? parseOgm(data.communication) : null;
    const d = digits ? this.state.debtors.find((x) => parseOgm(planOgm(dossier.input.reference, x.plan)) === digits) : undefined;
    if (!d || d.monthlyCents === undefined || d.monthlyCents === 0) {
      await dossier.event('maintenance-contribution-unmatched', `${formatEuro(data.amountCents)} ontvangen op ${formatDateNl(event.occurredOn)} zonder de mededeling van een bijdrage in dit dossier: na te gaan door de financiële dienst`, {
        data: { eventId: event.eventId, amountCents: data.amountCents },
      });
      return;
    }
    d.paidCents += data.amountCents;
    const owedNow = d.checkedMonth ? monthsOwed(d.firstMonth!, d.checkedMonth) * d.monthlyCents : 0;
    const balance = d.paidCents - owedNow;
    await dossier.event(
      'maintenance-contribution-received',
      `Bijdrage van onderhoudsplichtige ${d.plan}: ${formatEuro(data.amountCents)} ontvangen op ${formatDateNl(event.occurredOn)}; in totaal ${formatEuro(d.paidCents)}` +
        `${balance < 0 ? `, nog ${formatEuro(-balance)} achterstand` : ''}`,
      { data: { eventId: event.eventId, plan: d.plan, amountCents: data.amountCents, paidCents: d.paidCents } },
    );
  }
}

import { condition, proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../../activities';
import type { CsrRecord } from '../../activities/debt-mediation/debt-mediation.activities';
import { addDays, compareDates, IsoDate, startOfDay } from '../../libs/deadlines/calendar-date';
import { formatDateNl, formatEuro } from '../../libs/format/dutch';
import type { DeadlineClock } from '../shared/deadline-clock';
import type { DeadlineHandle, Dossier } from '../shared/dossier-runtime';
import type { ExternalEventInput } from '../shared/dossier.messages';

const acts = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '5 minutes' },
});

/**
 * The court's, the creditors' and the mediator's acts in a collective debt settlement (Ger.W. art. 1675/2–1675/19,
 * domain §3.2), recorded as external events (libs/procedures/debt-mediation.ts): their occurredOn is the act's date.
 */
export const CSR_EVENTS = [
  'csr-petition-filed',
  'csr-admissibility-order',
  'csr-claim-received',
  'csr-plan-term-extended',
  'csr-plan-sent',
  'csr-plan-objection',
  'csr-homologation',
  'csr-judicial-plan',
  'csr-yearly-report',
] as const;

/** The admissibility order (CSR-1): the court, the day it went to the creditors, and the appointed mediator. */
export interface CsrOrder {
  orderDate: IsoDate;
  court: string;
  /** The order's sending to the creditors: CSR-2 (the claims term) runs from it. */
  sentOn: IsoDate;
  mediator: 'ocmw' | 'outside';
  mediatorPartyId: string | null;
}

export interface CsrClaim {
  partyId: string;
  declaredOn: IsoDate;
  amountCents: number;
}

/** What a next run (continue-as-new) needs to go on: the acts so far. The clocks themselves the Dossier carries. */
export interface CsrCarry {
  petition: { filedOn: IsoDate; court: string } | null;
  order: CsrOrder | null;
  /** The OCMW is the appointed mediator and was recognised on the order's date: CSR-2 … CSR-6 are its duties. */
  ocmwMediator: boolean;
  claims: CsrClaim[];
  /** The mediator's reminder (art. 1675/9 §3): the day it went out, to whom, and the last day of the 15 days. */
  reminder: { on: IsoDate; declareBy: IsoDate; partyIds: string[] } | null;
  waived: string[];
  /** The reminder's day, fixed when the claims term was extended (the day after the first term's end). */
  reminderDue: IsoDate | null;
  claimsClosed: boolean;
  planExtended: boolean;
  planSentOn: IsoDate | null;
  objectedOn: IsoDate | null;
  outcome: { kind: 'homologation' | 'judicial-plan'; on: IsoDate; startDate?: IsoDate } | null;
  /** The yearly reports filed (CSR-6): each next one is due 12 months after the previous (or the order). */
  reports: IsoDate[];
  status: string | null;
  /** Every clock key declared so far: one closed in an earlier run is never started again. */
  declared: string[];
}

const NONE: CsrCarry = {
  petition: null, order: null, ocmwMediator: false, claims: [], reminder: null, waived: [], reminderDue: null, claimsClosed: false,
  planExtended: false, planSentOn: null, objectedOn: null, outcome: null, reports: [], status: null, declared: [],
};

export interface CsrHooks {
  /** The court admitted the petition (the host adapts: no more payments to individual creditors, art. 1675/7). */
  onAdmitted?: (order: CsrOrder) => Promise<void>;
}

/**
 * A collective debt settlement in a debt mediation dossier, hosted by the trajectory (supervised background work):
 *
 * - the petition (CSR-1: the judge's 8 days, shown for information), then the admissibility order naming the mediator;
 * - the claims (CSR-2): one month from the order's sending; the day after, a reminder to each creditor of the inventory
 *   that has not declared, and 15 more days counted from that reminder (the clock's extension from an event); no
 *   declaration by then is a waiver (art. 1675/9 §3);
 * - the amicable plan (CSR-3, 6 months from the order, extendable once by the court), with a task for the social
 *   worker when the OCMW is the mediator; the objection term (CSR-4, 2 months from its sending); homologation, or a
 *   judicial plan (CSR-5, at most 7 years);
 * - the mediator's yearly report (CSR-6).
 *
 * With the OCMW as the appointed (recognised) mediator CSR-2 … CSR-6 are duties (warned and escalated); with an outside
 * mediator they are windows the dossier shows for information. Nothing here issues a command before a CSR event.
 */
export class CollectiveSettlement {
  private readonly s: CsrCarry;
  private readonly clocks = new Map<string, DeadlineHandle>();

  constructor(
    private readonly dossier: Dossier,
    private readonly hooks: CsrHooks = {},
    carried?: CsrCarry,
  ) {
    this.s = structuredCloneCarry(carried ?? NONE);
  }

  /** A court event has been taken: there is a settlement to carry. */
  started(): boolean {
    return this.s.petition !== null || this.s.order !== null;
  }

  handOver(): CsrCarry {
    return structuredCloneCarry(this.s);
  }

  async run(): Promise<void> {
    if (!this.s.order) await this.admission();
    await Promise.all([this.claims(), this.plan(), this.yearlyReports()]);
  }

  /** The host ends: the settlement's open clocks no longer apply in this dossier. */
  async end(reason: string): Promise<void> {
    for (const clock of this.clocks.values()) await clock.cancel(reason);
  }

  // --- CSR-1: petition and admissibility ------------------------------------------------------------------------

  private async admission(): Promise<void> {
    if (!this.s.petition) {
      const petition = await this.dossier.waitForEvent('csr-petition-filed');
      this.s.petition = { filedOn: petition.occurredOn, court: String(petition.data.court) };
      await this.step('csr-petition-filed', `Verzoekschrift collectieve schuldenregeling neergelegd bij de ${this.s.petition.court} op ${formatDateNl(petition.occurredOn)}`, 'CSR_PETITION_FILED');
    }
    // The judge's term (art. 1675/6): never the OCMW's duty, shown for information.
    const admissibility = await this.clock('csr-admissibility', 'CSR-1', this.s.petition.filedOn, 'window');
    const e = await this.dossier.waitForEvent('csr-admissibility-order');
    const order: CsrOrder = {
      orderDate: e.occurredOn,
      court: String(e.data.court),
      sentOn: String(e.data.sentOn),
      mediator: e.data.mediator === 'ocmw' ? 'ocmw' : 'outside',
      mediatorPartyId: typeof e.data.mediatorPartyId === 'string' ? e.data.mediatorPartyId : null,
    };
    const since = this.dossier.settings.debtMediationRecognisedSince;
    this.s.order = order;
    this.s.ocmwMediator = order.mediator === 'ocmw' && !!since && compareDates(since, order.orderDate) <= 0;
    await admissibility.met(order.orderDate);
    const mediator = order.mediator === 'ocmw' ? 'het OCMW' : 'een externe schuldbemiddelaar';
    await this.step(
      'csr-admitted',
      `Beschikking van toelaatbaarheid van de ${order.court} van ${formatDateNl(order.orderDate)}; schuldbemiddelaar: ${mediator}` +
        (order.mediator === 'ocmw' && !this.s.ocmwMediator ? ' (het OCMW is op die datum niet erkend: de termijnen gelden ter informatie)' : '') +
        `. Interesten en uitvoeringsmaatregelen zijn geschorst`,
      'CSR_CLAIMS',
      { ...order, ocmwMediator: this.s.ocmwMediator },
    );
    await this.hooks.onAdmitted?.(order);
  }

  // --- CSR-2: the claims ------------------------------------------------------------------------------------------

  private async claims(): Promise<void> {
    const order = this.s.order!;
    void this.takeClaims();
    if (this.s.claimsClosed) return;
    const clock = await this.clock('csr-claims', 'CSR-2', order.sentOn);
    if (!this.s.reminder) {
      if (!this.s.reminderDue) {
        // The inventory's creditors that have all declared close the term early; on the first term's last day (art. 53
        // shift included) the term is extended by the reminder that goes out the next day — before the first term's
        // end, so the clock never reports that end as passed.
        await this.missingCreditors();
        const termEnd = clock.dueDate()!;
        const allDeclared = () => this.creditors.length > 0 && this.missing().length === 0;
        if (await this.until(termEnd, allDeclared)) return this.closeClaims(clock, true);
        if ((await this.missingCreditors()).length === 0) return this.closeClaims(clock, true);
        this.s.reminderDue = addDays(termEnd, 1);
        await (clock as DeadlineClock).change({
          type: 'extend',
          extension: {
            days: 15, from: this.s.reminderDue, reason: 'herinnering aan de schuldeisers die geen aangifte deden (art. 1675/9 §3 Ger.W.)',
            decidedBy: order.mediator === 'ocmw' ? 'het OCMW (schuldbemiddelaar)' : 'de schuldbemiddelaar', decidedOn: termEnd,
          },
        });
      }
      const reminderOn = this.s.reminderDue;
      await this.until(reminderOn);
      const missing = await this.missingCreditors();
      const declareBy = clock.dueDate()!;
      this.s.reminder = { on: reminderOn, declareBy, partyIds: missing.map((c) => c.partyId) };
      // The mediator sends the reminder: the OCMW's own letters (registered) when it is the appointed mediator.
      if (order.mediator === 'ocmw') {
        for (const creditor of missing) {
          await this.dossier.attempt('herinnering aan een schuldeiser (collectieve schuldenregeling)', () =>
            acts.issueLetter({
              dossierId: this.dossier.input.dossierId,
              key: `csr-claim-reminder:${creditor.partyId}`,
              template: 'csr-claim-reminder',
              data: { court: order.court, orderDate: order.orderDate, termEnd: addDays(reminderOn, -1), declareBy, fileNumber: creditor.fileNumber },
              delivery: { mode: 'letter' },
              recipient: { partyId: creditor.partyId },
            } as never),
          );
        }
      }
      await this.step('csr-claims-reminded', `Herinnering aan ${missing.length} schuldeiser(s) zonder aangifte op ${formatDateNl(reminderOn)}; aangifte nog mogelijk tot en met ${formatDateNl(declareBy)}`, undefined, {
        partyIds: this.s.reminder.partyIds, declareBy,
      });
    }
    const reminder = this.s.reminder;
    const allIn = () => reminder.partyIds.every((p) => this.s.claims.some((c) => c.partyId === p));
    if (await this.until(reminder.declareBy, allIn, true)) return this.closeClaims(clock, true);
    // No declaration within the 15 days from the reminder: the creditor is deemed to waive its claim (art. 1675/9 §3).
    // The clock runs out on its own at the same instant (a duty escalated, a window expired).
    for (const partyId of reminder.partyIds.filter((p) => !this.s.claims.some((c) => c.partyId === p))) {
      this.s.waived.push(partyId);
      await this.step('csr-claim-waived', `Geen aangifte van schuldvordering binnen 15 dagen na de herinnering: de schuldeiser wordt geacht af te zien van zijn schuldvordering`, undefined, { partyId });
    }
    return this.closeClaims(clock, false);
  }

  /** Every declaration, whenever it comes (a late one is recorded, the waiver stays). */
  private async takeClaims(): Promise<void> {
    for (;;) {
      const e = await this.dossier.waitForEvent('csr-claim-received');
      const partyId = String(e.data.creditorPartyId);
      const claim: CsrClaim = { partyId, declaredOn: e.occurredOn, amountCents: Number(e.data.amountCents) };
      this.s.claims = [...this.s.claims.filter((c) => c.partyId !== partyId), claim];
      const late = this.s.waived.includes(partyId);
      await this.step('csr-claim-received', `Aangifte van schuldvordering van ${formatDateNl(e.occurredOn)}: ${formatEuro(claim.amountCents)}` + (late ? ' (na de termijn: geacht afgezien)' : ''), undefined, { ...claim });
    }
  }

  private async closeClaims(clock: DeadlineHandle, met: boolean): Promise<void> {
    this.s.claimsClosed = true;
    if (met) await clock.met(this.dossier.today());
    await this.step('csr-claims-closed', `Aangifte van de schuldvorderingen afgesloten: ${this.s.claims.length} aangegeven, ${this.s.waived.length} geacht afgezien`,
      this.s.planSentOn ? undefined : 'CSR_AMICABLE_PLAN');
  }

  private creditors: { partyId: string; fileNumber: string | null }[] = [];

  /** The inventory's creditors (the party owed, once per party) that have not declared, as the read model has them now. */
  private async missingCreditors(): Promise<{ partyId: string; fileNumber: string | null }[]> {
    const rows = await this.dossier.activity(() => acts.debtCreditors({ dossierId: this.dossier.input.dossierId }));
    const byParty = new Map<string, string | null>();
    for (const r of rows) if (r.role === 'creditor' && !byParty.has(r.partyId)) byParty.set(r.partyId, r.fileNumber);
    this.creditors = [...byParty].map(([partyId, fileNumber]) => ({ partyId, fileNumber }));
    return this.missing();
  }

  private missing() {
    return this.creditors.filter((c) => !this.s.claims.some((claim) => claim.partyId === c.partyId));
  }

  // --- CSR-3 / CSR-4 / CSR-5: the plan ---------------------------------------------------------------------------

  private async plan(): Promise<void> {
    const order = this.s.order!;
    if (!this.s.planSentOn) {
      const planClock = await this.clock('csr-plan', 'CSR-3', order.orderDate);
      void this.planExtension(planClock);
      // The mediator sends the amicable plan — or, without one (art. 1675/11), the court imposes a judicial plan.
      const sent = order.mediator === 'ocmw'
        ? this.dossier.task('csr-amicable-plan', { deadline: planClock, key: 'csr-amicable-plan' }).then((done) => done.sentOn)
        : this.dossier.waitForEvent('csr-plan-sent').then((e) => e.occurredOn);
      const first = await Promise.race([sent.then((sentOn) => ({ sentOn })), this.judicialPlan().then((judicial) => ({ judicial }))]);
      if ('judicial' in first) {
        await this.dossier.cancelTask('csr-amicable-plan', 'csr-amicable-plan', 'de rechter legde een gerechtelijke aanzuiveringsregeling op');
        await planClock.cancel('de rechter legde een gerechtelijke aanzuiveringsregeling op');
        return this.outcome(first.judicial);
      }
      this.s.planSentOn = first.sentOn;
      await planClock.met(first.sentOn);
      await this.step('csr-plan-sent', `Ontwerp van minnelijke aanzuiveringsregeling verzonden op ${formatDateNl(first.sentOn)}; bezwaar mogelijk gedurende 2 maanden`, 'CSR_PLAN_SENT');
    }
    if (this.decided()) return;
    const objection = await this.clock('csr-objection', 'CSR-4', this.s.planSentOn!);
    if (!this.s.objectedOn) {
      const e = await Promise.race([this.judicialPlan(), this.dossier.waitForAnyEvent(['csr-plan-objection', 'csr-homologation'])]);
      if (e.type === 'csr-plan-objection') {
        this.s.objectedOn = e.occurredOn;
        await objection.met(e.occurredOn);
        await this.step('csr-plan-objection', `Bezwaar tegen de minnelijke regeling op ${formatDateNl(e.occurredOn)} (${String(e.data.objector)}): de rechter beslist`, 'CSR_PLAN_CONTESTED');
      } else {
        await this.outcome(e, objection);
      }
    }
    if (!this.decided()) await this.outcome(await Promise.race([this.judicialPlan(), this.dossier.waitForEvent('csr-homologation')]), objection);
  }

  private judicial?: Promise<ExternalEventInput>;

  /** The court's judicial plan, whenever it comes: one wait for it in a run, whichever step is racing it. */
  private judicialPlan(): Promise<ExternalEventInput> {
    this.judicial ??= this.dossier.waitForEvent('csr-judicial-plan');
    return this.judicial;
  }

  private decided(): boolean {
    return this.s.outcome !== null;
  }

  /** The court extends the plan's term once (art. 1675/10–11 Ger.W.: by at most 6 months). */
  private async planExtension(clock: DeadlineHandle): Promise<void> {
    if (this.s.planExtended) return;
    const e = await this.dossier.waitForEvent('csr-plan-term-extended');
    this.s.planExtended = true;
    const computed = await (clock as DeadlineClock).change({
      type: 'extend',
      extension: { months: Number(e.data.months), reason: 'verlenging door de arbeidsrechtbank (art. 1675/11 Ger.W.)', decidedBy: 'de arbeidsrechtbank', decidedOn: e.occurredOn },
    });
    await this.step('csr-plan-term-extended', `Termijn voor de minnelijke regeling verlengd met ${String(e.data.months)} maand(en): uiterlijk ${formatDateNl(computed.dueDate!)}`);
  }

  private async outcome(e: ExternalEventInput, objection?: DeadlineHandle): Promise<void> {
    if (e.type === 'csr-homologation') {
      this.s.outcome = { kind: 'homologation', on: e.occurredOn };
      await objection?.cancel('de regeling is gehomologeerd');
      await this.step('csr-homologation', `Minnelijke aanzuiveringsregeling gehomologeerd op ${formatDateNl(e.occurredOn)}`, 'CSR_PLAN_HOMOLOGATED');
      return;
    }
    const startDate = String(e.data.startDate);
    this.s.outcome = { kind: 'judicial-plan', on: e.occurredOn, startDate };
    await objection?.cancel('de rechter legde een gerechtelijke regeling op');
    // CSR-5 (art. 1675/12–13 Ger.W.): at most 7 years from the plan's start.
    await this.clock('csr-judicial-plan', 'CSR-5', startDate);
    await this.step('csr-judicial-plan', `Gerechtelijke aanzuiveringsregeling opgelegd op ${formatDateNl(e.occurredOn)}, vanaf ${formatDateNl(startDate)} (hoogstens 7 jaar)`, 'CSR_JUDICIAL_PLAN');
  }

  // --- CSR-6: the yearly report -----------------------------------------------------------------------------------

  private async yearlyReports(): Promise<void> {
    for (;;) {
      const n = this.s.reports.length + 1;
      const clock = await this.clock(`csr-report-${n}`, 'CSR-6', this.s.reports[n - 2] ?? this.s.order!.orderDate);
      const e = await this.dossier.waitForEvent('csr-yearly-report');
      this.s.reports.push(e.occurredOn);
      await clock.met(e.occurredOn);
      await this.step('csr-yearly-report', `Jaarverslag ${n} van de schuldbemiddelaar neergelegd op ${formatDateNl(e.occurredOn)}`);
    }
  }

  // --- shared -----------------------------------------------------------------------------------------------------

  /** A CSR clock: the OCMW's duty when it is the recognised mediator, else a window shown for information. */
  private async clock(key: string, ruleId: string, trigger: IsoDate, kind?: 'duty' | 'window'): Promise<DeadlineHandle> {
    if (this.s.declared.includes(key) && !this.dossier.deadlineOf(key)) return closedClock(key, ruleId);
    if (!this.s.declared.includes(key)) this.s.declared.push(key);
    const clock = await this.dossier.deadline(key, ruleId, trigger, { kind: kind ?? (this.s.ocmwMediator ? 'duty' : 'window') });
    this.clocks.set(key, clock);
    return clock;
  }

  /**
   * Waits until the start of `day` (or, with `through`, the start of the day after it), or until `done` holds:
   * true when `done` held first.
   */
  private async until(day: IsoDate, done: () => boolean = () => false, through = false): Promise<boolean> {
    const at = startOfDay(through ? addDays(day, 1) : day, this.dossier.settings.timeZone);
    return condition(done, Math.max(0, at - Date.now()));
  }

  /** A timeline entry (with a status), then the read model (csr_files, csr_claims) as it stands. */
  private async step(type: string, description: string, status?: string, data?: Record<string, unknown>): Promise<void> {
    if (status) this.s.status = status;
    await this.dossier.event(type, description, { ...(status ? { status } : {}), ...(data ? { data } : {}) });
    await this.dossier.activity(() => acts.recordCollectiveSettlement(this.record()));
  }

  private record(): CsrRecord {
    const s = this.s;
    return {
      dossierId: this.dossier.input.dossierId,
      petitionFiledOn: s.petition?.filedOn ?? null,
      court: s.order?.court ?? s.petition?.court ?? null,
      orderDate: s.order?.orderDate ?? null,
      orderSentOn: s.order?.sentOn ?? null,
      mediator: s.order?.mediator ?? null,
      mediatorPartyId: s.order?.mediatorPartyId ?? null,
      ocmwMediator: s.ocmwMediator,
      status: s.status,
      planSentOn: s.planSentOn,
      outcome: s.outcome?.kind ?? null,
      reminderOn: s.reminder?.on ?? null,
      declareBy: s.reminder?.declareBy ?? null,
      claims: [
        ...s.claims.map((c) => ({ partyId: c.partyId, declaredOn: c.declaredOn, amountCents: c.amountCents, waived: s.waived.includes(c.partyId) })),
        ...s.waived.filter((p) => !s.claims.some((c) => c.partyId === p)).map((partyId) => ({ partyId, declaredOn: null, amountCents: null, waived: true })),
      ],
    };
  }
}

/** A clock an earlier run closed (met, expired, cancelled): nothing more to do with it. */
function closedClock(key: string, ruleId: string): DeadlineHandle {
  return {
    key, ruleId, dueDate: () => null, status: () => 'met', metDate: () => null, consequenceFrom: () => null,
    met: async () => undefined, metAt: async () => undefined, cancel: async () => undefined,
  };
}

function structuredCloneCarry(c: CsrCarry): CsrCarry {
  return JSON.parse(JSON.stringify(c)) as CsrCarry;
}

import type { IsoDate } from './calendar-date';

/**
 * How a term is counted (shared/domain/ocmw-procedures.md §0.3).
 */
export type CountingMethod =
  /** Due on the trigger day itself (LL-1: ontvangstbewijs the same day). */
  | 'same-day'
  /** Administrative term: N calendar days from the day after the trigger, no shift for weekends or holidays (LL-3). */
  | 'calendar-days'
  /** N working days after the trigger: Monday–Friday minus the Belgian legal holidays (CO-2). */
  | 'working-days'
  /** N working days after the trigger counting Saturday (Monday–Saturday minus legal holidays): a reading of CO-2/CO-3 [U]. */
  | 'working-days-saturday'
  /** Judicial term (Ger.W. art. 52–53): trigger day not counted, last day counted, moved past Sat/Sun/legal holiday. */
  | 'judicial-days'
  /**
   * N months, a duty of the OCMW (LL-8 GPMI, LL-7 home visit, SA-3 / HF-2 "binnen de maand"): the trigger's day number in
   * the month N months later, clamped to that month's last day; no shift (§0.3).
   */
  | 'months'
  /**
   * N judicial months (Ger.W. art. 52–54: LL-10, SA-5, CSR-2, CSR-3, CSR-4): "van de zoveelste tot de dag vóór de
   * zoveelste" from the day after the act; an act on the last day of its month ends on the last day of the month N
   * months later (the reading is ComputeOptions.judicialMonthEnd); then the art. 53 shift.
   */
  | 'judicial-months'
  /** N calendar days after the last day of the trigger's month (LL-5: form B/C 8 days after the decision month). */
  | 'after-month-end'
  /** A fixed day of the year after the trigger's year ('MM-DD' in annualDate), e.g. "by 31 March". */
  | 'annual-date'
  /** The next working day after the trigger at a time of day ('HH:MM' in timeOfDay), e.g. Match-IT before 10:00. */
  | 'next-working-day-at';

export interface DeadlineRule {
  /** Catalogue id, e.g. 'LL-3'. Several versions may share an id, each valid over its own dates. */
  id: string;
  version: number;
  /** Dutch, shown to people. */
  title: string;
  /** What must happen by the due date. */
  action: string;
  /** What starts the clock. */
  trigger: string;
  procedures: string[];
  legalBasis: string;
  duration: number;
  counting: CountingMethod;
  timeOfDay?: string;
  annualDate?: string;
  /**
   * The count starts this many calendar days after the trigger date (default 0). LL-10-NO-DECISION: the 3 appeal months
   * run from the end of the 8-day notification term that follows the lapse of the decision term.
   */
  offsetDays?: number;
  ifMissed: string;
  /**
   * What applies from the day after the due date, in Dutch (LL-5-LOSS: "verlies van de staatstoelage", LL-6-INTEREST:
   * "interest"). The due date is always the last day still on time ("met by"); the computation names the first day of
   * the consequence ("lost from") in consequenceFrom.
   */
  consequenceFrom?: string;
  /**
   * The term does not run against someone who was never told of it (an appeal against the absence of a decision:
   * GwH nr. 35/2008 of 4 March 2008; art. 23, second paragraph, Handvest sociaal verzekerde). Its end is indicative: a
   * dossier never marks the right as lost on this clock alone. The value is that legal basis, in Dutch.
   */
  noForfeitureWithoutNotice?: string;
  /** V: primary public source; V-sec: secondary source; U: unconfirmed — configuration to check, never a hard truth. */
  source: 'V' | 'V-sec' | 'U';
  sourceNote?: string;
  suspension: { allowed: false } | { allowed: true; basis: string };
  extension:
    | { allowed: false }
    | {
        allowed: true;
        basis: string;
        maxTimes: number;
        maxDays?: number;
        maxMonths?: number;
        /**
         * The extra days run from an event, not from the due date (CSR-2: the 15 days from the mediator's reminder, art.
         * 1675/9 §3 Ger.W.): each extension then carries that event's date in `from`. Dutch name of the event.
         */
        fromEvent?: string;
      };
  /** The warning comes at most this many days before the due date, whatever the configured warning days. */
  maxWarningDays: number;
  validFrom: IsoDate;
  validTo: IsoDate | null;
}

export interface Suspension {
  from: IsoDate;
  /** null: still suspended; the due date is unknown until the suspension ends. */
  to: IsoDate | null;
  reason: string;
  decidedBy: string;
  decidedOn: IsoDate;
}

export interface Extension {
  days?: number;
  months?: number;
  /** For a rule whose extension runs from an event (extension.fromEvent): that event's date; the days count from it. */
  from?: IsoDate;
  reason: string;
  decidedBy: string;
  decidedOn: IsoDate;
}

export interface ExplanationStep {
  step: 'trigger' | 'count' | 'month-rule' | 'shift' | 'suspension' | 'extension' | 'anchor' | 'warning' | 'due' | 'consequence';
  date: IsoDate;
  /** Dutch, so a person can check the computation by hand. */
  text: string;
}

export interface DeadlineComputation {
  ruleId: string;
  ruleVersion: number;
  title: string;
  legalBasis: string;
  triggerDate: IsoDate;
  /** The last day that is still on time ("met by"); null while an open-ended suspension runs. */
  dueDate: IsoDate | null;
  /**
   * The first day of the rule's consequence (rule.consequenceFrom: the day after the due date, "lost from"); null for a
   * rule without one or while suspended. Absent in computations recorded before it existed.
   */
  consequenceFrom?: IsoDate | null;
  /**
   * The reading of art. 54 Ger.W. applied because the act fell on the last day of its month in a judicial month term;
   * null when the case did not arise. Absent in computations recorded before it existed.
   */
  judicialMonthEnd?: JudicialMonthEnd | null;
  /**
   * true: the end does not forfeit the right on its own (rule.noForfeitureWithoutNotice, GwH nr. 35/2008). Absent in
   * computations recorded before it existed.
   */
  indicative?: boolean;
  /** The instant the term ends: the end of the due day in Europe/Brussels, or the rule's time of day. ISO string. */
  dueAt: string | null;
  warningDate: IsoDate | null;
  /** Start of the warning day in Europe/Brussels, ISO string. */
  warningAt: string | null;
  suspendedSince: IsoDate | null;
  explanation: ExplanationStep[];
  /** One line, e.g. "30 kalenderdagen na 2 maart 2026: uiterlijk 1 april 2026 (art. 21 §1 RMI-wet)". */
  summary: string;
}

/**
 * Art. 54 Ger.W. for an act on the last day of its month (judicial month terms only), a documented configuration
 * choice (OCMW_JUDICIAL_MONTH_END, shared/domain/ocmw-procedures.md §0.3):
 *  - 'last-day' (default): the term runs from the 1st of the next month "tot de dag vóór de zoveelste", so it ends on
 *    the last day of the month N months later (30 April + 3 months → 31 July). What practitioners compute; never
 *    earlier than the law.
 *  - 'same-day': the act's day number in the month N months later, clamped (30 April + 3 months → 30 July).
 */
export type JudicialMonthEnd = 'last-day' | 'same-day';
export const JUDICIAL_MONTH_END_READINGS: readonly JudicialMonthEnd[] = ['last-day', 'same-day'];

export interface ComputeOptions {
  warningDays: number;
  suspensions?: Suspension[];
  extensions?: Extension[];
  timeZone?: string;
  /** Default 'last-day'. */
  judicialMonthEnd?: JudicialMonthEnd;
}

export type DeadlineErrorCode =
  | 'unknown-rule'
  | 'invalid-date'
  | 'not-suspendable'
  | 'not-extendable'
  | 'extension-limit'
  | 'invalid-suspension'
  | 'invalid-extension'
  | 'invalid-catalogue';

export class DeadlineError extends Error {
  constructor(
    readonly code: DeadlineErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'DeadlineError';
  }
}

/**
 * running → at-risk (warning date reached) → met | breached (a duty met late stays breached, with its met date);
 * suspended while an open suspension runs; cancelled when it no longer applies; expired: a window (someone else's
 * term, e.g. the client's appeal) that ran out; informative: a window whose indicative end has passed without closing
 * the right (an appeal against the absence of a decision does not run without notice, GwH nr. 35/2008).
 */
export type DeadlineStatus = 'running' | 'met' | 'at-risk' | 'breached' | 'suspended' | 'cancelled' | 'expired' | 'informative';

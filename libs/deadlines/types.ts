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
  /** Judicial term (Ger.W. art. 52–53): trigger day not counted, last day counted, moved past Sat/Sun/legal holiday. */
  | 'judicial-days'
  /** N months with the art. 54 month arithmetic (same day number, or the month's last day), no shift (LL-8 GPMI). */
  | 'months'
  /** N months, art. 54 month arithmetic, then the art. 53 shift (LL-10 appeal). */
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
  /** V: primary public source; V-sec: secondary source; U: unconfirmed — configuration to check, never a hard truth. */
  source: 'V' | 'V-sec' | 'U';
  sourceNote?: string;
  suspension: { allowed: false } | { allowed: true; basis: string };
  extension: { allowed: false } | { allowed: true; basis: string; maxTimes: number; maxDays?: number; maxMonths?: number };
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
  reason: string;
  decidedBy: string;
  decidedOn: IsoDate;
}

export interface ExplanationStep {
  step: 'trigger' | 'count' | 'month-rule' | 'shift' | 'suspension' | 'extension' | 'anchor' | 'warning' | 'due';
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
  /** null while an open-ended suspension runs. */
  dueDate: IsoDate | null;
  /** The instant the term ends: the end of the due day in Europe/Brussels, or the rule's time of day. ISO string. */
  dueAt: string | null;
  warningDate: IsoDate | null;
  /** Start of the warning day in Europe/Brussels, ISO string. */
  warningAt: string | null;
  suspendedSince: IsoDate | null;
  explanation: ExplanationStep[];
  /** One line, e.g. "30 kalenderdagen na 2026-03-02: uiterlijk 2026-04-01 (art. 21 §1 RMI-wet)". */
  summary: string;
}

export interface ComputeOptions {
  warningDays: number;
  suspensions?: Suspension[];
  extensions?: Extension[];
  timeZone?: string;
}

export type DeadlineErrorCode =
  | 'unknown-rule'
  | 'invalid-date'
  | 'not-suspendable'
  | 'not-extendable'
  | 'extension-limit'
  | 'invalid-suspension'
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
 * term, e.g. the client's appeal) that ran out.
 */
export type DeadlineStatus = 'running' | 'met' | 'at-risk' | 'breached' | 'suspended' | 'cancelled' | 'expired';

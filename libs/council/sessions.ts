import { addDays, addMonths, compareDates, dayOfWeek, daysBetween, formatIsoDate, IsoDate, parseIsoDate } from '../deadlines/calendar-date';

/** House rules of the BCSD that shape its calendar (configuration: the OCMW's own rules). */
export interface CouncilRules {
  rhythm: 'weekly' | 'biweekly' | 'monthly';
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  weekday: number;
  /** Monthly: the n-th such weekday of the month. */
  weekOfMonth: number;
  /** A session date the biweekly rhythm counts from. */
  anchorDate: IsoDate;
  /** The agenda closes at the end of (session date − noticeDays): the convocation with the agenda goes out 8 days
   *  ahead, or 5 if the house rules say so (DLB; shared/domain/ocmw-procedures.md §8). */
  noticeDays: number;
}

export interface SessionSlot {
  date: IsoDate;
  cutoffDate: IsoDate;
}

/** Tuesday 17 March 2026 with 8 days' notice → the agenda closes at the end of Monday 9 March. */
export function agendaCutoff(sessionDate: IsoDate, noticeDays: number): IsoDate {
  return addDays(sessionDate, -noticeDays);
}

/** The regular sessions from `from` to `to` (inclusive) under the rhythm. */
export function regularSessions(rules: CouncilRules, from: IsoDate, to: IsoDate): SessionSlot[] {
  const dates: IsoDate[] = [];
  if (rules.rhythm === 'monthly') {
    const { y, m } = parseIsoDate(from);
    for (let month = formatIsoDate(y, m, 1); compareDates(month, to) <= 0; month = addMonths(month, 1).date) {
      const date = nthWeekdayOfMonth(month, rules.weekday, rules.weekOfMonth);
      if (compareDates(date, from) >= 0 && compareDates(date, to) <= 0) dates.push(date);
    }
  } else {
    const step = rules.rhythm === 'weekly' ? 7 : 14;
    // The first session on or after `from`, on the rhythm's grid through the anchor date.
    let date = addDays(from, (rules.weekday - isoWeekday(from) + 7) % 7);
    if (rules.rhythm === 'biweekly') {
      const offset = ((daysBetween(rules.anchorDate, date) % 14) + 14) % 14;
      if (offset !== 0) date = addDays(date, 14 - offset);
    }
    for (; compareDates(date, to) <= 0; date = addDays(date, step)) dates.push(date);
  }
  return dates.map((date) => ({ date, cutoffDate: agendaCutoff(date, rules.noticeDays) }));
}

export interface AgendaPick<S extends SessionSlot> {
  session: S;
  /** The session falls after the legal decision deadline: the chair decides urgently, the council ratifies. */
  urgent: boolean;
}

/**
 * The earliest session whose agenda is still open today (cut-off today or later): the client waits no longer than
 * needed. Urgent when even that session is after the decision's legal deadline.
 */
export function pickSession<S extends SessionSlot>(sessions: S[], today: IsoDate, decisionDue: IsoDate | null): AgendaPick<S> | null {
  const open = sessions.filter((s) => compareDates(s.cutoffDate, today) >= 0).sort((a, b) => compareDates(a.date, b.date));
  if (open.length === 0) return null;
  return { session: open[0], urgent: decisionDue !== null && compareDates(open[0].date, decisionDue) > 0 };
}

function nthWeekdayOfMonth(firstOfMonth: IsoDate, weekday: number, n: number): IsoDate {
  const first = addDays(firstOfMonth, (weekday - isoWeekday(firstOfMonth) + 7) % 7);
  return addDays(first, 7 * (n - 1));
}

/** 1 = Monday … 7 = Sunday. */
function isoWeekday(date: IsoDate): number {
  return dayOfWeek(date) || 7;
}

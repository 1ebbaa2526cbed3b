/**
 * The deadline engine: one computation of a legal term feeds the timer, the letter, the dashboard and the audit trail
 * (shared/domain/ocmw-procedures.md §0.3). Pure: no Node, no clock, no configuration read here.
 *
 * Order of a computation: base count (per CountingMethod) → extensions → suspensions → art. 53 Ger.W. shift (judicial
 * methods only) → warning. Every step is written down in Dutch, with Dutch dates ("1 april 2026"), so that a person can
 * check it by hand. Judicial month terms follow art. 54 Ger.W. with the configured reading for an act on the last day of
 * its month (ComputeOptions.judicialMonthEnd, see JudicialMonthEnd).
 */
import {
  addDays,
  addMonths,
  compareDates,
  daysBetween,
  endOfDay,
  instantAt,
  isValidIsoDate,
  IsoDate,
  lastDayOfMonth,
  maxDate,
  parseIsoDate,
  startOfDay,
} from './calendar-date';
import { formatDateLongNl, formatDateNl, formatMonthNl, MONTHS_NL } from '../format/dutch';
import { addWorkingDays, addWorkingDaysWithSaturday, firstWorkingDayFrom, isWorkingDay, isWorkingDayWithSaturday, legalHoliday, nonWorkingReason, weekdayName } from './holidays';
import {
  ComputeOptions,
  CountingMethod,
  DeadlineComputation,
  DeadlineError,
  DeadlineRule,
  ExplanationStep,
  Extension,
  JUDICIAL_MONTH_END_READINGS,
  JudicialMonthEnd,
  Suspension,
} from './types';

export const DEFAULT_TIME_ZONE = 'Europe/Brussels';

export const COUNTING_METHODS: readonly CountingMethod[] = [
  'same-day',
  'calendar-days',
  'working-days',
  'working-days-saturday',
  'judicial-days',
  'months',
  'judicial-months',
  'after-month-end',
  'annual-date',
  'next-working-day-at',
];

const JUDICIAL: ReadonlySet<CountingMethod> = new Set(['judicial-days', 'judicial-months']);

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
const days = (n: number) => plural(n, 'dag', 'dagen');
const months = (n: number) => plural(n, 'maand', 'maanden');
/** Every date a person reads is written in Dutch: "1 april 2026" (libs/format/dutch.ts). */
const nl = (date: IsoDate) => formatDateNl(date);
/** "woensdag 1 april 2026". */
const dayLabel = (date: IsoDate) => formatDateLongNl(date);
const monthLabel = (date: IsoDate) => formatMonthNl(date);
const READING_NL: Record<JudicialMonthEnd, string> = { 'last-day': 'laatste dag van de maand', 'same-day': 'zelfde dagnummer' };

/** "een zaterdag" / "Paasmaandag (wettelijke feestdag)": why a day is not a working day, as a phrase after "is". */
function notWorkingPhrase(date: IsoDate): string {
  return legalHoliday(date) ? (nonWorkingReason(date) as string) : `een ${weekdayName(date)}`;
}

/** "zaterdag 4 april 2026" / "maandag 6 april 2026 (Paasmaandag, wettelijke feestdag)". */
function nonWorkingDayLabel(date: IsoDate): string {
  const holiday = legalHoliday(date);
  return holiday ? `${dayLabel(date)} (${holiday}, wettelijke feestdag)` : dayLabel(date);
}

/** The non-working days in (from, to), both ends excluded, each with its reason. */
function skippedDays(from: IsoDate, to: IsoDate): string[] {
  const skipped: string[] = [];
  for (let day = addDays(from, 1); compareDates(day, to) < 0; day = addDays(day, 1)) {
    if (!isWorkingDay(day)) skipped.push(nonWorkingDayLabel(day));
  }
  return skipped;
}

/** "Ontvangst van de aanvraag" → "ontvangst van de aanvraag", but "OCMW B …" stays. */
function lowerFirst(text: string): string {
  return /^[A-Z][a-z]/.test(text) ? text[0].toLowerCase() + text.slice(1) : text;
}

function upperFirst(text: string): string {
  return text ? text[0].toUpperCase() + text.slice(1) : text;
}

function ruleLabel(rule: DeadlineRule): string {
  return `${rule.id} "${rule.title}"`;
}

/**
 * `n` judicial months after the act on `start` (Ger.W. art. 52 and 54, shared/domain/ocmw-procedures.md §0.3): the
 * act's day is not counted, the term starts the next day and runs "van de zoveelste tot de dag vóór de zoveelste";
 * where that day number does not exist in the last month, the term ends on that month's last day. An act on the last
 * day of its month therefore ends on the last day of the month `n` months later ('last-day', the literal reading
 * practitioners compute); 'same-day' keeps the act's day number (clamped) instead. No art. 53 shift here.
 */
export function judicialMonthsEnd(start: IsoDate, n: number, reading: JudicialMonthEnd) {
  const dayAfter = addDays(start, 1);
  const target = addMonths(dayAfter, n, parseIsoDate(dayAfter).d);
  // The day before "de zoveelste" n months later; when that day number does not exist there, the month's last day.
  const literal = target.clamped ? target.date : addDays(target.date, -1);
  const sameDay = addMonths(start, n);
  const actOnMonthEnd = start === lastDayOfMonth(start);
  return {
    dayAfter,
    /** "de zoveelste" n months later, when it exists (the term ends the day before it). */
    zoveelste: target.clamped ? null : target.date,
    literal,
    sameDay: sameDay.date,
    actOnMonthEnd,
    due: actOnMonthEnd && reading === 'same-day' ? sameDay.date : literal,
  };
}

export function computeDeadline(rule: DeadlineRule, triggerDate: IsoDate, options: ComputeOptions): DeadlineComputation {
  if (!isValidIsoDate(triggerDate)) {
    throw new DeadlineError('invalid-date', `Trigger date for ${rule.id} is not an existing date YYYY-MM-DD: ${String(triggerDate)}`);
  }
  const timeZone = options.timeZone ?? DEFAULT_TIME_ZONE;
  const reading: JudicialMonthEnd = options.judicialMonthEnd ?? 'last-day';
  if (!JUDICIAL_MONTH_END_READINGS.includes(reading)) {
    throw new DeadlineError('invalid-catalogue', `judicialMonthEnd must be one of ${JUDICIAL_MONTH_END_READINGS.join(', ')}; got ${String(reading)}`);
  }
  const steps: ExplanationStep[] = [];
  const n = rule.duration;

  steps.push({ step: 'trigger', date: triggerDate, text: `Aanleiding: ${lowerFirst(rule.trigger)}, op ${dayLabel(triggerDate)}.` });

  // 1. Base count, from the trigger or, with offsetDays, from that many days later: that day is the starting point
  //    ("vertrekpunt"), so that "aanleiding" always names the trigger itself.
  const offset = rule.offsetDays ?? 0;
  const start = addDays(triggerDate, offset);
  const startName = offset > 0 ? 'het vertrekpunt' : 'de aanleiding';
  if (offset > 0) {
    steps.push({
      step: 'anchor',
      date: start,
      text:
        `Vertrekpunt van de telling: ${plural(offset, 'kalenderdag', 'kalenderdagen')} na de aanleiding, ` +
        `${nl(triggerDate)} + ${days(offset)} = ${dayLabel(start)}.`,
    });
  }
  let due: IsoDate;
  let summaryCount: string;
  /**
   * A month term still counted in whole months from `start` (null once days have been added): a month extension then
   * lengthens the count, with the same art. 54 arithmetic.
   */
  let monthTerm: { judicial: boolean; count: number } | null = null;
  /** The reading of art. 54 Ger.W. applied to an act on the last day of its month (judicial month terms). */
  let monthEndReading: JudicialMonthEnd | null = null;
  switch (rule.counting) {
    case 'same-day':
      due = start;
      summaryCount = `Zelfde dag als ${nl(start)}`;
      steps.push({ step: 'count', date: due, text: `Termijn: dezelfde dag. De handeling moet gebeuren op de dag van ${startName} zelf, ${nl(start)}.` });
      break;
    case 'calendar-days':
      due = addDays(start, n);
      summaryCount = `${plural(n, 'kalenderdag', 'kalenderdagen')} na ${nl(start)}`;
      steps.push({
        step: 'count',
        date: due,
        text:
          `${plural(n, 'kalenderdag', 'kalenderdagen')}, te tellen vanaf de dag na ${nl(start)} (dag 1 = ${nl(addDays(start, 1))}): ` +
          `dag ${n} is ${nl(due)}. Administratieve termijn: zaterdagen, zondagen en feestdagen tellen mee, geen verschuiving.`,
      });
      break;
    case 'working-days': {
      due = addWorkingDays(start, n);
      summaryCount = `${plural(n, 'werkdag', 'werkdagen')} na ${nl(start)}`;
      const skipped = skippedDays(start, due);
      steps.push({
        step: 'count',
        date: due,
        text:
          `${plural(n, 'werkdag', 'werkdagen')} na ${nl(start)}, die dag zelf niet meegeteld; zaterdagen, zondagen en wettelijke ` +
          `feestdagen tellen niet mee` +
          (skipped.length ? ` (overgeslagen: ${skipped.join(', ')})` : '') +
          `: de ${n}e werkdag is ${dayLabel(due)}.`,
      });
      break;
    }
    case 'working-days-saturday': {
      due = addWorkingDaysWithSaturday(start, n);
      summaryCount = `${plural(n, 'werkdag', 'werkdagen')} (zaterdag inbegrepen) na ${nl(start)}`;
      const skipped: string[] = [];
      for (let day = addDays(start, 1); compareDates(day, due) < 0; day = addDays(day, 1)) {
        if (!isWorkingDayWithSaturday(day)) skipped.push(nonWorkingDayLabel(day));
      }
      steps.push({
        step: 'count',
        date: due,
        text:
          `${plural(n, 'werkdag', 'werkdagen')} na ${nl(start)}, die dag zelf niet meegeteld; zaterdagen tellen mee, zondagen en ` +
          `wettelijke feestdagen niet` +
          (skipped.length ? ` (overgeslagen: ${skipped.join(', ')})` : '') +
          `: de ${n}e werkdag is ${dayLabel(due)}.`,
      });
      break;
    }
    case 'judicial-days':
      due = addDays(start, n);
      summaryCount = `${days(n)} (gerechtelijke termijn) na ${nl(start)}`;
      steps.push({
        step: 'count',
        date: due,
        text:
          `${days(n)}, gerechtelijke termijn (art. 52 Ger.W.): de dag van ${startName} telt niet mee, te tellen vanaf ` +
          `${nl(addDays(start, 1))}; de laatste dag telt mee: dag ${n} is ${nl(due)}.`,
      });
      break;
    case 'months': {
      // A duty of the OCMW (§0.3): the day number of the trigger, clamped; never later than art. 54 read literally.
      monthTerm = { judicial: false, count: n };
      const monthDay = parseIsoDate(start).d;
      const result = addMonths(start, n, monthDay);
      due = result.date;
      summaryCount = `${months(n)} na ${nl(start)}`;
      steps.push({
        step: 'count',
        date: due,
        text:
          `${months(n)} na ${nl(start)}, een termijn van het OCMW (geen gerechtelijke termijn): hetzelfde dagnummer (${monthDay}) ` +
          `in ${monthLabel(due)}` +
          (result.clamped ? '.' : `: ${nl(due)}.`) +
          (start === lastDayOfMonth(start) && !result.clamped
            ? ' Ook bij een aanleiding op de laatste dag van de maand blijft het dagnummer: de termijn eindigt nooit later dan bij een gerechtelijke termijn.'
            : '') +
          ' Geen verschuiving voor weekend of feestdag.',
      });
      if (result.clamped) {
        steps.push({
          step: 'month-rule',
          date: due,
          text: `Dag ${monthDay} bestaat niet in ${monthLabel(due)}: de termijn eindigt op de laatste dag van die maand, ${nl(due)}.`,
        });
      }
      break;
    }
    case 'judicial-months': {
      monthTerm = { judicial: true, count: n };
      const m = judicialMonthsEnd(start, n, reading);
      due = m.due;
      summaryCount = `${months(n)} (gerechtelijke termijn) na ${nl(start)}`;
      const opening =
        `${months(n)}, gerechtelijke termijn (art. 52 en 54 Ger.W.): de dag van ${startName} (${nl(start)}) telt niet mee; ` +
        `de termijn begint op ${nl(m.dayAfter)}`;
      if (m.actOnMonthEnd) {
        monthEndReading = reading;
        const other = reading === 'last-day' ? m.sameDay : m.literal;
        steps.push({
          step: 'count',
          date: due,
          text:
            reading === 'last-day'
              ? `${opening} en loopt van de zoveelste tot de dag vóór de zoveelste: tot de dag vóór ${nl(m.zoveelste as IsoDate)}, ` +
                `dus tot en met ${nl(due)}.`
              : `${opening}; de aanleiding valt op de laatste dag van de maand en volgens de gekozen lezing van art. 54 ` +
                `eindigt de termijn op hetzelfde dagnummer ${n} ${n === 1 ? 'maand' : 'maanden'} later: ${nl(due)}.`,
        });
        steps.push({
          step: 'month-rule',
          date: due,
          text:
            `Art. 54 Ger.W.: akte op de laatste dag van de maand (${nl(start)}) → ` +
            (reading === 'last-day'
              ? `laatste dag van de maand ${months(n)} later, ${nl(due)}`
              : `hetzelfde dagnummer ${months(n)} later (of de laatste dag van die maand als het niet bestaat), ${nl(due)}`) +
            ` (gekozen lezing: ${READING_NL[reading]}, instelling OCMW_JUDICIAL_MONTH_END=${reading}` +
            (other !== due ? `; de lezing "${READING_NL[reading === 'last-day' ? 'same-day' : 'last-day']}" gaf ${nl(other)}` : '; beide lezingen geven dezelfde dag') +
            ').',
        });
        summaryCount += `, akte op de laatste dag van de maand (lezing art. 54 Ger.W.: ${READING_NL[reading]})`;
      } else if (m.zoveelste) {
        steps.push({
          step: 'count',
          date: due,
          text: `${opening} en loopt van de zoveelste tot de dag vóór de zoveelste: tot de dag vóór ${nl(m.zoveelste)}, dus tot en met ${nl(due)}.`,
        });
      } else {
        const wanted = parseIsoDate(m.dayAfter).d;
        steps.push({ step: 'count', date: due, text: `${opening} en loopt van de zoveelste tot de dag vóór de zoveelste, ${months(n)} later.` });
        steps.push({
          step: 'month-rule',
          date: due,
          text: `Dag ${wanted} bestaat niet in ${monthLabel(due)}: de termijn eindigt op de laatste dag van die maand, ${nl(due)} (art. 54 Ger.W.).`,
        });
      }
      break;
    }
    case 'after-month-end': {
      const monthEnd = lastDayOfMonth(start);
      due = addDays(monthEnd, n);
      summaryCount = `${days(n)} na het einde van de maand van ${nl(start)}`;
      steps.push({ step: 'anchor', date: monthEnd, text: `Einde van de maand van ${startName} (${monthLabel(start)}): ${nl(monthEnd)}.` });
      steps.push({
        step: 'count',
        date: due,
        text:
          `${plural(n, 'kalenderdag', 'kalenderdagen')} na het einde van de maand, te tellen vanaf ${nl(addDays(monthEnd, 1))}: ` +
          `dag ${n} is ${nl(due)}. Geen verschuiving voor weekend of feestdag.`,
      });
      break;
    }
    case 'annual-date': {
      const annual = requireAnnualDate(rule);
      const startYear = parseIsoDate(start).y;
      const year = startYear + n;
      const yearEnd = `${startYear}-12-31`;
      const [mm, dd] = annual.split('-').map(Number);
      const result = addMonths(`${year}-${String(mm).padStart(2, '0')}-01`, 0, dd);
      due = result.date;
      const annualNl = `${dd} ${MONTHS_NL[mm - 1]}`;
      summaryCount = `Vaste datum ${annualNl} van het ${n === 1 ? 'jaar' : `${n}e jaar`} na ${startYear}`;
      steps.push({ step: 'anchor', date: yearEnd, text: `Jaar van ${startName}: ${startYear} (einde: ${nl(yearEnd)}).` });
      steps.push({
        step: 'count',
        date: due,
        text: `Vaste datum ${annualNl} in het ${n === 1 ? 'jaar na het jaar' : `${n}e jaar na het jaar`} van ${startName}: ${nl(due)}.`,
      });
      if (result.clamped) {
        steps.push({ step: 'month-rule', date: due, text: `Dag ${dd} bestaat niet in ${monthLabel(due)}: de laatste dag van die maand, ${nl(due)}.` });
      }
      break;
    }
    case 'next-working-day-at': {
      const time = requireTimeOfDay(rule);
      const nth = Math.max(1, n);
      due = addWorkingDays(start, nth);
      const skipped = skippedDays(start, due);
      summaryCount = `${nth === 1 ? 'Eerstvolgende werkdag' : `${nth}e werkdag`} na ${nl(start)}, vóór ${time}`;
      steps.push({
        step: 'count',
        date: due,
        text:
          `${nth === 1 ? 'De eerstvolgende werkdag' : `De ${nth}e werkdag`} na ${nl(start)}` +
          (skipped.length ? ` (overgeslagen: ${skipped.join(', ')})` : '') +
          `: ${dayLabel(due)}, vóór ${time}.`,
      });
      break;
    }
    default:
      throw new DeadlineError('invalid-catalogue', `Rule ${rule.id} has an unknown counting method: ${String(rule.counting)}`);
  }
  if (offset > 0) summaryCount += ` (vertrekpunt: aanleiding ${nl(triggerDate)} + ${days(offset)})`;
  const modifiers: string[] = [];

  // 2. Extensions: before the shift, each one added to the due date computed so far — or, for a rule whose extra days
  //    run from an event (CSR-2: the mediator's reminder, art. 1675/9 §3 Ger.W.), counted from that event's date.
  const extensions = options.extensions ?? [];
  if (extensions.length) {
    const allowed = rule.extension;
    if (!allowed.allowed) {
      throw new DeadlineError('not-extendable', `Rule ${ruleLabel(rule)} cannot be extended`);
    }
    if (extensions.length > allowed.maxTimes) {
      throw new DeadlineError(
        'extension-limit',
        `Rule ${ruleLabel(rule)} can be extended at most ${allowed.maxTimes} time(s); ${extensions.length} extensions given`,
      );
    }
    extensions.forEach((extension, index) => {
      checkExtension(rule, extension, allowed);
      const before = due;
      const decided = `${extension.reason}; beslist door ${extension.decidedBy} op ${nl(extension.decidedOn)}`;
      if (allowed.fromEvent) {
        const from = extension.from as IsoDate;
        // The term that the event follows ended on its last day, moved past a weekend or holiday for a judicial term.
        const termEnd = JUDICIAL.has(rule.counting) ? firstWorkingDayFrom(due) : due;
        if (compareDates(from, termEnd) <= 0) {
          throw new DeadlineError(
            'invalid-extension',
            `The ${allowed.fromEvent} for ${rule.id} (${from}) must come after the end of the term (${termEnd}): ` +
              `the extra days run from a ${allowed.fromEvent} sent once the term has passed`,
          );
        }
        const extra = extension.days as number;
        due = addDays(from, extra);
        monthTerm = null;
        modifiers.push(`${days(extra)} vanaf de ${allowed.fromEvent} van ${nl(from)}`);
        steps.push({
          step: 'extension',
          date: due,
          text:
            `De eerste termijn eindigde op ${dayLabel(before)}` +
            (termEnd !== before ? `, verschoven naar ${dayLabel(termEnd)} (art. 53 Ger.W.)` : '') +
            `. ${upperFirst(allowed.fromEvent)} op ${dayLabel(from)} (${decided}): ` +
            `nog ${days(extra)} vanaf die dag, die zelf niet meetelt: dag ${extra} is ${nl(due)}. Grondslag: ${allowed.basis}.`,
        });
        return;
      }
      const parts: string[] = [];
      if (extension.months) {
        if (monthTerm) {
          // Still a whole-month term: the extension lengthens the count from the start, with the same art. 54 arithmetic.
          monthTerm = { ...monthTerm, count: monthTerm.count + extension.months };
          due = monthTerm.judicial
            ? judicialMonthsEnd(start, monthTerm.count, reading).due
            : addMonths(start, monthTerm.count, parseIsoDate(start).d).date;
          parts.push(months(extension.months));
        } else {
          const result = addMonths(due, extension.months);
          due = result.date;
          parts.push(months(extension.months) + (result.clamped ? ` (dag ${parseIsoDate(before).d} bestaat niet: laatste dag van de maand)` : ''));
        }
      }
      if (extension.days) {
        due = addDays(due, extension.days);
        monthTerm = null;
        parts.push(days(extension.days));
      }
      modifiers.push(`verlengd met ${parts.join(' en ')}`);
      steps.push({
        step: 'extension',
        date: due,
        text:
          `Verlenging ${index + 1} met ${parts.join(' en ')} (${decided}): ${nl(before)} → ${nl(due)}` +
          (monthTerm ? ` (samen ${months(monthTerm.count)} na ${nl(start)})` : '') +
          `. Grondslag: ${allowed.basis}.`,
      });
    });
  }

  // 3. Suspensions: the days of a closed suspension are added once each (overlaps not counted twice), before the shift.
  const suspensions = options.suspensions ?? [];
  let suspendedSince: IsoDate | null = null;
  if (suspensions.length) {
    const allowed = rule.suspension;
    if (!allowed.allowed) {
      throw new DeadlineError('not-suspendable', `Rule ${ruleLabel(rule)} cannot be suspended`);
    }
    suspensions.forEach((s) => checkSuspensionShape(rule, s, triggerDate));
    const sorted = [...suspensions].sort((a, b) => compareDates(a.from, b.from));
    let blockStart: IsoDate | null = null;
    let blockEnd: IsoDate | null = null;
    let added = 0;
    for (const s of sorted) {
      if (compareDates(s.from, due) > 0) {
        throw new DeadlineError(
          'invalid-suspension',
          `A suspension of ${rule.id} cannot start on ${s.from}, after the term has already ended on ${due}`,
        );
      }
      const continuesBlock = blockEnd !== null && compareDates(s.from, addDays(blockEnd, 1)) <= 0;
      const decided = `${s.reason}; beslist door ${s.decidedBy} op ${nl(s.decidedOn)}`;
      if (s.to === null) {
        suspendedSince = continuesBlock && blockStart ? blockStart : s.from;
        steps.push({
          step: 'suspension',
          date: suspendedSince,
          text:
            `De termijn is geschorst sinds ${nl(suspendedSince)} (${decided}) en de schorsing loopt nog: de vervaldag is pas ` +
            `gekend wanneer de schorsing eindigt. Grondslag: ${allowed.basis}.`,
        });
        break;
      }
      const length = daysBetween(s.from, s.to) + 1;
      const overlapping = blockEnd !== null && compareDates(s.from, blockEnd) <= 0;
      const extra = overlapping ? Math.max(0, daysBetween(blockEnd as IsoDate, s.to)) : length;
      if (!continuesBlock) blockStart = s.from;
      blockEnd = blockEnd === null ? s.to : maxDate(blockEnd, s.to);
      const before = due;
      due = addDays(due, extra);
      monthTerm = null;
      added += extra;
      steps.push({
        step: 'suspension',
        date: due,
        text:
          `Schorsing van ${nl(s.from)} tot en met ${nl(s.to)}: ${days(length)}, beide dagen meegeteld` +
          (overlapping ? `; overlapt met een vorige schorsing, dus slechts ${days(extra)} bijgeteld` : '') +
          ` (${decided}): ${nl(before)} + ${days(extra)} = ${nl(due)}. Grondslag: ${allowed.basis}.`,
      });
    }
    if (added > 0) modifiers.push(`geschorst gedurende ${days(added)}`);
  }

  const base: Omit<DeadlineComputation, 'dueDate' | 'dueAt' | 'warningDate' | 'warningAt' | 'suspendedSince' | 'summary'> = {
    ruleId: rule.id,
    ruleVersion: rule.version,
    title: rule.title,
    legalBasis: rule.legalBasis,
    triggerDate,
    judicialMonthEnd: monthEndReading,
    indicative: rule.noForfeitureWithoutNotice !== undefined,
    explanation: steps,
  };

  if (suspendedSince !== null) {
    return {
      ...base,
      dueDate: null,
      consequenceFrom: null,
      dueAt: null,
      warningDate: null,
      warningAt: null,
      suspendedSince,
      summary:
        `${summaryCount}: termijn geschorst sinds ${nl(suspendedSince)}, vervaldag onbekend zolang de schorsing loopt ` +
        `(${rule.legalBasis})${uNote(rule)}`,
    };
  }

  // 4. Art. 53 Ger.W.: a judicial term whose last day is a Saturday, Sunday or legal holiday ends on the next working day.
  let administrativeNote = '';
  if (JUDICIAL.has(rule.counting)) {
    const shifted = firstWorkingDayFrom(due);
    if (shifted !== due) {
      const reasons: string[] = [];
      for (let day = due; compareDates(day, shifted) < 0; day = addDays(day, 1)) reasons.push(`${nl(day)} is ${notWorkingPhrase(day)}`);
      steps.push({
        step: 'shift',
        date: shifted,
        text:
          `De laatste dag valt niet op een werkdag: ${reasons.join(', ')}. De termijn verschuift naar de eerstvolgende ` +
          `werkdag, ${dayLabel(shifted)} (art. 53 Ger.W.).`,
      });
      modifiers.push(`laatste dag ${dayLabel(due)} verschoven naar de eerstvolgende werkdag (art. 53 Ger.W.)`);
      due = shifted;
    }
  } else if (!isWorkingDay(due) && rule.counting !== 'same-day') {
    administrativeNote = ` De vervaldag is ${notWorkingPhrase(due)}; geen verschuiving: dit is geen gerechtelijke termijn.`;
  }

  const time = rule.counting === 'next-working-day-at' ? requireTimeOfDay(rule) : null;
  const dueAt = new Date(time ? instantAt(due, time, timeZone) : endOfDay(due, timeZone)).toISOString();
  const consequenceFrom = rule.consequenceFrom ? addDays(due, 1) : null;
  steps.push({
    step: 'due',
    date: due,
    text:
      (time
        ? `Vervaldag: ${dayLabel(due)}, uiterlijk om ${time} (${timeZone}).`
        : consequenceFrom
          ? `Vervaldag: ${dayLabel(due)}, de laatste dag die nog tijdig is; de termijn loopt af op het einde van die dag (24:00, ${timeZone}).`
          : `Vervaldag: ${dayLabel(due)}; de termijn loopt af op het einde van die dag (24:00, ${timeZone}).`) +
      administrativeNote +
      ` Grondslag: ${rule.legalBasis} (${rule.id}, versie ${rule.version}).` +
      sourceRemark(rule),
  });
  if (consequenceFrom) {
    // The consequence starts the day after the last day on time: "met by" and "lost from" are two named days.
    steps.push({ step: 'consequence', date: consequenceFrom, text: `Vanaf ${dayLabel(consequenceFrom)}: ${rule.consequenceFrom} (${rule.legalBasis}).` });
  }
  if (rule.noForfeitureWithoutNotice) {
    steps.push({
      step: 'consequence',
      date: due,
      text:
        `Indicatieve einddatum: de termijn loopt niet zonder kennisgeving (${rule.noForfeitureWithoutNotice}). Zolang de aanvrager ` +
        `geen beslissing ontving, gaat het beroep na ${nl(due)} niet verloren op deze termijn alleen.`,
    });
  }

  // 5. Warning: at most maxWarningDays before the due date, never before the trigger.
  const configured = Math.max(0, Math.floor(options.warningDays));
  const lead = Math.min(configured, rule.maxWarningDays);
  const wanted = addDays(due, -lead);
  const warningDate = compareDates(wanted, triggerDate) < 0 ? triggerDate : wanted;
  steps.push({
    step: 'warning',
    date: warningDate,
    text:
      `Waarschuwing ${days(lead)} vóór de vervaldag (ingesteld: ${configured}, hoogstens ${rule.maxWarningDays} voor ${rule.id})` +
      (warningDate === wanted ? `: ${nl(warningDate)}.` : `; dat valt vóór de aanleiding, dus op de aanleidingsdatum ${nl(warningDate)}.`),
  });

  const outcome = consequenceFrom
    ? `tijdig uiterlijk ${nl(due)}; vanaf ${nl(consequenceFrom)} ${rule.consequenceFrom}`
    : rule.noForfeitureWithoutNotice
      ? `indicatief tot en met ${nl(due)}; de termijn loopt niet zonder kennisgeving`
      : `uiterlijk ${nl(due)}${time ? ` om ${time}` : ''}`;
  return {
    ...base,
    dueDate: due,
    consequenceFrom,
    dueAt,
    warningDate,
    warningAt: new Date(startOfDay(warningDate, timeZone)).toISOString(),
    suspendedSince: null,
    summary: `${summaryCount}${modifiers.length ? `, ${modifiers.join(', ')}` : ''}: ${outcome} (${rule.legalBasis})${uNote(rule)}`,
  };
}

function uNote(rule: DeadlineRule): string {
  return rule.source === 'U' ? ' [U: onbevestigd, na te kijken]' : '';
}

function sourceRemark(rule: DeadlineRule): string {
  if (rule.source === 'U') return ' Bron [U]: onbevestigd; configuratie om na te kijken met een jurist, geen harde regel.';
  if (rule.source === 'V-sec') return ' Bron [V-sec]: secundaire bron, na te kijken tegen de wettekst.';
  return '';
}

function requireTimeOfDay(rule: DeadlineRule): string {
  if (!rule.timeOfDay || !/^([01]\d|2[0-3]):[0-5]\d$/.test(rule.timeOfDay)) {
    throw new DeadlineError('invalid-catalogue', `Rule ${rule.id} (next-working-day-at) needs timeOfDay 'HH:MM', got ${String(rule.timeOfDay)}`);
  }
  return rule.timeOfDay;
}

function requireAnnualDate(rule: DeadlineRule): string {
  if (!rule.annualDate || !isValidIsoDate(`2000-${rule.annualDate}`)) {
    throw new DeadlineError('invalid-catalogue', `Rule ${rule.id} (annual-date) needs annualDate 'MM-DD', got ${String(rule.annualDate)}`);
  }
  return rule.annualDate;
}

function checkExtension(
  rule: DeadlineRule,
  extension: Extension,
  allowed: Extract<DeadlineRule['extension'], { allowed: true }>,
): void {
  const isCount = (v: unknown) => v === undefined || (Number.isInteger(v) && (v as number) >= 0);
  if (!isCount(extension.days) || !isCount(extension.months) || !(extension.days || extension.months)) {
    throw new DeadlineError('extension-limit', `An extension of ${rule.id} must add a positive whole number of days or months`);
  }
  if (allowed.fromEvent) {
    // CSR-2 (art. 1675/9 §3 Ger.W.): the extra days run from the reminder, so its date is part of the extension.
    if (!isValidIsoDate(extension.from)) {
      throw new DeadlineError('invalid-extension', `An extension of ${rule.id} needs the date of the ${allowed.fromEvent} (from, YYYY-MM-DD): the days run from it`);
    }
    if (extension.months) {
      throw new DeadlineError('extension-limit', `Rule ${ruleLabel(rule)} is extended in days from the ${allowed.fromEvent}, not in months`);
    }
  } else if (extension.from !== undefined) {
    throw new DeadlineError('invalid-extension', `An extension of ${rule.id} runs from the due date, not from a date of its own (from)`);
  }
  if (extension.days) {
    if (allowed.maxDays === undefined && allowed.maxMonths !== undefined) {
      throw new DeadlineError('extension-limit', `Rule ${ruleLabel(rule)} is extended in months (at most ${allowed.maxMonths}), not in days`);
    }
    if (allowed.maxDays !== undefined && extension.days > allowed.maxDays) {
      throw new DeadlineError('extension-limit', `Rule ${ruleLabel(rule)} can be extended by at most ${allowed.maxDays} days; ${extension.days} given`);
    }
  }
  if (extension.months) {
    if (allowed.maxMonths === undefined && allowed.maxDays !== undefined) {
      throw new DeadlineError('extension-limit', `Rule ${ruleLabel(rule)} is extended in days (at most ${allowed.maxDays}), not in months`);
    }
    if (allowed.maxMonths !== undefined && extension.months > allowed.maxMonths) {
      throw new DeadlineError(
        'extension-limit',
        `Rule ${ruleLabel(rule)} can be extended by at most ${allowed.maxMonths} months; ${extension.months} given`,
      );
    }
  }
}

function checkSuspensionShape(rule: DeadlineRule, s: Suspension, triggerDate: IsoDate): void {
  if (!isValidIsoDate(s.from) || (s.to !== null && !isValidIsoDate(s.to))) {
    throw new DeadlineError('invalid-suspension', `A suspension of ${rule.id} needs existing dates YYYY-MM-DD: from ${String(s.from)}, to ${String(s.to)}`);
  }
  if (compareDates(s.from, triggerDate) < 0) {
    throw new DeadlineError('invalid-suspension', `A suspension of ${rule.id} cannot start on ${s.from}, before the trigger date ${triggerDate}`);
  }
  if (s.to !== null && compareDates(s.to, s.from) < 0) {
    throw new DeadlineError('invalid-suspension', `A suspension of ${rule.id} cannot end (${s.to}) before it starts (${s.from})`);
  }
}

/** The version of rule `id` in force on `onDate` (validFrom ≤ onDate ≤ validTo, both inclusive). */
export function findRule(catalogue: DeadlineRule[], id: string, onDate: IsoDate): DeadlineRule {
  if (!isValidIsoDate(onDate)) throw new DeadlineError('invalid-date', `Not an existing date YYYY-MM-DD: ${String(onDate)}`);
  const versions = catalogue.filter((r) => r.id === id);
  const valid = versions.filter(
    (r) => compareDates(r.validFrom, onDate) <= 0 && (r.validTo === null || compareDates(onDate, r.validTo) <= 0),
  );
  if (!valid.length) {
    const known = versions.map((r) => `v${r.version} ${r.validFrom}–${r.validTo ?? ''}`).join(', ');
    throw new DeadlineError('unknown-rule', `No deadline rule ${id} in force on ${onDate}${known ? ` (versions: ${known})` : ''}`);
  }
  return valid.reduce((a, b) => (b.version > a.version ? b : a));
}

/** A catalogue that failed validation; `problems` lists every one of them (the message does too). */
export class InvalidCatalogueError extends DeadlineError {
  constructor(readonly problems: string[]) {
    super('invalid-catalogue', `Invalid deadline catalogue (${problems.length} problem(s)):\n- ${problems.join('\n- ')}`);
  }
}

const RULE_FIELDS = new Set([
  'id', 'version', 'title', 'action', 'trigger', 'procedures', 'legalBasis', 'duration', 'counting', 'timeOfDay', 'annualDate', 'offsetDays',
  'ifMissed', 'consequenceFrom', 'noForfeitureWithoutNotice', 'source', 'sourceNote', 'suspension', 'extension', 'maxWarningDays',
  'validFrom', 'validTo',
]);

/** Checks a catalogue read from JSON; throws InvalidCatalogueError (code 'invalid-catalogue') listing every problem. */
export function validateCatalogue(rules: unknown): DeadlineRule[] {
  if (!Array.isArray(rules)) throw new InvalidCatalogueError(['the catalogue must be an array of rules']);
  const problems: string[] = [];
  rules.forEach((raw: unknown, index) => {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      problems.push(`rule ${index}: not an object`);
      return;
    }
    const r = raw as Record<string, unknown>;
    const where = `rule ${index} (${typeof r.id === 'string' ? r.id : '?'} v${String(r.version ?? '?')})`;
    const problem = (text: string) => problems.push(`${where}: ${text}`);
    const text = (field: string, optional = false) => {
      if (optional && r[field] === undefined) return;
      if (typeof r[field] !== 'string' || (r[field] as string).trim() === '') problem(`${field} must be a non-empty string`);
    };
    const count = (field: string, min: number) => {
      if (!Number.isInteger(r[field]) || (r[field] as number) < min) problem(`${field} must be an integer ≥ ${min}`);
    };

    for (const key of Object.keys(r)) if (!RULE_FIELDS.has(key)) problem(`unknown field ${key}`);
    ['id', 'title', 'action', 'trigger', 'legalBasis', 'ifMissed'].forEach((f) => text(f));
    text('sourceNote', true);
    text('consequenceFrom', true);
    text('noForfeitureWithoutNotice', true);
    count('version', 1);
    count('duration', 0);
    count('maxWarningDays', 0);
    if (r.offsetDays !== undefined) count('offsetDays', 0);
    if (!Array.isArray(r.procedures) || r.procedures.length === 0 || r.procedures.some((p) => typeof p !== 'string' || p === '')) {
      problem('procedures must be a non-empty array of strings');
    }
    if (!COUNTING_METHODS.includes(r.counting as CountingMethod)) {
      problem(`counting must be one of ${COUNTING_METHODS.join(', ')}; got ${String(r.counting)}`);
    }
    if (r.counting === 'next-working-day-at') {
      if (typeof r.timeOfDay !== 'string' || !/^([01]\d|2[0-3]):[0-5]\d$/.test(r.timeOfDay)) problem("timeOfDay 'HH:MM' is required for next-working-day-at");
      if (Number.isInteger(r.duration) && (r.duration as number) < 1) problem('duration must be ≥ 1 (the N-th working day) for next-working-day-at');
    } else if (r.timeOfDay !== undefined) {
      problem('timeOfDay is only used with next-working-day-at');
    }
    if (r.counting === 'annual-date') {
      if (typeof r.annualDate !== 'string' || !/^\d{2}-\d{2}$/.test(r.annualDate) || !isValidIsoDate(`2000-${r.annualDate}`)) {
        problem("annualDate 'MM-DD' is required for annual-date");
      }
      if (Number.isInteger(r.duration) && (r.duration as number) < 1) problem('duration must be ≥ 1 (years after the trigger year) for annual-date');
    } else if (r.annualDate !== undefined) {
      problem('annualDate is only used with annual-date');
    }
    if (!['V', 'V-sec', 'U'].includes(r.source as string)) problem(`source must be V, V-sec or U; got ${String(r.source)}`);

    const suspension = r.suspension as Record<string, unknown> | undefined;
    if (typeof suspension !== 'object' || suspension === null || typeof suspension.allowed !== 'boolean') {
      problem('suspension must be { allowed: false } or { allowed: true, basis }');
    } else if (suspension.allowed && (typeof suspension.basis !== 'string' || suspension.basis.trim() === '')) {
      problem('an allowed suspension needs its legal basis');
    }
    const extension = r.extension as Record<string, unknown> | undefined;
    if (typeof extension !== 'object' || extension === null || typeof extension.allowed !== 'boolean') {
      problem('extension must be { allowed: false } or { allowed: true, basis, maxTimes, maxDays?, maxMonths? }');
    } else if (extension.allowed) {
      if (typeof extension.basis !== 'string' || extension.basis.trim() === '') problem('an allowed extension needs its legal basis');
      if (!Number.isInteger(extension.maxTimes) || (extension.maxTimes as number) < 1) problem('extension.maxTimes must be an integer ≥ 1');
      for (const f of ['maxDays', 'maxMonths']) {
        if (extension[f] !== undefined && (!Number.isInteger(extension[f]) || (extension[f] as number) < 1)) {
          problem(`extension.${f} must be an integer ≥ 1`);
        }
      }
      if (extension.fromEvent !== undefined) {
        if (typeof extension.fromEvent !== 'string' || extension.fromEvent.trim() === '') problem('extension.fromEvent must be a non-empty string');
        if (extension.maxMonths !== undefined) problem('an extension from an event (fromEvent) is in days: maxMonths is not used');
      }
    }

    if (!isValidIsoDate(r.validFrom)) problem(`validFrom must be an existing date YYYY-MM-DD; got ${String(r.validFrom)}`);
    if (r.validTo !== null && !isValidIsoDate(r.validTo)) problem(`validTo must be null or an existing date YYYY-MM-DD; got ${String(r.validTo)}`);
    if (isValidIsoDate(r.validFrom) && isValidIsoDate(r.validTo) && compareDates(r.validTo, r.validFrom) < 0) {
      problem(`validTo ${r.validTo} is before validFrom ${r.validFrom}`);
    }
  });

  // Versions of one id: distinct version numbers, validity periods that do not overlap.
  const byId = new Map<string, Record<string, unknown>[]>();
  for (const raw of rules) {
    if (typeof raw !== 'object' || raw === null || typeof (raw as { id?: unknown }).id !== 'string') continue;
    const r = raw as Record<string, unknown>;
    byId.set(r.id as string, [...(byId.get(r.id as string) ?? []), r]);
  }
  for (const [id, versions] of byId) {
    const numbers = versions.map((v) => v.version);
    numbers.forEach((v, i) => {
      if (numbers.indexOf(v) !== i) problems.push(`${id}: version ${String(v)} appears more than once`);
    });
    const dated = versions
      .filter((v) => isValidIsoDate(v.validFrom) && (v.validTo === null || isValidIsoDate(v.validTo)))
      .sort((a, b) => compareDates(a.validFrom as string, b.validFrom as string));
    for (let i = 1; i < dated.length; i++) {
      const prev = dated[i - 1];
      const next = dated[i];
      if (prev.validTo === null || compareDates(prev.validTo as string, next.validFrom as string) >= 0) {
        problems.push(
          `${id}: v${String(prev.version)} (${String(prev.validFrom)}–${String(prev.validTo ?? '')}) overlaps ` +
            `v${String(next.version)} (from ${String(next.validFrom)})`,
        );
      }
    }
  }

  if (problems.length) throw new InvalidCatalogueError(problems);
  return rules as DeadlineRule[];
}

/** `base` with `overrides` applied: a rule with the same id and version replaces it, any other is added. Validated. */
export function mergeCatalogue(base: DeadlineRule[], overrides: DeadlineRule[]): DeadlineRule[] {
  const merged = [...base];
  for (const override of overrides) {
    const index = merged.findIndex((r) => r.id === override.id && r.version === override.version);
    if (index >= 0) merged[index] = override;
    else merged.push(override);
  }
  return validateCatalogue(merged);
}

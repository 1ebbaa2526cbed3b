/**
 * The deadline engine: one computation of a legal term feeds the timer, the letter, the dashboard and the audit trail
 * (shared/domain/ocmw-procedures.md §0.3). Pure: no Node, no clock, no configuration read here.
 *
 * Order of a computation: base count (per CountingMethod) → extensions → suspensions → art. 53 Ger.W. shift (judicial
 * methods only) → warning. Every step is written down in Dutch so that a person can check it by hand.
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
import { addWorkingDays, firstWorkingDayFrom, isWorkingDay, legalHoliday, nonWorkingReason, weekdayName } from './holidays';
import {
  ComputeOptions,
  CountingMethod,
  DeadlineComputation,
  DeadlineError,
  DeadlineRule,
  ExplanationStep,
  Extension,
  Suspension,
} from './types';

export const DEFAULT_TIME_ZONE = 'Europe/Brussels';

export const COUNTING_METHODS: readonly CountingMethod[] = [
  'same-day',
  'calendar-days',
  'working-days',
  'judicial-days',
  'months',
  'judicial-months',
  'after-month-end',
  'annual-date',
  'next-working-day-at',
];

const JUDICIAL: ReadonlySet<CountingMethod> = new Set(['judicial-days', 'judicial-months']);
const MONTH_BASED: ReadonlySet<CountingMethod> = new Set(['months', 'judicial-months']);

const MONTHS_NL = ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'];

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
const days = (n: number) => plural(n, 'dag', 'dagen');
const months = (n: number) => plural(n, 'maand', 'maanden');
const dayLabel = (date: IsoDate) => `${date} (${weekdayName(date)})`;
const monthLabel = (date: IsoDate) => {
  const { y, m } = parseIsoDate(date);
  return `${MONTHS_NL[m - 1]} ${y}`;
};

/** "een zaterdag" / "Paasmaandag (wettelijke feestdag)": why a day is not a working day, as a phrase after "is". */
function notWorkingPhrase(date: IsoDate): string {
  return legalHoliday(date) ? (nonWorkingReason(date) as string) : `een ${weekdayName(date)}`;
}

/** The non-working days in (from, to), both ends excluded, each with its reason. */
function skippedDays(from: IsoDate, to: IsoDate): string[] {
  const skipped: string[] = [];
  for (let day = addDays(from, 1); compareDates(day, to) < 0; day = addDays(day, 1)) {
    if (!isWorkingDay(day)) skipped.push(`${day} ${nonWorkingReason(day)}`);
  }
  return skipped;
}

/** "Ontvangst van de aanvraag" → "ontvangst van de aanvraag", but "OCMW B …" stays. */
function lowerFirst(text: string): string {
  return /^[A-Z][a-z]/.test(text) ? text[0].toLowerCase() + text.slice(1) : text;
}

function ruleLabel(rule: DeadlineRule): string {
  return `${rule.id} "${rule.title}"`;
}

export function computeDeadline(rule: DeadlineRule, triggerDate: IsoDate, options: ComputeOptions): DeadlineComputation {
  if (!isValidIsoDate(triggerDate)) {
    throw new DeadlineError('invalid-date', `Trigger date for ${rule.id} is not an existing date YYYY-MM-DD: ${String(triggerDate)}`);
  }
  const timeZone = options.timeZone ?? DEFAULT_TIME_ZONE;
  const steps: ExplanationStep[] = [];
  const n = rule.duration;

  steps.push({ step: 'trigger', date: triggerDate, text: `Aanleiding: ${lowerFirst(rule.trigger)}, op ${dayLabel(triggerDate)}.` });

  // 1. Base count, from the trigger or, with offsetDays, from that many days later.
  const offset = rule.offsetDays ?? 0;
  const start = addDays(triggerDate, offset);
  if (offset > 0) {
    steps.push({
      step: 'anchor',
      date: start,
      text: `De telling begint ${plural(offset, 'kalenderdag', 'kalenderdagen')} na de aanleiding: ${triggerDate} + ${days(offset)} = ${dayLabel(start)}.`,
    });
  }
  let due: IsoDate;
  let summaryCount: string;
  /** Art. 54 Ger.W.: the day number that month arithmetic keeps (null once days have been added). */
  let monthDay: number | null = null;
  switch (rule.counting) {
    case 'same-day':
      due = start;
      summaryCount = `Zelfde dag als ${start}`;
      steps.push({ step: 'count', date: due, text: `Termijn: dezelfde dag. De handeling moet gebeuren op de dag van de aanleiding zelf, ${start}.` });
      break;
    case 'calendar-days':
      due = addDays(start, n);
      summaryCount = `${plural(n, 'kalenderdag', 'kalenderdagen')} na ${start}`;
      steps.push({
        step: 'count',
        date: due,
        text:
          `${plural(n, 'kalenderdag', 'kalenderdagen')}, te tellen vanaf de dag na ${start} (dag 1 = ${addDays(start, 1)}): ` +
          `dag ${n} is ${due}. Administratieve termijn: zaterdagen, zondagen en feestdagen tellen mee, geen verschuiving.`,
      });
      break;
    case 'working-days': {
      due = addWorkingDays(start, n);
      summaryCount = `${plural(n, 'werkdag', 'werkdagen')} na ${start}`;
      const skipped = skippedDays(start, due);
      steps.push({
        step: 'count',
        date: due,
        text:
          `${plural(n, 'werkdag', 'werkdagen')} na ${start}, die dag zelf niet meegeteld; zaterdagen, zondagen en wettelijke ` +
          `feestdagen tellen niet mee` +
          (skipped.length ? ` (overgeslagen: ${skipped.join(', ')})` : '') +
          `: de ${n}e werkdag is ${dayLabel(due)}.`,
      });
      break;
    }
    case 'judicial-days':
      due = addDays(start, n);
      summaryCount = `${days(n)} (gerechtelijke termijn) na ${start}`;
      steps.push({
        step: 'count',
        date: due,
        text:
          `${days(n)}, gerechtelijke termijn (art. 52 Ger.W.): de dag van de aanleiding telt niet mee, te tellen vanaf ` +
          `${addDays(start, 1)}; de laatste dag telt mee: dag ${n} is ${due}.`,
      });
      break;
    case 'months':
    case 'judicial-months': {
      const judicial = rule.counting === 'judicial-months';
      monthDay = parseIsoDate(start).d;
      const result = addMonths(start, n, monthDay);
      due = result.date;
      summaryCount = `${months(n)}${judicial ? ' (gerechtelijke termijn)' : ''} na ${start}`;
      steps.push({
        step: 'count',
        date: due,
        text:
          `${months(n)} na ${start}${judicial ? ', gerechtelijke termijn' : ''}: de termijn begint de dag na de aanleiding ` +
          `en wordt gerekend van de zoveelste tot de dag vóór de zoveelste (art. 52 en 54 Ger.W.): dag ${monthDay} van ` +
          `${monthLabel(due)}` +
          (result.clamped ? '.' : ` = ${due}.`) +
          (judicial ? '' : ' Geen verschuiving voor weekend of feestdag.'),
      });
      if (result.clamped) {
        steps.push({
          step: 'month-rule',
          date: due,
          text: `Dag ${monthDay} bestaat niet in ${monthLabel(due)}: de termijn eindigt op de laatste dag van die maand, ${due}.`,
        });
      }
      break;
    }
    case 'after-month-end': {
      const monthEnd = lastDayOfMonth(start);
      due = addDays(monthEnd, n);
      summaryCount = `${days(n)} na het einde van de maand van ${start}`;
      steps.push({ step: 'anchor', date: monthEnd, text: `Einde van de maand van de aanleiding (${monthLabel(start)}): ${monthEnd}.` });
      steps.push({
        step: 'count',
        date: due,
        text:
          `${plural(n, 'kalenderdag', 'kalenderdagen')} na het einde van de maand, te tellen vanaf ${addDays(monthEnd, 1)}: ` +
          `dag ${n} is ${due}. Geen verschuiving voor weekend of feestdag.`,
      });
      break;
    }
    case 'annual-date': {
      const annual = requireAnnualDate(rule);
      const year = parseIsoDate(start).y + n;
      const yearEnd = `${parseIsoDate(start).y}-12-31`;
      const [mm, dd] = annual.split('-').map(Number);
      const result = addMonths(`${year}-${String(mm).padStart(2, '0')}-01`, 0, dd);
      due = result.date;
      summaryCount = `Vaste datum ${annual} van het ${n === 1 ? 'jaar' : `${n}e jaar`} na ${parseIsoDate(start).y}`;
      steps.push({ step: 'anchor', date: yearEnd, text: `Jaar van de aanleiding: ${parseIsoDate(start).y} (einde: ${yearEnd}).` });
      steps.push({
        step: 'count',
        date: due,
        text: `Vaste datum ${annual} in het ${n === 1 ? 'jaar na het jaar' : `${n}e jaar na het jaar`} van de aanleiding: ${due}.`,
      });
      if (result.clamped) {
        steps.push({ step: 'month-rule', date: due, text: `Dag ${dd} bestaat niet in ${monthLabel(due)}: de laatste dag van die maand, ${due}.` });
      }
      break;
    }
    case 'next-working-day-at': {
      const time = requireTimeOfDay(rule);
      const nth = Math.max(1, n);
      due = addWorkingDays(start, nth);
      const skipped = skippedDays(start, due);
      summaryCount = `${nth === 1 ? 'Eerstvolgende werkdag' : `${nth}e werkdag`} na ${start}, vóór ${time}`;
      steps.push({
        step: 'count',
        date: due,
        text:
          `${nth === 1 ? 'De eerstvolgende werkdag' : `De ${nth}e werkdag`} na ${start}` +
          (skipped.length ? ` (overgeslagen: ${skipped.join(', ')})` : '') +
          `: ${dayLabel(due)}, vóór ${time}.`,
      });
      break;
    }
    default:
      throw new DeadlineError('invalid-catalogue', `Rule ${rule.id} has an unknown counting method: ${String(rule.counting)}`);
  }
  if (offset > 0) summaryCount += ` (aanleiding ${triggerDate} + ${days(offset)})`;
  const modifiers: string[] = [];

  // 2. Extensions: before the shift, each one added to the due date computed so far.
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
      const parts: string[] = [];
      if (extension.months) {
        const result = addMonths(due, extension.months, monthDay ?? undefined);
        due = result.date;
        parts.push(months(extension.months) + (result.clamped ? ` (dag ${monthDay ?? parseIsoDate(before).d} bestaat niet: laatste dag van de maand)` : ''));
      }
      if (extension.days) {
        due = addDays(due, extension.days);
        monthDay = null;
        parts.push(days(extension.days));
      }
      modifiers.push(`verlengd met ${parts.join(' en ')}`);
      steps.push({
        step: 'extension',
        date: due,
        text:
          `Verlenging ${index + 1} met ${parts.join(' en ')} (${extension.reason}; beslist door ${extension.decidedBy} op ` +
          `${extension.decidedOn}): ${before} → ${due}. Grondslag: ${allowed.basis}.`,
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
      if (s.to === null) {
        suspendedSince = continuesBlock && blockStart ? blockStart : s.from;
        steps.push({
          step: 'suspension',
          date: suspendedSince,
          text:
            `De termijn is geschorst sinds ${suspendedSince} (${s.reason}; beslist door ${s.decidedBy} op ${s.decidedOn}) en de ` +
            `schorsing loopt nog: de vervaldag is pas gekend wanneer de schorsing eindigt. Grondslag: ${allowed.basis}.`,
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
      monthDay = null;
      added += extra;
      steps.push({
        step: 'suspension',
        date: due,
        text:
          `Schorsing van ${s.from} tot en met ${s.to}: ${days(length)}, beide dagen meegeteld` +
          (overlapping ? `; overlapt met een vorige schorsing, dus slechts ${days(extra)} bijgeteld` : '') +
          ` (${s.reason}; beslist door ${s.decidedBy} op ${s.decidedOn}): ${before} + ${days(extra)} = ${due}. ` +
          `Grondslag: ${allowed.basis}.`,
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
    explanation: steps,
  };

  if (suspendedSince !== null) {
    return {
      ...base,
      dueDate: null,
      dueAt: null,
      warningDate: null,
      warningAt: null,
      suspendedSince,
      summary: `${summaryCount}: termijn geschorst sinds ${suspendedSince}, vervaldag onbekend zolang de schorsing loopt (${rule.legalBasis})${uNote(rule)}`,
    };
  }

  // 4. Art. 53 Ger.W.: a judicial term whose last day is a Saturday, Sunday or legal holiday ends on the next working day.
  let administrativeNote = '';
  if (JUDICIAL.has(rule.counting)) {
    const shifted = firstWorkingDayFrom(due);
    if (shifted !== due) {
      const reasons: string[] = [];
      for (let day = due; compareDates(day, shifted) < 0; day = addDays(day, 1)) reasons.push(`${day} is ${notWorkingPhrase(day)}`);
      steps.push({
        step: 'shift',
        date: shifted,
        text:
          `De laatste dag valt niet op een werkdag: ${reasons.join(', ')}. De termijn verschuift naar de eerstvolgende ` +
          `werkdag, ${dayLabel(shifted)} (art. 53 Ger.W.).`,
      });
      modifiers.push('verschoven naar de eerstvolgende werkdag (art. 53 Ger.W.)');
      due = shifted;
    }
  } else if (!isWorkingDay(due) && rule.counting !== 'same-day') {
    administrativeNote = ` De vervaldag is ${notWorkingPhrase(due)}; geen verschuiving: dit is geen gerechtelijke termijn.`;
  }

  const time = rule.counting === 'next-working-day-at' ? requireTimeOfDay(rule) : null;
  const dueAt = new Date(time ? instantAt(due, time, timeZone) : endOfDay(due, timeZone)).toISOString();
  steps.push({
    step: 'due',
    date: due,
    text:
      (time
        ? `Vervaldag: ${dayLabel(due)}, uiterlijk om ${time} (${timeZone}).`
        : `Vervaldag: ${dayLabel(due)}; de termijn loopt af op het einde van die dag (24:00, ${timeZone}).`) +
      administrativeNote +
      ` Grondslag: ${rule.legalBasis} (${rule.id}, versie ${rule.version}).` +
      sourceRemark(rule),
  });

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
      (warningDate === wanted ? `: ${warningDate}.` : `; dat valt vóór de aanleiding, dus op de aanleidingsdatum ${warningDate}.`),
  });

  return {
    ...base,
    dueDate: due,
    dueAt,
    warningDate,
    warningAt: new Date(startOfDay(warningDate, timeZone)).toISOString(),
    suspendedSince: null,
    summary:
      `${summaryCount}${modifiers.length ? `, ${modifiers.join(', ')}` : ''}: uiterlijk ${due}${time ? ` om ${time}` : ''} ` +
      `(${rule.legalBasis})${uNote(rule)}`,
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
  'ifMissed', 'source', 'sourceNote', 'suspension', 'extension', 'maxWarningDays', 'validFrom', 'validTo',
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

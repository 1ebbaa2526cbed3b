/**
 * v1 of the deadline rules: computed inside the leefloon workflow by dossiers started before the deadline engine
 * (patch "deadline-engine"). Kept unchanged so those dossiers replay; new dossiers use ./engine and ./catalogue.
 */
import { addDays, compareDates, IsoDate } from './calendar-date';

export type DeadlineStatus = 'running' | 'met' | 'at-risk' | 'breached' | 'suspended' | 'cancelled';

/**
 * How a term is counted (shared/domain/ocmw-procedures.md §0.3). v1 knows the administrative term in calendar days,
 * counted from the day after the trigger, without a weekend shift (request 2 March → decision due 1 April).
 * The judicial, month and working-day methods come with the deadline engine.
 */
export type CountingMethod = 'calendar-days';

export interface DeadlineRule {
  id: string;
  title: string;
  legalBasis: string;
  duration: number;
  counting: CountingMethod;
  /** [V] confirmed in a public source, [U] unconfirmed: then the rule is configuration to check. */
  source: 'V' | 'U';
  ifMissed: string;
  suspendable: boolean;
  /** The warning comes at most this many days before the due date, whatever the configured warning days. */
  maxWarningDays: number;
  validFrom: IsoDate;
  validTo: IsoDate | null;
}

/** The catalogue, dated so a change in the law adds a version instead of rewriting history. */
export const DEADLINE_RULES: DeadlineRule[] = [
  {
    id: 'LL-2',
    title: 'Aanvraag doorsturen naar het bevoegde OCMW',
    legalBasis: 'art. 18 §4 RMI-wet; art. 58 §3 OCMW-wet',
    duration: 5,
    counting: 'calendar-days',
    source: 'V',
    ifMissed: 'Het OCMW blijft gehouden de aanvraag te behandelen zolang het niet met redenen heeft doorgestuurd.',
    suspendable: false,
    maxWarningDays: 2,
    validFrom: '2002-10-01',
    validTo: null,
  },
  {
    id: 'LL-3',
    title: 'Beslissing over de aanvraag leefloon',
    legalBasis: 'art. 21 §1 RMI-wet',
    duration: 30,
    counting: 'calendar-days',
    source: 'V',
    ifMissed: 'De aanvrager kan beroep instellen bij de arbeidsrechtbank wegens het uitblijven van een beslissing.',
    suspendable: false,
    maxWarningDays: 14,
    validFrom: '2002-10-01',
    validTo: null,
  },
  {
    id: 'LL-4',
    title: 'Kennisgeving van de beslissing',
    legalBasis: 'art. 21 §3 RMI-wet',
    duration: 8,
    counting: 'calendar-days',
    source: 'V',
    ifMissed: 'De beroepstermijn begint niet te lopen.',
    suspendable: false,
    maxWarningDays: 3,
    validFrom: '2002-10-01',
    validTo: null,
  },
];

export function ruleFor(id: string, triggerDate: IsoDate, rules: DeadlineRule[] = DEADLINE_RULES): DeadlineRule {
  const rule = rules.find(
    (r) => r.id === id && compareDates(r.validFrom, triggerDate) <= 0 && (r.validTo === null || compareDates(triggerDate, r.validTo) <= 0),
  );
  if (!rule) throw new RangeError(`no deadline rule ${id} in force on ${triggerDate}`);
  return rule;
}

export interface ComputedDeadline {
  ruleId: string;
  title: string;
  legalBasis: string;
  triggerDate: IsoDate;
  dueDate: IsoDate;
  warningDate: IsoDate;
  explanation: string;
}

/** One computation feeds the timer, the letter, the dashboard and the audit trail. */
export function computeDeadline(rule: DeadlineRule, triggerDate: IsoDate, warningDays: number): ComputedDeadline {
  const dueDate = addDays(triggerDate, rule.duration);
  const warning = addDays(dueDate, -Math.min(warningDays, rule.maxWarningDays));
  const warningDate = compareDates(warning, triggerDate) < 0 ? triggerDate : warning;
  const explanation =
    `${rule.duration} kalenderdagen na ${triggerDate}, te tellen vanaf de dag erna, zonder verschuiving voor ` +
    `weekend of feestdag: uiterlijk ${dueDate}. Grondslag: ${rule.legalBasis} (${rule.id}).`;
  return { ruleId: rule.id, title: rule.title, legalBasis: rule.legalBasis, triggerDate, dueDate, warningDate, explanation };
}

import * as fs from 'node:fs';
import { DEFAULT_CATALOGUE } from '../deadlines/catalogue';
import { mergeCatalogue, validateCatalogue } from '../deadlines/engine';
import type { DeadlineRule } from '../deadlines/types';

/**
 * The deadline catalogue in force: the built-in rules, corrected or extended by a legal officer's JSON file
 * (OCMW_DEADLINE_RULES_FILE: an array of rules; a rule with the same id and version replaces the built-in one, a new
 * version adds a dated change of the law). [U] rules are meant to be confirmed or corrected this way.
 */
export function loadDeadlineCatalogue(
  file: string | null,
  options: { wet1965FormDays?: number | null; asylumEndOfAidDays?: number | null; counsellingFirstAppointmentDays?: number | null; conflictSaturday?: 'excluded' | 'included' } = {},
): DeadlineRule[] {
  const rules = withRuleDays(
    withRuleDays(withWet1965FormDays(loadRules(file), options.wet1965FormDays ?? null), 'SA-9', options.asylumEndOfAidDays ?? null, 'OCMW_ASYLUM_END_OF_AID_DAYS'),
    'PB-1', options.counsellingFirstAppointmentDays ?? null, 'OCMW_COUNSELLING_FIRST_APPOINTMENT_DAYS',
  );
  return options.conflictSaturday === 'included' ? withSaturdayCounted(rules, ['CO-2', 'CO-3'], 'OCMW_CONFLICT_SATURDAY') : rules;
}

/** The catalogue the configuration sets: the rules file and the [U] terms (the API and the worker load the same). */
export function catalogueOf(config: {
  deadlineRulesFile: string | null; wet1965FormDays: number | null; asylumEndOfAidDays: number | null; counsellingFirstAppointmentDays: number | null; conflictSaturday: 'excluded' | 'included';
}): DeadlineRule[] {
  return loadDeadlineCatalogue(config.deadlineRulesFile, {
    wet1965FormDays: config.wet1965FormDays, asylumEndOfAidDays: config.asylumEndOfAidDays, counsellingFirstAppointmentDays: config.counsellingFirstAppointmentDays, conflictSaturday: config.conflictSaturday,
  });
}

/**
 * [U] working-day terms whose source may mean Monday to Saturday (CO-2, CO-3: "jours ouvrables"): counted with
 * Saturday when the configuration says so, the choice named in the rule's note (and so in every explanation's source).
 */
export function withSaturdayCounted(rules: DeadlineRule[], ruleIds: string[], env: string): DeadlineRule[] {
  return rules.map((r) =>
    ruleIds.includes(r.id) && r.counting === 'working-days'
      ? { ...r, counting: 'working-days-saturday', sourceNote: `${r.sourceNote ?? ''} Zaterdag telt als werkdag (${env}=included).`.trim() }
      : r,
  );
}

/**
 * A [U] term set by configuration (`env`): its duration in every version of the rule, a configured correction in place
 * (the rule's dates stay); unset (null), the catalogue's days (or the rules file's) hold.
 */
export function withRuleDays(rules: DeadlineRule[], ruleId: string, days: number | null, env: string): DeadlineRule[] {
  if (days === null) return rules;
  return rules.map((r) => (r.id === ruleId ? { ...r, duration: days, sourceNote: `${r.sourceNote ?? ''} Termijn ingesteld op ${days} dagen (${env}).`.trim() } : r));
}

/**
 * SA-6 [U] (the Wet 1965 forms A, B1, C to POD MI): OCMW_WET1965_FORM_DAYS sets its term in every version of the rule,
 * a configured correction in place (the rule's dates stay); unset, the catalogue's 45 days (or the rules file's) hold.
 */
export function withWet1965FormDays(rules: DeadlineRule[], days: number | null): DeadlineRule[] {
  return withRuleDays(rules, 'SA-6', days, 'OCMW_WET1965_FORM_DAYS');
}

function loadRules(file: string | null): DeadlineRule[] {
  if (!file) return DEFAULT_CATALOGUE;
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`OCMW_DEADLINE_RULES_FILE: cannot read ${file}: ${err instanceof Error ? err.message : err}`);
  }
  return validateCatalogue(mergeCatalogue(DEFAULT_CATALOGUE, validateCatalogue(raw)));
}

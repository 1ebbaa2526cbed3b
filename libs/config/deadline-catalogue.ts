import * as fs from 'node:fs';
import { DEFAULT_CATALOGUE } from '../deadlines/catalogue';
import { mergeCatalogue, validateCatalogue } from '../deadlines/engine';
import type { DeadlineRule } from '../deadlines/types';

/**
 * The deadline catalogue in force: the built-in rules, corrected or extended by a legal officer's JSON file
 * (OCMW_DEADLINE_RULES_FILE: an array of rules; a rule with the same id and version replaces the built-in one, a new
 * version adds a dated change of the law). [U] rules are meant to be confirmed or corrected this way.
 */
export function loadDeadlineCatalogue(file: string | null, options: { wet1965FormDays?: number | null; asylumEndOfAidDays?: number | null } = {}): DeadlineRule[] {
  return withRuleDays(withWet1965FormDays(loadRules(file), options.wet1965FormDays ?? null), 'SA-9', options.asylumEndOfAidDays ?? null, 'OCMW_ASYLUM_END_OF_AID_DAYS');
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

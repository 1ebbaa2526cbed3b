import * as fs from 'node:fs';
import { DEFAULT_CATALOGUE } from '../deadlines/catalogue';
import { mergeCatalogue, validateCatalogue } from '../deadlines/engine';
import type { DeadlineRule } from '../deadlines/types';

/**
 * The deadline catalogue in force: the built-in rules, corrected or extended by a legal officer's JSON file
 * (OCMW_DEADLINE_RULES_FILE: an array of rules; a rule with the same id and version replaces the built-in one, a new
 * version adds a dated change of the law). [U] rules are meant to be confirmed or corrected this way.
 */
export function loadDeadlineCatalogue(file: string | null): DeadlineRule[] {
  if (!file) return DEFAULT_CATALOGUE;
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`OCMW_DEADLINE_RULES_FILE: cannot read ${file}: ${err instanceof Error ? err.message : err}`);
  }
  return validateCatalogue(mergeCatalogue(DEFAULT_CATALOGUE, validateCatalogue(raw)));
}

import { readJsonFile } from './json-file';
import { DEFAULT_LEEFLOON_AMOUNTS, LeefloonAmountTable, mergeAmountTables, validateAmountTable } from '../payments/amounts';

/**
 * The leefloon amounts in force: the built-in dated table (§1.3), corrected or extended by a legal officer's JSON file
 * (OCMW_LEEFLOON_AMOUNTS_FILE: an array of rows {validFrom, amountsCents: {"1","2","3"}, source, reference}; a row with
 * the same validFrom replaces the built-in one, a new validFrom adds an indexation). Validated at start.
 */
export function loadLeefloonAmounts(file: string | null): LeefloonAmountTable {
  if (!file) return DEFAULT_LEEFLOON_AMOUNTS;
  const raw = readJsonFile(file, 'OCMW_LEEFLOON_AMOUNTS_FILE');
  return mergeAmountTables(DEFAULT_LEEFLOON_AMOUNTS, validateAmountTable(raw));
}

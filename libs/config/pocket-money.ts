import { loadCheckedJsonFile } from './json-file';
import { DEFAULT_POCKET_MONEY, PocketMoneyVersion, validatePocketMoney } from '../domain/placement-costs';

/**
 * The legal minimum pocket money in force: the OCMW's JSON file (OCMW_POCKET_MONEY_FILE, an array of versions as
 * PocketMoneyVersion), which replaces the built-in one; validated at start (a bad file stops the process with every
 * problem named).
 */
export function loadPocketMoney(file: string | null): readonly PocketMoneyVersion[] {
  return loadCheckedJsonFile<readonly PocketMoneyVersion[]>(file, 'OCMW_POCKET_MONEY_FILE', DEFAULT_POCKET_MONEY, validatePocketMoney);
}

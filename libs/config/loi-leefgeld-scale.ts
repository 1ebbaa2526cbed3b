import { loadCheckedJsonFile, readJsonFile } from './json-file';
import { DEFAULT_LOI_CLAIM_RATES, LoiClaimRates } from '../domain/loi-claim';
import { DEFAULT_LOI_LEEFGELD_SCALE, LoiLeefgeldScale, validateLoiLeefgeldScale } from '../payments/loi-leefgeld';

/**
 * The LOI leefgeld scale in force: the OCMW's own JSON file (OCMW_LOI_LEEFGELD_SCALE_FILE: an array of versions
 * `{validFrom, selfCatering: {adultCents, minor12To17Cents, childUnder12Cents}, catered: {…}}`), which replaces the
 * indicative built-in one; validated at start (a bad file stops the worker with every problem named).
 */
export function loadLoiLeefgeldScale(file: string | null): readonly LoiLeefgeldScale[] {
  return loadCheckedJsonFile<readonly LoiLeefgeldScale[]>(file, 'OCMW_LOI_LEEFGELD_SCALE_FILE', DEFAULT_LOI_LEEFGELD_SCALE, validateLoiLeefgeldScale);
}

/**
 * Fedasil's dated rates for the monthly claim (OCMW_LOI_CLAIM_RATES_FILE: an array of
 * `{validFrom, occupiedCents, freePercent, suspendedPercent}`), replacing the placeholder ones ([U]).
 */
export function loadLoiClaimRates(file: string | null): readonly LoiClaimRates[] {
  if (!file) return DEFAULT_LOI_CLAIM_RATES;
  const raw = readJsonFile(file, 'OCMW_LOI_CLAIM_RATES_FILE');
  const ok = Array.isArray(raw) && raw.length > 0 && raw.every((r) =>
    typeof r?.validFrom === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(r.validFrom) &&
    [r.occupiedCents, r.freePercent, r.suspendedPercent].every((n) => Number.isInteger(n) && n >= 0) && r.freePercent <= 100 && r.suspendedPercent <= 100);
  if (!ok) throw new Error(`OCMW_LOI_CLAIM_RATES_FILE ${file}: an array of {validFrom YYYY-MM-DD, occupiedCents, freePercent, suspendedPercent} (non-negative integers, percents at most 100)`);
  return raw as LoiClaimRates[];
}

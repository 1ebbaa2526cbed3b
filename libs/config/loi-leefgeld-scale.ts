import * as fs from 'node:fs';
import { DEFAULT_LOI_LEEFGELD_SCALE, LoiLeefgeldScale, validateLoiLeefgeldScale } from '../payments/loi-leefgeld';

/**
 * The LOI leefgeld scale in force: the OCMW's own JSON file (OCMW_LOI_LEEFGELD_SCALE_FILE: an array of versions
 * `{validFrom, selfCatering: {adultCents, minor12To17Cents, childUnder12Cents}, catered: {…}}`), which replaces the
 * indicative built-in one; validated at start (a bad file stops the worker with every problem named).
 */
export function loadLoiLeefgeldScale(file: string | null): readonly LoiLeefgeldScale[] {
  if (!file) return DEFAULT_LOI_LEEFGELD_SCALE;
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`OCMW_LOI_LEEFGELD_SCALE_FILE: cannot read ${file}: ${err instanceof Error ? err.message : err}`);
  }
  const problems = validateLoiLeefgeldScale(raw);
  if (problems.length > 0) throw new Error(`OCMW_LOI_LEEFGELD_SCALE_FILE ${file}: ${problems.join('; ')}`);
  return raw as LoiLeefgeldScale[];
}

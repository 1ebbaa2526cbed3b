import { loadCheckedJsonFile } from './json-file';
import { DEFAULT_HEATING_SCALES, HeatingScale, validateHeatingScales } from '../domain/heating-allowance';

/**
 * The heating allowance scale in force: the OCMW's JSON file (OCMW_HEATING_SCALE_FILE, an array of versions as
 * HeatingScale), which replaces the built-in one; validated at start (a bad file stops the process with every problem
 * named).
 */
export function loadHeatingScales(file: string | null): readonly HeatingScale[] {
  return loadCheckedJsonFile<readonly HeatingScale[]>(file, 'OCMW_HEATING_SCALE_FILE', DEFAULT_HEATING_SCALES, validateHeatingScales);
}

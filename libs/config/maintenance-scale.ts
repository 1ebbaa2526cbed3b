import { loadCheckedJsonFile } from './json-file';
import { DEFAULT_MAINTENANCE_SCALE, MaintenanceScaleVersion, validateMaintenanceScale } from '../domain/maintenance-contribution';

/**
 * The uniform scale of the maintenance debtors' contribution in force (art. 98 §2 OCMW-wet): the OCMW's JSON file
 * (OCMW_MAINTENANCE_SCALE_FILE, an array of versions as MaintenanceScaleVersion), which replaces the built-in [U]
 * placeholder; validated at start (a bad file stops the process with every problem named).
 */
export function loadMaintenanceScale(file: string | null): readonly MaintenanceScaleVersion[] {
  return loadCheckedJsonFile<readonly MaintenanceScaleVersion[]>(file, 'OCMW_MAINTENANCE_SCALE_FILE', DEFAULT_MAINTENANCE_SCALE, validateMaintenanceScale);
}

import * as fs from 'node:fs';
import { DEMO_OCMW_DIRECTORY, OcmwEntry, parseOcmwDirectory } from '../domain/ocmw-directory';

/**
 * The OCMW directory in force: the OCMW's import file (OCMW_DIRECTORY_FILE, CSV nisCode;name;address;enterpriseNumber),
 * else the demo list. A bad file stops the process with every problem named by its line.
 */
export function loadOcmwDirectory(file: string | null): readonly OcmwEntry[] {
  if (!file) return DEMO_OCMW_DIRECTORY;
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new Error(`OCMW_DIRECTORY_FILE: cannot read ${file}: ${err instanceof Error ? err.message : err}`);
  }
  const parsed = parseOcmwDirectory(text);
  if ('problems' in parsed) throw new Error(`OCMW_DIRECTORY_FILE ${file}: ${parsed.problems.join('; ')}`);
  return parsed.entries;
}

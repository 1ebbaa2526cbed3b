import * as fs from 'node:fs';
import { DEMO_OCMW_DIRECTORY, OcmwEntry, ocmwDirectory, parseOcmwDirectory } from '../domain/ocmw-directory';

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

const loaded = new Map<string, ReturnType<typeof ocmwDirectory>>();

/** The directory in force for `config`, read once per file (the API and the worker read it at start: a bad file stops them). */
export function ocmwDirectoryOf(config: { ocmwDirectoryFile: string | null }): ReturnType<typeof ocmwDirectory> {
  const key = config.ocmwDirectoryFile ?? '';
  let directory = loaded.get(key);
  if (!directory) {
    directory = ocmwDirectory(loadOcmwDirectory(config.ocmwDirectoryFile));
    loaded.set(key, directory);
  }
  return directory;
}

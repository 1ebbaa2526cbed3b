import * as fs from 'node:fs';

/** A configuration file's JSON, or an error that names its environment variable and the file. */
export function readJsonFile(file: string, envName: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`${envName}: cannot read ${file}: ${err instanceof Error ? err.message : err}`);
  }
}

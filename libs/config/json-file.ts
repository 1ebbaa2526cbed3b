import * as fs from 'node:fs';

/** A configuration file's JSON, or an error that names its environment variable and the file. */
export function readJsonFile(file: string, envName: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`${envName}: cannot read ${file}: ${err instanceof Error ? err.message : err}`);
  }
}

/**
 * A configuration file that replaces a built-in value: absent, `fallback`; present, its JSON once `validate` finds no
 * problem (else an error naming the variable, the file and every problem: a bad file stops the start).
 */
export function loadCheckedJsonFile<T>(file: string | null, envName: string, fallback: T, validate: (raw: unknown) => string[]): T {
  if (!file) return fallback;
  const raw = readJsonFile(file, envName);
  const problems = validate(raw);
  if (problems.length > 0) throw new Error(`${envName} ${file}: ${problems.join('; ')}`);
  return raw as T;
}

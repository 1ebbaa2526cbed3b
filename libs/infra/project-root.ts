import * as fs from 'node:fs';
import * as path from 'node:path';

/** The repository root, found from this file both in the sources (ts-jest) and in dist/ (compiled). */
export function projectRoot(): string {
  let dir = __dirname;
  while (dir !== path.dirname(dir)) {
    // The repository (workflows/ beside package.json), or an installed image (only dist/ beside it).
    if (fs.existsSync(path.join(dir, 'package.json')) && (fs.existsSync(path.join(dir, 'workflows')) || fs.existsSync(path.join(dir, 'dist')))) return dir;
    dir = path.dirname(dir);
  }
  throw new Error(`cannot find the ocmw-flow project root above ${__dirname}`);
}

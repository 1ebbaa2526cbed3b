import * as fs from 'node:fs';
import * as path from 'node:path';
import { generatedValidatorModules } from './generated-validators';

/**
 * `npm run generate:validators`: writes the Ajv standalone validators the workflows import (task outcomes) from their
 * schemas. Run it after changing a task kind's outcomeSchema; `test/libs/validation/standalone.test.ts` fails until then.
 */
for (const { file, source } of generatedValidatorModules()) {
  const text = source();
  const before = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  if (before === text) {
    console.log(`${path.relative(process.cwd(), file)} is up to date`);
  } else {
    fs.writeFileSync(file, text);
    console.log(`${path.relative(process.cwd(), file)} written`);
  }
}

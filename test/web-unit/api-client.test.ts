import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { execFileSync } from 'node:child_process';

const ROOT = path.resolve(__dirname, '../..');
const COMMITTED = path.join(ROOT, 'apps/web/src/api/schema.d.ts');

/** The web app's API types are generated from the API's OpenAPI document: screens and API cannot drift apart. */
describe('the web app\'s generated API client', () => {
  it('is what openapi-typescript makes of the current API (npm run build first)', () => {
    if (!fs.existsSync(path.join(ROOT, 'dist/apps/cli/openapi.js'))) throw new Error('dist/apps/cli/openapi.js missing: run `npm run build` first');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ocmw-client-'));
    try {
      const fresh = path.join(dir, 'schema.d.ts');
      execFileSync(process.execPath, [path.join(ROOT, 'scripts/generate-api-client.js'), fresh]);
      const same = fs.readFileSync(fresh, 'utf8') === fs.readFileSync(COMMITTED, 'utf8');
      if (!same) throw new Error('apps/web/src/api/schema.d.ts differs from the API\'s OpenAPI document: run `npm run generate:api-client` and commit it');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

// `npm run generate:api-client` (after `npm run build`): the web app's API types, apps/web/src/api/schema.d.ts, from
// the OpenAPI document the compiled app builds (dist/apps/cli/openapi.js), by openapi-typescript. Commit the result;
// test/web-unit/api-client.test.ts fails when it no longer matches the API. `node scripts/generate-api-client.js OUT`
// writes elsewhere (the test does).
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const out = path.resolve(process.argv[2] ?? path.join(root, 'apps/web/src/api/schema.d.ts'));
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ocmw-openapi-'));
try {
  const doc = path.join(dir, 'openapi.json');
  fs.writeFileSync(doc, execFileSync(process.execPath, [path.join(root, 'dist/apps/cli/openapi.js')], { maxBuffer: 64 * 1024 * 1024 }));
  execFileSync(process.execPath, [path.join(root, 'node_modules/openapi-typescript/bin/cli.js'), doc, '-o', out], { stdio: ['ignore', 'ignore', 'inherit'] });
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}

import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const PUBLIC = path.resolve(__dirname, '../../apps/web/public');

/**
 * The web app's scripts have no build step, so nothing else parses them before a browser does: two merges that each
 * declared the same helper (`dateNl`) left a module the browser refuses as a whole (a blank app). Each script is
 * parsed here as the ES module the page loads it as (`node --check` on an .mjs copy), without running it.
 */
describe('web app scripts parse', () => {
  const scripts = fs.readdirSync(PUBLIC).filter((f) => f.endsWith('.js'));

  it.each(scripts)('%s is a valid ES module', (file) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'web-syntax-'));
    try {
      const copy = path.join(dir, `${path.basename(file, '.js')}.mjs`);
      fs.copyFileSync(path.join(PUBLIC, file), copy);
      let error = '';
      try {
        execFileSync(process.execPath, ['--check', copy], { stdio: 'pipe' });
      } catch (err) {
        error = String((err as { stderr?: Buffer }).stderr ?? err);
      }
      expect(error).toBe('');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/**
 * A temporary folder for configuration files a test writes (removed after the describe block): `write(name,
 * content)` gives the file's path. Call inside a describe.
 */
export function tempFiles(prefix: string): { write: (name: string, content: string) => string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `${prefix}-`));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  return {
    write: (name, content) => {
      const file = path.join(dir, name);
      fs.writeFileSync(file, content);
      return file;
    },
  };
}

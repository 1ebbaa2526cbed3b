import { execFile } from 'node:child_process';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');

// pdf-parse (pdf.js) loads its worker with a dynamic import(), which Jest's module sandbox refuses without
// --experimental-vm-modules: the text is read in a plain Node process instead.
const SCRIPT = `
const { PDFParse } = require('pdf-parse');
const chunks = [];
process.stdin.on('data', (c) => chunks.push(c));
process.stdin.on('end', async () => {
  const parser = new PDFParse({ data: new Uint8Array(Buffer.concat(chunks)) });
  try { process.stdout.write((await parser.getText()).text); } finally { await parser.destroy(); }
});`;

/** The text of a PDF as pdf-parse reads it, whitespace (line breaks of the layout) collapsed to single spaces. */
export function pdfText(pdf: Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(process.execPath, ['-e', SCRIPT], { cwd: ROOT, maxBuffer: 20 * 1024 * 1024, encoding: 'utf8' }, (err, stdout, stderr) => {
      if (err) reject(new Error(`pdf-parse failed: ${err.message}\n${stderr}`));
      else resolve(stdout.replace(/\s+/g, ' '));
    });
    child.stdin!.end(pdf);
  });
}

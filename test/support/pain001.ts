import * as fs from 'node:fs';
import * as path from 'node:path';
import { validateXML } from 'xmllint-wasm';

const XSD = path.resolve(__dirname, '../fixtures/iso20022/pain.001.001.09.xsd');

/** Validates a payment file against the EPC 2023 pain.001.001.09 schema with real libxml2 (wasm): its errors, or []. */
export async function pain001SchemaErrors(xml: string): Promise<string[]> {
  const result = await validateXML({
    xml: [{ fileName: 'batch.xml', contents: xml }],
    schema: [{ fileName: 'pain.001.001.09.xsd', contents: fs.readFileSync(XSD, 'utf8') }],
  });
  return result.valid ? [] : result.errors.map((e) => e.rawMessage);
}

/**
 * The OCMWs of Belgium as the competence capability names them (libs/domain/competence.ts): by the NIS code of their
 * municipality, with the name, the address letters go to and the enterprise number (KBO) forms to POD MI carry. The
 * full list cannot be fetched here: an OCMW imports it (OCMW_DIRECTORY_FILE, the CSV format below); without one the
 * small demo list holds a few Flemish municipalities (their NIS codes are real; the addresses are placeholders and the
 * enterprise numbers left empty — demo data, not to be sent). Pure.
 *
 * Import format: UTF-8 CSV, `;`-separated, a header line `nisCode;name;address;enterpriseNumber` (that order), one
 * OCMW a line; the address in one field with its lines separated by `, `; the enterprise number as 0123.456.789 (or
 * empty). Every problem is reported with its line number; one bad line refuses the file.
 */
export interface OcmwEntry {
  nisCode: string;
  name: string;
  address: string;
  enterpriseNumber: string | null;
}

export const DEMO_OCMW_DIRECTORY: readonly OcmwEntry[] = [
  { nisCode: '44021', name: 'OCMW Gent', address: 'Marktplein 1, 9000 Gent', enterpriseNumber: null },
  { nisCode: '11002', name: 'OCMW Antwerpen', address: 'Demostraat 1, 2000 Antwerpen', enterpriseNumber: null },
  { nisCode: '21004', name: 'OCMW Brussel', address: 'Demostraat 1, 1000 Brussel', enterpriseNumber: null },
  { nisCode: '24062', name: 'OCMW Leuven', address: 'Demostraat 1, 3000 Leuven', enterpriseNumber: null },
  { nisCode: '31005', name: 'OCMW Brugge', address: 'Demostraat 1, 8000 Brugge', enterpriseNumber: null },
  { nisCode: '12025', name: 'OCMW Mechelen', address: 'Demostraat 1, 2800 Mechelen', enterpriseNumber: null },
  { nisCode: '41002', name: 'OCMW Aalst', address: 'Demostraat 1, 9300 Aalst', enterpriseNumber: null },
  { nisCode: '34022', name: 'OCMW Kortrijk', address: 'Demostraat 1, 8500 Kortrijk', enterpriseNumber: null },
  { nisCode: '71022', name: 'OCMW Hasselt', address: 'Demostraat 1, 3500 Hasselt', enterpriseNumber: null },
  { nisCode: '46021', name: 'OCMW Sint-Niklaas', address: 'Demostraat 1, 9100 Sint-Niklaas', enterpriseNumber: null },
];

/** A Belgian enterprise number: ten digits, the last two 97 minus the first eight modulo 97. */
export function validEnterpriseNumber(value: string): boolean {
  const digits = value.replace(/[.\s]/g, '');
  if (!/^[01]\d{9}$/.test(digits)) return false;
  return 97 - (Number(digits.slice(0, 8)) % 97) === Number(digits.slice(8));
}

const HEADER = ['nisCode', 'name', 'address', 'enterpriseNumber'];

/** The entries of an import file, or every problem in it (English, with the line number). */
export function parseOcmwDirectory(csv: string): { entries: OcmwEntry[] } | { problems: string[] } {
  const lines = csv.replace(/^\uFEFF/, '').split(/\r?\n/);
  const problems: string[] = [];
  const header = (lines[0] ?? '').split(';').map((h) => h.trim());
  if (header.join(';') !== HEADER.join(';')) return { problems: [`line 1: the header must be ${HEADER.join(';')}`] };
  const entries: OcmwEntry[] = [];
  const seen = new Map<string, number>();
  lines.slice(1).forEach((line, i) => {
    const n = i + 2;
    if (line.trim() === '') return;
    const cells = line.split(';').map((c) => c.trim());
    if (cells.length !== HEADER.length) return void problems.push(`line ${n}: ${HEADER.length} fields expected, ${cells.length} found`);
    const [nisCode, name, address, enterpriseNumber] = cells;
    if (!/^\d{5}$/.test(nisCode)) problems.push(`line ${n}: nisCode must be 5 digits, got "${nisCode}"`);
    if (name === '') problems.push(`line ${n}: name is empty`);
    if (address === '') problems.push(`line ${n}: address is empty`);
    if (enterpriseNumber !== '' && !validEnterpriseNumber(enterpriseNumber)) problems.push(`line ${n}: enterpriseNumber "${enterpriseNumber}" is not a valid Belgian enterprise number`);
    const before = seen.get(nisCode);
    if (before !== undefined) problems.push(`line ${n}: nisCode ${nisCode} is on line ${before} already`);
    seen.set(nisCode, n);
    entries.push({ nisCode, name, address, enterpriseNumber: enterpriseNumber === '' ? null : enterpriseNumber });
  });
  if (problems.length > 0) return { problems };
  if (entries.length === 0) return { problems: ['the file lists no OCMW'] };
  return { entries };
}

/** The directory as a lookup by NIS code. */
export function ocmwDirectory(entries: readonly OcmwEntry[]): { get(nisCode: string): OcmwEntry | undefined; all: readonly OcmwEntry[] } {
  const byNis = new Map(entries.map((e) => [e.nisCode, e]));
  return { get: (nisCode) => byNis.get(nisCode), all: entries };
}

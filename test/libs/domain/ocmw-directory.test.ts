import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadOcmwDirectory } from '../../../libs/config/ocmw-directory';
import { loadConfig } from '../../../libs/config/config';
import { DEMO_OCMW_DIRECTORY, ocmwDirectory, parseOcmwDirectory, validEnterpriseNumber } from '../../../libs/domain/ocmw-directory';

describe('the OCMW directory (competence)', () => {
  it('checks an enterprise number by its modulo-97 check digits', () => {
    // 0200.065.765 (an example whose check digits are right: 97 - 2000657 % 97 = 65).
    expect(validEnterpriseNumber('0200.065.765')).toBe(true);
    expect(validEnterpriseNumber('0200.065.764')).toBe(false);
    expect(validEnterpriseNumber('2200.065.765')).toBe(false);
    expect(validEnterpriseNumber('0200.065')).toBe(false);
  });

  it('reads an import file: header, one OCMW a line, an empty enterprise number allowed', () => {
    const file = '\uFEFFnisCode;name;address;enterpriseNumber\r\n44021;OCMW Gent;Onderbergen 86, 9000 Gent;0200.065.765\r\n11002;OCMW Antwerpen;Lange Gasthuisstraat 39, 2000 Antwerpen;\r\n\r\n';
    const parsed = parseOcmwDirectory(file);
    expect(parsed).toEqual({
      entries: [
        { nisCode: '44021', name: 'OCMW Gent', address: 'Onderbergen 86, 9000 Gent', enterpriseNumber: '0200.065.765' },
        { nisCode: '11002', name: 'OCMW Antwerpen', address: 'Lange Gasthuisstraat 39, 2000 Antwerpen', enterpriseNumber: null },
      ],
    });
  });

  it('refuses a file with every problem named by its line', () => {
    const file = 'nisCode;name;address;enterpriseNumber\n4402;OCMW Gent;Markt 1;0200.065.764\n44021;;Markt 1;\n44021;OCMW Gent;;\n11002;too;few';
    expect(parseOcmwDirectory(file)).toEqual({
      problems: [
        'line 2: nisCode must be 5 digits, got "4402"',
        'line 2: enterpriseNumber "0200.065.764" is not a valid Belgian enterprise number',
        'line 3: name is empty',
        'line 4: address is empty',
        'line 4: nisCode 44021 is on line 3 already',
        'line 5: 4 fields expected, 3 found',
      ],
    });
    expect(parseOcmwDirectory('nis;naam\n')).toEqual({ problems: ['line 1: the header must be nisCode;name;address;enterpriseNumber'] });
    expect(parseOcmwDirectory('nisCode;name;address;enterpriseNumber\n')).toEqual({ problems: ['the file lists no OCMW'] });
  });

  it('the demo list has unique five-digit NIS codes and no enterprise numbers (demo data is never sent)', () => {
    const dir = ocmwDirectory(DEMO_OCMW_DIRECTORY);
    expect(new Set(DEMO_OCMW_DIRECTORY.map((e) => e.nisCode)).size).toBe(DEMO_OCMW_DIRECTORY.length);
    expect(DEMO_OCMW_DIRECTORY.every((e) => /^\d{5}$/.test(e.nisCode) && e.enterpriseNumber === null)).toBe(true);
    expect(dir.get('44021')?.name).toBe('OCMW Gent');
    expect(dir.get('99999')).toBeUndefined();
  });

  it('loads OCMW_DIRECTORY_FILE, refuses a bad one with its problems, and falls back on the demo list without one', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ocmw-dir-'));
    const good = path.join(dir, 'good.csv');
    fs.writeFileSync(good, 'nisCode;name;address;enterpriseNumber\n44021;OCMW Gent;Onderbergen 86, 9000 Gent;\n');
    expect(loadOcmwDirectory(good)).toEqual([{ nisCode: '44021', name: 'OCMW Gent', address: 'Onderbergen 86, 9000 Gent', enterpriseNumber: null }]);
    const bad = path.join(dir, 'bad.csv');
    fs.writeFileSync(bad, 'nisCode;name;address;enterpriseNumber\nx;OCMW;Markt 1;\n');
    expect(() => loadOcmwDirectory(bad)).toThrow(/OCMW_DIRECTORY_FILE .*line 2: nisCode must be 5 digits/);
    expect(loadOcmwDirectory(null)).toBe(DEMO_OCMW_DIRECTORY);
    expect(loadConfig({ OCMW_DIRECTORY_FILE: good }).ocmwDirectoryFile).toBe(good);
    expect(() => loadConfig({ OCMW_DIRECTORY_FILE: path.join(dir, 'missing.csv') })).toThrow(/OCMW_DIRECTORY_FILE/);
  });
});

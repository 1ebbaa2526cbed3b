import { dutchNumber, exportFormat, toCsv } from '../../apps/api/figures/figure-table';

describe('figure exports (unit)', () => {
  it('chooses the format from ?format, else Accept, else JSON', () => {
    expect(exportFormat('xlsx', 'text/csv')).toBe('xlsx');
    expect(exportFormat(undefined, 'text/csv')).toBe('csv');
    expect(exportFormat(undefined, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')).toBe('xlsx');
    expect(exportFormat(undefined, 'application/json, */*')).toBe('json');
    expect(exportFormat(undefined, undefined)).toBe('json');
  });

  it('writes Dutch numbers and quotes a cell holding ; or "', () => {
    expect([dutchNumber(1234567), dutchNumber(-12), dutchNumber(50, 1)]).toEqual(['1.234.567', '-12', '50,0']);
    const csv = toCsv({ fileName: 'x', sheet: 'X', columns: [{ key: 'a', header: 'Naam; voluit', kind: 'text' }, { key: 'b', header: 'Aantal', kind: 'integer' }], rows: [{ a: 'De "Kaai"', b: 1000 }, { a: null, b: null }] });
    expect(csv.toString('utf8')).toBe('\uFEFF"Naam; voluit";Aantal\r\n"De ""Kaai""";1.000\r\n;\r\n');
  });

  it('writes an amount in cents as euros the Dutch way', () => {
    const csv = toCsv({ fileName: 'x', sheet: 'X', columns: [{ key: 'c', header: 'Bedrag', kind: 'cents' }], rows: [{ c: 131_420 }, { c: 5 }, { c: -24_000 }] });
    expect(csv.toString('utf8')).toBe('\uFEFFBedrag\r\n1.314,20\r\n0,05\r\n-240,00\r\n');
  });
});

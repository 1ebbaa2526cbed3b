import {
  amountFor,
  DEFAULT_LEEFLOON_AMOUNTS,
  euro,
  InvalidAmountTableError,
  LeefloonAmountRow,
  mergeAmountTables,
  monthlyLeefloon,
  validateAmountTable,
} from '../../../libs/payments/amounts';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadLeefloonAmounts } from '../../../libs/config/leefloon-amounts';

const table = DEFAULT_LEEFLOON_AMOUNTS;

describe('leefloon amounts (dated configuration, §1.3)', () => {
  it.each([
    // [category, month, cents]: the amount in force on the 1st of the month applies to the whole month
    [1, '2021-01', 65645],
    [2, '2022-10', 98468],
    [2, '2022-11', 116070],
    [3, '2022-12', 156862],
    [1, '2023-01', 80942],
    [2, '2024-04', 121413], // the day before the indexation of 1 May 2024
    [2, '2024-05', 128846], // an indexation mid-year: from May on
    [3, '2024-05', 174129],
    [2, '2025-01', 128846],
    [1, '2025-02', 87613],
    [2, '2025-02', 131420],
    [3, '2026-03', 177607], // the most recent row stays in force until a newer one is configured
  ] as const)('category %i in %s: %i cents', (category, month, cents) => {
    expect(amountFor(table, category, month)).toBe(cents);
  });

  it('refuses a month before the table and a malformed month or category', () => {
    expect(() => amountFor(table, 2, '2020-12')).toThrow(/no leefloon amount is configured for 2020-12/);
    expect(() => amountFor(table, 2, '2026-13')).toThrow(/not a month/);
    expect(() => amountFor(table, 4 as never, '2026-01')).toThrow(/category/);
  });

  it('marks every built-in row with its source status', () => {
    expect(table.map((r) => [r.validFrom, r.source])).toEqual([
      ['2021-01-01', 'V'],
      ['2022-11-01', 'V'],
      ['2023-01-01', 'V-sec'],
      ['2024-05-01', 'V-sec'],
      ['2025-02-01', 'V-sec'],
    ]);
  });

  it('subtracts the resources and explains it in Dutch for the decision letter', () => {
    const result = monthlyLeefloon({ category: 2, monthlyResourcesCents: 20_000, month: '2026-03', table });
    expect(result).toMatchObject({ amountCents: 111_420, categoryAmountCents: 131_420, resourcesCents: 20_000 });
    expect(result.computation).toBe(
      'Leefloon maart 2026, categorie 2 (alleenstaande), bedrag geldig vanaf 1 februari 2025: € 1.314,20 min bestaansmiddelen € 200,00 = € 1.114,20 per maand.',
    );
  });

  it('never goes below zero when the resources exceed the category amount', () => {
    const result = monthlyLeefloon({ category: 1, monthlyResourcesCents: 90_000, month: '2026-03', table });
    expect(result.amountCents).toBe(0);
    expect(result.computation).toContain('= € 0,00');
  });

  it('pays the full category amount without resources, and refuses negative or fractional resources', () => {
    expect(monthlyLeefloon({ category: 3, monthlyResourcesCents: 0, month: '2024-05', table }).amountCents).toBe(174_129);
    expect(() => monthlyLeefloon({ category: 3, monthlyResourcesCents: -1, month: '2024-05', table })).toThrow(RangeError);
    expect(() => monthlyLeefloon({ category: 3, monthlyResourcesCents: 10.5, month: '2024-05', table })).toThrow(RangeError);
  });

  it('formats euros the Dutch way', () => {
    expect(euro(177607)).toBe('€ 1.776,07');
    expect(euro(5)).toBe('€ 0,05');
    expect(euro(123456789)).toBe('€ 1.234.567,89');
  });
});

describe("a legal officer's override of the amounts", () => {
  const row2026: LeefloonAmountRow = {
    validFrom: '2026-01-01',
    amountsCents: { 1: 90000, 2: 135000, 3: 182000 },
    source: 'V',
    reference: 'POD MI, Tools OCMW – Bedragen',
  };

  it('validates and adds a new indexation, keeping the built-in rows', () => {
    const merged = mergeAmountTables(table, validateAmountTable(JSON.parse(JSON.stringify([row2026]))));
    expect(amountFor(merged, 2, '2025-12')).toBe(131420);
    expect(amountFor(merged, 2, '2026-01')).toBe(135000);
    expect(merged).toHaveLength(table.length + 1);
  });

  it('names every problem at once', () => {
    let error: unknown;
    try {
      validateAmountTable([
        { validFrom: '2026-01-15', amountsCents: { 1: 900.5, 2: 135000, 3: 182000 }, source: 'X', reference: '' },
        { validFrom: '2026-02-01', amountsCents: { 1: 140000, 2: 135000, 3: 182000 }, source: 'V', reference: 'x', extra: 1 },
      ]);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvalidAmountTableError);
    const problems = (error as InvalidAmountTableError).problems.join('\n');
    expect(problems).toMatch(/row 0 .*validFrom must be the 1st of a month/);
    expect(problems).toMatch(/row 0 .*amountsCents.1 must be a positive whole number of cents/);
    expect(problems).toMatch(/row 0 .*source must be V, V-sec or U/);
    expect(problems).toMatch(/row 0 .*reference/);
    expect(problems).toMatch(/row 1 .*unknown field extra/);
    expect(problems).toMatch(/row 1 .*must rise from category 1/);
    expect(() => validateAmountTable({})).toThrow(InvalidAmountTableError);
  });

  it('is loaded from OCMW_LEEFLOON_AMOUNTS_FILE, or the built-in table without one', () => {
    expect(loadLeefloonAmounts(null)).toBe(DEFAULT_LEEFLOON_AMOUNTS);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ocmw-amounts-'));
    const file = path.join(dir, 'amounts.json');
    fs.writeFileSync(file, JSON.stringify([row2026]));
    expect(amountFor(loadLeefloonAmounts(file), 3, '2026-07')).toBe(182000);
    fs.writeFileSync(file, JSON.stringify([{ ...row2026, validFrom: '2026-01-02' }]));
    expect(() => loadLeefloonAmounts(file)).toThrow(/validFrom must be the 1st of a month/);
    fs.writeFileSync(file, '{not json');
    expect(() => loadLeefloonAmounts(file)).toThrow(/OCMW_LEEFLOON_AMOUNTS_FILE: cannot read/);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

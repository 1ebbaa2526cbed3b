import { Workbook } from 'exceljs';
import { formatMonthNl } from '../../../libs/format/dutch';

/**
 * A figure as a table: the rows the JSON answer carries, with Dutch column headers for the CSV and XLSX exports.
 * CSV: UTF-8 with a byte order mark (Excel reads the accents right), `;` between cells (the list separator of a
 * Belgian Excel), numbers and dates written the Dutch way (1.234 · 87,5 · 10/03/2025 · maart 2025).
 * XLSX (exceljs): numbers stay numbers, days are dates shown dd/mm/jjjj, months the Dutch words.
 */
/** `cents`: an amount in cents, shown in euros (1.234,56; XLSX a number with the euro format). */
export type ColumnKind = 'text' | 'integer' | 'percent' | 'month' | 'day' | 'cents';

export interface Column<R> {
  key: keyof R & string;
  header: string;
  kind: ColumnKind;
}

export interface FigureTable<R> {
  /** The file name without extension (`termijnen-2025-01-2025-06`). */
  fileName: string;
  sheet: string;
  columns: Column<R>[];
  rows: R[];
}

export type ExportFormat = 'json' | 'csv' | 'xlsx';
export const CSV_TYPE = 'text/csv; charset=utf-8';
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** `?format=` wins; otherwise the Accept header (a CSV or XLSX type); otherwise JSON. */
export function exportFormat(format: string | undefined, accept: string | undefined): ExportFormat {
  if (format === 'csv' || format === 'xlsx' || format === 'json') return format;
  if (accept?.includes('text/csv')) return 'csv';
  if (accept?.includes('spreadsheetml')) return 'xlsx';
  return 'json';
}

const thousands = (digits: string) => digits.replace(/\B(?=(\d{3})+(?!\d))/g, '.');

/** 1234 → '1.234'; 87.5 → '87,5' (percent: one decimal). */
export function dutchNumber(value: number, decimals = 0): string {
  const sign = value < 0 ? '-' : '';
  const [whole, fraction] = Math.abs(value).toFixed(decimals).split('.');
  return `${sign}${thousands(whole)}${fraction ? `,${fraction}` : ''}`;
}

function csvText(kind: ColumnKind, value: unknown): string {
  if (value === null || value === undefined) return '';
  switch (kind) {
    case 'integer':
      return dutchNumber(Number(value));
    case 'percent':
      return dutchNumber(Number(value), 1);
    case 'cents':
      return dutchNumber(Number(value) / 100, 2);
    case 'month':
      return formatMonthNl(String(value));
    case 'day': {
      const [y, m, d] = String(value).split('-');
      return `${d}/${m}/${y}`;
    }
    default:
      return String(value);
  }
}

const quoted = (cell: string) => (/[;"\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);

export function toCsv<R>(table: FigureTable<R>): Buffer {
  const lines = [
    table.columns.map((c) => quoted(c.header)).join(';'),
    ...table.rows.map((row) => table.columns.map((c) => quoted(csvText(c.kind, row[c.key]))).join(';')),
  ];
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}

function xlsxValue(kind: ColumnKind, value: unknown): string | number | Date | null {
  if (value === null || value === undefined) return null;
  if (kind === 'integer' || kind === 'percent') return Number(value);
  if (kind === 'cents') return Number(value) / 100;
  if (kind === 'month') return formatMonthNl(String(value));
  if (kind === 'day') return new Date(`${String(value)}T00:00:00Z`);
  return String(value);
}

const NUMBER_FORMATS: Partial<Record<ColumnKind, string>> = { integer: '#,##0', percent: '0.0', day: 'dd/mm/yyyy', cents: '€ #,##0.00' };

export async function toXlsx<R>(table: FigureTable<R>): Promise<Buffer> {
  const workbook = new Workbook();
  workbook.creator = 'ocmw-flow';
  const sheet = workbook.addWorksheet(table.sheet);
  sheet.columns = table.columns.map((c) => ({ header: c.header, key: c.key, width: Math.max(12, c.header.length + 2), style: NUMBER_FORMATS[c.kind] ? { numFmt: NUMBER_FORMATS[c.kind] } : {} }));
  sheet.getRow(1).font = { bold: true };
  for (const row of table.rows) sheet.addRow(Object.fromEntries(table.columns.map((c) => [c.key, xlsxValue(c.kind, row[c.key])])));
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

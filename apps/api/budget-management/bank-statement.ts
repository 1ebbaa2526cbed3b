import { parse } from 'csv-parse/sync';
import type { BankCsvConfig } from '../../../libs/config/config';
import { formatIsoDate, isValidIsoDate } from '../../../libs/deadlines/calendar-date';
import { normalizeIban, validateIban } from '../../../libs/domain/identifiers';

/**
 * A bank statement of a budget-management account, as the bank exports it in CSV (csv-parse; the columns named by the
 * configuration, OCMW_BANK_CSV_*). A file that cannot be read as such (not CSV, a configured column missing, no rows)
 * is refused whole: BankStatementError. A row that cannot be read (a date or amount that is not one, no reference, a
 * row of another account) is rejected on its own, with its line number and the reason.
 */
export interface StatementRow {
  /** The line of the file the row starts on (1: the header). */
  line: number;
  bookingDate: string;
  /** Signed: + money in, − money out. Never 0. */
  amountCents: number;
  /** The bank's own reference of the movement (unique per account). */
  bankReference: string;
  /** Normalized (electronic format), or null when the bank gives none (bank costs, a cash withdrawal). */
  counterpartyIban: string | null;
  counterpartyName: string | null;
  description: string | null;
}

/** Why a row was not imported, as a stable code a screen says in its own words. */
export type RejectionCode = 'other-account' | 'date' | 'amount' | 'reference';

export interface StatementRejection {
  line: number;
  code: RejectionCode;
  reason: string;
}

export class BankStatementError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BankStatementError';
  }
}

const MAX_ROWS = 10_000;

export function parseBankStatement(text: string, config: BankCsvConfig, accountIban: string): { rows: StatementRow[]; rejected: StatementRejection[] } {
  let records: { info: { lines: number }; record: Record<string, string> }[];
  // PostgreSQL cannot store U+0000, and no bank writes it in a CSV export: a binary file, not a statement.
  if (text.includes('\u0000')) throw new BankStatementError('not a text file: it holds a NUL character');
  try {
    records = parse(text, { delimiter: config.delimiter, columns: (header: string[]) => header.map((h) => h.trim()), bom: true, skip_empty_lines: true, trim: true, info: true });
  } catch (err) {
    throw new BankStatementError(`not a CSV file with "${config.delimiter}" between the fields: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (records.length === 0) throw new BankStatementError('the file holds no movements (a header and at least one row)');
  if (records.length > MAX_ROWS) throw new BankStatementError(`the file holds more than ${MAX_ROWS} movements: split it`);
  const header = Object.keys(records[0].record);
  const { columns } = config;
  const required = [columns.date, columns.amount, columns.reference, ...(columns.account ? [columns.account] : [])];
  const missing = required.filter((c) => !header.includes(c));
  if (missing.length > 0) {
    throw new BankStatementError(`the header has no column ${missing.map((c) => `"${c}"`).join(', ')} (it has ${header.map((c) => `"${c}"`).join(', ')}; see OCMW_BANK_CSV_*)`);
  }
  const rows: StatementRow[] = [];
  const rejected: StatementRejection[] = [];
  for (const { info, record } of records) {
    // info.lines is the line the record ends on; a quoted field may span lines, but a bank's rows do not.
    const line = info.lines;
    const cell = (column: string) => (record[column] ?? '').trim();
    const optional = (column: string) => (header.includes(column) && cell(column) !== '' ? cell(column) : null);
    if (columns.account) {
      const account = cell(columns.account);
      if (normalizeIban(account) !== accountIban) {
        rejected.push({ line, code: 'other-account', reason: `booked on another account (${account || 'none'}), not the budget-management account` });
        continue;
      }
    }
    const bookingDate = parseStatementDate(cell(columns.date), config.dateFormat);
    if (!bookingDate) {
      rejected.push({ line, code: 'date', reason: `"${cell(columns.date)}" is not a date ${config.dateFormat}` });
      continue;
    }
    const amountCents = parseStatementAmount(cell(columns.amount), config.decimalSeparator);
    if (amountCents === null || amountCents === 0) {
      rejected.push({ line, code: 'amount', reason: `"${cell(columns.amount)}" is not an amount other than 0 (decimal separator "${config.decimalSeparator}")` });
      continue;
    }
    const bankReference = cell(columns.reference);
    if (!bankReference) {
      rejected.push({ line, code: 'reference', reason: 'no bank reference: the movement could not be told apart from another' });
      continue;
    }
    const iban = optional(columns.counterpartyIban);
    const checked = iban ? validateIban(iban) : null;
    rows.push({
      line, bookingDate, amountCents, bankReference,
      counterpartyIban: checked?.valid ? checked.value : null,
      counterpartyName: optional(columns.counterpartyName),
      description: optional(columns.description),
    });
  }
  return { rows, rejected };
}

/** '31/03/2026' (DD/MM/YYYY, DD-MM-YYYY, DD.MM.YYYY) or '2026-03-31' (YYYY-MM-DD) → '2026-03-31'; null when not a date. */
export function parseStatementDate(value: string, format: BankCsvConfig['dateFormat']): string | null {
  const match = format === 'YYYY-MM-DD' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(value) : new RegExp(`^(\\d{1,2})\\${format[2]}(\\d{1,2})\\${format[2]}(\\d{4})$`).exec(value);
  if (!match) return null;
  const [y, m, d] = format === 'YYYY-MM-DD' ? [match[1], match[2], match[3]] : [match[3], match[2], match[1]];
  const date = formatIsoDate(Number(y), Number(m), Number(d));
  return isValidIsoDate(date) ? date : null;
}

/**
 * '1.314,20', '-45,00', '+1314,2', '−12,5' (decimal comma; a point groups thousands) → cents; with the decimal point
 * '1,314.20'. Null when it is not an amount (letters, three decimals, a misplaced grouping).
 */
export function parseStatementAmount(value: string, decimal: ',' | '.'): number | null {
  const group = decimal === ',' ? '.' : ',';
  const compact = value.replace(/\s|\u00a0|€|EUR/g, '').replace(/^\u2212/, '-');
  const g = `\\${group}`;
  const d = `\\${decimal}`;
  const match = new RegExp(`^([+-]?)(\\d{1,3}(?:${g}\\d{3})+|\\d+)(?:${d}(\\d{1,2}))?$`).exec(compact);
  if (!match) return null;
  const euros = Number(match[2].split(group).join(''));
  const cents = Number((match[3] ?? '0').padEnd(2, '0'));
  const amount = euros * 100 + cents;
  if (!Number.isSafeInteger(amount) || amount > 2_000_000_000) return null;
  return match[1] === '-' ? -amount : amount;
}

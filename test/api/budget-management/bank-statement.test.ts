import { BankCsvConfig, loadConfig } from '../../../libs/config/config';
import { BankStatementError, parseBankStatement, parseStatementAmount, parseStatementDate } from '../../../apps/api/budget-management/bank-statement';

const ACCOUNT = 'BE68539007547034';
const config = (over: Partial<BankCsvConfig> = {}): BankCsvConfig => ({ ...loadConfig({}).bankCsv, ...over });

describe('parseStatementAmount', () => {
  it('reads the decimal comma with a point grouping thousands, signs and euro signs', () => {
    expect(parseStatementAmount('1.314,20', ',')).toBe(131420);
    expect(parseStatementAmount('-45,00', ',')).toBe(-4500);
    expect(parseStatementAmount('+1314,2', ',')).toBe(131420);
    expect(parseStatementAmount('€ 1.000.000', ',')).toBe(100000000);
    expect(parseStatementAmount('\u221212,5', ',')).toBe(-1250);
    expect(parseStatementAmount('1,314.20', '.')).toBe(131420);
  });

  it('refuses what is not an amount', () => {
    for (const bad of ['', 'abc', '1,234', '12,345', '1.31,20', '1,2,3', '--5']) expect(parseStatementAmount(bad, ',')).toBeNull();
    expect(parseStatementAmount('1.314,20', '.')).toBeNull();
  });
});

describe('parseStatementDate', () => {
  it('reads the configured format and refuses a day that does not exist', () => {
    expect(parseStatementDate('31/03/2026', 'DD/MM/YYYY')).toBe('2026-03-31');
    expect(parseStatementDate('1-4-2026', 'DD-MM-YYYY')).toBe('2026-04-01');
    expect(parseStatementDate('01.04.2026', 'DD.MM.YYYY')).toBe('2026-04-01');
    expect(parseStatementDate('2026-04-01', 'YYYY-MM-DD')).toBe('2026-04-01');
    expect(parseStatementDate('31/04/2026', 'DD/MM/YYYY')).toBeNull();
    expect(parseStatementDate('2026-04-01', 'DD/MM/YYYY')).toBeNull();
  });
});

describe('parseBankStatement', () => {
  const header = 'Rekening;Datum;Bedrag;Referentie;Rekening tegenpartij;Naam tegenpartij;Mededeling';

  it('reads the rows of the account, rejecting unreadable rows by their line', () => {
    const csv = `\ufeff${header}\r\n${ACCOUNT};01/04/2026;1.314,20;R1;BE48 0011 2345 6727;POD MI;"Leefloon; april"\r\n\r\n${ACCOUNT};02/04/2026;0,00;R2;;;\r\nBE48001123456727;02/04/2026;-1,00;R3;;;\r\n${ACCOUNT};02/04/2026;-1,00;;;;\r\n`;
    const { rows, rejected } = parseBankStatement(csv, config(), ACCOUNT);
    expect(rows).toEqual([{
      line: 2, bookingDate: '2026-04-01', amountCents: 131420, bankReference: 'R1', counterpartyIban: 'BE48001123456727', counterpartyName: 'POD MI', description: 'Leefloon; april',
    }]);
    expect(rejected.map((r) => `${r.line} ${r.code}`)).toEqual(['4 amount', '5 other-account', '6 reference']);
    expect(rejected[0].reason).toContain('not an amount');
    expect(rejected[1].reason).toContain('another account');
    expect(rejected[2].reason).toContain('no bank reference');
  });

  it('follows the configured mapping: another delimiter, no account column, ISO dates and the decimal point', () => {
    const cfg = config({ delimiter: ',', dateFormat: 'YYYY-MM-DD', decimalSeparator: '.', columns: { ...config().columns, date: 'Boekdatum', account: null } });
    const { rows } = parseBankStatement('Boekdatum,Bedrag,Referentie\n2026-04-01,"-1,314.20",X9\n', cfg, ACCOUNT);
    expect(rows).toEqual([expect.objectContaining({ bookingDate: '2026-04-01', amountCents: -131420, bankReference: 'X9', counterpartyIban: null, description: null })]);
  });

  it('refuses a file whose configured columns are missing, that is not CSV, or that holds no rows', () => {
    expect(() => parseBankStatement('Date;Amount\n2026-04-01;1\n', config(), ACCOUNT)).toThrow(/no column "Datum", "Bedrag", "Referentie", "Rekening"/);
    expect(() => parseBankStatement(`${header}\n${ACCOUNT};"01/04/2026;1,00\n`, config(), ACCOUNT)).toThrow(BankStatementError);
    expect(() => parseBankStatement(`${header}\n`, config(), ACCOUNT)).toThrow(/no movements/);
    expect(() => parseBankStatement(`${header}\n${ACCOUNT};01/04/2026;1,00;R\u00001;;;\n`, config(), ACCOUNT)).toThrow(/NUL/);
  });
});

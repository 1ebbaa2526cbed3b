/**
 * A bank statement in ISO 20022 camt.053 (BankToCustomerStatement, versions .001.02 to .001.08: the XML that Belgian
 * banks deliver beside CODA) read into its movements: the account, and per movement the booking day, the signed amount
 * in cents, the bank's reference and the structured communication (OGM) when the payer gave one — in the structured
 * remittance (`RmtInf/Strd/CdtrRefInf/Ref`, type SCOR, issuer BBA) or, as some banks pass it on, written in the free
 * text (`Ustrd`). Names of payers are not read: the communication identifies the plan, and no name needs to be stored.
 * Parsed with fast-xml-parser (no DTD, no entities: an XML bomb is not expanded). Pure.
 */
import { XMLParser } from 'fast-xml-parser';
import { isValidIsoDate } from '../../../libs/deadlines/calendar-date';
import { normalizeIban } from '../../../libs/domain/identifiers';
import { parseOgm } from '../../../libs/payments/ogm';

export class Camt053Error extends Error {}

export interface CamtMovement {
  /** 1, 2, … in the file's order. */
  index: number;
  bookingDate: string;
  /** Signed: + money in (CRDT), − money out (DBIT). */
  amountCents: number;
  currency: string;
  /** The bank's reference of the movement (AcctSvcrRef), else the statement's id with the movement's place in it. */
  bankReference: string;
  /** A reversal (RvslInd): money that went back, never a payment of a plan. */
  reversal: boolean;
  /** The twelve digits of a valid structured communication, or null. */
  communication: string | null;
}

export interface CamtStatement {
  accountIban: string;
  statementIds: string[];
  movements: CamtMovement[];
}

/** More movements than a day's statement of a municipal account holds: split the file. */
export const MAX_MOVEMENTS = 20_000;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  removeNSPrefix: true,
  // Amounts, IBANs and communications stay text: "0500.00" and "126000001181" are not numbers here.
  parseTagValue: false,
  parseAttributeValue: false,
  processEntities: false,
  isArray: (name) => ['Stmt', 'Ntry', 'TxDtls', 'Strd', 'Ustrd'].includes(name),
});

type Node = Record<string, unknown>;
const node = (v: unknown): Node => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Node) : {});
const list = (v: unknown): Node[] => (Array.isArray(v) ? v.map(node) : v === undefined ? [] : [node(v)]);
const text = (v: unknown): string | undefined => {
  if (typeof v === 'string') return v.trim();
  if (v && typeof v === 'object' && typeof (v as Node)['#text'] === 'string') return ((v as Node)['#text'] as string).trim();
  return undefined;
};

/** "500.00" (ISO 20022 decimal, at most two decimals in EUR) as cents; null when it is not such an amount. */
function cents(value: string | undefined): number | null {
  if (!value || !/^\d{1,15}(\.\d{1,2})?$/.test(value)) return null;
  const [whole, fraction = ''] = value.split('.');
  return Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
}

/** The structured communication of a transaction: the structured reference first, else one written in the free text. */
function communicationOf(tx: Node): string | null {
  const rmt = node(tx.RmtInf);
  for (const strd of list(rmt.Strd)) {
    const ref = text(node(strd.CdtrRefInf).Ref);
    const parsed = ref ? parseOgm(ref) : null;
    if (parsed) return parsed;
  }
  const free = (Array.isArray(rmt.Ustrd) ? rmt.Ustrd : [rmt.Ustrd]).map(text);
  for (const line of free) {
    const match = line ? /(?:\+{3}|\*{3})?\s*(\d{3}\s*\/?\s*\d{4}\s*\/?\s*\d{5})\s*(?:\+{3}|\*{3})?/.exec(line) : null;
    const parsed = match ? parseOgm(match[1]) : null;
    if (parsed) return parsed;
  }
  return null;
}

/** Reads a camt.053 file; a file that is not one (not XML, no statement, no account) is a Camt053Error. */
export function parseCamt053(xml: string): CamtStatement {
  if (xml.includes('\u0000')) throw new Camt053Error('not a text file: it holds a NUL character');
  if (/<!DOCTYPE/i.test(xml)) throw new Camt053Error('a statement has no DOCTYPE (entities are not accepted)');
  let doc: Node;
  try {
    doc = node(parser.parse(xml, true));
  } catch (err) {
    throw new Camt053Error(`not well-formed XML: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`);
  }
  const statements = list(node(node(doc.Document).BkToCstmrStmt).Stmt);
  if (statements.length === 0) throw new Camt053Error('not a camt.053 statement: no Document/BkToCstmrStmt/Stmt');
  const accounts = new Set(statements.map((s) => text(node(node(s.Acct).Id).IBAN)).map((iban) => (iban ? normalizeIban(iban) : '')));
  if (accounts.has('')) throw new Camt053Error('a statement without the IBAN of its account (Acct/Id/IBAN)');
  if (accounts.size > 1) throw new Camt053Error('statements of more than one account in one file: import them one account at a time');
  const movements: CamtMovement[] = [];
  const statementIds: string[] = [];
  for (const [s, stmt] of statements.entries()) {
    const stmtId = text(stmt.Id) || `stmt-${s + 1}`;
    statementIds.push(stmtId);
    for (const [e, entry] of list(stmt.Ntry).entries()) {
      const status = text(entry.Sts) ?? text(node(entry.Sts).Cd);
      if (status !== undefined && status !== 'BOOK') continue; // pending or information only: not booked yet
      const sign = text(entry.CdtDbtInd) === 'DBIT' ? -1 : text(entry.CdtDbtInd) === 'CRDT' ? 1 : 0;
      const booking = text(node(entry.BookgDt).Dt) ?? text(node(entry.BookgDt).DtTm)?.slice(0, 10);
      const where = `statement ${stmtId}, entry ${e + 1}`;
      if (sign === 0) throw new Camt053Error(`${where}: no CdtDbtInd (CRDT or DBIT)`);
      if (!booking || !isValidIsoDate(booking)) throw new Camt053Error(`${where}: no booking date (BookgDt/Dt)`);
      const entryRef = text(entry.AcctSvcrRef) || text(entry.NtryRef) || `${stmtId}/${e + 1}`;
      const reversal = text(entry.RvslInd) === 'true';
      const txs = list(node(entry.NtryDtls).TxDtls);
      const parts = txs.length > 1 ? txs : [txs[0] ?? {}];
      for (const [t, tx] of parts.entries()) {
        const amountNode = txs.length > 1 ? (node(tx.Amt)['#text'] !== undefined ? tx.Amt : node(node(node(tx.AmtDtls).TxAmt).Amt)) : entry.Amt;
        const amount = cents(text(amountNode));
        if (amount === null || amount === 0) throw new Camt053Error(`${where}${txs.length > 1 ? `, transaction ${t + 1}` : ''}: no amount (Amt)`);
        movements.push({
          index: movements.length + 1,
          bookingDate: booking,
          amountCents: sign * amount,
          currency: typeof node(amountNode)['@_Ccy'] === 'string' ? (node(amountNode)['@_Ccy'] as string) : 'EUR',
          bankReference: txs.length > 1 ? text(node(tx.Refs).AcctSvcrRef) || `${entryRef}/${t + 1}` : entryRef,
          reversal,
          communication: communicationOf(tx),
        });
        if (movements.length > MAX_MOVEMENTS) throw new Camt053Error(`the file holds more than ${MAX_MOVEMENTS} movements: split it`);
      }
    }
  }
  return { accountIban: [...accounts][0], statementIds, movements };
}

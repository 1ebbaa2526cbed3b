/**
 * A bank statement (camt.053.001.02) as the OCMW's bank delivers it, for the import tests (POST /bank-statements):
 * entries booked on a day, with a structured communication (BBA) or a free one.
 */
export interface CamtEntry {
  amount: string;
  bankReference: string;
  direction: 'CRDT' | 'DBIT';
  /** The twelve digits of a structured communication; absent: a free text. */
  structured?: string;
}

function entry(day: string, e: CamtEntry): string {
  return `<Ntry><Amt Ccy="EUR">${e.amount}</Amt><CdtDbtInd>${e.direction}</CdtDbtInd><Sts>BOOK</Sts>` +
    `<BookgDt><Dt>${day}</Dt></BookgDt><AcctSvcrRef>${e.bankReference}</AcctSvcrRef><NtryDtls><TxDtls><RmtInf>` +
    (e.structured ? `<Strd><CdtrRefInf><Tp><CdOrPrtry><Cd>SCOR</Cd></CdOrPrtry><Issr>BBA</Issr></Tp><Ref>${e.structured}</Ref></CdtrRefInf></Strd>` : '<Ustrd>gift</Ustrd>') +
    `</RmtInf></TxDtls></NtryDtls></Ntry>`;
}

/** One statement of `iban` on `day` with these entries. */
export function camt053(iban: string, day: string, entries: CamtEntry[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?><Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt>` +
    `<GrpHdr><MsgId>M1</MsgId><CreDtTm>${day}T06:00:00</CreDtTm></GrpHdr><Stmt><Id>${day}-1</Id><Acct><Id><IBAN>${iban}</IBAN></Id></Acct>` +
    entries.map((e) => entry(day, e)).join('') +
    `</Stmt></BkToCstmrStmt></Document>`;
}

import { Camt053Error, parseCamt053 } from '../../apps/api/events/camt053';

/** A camt.053.001.02 statement as Belgian banks write it, with the entries given. */
const statement = (entries: string, iban = 'BE48 0011 2345 6727') => `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02">
  <BkToCstmrStmt>
    <GrpHdr><MsgId>STMT-2026-12-07</MsgId><CreDtTm>2026-12-07T06:00:00</CreDtTm></GrpHdr>
    <Stmt>
      <Id>2026-231</Id>
      <Acct><Id><IBAN>${iban}</IBAN></Id></Acct>
      ${entries}
    </Stmt>
  </BkToCstmrStmt>
</Document>`;

const entry = (o: { amount: string; ind?: string; ref?: string; strd?: string; ustrd?: string; sts?: string; rvsl?: boolean; booked?: string }) => `
      <Ntry>
        <Amt Ccy="EUR">${o.amount}</Amt>
        <CdtDbtInd>${o.ind ?? 'CRDT'}</CdtDbtInd>
        ${o.rvsl ? '<RvslInd>true</RvslInd>' : ''}
        <Sts>${o.sts ?? 'BOOK'}</Sts>
        <BookgDt><Dt>${o.booked ?? '2026-12-04'}</Dt></BookgDt>
        ${o.ref ? `<AcctSvcrRef>${o.ref}</AcctSvcrRef>` : ''}
        <NtryDtls><TxDtls>
          <RmtInf>
            ${o.strd ? `<Strd><CdtrRefInf><Tp><CdOrPrtry><Cd>SCOR</Cd></CdOrPrtry><Issr>BBA</Issr></Tp><Ref>${o.strd}</Ref></CdtrRefInf></Strd>` : ''}
            ${o.ustrd ? `<Ustrd>${o.ustrd}</Ustrd>` : ''}
          </RmtInf>
        </TxDtls></NtryDtls>
      </Ntry>`;

describe('a camt.053 bank statement', () => {
  it('reads the account and each booked movement: day, signed cents, the bank reference, the structured communication', () => {
    const parsed = parseCamt053(statement([
      entry({ amount: '500.00', ref: 'B6L04PGR1A2B', strd: '126000001181' }),
      entry({ amount: '25.5', ind: 'DBIT', ref: 'B6L04PGR1A2C' }),
      // Written in the free text, as some banks pass it on.
      entry({ amount: '1000.00', ref: 'B6L04PGR1A2D', ustrd: 'huurwaarborg +++126/0000/01181+++ dank u' }),
      // Not a valid communication (its check digits): none.
      entry({ amount: '10.00', ref: 'B6L04PGR1A2E', strd: '126000001100' }),
    ].join('')));
    expect(parsed.accountIban).toBe('BE48001123456727');
    expect(parsed.statementIds).toEqual(['2026-231']);
    expect(parsed.movements).toEqual([
      { index: 1, bookingDate: '2026-12-04', amountCents: 50_000, currency: 'EUR', bankReference: 'B6L04PGR1A2B', reversal: false, communication: '126000001181' },
      { index: 2, bookingDate: '2026-12-04', amountCents: -2_550, currency: 'EUR', bankReference: 'B6L04PGR1A2C', reversal: false, communication: null },
      { index: 3, bookingDate: '2026-12-04', amountCents: 100_000, currency: 'EUR', bankReference: 'B6L04PGR1A2D', reversal: false, communication: '126000001181' },
      { index: 4, bookingDate: '2026-12-04', amountCents: 1_000, currency: 'EUR', bankReference: 'B6L04PGR1A2E', reversal: false, communication: null },
    ]);
  });

  it('leaves out what is not booked, marks a reversal, and names a movement without a bank reference by the statement', () => {
    const parsed = parseCamt053(statement([entry({ amount: '5.00', sts: 'PDNG', ref: 'X1' }), entry({ amount: '7.00', rvsl: true, ref: 'X2', strd: '126000001181' }), entry({ amount: '9.00' })].join('')));
    expect(parsed.movements.map((m) => [m.bankReference, m.amountCents, m.reversal])).toEqual([['X2', 700, true], ['2026-231/3', 900, false]]);
  });

  it('refuses what is not a statement: not XML, another document, no account, a DOCTYPE, an entry without amount or date', () => {
    const refused = (xml: string) => expect(() => parseCamt053(xml)).toThrow(Camt053Error);
    refused('datum;bedrag\n2026-12-04;5,00');
    refused('<Document><pain.001/></Document>');
    refused(statement(entry({ amount: '5.00' }), '').replace('<IBAN></IBAN>', ''));
    refused(`<?xml version="1.0"?><!DOCTYPE lol [<!ENTITY a "aaaa">]>${statement(entry({ amount: '5.00' }))}`);
    refused(statement(entry({ amount: '5.001' })));
    refused(statement(entry({ amount: '5.00', booked: '2026-13-01' })));
    refused(statement('<Ntry><Amt Ccy="EUR">5.00</Amt><Sts>BOOK</Sts><BookgDt><Dt>2026-12-04</Dt></BookgDt></Ntry>'));
  });
});

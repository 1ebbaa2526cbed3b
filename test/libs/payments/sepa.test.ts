import { randomUUID } from 'node:crypto';
import {
  buildPain001,
  containsNationalNumber,
  endToEndId,
  paymentIdFromEndToEndId,
  remittanceText,
  SepaBatch,
  SepaError,
  sepaText,
} from '../../../libs/payments/sepa';
import { pain001SchemaErrors } from '../../support/pain001';

const between = (xml: string, tag: string) => [...xml.matchAll(new RegExp(`<${tag}[^>]*>([^<]*)</${tag}>`, 'g'))].map((m) => m[1]);

function aBatch(overrides: Partial<SepaBatch> = {}): SepaBatch {
  return {
    msgId: randomUUID().replace(/-/g, ''),
    createdAt: new Date('2026-02-20T09:30:00.123Z'),
    requestedExecutionDate: '2026-02-27',
    debtor: { name: 'OCMW Gent', iban: 'BE48001123456727', bic: 'GEBABEBB' },
    payments: [
      { id: randomUUID(), amountCents: 131_420, creditorName: 'Jan Peeters', iban: 'BE68539007547034', remittance: 'Leefloon 2026-03 LL-2026-000123' },
      { id: randomUUID(), amountCents: 63_590, creditorName: 'Zoë Cörvers-Ðukić Đorđević', iban: 'BE48001123456727', remittance: 'Leefloon achterstal 2026-02 LL-2026-000124' },
      { id: randomUUID(), amountCents: 5, creditorName: 'Ahmed & Fatima <El> "Amrani"', iban: 'NL91ABNA0417164300', remittance: 'Leefloon eenmalig 2026-03 LL-2026-000125' },
    ],
    ...overrides,
  };
}

describe('SEPA credit transfer file (pain.001.001.09, EPC 2023)', () => {
  it('validates against the XSD, with counts and control sums that match', async () => {
    const batch = aBatch();
    const xml = buildPain001(batch);
    expect(await pain001SchemaErrors(xml)).toEqual([]);
    expect(between(xml, 'NbOfTxs')).toEqual(['3', '3']);
    expect(between(xml, 'CtrlSum')).toEqual(['1950.15', '1950.15']);
    expect(between(xml, 'InstdAmt')).toEqual(['1314.20', '635.90', '0.05']);
    expect(xml).toContain('<InstdAmt Ccy="EUR">');
    expect(between(xml, 'MsgId')).toEqual([batch.msgId]);
    expect(between(xml, 'ReqdExctnDt')).toEqual([]); // Dt nested
    expect(xml).toContain('<ReqdExctnDt><Dt>2026-02-27</Dt></ReqdExctnDt>');
    expect(between(xml, 'CreDtTm')).toEqual(['2026-02-20T09:30:00Z']);
    expect(between(xml, 'BICFI')).toEqual(['GEBABEBB']);
    expect(between(xml, 'IBAN')).toEqual(['BE48001123456727', 'BE68539007547034', 'BE48001123456727', 'NL91ABNA0417164300']);
    expect(xml).toContain('<ChrgBr>SLEV</ChrgBr>');
    expect(xml).toContain('<PmtMtd>TRF</PmtMtd>');
    expect(xml).toContain('<SvcLvl><Cd>SEPA</Cd></SvcLvl>');
  });

  it('puts each debtor account in its own PmtInf (the OCMW and a budget-management account), still valid against the XSD', async () => {
    const budget = { name: 'OCMW Gent budgetbeheer', iban: 'BE68539007547034', bic: 'GKCCBEBB' };
    const batch = aBatch({
      payments: [
        { id: randomUUID(), amountCents: 131_420, creditorName: 'Jan Peeters', iban: 'BE68539007547034', remittance: 'Leefloon 2026-03 LL-2026-000123' },
        { id: randomUUID(), amountCents: 25_000, creditorName: 'Incasso NV', iban: 'NL91ABNA0417164300', remittance: 'Afbetaling 2026-03 SB-2026-000007', debtor: budget },
        { id: randomUUID(), amountCents: 7_500, creditorName: 'Energie BV', iban: 'BE48001123456727', remittance: 'Energie 2026-W09 SB-2026-000007', debtor: budget },
      ],
    });
    const xml = buildPain001(batch);
    expect(await pain001SchemaErrors(xml)).toEqual([]);
    expect(xml.match(/<PmtInf>/g)).toHaveLength(2);
    expect(between(xml, 'PmtInfId')).toEqual([`${batch.msgId.slice(0, 32)}-1`, `${batch.msgId.slice(0, 32)}-2`]);
    // The group header counts the file; each PmtInf its own transactions.
    expect(between(xml, 'NbOfTxs')).toEqual(['3', '1', '2']);
    expect(between(xml, 'CtrlSum')).toEqual(['1639.20', '1314.20', '325.00']);
    expect(between(xml, 'BICFI')).toEqual(['GEBABEBB', 'GKCCBEBB']);
    expect(between(xml, 'Nm')).toEqual(['OCMW Gent', 'OCMW Gent', 'Jan Peeters', 'OCMW Gent budgetbeheer', 'Incasso NV', 'Energie BV']);
  });

  it('uses the payment id without dashes as EndToEndId (a UUID has 36 characters, the field 35)', async () => {
    const batch = aBatch();
    const ids = between(buildPain001(batch), 'EndToEndId');
    expect(ids).toEqual(batch.payments.map((p) => p.id.replace(/-/g, '')));
    expect(ids.every((id) => id.length === 32)).toBe(true);
    expect(ids.map(paymentIdFromEndToEndId)).toEqual(batch.payments.map((p) => p.id));
    expect(() => endToEndId('LL-2026-000123')).toThrow(SepaError);
  });

  it('transliterates to the SEPA character set and escapes XML', async () => {
    const xml = buildPain001(aBatch());
    expect(between(xml, 'Nm')).toEqual(['OCMW Gent', 'OCMW Gent', 'Jan Peeters', 'Zoe Corvers-Dukic Dordevic', "Ahmed + Fatima El &apos;Amrani&apos;"]);
    expect(xml).not.toMatch(/[^\x00-\x7f]/);
    expect(sepaText('Müller-Lüdenscheidt, Straße 5 – Ægir Œuvre @home_now', 70)).toBe("Muller-Ludenscheidt, Strasse 5 - AEgir OEuvre home-now");
    expect(sepaText('François Çelik', 70)).toBe('Francois Celik');
    expect(await pain001SchemaErrors(xml)).toEqual([]);
  });

  it('cuts names to 70 and remittance to 140 characters, and refuses a name with no SEPA characters left', async () => {
    const long = aBatch();
    long.payments[0].creditorName = 'Marie-Louise Françoise Joséphine Van den Broeck-De Smedt-Vandenberghe-Vermeulen';
    long.payments[0].remittance = `Leefloon 2026-03 ${'x'.repeat(200)}`;
    const xml = buildPain001(long);
    const names = between(xml, 'Nm');
    expect(names[2]).toHaveLength(70);
    expect(names[2]).toBe('Marie-Louise Francoise Josephine Van den Broeck-De Smedt-Vandenberghe-');
    expect(between(xml, 'Ustrd')[0]).toHaveLength(140);
    expect(await pain001SchemaErrors(xml)).toEqual([]);
    const empty = aBatch();
    empty.payments[0].creditorName = '王秀英';
    expect(() => buildPain001(empty)).toThrow(/creditor name is empty/);
  });

  it('never carries a national number: the remittance names the period and the dossier reference', () => {
    expect(remittanceText({ procedure: 'leefloon', kind: 'monthly', period: '2026-03', reference: 'LL-2026-000123' })).toBe('Leefloon 2026-03 LL-2026-000123');
    expect(remittanceText({ procedure: 'leefloon', kind: 'arrears', period: '2026-02', reference: 'LL-2026-000123' })).toBe('Leefloon achterstal 2026-02 LL-2026-000123');
    expect(containsNationalNumber('Leefloon achterstal 2026-02 LL-2026-000123')).toBe(false);
    expect(containsNationalNumber('Leefloon 2026-03 LL-2026-000123 93.05.18-223.61')).toBe(true);
    expect(containsNationalNumber('ref 93051822361')).toBe(true);
    const leaking = aBatch();
    leaking.payments[1].remittance = 'Leefloon 2026-03 RRN 93.05.18-223.61';
    expect(() => buildPain001(leaking)).toThrow(/must not contain a national number/);
  });

  it('refuses what the bank would reject: no payments, a bad IBAN, a zero amount, a payment twice', () => {
    expect(() => buildPain001(aBatch({ payments: [] }))).toThrow(SepaError);
    const badIban = aBatch();
    badIban.payments[0].iban = 'BE68539007547035';
    expect(() => buildPain001(badIban)).toThrow(/not a valid IBAN/);
    const zero = aBatch();
    zero.payments[0].amountCents = 0;
    expect(() => buildPain001(zero)).toThrow(/amount/);
    const twice = aBatch();
    twice.payments[1].id = twice.payments[0].id;
    expect(() => buildPain001(twice)).toThrow(/twice/);
  });

  it('is rejected by the schema when broken (the check is real)', async () => {
    const xml = buildPain001(aBatch()).replace('<ChrgBr>SLEV</ChrgBr>', '<ChrgBr>SHAR</ChrgBr>').replace(/<EndToEndId>[0-9a-f]{32}/, '<EndToEndId>' + 'x'.repeat(36));
    const errors = await pain001SchemaErrors(xml);
    expect(errors.join('\n')).toMatch(/ChrgBr/);
    expect(errors.join('\n')).toMatch(/EndToEndId/);
  });
});

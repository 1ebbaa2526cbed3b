import { checkCreditorLetterData, creditorLetterKey, letterToCreditor } from '../../../libs/notices/creditor-letters';

describe('creditor letters (requests)', () => {
  it("checks each template's own data: unknown fields, required amounts and dates, texts", () => {
    expect(checkCreditorLetterData('creditor-statement-request', { fileNumber: 'INC-1' })).toEqual([]);
    expect(checkCreditorLetterData('creditor-statement-request', { amount: 5 }).map((e) => e.path)).toEqual(['/data/amount']);
    expect(checkCreditorLetterData('creditor-repayment-proposal', { monthlyCents: 5_000, startDate: '2027-01-01', durationMonths: 12 })).toEqual([]);
    expect(checkCreditorLetterData('creditor-repayment-proposal', { monthlyCents: 0, startDate: '2027-02-30', durationMonths: 121 }).map((e) => e.path))
      .toEqual(['/data/monthlyCents', '/data/startDate', '/data/durationMonths']);
    expect(checkCreditorLetterData('creditor-csr-admissibility', { orderDate: '2026-11-02', court: ' ' }).map((e) => `${e.path} ${e.code}`))
      .toEqual(['/data/court type', '/data/mediator required']);
    expect(checkCreditorLetterData('creditor-collection-suspension', [])).toEqual([{ path: '/data', code: 'type', message: 'must be an object' }]);
  });

  it('names a letter by what, which debt, to whom (and the day or round), never by a counter', () => {
    expect(creditorLetterKey('creditor-repayment-proposal', 'p1', 'd1', '2026-12-03')).toBe('repayment-proposal:d1:p1:2026-12-03');
    expect(creditorLetterKey('creditor-statement-request', 'p1', null, '2026-12-03')).toBe('statement-request:dossier:p1:2026-12-03');
    expect(letterToCreditor('creditor-statement-request', { debtId: 'd1', partyId: 'p1', fileNumber: 'GD-3' })).toEqual({
      key: 'statement-request:d1:p1', partyId: 'p1', debtId: 'd1', template: 'creditor-statement-request', data: { fileNumber: 'GD-3' },
      subject: 'Vraag om een actueel overzicht van de schuld',
    });
    expect(letterToCreditor('creditor-collection-suspension', { debtId: 'd1', partyId: 'p1', fileNumber: null }, { trajectorySince: '2026-12-01' }, '2027').key)
      .toBe('collection-suspension:d1:p1:2027');
  });
});

import { PAYMENT_KINDS_1764900000000 } from '../../../libs/db/migrations/1764900000000-payees-and-payments';
import {
  isoWeeksInYear,
  PAYMENT_KIND_LABELS,
  PAYMENT_KINDS,
  paymentKey,
  PaymentKeyError,
  parsePaymentKey,
  periodLabel,
  periodType,
} from '../../../libs/payments/payment-key';
import { remittanceText } from '../../../libs/payments/sepa';

const PARTY = '3f0c2a8e-5b1d-4c7e-9a6f-2d4b8e1c7a90';

describe('payment keys', () => {
  it.each([
    [{ kind: 'monthly', payee: { kind: 'client' }, period: '2026-05' }, 'monthly:client:2026-05'],
    [{ kind: 'leefgeld', payee: { kind: 'client' }, period: '2026-W19' }, 'leefgeld:client:2026-W19'],
    [{ kind: 'one-off', payee: { kind: 'party', partyId: PARTY }, period: 'once:rent-guarantee', debtRef: 'INV-1' }, `one-off:party:${PARTY}:once:rent-guarantee:INV-1`],
    [{ kind: 'invoice', payee: { kind: 'party', partyId: PARTY }, period: '2026-11', debtRef: null }, `invoice:party:${PARTY}:2026-11`],
  ] as const)('builds %j as %s, and reads it back', (parts, key) => {
    expect(paymentKey(parts)).toBe(key);
    expect(parsePaymentKey(key)).toEqual({ debtRef: null, ...parts });
  });

  it('refuses a part that is not valid', () => {
    const ok = { kind: 'monthly', payee: { kind: 'client' }, period: '2026-05' } as const;
    expect(() => paymentKey({ ...ok, kind: 'gift' as never })).toThrow(PaymentKeyError);
    expect(() => paymentKey({ ...ok, payee: { kind: 'party', partyId: 'Immo Gent' } })).toThrow(/party's id/);
    expect(() => paymentKey({ ...ok, debtRef: 'INV:1' })).toThrow(/debt or invoice/);
    expect(() => paymentKey({ ...ok, period: '2027-W53' })).toThrow(/not a period/);
    expect(parsePaymentKey('monthly:client:2026-13')).toBeNull();
    expect(parsePaymentKey('monthly:someone:2026-05')).toBeNull();
  });

  it('knows which ISO years have 53 weeks', () => {
    expect([2015, 2020, 2026, 2032, 2037].map(isoWeeksInYear)).toEqual([53, 53, 53, 53, 53]);
    expect([2021, 2024, 2025, 2027, 2028].map(isoWeeksInYear)).toEqual([52, 52, 52, 52, 52]);
  });

  it.each([
    ['2026-01', 'month'], ['2026-12', 'month'], ['2026-W01', 'week'], ['2026-W53', 'week'], ['2020-W53', 'week'], ['once:rent-guarantee', 'once'],
    ['once:heating-2026', 'once'], ['2026-00', null], ['2026-13', null], ['2026-W00', null], ['2027-W53', null], ['2026-W54', null], ['2026-w05', null],
    ['once:', null], ['once:-a', null], ['once:a-', null], ['once:a--b', null], ['once:Rent', null], ['once:a_b', null], [`once:${'a'.repeat(61)}`, null],
    ['2026-05-01', null], [202605, null],
  ] as const)('period %j is %s', (value, type) => {
    expect(periodType(value)).toBe(type);
  });

  it('labels periods and kinds in Dutch, one label per kind, and the migration allows exactly these kinds', () => {
    expect([periodLabel('2026-05'), periodLabel('2026-W07'), periodLabel('once:rent-guarantee')]).toEqual(['mei 2026', 'week 7 van 2026', 'eenmalig (rent-guarantee)']);
    expect(Object.keys(PAYMENT_KIND_LABELS)).toEqual([...PAYMENT_KINDS]);
    expect(PAYMENT_KINDS_1764900000000).toBe(PAYMENT_KINDS.map((k) => `'${k}'`).join(','));
  });

  it('writes the remittance with the debt and the party’s reference, the one-off by its key', () => {
    expect(remittanceText({ procedure: 'leefloon', kind: 'monthly', period: '2026-03', reference: 'LL-2026-000123' })).toBe('Leefloon 2026-03 LL-2026-000123');
    expect(remittanceText({
      procedure: 'social-aid', kind: 'guarantee', period: 'once:rent-guarantee', reference: 'SH-2026-000004', debtRef: 'INV-1', payeeReference: 'HW/77', onBehalfOf: 'Zoë Lefèvre',
    })).toBe('Social aid huurwaarborg rent-guarantee INV-1 HW/77 SH-2026-000004 voor Zoe Lefevre');
    expect(remittanceText({ procedure: 'leefloon', kind: 'leefgeld', period: '2026-W19', reference: 'LL-2026-000123' })).toBe('Leefloon leefgeld 2026-W19 LL-2026-000123');
  });
});

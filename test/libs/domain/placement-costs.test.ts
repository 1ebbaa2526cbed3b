import { loadPocketMoney } from '../../../libs/config/pocket-money';
import { tempFiles } from '../../support/temp-files';
import { assessPlacement, DEFAULT_POCKET_MONEY, monthlySettlement, pocketMoneyFor, PocketMoneyVersion, validatePocketMoney } from '../../../libs/domain/placement-costs';

/** The rules of the contribution to placement costs (domain §11), each with its basis. */
describe('placement costs: pocket money (dated configuration)', () => {
  it('is a twelfth of the legal yearly minimum in force on the first of the month (€ 1.337,31 from 1 November 2022, [V] VVSG), plus the local top-up', () => {
    expect(pocketMoneyFor('2026-12', DEFAULT_POCKET_MONEY)).toMatchObject({ monthlyCents: 11_144, legalMonthlyCents: 11_144, topUpCents: 0, validFrom: '2022-11-01' });
    const withTopUp = pocketMoneyFor('2026-12', DEFAULT_POCKET_MONEY, 7_500);
    expect(withTopUp.monthlyCents).toBe(18_644);
    expect(withTopUp.text).toBe('Zakgeld € 186,44 per maand: het wettelijk minimum € 1.337,31 per jaar (vanaf 1 november 2022) gedeeld door 12, € 111,44, plus € 75,00 aanvulling van het OCMW');
  });

  it('follows a later indexation from its first month, and knows no amount before the first version', () => {
    const table: PocketMoneyVersion[] = [...DEFAULT_POCKET_MONEY, { validFrom: '2027-01-01', yearlyCents: 140_000, source: '[U] test' }];
    expect(pocketMoneyFor('2026-12', table).monthlyCents).toBe(11_144);
    expect(pocketMoneyFor('2027-01', table).monthlyCents).toBe(11_667);
    expect(() => pocketMoneyFor('2022-10', table)).toThrow(RangeError);
    expect(() => pocketMoneyFor('2026-13', table)).toThrow(RangeError);
  });

  describe('as a file (OCMW_POCKET_MONEY_FILE)', () => {
    const { write } = tempFiles('pocket-money-config');
    it('uses the built-in table without a file, the file\'s when given, and refuses a wrong one naming the variable', () => {
      expect(loadPocketMoney(null)).toBe(DEFAULT_POCKET_MONEY);
      const own = [...DEFAULT_POCKET_MONEY, { validFrom: '2026-01-01', yearlyCents: 145_000, source: '[U] geïndexeerd' }];
      expect(loadPocketMoney(write('pm.json', JSON.stringify(own)))).toEqual(own);
      expect(() => loadPocketMoney(write('bad.json', JSON.stringify([{ validFrom: 'x' }])))).toThrow(/^OCMW_POCKET_MONEY_FILE/);
    });
  });

  it('refuses a table that is empty, unordered or without amounts or sources', () => {
    expect(validatePocketMoney(DEFAULT_POCKET_MONEY)).toEqual([]);
    expect(validatePocketMoney([])).toHaveLength(1);
    expect(validatePocketMoney([{ validFrom: '2024-01-01', yearlyCents: 1, source: 'x' }, { validFrom: '2023-01-01', yearlyCents: 0, source: '' }])).toEqual([
      '[1].yearlyCents is a positive number of cents', '[1].source says where the amount comes from', '[1].validFrom follows the version before it',
    ]);
  });
});

describe('placement costs: the monthly settlement of the care home invoice', () => {
  const pocketMoney = pocketMoneyFor('2026-12', DEFAULT_POCKET_MONEY);

  it('puts the income less the pocket money towards the invoice; the OCMW pays the rest', () => {
    const s = monthlySettlement({ invoiceCents: 210_000, residentIncomeCents: 160_000, pocketMoney });
    expect(s).toMatchObject({ residentShareCents: 148_856, ocmwCents: 61_144, pocketMoneyCents: 11_144, pocketMoneyShortfallCents: 0 });
    expect(s.text).toBe('Factuur € 2.100,00; inkomen € 1.600,00 min zakgeld € 111,44 = € 1.488,56 voor de factuur; het OCMW betaalt € 611,44');
  });

  it('never pays more than the invoice or less than nothing', () => {
    expect(monthlySettlement({ invoiceCents: 150_000, residentIncomeCents: 200_000, pocketMoney })).toMatchObject({ residentShareCents: 150_000, ocmwCents: 0 });
    const low = monthlySettlement({ invoiceCents: 150_000, residentIncomeCents: 5_000, pocketMoney });
    // An income below the pocket money: the resident keeps all of it and the OCMW makes up the legal minimum.
    expect(low).toMatchObject({ residentShareCents: 0, ocmwCents: 150_000, pocketMoneyShortfallCents: 6_144 });
    expect(low.text).toMatch(/en vult het zakgeld aan met € 61,44$/);
    expect(() => monthlySettlement({ invoiceCents: -1, residentIncomeCents: 0, pocketMoney })).toThrow(RangeError);
  });
});

describe('placement costs: the proposal', () => {
  const pocketMoney = pocketMoneyFor('2026-12', DEFAULT_POCKET_MONEY);
  const facts = { monthlyIncomeCents: 160_000, expectedInvoiceCents: 210_000, savingsCents: 200_000, savingsCeilingCents: 375_000, property: false, pocketMoney };

  it('grants the expected difference, and says what property means', () => {
    expect(assessPlacement(facts)).toMatchObject({ grant: true, monthlyEstimateCents: 61_144 });
    expect(assessPlacement({ ...facts, property: true }).text).toContain('hypothecaire waarborg en vordert terug bij de verkoop of op de nalatenschap');
  });

  it('refuses when the income pays the invoice, or the savings above the ceiling pay it first', () => {
    const refused = assessPlacement({ ...facts, monthlyIncomeCents: 250_000, savingsCents: 500_000 });
    expect(refused).toMatchObject({ grant: false });
    expect(refused.grant === false && refused.reasons).toEqual([
      'Het inkomen (€ 2.500,00) betaalt de verwachte factuur (€ 2.100,00) na het zakgeld',
      'De spaargelden (€ 5.000,00) liggen boven het plafond van het OCMW (€ 3.750,00): ze betalen eerst de factuur',
    ]);
  });
});

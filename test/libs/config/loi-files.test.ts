import { loadLoiClaimRates, loadLoiLeefgeldScale } from '../../../libs/config/loi-leefgeld-scale';
import { DEFAULT_LOI_CLAIM_RATES } from '../../../libs/domain/loi-claim';
import { DEFAULT_LOI_LEEFGELD_SCALE } from '../../../libs/payments/loi-leefgeld';
import { tempFiles } from '../../support/temp-files';

/** The OCMW's own LOI leefgeld scale and Fedasil's claim rates as files: read, checked, or refused naming the variable. */
describe('LOI configuration files', () => {
  const { write } = tempFiles('loi-config');

  it('uses the built-in ([U]) values without a file, and the file\'s when given', () => {
    expect(loadLoiLeefgeldScale(null)).toBe(DEFAULT_LOI_LEEFGELD_SCALE);
    expect(loadLoiClaimRates(null)).toBe(DEFAULT_LOI_CLAIM_RATES);
    const scale = [{ validFrom: '2026-01-01', selfCatering: { adultCents: 7_000, minor12To17Cents: 5_000, childUnder12Cents: 4_000 }, catered: { adultCents: 900, minor12To17Cents: 900, childUnder12Cents: 600 } }];
    expect(loadLoiLeefgeldScale(write('scale.json', JSON.stringify(scale)))).toEqual(scale);
    const rates = [{ validFrom: '2026-01-01', occupiedCents: 4_612, freePercent: 40, suspendedPercent: 20 }];
    expect(loadLoiClaimRates(write('rates.json', JSON.stringify(rates)))).toEqual(rates);
  });

  it('refuses an unreadable or wrong file with the variable and the problem', () => {
    expect(() => loadLoiLeefgeldScale(write('bad.json', '{'))).toThrow(/^OCMW_LOI_LEEFGELD_SCALE_FILE: cannot read/);
    expect(() => loadLoiLeefgeldScale(write('wrong.json', '[{"validFrom":"2026-01-01"}]'))).toThrow(/selfCatering\.adultCents must be a non-negative integer/);
    expect(() => loadLoiClaimRates(write('rates-bad.json', '[{"validFrom":"2026-01-01","occupiedCents":4000,"freePercent":140,"suspendedPercent":0}]'))).toThrow(/^OCMW_LOI_CLAIM_RATES_FILE/);
  });
});

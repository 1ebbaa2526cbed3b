import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ConfigError, ensureTokenSecret, loadConfig } from '../../../libs/config/config';

describe('configuration', () => {
  it('has the documented defaults', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      production: false,
      port: 3000,
      dataDir: path.resolve('./.data'),
      databaseUrl: null,
      temporalAddress: null,
      temporalPort: 7233,
      temporalUiPort: 8233,
      demoPassword: 'demo',
      seedDemoData: true,
      timeZone: 'Europe/Brussels',
      deadlineJudicialMonthEnd: 'last-day',
    });
    expect(loadConfig({ OCMW_JUDICIAL_MONTH_END: 'same-day' }).deadlineJudicialMonthEnd).toBe('same-day');
  });

  it('names every bad key at once', () => {
    let error: unknown;
    try {
      loadConfig({
        PORT: 'abc',
        TEMPORAL_ADDRESS: 'nohost',
        DATABASE_URL: 'mysql://x',
        OCMW_DEADLINE_WARNING_DAYS: '-1',
        OCMW_TIME_ZONE: 'Mars/Olympus',
        OCMW_ENTERPRISE_NUMBER: '0207123408',
        OCMW_IBAN: 'BE48001123456728',
        OCMW_COUNCIL_RHYTHM: 'daily',
        OCMW_JUDICIAL_MONTH_END: 'end-of-month',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems.map((p) => p.key).sort()).toEqual(
      ['DATABASE_URL', 'OCMW_COUNCIL_RHYTHM', 'OCMW_DEADLINE_WARNING_DAYS', 'OCMW_ENTERPRISE_NUMBER', 'OCMW_IBAN', 'OCMW_JUDICIAL_MONTH_END', 'OCMW_TIME_ZONE', 'PORT', 'TEMPORAL_ADDRESS'].sort(),
    );
    expect((error as Error).message).toContain('PORT: must be a whole number');
    expect((error as Error).message).toContain('OCMW_JUDICIAL_MONTH_END: must be last-day or same-day, got "end-of-month"');
  });

  it('requires a token secret in production, and never seeds demo data there', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/OCMW_TOKEN_SECRET: is required[\s\S]*OCMW_LABOUR_COURT_ADDRESS: is required/);
    const c = loadConfig({
      NODE_ENV: 'production',
      OCMW_TOKEN_SECRET: 'x'.repeat(40),
      OCMW_SEED_DEMO: 'true',
      OCMW_LABOUR_COURT_ADDRESS: 'Arbeidsrechtbank Antwerpen, Bolivarplaats 20, 2000 Antwerpen',
    });
    expect(c.seedDemoData).toBe(false);
  });

  it('generates a token secret once on the local default and keeps it in the data folder', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ocmw-config-'));
    const first = ensureTokenSecret(loadConfig({ OCMW_DATA_DIR: dir }));
    const second = ensureTokenSecret(loadConfig({ OCMW_DATA_DIR: dir }));
    expect(first.tokenSecret.length).toBeGreaterThanOrEqual(32);
    expect(second.tokenSecret).toBe(first.tokenSecret);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

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

  it('requires a token secret in production, never seeds demo data there, and refuses a demo password there', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/OCMW_PAYLOAD_KEYS: is required[\s\S]*OCMW_TOKEN_SECRET: is required[\s\S]*OCMW_LABOUR_COURT_ADDRESS: is required/);
    const prod = {
      NODE_ENV: 'production',
      OCMW_TOKEN_SECRET: 'x'.repeat(40),
      OCMW_PAYLOAD_KEYS: `2026-12:${Buffer.alloc(32, 7).toString('base64')}`,
      OCMW_LABOUR_COURT_ADDRESS: 'Arbeidsrechtbank Antwerpen, Bolivarplaats 20, 2000 Antwerpen',
    };
    const c = loadConfig({ ...prod, OCMW_SEED_DEMO: 'true' });
    expect(c.seedDemoData).toBe(false);
    expect(() => loadConfig({ ...prod, OCMW_DEMO_PASSWORD: 'Demo-Wachtwoord-2026' })).toThrow(/OCMW_DEMO_PASSWORD: has no place in production/);
  });

  it('switches single sign-on on with all four OIDC settings (https in production), and off without them', () => {
    expect(loadConfig({}).oidc).toBeNull();
    const local = { OCMW_OIDC_ISSUER: 'http://127.0.0.1:9000', OCMW_OIDC_CLIENT_ID: 'ocmw', OCMW_OIDC_CLIENT_SECRET: 's3cret', OCMW_OIDC_REDIRECT_URI: 'http://localhost:3000/auth/oidc/callback' };
    expect(loadConfig(local).oidc).toEqual({
      issuer: 'http://127.0.0.1:9000', clientId: 'ocmw', clientSecret: 's3cret', redirectUri: 'http://localhost:3000/auth/oidc/callback',
      scopes: 'openid', subjectClaim: 'sub', label: 'de aanmelddienst van de gemeente',
    });
    expect(loadConfig({ ...local, OCMW_OIDC_SUBJECT_CLAIM: 'oid', OCMW_OIDC_LABEL: 'Microsoft Entra ID' }).oidc).toMatchObject({ subjectClaim: 'oid', label: 'Microsoft Entra ID' });
    expect(() => loadConfig({ OCMW_OIDC_ISSUER: 'https://login.example/' })).toThrow(/OCMW_OIDC_CLIENT_ID: is required[\s\S]*OCMW_OIDC_CLIENT_SECRET: is required[\s\S]*OCMW_OIDC_REDIRECT_URI: is required/);
    expect(() => loadConfig({ ...local, OCMW_OIDC_ISSUER: 'http://idp.gemeente.example' })).toThrow(/OCMW_OIDC_ISSUER: must be https/);
    expect(() => loadConfig({ ...local, OCMW_OIDC_SCOPES: 'email' })).toThrow(/OCMW_OIDC_SCOPES: must include openid/);
    expect(() => loadConfig({ ...local, OCMW_OIDC_SUBJECT_CLAIM: 'e-mail' })).toThrow(/OCMW_OIDC_SUBJECT_CLAIM/);
  });

  it('takes the schema owner apart from the application role, only beside DATABASE_URL', () => {
    const prod = {
      NODE_ENV: 'production',
      OCMW_TOKEN_SECRET: 'x'.repeat(40),
      OCMW_PAYLOAD_KEYS: `2026-12:${Buffer.alloc(32, 7).toString('base64')}`,
      OCMW_LABOUR_COURT_ADDRESS: 'Arbeidsrechtbank Antwerpen, Bolivarplaats 20, 2000 Antwerpen',
      DATABASE_URL: 'postgres://ocmw_app:x@db/ocmw',
    };
    expect(loadConfig(prod).databaseOwnerUrl).toBeNull(); // the worker's configuration: it does not migrate
    expect(loadConfig({ ...prod, DATABASE_OWNER_URL: 'postgres://ocmw_owner:y@db/ocmw' }).databaseOwnerUrl).toBe('postgres://ocmw_owner:y@db/ocmw');
    expect(loadConfig({ DATABASE_URL: 'postgres://ocmw:x@db/ocmw' }).databaseOwnerUrl).toBeNull();
    expect(() => loadConfig({ DATABASE_OWNER_URL: 'postgres://ocmw_owner:y@db/ocmw' })).toThrow(/DATABASE_OWNER_URL: goes with DATABASE_URL/);
    expect(() => loadConfig({ DATABASE_URL: 'postgres://a@db/o', DATABASE_OWNER_URL: 'mysql://b' })).toThrow(/DATABASE_OWNER_URL: must be a postgres/);
  });

  it('binds the API to the loopback interface unless a bind address is configured', () => {
    expect(loadConfig({}).bindAddress).toBe('127.0.0.1');
    expect(loadConfig({ OCMW_BIND_ADDRESS: '0.0.0.0' }).bindAddress).toBe('0.0.0.0');
    expect(loadConfig({ OCMW_BIND_ADDRESS: '::' }).bindAddress).toBe('::');
    expect(() => loadConfig({ OCMW_BIND_ADDRESS: 'everywhere' })).toThrow(/OCMW_BIND_ADDRESS: must be an IP address/);
  });

  it('limits failed logins: 5 per username, 20 per address in 15 minutes, locked for 15 minutes; validated', () => {
    expect(loadConfig({}).login).toEqual({ maxFailuresPerUser: 5, maxFailuresPerAddress: 20, windowMinutes: 15, lockoutMinutes: 15 });
    expect(loadConfig({ OCMW_LOGIN_MAX_FAILURES_PER_ADDRESS: '200' }).login.maxFailuresPerAddress).toBe(200);
    let error: unknown;
    try {
      loadConfig({ OCMW_LOGIN_MAX_FAILURES_PER_USER: '0', OCMW_LOGIN_WINDOW_MINUTES: 'kwartier', OCMW_LOGIN_LOCKOUT_MINUTES: '-5' });
    } catch (e) {
      error = e;
    }
    expect((error as ConfigError).problems.map((p) => p.key).sort()).toEqual(['OCMW_LOGIN_LOCKOUT_MINUTES', 'OCMW_LOGIN_MAX_FAILURES_PER_USER', 'OCMW_LOGIN_WINDOW_MINUTES']);
  });

  it('keeps documents under the data folder by default (10 MB at most), or in an S3-compatible bucket fully configured', () => {
    expect(loadConfig({ OCMW_DATA_DIR: '/srv/ocmw' }).documents).toEqual({ store: 'fs', dir: path.resolve('/srv/ocmw/documents'), maxBytes: 10 * 1024 * 1024, s3: null });
    const s3 = loadConfig({
      OCMW_DOCUMENT_STORE: 's3', OCMW_S3_ENDPOINT: 'http://minio:9000', OCMW_S3_BUCKET: 'docs', OCMW_S3_ACCESS_KEY: 'k', OCMW_S3_SECRET_KEY: 's', OCMW_DOCUMENT_MAX_BYTES: '5000',
    }).documents;
    expect(s3).toMatchObject({ store: 's3', maxBytes: 5000, s3: { endpoint: 'http://minio:9000', bucket: 'docs', region: 'us-east-1', accessKeyId: 'k', secretAccessKey: 's' } });
    let error: unknown;
    try {
      loadConfig({ OCMW_DOCUMENT_STORE: 's3', OCMW_S3_ENDPOINT: 'minio:9000', OCMW_DOCUMENT_MAX_BYTES: '0' });
    } catch (e) {
      error = e;
    }
    expect((error as ConfigError).problems.map((p) => p.key).sort()).toEqual(['OCMW_DOCUMENT_MAX_BYTES', 'OCMW_S3_ACCESS_KEY', 'OCMW_S3_BUCKET', 'OCMW_S3_ENDPOINT', 'OCMW_S3_SECRET_KEY']);
    expect(() => loadConfig({ OCMW_DOCUMENT_STORE: 'ftp' })).toThrow(/OCMW_DOCUMENT_STORE: must be fs or s3/);
  });

  it("reads the bank's CSV statements with a configured column mapping (';', DD/MM/YYYY, decimal comma by default); validated", () => {
    expect(loadConfig({}).bankCsv).toEqual({
      delimiter: ';',
      columns: { date: 'Datum', amount: 'Bedrag', reference: 'Referentie', counterpartyIban: 'Rekening tegenpartij', counterpartyName: 'Naam tegenpartij', description: 'Mededeling', account: 'Rekening' },
      dateFormat: 'DD/MM/YYYY', decimalSeparator: ',', maxBytes: 2 * 1024 * 1024,
    });
    const kbc = loadConfig({
      OCMW_BANK_CSV_DELIMITER: ',', OCMW_BANK_CSV_DATE_COLUMN: 'Boekingsdatum', OCMW_BANK_CSV_AMOUNT_COLUMN: 'Amount', OCMW_BANK_CSV_REFERENCE_COLUMN: 'Ref',
      OCMW_BANK_CSV_COUNTERPARTY_IBAN_COLUMN: 'IBAN', OCMW_BANK_CSV_DESCRIPTION_COLUMN: 'Info', OCMW_BANK_CSV_ACCOUNT_COLUMN: '', OCMW_BANK_CSV_DATE_FORMAT: 'YYYY-MM-DD', OCMW_BANK_CSV_DECIMAL_SEPARATOR: '.',
    }).bankCsv;
    expect(kbc).toMatchObject({ delimiter: ',', dateFormat: 'YYYY-MM-DD', decimalSeparator: '.', columns: { date: 'Boekingsdatum', amount: 'Amount', reference: 'Ref', counterpartyIban: 'IBAN', description: 'Info', account: null } });
    let error: unknown;
    try {
      loadConfig({ OCMW_BANK_CSV_DELIMITER: ';;', OCMW_BANK_CSV_DATE_FORMAT: 'MM/DD/YYYY', OCMW_BANK_CSV_DECIMAL_SEPARATOR: ' ' });
    } catch (e) {
      error = e;
    }
    expect((error as ConfigError).problems.map((p) => p.key).sort()).toEqual(['OCMW_BANK_CSV_DATE_FORMAT', 'OCMW_BANK_CSV_DECIMAL_SEPARATOR', 'OCMW_BANK_CSV_DELIMITER']);
  });

  it('generates a token secret once on the local default and keeps it in the data folder', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ocmw-config-'));
    const first = ensureTokenSecret(loadConfig({ OCMW_DATA_DIR: dir }));
    const second = ensureTokenSecret(loadConfig({ OCMW_DATA_DIR: dir }));
    expect(first.tokenSecret.length).toBeGreaterThanOrEqual(32);
    expect(second.tokenSecret).toBe(first.tokenSecret);
    // The payload key likewise: generated once, the same after a restart (the dev server's histories stay readable).
    expect(first.payloadKeys!.currentId).toBe('local-1');
    expect(second.payloadKeys!.keys.get('local-1')!.equals(first.payloadKeys!.keys.get('local-1')!)).toBe(true);
    expect(fs.statSync(path.join(dir, 'payload-keys')).mode & 0o077).toBe(0);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('reads the payload keys from OCMW_PAYLOAD_KEYS or a key file, the first one current, and names what is wrong', () => {
    const a = Buffer.alloc(32, 1).toString('base64');
    const b = Buffer.alloc(32, 2).toString('base64');
    const keys = loadConfig({ OCMW_PAYLOAD_KEYS: `2027-01:${b}, 2026-01:${a}` }).payloadKeys!;
    expect([keys.currentId, [...keys.keys.keys()]]).toEqual(['2027-01', ['2027-01', '2026-01']]);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ocmw-keys-'));
    const file = path.join(dir, 'keys');
    fs.writeFileSync(file, `2026-01:${a}\n`);
    expect(loadConfig({ OCMW_PAYLOAD_KEY_FILE: file }).payloadKeys!.currentId).toBe('2026-01');
    expect(() => loadConfig({ OCMW_PAYLOAD_KEY_FILE: path.join(dir, 'none') })).toThrow(/OCMW_PAYLOAD_KEY_FILE: no such file/);
    expect(() => loadConfig({ OCMW_PAYLOAD_KEY_FILE: file, OCMW_PAYLOAD_KEYS: `x:${a}` })).toThrow(/set one of them/);
    expect(() => loadConfig({ OCMW_PAYLOAD_KEYS: 'short:abcd' })).toThrow(/OCMW_PAYLOAD_KEYS: key short is not 32 bytes/);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

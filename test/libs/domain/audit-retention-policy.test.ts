import { DEFAULT_RETENTION_TEXT, parseRetentionPolicy, retentionDaysOf } from '../../../libs/domain/audit-retention-policy';
import { loadConfig } from '../../../libs/config/config';

describe('the audit retention policy', () => {
  it('takes the most specific rule: the kind itself, then the longest prefix, then the default', () => {
    const { policy } = parseRetentionPolicy('default=3650, auth.*=365, auth.login-failed=90, dossier.*=1825, dossier.read=730');
    expect(retentionDaysOf(policy!, 'auth.login')).toBe(365);
    expect(retentionDaysOf(policy!, 'auth.login-failed')).toBe(90);
    expect(retentionDaysOf(policy!, 'dossier.read')).toBe(730);
    expect(retentionDaysOf(policy!, 'dossier.listed')).toBe(1825);
    expect(retentionDaysOf(policy!, 'payment.ordered')).toBe(3650);
    expect(retentionDaysOf(parseRetentionPolicy(DEFAULT_RETENTION_TEXT).policy!, 'auth.login')).toBe(365);
  });

  it('names what is wrong in the configuration', () => {
    expect(parseRetentionPolicy('auth.*=365').problems).toEqual(['names default=<days>']);
    expect(parseRetentionPolicy('default=10j,a*b=3,x=0,default=5,x=1').problems).toEqual([
      '"default=10j" is not kind=days (a kind like auth.login, a prefix like auth.*, or default)',
      '"a*b=3" is not kind=days (a kind like auth.login, a prefix like auth.*, or default)',
      '"x=0": at least 1 day',
      '"x" is listed twice',
    ]);
    expect(() => loadConfig({ OCMW_AUDIT_RETENTION: 'auth.*=365' })).toThrow(/OCMW_AUDIT_RETENTION: names default=<days>/);
    expect(loadConfig({}).auditRetention).toEqual({ defaultDays: 3650, rules: [{ pattern: 'auth.*', days: 365 }] });
    expect(() => loadConfig({ OCMW_AUDIT_CHECKPOINT_KEYS: 'nokey' })).toThrow(/OCMW_AUDIT_CHECKPOINT_KEYS/);
  });
});

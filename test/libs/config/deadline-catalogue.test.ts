import { loadConfig } from '../../../libs/config/config';
import { loadDeadlineCatalogue } from '../../../libs/config/deadline-catalogue';
import { DEFAULT_CATALOGUE } from '../../../libs/deadlines/catalogue';
import { computeDeadline, findRule } from '../../../libs/deadlines/engine';

describe('the configured [U] terms of the deadline catalogue', () => {
  const due = (rules: typeof DEFAULT_CATALOGUE, ruleId: string, trigger: string) =>
    computeDeadline(findRule(rules, ruleId, trigger), trigger, { warningDays: 7, timeZone: 'Europe/Brussels' }).dueDate;

  it('ends social aid SA-9 calendar days after a final negative asylum decision: 30 by default, OCMW_ASYLUM_END_OF_AID_DAYS otherwise', () => {
    expect(loadConfig({}).asylumEndOfAidDays).toBeNull();
    expect(loadConfig({ OCMW_ASYLUM_END_OF_AID_DAYS: '45' }).asylumEndOfAidDays).toBe(45);
    expect(() => loadConfig({ OCMW_ASYLUM_END_OF_AID_DAYS: '0' })).toThrow(/OCMW_ASYLUM_END_OF_AID_DAYS/);
    expect(due(loadDeadlineCatalogue(null), 'SA-9', '2026-10-15')).toBe('2026-11-14');
    const configured = loadDeadlineCatalogue(null, { asylumEndOfAidDays: 45 });
    expect(due(configured, 'SA-9', '2026-10-15')).toBe('2026-11-29');
    expect(configured.find((r) => r.id === 'SA-9')!.sourceNote).toContain('OCMW_ASYLUM_END_OF_AID_DAYS');
    // The rule is dated: it applies to notifications since the law of 14 March 2024 took effect.
    expect(() => findRule(DEFAULT_CATALOGUE, 'SA-9', '2024-06-26')).toThrow();
  });
});

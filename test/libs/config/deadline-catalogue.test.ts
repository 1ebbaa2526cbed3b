import { loadConfig } from '../../../libs/config/config';
import { catalogueOf, loadDeadlineCatalogue } from '../../../libs/config/deadline-catalogue';
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

  it('gives the first counselling conversation the OCMW\'s service norm PB-1: 10 working days by default, OCMW_COUNSELLING_FIRST_APPOINTMENT_DAYS otherwise', () => {
    expect(loadConfig({}).counsellingFirstAppointmentDays).toBeNull();
    expect(() => loadConfig({ OCMW_COUNSELLING_FIRST_APPOINTMENT_DAYS: '0' })).toThrow(/OCMW_COUNSELLING_FIRST_APPOINTMENT_DAYS/);
    // Wednesday 2 December 2026: ten working days is Wednesday 16 December; five is Wednesday 9 December.
    expect(due(catalogueOf(loadConfig({})), 'PB-1', '2026-12-02')).toBe('2026-12-16');
    const five = catalogueOf(loadConfig({ OCMW_COUNSELLING_FIRST_APPOINTMENT_DAYS: '5' }));
    expect(due(five, 'PB-1', '2026-12-02')).toBe('2026-12-09');
    expect(five.find((r) => r.id === 'PB-1')!.sourceNote).toContain('OCMW_COUNSELLING_FIRST_APPOINTMENT_DAYS');
  });

  it('counts the 5 working days of the competence conflict (CO-2, CO-3) without Saturday by default, with it when OCMW_CONFLICT_SATURDAY=included', () => {
    expect(loadConfig({}).conflictSaturday).toBe('excluded');
    expect(() => loadConfig({ OCMW_CONFLICT_SATURDAY: 'sometimes' })).toThrow(/OCMW_CONFLICT_SATURDAY/);
    const monToFri = catalogueOf(loadConfig({}));
    const monToSat = catalogueOf(loadConfig({ OCMW_CONFLICT_SATURDAY: 'included' }));
    // Wednesday 2 December 2026: Thu, Fri, (Sat), Mon, Tue, Wed.
    expect(due(monToFri, 'CO-2', '2026-12-02')).toBe('2026-12-09');
    expect(due(monToSat, 'CO-2', '2026-12-02')).toBe('2026-12-08');
    expect(due(monToSat, 'CO-3', '2026-12-02')).toBe('2026-12-08');
    // Legal holidays never count: Christmas and New Year's Day.
    expect(due(monToFri, 'CO-3', '2026-12-24')).toBe('2027-01-04');
    expect(due(monToSat, 'CO-3', '2026-12-24')).toBe('2026-12-31');
    // Only the conflict's terms: the others keep their counting; the choice is named in the rule's note.
    expect(monToSat.find((r) => r.id === 'CO-1')!.counting).toBe('calendar-days');
    expect(monToSat.find((r) => r.id === 'CO-2')!.sourceNote).toContain('OCMW_CONFLICT_SATURDAY=included');
    const steps = computeDeadline(findRule(monToSat, 'CO-2', '2026-12-02'), '2026-12-02', { warningDays: 2, timeZone: 'Europe/Brussels' }).explanation;
    expect(steps.map((s) => s.text).join(' ')).toContain('zaterdagen tellen mee');
  });
});

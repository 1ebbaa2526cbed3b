import { withWet1965FormDays } from '../../../libs/config/deadline-catalogue';
import { loadConfig } from '../../../libs/config/config';
import { DEFAULT_CATALOGUE } from '../../../libs/deadlines/catalogue';
import { computeDeadline, findRule } from '../../../libs/deadlines/engine';
import { PARTNER_FORM_IDS, PARTNER_FORMS, partnerMessageLabel, partnerRefOf } from '../../../libs/partner-forms/registry';
import { validateSchema } from '../../../libs/validation/schema';

describe('partner-form registry', () => {
  it('keeps the POD MI B/C kinds, references and keys running leefloon dossiers have', () => {
    const B = PARTNER_FORMS['rmi:B'];
    const C = PARTNER_FORMS['rmi:C'];
    expect([B.kind, C.kind]).toEqual(['form-B', 'form-C']);
    expect([B.activity, C.activity]).toEqual(['sendPodMiForm', 'sendPodMiForm']);
    expect(partnerRefOf(B, 'LL-2026-000042', { decision: 'grant', decisionDate: '2026-10-27' })).toBe('LL-2026-000042:2026-10-27');
    expect(partnerRefOf(B, 'LL-2026-000042', { decision: 'revision', decisionDate: '2026-10-27' })).toBe('LL-2026-000042:revision:2026-10-27');
    expect(partnerRefOf(C, 'LL-2026-000042', { decision: 'refusal', decisionDate: '2026-10-27' })).toBe('LL-2026-000042:2026-10-27');
    expect(partnerRefOf(C, 'LL-2026-000042', { decision: 'stop', decisionDate: '2026-10-27' })).toBe('LL-2026-000042:stop:2026-10-27');
    expect(B.keyOf({ decisionDate: '2026-10-27' })).toBe('pod-mi-B-2026-10-27');
    expect(C.keyOf({ decisionDate: '2026-10-27' })).toBe('pod-mi-C-2026-10-27');
  });

  it('names a catalogue rule for every clock, and kinds and keys that never collide', () => {
    for (const id of PARTNER_FORM_IDS) {
      const form = PARTNER_FORMS[id];
      expect(form.id).toBe(id);
      if (form.clock) {
        expect(() => findRule(DEFAULT_CATALOGUE, form.clock!.ruleId, '2026-10-01')).not.toThrow();
        if (form.clock.lossRuleId) expect(() => findRule(DEFAULT_CATALOGUE, form.clock!.lossRuleId!, '2026-10-01')).not.toThrow();
      }
    }
    expect(new Set(PARTNER_FORM_IDS.map((id) => PARTNER_FORMS[id].kind)).size).toBe(PARTNER_FORM_IDS.length);
    expect(PARTNER_FORMS['wet1965:D1'].clock).toBeNull();
  });

  it('validates Wet 1965 content: B1 needs decision, aid form, amount and start; D1 costs that add up; A beneficiaries by person id', () => {
    const B1 = PARTNER_FORMS['wet1965:B1'];
    const ok = { decisionDate: '2026-10-27', aidForm: 'financial', amountCents: 50000, frequency: 'once', startDate: '2026-10-27' };
    expect(validateSchema(B1.contentSchema, ok)).toEqual([]);
    expect(B1.check!(ok)).toEqual([]);
    expect(validateSchema(B1.contentSchema, { ...ok, aidForm: undefined, amountCents: 0 }).map((e) => e.path).sort()).toEqual(['/aidForm', '/amountCents']);
    expect(B1.check!({ ...ok, aidForm: 'equivalent-leefloon' })).toEqual(['form B1 for an equivalent leefloon needs the category (1, 2 or 3)']);

    const D1 = PARTNER_FORMS['wet1965:D1'];
    const claim = { periodFrom: '2026-10-01', periodTo: '2026-10-31', costs: [{ description: 'leefloon', amountCents: 100 }, { description: 'huur', amountCents: 50 }], totalCents: 150 };
    expect(validateSchema(D1.contentSchema, claim)).toEqual([]);
    expect(D1.check!(claim)).toEqual([]);
    expect(D1.check!({ ...claim, totalCents: 140 })).toEqual(['form D1: totalCents (140) is not the sum of the costs (150)']);
    expect(partnerRefOf(D1, 'MD-2026-000007', claim)).toBe('MD-2026-000007:2026-10-01:2026-10-31');

    const A = PARTNER_FORMS['wet1965:A'];
    expect(validateSchema(A.contentSchema, { startDate: '2026-10-01', beneficiaries: [] }).map((e) => e.path)).toEqual(['/beneficiaries']);
    expect(validateSchema(A.contentSchema, { startDate: '2026-10-01', beneficiaries: [{ personId: 'Jan Peeters', role: 'applicant' }] }).map((e) => e.path)).toEqual(['/beneficiaries/0/personId']);
  });

  it('sets the SA-6 term [U] from OCMW_WET1965_FORM_DAYS (default: the catalogue, 45 days)', () => {
    expect(loadConfig({}).wet1965FormDays).toBeNull();
    expect(loadConfig({ OCMW_WET1965_FORM_DAYS: '60' }).wet1965FormDays).toBe(60);
    expect(() => loadConfig({ OCMW_WET1965_FORM_DAYS: 'veel' })).toThrow(/OCMW_WET1965_FORM_DAYS/);
    const due = (rules: typeof DEFAULT_CATALOGUE) => computeDeadline(findRule(rules, 'SA-6', '2026-10-15'), '2026-10-15', { warningDays: 7, timeZone: 'Europe/Brussels' }).dueDate;
    expect(due(withWet1965FormDays(DEFAULT_CATALOGUE, null))).toBe('2026-11-29');
    expect(due(withWet1965FormDays(DEFAULT_CATALOGUE, 60))).toBe('2026-12-14');
    expect(DEFAULT_CATALOGUE.find((r) => r.id === 'SA-6')!.duration).toBe(45);
  });

  it('names partner messages in Dutch for the timeline', () => {
    expect(partnerMessageLabel('form-B')).toBe('formulier B');
    expect(partnerMessageLabel('wet1965-B1-reminder')).toBe('herinnering over formulier B1 (Wet 1965)');
    expect(partnerMessageLabel('forwarding')).toBe('forwarding');
  });
});

import { DEFAULT_LEEFLOON_AMOUNTS } from '../../../libs/payments/amounts';
import { PROCEDURES, taskKindOf } from '../../../libs/procedures';
import type { FactSource, ProcedureDefinition, TaskForm } from '../../../libs/procedures';
import { computationsFor, FACT_ROOTS, outcomeFields, prefillFor, resolve, TaskFacts } from '../../../libs/procedures/task-forms';


const facts = (over: Partial<TaskFacts> = {}): TaskFacts => ({
  dossier: { requestDate: '2026-03-10', channel: 'counter' },
  person: { firstName: 'Lotte', iban: 'BE71096123456769' },
  household: { size: 3 },
  tasks: {},
  events: {},
  ...over,
});
const list = (s: FactSource) => (typeof s === 'string' ? [s] : [...s]);

describe('task forms: prefill and computations from the procedure definitions', () => {
  it('names only fields of the task kind, and paths into what the dossier knows (tasks and fields of the same procedure)', () => {
    for (const p of Object.values(PROCEDURES) as ProcedureDefinition[]) {
      for (const [kind, form] of Object.entries(p.forms ?? {}) as [string, TaskForm][]) {
        const fields = outcomeFields(taskKindOf(p.name, kind).outcomeSchema);
        const sources = [
          ...Object.entries(form.prefill ?? {}),
          ...Object.entries(form.computed ?? {}).flatMap(([field, c]) => Object.values(c.inputs).map((s) => [field, s] as const)),
        ];
        for (const [field, source] of sources) {
          expect(`${p.name}/${kind}: ${[...fields].includes(field)}`).toBe(`${p.name}/${kind}: true`);
          for (const path of list(source)) {
            const [root, name, sub] = path.split('.');
            expect(FACT_ROOTS).toContain(root);
            if (root === 'tasks') expect(outcomeFields(taskKindOf(p.name, name).outcomeSchema).has(sub)).toBe(true);
            if (root === 'events') expect(Object.keys(p.events[name]?.schema.properties ?? {})).toContain(sub);
            if (root === 'form') expect(fields.has(name)).toBe(true);
          }
        }
      }
    }
  });

  it('prefills the leefloon social report from the inquiry and the request', () => {
    const known = facts({ tasks: { 'social-inquiry': { proposedCategory: 2, monthlyResourcesCents: 0 } } });
    expect(prefillFor('leefloon', 'social-report', known)).toEqual({
      values: { category: 2, startDate: '2026-03-10' },
      sources: { category: 'tasks.social-inquiry.proposedCategory', startDate: 'dossier.requestDate' },
    });
    // Nothing known: nothing prefilled (no undefined, no nulls).
    expect(prefillFor('leefloon', 'social-report', facts({ dossier: {} }))).toEqual({ values: {}, sources: {} });
    expect(prefillFor('leefloon', 'social-inquiry', known).values).toEqual({ householdSize: 3 });
    expect(prefillFor('social-aid', 'collect-iban', known).values).toEqual({ iban: 'BE71096123456769' });
    expect(prefillFor('leefloon', 'gpmi-evaluation', known)).toEqual({ values: {}, sources: {} });
  });

  it('takes the first path with a value: the last review before the report before the inquiry', () => {
    const review = { 'yearly-review': { category: 1, monthlyResourcesCents: 5000 } };
    const earlier = { 'social-report': { category: 3 }, 'social-inquiry': { proposedCategory: 2, monthlyResourcesCents: 0 } };
    expect(prefillFor('leefloon', 'yearly-review', facts({ tasks: { ...earlier, ...review } })).values).toEqual({ category: 1, monthlyResourcesCents: 5000 });
    expect(prefillFor('leefloon', 'yearly-review', facts({ tasks: earlier })).values).toEqual({ category: 3, monthlyResourcesCents: 0 });
    expect(prefillFor('leefloon', 'yearly-review', facts({ tasks: { 'social-inquiry': earlier['social-inquiry'] } })).values.category).toBe(2);
    expect(resolve(facts(), ['person.none', 'person.firstName'])).toEqual({ path: 'person.firstName', value: 'Lotte' });
    expect(resolve(facts(), 'tasks.__proto__.x')).toBeUndefined();
  });

  it('computes the monthly amount with the dated amounts, the form\'s category and start date and the inquiry\'s resources', () => {
    const inquiry = { 'social-inquiry': { monthlyResourcesCents: 20000 } };
    const [single] = computationsFor('leefloon', 'social-report', facts({ tasks: inquiry, form: { category: 2, startDate: '2026-01-15' } }), DEFAULT_LEEFLOON_AMOUNTS);
    expect(single).toMatchObject({
      field: 'monthlyAmountCents', amountCents: 131420 - 20000, categoryAmountCents: 131420, resourcesCents: 20000, category: 2,
      categoryName: 'alleenstaande', month: '2026-01', validFrom: '2025-02-01', missing: [],
    });
    expect(single.explanation).toContain('€ 1.314,20 min bestaansmiddelen € 200,00');
    // No start date typed: the month of the request; an earlier month takes the amounts then in force.
    const [old] = computationsFor('leefloon', 'social-report', facts({ tasks: inquiry, dossier: { requestDate: '2024-06-03' }, form: { category: 3 } }), DEFAULT_LEEFLOON_AMOUNTS);
    expect(old).toMatchObject({ amountCents: 174129 - 20000, validFrom: '2024-05-01', month: '2024-06' });
    // No category yet, no inquiry: what is missing, no amount.
    const [none] = computationsFor('leefloon', 'social-report', facts({ form: { category: 'x' } }), DEFAULT_LEEFLOON_AMOUNTS);
    expect(none).toMatchObject({ amountCents: null, missing: ['category', 'monthlyResourcesCents'] });
    // Before the amount table begins.
    const [early] = computationsFor('leefloon', 'social-report', facts({ tasks: inquiry, form: { category: 1, startDate: '2019-05-01' } }), DEFAULT_LEEFLOON_AMOUNTS);
    expect(early).toMatchObject({ amountCents: null, missing: ['amount-table'] });
    // Social aid's equivalent leefloon reads its own inquiry.
    const [equivalent] = computationsFor('social-aid', 'aid-report', facts({ tasks: { 'aid-inquiry': { monthlyResourcesCents: 0 } }, form: { category: 1 } }), DEFAULT_LEEFLOON_AMOUNTS);
    expect(equivalent).toMatchObject({ amountCents: 87613, month: '2026-03' });
    expect(computationsFor('leefloon', 'social-inquiry', facts(), DEFAULT_LEEFLOON_AMOUNTS)).toEqual([]);
  });
});

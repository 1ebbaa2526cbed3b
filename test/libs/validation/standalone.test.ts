import * as fs from 'node:fs';
import { generatedValidatorModules } from '../../../apps/cli/generated-validators';
import { LEEFLOON_TASK_KINDS as TASK_KINDS } from '../../../libs/tasks/task-kinds';
import { OUTCOME_VALIDATORS } from '../../../libs/tasks/outcome-validators.generated';
import { runValidator } from '../../../libs/validation/checks';
import { validateSchema } from '../../../libs/validation/schema';

describe('the standalone validators the workflows import', () => {
  it.each(generatedValidatorModules().map((m) => [m.file.replace(/.*\/libs\//, 'libs/'), m] as const))(
    '%s is up to date with its schemas (else: npm run generate:validators)',
    (_name, { file, source }) => {
      expect(fs.readFileSync(file, 'utf8')).toBe(source());
    },
  );

  it('contain no Ajv compiler and no code built from strings at run time', () => {
    const text = fs.readFileSync(generatedValidatorModules()[0].file, 'utf8');
    expect(text).not.toMatch(/new Function|eval\(|require\("ajv"\)|require\("ajv\/dist\/(2020|core|standalone)"\)/);
  });

  // The same schema, compiled at run time (the API) and ahead of time (the workflows), says the same.
  const samples: [string, unknown][] = [
    ['social-inquiry', {}],
    ['social-inquiry', { homeVisitDate: '2026-12-02', householdType: 'alone', householdSize: 0, monthlyResourcesCents: -1, proposedCategory: 4, hearingRequested: 'yes', extra: 1 }],
    ['social-report', { proposal: 'grant', motivation: '' }],
    ['decision', { result: 'granted', decisionDate: '1899-12-31', motivation: 'x\u0000' }],
    ['collect-iban', { iban: 'BE69539007547034' }],
    ['decision-notification', { mode: 'registered', date: '2026-11-30' }],
    ['yearly-review', { homeVisitDate: '2026-11-01', proposal: 'stop', monthlyResourcesCents: 0, category: 2, motivation: 'x' }],
    ['competence-check', { competent: false, rule: 'student' }],
  ];
  it.each(samples)('%s %j: run time and standalone agree', (kind, outcome) => {
    const options = { today: '2026-12-01' };
    const standalone = runValidator(OUTCOME_VALIDATORS[`leefloon/${kind}`]!, TASK_KINDS[kind as keyof typeof TASK_KINDS].outcomeSchema, outcome, options);
    expect(standalone).toEqual(validateSchema(TASK_KINDS[kind as keyof typeof TASK_KINDS].outcomeSchema, outcome, options));
    expect(standalone.length).toBeGreaterThan(0);
  });
});

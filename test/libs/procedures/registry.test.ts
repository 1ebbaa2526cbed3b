import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadConfig } from '../../../libs/config/config';
import { DEFAULT_CATALOGUE } from '../../../libs/deadlines/catalogue';
import { TEMPLATES } from '../../../libs/notices/templates';
import {
  councilDecisionBodySchema,
  eventRefusedInStatus,
  PROCEDURE_NAMES,
  procedureDefinition,
  PROCEDURES,
  statusLabel,
  taskKindOf,
  validateCouncilDecision,
  validateExternalEvent,
  validateTaskOutcome,
} from '../../../libs/procedures';
import { validateSchema } from '../../../libs/validation/schema';

const ROOT = path.resolve(__dirname, '../../..');
const sources = (dir: string): string[] =>
  fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [fs.readFileSync(path.join(ROOT, dir, e.name), 'utf8')] : [],
  );
/** The files of workflows/shared that `texts` import, directly or through each other. */
const sharedImports = (texts: string[]): string[] => {
  const seen = new Map<string, string>();
  const visit = (text: string) => {
    for (const m of text.matchAll(/from '\.\.?\/(?:shared\/)?([a-z0-9.-]+)'/g)) {
      const file = path.join(ROOT, 'workflows/shared', `${m[1]}.ts`);
      if (seen.has(file) || !fs.existsSync(file)) continue;
      seen.set(file, fs.readFileSync(file, 'utf8'));
      visit(seen.get(file)!);
    }
  };
  texts.forEach(visit);
  return [...seen.values()];
};
/** Every capture of `pattern` in a procedure's own workflow folder and in the shared runtime files its workflows use. */
const literals = (procedure: string, pattern: RegExp): string[] => {
  const found = new Set<string>();
  const own = sources(`workflows/${procedure}`);
  for (const text of [...own, ...sharedImports(own)]) {
    for (const m of text.matchAll(pattern)) found.add(m[1]);
  }
  return [...found].sort();
};
const ctx = { today: '2026-04-10', requestDate: '2026-03-02' };

describe.each(PROCEDURE_NAMES)('the definition of %s', (name) => {
  const p = procedureDefinition(name);

  it('labels in Dutch every status its workflows can set, in one order', () => {
    // `{ status: 'X' }` in an event, `status: 'X'` in a result, `dossier.status = 'X'`, the runtime's initial status.
    const set = literals(name, /status(?::| =) '([A-Z][A-Z_]+)'/g);
    // The scan finds them (a renamed option would leave it empty): all but one of a small procedure's, 10 of a large one's.
    expect(set.length).toBeGreaterThanOrEqual(Math.min(10, p.statuses.length - 1));
    const codes = p.statuses.map((s) => s.code);
    expect(set.filter((code) => !codes.includes(code))).toEqual([]);
    expect(new Set(codes).size).toBe(codes.length);
    expect(p.statuses.map((s) => s.order)).toEqual(p.statuses.map((_, i) => i + 1));
    for (const s of p.statuses) {
      expect(s.label.trim()).not.toBe('');
      expect(s.label).not.toBe(s.code);
    }
  });

  it('defines every task kind its workflows open, with a Dutch title, a role and an outcome schema', () => {
    const opened = literals(name, /\.task\('([a-z-]+)'/g);
    expect(opened.length).toBeGreaterThan(Math.min(5, Object.keys(p.taskKinds).length - 2));
    for (const kind of opened) {
      const k = taskKindOf(name, kind);
      expect(k).toMatchObject({ kind, title: expect.any(String), role: expect.any(String), outcomeSchema: { type: 'object' } });
    }
  });

  it('lists every letter template its workflows issue, each a known template', () => {
    const used = literals(name, /'([a-z]+(?:-[a-z]+)+)'/g).filter((s) => (TEMPLATES as readonly string[]).includes(s));
    // A procedure that issues no letter yet (the LOI) lists none.
    expect(used.length).toBeGreaterThan(Math.min(3, p.letters.templates.length - 1));
    expect(used.filter((t) => !p.letters.templates.includes(t as never))).toEqual([]);
    for (const t of p.letters.templates) expect(TEMPLATES).toContain(t);
  });

  it('is started and continued as workflow types the worker bundle exports', () => {
    const index = fs.readFileSync(path.join(ROOT, 'workflows/index.ts'), 'utf8');
    expect(p.workflowTypes).toContain(p.workflowType);
    for (const type of p.workflowTypes) expect(index).toMatch(new RegExp(`export \\{ ${type} \\} from './${name}/`));
  });

  it('names settings whose defaults are the configuration\'s', () => {
    const config = loadConfig({});
    const values: Record<string, number> = {
      OCMW_PAYDAY: config.payments.payday,
      OCMW_DOCUMENT_REMINDER_DAYS: config.notices.documentReminderDays,
      OCMW_PARTNER_REMINDER_DAYS: config.notices.partnerReminderDays,
      OCMW_LEEFGELD_WEEKDAY: config.debtMediation.leefgeldWeekday,
      OCMW_DEBT_EVALUATION_MONTHS: config.debtMediation.evaluationMonths,
      OCMW_CREDITOR_ANSWER_DAYS: config.debtMediation.creditorAnswerDays,
      OCMW_LOI_TRANSITION_MONTHS: config.loiResidency.transitionMonths,
      OCMW_INSTALMENT_GRACE_DAYS: config.rentGuarantee.instalmentGraceDays,
      OCMW_MAINTENANCE_DEBTOR_REPLY_DAYS: config.placementCosts.maintenanceDebtorReplyDays,
      // Unset, the catalogue's rule holds (SA-9, [U]); the setting's default is its duration.
      OCMW_ASYLUM_END_OF_AID_DAYS: config.asylumEndOfAidDays ?? DEFAULT_CATALOGUE.find((r) => r.id === 'SA-9')!.duration,
      // Unset, the catalogue's service norm holds (PB-1).
      OCMW_COUNSELLING_FIRST_APPOINTMENT_DAYS: config.counsellingFirstAppointmentDays ?? DEFAULT_CATALOGUE.find((r) => r.id === 'PB-1')!.duration,
    };
    for (const s of Object.values(p.settings)) expect([s.env, s.default]).toEqual([s.env, values[s.env]]);
  });

  it('gives each external event a Dutch title and an object schema', () => {
    for (const e of Object.values(p.events)) {
      expect(e.title.trim()).not.toBe('');
      expect(e.schema.type).toBe('object');
    }
  });
});

describe('the registry', () => {
  it('checks an external event against its procedure: an unknown type at /type, bad data under /data, dates against today', () => {
    const fact = { fact: 'stay-abroad', description: 'Drie weken naar Marokko voor een begrafenis.' };
    expect(validateExternalEvent('leefloon', 'new-fact-reported', fact, ctx.today)).toEqual([]);
    expect(validateExternalEvent('leefloon', 'asylum-decision', fact, ctx.today)).toEqual([expect.objectContaining({ path: '/type', code: 'unknown-event-type' })]);
    expect(validateExternalEvent('leefloon', 'new-fact-reported', { fact: 'weather' }, ctx.today).map((e) => e.path).sort()).toEqual(['/data/description', '/data/fact']);
    const forwarded = { forwardingOcmw: 'OCMW Aalst', reasons: 'Woont in Gent.', originalRequestDate: '2026-04-11' };
    expect(validateExternalEvent('leefloon', 'request-forwarded-by-ocmw', forwarded, ctx.today)).toEqual([expect.objectContaining({ path: '/data/originalRequestDate', code: 'not-future' })]);
    expect(validateExternalEvent('leefloon', 'request-forwarded-by-ocmw', { ...forwarded, originalRequestDate: '2026-04-01' }, ctx.today)).toEqual([]);
  });

  it('lets only the last claims reach state-reimbursed aid that ended (REIMBURSEMENT_CLAIMS takes only the Wet 1965 claims)', () => {
    expect(eventRefusedInStatus('social-aid', 'REIMBURSEMENT_CLAIMS', 'wet1965-claim')).toBeUndefined();
    expect(eventRefusedInStatus('social-aid', 'REIMBURSEMENT_CLAIMS', 'wet1965-medical-aid')).toBeUndefined();
    expect(eventRefusedInStatus('social-aid', 'REIMBURSEMENT_CLAIMS', 'competence-changed')).toBe(
      'the dossier is winding up (Steun beëindigd; terugbetaling door de Staat loopt nog): only wet1965-claim, wet1965-medical-aid still reach it',
    );
    expect(eventRefusedInStatus('social-aid', 'ACTIVE', 'competence-changed')).toBeUndefined();
  });

  it('has pure definitions: no Node, ORM or Nest import (workflows import them)', () => {
    const dir = path.join(ROOT, 'libs/procedures');
    for (const file of fs.readdirSync(dir)) {
      const text = fs.readFileSync(path.join(dir, file), 'utf8');
      for (const [, spec] of text.matchAll(/from '([^']+)'/g)) {
        expect([file, spec.startsWith('.') && !/\/(db|config|infra)\//.test(spec)]).toEqual([file, true]);
      }
    }
  });

  it('looks task kinds up by procedure and kind, and knows no procedure it does not define', () => {
    expect(taskKindOf('leefloon', 'social-inquiry').title).toBe('Sociaal onderzoek');
    // The stored kind of dossiers from before the council agenda: running dossiers still have such task rows.
    expect(taskKindOf('leefloon', 'decision').role).toBe('council-secretary');
    expect(() => taskKindOf('leefloon', 'toString')).toThrow(/unknown task kind/);
    expect(() => taskKindOf('huurwaarborg', 'social-inquiry')).toThrow(/unknown procedure/);
    expect(() => procedureDefinition('maatschappelijke-dienstverlening')).toThrow(/unknown procedure/);
    expect(taskKindOf('social-aid', 'aid-inquiry').title).toBe('Sociaal onderzoek (maatschappelijke dienstverlening)');
    expect(() => taskKindOf('social-aid', 'social-inquiry')).toThrow(/unknown task kind/);
    expect(validateTaskOutcome('leefloon', 'competence-check', { competent: false, rule: 'other' }, ctx).map((e) => e.path)).toEqual(['/competentOcmw', '/reasons']);
  });

  it('labels statuses in Dutch, and shows an unknown status as its code', () => {
    expect(statusLabel('leefloon', 'ON_AGENDA')).toBe('Geagendeerd op het BCSD');
    expect(statusLabel('leefloon', 'ACTIVE')).toBe('Leefloon loopt');
    expect(statusLabel('leefloon', 'SOMETHING_NEW')).toBe('SOMETHING_NEW');
    expect(statusLabel('huurwaarborg', 'ACTIVE')).toBe('ACTIVE');
  });

  it('checks council decisions against the procedure\'s schema for the kind of item', () => {
    const grant = { result: 'granted', decisionDate: '2026-03-17', motivation: 'Voldoet.', category: 2, monthlyAmountCents: 131_420, startDate: '2026-03-02' };
    expect(validateCouncilDecision('leefloon', 'decision', grant, ctx)).toEqual([]);
    expect(validateCouncilDecision('leefloon', 'decision', { result: 'granted', decisionDate: '2026-03-17', motivation: 'x' }, ctx).map((e) => e.path))
      .toEqual(['/category', '/monthlyAmountCents', '/startDate']);
    expect(validateCouncilDecision('leefloon', 'decision', { ...grant, decisionDate: '2026-03-01' }, ctx)).toEqual([expect.objectContaining({ path: '/decisionDate', code: 'too-early' })]);
    expect(validateCouncilDecision('leefloon', 'decision', { result: 'stopped', decisionDate: '2026-03-17', motivation: 'Werk gevonden.' }, ctx)).toEqual([]);
    // A ratification ratifies or overrules; it grants nothing and carries no amount.
    expect(validateCouncilDecision('leefloon', 'ratification', { result: 'ratified', decisionDate: '2026-03-24', motivation: 'Bekrachtigd.' }, ctx)).toEqual([]);
    expect(validateCouncilDecision('leefloon', 'ratification', grant, ctx).map((e) => e.path)).toEqual(expect.arrayContaining(['/result', '/category']));
    expect(() => validateCouncilDecision('huurwaarborg', 'decision', grant, ctx)).toThrow(/unknown procedure/);
  });

  it('accepts on the decision route every field some procedure decides, and nothing else', () => {
    const body = councilDecisionBodySchema();
    expect(Object.keys(body.properties ?? {}).sort()).toEqual([
      'aidDescription', 'aidForm', 'amountCents', 'category', 'durationMonths', 'guidanceType', 'monthlyAmountCents', 'motivation', 'payeePartyId', 'result', 'startDate',
    ]);
    expect(body.properties?.result.enum).toEqual(expect.arrayContaining(['granted', 'refused', 'revised', 'stopped', 'postponed', 'ratified', 'overruled']));
    expect(validateSchema(body, { result: 'granted', motivation: 'x', amount: 1 }).map((e) => e.path)).toEqual(['/amount']);
  });

  it('describes the proposals the leefloon puts before the BCSD', () => {
    const schema = PROCEDURES.leefloon.council.proposalSchema;
    const request = { reference: 'LL-2026-000001', proposal: 'grant', category: 2, monthlyAmountCents: 131_420, startDate: '2026-03-02', motivation: 'Geen inkomen.' };
    expect(validateSchema(schema, request)).toEqual([]);
    expect(validateSchema(schema, { reference: 'LL-2026-000001', proposal: 'stop', category: 2, startDate: '2026-12-31', motivation: 'Werk.' })).toEqual([]);
    expect(validateSchema(schema, { ...request, proposal: 'continue' }).map((e) => e.path)).toEqual(['/proposal']);
  });

  it('names the social aid appeal rule and pipeline terms: labour court, SA-5 (art. 71), SA-3 one calendar month, SA-4 art. 62bis', () => {
    const p = PROCEDURES['social-aid'];
    expect(p.letters.appeal).toMatchObject({ court: 'arbeidsrechtbank', ruleId: 'SA-5', term: 'drie maanden', legalBasis: expect.stringContaining('art. 71') });
    expect(p.deadlines).toEqual({ decision: 'SA-3', noDecisionAppeal: 'SA-5-NO-DECISION', forwarding: 'SA-2', notification: 'SA-4' });
    expect(p.letters.legalReasons).toMatch(/OCMW-wet\), art\. 1 .*art\. 57/);
    expect(p.letters.notificationBasis).toContain('art. 62bis OCMW-wet');
    expect(p.referencePrefix).toBe('MD');
  });

  it('asks the social aid report for its form of aid, and what each form must state', () => {
    const report = (o: Record<string, unknown>) => validateTaskOutcome('social-aid', 'aid-report', o, ctx).map((e) => `${e.path} ${e.code}`);
    expect(report({ proposal: 'grant', motivation: 'x' })).toEqual(['/aidForm required']);
    expect(report({ proposal: 'grant', aidForm: 'equivalent-leefloon', motivation: 'x' })).toEqual(['/category required', '/monthlyAmountCents required', '/startDate required']);
    expect(report({ proposal: 'grant', aidForm: 'one-off', motivation: 'x' })).toEqual(['/amountCents required', '/aidDescription required']);
    expect(report({ proposal: 'grant', aidForm: 'in-kind', aidDescription: 'Voedselpakketten', motivation: 'x' })).toEqual([]);
    expect(report({ proposal: 'grant', aidForm: 'guarantee', aidDescription: 'Huurwaarborg', motivation: 'x' })).toEqual(['/amountCents required']);
    expect(report({ proposal: 'refuse', motivation: 'x' })).toEqual([]);
  });

  it('refuses a social aid grant, proposed or decided, for an applicant with code 207 (art. 57ter OCMW-wet)', () => {
    const oneOff = { proposal: 'grant', aidForm: 'one-off', amountCents: 25_000, aidDescription: 'Energiefactuur', motivation: 'Nood.' };
    expect(validateTaskOutcome('social-aid', 'aid-report', oneOff, { ...ctx, rijksregisterCode: '206' })).toEqual([]);
    expect(validateTaskOutcome('social-aid', 'aid-report', oneOff, { ...ctx, rijksregisterCode: '207' })).toEqual([
      expect.objectContaining({ path: '/proposal', code: 'no-right-code-207', message: expect.stringContaining('art. 57ter') }),
    ]);
    expect(validateTaskOutcome('social-aid', 'aid-report', { proposal: 'refuse', motivation: 'Code 207.' }, { ...ctx, rijksregisterCode: '207' })).toEqual([]);
    const grant = { result: 'granted', decisionDate: '2026-03-17', aidForm: 'one-off', amountCents: 25_000, aidDescription: 'Energiefactuur', motivation: 'Nood.' };
    expect(validateCouncilDecision('social-aid', 'decision', grant, ctx)).toEqual([]);
    expect(validateCouncilDecision('social-aid', 'decision', grant, { ...ctx, rijksregisterCode: '207' }).map((e) => e.code)).toEqual(['no-right-code-207']);
    expect(validateCouncilDecision('social-aid', 'decision', { result: 'refused', decisionDate: '2026-03-17', motivation: 'Code 207.' }, { ...ctx, rijksregisterCode: '207' })).toEqual([]);
    expect(validateCouncilDecision('social-aid', 'decision', { result: 'granted', decisionDate: '2026-03-17', motivation: 'x' }, ctx).map((e) => e.path)).toEqual(['/aidForm']);
    // A leefloon decision knows no form of aid.
    expect(validateCouncilDecision('leefloon', 'decision', { ...grant, category: 2, monthlyAmountCents: 1, startDate: '2026-03-02' }, ctx).map((e) => e.path)).toEqual(expect.arrayContaining(['/aidForm']));
  });

  it('names the debt mediation appeal rule and pipeline terms: the social aid rules, art. 71 OCMW-wet, its own prefix and status', () => {
    const p = PROCEDURES['debt-mediation'];
    expect(p.title).toBe('Schuldbemiddeling en budgetbegeleiding (OCMW-wet)');
    expect(p.letters.appeal).toMatchObject({ court: 'arbeidsrechtbank', ruleId: 'SA-5', legalBasis: expect.stringContaining('art. 71') });
    expect(p.deadlines).toEqual({ decision: 'SA-3', noDecisionAppeal: 'SA-5-NO-DECISION', forwarding: 'SA-2', notification: 'SA-4' });
    expect(p.referencePrefix).toBe('SB');
    expect(p.statuses.find((s) => s.code === 'TRAJECTORY_ACTIVE')).toMatchObject({ label: 'Lopend traject' });
    for (const rule of ['SA-1', 'SA-2', 'SA-3', 'SA-4', 'SA-5', 'SA-5-NO-DECISION']) {
      expect(DEFAULT_CATALOGUE.find((r) => r.id === rule)!.procedures).toContain('debt-mediation');
    }
  });

  it('decides amicable debt mediation only when the OCMW is recognised for it on the decision date (decree 24 July 1996)', () => {
    const grant = { result: 'granted', decisionDate: '2026-03-17', guidanceType: 'amicable-mediation', durationMonths: 36, motivation: 'Haalbaar.' };
    const codes = (since: string | null | undefined) => validateCouncilDecision('debt-mediation', 'decision', grant, { ...ctx, debtMediationRecognisedSince: since }).map((e) => `${e.path} ${e.code}`);
    expect(codes(undefined)).toEqual(['/guidanceType not-recognised']);
    expect(codes(null)).toEqual(['/guidanceType not-recognised']);
    expect(codes('2026-04-01')).toEqual(['/guidanceType not-recognised']);
    expect(codes('2026-03-17')).toEqual([]);
    expect(validateCouncilDecision('debt-mediation', 'decision', { ...grant, guidanceType: 'budget-guidance' }, ctx)).toEqual([]);
    expect(validateCouncilDecision('debt-mediation', 'decision', { result: 'granted', decisionDate: '2026-03-17', motivation: 'x' }, ctx).map((e) => e.path))
      .toEqual(['/guidanceType', '/durationMonths']);
    const report = (o: Record<string, unknown>) => validateTaskOutcome('debt-mediation', 'debt-report', o, ctx).map((e) => `${e.path} ${e.code}`);
    expect(report({ proposal: 'grant', motivation: 'x' })).toEqual(['/guidanceType required', '/durationMonths required']);
    expect(report({ proposal: 'grant', guidanceType: 'budget-guidance', durationMonths: 12, motivation: 'x' })).toEqual([]);
  });

  it('names the leefloon appeal rule its letters cite: labour court, LL-10, art. 47 RMI-wet', () => {
    expect(PROCEDURES.leefloon.letters.appeal).toMatchObject({ court: 'arbeidsrechtbank', ruleId: 'LL-10', term: 'drie maanden', legalBasis: expect.stringContaining('art. 47') });
  });
});

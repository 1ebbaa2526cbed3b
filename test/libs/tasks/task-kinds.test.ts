import { LEEFLOON_TASK_KINDS as TASK_KINDS, TaskContext } from '../../../libs/tasks/task-kinds';
import { validateTaskOutcome } from '../../../libs/procedures';
const validateOutcome = (kind: string, outcome: unknown, ctx: TaskContext) => validateTaskOutcome('leefloon', kind, outcome, ctx);

const ctx: TaskContext = { today: '2026-12-01', requestDate: '2026-10-15', decisionDate: '2026-11-20' };
const codes = (kind: string, outcome: unknown, c: TaskContext = ctx) => validateOutcome(kind, outcome, c).map((e) => `${e.path}:${e.code}`);

describe('conditional requirements are if/then in the outcome schemas', () => {
  it('social-report: a proposed grant needs its category, amount and start date; a refusal does not', () => {
    expect(validateOutcome('social-report', { proposal: 'grant', motivation: 'm' }, ctx)).toEqual([
      { path: '/category', code: 'required', message: 'is required for a grant' },
      { path: '/monthlyAmountCents', code: 'required', message: 'is required for a grant' },
      { path: '/startDate', code: 'required', message: 'is required for a grant' },
    ]);
    expect(codes('social-report', { proposal: 'refuse', motivation: 'm' })).toEqual([]);
    expect(codes('social-report', { proposal: 'grant', motivation: 'm', category: 2, monthlyAmountCents: 131420, startDate: '2026-10-15' })).toEqual([]);
  });

  it('decision: a grant needs category, amount and start date', () => {
    const base = { decisionDate: '2026-11-20', motivation: 'm' };
    expect(codes('decision', { ...base, result: 'granted' })).toEqual(['/category:required', '/monthlyAmountCents:required', '/startDate:required']);
    expect(codes('decision', { ...base, result: 'refused' })).toEqual([]);
  });

  it('competence-check: not competent needs the competent OCMW and the reasons (a forwarding without reasons is void)', () => {
    expect(validateOutcome('competence-check', { competent: false, rule: 'usual-residence' }, ctx)).toEqual([
      { path: '/competentOcmw', code: 'required', message: 'is required when this OCMW is not competent' },
      { path: '/reasons', code: 'required', message: 'is required when this OCMW is not competent' },
    ]);
    expect(codes('competence-check', { competent: true, rule: 'usual-residence' })).toEqual([]);
  });

  it('decision-notification: a registered letter needs its tracking number', () => {
    expect(codes('decision-notification', { mode: 'registered', date: '2026-11-21' })).toEqual(['/trackingNumber:required']);
    expect(codes('decision-notification', { mode: 'against-receipt', date: '2026-11-21' })).toEqual([]);
  });

  it('yearly-review: a stop needs its end date', () => {
    const base = { homeVisitDate: '2026-11-01', monthlyResourcesCents: 0, category: 2, motivation: 'm' };
    expect(codes('yearly-review', { ...base, proposal: 'stop' })).toEqual(['/endDate:required']);
    expect(codes('yearly-review', { ...base, proposal: 'continue' })).toEqual([]);
  });

  it('the condition does not fire on a wrong value: the value itself is the error', () => {
    expect(codes('social-report', { proposal: 'maybe', motivation: 'm' })).toEqual(['/proposal:enum']);
  });

  it('the web form still finds every field and the always-required ones', () => {
    for (const k of Object.values(TASK_KINDS)) {
      expect(k.outcomeSchema.properties).toBeDefined();
      for (const name of k.outcomeSchema.required ?? []) expect(k.outcomeSchema.properties).toHaveProperty([name]);
    }
  });
});

describe('context checks stay named functions beside the schema', () => {
  it('a date before the request or the decision is too early', () => {
    expect(codes('forward-request', { forwardedTo: 'OCMW Gent', forwardDate: '2026-10-14', reasons: 'r' })).toEqual(['/forwardDate:too-early']);
    expect(codes('decision-notification', { mode: 'against-receipt', date: '2026-11-19' })).toEqual(['/date:too-early']);
    expect(codes('decision-notification', { mode: 'against-receipt', date: '2026-11-20' })).toEqual([]);
  });

  it('the chair decides a request\'s forwarding in urgency, not the information after a change of competence (CO-4)', () => {
    const forwarding = { forwardedTo: 'OCMW Gent', forwardDate: '2026-11-20', reasons: 'r', decidedBy: 'chair-urgent' };
    expect(codes('forward-request', forwarding)).toEqual([]);
    expect(codes('forward-request', forwarding, { ...ctx, competenceEndedOn: '2026-11-18' })).toEqual(['/decidedBy:not-applicable']);
    expect(codes('forward-request', { ...forwarding, decidedBy: 'social-service' }, { ...ctx, competenceEndedOn: '2026-11-18' })).toEqual([]);
  });

  it('does not forward a request to this OCMW itself', () => {
    const forwarding = { forwardedTo: 'OCMW Gent', forwardDate: '2026-11-20', reasons: 'r', forwardedToOcmw: '44021' };
    expect(codes('forward-request', forwarding, { ...ctx, ocmwNisCode: '44021' })).toEqual(['/forwardedToOcmw:this-ocmw']);
    expect(codes('forward-request', { ...forwarding, forwardedToOcmw: '11002' }, { ...ctx, ocmwNisCode: '44021' })).toEqual([]);
    expect(codes('forward-request', { ...forwarding, forwardedToOcmw: 'Gent' })).toEqual(['/forwardedToOcmw:pattern']);
  });

  it('not in the future is relative to the context day', () => {
    const outcome = { receivedOn: '2026-12-02', complete: true };
    expect(codes('documents-received', outcome)).toEqual(['/receivedOn:not-future']);
    expect(codes('documents-received', outcome, { ...ctx, today: '2026-12-02' })).toEqual([]);
  });
});

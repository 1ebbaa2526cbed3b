import { Action, ACTIONS, Actor, decide, Decision } from '../../../libs/auth/permissions';
import { Role, ROLES } from '../../../libs/auth/roles';

const actor = (role: Role): Actor => ({ id: `${role}-id`, role, team: 'demo' });
const own = { team: 'demo' };
const other = { team: 'noord' };

// The expected matrix, written out independently of the code: [role, action, own team, other team].
const A = 'allow', F = 'forbidden', N = 'not-found';
const expected: [Role, Action, Decision, Decision][] = [
  ['social-worker', 'person:create', A, A],
  ['social-worker', 'dossier:create', A, N],
  ['social-worker', 'dossier:read', A, N],
  ['social-worker', 'dossier:audit', F, F],
  ['social-worker', 'task:assign', F, F],
  ['social-worker', 'dashboard:read', F, F],
  ['social-worker', 'user:manage', F, F],
  ['team-lead', 'dossier:read', A, N],
  ['team-lead', 'dossier:audit', A, N],
  ['team-lead', 'task:assign', A, N],
  ['team-lead', 'dashboard:read', A, N],
  ['team-lead', 'escalation:acknowledge', A, N],
  // The figures: the team lead's own team, the admin every team; nobody else.
  ['team-lead', 'figures:read', A, N],
  ['social-worker', 'figures:read', F, F],
  ['council-secretary', 'figures:read', F, F],
  ['finance', 'figures:read', F, F],
  ['admin', 'figures:read', A, A],
  ['team-lead', 'user:manage', F, F],
  ['council-secretary', 'person:create', F, F],
  // Linking dossiers and a dossier's household: casework in the team's own dossiers.
  ['social-worker', 'dossier:link', A, N],
  ['team-lead', 'dossier:link', A, N],
  ['council-secretary', 'dossier:link', F, F],
  ['finance', 'dossier:link', F, F],
  ['admin', 'dossier:link', F, F],
  ['social-worker', 'dossier:household', A, N],
  ['team-lead', 'dossier:household', A, N],
  ['council-secretary', 'dossier:household', F, F],
  ['finance', 'dossier:household', F, F],
  ['admin', 'dossier:household', F, F],
  // Persons belong to no team: changing contact details, adding a national number and merging act on any person record.
  ['social-worker', 'person:update', A, A],
  ['team-lead', 'person:update', A, A],
  ['council-secretary', 'person:update', F, F],
  ['finance', 'person:update', F, F],
  ['admin', 'person:update', F, F],
  ['social-worker', 'person:add-national-number', A, A],
  ['team-lead', 'person:add-national-number', A, A],
  ['council-secretary', 'person:add-national-number', F, F],
  ['finance', 'person:add-national-number', F, F],
  ['social-worker', 'person:merge', F, F],
  ['team-lead', 'person:merge', A, A],
  ['council-secretary', 'person:merge', F, F],
  ['finance', 'person:merge', F, F],
  ['admin', 'person:merge', F, F],
  ['council-secretary', 'person:read', F, F],
  ['council-secretary', 'dossier:create', F, F],
  ['council-secretary', 'dossier:read', A, N],
  ['council-secretary', 'task:complete', A, N],
  ['finance', 'person:read', F, F],
  ['finance', 'dossier:read', A, N],
  ['finance', 'dossier:audit', F, F],
  ['admin', 'dossier:read', A, A],
  ['admin', 'dossier:audit', A, A],
  ['admin', 'task:assign', F, F],
  ['admin', 'council:manage', F, F],
  ['admin', 'deadline:change', F, F],
  ['admin', 'dossier:create', F, F],
  ['admin', 'user:manage', A, A],
  ['admin', 'task:complete', F, F],
  ['social-worker', 'deadline:change', F, F],
  ['team-lead', 'deadline:change', A, N],
  ['social-worker', 'deadline:recompute', F, F],
  ['team-lead', 'deadline:recompute', F, F],
  ['council-secretary', 'deadline:recompute', F, F],
  ['finance', 'deadline:recompute', F, F],
  ['admin', 'deadline:recompute', A, A],
  ['team-lead', 'team:reassign', A, N],
  ['council-secretary', 'team:reassign', F, F],
  ['finance', 'legal-deadlines:read', A, A],
  ['social-worker', 'notice:read', A, N],
  ['council-secretary', 'notice:read', A, N],
  ['finance', 'notice:read', A, N],
  ['admin', 'notice:read', A, A],
  ['social-worker', 'partner-message:read', A, N],
  ['council-secretary', 'partner-message:read', F, F],
  ['admin', 'partner-message:read', A, A],
  ['social-worker', 'partner-message:export', F, F],
  ['team-lead', 'partner-message:export', A, N],
  ['finance', 'partner-message:export', A, N],
  ['admin', 'partner-message:export', F, F],
  ['social-worker', 'partner-message:acknowledge', A, N],
  ['council-secretary', 'partner-message:acknowledge', F, F],
  ['admin', 'partner-message:acknowledge', F, F],
  ['finance', 'payment:read', A, N],
  ['finance', 'payment:batch', A, N],
  ['social-worker', 'payment:read', A, N],
  ['social-worker', 'payment:batch', F, F],
  ['team-lead', 'payment:read', A, N],
  ['team-lead', 'payment:batch', F, F],
  ['council-secretary', 'payment:read', F, F],
  ['admin', 'payment:read', A, A],
  ['admin', 'payment:batch', F, F],
  ['finance', 'payment:cash', A, N],
  ['social-worker', 'payment:cash', F, F],
  ['team-lead', 'payment:cash', F, F],
  ['council-secretary', 'payment:cash', F, F],
  ['admin', 'payment:cash', F, F],
  ['council-secretary', 'council:manage', A, A],
  ['team-lead', 'council:manage', F, F],
  // The agenda carries client names and proposals: the secretary sees every team's items, others only their own.
  ['social-worker', 'council:read', A, N],
  ['team-lead', 'council:read', A, N],
  ['council-secretary', 'council:read', A, A],
  ['finance', 'council:read', F, F],
  // Parties are one registry for every team; linking them is casework in the team's own dossiers.
  ['social-worker', 'party:read', A, A],
  ['social-worker', 'party:manage', A, A],
  ['social-worker', 'party:link', A, N],
  ['team-lead', 'party:read', A, A],
  ['team-lead', 'party:manage', A, A],
  ['team-lead', 'party:link', A, N],
  ['council-secretary', 'party:read', F, F],
  ['council-secretary', 'party:manage', F, F],
  ['council-secretary', 'party:link', F, F],
  ['finance', 'party:read', A, A],
  ['finance', 'party:manage', F, F],
  ['finance', 'party:link', F, F],
  ['admin', 'party:read', A, A],
  ['admin', 'party:manage', F, F],
  ['admin', 'party:link', F, F],
  // Events from outside: recorded by the team's social workers and team lead; no partner, no admin records one.
  ['social-worker', 'event:record', A, N],
  ['team-lead', 'event:record', A, N],
  ['council-secretary', 'event:record', F, F],
  ['finance', 'event:record', F, F],
  ['admin', 'event:record', F, F],
  ['social-worker', 'event:read', A, N],
  ['council-secretary', 'event:read', A, N],
  ['finance', 'event:read', F, F],
  ['admin', 'event:read', A, A],
  ['social-worker', 'intake:record', A, N],
  ['team-lead', 'intake:record', A, N],
  ['council-secretary', 'intake:record', F, F],
  ['finance', 'intake:record', F, F],
  ['admin', 'intake:record', F, F],
  ['social-worker', 'intake:import', A, N],
  ['team-lead', 'intake:import', A, N],
  ['council-secretary', 'intake:import', F, F],
  // Case notes: the team's own dossiers; the admin reads (non-confidential) notes and writes none.
  ['social-worker', 'note:read', A, N],
  ['social-worker', 'note:write', A, N],
  ['team-lead', 'note:write', A, N],
  ['council-secretary', 'note:read', F, F],
  ['finance', 'note:read', F, F],
  ['admin', 'note:read', A, A],
  ['admin', 'note:write', F, F],
  ['finance', 'intake:import', F, F],
  ['admin', 'intake:import', F, F],
  // Documents: the team's own dossiers; the admin reads (each download audited) and uploads or deletes none.
  ['social-worker', 'document:read', A, N],
  ['social-worker', 'document:upload', A, N],
  ['social-worker', 'document:delete', A, N],
  ['team-lead', 'document:read', A, N],
  ['team-lead', 'document:upload', A, N],
  ['team-lead', 'document:delete', A, N],
  ['council-secretary', 'document:read', F, F],
  ['council-secretary', 'document:upload', F, F],
  ['finance', 'document:read', F, F],
  ['finance', 'document:delete', F, F],
  ['admin', 'document:read', A, A],
  ['admin', 'document:upload', F, F],
  ['admin', 'document:delete', F, F],
  // The budget inventory: casework of the team; finance reads it (it pays the creditors later) and writes nothing.
  ['social-worker', 'inventory:read', A, N],
  ['social-worker', 'inventory:write', A, N],
  ['team-lead', 'inventory:read', A, N],
  ['team-lead', 'inventory:write', A, N],
  ['council-secretary', 'inventory:read', F, F],
  ['council-secretary', 'inventory:write', F, F],
  ['finance', 'inventory:read', A, N],
  ['finance', 'inventory:write', F, F],
  ['admin', 'inventory:read', A, A],
  ['admin', 'inventory:write', F, F],
  // Budget management: the social worker (and the team lead) plan; finance reads the account and imports its statements.
  ['social-worker', 'budget:read', A, N],
  ['social-worker', 'budget:plan', A, N],
  ['social-worker', 'budget:import', A, N],
  ['team-lead', 'budget:plan', A, N],
  ['council-secretary', 'budget:read', F, F],
  ['council-secretary', 'budget:plan', F, F],
  ['council-secretary', 'budget:import', F, F],
  ['finance', 'budget:read', A, N],
  ['finance', 'budget:plan', F, F],
  ['finance', 'budget:import', A, N],
  ['admin', 'budget:read', A, A],
  ['admin', 'budget:plan', F, F],
  ['admin', 'budget:import', F, F],
  // The state's reimbursement (Wet 1965): finance and the team lead claim it and record POD MI's answers.
  ['finance', 'reimbursement:claim', A, N],
  ['team-lead', 'reimbursement:claim', A, N],
  ['social-worker', 'reimbursement:claim', F, F],
  ['council-secretary', 'reimbursement:claim', F, F],
  ['finance', 'partner-message:answer', A, N],
  ['team-lead', 'partner-message:answer', A, N],
  ['social-worker', 'partner-message:answer', F, F],
  // The OCMW's own bank statement: finance imports it, for every team's dossiers (one account); nobody else.
  ['finance', 'payment:import-statement', A, A],
  ['social-worker', 'payment:import-statement', F, F],
  ['team-lead', 'payment:import-statement', F, F],
];

// The admin reads everything and manages users; it does no casework (README, role table).
const ADMIN_READS: Action[] = [
  'person:read', 'dossier:read', 'dossier:audit', 'task:read', 'dashboard:read', 'legal-deadlines:read', 'notice:read',
  'partner-message:read', 'payment:read', 'council:read', 'party:read', 'event:read', 'note:read', 'document:read',
  'figures:read', 'inventory:read', 'budget:read', 'loi:read',
];
/** System administration, the admin's alone: users, recomputing running dossiers' deadlines after a correction, decoding Temporal payloads, a data subject's export. */
const ADMIN_ONLY: Action[] = ['user:manage', 'deadline:recompute', 'temporal:codec', 'person:export'];
const CASEWORK: Action[] = [
  'person:create', 'person:update', 'person:add-national-number', 'person:merge', 'dossier:create', 'task:claim', 'task:complete', 'task:assign', 'escalation:acknowledge', 'deadline:change',
  'team:reassign', 'partner-message:export', 'partner-message:acknowledge', 'payment:batch', 'payment:cash', 'council:manage', 'party:manage', 'party:link',
  'event:record', 'intake:record', 'intake:import',
  'dossier:link', 'dossier:household', 'note:write', 'document:upload', 'document:delete', 'inventory:write',
  'budget:plan', 'budget:import', 'report:submit', 'loi:write', 'loi:sanction', 'partner-message:answer', 'reimbursement:claim',
  'payment:import-statement',
];

describe('permission matrix', () => {
  it.each(ADMIN_READS)('admin reads %s of every team', (action) => {
    expect(decide(actor('admin'), action, own)).toBe(A);
    expect(decide(actor('admin'), action, other)).toBe(A);
  });

  it.each(CASEWORK)('admin does no casework: %s is forbidden', (action) => {
    expect(decide(actor('admin'), action, own)).toBe(F);
    expect(decide(actor('admin'), action, other)).toBe(F);
    expect(decide(actor('admin'), action)).toBe(F);
  });

  it('lists every action once, as an admin read, user management or casework', () => {
    expect([...ADMIN_READS, ...ADMIN_ONLY, ...CASEWORK].sort()).toEqual([...ACTIONS].sort());
  });

  it.each(expected)('%s may %s: own team %s, other team %s', (role, action, ownTeam, otherTeam) => {
    expect(decide(actor(role), action, own)).toBe(ownTeam);
    expect(decide(actor(role), action, other)).toBe(otherTeam);
  });

  it('lets a role complete only the tasks meant for its role', () => {
    expect(decide(actor('social-worker'), 'task:complete', { team: 'demo', role: 'social-worker' })).toBe('allow');
    expect(decide(actor('social-worker'), 'task:complete', { team: 'demo', role: 'council-secretary' })).toBe('forbidden');
    expect(decide(actor('council-secretary'), 'task:claim', { team: 'demo', role: 'council-secretary' })).toBe('allow');
    expect(decide(actor('team-lead'), 'task:claim', { team: 'demo', role: 'social-worker' })).toBe('forbidden');
  });

  it('gives every role a decision for every action', () => {
    for (const role of ROLES) for (const action of ACTIONS) expect([A, F, N]).toContain(decide(actor(role), action, own));
  });
});

describe('administration is the admin\'s alone', () => {
  it.each(ADMIN_ONLY)('%s: admin yes, every other role no', (action) => {
    expect(decide(actor('admin'), action, other)).toBe(A);
    for (const role of ROLES.filter((r) => r !== 'admin')) expect(decide(actor(role), action, own)).toBe(F);
  });
});

import type { Role } from './roles';

/**
 * The role × team × action matrix, in one place. A scope says on whose data a role may act:
 *   'all'  — any team's;  'team' — only its own team's;  'none' — never (403);
 *   'own'  — own team, and only tasks meant for the caller's role; a task claimed by someone else is a conflict (409),
 *            an unclaimed one is claimed by completing it.
 * Data of another team is answered with 404 rather than 403: the caller may not know it exists.
 * The admin reads everything and manages users, and does no casework: no 'all' on an action that registers,
 * opens, assigns, acknowledges, changes a deadline, moves work or decides (the README's role table says the same).
 */
export type Scope = 'none' | 'own' | 'team' | 'all';

export const ACTIONS = [
  'person:create',
  'person:read',
  /** Change a person's contact details (address, e-mail, phone): persons belong to no team, like registering one. */
  'person:update',
  /** Add the national number (or BIS number) that arrived after the person was registered without one. */
  'person:add-national-number',
  /** Merge two records of the same person (a duplicate registration): moves its dossiers and identifiers. */
  'person:merge',
  /**
   * Export everything kept about a person (GDPR art. 15, the DPO's answer to a data subject): every team's dossiers,
   * notes and who read them. The admin only (the DPO works with the admin account); every export is audited.
   */
  'person:export',
  'dossier:create',
  'dossier:read',
  'dossier:audit',
  /** Linking two related dossiers by hand, and ending such a link: both in the team's own dossiers. */
  'dossier:link',
  /** Adding a household member (partner, child, other) to a dossier, and ending that membership. */
  'dossier:household',
  /** The case notes of a dossier (its journal); a confidential note only for its author, the responsible social worker and the team lead. */
  'note:read',
  /** Writing a case note, and changing one's own (earlier wordings are kept). */
  'note:write',
  /** The documents of a dossier (and of a person, across the team's dossiers); every download is audited. */
  /** The budget inventory of a dossier (incomes, fixed costs, debts); finance reads it (it pays the creditors later). */
  'inventory:read',
  /** Adding and changing incomes, fixed costs and debts of a dossier (debts are never deleted: they get a status). */
  'inventory:write',
  /** The budget plan of a budget-management dossier and its account (balance, imported movements); finance reads it (it batches the account). */
  'budget:read',
  /** Saving a new version of the budget plan (debt mediation): casework of the team. */
  'budget:plan',
  /** Importing a bank statement of a budget-management account: the social worker and finance. */
  'budget:import',
  'document:read',
  /** Uploading a document (PDF, JPEG, PNG) to a dossier. */
  'document:upload',
  /** Deleting (marking deleted) a document: its uploader or the team lead (the service checks who). */
  'document:delete',
  'task:read',
  'task:claim',
  'task:complete',
  'task:assign',
  'dashboard:read',
  /** The team lead's figures (deadlines met, breaches and causes, workload over time, dossiers opened/closed) and their exports. */
  'figures:read',
  /** Marking the debt mediation annual report submitted to the Flemish department (DEBT-1): the report team's lead. */
  'report:submit',
  /** The LOI's places, their occupancy and the monthly claim to Fedasil (read: the team; the team lead coordinates). */
  'loi:read',
  /** Adding LOI places and marking them suspended or out of use: the team lead, who coordinates the LOI. */
  'loi:write',
  /**
   * Recording an order measure or a sanction on an LOI resident (art. 44–46 Opvangwet): a decision of the reception
   * structure's responsible person, in an LOI the OCMW's LOI coordinator, the team lead ([U] whether the OCMW delegates
   * it to the BCSD's chair or another officer: then give that role this permission).
   */
  'loi:sanction',
  'escalation:acknowledge',
  'deadline:change',
  /** Send every running dossier recomputeDeadlines after a correction of the deadline engine (admin). */
  'deadline:recompute',
  'team:reassign',
  'legal-deadlines:read',
  'notice:read',
  'partner-message:read',
  'partner-message:export',
  'partner-message:acknowledge',
  /** A partner's answer beyond its receipt: POD MI accepts or refuses a Wet 1965 form or cost claim, with the amount reimbursed. */
  'partner-message:answer',
  /**
   * Claiming the state's reimbursement of aid under the Wet 1965 (a cost claim D1, D2, F; the decision on medical aid,
   * B2): finance, which keeps the costs, and the team lead.
   */
  'reimbursement:claim',
  /** The party records (creditors, landlords, other OCMWs, …): shared by every team. */
  'party:read',
  'party:manage',
  /** Linking a party to a dossier with a role, and ending that link: in the team's own dossiers. */
  'party:link',
  /** An event from outside reaches a dossier (a letter, a court order, a reported fact): recorded by a person, no partner logs in. */
  'event:record',
  'event:read',
  /** An event that opens a dossier (a request another OCMW forwarded, a Fedasil assignment): opened in the own team. */
  'intake:record',
  /** A file of events (for dossiers or intake), recorded all or nothing. */
  'intake:import',
  'payment:read',
  'payment:batch',
  /** Record that a cash payment was paid, against the receipt's reference (finance). */
  'payment:cash',
  /** Import the OCMW's own bank statement (camt.053): instalments paid with a plan's communication reach their dossier. */
  'payment:import-statement',
  'council:read',
  'council:manage',
  'user:manage',
  /**
   * Decode (and encode) Temporal payloads through the API's codec endpoint (/temporal-codec): an operator reading a
   * dossier's history with `temporal --codec-endpoint`. The admin only; every decode is audited.
   */
  'temporal:codec',
] as const;
export type Action = (typeof ACTIONS)[number];

//                                 social-worker  team-lead  council-secretary  finance  admin
const M: Record<Action, [Scope, Scope, Scope, Scope, Scope]> = {
  'person:create':                 ['all',        'all',     'none',            'none',  'none'],
  'person:read':                   ['all',        'all',     'none',            'none',  'all'],
  'person:update':                 ['all',        'all',     'none',            'none',  'none'],
  'person:add-national-number':    ['all',        'all',     'none',            'none',  'none'],
  'person:merge':                  ['none',       'all',     'none',            'none',  'none'],
  'person:export':                 ['none',       'none',    'none',            'none',  'all'],
  'dossier:create':                ['team',       'team',    'none',            'none',  'none'],
  'dossier:read':                  ['team',       'team',    'team',            'team',  'all'],
  'dossier:audit':                 ['none',       'team',    'none',            'none',  'all'],
  'dossier:link':                  ['team',       'team',    'none',            'none',  'none'],
  'dossier:household':             ['team',       'team',    'none',            'none',  'none'],
  'note:read':                     ['team',       'team',    'none',            'none',  'all'],
  'note:write':                    ['team',       'team',    'none',            'none',  'none'],
  'inventory:read':                ['team',       'team',    'none',            'team',  'all'],
  'inventory:write':               ['team',       'team',    'none',            'none',  'none'],
  'budget:read':                   ['team',       'team',    'none',            'team',  'all'],
  'budget:plan':                   ['team',       'team',    'none',            'none',  'none'],
  'budget:import':                 ['team',       'team',    'none',            'team',  'none'],
  'document:read':                 ['team',       'team',    'none',            'none',  'all'],
  'document:upload':               ['team',       'team',    'none',            'none',  'none'],
  'document:delete':               ['team',       'team',    'none',            'none',  'none'],
  'task:read':                     ['team',       'team',    'team',            'team',  'all'],
  'task:claim':                    ['own',        'own',     'own',             'own',   'none'],
  'task:complete':                 ['own',        'own',     'own',             'own',   'none'],
  'task:assign':                   ['none',       'team',    'none',            'none',  'none'],
  'dashboard:read':                ['none',       'team',    'none',            'none',  'all'],
  'figures:read':                  ['none',       'team',    'none',            'none',  'all'],
  'report:submit':                 ['none',       'team',    'none',            'none',  'none'],
  'loi:read':                      ['team',       'team',    'none',            'team',  'all'],
  'loi:write':                     ['none',       'team',    'none',            'none',  'none'],
  'loi:sanction':                  ['none',       'team',    'none',            'none',  'none'],
  'escalation:acknowledge':        ['none',       'team',    'none',            'none',  'none'],
  'deadline:change':               ['none',       'team',    'none',            'none',  'none'],
  'deadline:recompute':            ['none',       'none',    'none',            'none',  'all'],
  'team:reassign':                 ['none',       'team',    'none',            'none',  'none'],
  'legal-deadlines:read':          ['all',        'all',     'all',             'all',   'all'],
  'notice:read':                   ['team',       'team',    'team',            'team',  'all'],
  'partner-message:read':          ['team',       'team',    'none',            'team',  'all'],
  'partner-message:export':        ['none',       'team',    'none',            'team',  'none'],
  'partner-message:acknowledge':   ['team',       'team',    'none',            'team',  'none'],
  'partner-message:answer':        ['none',       'team',    'none',            'team',  'none'],
  'reimbursement:claim':           ['none',       'team',    'none',            'team',  'none'],
  'party:read':                    ['all',        'all',     'none',            'all',   'all'],
  'party:manage':                  ['all',        'all',     'none',            'none',  'none'],
  'party:link':                    ['team',       'team',    'none',            'none',  'none'],
  'event:record':                  ['team',       'team',    'none',            'none',  'none'],
  'event:read':                    ['team',       'team',    'team',            'none',  'all'],
  'intake:record':                 ['team',       'team',    'none',            'none',  'none'],
  'intake:import':                 ['team',       'team',    'none',            'none',  'none'],
  'payment:read':                  ['team',       'team',    'none',            'team',  'all'],
  'payment:batch':                 ['none',       'none',    'none',            'team',  'none'],
  'payment:cash':                  ['none',       'none',    'none',            'team',  'none'],
  'payment:import-statement':      ['none',       'none',    'none',            'all',   'none'],
  'council:read':                  ['team',       'team',    'all',             'none',  'all'],
  'council:manage':                ['none',       'none',    'all',             'none',  'none'],
  'user:manage':                   ['none',       'none',    'none',            'none',  'all'],
  'temporal:codec':                ['none',       'none',    'none',            'none',  'all'],
};
const COLUMN: Record<Role, number> = { 'social-worker': 0, 'team-lead': 1, 'council-secretary': 2, finance: 3, admin: 4 };

export function scopeOf(role: Role, action: Action): Scope {
  return M[action][COLUMN[role]];
}

export interface Actor {
  id: string;
  role: Role;
  team: string;
}

export type Decision = 'allow' | 'forbidden' | 'not-found';

/**
 * May `actor` do `action` on something that belongs to `target.team` (and, for tasks, is meant for `target.role`)? Without a target, only whether the role may do the action at all.
 */
export function decide(actor: Actor, action: Action, target?: { team: string; role?: string }): Decision {
  const scope = scopeOf(actor.role, action);
  if (scope === 'none') return 'forbidden';
  if (!target || scope === 'all') return 'allow';
  if (target.team !== actor.team) return 'not-found';
  if (scope === 'own' && target.role !== undefined && target.role !== actor.role) return 'forbidden';
  return 'allow';
}

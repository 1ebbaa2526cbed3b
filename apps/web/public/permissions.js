// Which roles may do the actions these screens offer: the rows of libs/auth/permissions.ts with a scope other than
// 'none' (test/libs/auth/web-permissions.test.ts keeps the two equal). Only what is shown; the API decides anyway.
export const MAY = {
  'event:record': ['social-worker', 'team-lead'],
  'event:read': ['social-worker', 'team-lead', 'council-secretary', 'admin'],
  'intake:record': ['social-worker', 'team-lead'],
  'intake:import': ['social-worker', 'team-lead'],
  'dossier:household': ['social-worker', 'team-lead'],
  'dossier:link': ['social-worker', 'team-lead'],
  'person:read': ['social-worker', 'team-lead', 'admin'],
  'note:read': ['social-worker', 'team-lead', 'admin'],
  'note:write': ['social-worker', 'team-lead'],
};

/** May the signed-in user (state.user) do `action`? */
export const may = (user, action) => (MAY[action] ?? []).includes(user?.role);

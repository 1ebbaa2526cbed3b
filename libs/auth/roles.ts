export const ROLES = ['social-worker', 'team-lead', 'council-secretary', 'finance', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** The roles as the people in them call themselves (the web app's header, user lists). */
export const ROLE_LABELS: Readonly<Record<Role, string>> = {
  'social-worker': 'maatschappelijk assistent',
  'team-lead': 'teamverantwoordelijke',
  'council-secretary': 'secretaris BCSD',
  finance: 'financiële dienst',
  admin: 'beheerder',
};

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

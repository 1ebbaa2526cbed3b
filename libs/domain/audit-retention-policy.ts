/**
 * How long each kind of audit event is kept (libs/db/audit-retention.ts deletes it afterwards). The periods are [U]: no
 * legal text fixes them for an OCMW's access logging (the KSZ minimum norms ask that logs be kept and protected; the
 * GDPR that nothing is kept longer than needed): configuration, OCMW_AUDIT_RETENTION. Pure: no I/O.
 */
export interface RetentionPolicy {
  defaultDays: number;
  /** `action` exact, or a prefix ending in `*` ("auth.*"): the most specific match wins. */
  rules: { pattern: string; days: number }[];
}

/** [U] defaults: ten years for what was done and seen in a file, one year for logins and failed logins. */
export const DEFAULT_RETENTION_TEXT = 'default=3650,auth.*=365';

/** "default=3650,auth.*=365,dossier.read=1825": days per kind of event. */
export function parseRetentionPolicy(text: string): { policy?: RetentionPolicy; problems: string[] } {
  const problems: string[] = [];
  let defaultDays: number | null = null;
  const rules: RetentionPolicy['rules'] = [];
  for (const entry of text.split(',').map((e) => e.trim()).filter(Boolean)) {
    const m = /^([a-z0-9.*-]+)=(\d{1,6})$/i.exec(entry);
    if (!m || (m[1].includes('*') && !/^[a-z0-9.-]*\*$/i.test(m[1]))) {
      problems.push(`"${entry}" is not kind=days (a kind like auth.login, a prefix like auth.*, or default)`);
      continue;
    }
    const days = Number(m[2]);
    if (days < 1) problems.push(`"${entry}": at least 1 day`);
    if (m[1] === 'default') defaultDays = days;
    else if (rules.some((r) => r.pattern === m[1])) problems.push(`"${m[1]}" is listed twice`);
    else rules.push({ pattern: m[1], days });
  }
  if (defaultDays === null) problems.push('names default=<days>');
  return problems.length ? { problems } : { policy: { defaultDays: defaultDays!, rules }, problems };
}

export function retentionDaysOf(policy: RetentionPolicy, action: string): number {
  const exact = policy.rules.find((r) => r.pattern === action);
  if (exact) return exact.days;
  const prefixes = policy.rules.filter((r) => r.pattern.endsWith('*') && action.startsWith(r.pattern.slice(0, -1)));
  prefixes.sort((a, b) => b.pattern.length - a.pattern.length);
  return prefixes[0]?.days ?? policy.defaultDays;
}


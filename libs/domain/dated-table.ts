/**
 * The checks every dated configuration table shares (the pocket money, the maintenance debtors' scale): a non-empty
 * array of versions, each with its `validFrom` day, its own fields, a `source` saying where its figures come from, and
 * the days in ascending order. Problems in English, for the configuration's error. Pure.
 */
export function datedTableProblems<T extends { validFrom: string; source: string }>(
  table: unknown,
  shape: string,
  fieldProblems: (version: Partial<T>, at: string) => string[],
  sourceOf = 'the figures come from',
): string[] {
  if (!Array.isArray(table) || table.length === 0) return [`is a non-empty array of versions ${shape}`];
  const problems: string[] = [];
  table.forEach((v: Partial<T>, i) => {
    if (typeof v?.validFrom !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(v.validFrom)) problems.push(`[${i}].validFrom is a date YYYY-MM-DD`);
    problems.push(...fieldProblems(v ?? {}, `[${i}]`));
    if (typeof v?.source !== 'string' || v.source.trim() === '') problems.push(`[${i}].source says where ${sourceOf}`);
    if (i > 0 && typeof v?.validFrom === 'string' && v.validFrom <= String((table[i - 1] as T).validFrom)) problems.push(`[${i}].validFrom follows the version before it`);
  });
  return problems;
}

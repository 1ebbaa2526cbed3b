/**
 * Leefloon amounts per category (shared/domain/ocmw-procedures.md §1.3) as DATED configuration, never constants:
 * the monthly amount of each category, in integer cents, from the day an indexation took effect. A legal officer adds
 * or corrects rows with OCMW_LEEFLOON_AMOUNTS_FILE (libs/config/leefloon-amounts.ts). Pure code: used by activities,
 * the API and tests; workflows get amounts through an activity (configuration may change, history may not).
 */
import { IsoDate, isValidIsoDate } from '../deadlines/calendar-date';
import { formatDateNl as dutchDate, formatMonthNl as dutchMonth, formatEuro as euro } from '../format/dutch';

/** 1 cohabitant (samenwonende), 2 single (alleenstaande), 3 living with a dependent family (gezin ten laste). */
export type LeefloonCategory = 1 | 2 | 3;
export const LEEFLOON_CATEGORIES: readonly LeefloonCategory[] = [1, 2, 3];

export const CATEGORY_NAMES: Record<LeefloonCategory, string> = {
  1: 'samenwonende',
  2: 'alleenstaande',
  3: 'persoon met gezin ten laste',
};

/** [V] stated in a public source, [V-sec] a secondary source, [U] unconfirmed. */
export type SourceStatus = 'V' | 'V-sec' | 'U';

export interface LeefloonAmountRow {
  /** First day the amounts apply: always the 1st of a month (indexations take effect on the 1st). */
  validFrom: IsoDate;
  /** Monthly amount per category, in integer cents. */
  amountsCents: Record<LeefloonCategory, number>;
  source: SourceStatus;
  /** Where the amounts were found. */
  reference: string;
  note?: string;
}

/** Rows sorted by validFrom; each row applies until the next one. */
export type LeefloonAmountTable = readonly LeefloonAmountRow[];

/** §1.3. Later indexations (2025/2026) may exist [U]: a legal officer adds them with OCMW_LEEFLOON_AMOUNTS_FILE. */
export const DEFAULT_LEEFLOON_AMOUNTS: LeefloonAmountTable = [
  {
    validFrom: '2021-01-01',
    amountsCents: { 1: 65645, 2: 98468, 3: 133074 },
    source: 'V',
    reference: 'https://www.mi-is.be/nl/actueel/stijging-van-het-leefloon-van-1-januari-2021',
    note: 'History check only: the indexations between 2021 and 1 Nov 2022 are not in this table.',
  },
  {
    validFrom: '2022-11-01',
    amountsCents: { 1: 77380, 2: 116070, 3: 156862 },
    source: 'V',
    reference: 'https://www.vvsg.be/nieuws/opnieuw-stijging-leefloonbedragen-en-zakgeld',
  },
  {
    validFrom: '2023-01-01',
    amountsCents: { 1: 80942, 2: 121413, 3: 164083 },
    source: 'V-sec',
    reference: 'https://www.securex.be/nl/lex4you/werkgever/actuele-bedragen/sociaalrechtelijke-bedragen/leefloon-actuele-bedragen',
  },
  {
    validFrom: '2024-05-01',
    amountsCents: { 1: 85897, 2: 128846, 3: 174129 },
    source: 'V-sec',
    reference: 'https://centenvoorstudenten.be/info/leefloon/bedrag-leefloon/',
  },
  {
    validFrom: '2025-02-01',
    amountsCents: { 1: 87613, 2: 131420, 3: 177607 },
    source: 'V-sec',
    reference: 'https://cpassivryrance.be/revenu-d-int%C3%A9gration/le-montant-du-ri-au-01-08-2022',
    note: 'Most recent amounts found (November 2026); check the POD MI table for later indexations.',
  },
];

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function isMonth(value: unknown): value is string {
  return typeof value === 'string' && MONTH.test(value);
}

export function isLeefloonCategory(value: unknown): value is LeefloonCategory {
  return value === 1 || value === 2 || value === 3;
}

/**
 * The row in force for `month` ('YYYY-MM'). Rule: the amount in force on the 1st of that month applies to the whole
 * month — indexations take effect on the 1st of a month, so an indexation of 1 May applies to all of May and none of
 * April, and no month is ever split between two amounts.
 */
export function amountRowFor(table: LeefloonAmountTable, month: string): LeefloonAmountRow {
  if (!isMonth(month)) throw new RangeError(`not a month YYYY-MM: ${month}`);
  const first = `${month}-01`;
  let found: LeefloonAmountRow | undefined;
  for (const row of table) if (row.validFrom <= first && (!found || row.validFrom > found.validFrom)) found = row;
  if (!found) throw new RangeError(`no leefloon amount is configured for ${month} (the table starts ${table[0]?.validFrom ?? 'nowhere'})`);
  return found;
}

/** The monthly amount of `category` in force on the 1st of `month`, in cents. */
export function amountFor(table: LeefloonAmountTable, category: LeefloonCategory, month: string): number {
  if (!isLeefloonCategory(category)) throw new RangeError(`not a leefloon category (1, 2 or 3): ${String(category)}`);
  return amountRowFor(table, month).amountsCents[category];
}

export interface MonthlyLeefloon {
  amountCents: number;
  categoryAmountCents: number;
  resourcesCents: number;
  /** Dutch, for the decision letter (§0.2: the amount and how the resources were taken into account). */
  computation: string;
}

/**
 * The leefloon is a differential amount (bijpassing, §1.3): the category amount minus the resources taken into
 * account, never below zero. The law computes it on a yearly basis (12 × monthly − yearly resources) / 12, which is
 * the same as the monthly difference when both are monthly figures.
 */
export function monthlyLeefloon(input: {
  category: LeefloonCategory;
  monthlyResourcesCents: number;
  month: string;
  table: LeefloonAmountTable;
}): MonthlyLeefloon {
  const { category, monthlyResourcesCents: resources, month, table } = input;
  if (!Number.isSafeInteger(resources) || resources < 0) throw new RangeError(`monthly resources must be whole cents ≥ 0: ${resources}`);
  const row = amountRowFor(table, month);
  const categoryAmountCents = amountFor(table, category, month);
  const amountCents = Math.max(0, categoryAmountCents - resources);
  const basis = `categorie ${category} (${CATEGORY_NAMES[category]}), bedrag geldig vanaf ${dutchDate(row.validFrom)}`;
  const computation =
    resources === 0
      ? `Leefloon ${dutchMonth(month)}, ${basis}: ${euro(categoryAmountCents)}; geen bestaansmiddelen in rekening gebracht; te betalen ${euro(amountCents)} per maand.`
      : `Leefloon ${dutchMonth(month)}, ${basis}: ${euro(categoryAmountCents)} min bestaansmiddelen ${euro(resources)} = ` +
        (amountCents === 0
          ? `${euro(0)}: de bestaansmiddelen zijn gelijk aan of hoger dan het bedrag van de categorie.`
          : `${euro(amountCents)} per maand.`);
  return { amountCents, categoryAmountCents, resourcesCents: resources, computation };
}

export class InvalidAmountTableError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid leefloon amount table:\n${problems.map((p) => `  ${p}`).join('\n')}`);
    this.name = 'InvalidAmountTableError';
  }
}

const ROW_FIELDS = new Set(['validFrom', 'amountsCents', 'source', 'reference', 'note']);

/**
 * Checks a legal officer's JSON (an array of rows) and returns it typed and sorted; throws InvalidAmountTableError
 * naming every problem. Amounts are integer cents (€ 1.314,20 is 131420).
 */
export function validateAmountTable(json: unknown): LeefloonAmountRow[] {
  if (!Array.isArray(json) || json.length === 0) throw new InvalidAmountTableError(['the table must be a non-empty array of rows']);
  const problems: string[] = [];
  const seen = new Set<string>();
  json.forEach((raw: unknown, index) => {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      problems.push(`row ${index}: not an object`);
      return;
    }
    const r = raw as Record<string, unknown>;
    const problem = (text: string) => problems.push(`row ${index} (${typeof r.validFrom === 'string' ? r.validFrom : '?'}): ${text}`);
    for (const key of Object.keys(r)) if (!ROW_FIELDS.has(key)) problem(`unknown field ${key}`);
    if (!isValidIsoDate(r.validFrom) || !r.validFrom.endsWith('-01')) {
      problem('validFrom must be the 1st of a month, YYYY-MM-01 (indexations take effect on the 1st)');
    } else if (seen.has(r.validFrom)) {
      problem('validFrom appears twice');
    } else {
      seen.add(r.validFrom);
    }
    const amounts = r.amountsCents as Record<string, unknown> | undefined;
    if (typeof amounts !== 'object' || amounts === null || Array.isArray(amounts)) {
      problem('amountsCents must be an object {"1": cents, "2": cents, "3": cents}');
    } else {
      for (const key of Object.keys(amounts)) if (!['1', '2', '3'].includes(key)) problem(`amountsCents: unknown category ${key}`);
      const values = LEEFLOON_CATEGORIES.map((c) => amounts[c]);
      LEEFLOON_CATEGORIES.forEach((c, i) => {
        if (!Number.isSafeInteger(values[i]) || (values[i] as number) <= 0) {
          problem(`amountsCents.${c} must be a positive whole number of cents (€ 1.314,20 is 131420)`);
        }
      });
      if (values.every((v) => Number.isSafeInteger(v)) && !((values[0] as number) < (values[1] as number) && (values[1] as number) < (values[2] as number))) {
        problem('amounts must rise from category 1 (cohabitant) to 2 (single) to 3 (family)');
      }
    }
    if (!['V', 'V-sec', 'U'].includes(r.source as string)) problem(`source must be V, V-sec or U; got ${String(r.source)}`);
    if (typeof r.reference !== 'string' || r.reference.trim() === '') problem('reference (where the amounts were found) must be a non-empty string');
    if (r.note !== undefined && typeof r.note !== 'string') problem('note must be a string');
  });
  if (problems.length > 0) throw new InvalidAmountTableError(problems);
  return (json as LeefloonAmountRow[])
    .map((r) => ({ ...r, amountsCents: { 1: r.amountsCents[1], 2: r.amountsCents[2], 3: r.amountsCents[3] } }))
    .sort((a, b) => (a.validFrom < b.validFrom ? -1 : 1));
}

/** The built-in table corrected by an override: a row with the same validFrom replaces, a new validFrom adds a row. */
export function mergeAmountTables(base: LeefloonAmountTable, override: LeefloonAmountTable): LeefloonAmountRow[] {
  const byDate = new Map(base.map((r) => [r.validFrom, r]));
  for (const row of override) byDate.set(row.validFrom, row);
  return [...byDate.values()].sort((a, b) => (a.validFrom < b.validFrom ? -1 : 1));
}

/** Dutch notation (as on the letters): libs/format/dutch.ts. */
export { dutchDate, dutchMonth, euro };

/**
 * The contribution of a maintenance debtor (onderhoudsplichtige) to placement costs (domain §11): the OCMW that pays
 * part of a care home's invoice may ask the resident's spouse and children to contribute, by the uniform scale of
 * art. 98 §2 OCMW-wet and its royal decree, and may waive it for equity reasons (several OCMWs have abolished the
 * recovery from children: a local choice, OCMW_MAINTENANCE_SCALE_FILE and the social worker's proposal per debtor).
 *
 * The scale's figures were not verified [U]: the shape is the one the scale is described with — the debtor's net
 * taxable income a year, less an exempt amount and an amount per dependant, of which a percentage is asked — and the
 * built-in version is a placeholder the OCMW replaces by its own dated table (never a constant in code). The debtors
 * together are never asked more than the OCMW pays: each one's contribution is capped at an equal share of it.
 * Pure: the placement costs workflow's activity calls it (activities/placement-costs/).
 */
import { compareDates, IsoDate } from '../deadlines/calendar-date';
import { formatDateNl, formatEuro } from '../format/dutch';
import { datedTableProblems } from './dated-table';

/** One version of the uniform scale, from the first day of the assessment year it applies to. */
export interface MaintenanceScaleVersion {
  validFrom: IsoDate;
  /** The part of the net taxable income a year that is never asked, in cents. */
  exemptYearlyCents: number;
  /** Added to the exempt part for each person the debtor has in charge, in cents a year. */
  perDependantYearlyCents: number;
  /** The percentage of what remains that is asked (0–100). */
  ratePercent: number;
  /** Where the figures come from, with their status ([V], [V-sec], [U]). */
  source: string;
}

/** [U] A placeholder: the OCMW's own table replaces it (OCMW_MAINTENANCE_SCALE_FILE). */
export const DEFAULT_MAINTENANCE_SCALE: readonly MaintenanceScaleVersion[] = [
  {
    validFrom: '2020-01-01', exemptYearlyCents: 2_800_000, perDependantYearlyCents: 400_000, ratePercent: 15,
    source: '[U] voorbeeldschaal, niet bevestigd: het OCMW vervangt ze door de eenvormige schaal die het toepast (art. 98 §2 OCMW-wet)',
  },
];

/** Problems of a scale table (English, for the configuration's error): none when it can be used. */
export function validateMaintenanceScale(table: unknown): string[] {
  return datedTableProblems<MaintenanceScaleVersion>(table, '{ validFrom, exemptYearlyCents, perDependantYearlyCents, ratePercent, source }', (v, at) => [
    ...(['exemptYearlyCents', 'perDependantYearlyCents'] as const).filter((f) => !Number.isSafeInteger(v[f]) || (v[f] as number) < 0).map((f) => `${at}.${f} is a number of cents ≥ 0`),
    ...(typeof v.ratePercent !== 'number' || !(v.ratePercent > 0 && v.ratePercent <= 100) ? [`${at}.ratePercent is a percentage above 0, at most 100`] : []),
  ]);
}

export interface MaintenanceContributionInput {
  /** The debtor's net taxable income of the assessment year (the tax assessment, aanslagbiljet), in cents. */
  netTaxableIncomeCents: number;
  /** The persons the debtor has in charge (the assessment's dependants). */
  dependants: number;
  /** The income year of the assessment: the scale in force on its 1 January applies. */
  incomeYear: number;
  /** The most this debtor is asked a month: an equal share of what the OCMW pays (the estimate of the decision). */
  capMonthlyCents: number;
}

export interface MaintenanceContribution {
  monthlyCents: number;
  /** What the scale asks a year before the cap. */
  scaleYearlyCents: number;
  capped: boolean;
  version: MaintenanceScaleVersion;
  text: string;
}

/**
 * What a maintenance debtor is asked a month: (income − exempt − dependants × amount) × rate, a year, divided by 12
 * and rounded down to the cent, capped at `capMonthlyCents`; nothing below the exempt part.
 */
export function maintenanceContribution(input: MaintenanceContributionInput, table: readonly MaintenanceScaleVersion[]): MaintenanceContribution {
  const { netTaxableIncomeCents, dependants, incomeYear, capMonthlyCents } = input;
  for (const [name, value] of [['income', netTaxableIncomeCents], ['dependants', dependants], ['cap', capMonthlyCents]] as const) {
    if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`the ${name} is a whole number ≥ 0: ${value}`);
  }
  if (!Number.isInteger(incomeYear) || incomeYear < 1990 || incomeYear > 2100) throw new RangeError(`not an income year: ${incomeYear}`);
  const first = `${incomeYear}-01-01`;
  const version = [...table].reverse().find((v) => compareDates(v.validFrom, first) <= 0);
  if (!version) throw new RangeError(`no uniform scale is known for the income year ${incomeYear}`);
  const exempt = version.exemptYearlyCents + dependants * version.perDependantYearlyCents;
  const above = Math.max(0, netTaxableIncomeCents - exempt);
  const scaleYearlyCents = Math.floor((above * version.ratePercent) / 100);
  const scaleMonthly = Math.floor(scaleYearlyCents / 12);
  const monthlyCents = Math.min(scaleMonthly, capMonthlyCents);
  const capped = monthlyCents < scaleMonthly;
  return {
    monthlyCents, scaleYearlyCents, capped, version,
    text: `Netto belastbaar inkomen ${incomeYear}: ${formatEuro(netTaxableIncomeCents)}; vrijgesteld ${formatEuro(version.exemptYearlyCents)}` +
      `${dependants > 0 ? ` plus ${dependants} × ${formatEuro(version.perDependantYearlyCents)} voor de personen ten laste` : ''}` +
      (above === 0
        ? `: het inkomen blijft onder het vrijgestelde bedrag, geen bijdrage`
        : `; ${version.ratePercent} % van ${formatEuro(above)} = ${formatEuro(scaleYearlyCents)} per jaar, ${formatEuro(scaleMonthly)} per maand` +
          `${capped ? `, beperkt tot ${formatEuro(monthlyCents)} (het deel van de verblijfskosten dat het OCMW betaalt, gedeeld door de onderhoudsplichtigen)` : ''}`) +
      ` (eenvormige schaal vanaf ${formatDateNl(version.validFrom)})`,
  };
}

/** The months a contribution is owed for, from `firstMonth` up to and including `month` ('YYYY-MM'); 0 before it. */
export function monthsOwed(firstMonth: string, month: string): number {
  const index = (m: string) => Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7)) - 1;
  return Math.max(0, index(month) - index(firstMonth) + 1);
}

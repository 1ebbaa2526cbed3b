/**
 * The contribution to placement costs (tussenkomst plaatsingskosten, domain §11): a resident of a residential care
 * centre (woonzorgcentrum) without enough means. The resident's income goes to the care home's invoice, less the pocket
 * money the resident keeps; the OCMW pays the rest of the invoice. Pure: the placement costs procedure's workflow and
 * its activity call these functions (workflows/placement-costs/, activities/placement-costs/).
 *
 * - Pocket money (zakgeld): a legal minimum, indexed — € 1.337,31 a year on 1 November 2022 [V] VVSG — plus a local
 *   top-up some OCMWs give (e.g. € 75 a month, [V-sec] Zonnebeke): dated configuration, never a constant. Later
 *   indexations were not found [U]: the table is the OCMW's to extend (OCMW_POCKET_MONEY_FILE).
 * - Savings: local ceilings were seen (e.g. € 3.750 single, € 6.250 a couple, [V-sec] Zonnebeke): a setting of the OCMW
 *   ([U]), above which the savings pay the invoice first.
 * - Property: taken into account (a mortgage, recovery at the sale) — the grant says so; property sold in the last ten
 *   years counts too ([V-sec] Zonnebeke): the inquiry records it.
 * - Maintenance debtors (art. 98 §2 OCMW-wet, the uniform scale of its KB): the scale is [U]; the OCMW may waive the
 *   recovery. Not computed here.
 */
import { compareDates, IsoDate } from '../deadlines/calendar-date';
import { formatDateNl, formatEuro } from '../format/dutch';
import { datedTableProblems } from './dated-table';

/** One version of the legal minimum pocket money, from the day it applies. */
export interface PocketMoneyVersion {
  validFrom: IsoDate;
  /** The legal minimum a year, in cents. */
  yearlyCents: number;
  /** Where the amount comes from, with its status ([V], [V-sec], [U]). */
  source: string;
}

export const DEFAULT_POCKET_MONEY: readonly PocketMoneyVersion[] = [
  { validFrom: '2022-11-01', yearlyCents: 133_731, source: '[V] VVSG: € 1.337,31 per jaar op 1 november 2022' },
];

/** Problems of a pocket money table (English, for the configuration's error): none when it can be used. */
export function validatePocketMoney(table: unknown): string[] {
  return datedTableProblems<PocketMoneyVersion>(table, '{ validFrom, yearlyCents, source }', (v, at) =>
    !Number.isSafeInteger(v.yearlyCents) || (v.yearlyCents as number) <= 0 ? [`${at}.yearlyCents is a positive number of cents`] : [], 'the amount comes from');
}

export interface PocketMoney {
  /** What the resident keeps this month: the legal minimum's month plus the local top-up. */
  monthlyCents: number;
  legalMonthlyCents: number;
  topUpCents: number;
  /** The version of the legal minimum that applies (its first day). */
  validFrom: IsoDate;
  text: string;
}

/**
 * The pocket money of a month ('YYYY-MM'): the legal minimum in force on its first day, a twelfth of the yearly amount
 * rounded to the cent, plus the local top-up a month. A month before the table's first version has none: a RangeError.
 */
export function pocketMoneyFor(month: string, table: readonly PocketMoneyVersion[], topUpCents = 0): PocketMoney {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) throw new RangeError(`not a month YYYY-MM: ${month}`);
  if (!Number.isSafeInteger(topUpCents) || topUpCents < 0) throw new RangeError(`the top-up is a number of cents ≥ 0: ${topUpCents}`);
  const first = `${month}-01`;
  const version = [...table].reverse().find((v) => compareDates(v.validFrom, first) <= 0);
  if (!version) throw new RangeError(`no pocket money amount is known for ${month}`);
  const legalMonthlyCents = Math.round(version.yearlyCents / 12);
  const monthlyCents = legalMonthlyCents + topUpCents;
  return {
    monthlyCents, legalMonthlyCents, topUpCents, validFrom: version.validFrom,
    text: `Zakgeld ${formatEuro(monthlyCents)} per maand: het wettelijk minimum ${formatEuro(version.yearlyCents)} per jaar ` +
      `(vanaf ${formatDateNl(version.validFrom)}) gedeeld door 12, ${formatEuro(legalMonthlyCents)}` +
      `${topUpCents > 0 ? `, plus ${formatEuro(topUpCents)} aanvulling van het OCMW` : ''}`,
  };
}

export interface MonthlySettlement {
  /** What the resident's income pays of the invoice: the income less the pocket money, at most the invoice. */
  residentShareCents: number;
  /** What the OCMW pays the care home: the rest of the invoice. */
  ocmwCents: number;
  pocketMoneyCents: number;
  /**
   * An income below the pocket money: what the OCMW pays the resident so that the legal minimum is kept (the resident
   * keeps the whole income, the invoice is the OCMW's).
   */
  pocketMoneyShortfallCents: number;
  text: string;
}

/**
 * A month's settlement of the care home's invoice: the resident's income, less the pocket money the resident keeps,
 * goes to the invoice; the OCMW pays the rest (§11). Nothing is negative: an income above the invoice plus the pocket
 * money leaves the OCMW nothing to pay; an income below the pocket money leaves the resident the whole income, and the
 * OCMW makes up the pocket money (the legal minimum is the resident's right).
 */
export function monthlySettlement(input: { invoiceCents: number; residentIncomeCents: number; pocketMoney: PocketMoney }): MonthlySettlement {
  const { invoiceCents, residentIncomeCents, pocketMoney } = input;
  for (const [name, value] of [['invoice', invoiceCents], ['income', residentIncomeCents]] as const) {
    if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`the ${name} is a number of cents ≥ 0: ${value}`);
  }
  const available = Math.max(0, residentIncomeCents - pocketMoney.monthlyCents);
  const residentShareCents = Math.min(invoiceCents, available);
  const ocmwCents = invoiceCents - residentShareCents;
  const pocketMoneyShortfallCents = Math.max(0, pocketMoney.monthlyCents - residentIncomeCents);
  return {
    residentShareCents, ocmwCents, pocketMoneyCents: pocketMoney.monthlyCents, pocketMoneyShortfallCents,
    text: `Factuur ${formatEuro(invoiceCents)}; inkomen ${formatEuro(residentIncomeCents)} min zakgeld ${formatEuro(pocketMoney.monthlyCents)} ` +
      `= ${formatEuro(available)} voor de factuur${available > invoiceCents ? ` (ten hoogste de factuur)` : ''}; het OCMW betaalt ${formatEuro(ocmwCents)}` +
      `${pocketMoneyShortfallCents > 0 ? ` en vult het zakgeld aan met ${formatEuro(pocketMoneyShortfallCents)}` : ''}`,
  };
}

export interface PlacementFacts {
  monthlyIncomeCents: number;
  /** The care home's price a month as the inquiry expects it (its price list). */
  expectedInvoiceCents: number;
  savingsCents: number;
  /** The OCMW's savings ceiling for this household ([U] local policy). */
  savingsCeilingCents: number;
  /** The resident owns property (or sold some in the last ten years). */
  property: boolean;
  pocketMoney: PocketMoney;
}

export type PlacementAssessment =
  | { grant: true; monthlyEstimateCents: number; text: string }
  | { grant: false; reasons: string[]; text: string };

/**
 * The proposal from the inquiry: refused when the income pays the expected invoice after the pocket money, or when the
 * savings above the ceiling pay it first; otherwise the expected monthly contribution, with what property means.
 */
export function assessPlacement(f: PlacementFacts): PlacementAssessment {
  const settlement = monthlySettlement({ invoiceCents: f.expectedInvoiceCents, residentIncomeCents: f.monthlyIncomeCents, pocketMoney: f.pocketMoney });
  const reasons: string[] = [];
  if (settlement.ocmwCents === 0) reasons.push(`Het inkomen (${formatEuro(f.monthlyIncomeCents)}) betaalt de verwachte factuur (${formatEuro(f.expectedInvoiceCents)}) na het zakgeld`);
  if (f.savingsCents > f.savingsCeilingCents) {
    reasons.push(`De spaargelden (${formatEuro(f.savingsCents)}) liggen boven het plafond van het OCMW (${formatEuro(f.savingsCeilingCents)}): ze betalen eerst de factuur`);
  }
  if (reasons.length) return { grant: false, reasons, text: `${reasons.join('. ')}.` };
  return {
    grant: true,
    monthlyEstimateCents: settlement.ocmwCents,
    text: `Tussenkomst van ongeveer ${formatEuro(settlement.ocmwCents)} per maand. ${settlement.text}. ${f.pocketMoney.text}` +
      `${f.property ? '. Er is onroerend goed: het OCMW neemt een hypothecaire waarborg en vordert terug bij de verkoop of op de nalatenschap' : ''}.`,
  };
}

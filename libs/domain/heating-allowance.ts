/**
 * The heating allowance of the Sociaal Verwarmingsfonds (domain §7; programme act of 27 December 2004, art. 203 ff.,
 * amended by the programme act of 22 December 2008, art. 249–264; KB 9 January 2005): which fuels, which category,
 * how much for a delivery, and the yearly maximum per household. Pure: the scale is dated configuration (the built-in
 * one below, replaced by OCMW_HEATING_SCALE_FILE), the workflow and the task checks call these functions.
 */
import { compareDates, IsoDate } from '../deadlines/calendar-date';
import { formatDateNl, formatEuro as euro } from '../format/dutch';

/** The eligible fuels (§7.1): gas oil in bulk or at the pump, lamp kerosene type C at the pump, propane in bulk. */
export const HEATING_FUELS = {
  'gas-oil-bulk': { label: 'Huisbrandolie (gasolie verwarming) in bulk', purchase: 'bulk' },
  'propane-bulk': { label: 'Bulkpropaan', purchase: 'bulk' },
  'gas-oil-pump': { label: 'Huisbrandolie aan de pomp', purchase: 'pump' },
  'kerosene-pump': { label: 'Verwarmingspetroleum (type C) aan de pomp', purchase: 'pump' },
} as const;
export type HeatingFuel = keyof typeof HEATING_FUELS;

/** What the fund does not cover (§7.1): named so that a refusal says why. */
export const NOT_ELIGIBLE_FUELS = {
  'natural-gas': 'Aardgas',
  electricity: 'Elektriciteit',
  'bottled-gas': 'Propaan of butaan in flessen',
  pellets: 'Pellets',
  wood: 'Hout',
  coal: 'Steenkool',
} as const;

export const isHeatingFuel = (value: unknown): value is HeatingFuel => typeof value === 'string' && Object.prototype.hasOwnProperty.call(HEATING_FUELS, value);

/** [V] a public source, [V-sec] a secondary one, [U] unconfirmed (as the leefloon amounts). */
type SourceStatus = 'V' | 'V-sec' | 'U';

/**
 * One version of the scale, in force for deliveries from `validFrom` until the next version: the cents per litre by
 * the invoiced price per litre (VAT included), the yearly maximum of litres per household, the flat amount for pump
 * purchases, and the income limit of categories 1 and 2 (gross taxable household income, plus per dependant).
 */
export interface HeatingScale {
  validFrom: IsoDate;
  /**
   * Ascending by `fromPriceMilli` (the price per litre in thousandths of a euro, as invoices give it: € 1,065 is 1065;
   * the first from 0): a price at or above a bracket's start gets its cents per litre.
   */
  brackets: readonly { fromPriceMilli: number; centsPerLitre: number }[];
  maxLitresPerYear: number;
  pumpFlatCents: number;
  incomeLimitCents: number;
  perDependantCents: number;
  source: SourceStatus;
  reference: string;
  note?: string;
}

/**
 * The built-in scale (§7.3). The two ends of the brackets are stated (below € 1,040 → 14 cent, from € 1,165 → 20 cent);
 * the steps between are taken as € 0,025 a cent, which is how the fund's table reads but was not seen here: [U], with
 * the income limit of requests from 1 January 2024 [V-sec] (later limits are [U]). The temporary 2022 regime (deliveries
 * 1 July – 31 December 2022: 2,000 l, 14–36 cent, flat € 456) is not in it: a legal officer adds it through the file.
 */
export const DEFAULT_HEATING_SCALES: readonly HeatingScale[] = [
  {
    validFrom: '2024-01-01',
    brackets: [
      { fromPriceMilli: 0, centsPerLitre: 14 },
      { fromPriceMilli: 1040, centsPerLitre: 15 },
      { fromPriceMilli: 1065, centsPerLitre: 16 },
      { fromPriceMilli: 1090, centsPerLitre: 17 },
      { fromPriceMilli: 1115, centsPerLitre: 18 },
      { fromPriceMilli: 1140, centsPerLitre: 19 },
      { fromPriceMilli: 1165, centsPerLitre: 20 },
    ],
    maxLitresPerYear: 1500,
    pumpFlatCents: 21_000,
    incomeLimitCents: 2_385_117,
    perDependantCents: 441_354,
    source: 'U',
    reference: 'https://www.verwarmingsfonds.be/index.php/hoeveel-bedraagt-de-toelage ; https://www.dentergem.be/hoe-zit-dat-met-de-verwarmingstoelage-voor-2024',
    note: 'Brackets between € 1,040 and € 1,165 in steps of € 0,025 assumed; income limit for requests from 1 January 2024.',
  },
];

/** The version in force on `day` (the delivery date), or undefined before the first. */
export function heatingScaleOn(scales: readonly HeatingScale[], day: IsoDate): HeatingScale | undefined {
  return [...scales].filter((s) => compareDates(s.validFrom, day) <= 0).sort((a, b) => compareDates(b.validFrom, a.validFrom))[0];
}

/** Problems of a legal officer's scale file (an array of versions as HeatingScale); empty when it is sound. */
export function validateHeatingScales(value: unknown): string[] {
  if (!Array.isArray(value) || value.length === 0) return ['an array of versions {validFrom, brackets, maxLitresPerYear, pumpFlatCents, incomeLimitCents, perDependantCents, source, reference}'];
  const problems: string[] = [];
  const seen = new Set<string>();
  value.forEach((v: Partial<HeatingScale> | null, i) => {
    const at = `[${i}]`;
    if (typeof v !== 'object' || v === null) return void problems.push(`${at} is not an object`);
    if (typeof v.validFrom !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(v.validFrom)) problems.push(`${at}.validFrom must be YYYY-MM-DD`);
    else if (seen.has(v.validFrom)) problems.push(`${at}.validFrom ${v.validFrom} repeats`);
    else seen.add(v.validFrom);
    const brackets = v.brackets;
    if (!Array.isArray(brackets) || brackets.length === 0) problems.push(`${at}.brackets must be a non-empty array of {fromPriceMilli, centsPerLitre}`);
    else {
      if (brackets[0]?.fromPriceMilli !== 0) problems.push(`${at}.brackets must start at fromPriceMilli 0`);
      brackets.forEach((b, j) => {
        if (!Number.isInteger(b?.fromPriceMilli) || b.fromPriceMilli < 0 || !Number.isInteger(b?.centsPerLitre) || b.centsPerLitre <= 0) {
          problems.push(`${at}.brackets[${j}] needs a whole fromPriceMilli ≥ 0 and a whole centsPerLitre > 0`);
        } else if (j > 0 && !(b.fromPriceMilli > brackets[j - 1].fromPriceMilli)) problems.push(`${at}.brackets[${j}] must start above the bracket before it`);
      });
    }
    for (const key of ['maxLitresPerYear', 'pumpFlatCents', 'incomeLimitCents', 'perDependantCents'] as const) {
      if (!Number.isInteger(v[key]) || (v[key] as number) < 0) problems.push(`${at}.${key} must be a whole number ≥ 0`);
    }
    if (!['V', 'V-sec', 'U'].includes(v.source as string)) problems.push(`${at}.source must be V, V-sec or U`);
    if (typeof v.reference !== 'string' || v.reference.trim() === '') problems.push(`${at}.reference (where the figures were found) must be given`);
  });
  return problems;
}

/** The categories (§7.1). */
export const HEATING_CATEGORIES = {
  1: 'Categorie 1: recht op verhoogde tegemoetkoming in de ziekteverzekering en een inkomen onder de grens',
  2: 'Categorie 2: laag inkomen (onder de grens, verhoogd per persoon ten laste)',
  3: 'Categorie 3: in schuldbemiddeling of collectieve schuldenregeling en niet in staat de factuur te betalen',
} as const;
export type HeatingCategory = 1 | 2 | 3;

/** The income limit of categories 1 and 2 for a household with `dependants` persons in its care. */
export function heatingIncomeLimitCents(scale: HeatingScale, dependants: number): number {
  return scale.incomeLimitCents + Math.max(0, dependants) * scale.perDependantCents;
}

/** What the inquiry found that decides the category. */
export interface HeatingSituation {
  category: HeatingCategory;
  /** Category 1: the health insurer's increased reimbursement (verhoogde tegemoetkoming). */
  increasedReimbursement?: boolean;
  /** Gross taxable yearly household income, cadastral income of other property × 3 included (categories 1 and 2). */
  householdIncomeCents?: number;
  dependants?: number;
  /** Category 3: in debt mediation or a collective debt settlement, and the OCMW finds the invoice cannot be paid. */
  inDebtMediation?: boolean;
  cannotPay?: boolean;
}

/** Why the situation does not fit its category (codes for the API's error shape), empty when it does. */
export function heatingCategoryProblems(scale: HeatingScale, s: HeatingSituation): { field: string; code: string; message: string }[] {
  const problems: { field: string; code: string; message: string }[] = [];
  if (s.category === 3) {
    if (s.inDebtMediation !== true) problems.push({ field: 'inDebtMediation', code: 'not-in-debt-mediation', message: 'category 3 is for persons in debt mediation or a collective debt settlement' });
    if (s.cannotPay !== true) problems.push({ field: 'cannotPay', code: 'can-pay', message: 'category 3 needs the finding that the heating invoice cannot be paid' });
    return problems;
  }
  if (s.category === 1 && s.increasedReimbursement !== true) {
    problems.push({ field: 'increasedReimbursement', code: 'no-increased-reimbursement', message: 'category 1 is for persons entitled to the increased reimbursement' });
  }
  const limit = heatingIncomeLimitCents(scale, s.dependants ?? 0);
  if (typeof s.householdIncomeCents !== 'number') problems.push({ field: 'householdIncomeCents', code: 'required', message: 'the household income decides categories 1 and 2' });
  else if (s.householdIncomeCents > limit) {
    problems.push({ field: 'householdIncomeCents', code: 'above-limit', message: `is above the income limit of ${euro(limit)} for ${s.dependants ?? 0} dependant(s)` });
  }
  return problems;
}

/** The cents per litre for an invoiced price per litre (VAT included, thousandths of a euro), by the scale's brackets. */
export function centsPerLitre(scale: HeatingScale, pricePerLitreMilli: number): number {
  let cents = scale.brackets[0].centsPerLitre;
  for (const b of scale.brackets) if (pricePerLitreMilli >= b.fromPriceMilli) cents = b.centsPerLitre;
  return cents;
}

/** What the household already received in the same calendar year (earlier deliveries: they add up to the maximum). */
export interface HeatingYearSoFar {
  bulkLitres: number;
  /** A pump purchase was compensated this year (the flat amount excludes a bulk allowance and vice versa). */
  pump: boolean;
}

export interface HeatingDelivery {
  fuel: HeatingFuel;
  deliveryDate: IsoDate;
  /** Bulk: the litres on the invoice; for a building with several flats the invoice's litres are shared by the flats. */
  litres?: number;
  pricePerLitreMilli?: number;
  flatsInBuilding?: number;
}

export type HeatingAllowance =
  | { granted: true; amountCents: number; litresCounted: number; centsPerLitre: number | null; text: string; scaleValidFrom: IsoDate }
  | { granted: false; code: 'no-scale' | 'pump-and-bulk' | 'pump-already' | 'yearly-maximum' | 'no-litres'; text: string };

/**
 * The allowance for one delivery (§7.3): bulk → the litres (divided by the flats of the building), capped by what is
 * left of the yearly maximum after the household's earlier deliveries that year, × the cents per litre of the price
 * bracket; pump → the flat amount once a year. A pump purchase and a bulk allowance exclude each other in one year.
 */
export function heatingAllowance(scales: readonly HeatingScale[], delivery: HeatingDelivery, soFar: HeatingYearSoFar): HeatingAllowance {
  const scale = heatingScaleOn(scales, delivery.deliveryDate);
  if (!scale) return { granted: false, code: 'no-scale', text: `Geen schaal van het Sociaal Verwarmingsfonds voor een levering op ${formatDateNl(delivery.deliveryDate)}` };
  const year = delivery.deliveryDate.slice(0, 4);
  if (HEATING_FUELS[delivery.fuel].purchase === 'pump') {
    if (soFar.pump) return { granted: false, code: 'pump-already', text: `Het forfait voor aankopen aan de pomp werd in ${year} al toegekend` };
    if (soFar.bulkLitres > 0) return { granted: false, code: 'pump-and-bulk', text: `In ${year} werd al een toelage voor een levering in bulk toegekend: het forfait aan de pomp sluit die uit` };
    return { granted: true, amountCents: scale.pumpFlatCents, litresCounted: 0, centsPerLitre: null, text: `Forfait voor aankopen aan de pomp (${year}): ${euro(scale.pumpFlatCents)}`, scaleValidFrom: scale.validFrom };
  }
  if (soFar.pump) return { granted: false, code: 'pump-and-bulk', text: `In ${year} werd al het forfait voor aankopen aan de pomp toegekend: een toelage in bulk is uitgesloten` };
  const flats = Math.max(1, delivery.flatsInBuilding ?? 1);
  const litres = Math.floor((delivery.litres ?? 0) / flats);
  if (litres <= 0) return { granted: false, code: 'no-litres', text: 'Geen liters op de factuur' };
  const left = Math.max(0, scale.maxLitresPerYear - soFar.bulkLitres);
  if (left === 0) return { granted: false, code: 'yearly-maximum', text: `Het maximum van ${scale.maxLitresPerYear} liter voor ${year} is al bereikt` };
  const counted = Math.min(litres, left);
  const cents = centsPerLitre(scale, delivery.pricePerLitreMilli ?? 0);
  const shared = flats > 1 ? ` (${delivery.litres} liter gedeeld door ${flats} woongelegenheden)` : '';
  const capped = counted < litres ? `, beperkt tot wat overblijft van het maximum van ${scale.maxLitresPerYear} liter in ${year}` : '';
  return {
    granted: true,
    amountCents: counted * cents,
    litresCounted: counted,
    centsPerLitre: cents,
    text: `${counted} liter${shared}${capped} × ${cents} cent per liter = ${euro(counted * cents)}`,
    scaleValidFrom: scale.validFrom,
  };
}

/** The Dutch reason of each category problem (the decision's motivation names it). */
const CATEGORY_REASONS_NL: Record<string, string> = {
  'not-in-debt-mediation': 'Categorie 3 vraagt een lopende schuldbemiddeling of collectieve schuldenregeling',
  'can-pay': 'Categorie 3 vraagt de vaststelling dat de aanvrager de verwarmingsfactuur niet kan betalen',
  'no-increased-reimbursement': 'Categorie 1 vraagt een recht op verhoogde tegemoetkoming in de ziekteverzekering',
  required: 'Het inkomen van het huishouden is niet gekend',
  'above-limit': 'Het inkomen van het huishouden ligt boven de grens',
};

/** What the inquiry found about the request, the fuel and the delivery (the workflow adds the HF-1 finding). */
export interface HeatingRequestFacts extends HeatingSituation {
  /** An eligible fuel or one the fund does not cover (NOT_ELIGIBLE_FUELS). */
  fuel: string;
  deliveryDate: IsoDate;
  litres?: number;
  pricePerLitreMilli?: number;
  flatsInBuilding?: number;
  /** HF-1: the request came more than 60 days after the delivery. */
  late: boolean;
  /** Why it came late (force majeure, confirmed by the OCMW); without it a late request is refused. */
  forceMajeure?: string;
}

export type HeatingAssessment =
  | { grant: true; amountCents: number; litresCounted: number; pump: boolean; text: string; scaleValidFrom: IsoDate }
  | { grant: false; reasons: string[]; text: string };

/**
 * The proposal the inquiry's facts lead to (§7): refused for a fuel the fund does not cover, for a request after HF-1
 * without force majeure, for a category the facts do not bear out, or when nothing is left of the yearly maximum; else
 * granted with the amount of heatingAllowance. The reasons are Dutch: they become the decision's motivation.
 */
export function assessHeatingRequest(scales: readonly HeatingScale[], facts: HeatingRequestFacts, soFar: HeatingYearSoFar): HeatingAssessment {
  const reasons: string[] = [];
  if (!isHeatingFuel(facts.fuel)) {
    const name = (NOT_ELIGIBLE_FUELS as Record<string, string>)[facts.fuel] ?? facts.fuel;
    reasons.push(`${name} is geen brandstof die het Sociaal Verwarmingsfonds dekt (alleen huisbrandolie, verwarmingspetroleum type C en bulkpropaan)`);
  }
  if (facts.late && !facts.forceMajeure) {
    reasons.push(`De aanvraag kwam meer dan 60 dagen na de levering van ${formatDateNl(facts.deliveryDate)}, zonder overmacht (HF-1)`);
  }
  const scale = heatingScaleOn(scales, facts.deliveryDate);
  if (scale) for (const p of heatingCategoryProblems(scale, facts)) reasons.push(CATEGORY_REASONS_NL[p.code] ?? p.message);
  if (reasons.length > 0 || !isHeatingFuel(facts.fuel)) return { grant: false, reasons, text: reasons.join('. ') };
  const allowance = heatingAllowance(scales, { fuel: facts.fuel, deliveryDate: facts.deliveryDate, litres: facts.litres, pricePerLitreMilli: facts.pricePerLitreMilli, flatsInBuilding: facts.flatsInBuilding }, soFar);
  if (!allowance.granted) return { grant: false, reasons: [allowance.text], text: allowance.text };
  const excused = facts.late ? ` (laattijdige aanvraag door overmacht aanvaard: ${facts.forceMajeure})` : '';
  return {
    grant: true,
    amountCents: allowance.amountCents,
    litresCounted: allowance.litresCounted,
    pump: HEATING_FUELS[facts.fuel].purchase === 'pump',
    text: `${HEATING_CATEGORIES[facts.category]}; ${HEATING_FUELS[facts.fuel].label}, geleverd op ${formatDateNl(facts.deliveryDate)}: ${allowance.text}${excused}`,
    scaleValidFrom: allowance.scaleValidFrom,
  };
}

/**
 * The rent guarantee (huurwaarborg, domain §6): which forms a guarantee can take and how high it may be, by the date the
 * lease was signed, why the OCMW refuses one, and the client's repayment plan. Pure: the rent guarantee procedure's
 * workflow and task checks will call these functions (issue 15, next slice).
 *
 * - Leases signed from 1 January 2019 fall under the Vlaams Woninghuurdecreet (decree of 9 November 2018): at most
 *   three months' rent, in the form the tenant chooses. [V] vlaanderen.be "de huurwaarborg" (the article is not cited:
 *   not checked here).
 * - Older leases fall under the federal Woninghuurwet, art. 10: a blocked account at most two months; a bank
 *   guarantee, and the bank guarantee under a standard contract between the OCMW and a bank, at most three months.
 *   [V] code544.be, biv.be.
 * - The OCMW's own guarantee letter to the landlord (papieren waarborg) is practice, not a form of either law: it is
 *   held to the three months of a bank guarantee. [U] (domain §6.1 "OCMW practice").
 */
import { addMonths, compareDates, IsoDate } from '../deadlines/calendar-date';
import { formatDateNl, formatEuro } from '../format/dutch';

export const GUARANTEE_FORMS = {
  'guarantee-letter': 'Waarborgbrief van het OCMW aan de verhuurder',
  'bank-guarantee': 'Bankwaarborg via de overeenkomst tussen het OCMW en de bank',
  'blocked-account': 'Storting op een geblokkeerde rekening (als voorschot)',
} as const;
export type GuaranteeForm = keyof typeof GUARANTEE_FORMS;

export const isGuaranteeForm = (value: unknown): value is GuaranteeForm =>
  typeof value === 'string' && Object.prototype.hasOwnProperty.call(GUARANTEE_FORMS, value);

/** The day the Vlaams Woninghuurdecreet applies to leases signed on or after it. */
export const FLEMISH_LEASE_DECREE_FROM: IsoDate = '2019-01-01';

/** The law of a lease by the day it was signed, and at most how many months' rent a guarantee in `form` may be. */
export function guaranteeRule(leaseSignedOn: IsoDate, form: GuaranteeForm): { law: string; maxMonths: number } {
  if (compareDates(leaseSignedOn, FLEMISH_LEASE_DECREE_FROM) >= 0) {
    return { law: 'Vlaams Woninghuurdecreet van 9 november 2018', maxMonths: 3 };
  }
  return { law: 'Woninghuurwet (federaal), art. 10', maxMonths: form === 'blocked-account' ? 2 : 3 };
}

export interface GuaranteeFacts {
  leaseSignedOn: IsoDate;
  monthlyRentCents: number;
  guaranteeCents: number;
  form: GuaranteeForm;
  /** The inquiry's finding: the rent is affordable on the household's income (OCMW policy; domain §6.1). */
  rentAffordable: boolean;
  /** The home was declared unfit or uninhabitable (a refusal ground; domain §6.1). */
  homeDeclaredUnfit: boolean;
}

export type GuaranteeAssessment =
  | { grant: true; amountCents: number; text: string }
  | { grant: false; reasons: string[]; text: string };

/** The proposal from the inquiry's facts, with its Dutch reasons. */
export function assessGuarantee(f: GuaranteeFacts): GuaranteeAssessment {
  const rule = guaranteeRule(f.leaseSignedOn, f.form);
  const max = rule.maxMonths * f.monthlyRentCents;
  const reasons: string[] = [];
  if (f.guaranteeCents > max) {
    reasons.push(
      `De gevraagde waarborg (${formatEuro(f.guaranteeCents)}) is hoger dan ${rule.maxMonths} maanden huur (${formatEuro(max)}), ` +
        `het maximum voor een huurovereenkomst van ${formatDateNl(f.leaseSignedOn)} (${rule.law})`,
    );
  }
  if (!f.rentAffordable) reasons.push('De huurprijs is niet betaalbaar met het inkomen van het huishouden');
  if (f.homeDeclaredUnfit) reasons.push('De woning is ongeschikt of onbewoonbaar verklaard');
  if (reasons.length) return { grant: false, reasons, text: `${reasons.join('. ')}.` };
  return {
    grant: true,
    amountCents: f.guaranteeCents,
    text: `${GUARANTEE_FORMS[f.form]} van ${formatEuro(f.guaranteeCents)} (${rule.law}: ten hoogste ${rule.maxMonths} maanden huur, ${formatEuro(max)})`,
  };
}

/** One instalment of a repayment plan: the day it is due and its amount. */
export interface Instalment {
  /** 1, 2, … in the plan: with the plan's key, the instalment's business name. */
  number: number;
  dueDate: IsoDate;
  amountCents: number;
}

/**
 * The client's repayment plan of `amountCents` in monthly instalments of `monthlyCents` from `firstDue` (the same day
 * of each following month, the last day of a shorter month): every instalment `monthlyCents`, the last one what is
 * left. The instalments add up to the amount exactly.
 */
export function repaymentPlan(amountCents: number, monthlyCents: number, firstDue: IsoDate): Instalment[] {
  if (!Number.isSafeInteger(amountCents) || amountCents <= 0) throw new RangeError(`the amount is a positive number of cents: ${amountCents}`);
  if (!Number.isSafeInteger(monthlyCents) || monthlyCents <= 0) throw new RangeError(`the instalment is a positive number of cents: ${monthlyCents}`);
  const count = Math.ceil(amountCents / monthlyCents);
  if (count > 240) throw new RangeError(`a plan of ${count} instalments is longer than 20 years`);
  const day = Number(firstDue.slice(8, 10));
  return Array.from({ length: count }, (_, i) => ({
    number: i + 1,
    dueDate: addMonths(firstDue, i, day).date,
    amountCents: i < count - 1 ? monthlyCents : amountCents - monthlyCents * (count - 1),
  }));
}

/**
 * Advances on social-security benefits (voorschotten op sociale uitkeringen, domain §10): the OCMW advances a benefit
 * the client applied for but is not yet paid, and recovers it directly from the paying body by legal subrogation
 * (art. 99 §2 OCMW-wet) — only for the same period and up to the benefit's amount; any surplus goes to the client.
 * For unemployment the UNIPROC procedure (form C-UNIPROC part 1, RVA); for the Groeipakket art. 78 of the decree of
 * 27 April 2018. Pure: the workflow and the task checks call these functions.
 */
import { compareDates, IsoDate } from '../deadlines/calendar-date';
import { formatDateNl, formatEuro } from '../format/dutch';

/** The benefits an advance is given on, with the Dutch name the letters and the notice use. */
export const ADVANCE_BENEFITS = {
  unemployment: { label: 'werkloosheidsuitkering', payer: 'de uitbetalingsinstelling (vakbond of HVW) of de RVA' },
  sickness: { label: 'ziekte-uitkering (arbeidsongeschiktheid)', payer: 'het ziekenfonds' },
  disability: { label: 'tegemoetkoming aan personen met een handicap', payer: 'de FOD Sociale Zekerheid (DG Personen met een handicap)' },
  pension: { label: 'pensioen of inkomensgarantie voor ouderen (IGO)', payer: 'de Federale Pensioendienst' },
  'family-allowance': { label: 'groeipakket (kinderbijslag)', payer: 'de uitbetaler van het Groeipakket' },
  other: { label: 'sociale uitkering', payer: 'de uitbetalingsinstelling' },
} as const;
export type AdvanceBenefit = keyof typeof ADVANCE_BENEFITS;

export const isAdvanceBenefit = (value: unknown): value is AdvanceBenefit =>
  typeof value === 'string' && Object.prototype.hasOwnProperty.call(ADVANCE_BENEFITS, value);

/** What the inquiry established: the benefit, its application and the paying body's answer, the amounts. */
export interface AdvanceFacts {
  benefit: AdvanceBenefit;
  /** The day the client applied for the benefit at the paying body. */
  benefitAppliedOn: IsoDate;
  /** The check with the paying body (UNIPROC, Groeipakket, sickness fund): the application is pending, not yet paid. */
  applicationPending: boolean;
  /** What the benefit will be per month, as the paying body or the file shows it. */
  expectedMonthlyBenefitCents: number;
  /** The advance proposed per month. */
  monthlyAdvanceCents: number;
  /** The first day the advance covers. */
  advanceFrom: IsoDate;
}

export type AdvanceAssessment =
  | { grant: true; monthlyAdvanceCents: number; text: string }
  | { grant: false; reasons: string[]; text: string };

/**
 * The proposal from the inquiry's facts: an advance only on a benefit applied for and not yet paid (the paying body
 * says so), and never above the benefit for the same period — what the OCMW cannot recover by subrogation is not an
 * advance (art. 99 §2 OCMW-wet; the rest would be social aid of its own, a request of its own).
 */
export function assessAdvance(f: AdvanceFacts): AdvanceAssessment {
  const benefit = ADVANCE_BENEFITS[f.benefit];
  const reasons: string[] = [];
  if (!f.applicationPending) reasons.push(`De uitbetalingsinstelling bevestigt niet dat de aanvraag van de ${benefit.label} loopt en nog niet betaald is`);
  if (compareDates(f.advanceFrom, f.benefitAppliedOn) < 0) {
    reasons.push(`Het voorschot kan niet ingaan vóór de aanvraag van de uitkering (${formatDateNl(f.benefitAppliedOn)})`);
  }
  if (f.monthlyAdvanceCents > f.expectedMonthlyBenefitCents) {
    reasons.push(
      `Het voorschot (${formatEuro(f.monthlyAdvanceCents)} per maand) is hoger dan de verwachte uitkering (${formatEuro(f.expectedMonthlyBenefitCents)} per maand): ` +
        'het OCMW kan alleen terugvorderen tot het bedrag van de uitkering voor dezelfde periode (art. 99 §2 OCMW-wet)',
    );
  }
  if (reasons.length) return { grant: false, reasons, text: `${reasons.join('. ')}.` };
  return {
    grant: true,
    monthlyAdvanceCents: f.monthlyAdvanceCents,
    text:
      `Voorschot van ${formatEuro(f.monthlyAdvanceCents)} per maand vanaf ${formatDateNl(f.advanceFrom)} op de ${benefit.label}, ` +
      `aangevraagd op ${formatDateNl(f.benefitAppliedOn)}, tot ${benefit.payer} de uitkering betaalt; ` +
      `het OCMW vordert het terug bij ${benefit.payer} (art. 99 §2 OCMW-wet)`,
  };
}

/** An advance paid for a month (its period `YYYY-MM` and amount). */
export interface AdvancePaid {
  period: string;
  amountCents: number;
}

export interface ArrearsSettlement {
  /** The advances paid for months within the arrears' period (only those are recovered: the same period). */
  advancedInPeriodCents: number;
  /** What the OCMW keeps of the arrears: its advances for the period, up to what the paying body paid. */
  recoveredCents: number;
  /** What the paying body paid above the advances for the period: the client's, paid on. */
  surplusCents: number;
}

/**
 * The paying body paid the benefit's arrears for a period to the OCMW (subrogation): the OCMW keeps its advances for
 * months in that period that were not recovered before (`recovered`), up to the amount paid; the rest is the client's.
 */
export function settleArrears(
  advances: readonly AdvancePaid[], recovered: readonly string[], arrears: { periodFrom: IsoDate; periodTo: IsoDate; amountCents: number },
): ArrearsSettlement & { months: string[] } {
  const from = arrears.periodFrom.slice(0, 7);
  const to = arrears.periodTo.slice(0, 7);
  const open = advances.filter((a) => a.period >= from && a.period <= to && !recovered.includes(a.period));
  const advancedInPeriodCents = open.reduce((s, a) => s + a.amountCents, 0);
  const recoveredCents = Math.min(advancedInPeriodCents, arrears.amountCents);
  return { advancedInPeriodCents, recoveredCents, surplusCents: arrears.amountCents - recoveredCents, months: open.map((a) => a.period) };
}

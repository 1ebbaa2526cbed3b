/**
 * The letters a debt mediation dossier writes to its creditors and their bailiffs or collection agencies (domain §3.1
 * step 4), as the API asks for them (POST /dossiers/:id/creditor-letters) and the workflow's `creditorLetterRequested`
 * Update checks them: the same rules on both sides. Pure (the workflow sandbox imports it): no Ajv, no Node.
 */
import { isValidIsoDate } from '../deadlines/calendar-date';
import type { SchemaError } from '../validation/schema';
import { CREDITOR_LETTER_TITLES } from './templates';

/** The letters a social worker asks for; the reminder is the workflow's own (after the answer window). */
export const CREDITOR_REQUEST_TEMPLATES = [
  'creditor-statement-request', 'creditor-collection-suspension', 'creditor-repayment-proposal', 'creditor-csr-admissibility',
] as const;
export type CreditorRequestTemplate = (typeof CREDITOR_REQUEST_TEMPLATES)[number];

export function isCreditorRequestTemplate(template: unknown): template is CreditorRequestTemplate {
  return typeof template === 'string' && (CREDITOR_REQUEST_TEMPLATES as readonly string[]).includes(template);
}

/** The answers a creditor gives (the `creditor-answer` event), with their Dutch labels. */
export const CREDITOR_ANSWERS = [
  ['accepted', 'Aanvaard'],
  ['counter-proposal', 'Tegenvoorstel'],
  ['refused', 'Geweigerd'],
  ['statement', 'Overzicht van de schuld bezorgd'],
] as const satisfies readonly [string, string][];
export type CreditorAnswer = (typeof CREDITOR_ANSWERS)[number][0];

/** The subject of a requested letter (Dutch): the read model and the reminder name the letter by it. */
export function creditorLetterSubject(template: CreditorRequestTemplate): string {
  return CREDITOR_LETTER_TITLES[template];
}

/**
 * The business name of a requested letter: what, about which debt, to whom, on which day. The same request twice on
 * one day (a double click, a redelivered outbox row) is one letter; never a counter, so it survives continue-as-new.
 */
export function creditorLetterKey(template: CreditorRequestTemplate, partyId: string, debtId: string | null | undefined, on: string): string {
  return `${template.slice('creditor-'.length)}:${debtId ?? 'dossier'}:${partyId}:${on}`;
}

const FILE_NUMBER_MAX = 100;

/**
 * The data the caller gives for a requested letter (the rest — debtor, answer date, letter date — the workflow and the
 * activity fill in): unknown fields are refused, each template's own fields checked. Paths are under `/data`.
 */
export function checkCreditorLetterData(template: CreditorRequestTemplate, data: unknown): SchemaError[] {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return [{ path: '/data', code: 'type', message: 'must be an object' }];
  const d = data as Record<string, unknown>;
  const allowed: Record<CreditorRequestTemplate, string[]> = {
    'creditor-statement-request': ['fileNumber'],
    'creditor-collection-suspension': ['fileNumber', 'trajectorySince'],
    'creditor-repayment-proposal': ['fileNumber', 'monthlyCents', 'startDate', 'durationMonths', 'totalCents'],
    'creditor-csr-admissibility': ['fileNumber', 'orderDate', 'court', 'mediator'],
  };
  const errors: SchemaError[] = Object.keys(d)
    .filter((k) => !allowed[template].includes(k))
    .map((k) => ({ path: `/data/${k}`, code: 'additionalProperties', message: `is not a field of the ${template} letter` }));
  const text = (k: string, max: number, required: boolean) => {
    if (d[k] === undefined) {
      if (required) errors.push({ path: `/data/${k}`, code: 'required', message: 'is required' });
    } else if (typeof d[k] !== 'string' || (d[k] as string).trim() === '' || (d[k] as string).length > max) {
      errors.push({ path: `/data/${k}`, code: 'type', message: `must be a text of 1 to ${max} characters` });
    }
  };
  const day = (k: string, required: boolean) => {
    if (d[k] === undefined) {
      if (required) errors.push({ path: `/data/${k}`, code: 'required', message: 'is required' });
    } else if (!isValidIsoDate(d[k])) errors.push({ path: `/data/${k}`, code: 'format', message: 'must be a date (YYYY-MM-DD)' });
  };
  const whole = (k: string, min: number, max: number, required: boolean) => {
    if (d[k] === undefined) {
      if (required) errors.push({ path: `/data/${k}`, code: 'required', message: 'is required' });
    } else if (!Number.isInteger(d[k]) || (d[k] as number) < min || (d[k] as number) > max) {
      errors.push({ path: `/data/${k}`, code: 'range', message: `must be a whole number from ${min} to ${max}` });
    }
  };
  text('fileNumber', FILE_NUMBER_MAX, false);
  switch (template) {
    case 'creditor-collection-suspension':
      day('trajectorySince', false);
      break;
    case 'creditor-repayment-proposal':
      whole('monthlyCents', 1, 100_000_000, true);
      day('startDate', true);
      whole('durationMonths', 1, 120, true);
      whole('totalCents', 1, 2_000_000_000, false);
      break;
    case 'creditor-csr-admissibility':
      day('orderDate', true);
      text('court', 200, true);
      text('mediator', 300, true);
      break;
    default:
      break;
  }
  return errors;
}

/**
 * The letter a workflow sends to one creditor or collector of the inventory (activity debtCreditors) for one debt:
 * keyed `<what>:<debt>:<party>` (one such letter per debt and party in the dossier's life; pass `round` — a year, a
 * plan version — where a dossier sends it again later), with the party's file number. What PartyCorrespondence.send takes.
 */
export function letterToCreditor(
  template: CreditorRequestTemplate,
  to: { debtId: string; partyId: string; fileNumber: string | null },
  data: Record<string, unknown> = {},
  round?: string,
): { key: string; partyId: string; debtId: string; template: CreditorRequestTemplate; data: Record<string, unknown>; subject: string } {
  const key = `${template.slice('creditor-'.length)}:${to.debtId}:${to.partyId}${round ? `:${round}` : ''}`;
  return { key, partyId: to.partyId, debtId: to.debtId, template, data: { ...(to.fileNumber ? { fileNumber: to.fileNumber } : {}), ...data }, subject: creditorLetterSubject(template) };
}

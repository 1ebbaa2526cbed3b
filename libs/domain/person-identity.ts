/**
 * A person's identity without (or before) a national number: why it is missing, the other identifiers a person may
 * carry, and the name key a possible duplicate is found by. Pure code: the API, the web form (through the schemas the
 * API serves) and the tests share it.
 */

/** Why a person has no national number (yet), with the label a social worker reads. */
export const NO_NATIONAL_NUMBER_REASONS = [
  ['bis-requested', 'BIS-nummer aangevraagd'],
  ['international-protection-applicant', 'Verzoeker om internationale bescherming (nog geen BIS-nummer)'],
  ['foreign-resident', 'Buitenlander zonder rijksregister- of BIS-nummer'],
  ['unknown', 'Onbekend'],
] as const;
export type NoNationalNumberReason = (typeof NO_NATIONAL_NUMBER_REASONS)[number][0];

/** The other identifiers stored with their type (unique per type and value). */
export const IDENTIFIER_TYPES = [
  ['fedasil-ov', 'Fedasil OV-nummer'],
  ['bis', 'BIS-nummer'],
  ['passport', 'Paspoortnummer'],
  ['other', 'Ander identificatienummer'],
] as const;
export type IdentifierType = (typeof IDENTIFIER_TYPES)[number][0];

/**
 * The key a name is compared by when looking for the same person registered twice: without accents, case, spaces,
 * hyphens, apostrophes or dots ("Van den Broeck-D'Hondt" and "vandenbroeck dhondt" are one key).
 */
export function nameKey(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[\s'’.\-]/g, '');
}

/** Identifier values are compared without spaces, dots or dashes and in capitals ("AB 12.345" = "AB12345"). */
export function normalizeIdentifierValue(value: string): string {
  return value.replace(/[\s.\-/]/g, '').toUpperCase();
}

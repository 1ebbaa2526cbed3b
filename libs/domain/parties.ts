/**
 * Parties: someone other than the client the OCMW deals with in a dossier (a creditor, a bailiff, a landlord, another
 * OCMW, Fedasil, POD MI, a court). The kinds a party record is, and the roles a party plays in a dossier: closed lists
 * with their Dutch labels. PURE code: workflows may import it.
 */

/** What a party is, and the role it plays in a dossier, alike: a creditor is a creditor in the dossier. */
const COMMON = ['creditor', 'bailiff', 'collection-agency', 'landlord', 'supplier', 'care-home', 'paying-body', 'bank'] as const;
const COMMON_LABELS: Record<(typeof COMMON)[number], string> = {
  creditor: 'Schuldeiser',
  bailiff: 'Gerechtsdeurwaarder',
  'collection-agency': 'Incassobureau',
  landlord: 'Verhuurder',
  supplier: 'Leverancier',
  'care-home': 'Woonzorgcentrum',
  // The paying body of a social-security benefit (RVA, a sickness fund, the pension service, a Groeipakket payer; §10).
  'paying-body': 'Uitbetalingsinstelling',
  // A bank: of a rent guarantee's blocked account or the OCMW's bank guarantee (domain §6).
  bank: 'Bank',
};
const INSTITUTIONS = ['fedasil', 'pod-mi', 'court'] as const;
const INSTITUTION_LABELS: Record<(typeof INSTITUTIONS)[number], string> = {
  fedasil: 'Fedasil',
  'pod-mi': 'POD Maatschappelijke Integratie',
  court: 'Rechtbank',
};

/** Partners a social worker refers a client to (a referral names one): welfare and mental health centres, a lawyer. */
export const REFERRAL_PARTNERS = ['caw', 'cgg', 'lawyer'] as const;
const REFERRAL_PARTNER_LABELS: Record<(typeof REFERRAL_PARTNERS)[number], string> = {
  caw: 'CAW (Centrum Algemeen Welzijnswerk)',
  cgg: 'CGG (Centrum Geestelijke Gezondheidszorg)',
  lawyer: 'Advocaat',
};

/**
 * A private person who is not the client nor a member of the household: a maintenance debtor (a child or the spouse of
 * a care home's resident, art. 98 §2 OCMW-wet), a landlord who is no company. Their name and address stay in the party
 * record, never in a workflow.
 */
export const PARTY_KINDS = [...COMMON, 'ocmw', ...INSTITUTIONS, ...REFERRAL_PARTNERS, 'private-person'] as const;
export type PartyKind = (typeof PARTY_KINDS)[number];
export const PARTY_KIND_LABELS: Record<PartyKind, string> = { ...COMMON_LABELS, ocmw: 'OCMW', ...INSTITUTION_LABELS, ...REFERRAL_PARTNER_LABELS, 'private-person': 'Particulier' };

/** Another OCMW is in a dossier either as the one that sent the request on, or as the one competent for it. */
/** A maintenance debtor (onderhoudsplichtige) of placement costs: asked to contribute by the uniform scale (art. 98 §2). */
export const PARTY_ROLES = [...COMMON, 'referring-ocmw', 'competent-ocmw', ...INSTITUTIONS, 'maintenance-debtor'] as const;
export type PartyRole = (typeof PARTY_ROLES)[number];
export const PARTY_ROLE_LABELS: Record<PartyRole, string> = {
  ...COMMON_LABELS,
  'referring-ocmw': 'Verwijzend OCMW',
  'competent-ocmw': 'Bevoegd OCMW',
  ...INSTITUTION_LABELS,
  'maintenance-debtor': 'Onderhoudsplichtige',
};

/**
 * Roles that name an institution, and the one kind of party that can play them. Every other role may be played by a
 * party of any kind (a landlord, a care home or another OCMW can be a creditor too).
 */
export const ROLE_REQUIRES_KIND: Partial<Record<PartyRole, PartyKind>> = {
  'referring-ocmw': 'ocmw',
  'competent-ocmw': 'ocmw',
  fedasil: 'fedasil',
  'pod-mi': 'pod-mi',
  court: 'court',
};

/** Null when a party of this kind may play the role, else why not (English, for the error message). */
export function roleMismatch(role: PartyRole, kind: PartyKind): string | null {
  const required = ROLE_REQUIRES_KIND[role];
  return required && required !== kind ? `the role ${role} is played by a party of kind ${required}, not ${kind}` : null;
}

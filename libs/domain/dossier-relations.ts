/**
 * How dossiers relate to each other and to the persons they concern: the kinds of link between two dossiers, the
 * role each dossier plays in a link, and the roles of the persons of a household in a dossier — closed lists with
 * their Dutch labels. PURE code: workflows may import it.
 */

/**
 * `opened`: one dossier's procedure opened the other (an LOI recognition opens a leefloon request, a debt mediation a
 * heating allowance); it stays, as part of both files. `related`: a social worker linked two dossiers of related
 * persons (partners, a parent and child) by hand; such a link can be ended.
 */
export const DOSSIER_LINK_KINDS = ['opened', 'related'] as const;
export type DossierLinkKind = (typeof DOSSIER_LINK_KINDS)[number];
export const MANUAL_LINK_KINDS = ['related'] as const satisfies readonly DossierLinkKind[];

/** The part the other dossier plays, seen from the dossier shown. */
export type DossierLinkRole = 'opened' | 'opened-by' | 'related';
export const DOSSIER_LINK_ROLE_LABELS: Record<DossierLinkRole, string> = {
  opened: 'Geopend vanuit dit dossier',
  'opened-by': 'Dit dossier geopend',
  related: 'Verwant dossier',
};

export function linkRole(kind: DossierLinkKind, shownIsFrom: boolean): DossierLinkRole {
  if (kind === 'related') return 'related';
  return shownIsFrom ? 'opened' : 'opened-by';
}

/**
 * The persons a dossier concerns (art. 14 §1 3° RMI-wet: category 3, living with a family dependent on the applicant;
 * debt mediation concerns the household's debts). The applicant is the dossier's own person (dossiers.person_id); the
 * others are members with a role and the dates they belong to the household of this dossier.
 */
export const HOUSEHOLD_ROLES = ['applicant', 'partner', 'child', 'other-household-member'] as const;
export type HouseholdRole = (typeof HOUSEHOLD_ROLES)[number];
/** The roles a member can be added in: the applicant is the dossier's person, never added. */
export const MEMBER_ROLES = ['partner', 'child', 'other-household-member'] as const satisfies readonly HouseholdRole[];
export type MemberRole = (typeof MEMBER_ROLES)[number];
export const HOUSEHOLD_ROLE_LABELS: Record<HouseholdRole, string> = {
  applicant: 'Aanvrager',
  partner: 'Partner',
  child: 'Kind',
  'other-household-member': 'Ander gezinslid',
};

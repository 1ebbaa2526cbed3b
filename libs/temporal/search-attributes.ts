import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

/**
 * Custom search attributes. The Temporal server stores these in clear: only business ids, never a name or a
 * national number (see README, Privacy).
 */
export const DOSSIER_ID = defineSearchAttributeKey('OcmwDossierId', SearchAttributeType.KEYWORD);
export const DOSSIER_REFERENCE = defineSearchAttributeKey('OcmwDossierReference', SearchAttributeType.KEYWORD);
export const PROCEDURE = defineSearchAttributeKey('OcmwProcedure', SearchAttributeType.KEYWORD);
export const TEAM = defineSearchAttributeKey('OcmwTeam', SearchAttributeType.KEYWORD);

export const SEARCH_ATTRIBUTES = [DOSSIER_ID, DOSSIER_REFERENCE, PROCEDURE, TEAM];

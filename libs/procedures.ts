/** The procedures the system runs: the API opens dossiers for these, each one workflow type. */
export const PROCEDURES = {
  leefloon: { workflowType: 'leefloonApplication', referencePrefix: 'LL', title: 'Leefloon (RMI-wet)' },
} as const;

export type ProcedureName = keyof typeof PROCEDURES;
export const PROCEDURE_NAMES = Object.keys(PROCEDURES) as ProcedureName[];

export const CHANNELS = ['counter', 'letter', 'e-mail', 'ex-officio', 'third-party'] as const;

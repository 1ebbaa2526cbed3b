/**
 * Why a legal deadline was breached, chosen by the team lead when acknowledging the breach escalation (the figures
 * count breaches per cause). Codes are Dutch words already; the labels are what a person reads. An escalation
 * acknowledged before causes were kept has none: it counts as 'onbekend'.
 */
export const BREACH_CAUSES = ['personeelstekort', 'wachten-op-client', 'wachten-op-partner', 'onvolledig-dossier', 'fout-in-planning', 'andere'] as const;
export type BreachCause = (typeof BREACH_CAUSES)[number];

/** The cause of a breach acknowledged without one (before causes were kept). */
export const UNKNOWN_CAUSE = 'onbekend';

export const BREACH_CAUSE_LABELS: Record<BreachCause | typeof UNKNOWN_CAUSE, string> = {
  personeelstekort: 'Personeelstekort',
  'wachten-op-client': 'Wachten op de cliënt',
  'wachten-op-partner': 'Wachten op een partner',
  'onvolledig-dossier': 'Onvolledig dossier',
  'fout-in-planning': 'Fout in de planning',
  andere: 'Andere',
  onbekend: 'Onbekend',
};

/** The longest free text beside a cause (characters). */
export const BREACH_CAUSE_NOTE_MAX = 500;

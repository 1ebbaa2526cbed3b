/** What every procedure workflow starts from. No names or national numbers: Temporal keeps this in its history. */
export interface DossierInput {
  dossierId: string;
  reference: string;
  procedure: string;
  team: string;
  /** The social worker who opened the dossier gets its social-worker tasks; null leaves them to be claimed. */
  responsibleUserId: string | null;
  requestDate: string;
  channel: string;
  settings: {
    /** Days before a legal deadline at which the team lead is warned (configuration). */
    warningDays: number;
    timeZone: string;
    /** Day of the month of regular payments (configuration); absent in dossiers started before payments. */
    payday?: number;
    /** Days a client has to send requested documents before the reminder (configuration). */
    documentReminderDays?: number;
    /** Days a partner has to answer a message before it is reminded (configuration). */
    partnerReminderDays?: number;
  };
}

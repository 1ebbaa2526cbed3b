/**
 * Failure types of the notices activities, all non-retryable (a retry would fail the same way). Pure: workflows import
 * this to tell them apart (ApplicationFailure.type) without pulling the activities' Node dependencies into their bundle.
 */
export const NOTICE_FAILURES = {
  /** A letter lacking a mandatory element (§0.2 for decisions); details[0] lists the missing elements ({element, description}). */
  incomplete: 'LetterIncomplete',
  /** The delivery data do not fit the mode (no posting date, no tracking number, no e-mail address, ...). */
  delivery: 'DeliveryInvalid',
  /** A delivery was already recorded for the notice with other data; details[0] is the recorded delivery. */
  deliveryConflict: 'DeliveryConflict',
  /** The dossier's procedure has no such letter template in its definition (libs/procedures). */
  templateNotInProcedure: 'TemplateNotInProcedure',
  noticeNotFound: 'NoticeNotFound',
  dossierNotFound: 'DossierNotFound',
  /** A POD MI form that does not fit the decision (form B for a refusal, no amount, ...); details[0] lists the problems. */
  podMiForm: 'PodMiFormInvalid',
  /** The letter's recipient party is unknown, no longer active, or not linked to the dossier. */
  recipientParty: 'RecipientPartyInvalid',
} as const;

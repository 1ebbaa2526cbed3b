import { CREDITOR_ANSWERS } from '../../../libs/notices/creditor-letters';
import { arrayOf, DATE, INTEGER, nullable, object, Schema, STRING, UUID } from '../common/openapi';

export const LETTER_STATUS_LABELS: Record<string, string> = {
  awaiting: 'Wacht op antwoord',
  reminded: 'Herinnerd',
  'no-answer': 'Geen antwoord',
  answered: 'Beantwoord',
};
const ANSWER_LABELS: Record<string, string> = Object.fromEntries(CREDITOR_ANSWERS);
export const FOLLOW_UP_LABELS: Record<string, string> = {
  called: 'Contact opgenomen',
  resend: 'Opnieuw verstuurd',
  close: 'Niet verder opgevolgd',
};

export interface CreditorLetterRow {
  letter_key: string;
  party_id: string;
  party_name: string;
  party_kind: string;
  debt_id: string | null;
  template: string;
  subject: string;
  sent_on: string;
  answer_due: string;
  reminder_on: string | null;
  reminder_answer_due: string | null;
  answered_on: string | null;
  answer: string | null;
  amount_cents: number | null;
  answer_note: string | null;
  follow_up: string | null;
  follow_up_note: string | null;
  status: string;
}

export function letterView(r: CreditorLetterRow) {
  return {
    letterKey: r.letter_key,
    party: { id: r.party_id, name: r.party_name, kind: r.party_kind },
    debtId: r.debt_id,
    template: r.template,
    subject: r.subject,
    sentOn: r.sent_on,
    answerDue: r.answer_due,
    reminderOn: r.reminder_on,
    reminderAnswerDue: r.reminder_answer_due,
    answeredOn: r.answered_on,
    answer: r.answer,
    answerLabel: r.answer ? (ANSWER_LABELS[r.answer] ?? r.answer) : null,
    amountCents: r.amount_cents,
    answerNote: r.answer_note,
    followUp: r.follow_up,
    followUpLabel: r.follow_up ? (FOLLOW_UP_LABELS[r.follow_up] ?? r.follow_up) : null,
    followUpNote: r.follow_up_note,
    status: r.status,
    statusLabel: LETTER_STATUS_LABELS[r.status] ?? r.status,
  };
}

const withRequired = (properties: Record<string, Schema>) => object(properties, Object.keys(properties));
export const CREDITOR_LETTER = withRequired({
  letterKey: STRING,
  party: withRequired({ id: UUID, name: STRING, kind: STRING }),
  debtId: nullable(UUID),
  template: STRING,
  subject: STRING,
  sentOn: DATE,
  answerDue: DATE,
  reminderOn: nullable(DATE),
  reminderAnswerDue: nullable(DATE),
  answeredOn: nullable(DATE),
  answer: nullable(STRING),
  answerLabel: nullable(STRING),
  amountCents: nullable(INTEGER),
  answerNote: nullable(STRING),
  followUp: nullable(STRING),
  followUpLabel: nullable(STRING),
  followUpNote: nullable(STRING),
  status: STRING,
  statusLabel: STRING,
});
export const CORRESPONDENCE = withRequired({ dossierId: UUID, items: arrayOf(CREDITOR_LETTER), total: INTEGER });
export const LETTER_REQUESTED = withRequired({ dossierId: UUID, letterKey: STRING, template: STRING, subject: STRING, delivered: { type: 'boolean' } });

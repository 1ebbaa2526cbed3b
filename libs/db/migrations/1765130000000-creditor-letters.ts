import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The correspondence of a debt mediation dossier with its creditors, bailiffs and collection agencies (domain §3.1 step
 * 4): one row per letter, keyed on the workflow's business name for it (letter_key), written only by the workflow
 * (activity recordCreditorLetter, workflows/shared/party-correspondence.ts). The dates are the answer window the
 * workflow watches: the letter's, then the reminder's; status follows awaiting → reminded → no-answer, or answered at
 * any moment, and never goes back.
 */
export class CreditorLetters1765130000000 implements MigrationInterface {
  name = 'CreditorLetters1765130000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE creditor_letters (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        dossier_id uuid NOT NULL REFERENCES dossiers(id),
        letter_key text NOT NULL,
        party_id uuid NOT NULL REFERENCES parties(id),
        debt_id uuid REFERENCES dossier_debts(id),
        template text NOT NULL,
        subject text NOT NULL,
        sent_on date NOT NULL,
        answer_due date NOT NULL,
        reminder_on date,
        reminder_answer_due date,
        answered_on date,
        answer text CHECK (answer IN ('accepted', 'counter-proposal', 'refused', 'statement')),
        amount_cents integer,
        answer_note text,
        -- What the social worker did when neither the letter nor its reminder was answered (task creditor-no-answer).
        follow_up text CHECK (follow_up IN ('called', 'resend', 'close')),
        follow_up_note text,
        status text NOT NULL CHECK (status IN ('awaiting', 'reminded', 'no-answer', 'answered')),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT creditor_letters_dossier_key UNIQUE (dossier_id, letter_key))`);
    await q.query(`CREATE INDEX creditor_letters_dossier ON creditor_letters (dossier_id, sent_on)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE creditor_letters`);
  }
}

import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A partner's answer to a message, beyond its receipt (issue 14, state reimbursement under the Wet 1965): POD MI
 * accepts a form or a cost claim (D1, D2, F) in full or in part, or refuses it, with the amount it reimburses and its
 * reason. One answer per message; recording it also acknowledges the message when that was not done yet.
 */
export class PartnerAnswers1765170000000 implements MigrationInterface {
  name = 'PartnerAnswers1765170000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE partner_messages
        ADD COLUMN answer text CHECK (answer IN ('accepted', 'partly-accepted', 'refused')),
        ADD COLUMN answered_on date,
        ADD COLUMN answered_by uuid,
        ADD COLUMN reimbursed_cents int CHECK (reimbursed_cents >= 0),
        ADD COLUMN answer_reason text,
        ADD CONSTRAINT partner_messages_answer_complete CHECK ((answer IS NULL) = (answered_on IS NULL))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE partner_messages DROP CONSTRAINT partner_messages_answer_complete,
        DROP COLUMN answer, DROP COLUMN answered_on, DROP COLUMN answered_by, DROP COLUMN reimbursed_cents, DROP COLUMN answer_reason`);
  }
}

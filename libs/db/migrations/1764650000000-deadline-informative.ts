import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Deadline status 'informative': a window whose indicative end has passed without closing the right (an appeal against
 * the absence of a decision does not run without notice, GwH nr. 35/2008), instead of 'expired'.
 */
export class DeadlineInformative1764650000000 implements MigrationInterface {
  name = 'DeadlineInformative1764650000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE deadlines DROP CONSTRAINT deadlines_status_check`);
    await q.query(`ALTER TABLE deadlines ADD CONSTRAINT deadlines_status_check
      CHECK (status IN ('running','met','at-risk','breached','suspended','cancelled','expired','informative'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`UPDATE deadlines SET status = 'expired' WHERE status = 'informative'`);
    await q.query(`ALTER TABLE deadlines DROP CONSTRAINT deadlines_status_check`);
    await q.query(`ALTER TABLE deadlines ADD CONSTRAINT deadlines_status_check
      CHECK (status IN ('running','met','at-risk','breached','suspended','cancelled','expired'))`);
  }
}

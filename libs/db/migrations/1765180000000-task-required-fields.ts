import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A task may require optional fields of its kind's outcome schema (issue 14: the competence check's facts for dossiers
 * opened from the competence-facts patch on, while running dossiers complete it without them). Kept on the task so the
 * inbox's form marks them; the workflow refuses the completion without them.
 */
export class TaskRequiredFields1765180000000 implements MigrationInterface {
  name = 'TaskRequiredFields1765180000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE tasks ADD COLUMN required_fields text[] NOT NULL DEFAULT '{}'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE tasks DROP COLUMN required_fields`);
  }
}

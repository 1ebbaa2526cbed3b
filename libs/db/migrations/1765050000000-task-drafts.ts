import { MigrationInterface, QueryRunner } from 'typeorm';

/** Drafts of task forms per task and user; deleted with the completion of the task (and with the task or the user). */
export class TaskDrafts1765050000000 implements MigrationInterface {
  name = 'TaskDrafts1765050000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE task_drafts (
      task_id uuid NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      data jsonb NOT NULL CHECK (jsonb_typeof(data) = 'object'),
      saved_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (task_id, user_id))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE task_drafts`);
  }
}

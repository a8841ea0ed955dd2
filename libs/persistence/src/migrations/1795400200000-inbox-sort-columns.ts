import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The inbox lists a person's tasks by due date from the candidate index alone: the sort and filter
 * columns are copied onto each candidate row, so the database sorts narrow index entries, not tasks.
 */
export class InboxSortColumns1795400200000 implements MigrationInterface {
  name = 'InboxSortColumns1795400200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE user_task_candidate
      ADD COLUMN form_key VARCHAR(100) NOT NULL DEFAULT '',
      ADD COLUMN due_at DATETIME(3) NULL,
      ADD COLUMN created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      DROP INDEX ix_user_task_candidate_key,
      ADD INDEX ix_user_task_candidate_inbox (group_key, due_at, created_at, task_id)`);
    await q.query(`UPDATE user_task_candidate c JOIN user_task t ON t.id = c.task_id
      SET c.form_key = t.form_key, c.due_at = t.due_at, c.created_at = t.created_at`);
    await q.query('CREATE INDEX ix_user_task_assignee_due ON user_task (assignee, state, due_at)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX ix_user_task_assignee_due ON user_task');
    await q.query(`ALTER TABLE user_task_candidate DROP INDEX ix_user_task_candidate_inbox,
      DROP COLUMN form_key, DROP COLUMN due_at, DROP COLUMN created_at,
      ADD INDEX ix_user_task_candidate_key (group_key, task_id)`);
  }
}

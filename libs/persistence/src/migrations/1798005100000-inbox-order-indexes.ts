import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A reader whom tens of thousands of tasks reach (a head-office approver) gets a page by walking the
 * candidate rows in the list's order: these indexes hold that order first and every column the list
 * filters and returns after it, so the walk reads index entries only and stops at the page's end.
 */
export class InboxOrderIndexes1798005100000 implements MigrationInterface {
  name = 'InboxOrderIndexes1798005100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE user_task_candidate
      ADD INDEX ix_user_task_candidate_due (due_at, created_at, task_id, group_key, branch_code, form_key),
      ADD INDEX ix_user_task_candidate_created (created_at, task_id, group_key, branch_code, form_key, due_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE user_task_candidate DROP INDEX ix_user_task_candidate_due,
      DROP INDEX ix_user_task_candidate_created`);
  }
}

import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Tasks, their inbox rows and process instances carry the branch of the loan they belong to, so
 * every list is filtered to the reader's org subtree from its own index. Filled from the loan
 * register for what exists already.
 */
export class BranchScope1796700000000 implements MigrationInterface {
  name = 'BranchScope1796700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE user_task ADD COLUMN branch_code VARCHAR(32) NULL`);
    await q.query(
      `UPDATE user_task t JOIN loan l ON l.id = t.business_key SET t.branch_code = l.branch_code`,
    );
    await q.query(`ALTER TABLE user_task_candidate ADD COLUMN branch_code VARCHAR(32) NULL,
      DROP INDEX ix_user_task_candidate_inbox,
      ADD INDEX ix_user_task_candidate_inbox (group_key, due_at, created_at, task_id, branch_code)`);
    await q.query(
      `UPDATE user_task_candidate c JOIN user_task t ON t.id = c.task_id SET c.branch_code = t.branch_code`,
    );
    await q.query(
      `ALTER TABLE user_task ADD INDEX ix_user_task_assignee_branch (assignee, state, branch_code)`,
    );
    await q.query(`ALTER TABLE process_instance ADD COLUMN branch_code VARCHAR(32) NULL,
      ADD INDEX ix_process_instance_branch (branch_code, started_at)`);
    await q.query(
      `UPDATE process_instance p JOIN loan l ON l.id = p.business_key SET p.branch_code = l.branch_code`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE process_instance DROP INDEX ix_process_instance_branch, DROP COLUMN branch_code`,
    );
    await q.query(`ALTER TABLE user_task DROP INDEX ix_user_task_assignee_branch`);
    await q.query(`ALTER TABLE user_task_candidate DROP INDEX ix_user_task_candidate_inbox,
      ADD INDEX ix_user_task_candidate_inbox (group_key, due_at, created_at, task_id), DROP COLUMN branch_code`);
    await q.query(`ALTER TABLE user_task DROP COLUMN branch_code`);
  }
}

import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The hold renewal asks the broker about the open tasks whose hold ends first, a batch per pass:
 * this index hands it that batch without sorting every open task.
 */
export class TaskHoldOrderIndex1798005200000 implements MigrationInterface {
  name = 'TaskHoldOrderIndex1798005200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('CREATE INDEX ix_user_task_state_deadline ON user_task (state, job_deadline)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX ix_user_task_state_deadline ON user_task');
  }
}

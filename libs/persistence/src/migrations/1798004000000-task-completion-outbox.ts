import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A person's completion of a task, recorded before the broker is asked: if the database commit
 * after the broker's yes fails, or the process dies between the two, the row says what to settle
 * (the completion and its audit entry, once) or to release (the broker never took it).
 */
export class TaskCompletionOutbox1798004000000 implements MigrationInterface {
  name = 'TaskCompletionOutbox1798004000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE task_completion_outbox (
      job_key VARCHAR(20) NOT NULL PRIMARY KEY,
      state VARCHAR(12) NOT NULL,
      username VARCHAR(64) NOT NULL,
      actor_json VARCHAR(2000) NOT NULL,
      answer_json MEDIUMTEXT NULL,
      answer_digest CHAR(64) NOT NULL,
      completed_at DATETIME(3) NOT NULL,
      created_at DATETIME(3) NOT NULL,
      settled_at DATETIME(3) NULL,
      settled_by VARCHAR(100) NULL,
      claimed_by VARCHAR(100) NULL,
      claimed_until DATETIME(3) NULL,
      KEY ix_task_completion_outbox_state (state, created_at)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE task_completion_outbox`);
  }
}

import { MigrationInterface, QueryRunner } from 'typeorm';

/** Task forms saved half-filled by their assignee (never sent to the engine). */
export class TaskDrafts1797985100000 implements MigrationInterface {
  name = 'TaskDrafts1797985100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE task_draft (
      task_id VARCHAR(20) NOT NULL PRIMARY KEY,
      owner VARCHAR(64) NOT NULL,
      loan_id VARCHAR(64) NULL,
      answer MEDIUMTEXT NOT NULL,
      saved_at DATETIME(3) NOT NULL
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE task_draft`);
  }
}

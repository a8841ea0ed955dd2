import { MigrationInterface, QueryRunner } from 'typeorm';

/** A task keeps what it is about beyond the loan: the warning, the proposed level, the loss. */
export class TaskContext1796600000000 implements MigrationInterface {
  name = 'TaskContext1796600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE user_task ADD COLUMN context_json TEXT NULL');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE user_task DROP COLUMN context_json');
  }
}

import { MigrationInterface, QueryRunner } from 'typeorm';

/** The inbox finds a task by its element instance when the engine terminates the element. */
export class UserTaskElement1796200000000 implements MigrationInterface {
  name = 'UserTaskElement1796200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE user_task ADD KEY ix_user_task_element (element_instance_key)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE user_task DROP KEY ix_user_task_element');
  }
}

import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Operating running instances: a modification (tokens moved, elements activated or cancelled)
 * waits here for its second person; a batch (retry, cancel, migrate) keeps its items and results.
 */
export class InstanceOperations1798002000000 implements MigrationInterface {
  name = 'InstanceOperations1798002000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE instance_modification (
      id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
      process_instance_key VARCHAR(20) NOT NULL,
      bpmn_process_id VARCHAR(100) NOT NULL,
      process_definition_key VARCHAR(20) NOT NULL,
      loan_id VARCHAR(64) NULL,
      branch_code VARCHAR(32) NULL,
      instructions_json TEXT NOT NULL,
      plan_json TEXT NOT NULL,
      reason VARCHAR(500) NOT NULL,
      status VARCHAR(12) NOT NULL,
      requested_by VARCHAR(64) NOT NULL,
      requested_at DATETIME(3) NOT NULL,
      decided_by VARCHAR(64) NULL,
      decided_at DATETIME(3) NULL,
      decision_note VARCHAR(500) NULL,
      failure VARCHAR(1000) NULL,
      KEY ix_instance_modification_status (status, requested_at),
      KEY ix_instance_modification_instance (process_instance_key)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    await q.query(`CREATE TABLE batch_operation (
      id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
      action VARCHAR(12) NOT NULL,
      status VARCHAR(12) NOT NULL,
      reason VARCHAR(500) NOT NULL,
      target_definition_key VARCHAR(20) NULL,
      items_json MEDIUMTEXT NOT NULL,
      total INT NOT NULL,
      done INT NOT NULL DEFAULT 0,
      failed INT NOT NULL DEFAULT 0,
      requested_by VARCHAR(64) NOT NULL,
      requested_at DATETIME(3) NOT NULL,
      decided_by VARCHAR(64) NULL,
      decided_at DATETIME(3) NULL,
      finished_at DATETIME(3) NULL,
      KEY ix_batch_operation_status (status, requested_at)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE batch_operation`);
    await q.query(`DROP TABLE instance_modification`);
  }
}

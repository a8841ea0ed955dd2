import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * "Instances with a token at element X of process P", answered from one index: the projector keeps
 * one row per active element instance, carrying what the monitor's list orders and scopes by (the
 * instance's start and branch), so a page and its count are index range reads, not a join and a sort
 * over every instance that ever passed the element.
 */
export class CurrentTokens1798005000000 implements MigrationInterface {
  name = 'CurrentTokens1798005000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE current_token (
      element_instance_key VARCHAR(20) NOT NULL,
      process_instance_key VARCHAR(20) NOT NULL,
      bpmn_process_id VARCHAR(100) NOT NULL,
      element_id VARCHAR(100) NOT NULL,
      instance_started_at DATETIME(3) NOT NULL,
      branch_code VARCHAR(32) NULL,
      PRIMARY KEY (element_instance_key),
      KEY ix_current_token_instance (process_instance_key),
      KEY ix_current_token_element (bpmn_process_id, element_id, instance_started_at, process_instance_key, branch_code),
      KEY ix_current_token_element_only (element_id, process_instance_key)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    await q.query(`INSERT INTO current_token (element_instance_key, process_instance_key, bpmn_process_id,
        element_id, instance_started_at, branch_code)
      SELECT e.element_instance_key, e.process_instance_key, p.bpmn_process_id, e.element_id, p.started_at,
             p.branch_code
        FROM element_instance e JOIN process_instance p ON p.process_instance_key = e.process_instance_key
       WHERE e.state = 'active' AND p.last_position > 0`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE current_token');
  }
}

import { MigrationInterface, QueryRunner } from 'typeorm';

const TABLE_OPTIONS = 'ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci';

/** Identity, the task inbox, duty records and the audit chain. */
export class TaskPlatform1795400100000 implements MigrationInterface {
  name = 'TaskPlatform1795400100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE org_unit (
      code VARCHAR(32) NOT NULL, name VARCHAR(100) NOT NULL, kind VARCHAR(16) NOT NULL,
      parent_code VARCHAR(32) NULL, path VARCHAR(255) NOT NULL,
      PRIMARY KEY (code), KEY ix_org_unit_path (path),
      CONSTRAINT fk_org_unit_parent FOREIGN KEY (parent_code) REFERENCES org_unit (code)
    ) ${TABLE_OPTIONS}`);
    await q.query(`CREATE TABLE app_user (
      id BIGINT NOT NULL AUTO_INCREMENT, username VARCHAR(64) NOT NULL, display_name VARCHAR(100) NOT NULL,
      password_hash VARCHAR(255) NULL, org_unit_code VARCHAR(32) NOT NULL, id_number VARCHAR(18) NULL,
      active TINYINT(1) NOT NULL DEFAULT 1, created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      PRIMARY KEY (id), UNIQUE KEY uq_app_user_username (username),
      CONSTRAINT fk_app_user_org FOREIGN KEY (org_unit_code) REFERENCES org_unit (code)
    ) ${TABLE_OPTIONS}`);
    await q.query(`CREATE TABLE user_role (
      user_id BIGINT NOT NULL, role VARCHAR(32) NOT NULL, PRIMARY KEY (user_id, role),
      CONSTRAINT fk_user_role_user FOREIGN KEY (user_id) REFERENCES app_user (id) ON DELETE CASCADE
    ) ${TABLE_OPTIONS}`);
    await q.query(`CREATE TABLE user_relative (
      user_id BIGINT NOT NULL, relative_id_number VARCHAR(18) NOT NULL, relation VARCHAR(32) NOT NULL,
      PRIMARY KEY (user_id, relative_id_number),
      CONSTRAINT fk_user_relative_user FOREIGN KEY (user_id) REFERENCES app_user (id) ON DELETE CASCADE
    ) ${TABLE_OPTIONS}`);
    await q.query(`CREATE TABLE authority_level_limit (
      level VARCHAR(16) NOT NULL, product VARCHAR(16) NOT NULL, max_risk_grade CHAR(1) NOT NULL,
      max_amount_minor BIGINT NOT NULL, PRIMARY KEY (level, product)
    ) ${TABLE_OPTIONS}`);
    await q.query(`CREATE TABLE approval_authority (
      user_id BIGINT NOT NULL, product VARCHAR(16) NOT NULL, level VARCHAR(16) NOT NULL,
      max_risk_grade CHAR(1) NOT NULL, max_amount_minor BIGINT NOT NULL, PRIMARY KEY (user_id, product),
      CONSTRAINT fk_approval_authority_user FOREIGN KEY (user_id) REFERENCES app_user (id) ON DELETE CASCADE
    ) ${TABLE_OPTIONS}`);
    await q.query(`CREATE TABLE user_task (
      id VARCHAR(20) NOT NULL, process_instance_key VARCHAR(20) NOT NULL, bpmn_process_id VARCHAR(100) NOT NULL,
      process_version INT NOT NULL, element_id VARCHAR(100) NOT NULL, element_instance_key VARCHAR(20) NOT NULL,
      form_key VARCHAR(100) NOT NULL, business_key VARCHAR(64) NULL,
      candidate_groups TEXT NOT NULL, candidate_users TEXT NOT NULL, assignee VARCHAR(64) NULL,
      due_at DATETIME(3) NULL, follow_up_at DATETIME(3) NULL, job_deadline DATETIME(3) NULL,
      state VARCHAR(16) NOT NULL, loan_summary TEXT NULL, completed_by VARCHAR(64) NULL,
      ended_at DATETIME(3) NULL, end_reason VARCHAR(255) NULL,
      created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), version INT NOT NULL DEFAULT 1,
      PRIMARY KEY (id),
      KEY ix_user_task_state_due (state, due_at),
      KEY ix_user_task_assignee (assignee, state),
      KEY ix_user_task_business_key (business_key),
      KEY ix_user_task_element_instance (element_instance_key)
    ) ${TABLE_OPTIONS}`);
    await q.query(`CREATE TABLE user_task_candidate (
      task_id VARCHAR(20) NOT NULL, group_key VARCHAR(100) NOT NULL,
      PRIMARY KEY (task_id, group_key), KEY ix_user_task_candidate_key (group_key, task_id),
      CONSTRAINT fk_user_task_candidate_task FOREIGN KEY (task_id) REFERENCES user_task (id) ON DELETE CASCADE
    ) ${TABLE_OPTIONS}`);
    await q.query(`CREATE TABLE loan_duty (
      id BIGINT NOT NULL AUTO_INCREMENT, business_key VARCHAR(64) NOT NULL, duty VARCHAR(32) NOT NULL,
      username VARCHAR(64) NOT NULL, task_id VARCHAR(20) NOT NULL,
      at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      PRIMARY KEY (id), KEY ix_loan_duty_business_key (business_key)
    ) ${TABLE_OPTIONS}`);
    await q.query(`CREATE TABLE audit_entry (
      id BIGINT NOT NULL AUTO_INCREMENT, at DATETIME(3) NOT NULL, actor VARCHAR(64) NULL,
      actor_roles VARCHAR(255) NOT NULL, org_unit_code VARCHAR(32) NULL, action VARCHAR(64) NOT NULL,
      loan_key VARCHAR(64) NULL, task_id VARCHAR(20) NULL, inputs_digest CHAR(64) NULL,
      outcome VARCHAR(16) NOT NULL, reason TEXT NULL, prev_hash CHAR(64) NOT NULL, hash CHAR(64) NOT NULL,
      PRIMARY KEY (id), KEY ix_audit_entry_loan (loan_key, id)
    ) ${TABLE_OPTIONS}`);
    await q.query(`CREATE TABLE audit_chain_head (
      id TINYINT NOT NULL, last_id BIGINT NOT NULL, last_hash CHAR(64) NOT NULL, PRIMARY KEY (id)
    ) ${TABLE_OPTIONS}`);
    await q.query(
      `INSERT INTO audit_chain_head (id, last_id, last_hash) VALUES (1, 0, REPEAT('0', 64))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'audit_chain_head',
      'audit_entry',
      'loan_duty',
      'user_task_candidate',
      'user_task',
      'approval_authority',
      'authority_level_limit',
      'user_relative',
      'user_role',
      'app_user',
      'org_unit',
    ]) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}

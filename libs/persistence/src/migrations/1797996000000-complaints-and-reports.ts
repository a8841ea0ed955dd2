import { MigrationInterface, QueryRunner } from 'typeorm';

/** Complaints with the staff they are about, reports of suspicious activity, key customers. */
export class ComplaintsAndReports1797996000000 implements MigrationInterface {
  name = 'ComplaintsAndReports1797996000000';

  async up(q: QueryRunner): Promise<void> {
    const table = `ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`;
    await q.query(`CREATE TABLE complaint (
      id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
      loan_id VARCHAR(32) NOT NULL,
      unit_code VARCHAR(32) NOT NULL,
      category VARCHAR(32) NOT NULL,
      channel VARCHAR(16) NOT NULL,
      body TEXT NOT NULL,
      filed_by VARCHAR(64) NOT NULL,
      filed_at DATETIME(3) NOT NULL,
      handler VARCHAR(64) NULL,
      level VARCHAR(16) NOT NULL,
      due_at DATETIME(3) NOT NULL,
      due_on VARCHAR(10) NOT NULL,
      level_due_at DATETIME(3) NOT NULL,
      working_days INT NOT NULL,
      calendar_covered TINYINT NOT NULL,
      process_instance_key VARCHAR(20) NULL,
      status VARCHAR(16) NOT NULL,
      answer TEXT NULL,
      resolution VARCHAR(32) NULL,
      answered_by VARCHAR(64) NULL,
      answered_at DATETIME(3) NULL,
      escalated_to_branch_at DATETIME(3) NULL,
      escalated_to_head_office_at DATETIME(3) NULL,
      KEY ix_complaint_loan (loan_id),
      KEY ix_complaint_unit (unit_code, status)
    ) ${table}`);
    await q.query(`CREATE TABLE complaint_staff (
      complaint_id BIGINT NOT NULL,
      username VARCHAR(64) NOT NULL,
      PRIMARY KEY (complaint_id, username),
      KEY ix_complaint_staff_user (username)
    ) ${table}`);
    await q.query(`CREATE TABLE misconduct_report (
      id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
      subject_kind VARCHAR(8) NOT NULL,
      loan_id VARCHAR(32) NULL,
      staff_username VARCHAR(64) NULL,
      body TEXT NOT NULL,
      filed_by VARCHAR(64) NOT NULL,
      filed_at DATETIME(3) NOT NULL,
      status VARCHAR(16) NOT NULL,
      outcome VARCHAR(32) NULL,
      updated_at DATETIME(3) NOT NULL
    ) ${table}`);
    await q.query(`CREATE TABLE misconduct_report_step (
      id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
      report_id BIGINT NOT NULL,
      status VARCHAR(16) NOT NULL,
      outcome VARCHAR(32) NULL,
      note TEXT NOT NULL,
      by_user VARCHAR(64) NOT NULL,
      at DATETIME(3) NOT NULL,
      KEY ix_report_step_report (report_id)
    ) ${table}`);
    await q.query(`CREATE TABLE key_customer (
      id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
      id_number_index CHAR(64) NOT NULL,
      id_number VARCHAR(255) NOT NULL,
      name VARCHAR(255) NOT NULL,
      unit_code VARCHAR(32) NOT NULL,
      reason VARCHAR(500) NOT NULL,
      inspection_months INT NOT NULL,
      added_by VARCHAR(64) NOT NULL,
      added_at DATETIME(3) NOT NULL,
      removed_by VARCHAR(64) NULL,
      removed_at DATETIME(3) NULL,
      removal_reason VARCHAR(500) NULL,
      KEY ix_key_customer_person (id_number_index, removed_at)
    ) ${table}`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'key_customer',
      'misconduct_report_step',
      'misconduct_report',
      'complaint_staff',
      'complaint',
    ])
      await q.query(`DROP TABLE ${table}`);
  }
}

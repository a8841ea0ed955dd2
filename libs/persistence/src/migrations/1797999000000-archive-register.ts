import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The loan file register (档案登记簿): the file in custody, its lendings (调阅), the archive's
 * inspections (检查) and hand-overs (移交), the register's lines, and the valuables kept (重要凭证).
 */
export class ArchiveRegister1797999000000 implements MigrationInterface {
  name = 'ArchiveRegister1797999000000';

  async up(q: QueryRunner): Promise<void> {
    const table = `ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`;
    await q.query(`CREATE TABLE archive_file (
      id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
      loan_id VARCHAR(32) NOT NULL,
      unit_code VARCHAR(32) NOT NULL,
      kind VARCHAR(16) NOT NULL,
      reference VARCHAR(48) NOT NULL,
      location VARCHAR(200) NOT NULL,
      custodian VARCHAR(64) NOT NULL,
      closed_at DATETIME(3) NOT NULL,
      filed_at DATETIME(3) NOT NULL,
      filed_by VARCHAR(64) NOT NULL,
      status VARCHAR(16) NOT NULL,
      destruction_requested_by VARCHAR(64) NULL,
      destruction_requested_at DATETIME(3) NULL,
      destroyed_at DATETIME(3) NULL,
      destruction_approved_by VARCHAR(64) NULL,
      UNIQUE KEY ux_archive_file_loan (loan_id),
      UNIQUE KEY ux_archive_file_reference (reference),
      KEY ix_archive_file_unit (unit_code, status)
    ) ${table}`);
    await q.query(`CREATE TABLE archive_entry (
      id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
      file_id BIGINT NOT NULL,
      loan_id VARCHAR(32) NOT NULL,
      act VARCHAR(32) NOT NULL,
      by_user VARCHAR(64) NOT NULL,
      at DATETIME(3) NOT NULL,
      note TEXT NOT NULL,
      KEY ix_archive_entry_file (file_id)
    ) ${table}`);
    await q.query(`CREATE TABLE archive_lending (
      id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
      file_id BIGINT NOT NULL,
      loan_id VARCHAR(32) NOT NULL,
      unit_code VARCHAR(32) NOT NULL,
      borrower VARCHAR(64) NOT NULL,
      purpose TEXT NOT NULL,
      lent_by VARCHAR(64) NOT NULL,
      lent_at DATETIME(3) NOT NULL,
      due_at DATETIME(3) NOT NULL,
      due_on VARCHAR(10) NOT NULL,
      working_days INT NOT NULL,
      returned_at DATETIME(3) NULL,
      returned_to VARCHAR(64) NULL,
      overdue_notified_at DATETIME(3) NULL,
      process_instance_key VARCHAR(20) NULL,
      KEY ix_archive_lending_file (file_id),
      KEY ix_archive_lending_unit (unit_code, returned_at)
    ) ${table}`);
    await q.query(`CREATE TABLE archive_inspection (
      id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
      unit_code VARCHAR(32) NOT NULL,
      inspected_by VARCHAR(64) NOT NULL,
      inspected_at DATETIME(3) NOT NULL,
      result VARCHAR(16) NOT NULL,
      files_checked INT NOT NULL,
      findings TEXT NOT NULL,
      KEY ix_archive_inspection_unit (unit_code)
    ) ${table}`);
    await q.query(`CREATE TABLE archive_handover (
      id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
      unit_code VARCHAR(32) NOT NULL,
      from_user VARCHAR(64) NOT NULL,
      to_user VARCHAR(64) NOT NULL,
      handed_at DATETIME(3) NOT NULL,
      recorded_by VARCHAR(64) NOT NULL,
      note TEXT NOT NULL,
      KEY ix_archive_handover_unit (unit_code)
    ) ${table}`);
    await q.query(`CREATE TABLE archive_handover_item (
      handover_id BIGINT NOT NULL,
      file_id BIGINT NOT NULL,
      PRIMARY KEY (handover_id, file_id)
    ) ${table}`);
    await q.query(`CREATE TABLE archive_valuable (
      id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
      loan_id VARCHAR(32) NOT NULL,
      unit_code VARCHAR(32) NOT NULL,
      collateral_id VARCHAR(64) NULL,
      kind VARCHAR(32) NOT NULL,
      reference VARCHAR(255) NOT NULL,
      description VARCHAR(500) NOT NULL,
      location VARCHAR(200) NOT NULL,
      status VARCHAR(16) NOT NULL,
      received_by VARCHAR(64) NOT NULL,
      received_at DATETIME(3) NOT NULL,
      KEY ix_archive_valuable_loan (loan_id),
      KEY ix_archive_valuable_unit (unit_code, status)
    ) ${table}`);
    await q.query(`CREATE TABLE archive_valuable_movement (
      id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
      valuable_id BIGINT NOT NULL,
      loan_id VARCHAR(32) NOT NULL,
      movement VARCHAR(16) NOT NULL,
      reason TEXT NOT NULL,
      counterpart VARCHAR(200) NULL,
      by_user VARCHAR(64) NOT NULL,
      at DATETIME(3) NOT NULL,
      KEY ix_archive_movement_valuable (valuable_id)
    ) ${table}`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const name of [
      'archive_valuable_movement',
      'archive_valuable',
      'archive_handover_item',
      'archive_handover',
      'archive_inspection',
      'archive_lending',
      'archive_entry',
      'archive_file',
    ])
      await q.query(`DROP TABLE ${name}`);
  }
}

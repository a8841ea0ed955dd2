import { MigrationInterface, QueryRunner } from 'typeorm';

/** Absences with deputies, and handovers of a member of staff's loans and tasks. */
export class Staffing1797990000000 implements MigrationInterface {
  name = 'Staffing1797990000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE user_absence (
      id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
      username VARCHAR(64) NOT NULL,
      deputy VARCHAR(64) NOT NULL,
      starts_on VARCHAR(10) NOT NULL,
      ends_on VARCHAR(10) NOT NULL,
      reason VARCHAR(255) NOT NULL,
      declared_by VARCHAR(64) NOT NULL,
      declared_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      claimed_moved_at DATETIME(3) NULL,
      cancelled_at DATETIME(3) NULL,
      cancelled_by VARCHAR(64) NULL,
      KEY ix_user_absence_user (username, ends_on),
      KEY ix_user_absence_start (starts_on, claimed_moved_at)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    await q.query(`CREATE TABLE handover (
      id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
      from_user VARCHAR(64) NOT NULL,
      to_user VARCHAR(64) NOT NULL,
      reason VARCHAR(500) NOT NULL,
      org_unit_code VARCHAR(32) NOT NULL,
      handed_by VARCHAR(64) NOT NULL,
      handed_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      KEY ix_handover_from (from_user)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    await q.query(`CREATE TABLE handover_item (
      id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
      handover_id BIGINT NOT NULL,
      kind VARCHAR(8) NOT NULL,
      loan_id VARCHAR(32) NULL,
      task_id VARCHAR(20) NULL,
      outcome VARCHAR(10) NOT NULL,
      detail VARCHAR(500) NULL,
      KEY ix_handover_item_handover (handover_id),
      KEY ix_handover_item_loan (loan_id)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE handover_item`);
    await q.query(`DROP TABLE handover`);
    await q.query(`DROP TABLE user_absence`);
  }
}

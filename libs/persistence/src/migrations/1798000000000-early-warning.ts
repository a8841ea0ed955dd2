import { MigrationInterface, QueryRunner } from 'typeorm';

/** Head office's warning levels on the figures, the units' crossings, the early-warning feeds' checks. */
export class EarlyWarning1798000000000 implements MigrationInterface {
  name = 'EarlyWarning1798000000000';

  async up(q: QueryRunner): Promise<void> {
    const table = `ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`;
    await q.query(`CREATE TABLE figure_threshold (
      id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
      figure VARCHAR(32) NOT NULL,
      value VARCHAR(8) NOT NULL,
      current_key VARCHAR(32) NULL,
      reason VARCHAR(500) NOT NULL,
      set_by VARCHAR(64) NOT NULL,
      set_at DATETIME(3) NOT NULL,
      superseded_at DATETIME(3) NULL,
      UNIQUE KEY uq_figure_threshold_current (current_key)
    ) ${table}`);
    await q.query(`CREATE TABLE threshold_crossing (
      id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
      org_unit_code VARCHAR(32) NOT NULL,
      figure VARCHAR(32) NOT NULL,
      threshold_id BIGINT NOT NULL,
      threshold_value VARCHAR(8) NOT NULL,
      value VARCHAR(8) NOT NULL,
      as_of VARCHAR(10) NOT NULL,
      loans_json TEXT NOT NULL,
      open_key VARCHAR(80) NULL,
      state VARCHAR(16) NOT NULL,
      crossed_at DATETIME(3) NOT NULL,
      cleared_at DATETIME(3) NULL,
      action_plan TEXT NULL,
      answered_by VARCHAR(64) NULL,
      answered_at DATETIME(3) NULL,
      published_at DATETIME(3) NULL,
      UNIQUE KEY uq_threshold_crossing_open (open_key),
      KEY ix_threshold_crossing_unit (org_unit_code, figure)
    ) ${table}`);
    await q.query(`CREATE TABLE feed_check (
      id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
      loan_id VARCHAR(32) NOT NULL,
      feed VARCHAR(16) NOT NULL,
      party_role VARCHAR(16) NOT NULL,
      party_id BIGINT NOT NULL,
      dedupe_key VARCHAR(160) NOT NULL,
      checked_on VARCHAR(10) NOT NULL,
      source VARCHAR(32) NOT NULL,
      outcome VARCHAR(8) NOT NULL,
      level VARCHAR(8) NULL,
      reasons VARCHAR(1000) NOT NULL,
      report TEXT NOT NULL,
      warning_id BIGINT NULL,
      checked_at DATETIME(3) NOT NULL,
      UNIQUE KEY uq_feed_check_dedupe (dedupe_key),
      KEY ix_feed_check_loan (loan_id, feed)
    ) ${table}`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE feed_check');
    await q.query('DROP TABLE threshold_crossing');
    await q.query('DROP TABLE figure_threshold');
  }
}

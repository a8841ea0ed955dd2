import { MigrationInterface, QueryRunner } from 'typeorm';

const TABLE_OPTIONS = 'ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci';

/**
 * Changes of a loan's accounts and borrower's details, and the account each auto-debit repayment
 * was taken from (encrypted, as every account number).
 */
export class ChangeRequests1797998000000 implements MigrationInterface {
  name = 'ChangeRequests1797998000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE loan_change_request (
      id BIGINT NOT NULL AUTO_INCREMENT, loan_id VARCHAR(32) NOT NULL, open_key VARCHAR(64) NULL,
      kind VARCHAR(20) NOT NULL, party_id BIGINT NULL, fields VARCHAR(100) NOT NULL,
      before_json TEXT NOT NULL, after_json TEXT NOT NULL, document_ids VARCHAR(500) NOT NULL,
      reason TEXT NOT NULL, requested_by VARCHAR(64) NOT NULL, requested_at DATETIME(3) NOT NULL,
      state VARCHAR(12) NOT NULL, process_instance_key VARCHAR(20) NULL,
      reviewed_by VARCHAR(64) NULL, review_outcome VARCHAR(12) NULL, review_opinion TEXT NULL,
      reviewed_at DATETIME(3) NULL, outcome VARCHAR(500) NULL, closed_at DATETIME(3) NULL,
      PRIMARY KEY (id), UNIQUE KEY uq_loan_change_request_open (open_key),
      KEY ix_loan_change_request_loan (loan_id, kind, state),
      CONSTRAINT fk_loan_change_request_loan FOREIGN KEY (loan_id) REFERENCES loan (id)
    ) ${TABLE_OPTIONS}`);
    await q.query('ALTER TABLE repayment ADD COLUMN debit_account VARCHAR(255) NULL');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE repayment DROP COLUMN debit_account');
    await q.query('DROP TABLE loan_change_request');
  }
}

import { MigrationInterface, QueryRunner } from 'typeorm';

/** Part prepayments (部分提前还款) and the history of installments a revision replaced. */
export class PartPrepayment1797997000000 implements MigrationInterface {
  name = 'PartPrepayment1797997000000';

  async up(q: QueryRunner): Promise<void> {
    const table = `ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`;
    await q.query(`CREATE TABLE loan_prepayment (
      id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
      loan_id VARCHAR(32) NOT NULL,
      open_key VARCHAR(32) NULL,
      amount_minor BIGINT NOT NULL,
      \`option\` VARCHAR(24) NOT NULL,
      channel VARCHAR(16) NOT NULL,
      requested_by VARCHAR(64) NOT NULL,
      requested_at DATETIME(3) NOT NULL,
      state VARCHAR(12) NOT NULL,
      quote_json TEXT NOT NULL,
      process_instance_key VARCHAR(20) NULL,
      decided_by VARCHAR(64) NULL,
      outcome VARCHAR(2000) NULL,
      closed_at DATETIME(3) NULL,
      posted_on VARCHAR(10) NULL,
      interest_minor BIGINT NULL,
      fee_minor BIGINT NULL,
      repayment_id BIGINT NULL,
      txn_id VARCHAR(48) NULL,
      UNIQUE KEY uq_loan_prepayment_open (open_key),
      KEY ix_loan_prepayment_loan (loan_id)
    ) ${table}`);
    await q.query(`CREATE TABLE loan_installment_history (
      id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
      loan_id VARCHAR(32) NOT NULL,
      number INT NOT NULL,
      due_date VARCHAR(10) NOT NULL,
      payment_minor BIGINT NOT NULL,
      principal_minor BIGINT NOT NULL,
      interest_minor BIGINT NOT NULL,
      balance_minor BIGINT NOT NULL,
      principal_paid_minor BIGINT NOT NULL,
      interest_paid_minor BIGINT NOT NULL,
      replaced_by VARCHAR(48) NOT NULL,
      replaced_at DATETIME(3) NOT NULL,
      KEY ix_loan_installment_history_loan (loan_id, replaced_by)
    ) ${table}`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE loan_installment_history');
    await q.query('DROP TABLE loan_prepayment');
  }
}

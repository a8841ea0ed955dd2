import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every credit decision a person makes on a loan, with its terms: the review's recommendation,
 * each level's approval, the applicant's answer to a counter-offer, the disbursement check. The
 * payout is checked against these, never against what a process variable says.
 */
export class LoanDecision1797000000000 implements MigrationInterface {
  name = 'LoanDecision1797000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE loan_decision (
      id BIGINT NOT NULL AUTO_INCREMENT, loan_id VARCHAR(32) NOT NULL, kind VARCHAR(24) NOT NULL,
      level VARCHAR(16) NULL, outcome VARCHAR(16) NOT NULL,
      amount_minor BIGINT NULL, term_months INT NULL, annual_rate VARCHAR(12) NULL,
      counter_offer TINYINT NOT NULL DEFAULT 0, reasons TEXT NULL,
      decided_by VARCHAR(64) NOT NULL, task_id VARCHAR(20) NULL, decided_at DATETIME(3) NOT NULL,
      PRIMARY KEY (id), KEY ix_loan_decision_loan (loan_id, kind, id)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE loan_decision');
  }
}

import { MigrationInterface, QueryRunner } from 'typeorm';

/** The follow-up after the payout (贷后回访) and the collateral's revaluations (押品价值重估) with each item's history. */
export class AfterDisbursement1797994000000 implements MigrationInterface {
  name = 'AfterDisbursement1797994000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE loan_follow_up (
      id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
      loan_id VARCHAR(32) NOT NULL,
      due_on DATE NOT NULL,
      planned_at DATETIME(3) NOT NULL,
      completed_at DATETIME(3) NULL,
      completed_on DATE NULL,
      completed_by VARCHAR(64) NULL,
      use_of_funds VARCHAR(16) NULL,
      contact_confirmed TINYINT NULL,
      report_json TEXT NULL,
      warning_level VARCHAR(8) NULL,
      escalated_at DATETIME(3) NULL,
      UNIQUE KEY uq_loan_follow_up_loan (loan_id)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    await q.query(`CREATE TABLE loan_revaluation (
      id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
      loan_id VARCHAR(32) NOT NULL,
      number INT NOT NULL,
      opens_on DATE NOT NULL,
      due_on DATE NOT NULL,
      collateral_ids_json TEXT NOT NULL,
      planned_at DATETIME(3) NOT NULL,
      completed_at DATETIME(3) NULL,
      completed_on DATE NULL,
      valued_by VARCHAR(64) NULL,
      outstanding_principal_minor BIGINT NULL,
      collateral_value_minor BIGINT NULL,
      lendable_value_minor BIGINT NULL,
      ltv VARCHAR(12) NULL,
      ltv_limit VARCHAR(12) NULL,
      within_limit TINYINT NULL,
      shortfall_minor BIGINT NULL,
      warning_level VARCHAR(8) NULL,
      remarks VARCHAR(2000) NULL,
      escalated_at DATETIME(3) NULL,
      UNIQUE KEY uq_loan_revaluation_number (loan_id, number)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    await q.query(`CREATE TABLE collateral_valuation (
      id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
      loan_id VARCHAR(32) NOT NULL,
      collateral_id BIGINT NOT NULL,
      revaluation_id BIGINT NOT NULL,
      previous_value_minor BIGINT NOT NULL,
      value_minor BIGINT NOT NULL,
      basis VARCHAR(24) NOT NULL,
      basis_notes VARCHAR(500) NULL,
      valued_on DATE NOT NULL,
      valued_by VARCHAR(64) NOT NULL,
      KEY ix_collateral_valuation_item (collateral_id),
      UNIQUE KEY uq_collateral_valuation_round (revaluation_id, collateral_id)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE collateral_valuation`);
    await q.query(`DROP TABLE loan_revaluation`);
    await q.query(`DROP TABLE loan_follow_up`);
  }
}

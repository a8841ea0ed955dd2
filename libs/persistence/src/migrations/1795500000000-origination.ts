import { MigrationInterface, QueryRunner } from 'typeorm';

const TABLE_OPTIONS = 'ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci';

/** Loans and their parties, collateral, contracts, bureau reports, notices, schedule and ledger. */
export class Origination1795500000000 implements MigrationInterface {
  name = 'Origination1795500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE loan (
      id VARCHAR(32) NOT NULL, process_instance_key VARCHAR(20) NULL,
      branch_code VARCHAR(32) NOT NULL, customer_manager VARCHAR(64) NOT NULL,
      product VARCHAR(16) NOT NULL, guarantee_type VARCHAR(16) NOT NULL, payment_method VARCHAR(16) NOT NULL,
      repayment_method VARCHAR(20) NOT NULL, purpose VARCHAR(500) NOT NULL,
      requested_amount_minor BIGINT NOT NULL, requested_term_months INT NOT NULL,
      amount_minor BIGINT NULL, term_months INT NULL, annual_rate VARCHAR(12) NULL,
      payee_account VARCHAR(64) NULL, payee_name VARCHAR(100) NULL,
      status VARCHAR(24) NOT NULL, risk_grade CHAR(1) NULL, risk_points INT NULL,
      required_approval_level VARCHAR(16) NULL, documents TEXT NOT NULL,
      application_complete_at DATETIME(3) NULL, notice_due_at DATETIME(3) NULL,
      notice_calendar_covered TINYINT NULL, notice_breached_at DATETIME(3) NULL, notice_sent_at DATETIME(3) NULL,
      decision_outcome VARCHAR(16) NULL, decision_stage VARCHAR(32) NULL, decision_reasons TEXT NULL,
      decided_at DATETIME(3) NULL, disbursed_at DATETIME(3) NULL,
      created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      updated_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
      version INT NOT NULL DEFAULT 1,
      PRIMARY KEY (id), KEY ix_loan_branch_status (branch_code, status),
      KEY ix_loan_customer_manager (customer_manager, created_at),
      CONSTRAINT fk_loan_branch FOREIGN KEY (branch_code) REFERENCES org_unit (code)
    ) ${TABLE_OPTIONS}`);
    await q.query(`CREATE TABLE loan_party (
      id BIGINT NOT NULL AUTO_INCREMENT, loan_id VARCHAR(32) NOT NULL, role VARCHAR(16) NOT NULL,
      name VARCHAR(100) NOT NULL, id_number VARCHAR(18) NOT NULL, birth_date VARCHAR(10) NOT NULL,
      phone VARCHAR(32) NOT NULL, address VARCHAR(255) NULL, employer VARCHAR(100) NULL,
      monthly_income_minor BIGINT NOT NULL, monthly_debt_minor BIGINT NOT NULL, relation VARCHAR(32) NULL,
      PRIMARY KEY (id), UNIQUE KEY uq_loan_party (loan_id, role, id_number), KEY ix_loan_party_id_number (id_number),
      CONSTRAINT fk_loan_party_loan FOREIGN KEY (loan_id) REFERENCES loan (id)
    ) ${TABLE_OPTIONS}`);
    await q.query(`CREATE TABLE loan_collateral (
      id BIGINT NOT NULL AUTO_INCREMENT, loan_id VARCHAR(32) NOT NULL, kind VARCHAR(16) NOT NULL,
      description VARCHAR(500) NOT NULL, owner_name VARCHAR(100) NOT NULL, owner_id_number VARCHAR(18) NOT NULL,
      appraised_value_minor BIGINT NOT NULL, certificate_no VARCHAR(64) NULL, registry_office VARCHAR(100) NULL,
      registered_at DATETIME(3) NULL, registered_by VARCHAR(64) NULL,
      PRIMARY KEY (id), KEY ix_loan_collateral_loan (loan_id),
      CONSTRAINT fk_loan_collateral_loan FOREIGN KEY (loan_id) REFERENCES loan (id)
    ) ${TABLE_OPTIONS}`);
    await q.query(`CREATE TABLE loan_contract (
      id BIGINT NOT NULL AUTO_INCREMENT, loan_id VARCHAR(32) NOT NULL, kind VARCHAR(16) NOT NULL,
      contract_no VARCHAR(64) NOT NULL, party_id_number VARCHAR(18) NOT NULL, signed_at DATETIME(3) NOT NULL,
      effective_from VARCHAR(10) NOT NULL, recorded_by VARCHAR(64) NOT NULL,
      PRIMARY KEY (id), UNIQUE KEY uq_loan_contract_no (contract_no), KEY ix_loan_contract_loan (loan_id),
      CONSTRAINT fk_loan_contract_loan FOREIGN KEY (loan_id) REFERENCES loan (id)
    ) ${TABLE_OPTIONS}`);
    await q.query(`CREATE TABLE credit_warning_list (
      id_number VARCHAR(18) NOT NULL, name VARCHAR(100) NOT NULL, reason VARCHAR(255) NOT NULL,
      active TINYINT NOT NULL DEFAULT 1, listed_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      PRIMARY KEY (id_number)
    ) ${TABLE_OPTIONS}`);
    await q.query(`CREATE TABLE bureau_report (
      loan_id VARCHAR(32) NOT NULL, id_number VARCHAR(18) NOT NULL, source VARCHAR(32) NOT NULL,
      report_json TEXT NOT NULL, queried_at DATETIME(3) NOT NULL, PRIMARY KEY (loan_id)
    ) ${TABLE_OPTIONS}`);
    await q.query(`CREATE TABLE notification (
      id BIGINT NOT NULL AUTO_INCREMENT, dedupe_key VARCHAR(191) NOT NULL, loan_id VARCHAR(32) NULL,
      channel VARCHAR(16) NOT NULL, recipient VARCHAR(100) NOT NULL, kind VARCHAR(48) NOT NULL,
      subject VARCHAR(255) NOT NULL, body TEXT NOT NULL, sent_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      PRIMARY KEY (id), UNIQUE KEY uq_notification_dedupe (dedupe_key), KEY ix_notification_loan (loan_id)
    ) ${TABLE_OPTIONS}`);
    await q.query(`CREATE TABLE loan_installment (
      loan_id VARCHAR(32) NOT NULL, number INT NOT NULL, due_date VARCHAR(10) NOT NULL,
      payment_minor BIGINT NOT NULL, principal_minor BIGINT NOT NULL, interest_minor BIGINT NOT NULL,
      balance_minor BIGINT NOT NULL, PRIMARY KEY (loan_id, number),
      CONSTRAINT fk_loan_installment_loan FOREIGN KEY (loan_id) REFERENCES loan (id)
    ) ${TABLE_OPTIONS}`);
    await q.query(`CREATE TABLE ledger_account (
      code VARCHAR(64) NOT NULL, name VARCHAR(100) NOT NULL, kind VARCHAR(16) NOT NULL, currency CHAR(3) NOT NULL,
      balance_minor BIGINT NOT NULL DEFAULT 0, created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      PRIMARY KEY (code)
    ) ${TABLE_OPTIONS}`);
    await q.query(`CREATE TABLE ledger_entry (
      id BIGINT NOT NULL AUTO_INCREMENT, txn_id VARCHAR(48) NOT NULL, account_code VARCHAR(64) NOT NULL,
      side VARCHAR(6) NOT NULL, amount_minor BIGINT NOT NULL, loan_id VARCHAR(32) NULL, memo VARCHAR(255) NOT NULL,
      posted_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      PRIMARY KEY (id), KEY ix_ledger_entry_txn (txn_id), KEY ix_ledger_entry_loan (loan_id),
      CONSTRAINT fk_ledger_entry_account FOREIGN KEY (account_code) REFERENCES ledger_account (code)
    ) ${TABLE_OPTIONS}`);
    await q.query(`CREATE TABLE disbursement (
      loan_id VARCHAR(32) NOT NULL, txn_id VARCHAR(48) NOT NULL, amount_minor BIGINT NOT NULL,
      payment_method VARCHAR(16) NOT NULL, payee_account VARCHAR(64) NOT NULL, payee_name VARCHAR(100) NOT NULL,
      job_key VARCHAR(20) NULL, disbursed_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      PRIMARY KEY (loan_id),
      CONSTRAINT fk_disbursement_loan FOREIGN KEY (loan_id) REFERENCES loan (id)
    ) ${TABLE_OPTIONS}`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'disbursement',
      'ledger_entry',
      'ledger_account',
      'loan_installment',
      'notification',
      'bureau_report',
      'credit_warning_list',
      'loan_contract',
      'loan_collateral',
      'loan_party',
      'loan',
    ])
      await q.query(`DROP TABLE ${table}`);
  }
}

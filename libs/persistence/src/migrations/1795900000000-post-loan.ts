import { MigrationInterface, QueryRunner } from 'typeorm';

const TABLE_OPTIONS = 'ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci';

/** Post-loan inspections, risk warnings, write-offs and accountability cases. */
export class PostLoan1795900000000 implements MigrationInterface {
  name = 'PostLoan1795900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE loan_inspection (
      id BIGINT NOT NULL AUTO_INCREMENT, loan_id VARCHAR(32) NOT NULL, number INT NOT NULL,
      kind VARCHAR(12) NOT NULL, opens_on DATE NOT NULL, due_on DATE NOT NULL, interval_months INT NULL,
      escalated_at DATETIME(3) NULL, completed_at DATETIME(3) NULL, completed_on DATE NULL,
      inspector VARCHAR(64) NULL, report_json TEXT NULL, planned_at DATETIME(3) NOT NULL,
      PRIMARY KEY (id), UNIQUE KEY uq_loan_inspection_number (loan_id, number),
      KEY ix_loan_inspection_due (due_on, completed_at),
      CONSTRAINT fk_loan_inspection_loan FOREIGN KEY (loan_id) REFERENCES loan (id)
    ) ${TABLE_OPTIONS}`);
    await q.query(`CREATE TABLE risk_warning (
      id BIGINT NOT NULL AUTO_INCREMENT, loan_id VARCHAR(32) NOT NULL, open_key VARCHAR(32) NULL,
      level VARCHAR(8) NOT NULL, \`signal\` VARCHAR(24) NOT NULL, description VARCHAR(1000) NOT NULL,
      raised_by VARCHAR(64) NOT NULL, raised_at DATETIME(3) NOT NULL, state VARCHAR(12) NOT NULL,
      superseded_by BIGINT NULL, closed_at DATETIME(3) NULL, resolution VARCHAR(1000) NULL,
      published_at DATETIME(3) NULL,
      PRIMARY KEY (id), UNIQUE KEY uq_risk_warning_open (open_key), KEY ix_risk_warning_loan (loan_id),
      KEY ix_risk_warning_unpublished (published_at),
      CONSTRAINT fk_risk_warning_loan FOREIGN KEY (loan_id) REFERENCES loan (id)
    ) ${TABLE_OPTIONS}`);
    await q.query(`CREATE TABLE loan_write_off (
      loan_id VARCHAR(32) NOT NULL, principal_minor BIGINT NOT NULL, interest_minor BIGINT NOT NULL,
      approved_by VARCHAR(64) NOT NULL, reason VARCHAR(1000) NOT NULL, txn_id VARCHAR(48) NOT NULL,
      written_off_at DATETIME(3) NOT NULL, PRIMARY KEY (loan_id),
      CONSTRAINT fk_loan_write_off_loan FOREIGN KEY (loan_id) REFERENCES loan (id)
    ) ${TABLE_OPTIONS}`);
    await q.query(`CREATE TABLE accountability_case (
      loan_id VARCHAR(32) NOT NULL, dossier_json MEDIUMTEXT NOT NULL, built_at DATETIME(3) NOT NULL,
      decision_json TEXT NULL, decided_by VARCHAR(64) NULL, decided_at DATETIME(3) NULL,
      created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), PRIMARY KEY (loan_id),
      CONSTRAINT fk_accountability_case_loan FOREIGN KEY (loan_id) REFERENCES loan (id)
    ) ${TABLE_OPTIONS}`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'accountability_case',
      'loan_write_off',
      'risk_warning',
      'loan_inspection',
    ])
      await q.query(`DROP TABLE ${table}`);
  }
}

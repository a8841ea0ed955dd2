import { MigrationInterface, QueryRunner } from 'typeorm';

/** The investigation's verified income and debts, in the register instead of process variables. */
export class VerifiedFinances1797992000000 implements MigrationInterface {
  name = 'VerifiedFinances1797992000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE loan_verified_finances (
      loan_id VARCHAR(32) NOT NULL PRIMARY KEY,
      monthly_income_minor BIGINT NOT NULL,
      monthly_debt_minor BIGINT NOT NULL,
      verified_by VARCHAR(64) NOT NULL,
      verified_at DATETIME(3) NOT NULL
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE loan_verified_finances`);
  }
}

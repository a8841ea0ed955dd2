import { MigrationInterface, QueryRunner } from 'typeorm';

const TABLE_OPTIONS = 'ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci';

/** Repayments (idempotent by loan and key, also the outbox of their message) and what each installment has received. */
export class Repayments1795700000000 implements MigrationInterface {
  name = 'Repayments1795700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE repayment (
      id BIGINT NOT NULL AUTO_INCREMENT, loan_id VARCHAR(32) NOT NULL, idempotency_key VARCHAR(64) NOT NULL,
      amount_minor BIGINT NOT NULL, paid_at DATETIME(3) NOT NULL, channel VARCHAR(16) NOT NULL,
      allocation_json TEXT NOT NULL, unapplied_minor BIGINT NOT NULL, txn_id VARCHAR(48) NOT NULL,
      recorded_by VARCHAR(64) NOT NULL, published_at DATETIME(3) NULL,
      created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      PRIMARY KEY (id), UNIQUE KEY uq_repayment_idempotency (loan_id, idempotency_key),
      KEY ix_repayment_unpublished (published_at),
      CONSTRAINT fk_repayment_loan FOREIGN KEY (loan_id) REFERENCES loan (id)
    ) ${TABLE_OPTIONS}`);
    await q.query(`ALTER TABLE loan_installment
      ADD COLUMN principal_paid_minor BIGINT NOT NULL DEFAULT 0,
      ADD COLUMN interest_paid_minor BIGINT NOT NULL DEFAULT 0`);
    await q.query('ALTER TABLE loan ADD COLUMN penalty_paid_minor BIGINT NOT NULL DEFAULT 0');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE loan DROP COLUMN penalty_paid_minor');
    await q.query(
      'ALTER TABLE loan_installment DROP COLUMN principal_paid_minor, DROP COLUMN interest_paid_minor',
    );
    await q.query('DROP TABLE repayment');
  }
}

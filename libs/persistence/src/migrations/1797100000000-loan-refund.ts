import { MigrationInterface, QueryRunner } from 'typeorm';

/** Money a borrower paid beyond what the loan owed: due back to them, and paid back on record. */
export class LoanRefund1797100000000 implements MigrationInterface {
  name = 'LoanRefund1797100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE loan_refund (
      id BIGINT NOT NULL AUTO_INCREMENT, loan_id VARCHAR(32) NOT NULL, amount_minor BIGINT NOT NULL,
      state VARCHAR(8) NOT NULL, reason VARCHAR(500) NOT NULL, due_at DATETIME(3) NOT NULL,
      idempotency_key VARCHAR(64) NULL, payee_account VARCHAR(64) NULL, txn_id VARCHAR(48) NULL,
      paid_by VARCHAR(64) NULL, paid_at DATETIME(3) NULL,
      PRIMARY KEY (id), KEY ix_loan_refund_loan (loan_id, state),
      UNIQUE KEY uq_loan_refund_idempotency (loan_id, idempotency_key)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE loan_refund');
  }
}

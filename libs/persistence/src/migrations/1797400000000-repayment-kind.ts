import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What each payment was: an ordinary repayment, an early settlement, the advance applied at a due
 * date, or a recovery on a written-off loan (账销案存) — posted to other accounts. Staff-recorded
 * repayments above a limit, or on a loan the recorder manages, wait for a second person's
 * confirmation (maker-checker) before they count.
 */
export class RepaymentKind1797400000000 implements MigrationInterface {
  name = 'RepaymentKind1797400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE repayment
      ADD COLUMN kind VARCHAR(16) NOT NULL DEFAULT 'repayment',
      ADD COLUMN state VARCHAR(12) NOT NULL DEFAULT 'applied',
      ADD COLUMN confirmed_by VARCHAR(64) NULL,
      ADD COLUMN confirmed_at DATETIME(3) NULL`);
    await q.query(`UPDATE repayment SET kind = 'advance' WHERE channel = 'advance'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      'ALTER TABLE repayment DROP COLUMN kind, DROP COLUMN state, DROP COLUMN confirmed_by, DROP COLUMN confirmed_at',
    );
  }
}

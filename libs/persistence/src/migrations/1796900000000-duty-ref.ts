import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A duty done within one request (a restructuring, a proposal of a better classification, a
 * repayment) names the request, so duties kept apart only within it can be told apart.
 */
export class DutyRef1796900000000 implements MigrationInterface {
  name = 'DutyRef1796900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE loan_duty ADD COLUMN ref VARCHAR(64) NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE loan_duty DROP COLUMN ref`);
  }
}

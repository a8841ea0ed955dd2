import { MigrationInterface, QueryRunner } from 'typeorm';

/** A loan's credit insurance (贷款保证保险): claimed on in the legal path. */
export class CreditInsurance1796400000000 implements MigrationInterface {
  name = 'CreditInsurance1796400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      'ALTER TABLE loan ADD COLUMN insurer VARCHAR(100) NULL, ADD COLUMN insurance_policy_no VARCHAR(40) NULL',
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE loan DROP COLUMN insurer, DROP COLUMN insurance_policy_no');
  }
}

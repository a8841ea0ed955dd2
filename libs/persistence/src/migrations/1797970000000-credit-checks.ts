import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the automatic checks found on credit risk (loan-to-value, exposure, each guarantor's
 * assessment), kept with the loan for the dossier; and whether the applicant declared the home
 * bought to be a second one (二套房).
 */
export class CreditChecks1797970000000 implements MigrationInterface {
  name = 'CreditChecks1797970000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE loan ADD COLUMN credit_checks_json TEXT NULL`);
    await q.query(`ALTER TABLE loan ADD COLUMN second_home TINYINT NOT NULL DEFAULT 0`);
    await q.query(`ALTER TABLE loan_party ADD COLUMN assessment_json TEXT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE loan_party DROP COLUMN assessment_json`);
    await q.query(`ALTER TABLE loan DROP COLUMN second_home`);
    await q.query(`ALTER TABLE loan DROP COLUMN credit_checks_json`);
  }
}

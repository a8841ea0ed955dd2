import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the 2023 classification rules need remembered: a restructuring's level before it, the first
 * installment under its new terms (its observation period starts on that one's due date) and
 * whether it was applied while an earlier one was still under observation; and the system's own
 * upgrade proposal, one at a time per loan.
 */
export class ClassificationHistory1797500000000 implements MigrationInterface {
  name = 'ClassificationHistory1797500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE loan_restructuring
      ADD COLUMN level_before VARCHAR(16) NULL,
      ADD COLUMN first_new_installment INT NULL,
      ADD COLUMN while_in_observation TINYINT(1) NOT NULL DEFAULT 0,
      ADD COLUMN applied_on DATE NULL`);
    await q.query(`ALTER TABLE loan
      ADD COLUMN upgrade_proposal_open TINYINT(1) NOT NULL DEFAULT 0,
      ADD COLUMN upgrade_proposed_on DATE NULL,
      ADD COLUMN upgrade_proposed_level VARCHAR(16) NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE loan_restructuring DROP COLUMN level_before,
      DROP COLUMN first_new_installment, DROP COLUMN while_in_observation, DROP COLUMN applied_on`);
    await q.query(
      'ALTER TABLE loan DROP COLUMN upgrade_proposal_open, DROP COLUMN upgrade_proposed_on, DROP COLUMN upgrade_proposed_level',
    );
  }
}

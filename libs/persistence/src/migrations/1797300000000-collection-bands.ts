import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Collection by days past due: each open episode keeps the band the loan's days past due put it in
 * (and how many times it changed), and the lawsuit's milestones are kept per loan with their dates
 * and documents, which the write-off criteria read.
 */
export class CollectionBands1797300000000 implements MigrationInterface {
  name = 'CollectionBands1797300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE collection_episode
      ADD COLUMN band VARCHAR(8) NOT NULL DEFAULT 'manager',
      ADD COLUMN band_changes INT NOT NULL DEFAULT 0,
      ADD COLUMN band_since DATETIME(3) NULL,
      ADD COLUMN days_past_due INT NULL`);
    await q.query(`CREATE TABLE legal_milestone (
      id BIGINT NOT NULL AUTO_INCREMENT, loan_id VARCHAR(32) NOT NULL, episode_id BIGINT NULL,
      milestone VARCHAR(24) NOT NULL, on_date VARCHAR(10) NOT NULL, court VARCHAR(100) NULL,
      case_number VARCHAR(100) NULL, reference VARCHAR(100) NULL,
      amount_awarded_minor BIGINT NULL, amount_recovered_minor BIGINT NULL,
      documents_json TEXT NOT NULL, notes VARCHAR(4000) NOT NULL,
      recorded_by VARCHAR(64) NOT NULL, task_key VARCHAR(20) NOT NULL, recorded_at DATETIME(3) NOT NULL,
      PRIMARY KEY (id), KEY ix_legal_milestone_loan (loan_id, id), UNIQUE KEY uq_legal_milestone_task (task_key)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE legal_milestone');
    await q.query(`ALTER TABLE collection_episode DROP COLUMN band, DROP COLUMN band_changes,
      DROP COLUMN band_since, DROP COLUMN days_past_due`);
  }
}

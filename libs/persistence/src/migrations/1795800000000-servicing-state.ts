import { MigrationInterface, QueryRunner } from 'typeorm';

const TABLE_OPTIONS = 'ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci';

/** Classification (now and its history), settlement, and collection episodes. */
export class ServicingState1795800000000 implements MigrationInterface {
  name = 'ServicingState1795800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE loan
      ADD COLUMN classification VARCHAR(16) NOT NULL DEFAULT 'normal',
      ADD COLUMN settled_at DATETIME(3) NULL`);
    await q.query(`CREATE TABLE loan_classification (
      id BIGINT NOT NULL AUTO_INCREMENT, loan_id VARCHAR(32) NOT NULL, level VARCHAR(16) NOT NULL,
      previous_level VARCHAR(16) NOT NULL, days_past_due INT NOT NULL, source VARCHAR(16) NOT NULL,
      reason VARCHAR(500) NOT NULL, actor VARCHAR(64) NOT NULL, decided_at DATETIME(3) NOT NULL,
      PRIMARY KEY (id), KEY ix_loan_classification_loan (loan_id, decided_at),
      CONSTRAINT fk_loan_classification_loan FOREIGN KEY (loan_id) REFERENCES loan (id)
    ) ${TABLE_OPTIONS}`);
    await q.query(`CREATE TABLE collection_episode (
      id BIGINT NOT NULL AUTO_INCREMENT, loan_id VARCHAR(32) NOT NULL, open_key VARCHAR(32) NULL,
      state VARCHAR(12) NOT NULL, opened_days_past_due INT NOT NULL, opened_at DATETIME(3) NOT NULL,
      closed_at DATETIME(3) NULL, close_reason VARCHAR(255) NULL,
      PRIMARY KEY (id), UNIQUE KEY uq_collection_episode_open (open_key), KEY ix_collection_episode_loan (loan_id),
      CONSTRAINT fk_collection_episode_loan FOREIGN KEY (loan_id) REFERENCES loan (id)
    ) ${TABLE_OPTIONS}`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE collection_episode');
    await q.query('DROP TABLE loan_classification');
    await q.query('ALTER TABLE loan DROP COLUMN classification, DROP COLUMN settled_at');
  }
}

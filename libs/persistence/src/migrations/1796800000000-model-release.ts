import { MigrationInterface, QueryRunner } from 'typeorm';

/** Model releases wait for a second person before they reach the broker (four eyes). */
export class ModelRelease1796800000000 implements MigrationInterface {
  name = 'ModelRelease1796800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE model_release (
      id BIGINT NOT NULL AUTO_INCREMENT, state VARCHAR(12) NOT NULL,
      requested_by VARCHAR(64) NOT NULL, requested_at DATETIME(3) NOT NULL,
      files_json LONGTEXT NOT NULL, resources_json TEXT NOT NULL, report_json MEDIUMTEXT NOT NULL,
      request_note VARCHAR(1000) NULL,
      decided_by VARCHAR(64) NULL, decided_at DATETIME(3) NULL, decision_reason VARCHAR(1000) NULL,
      deployed_json TEXT NULL,
      PRIMARY KEY (id), KEY ix_model_release_state (state, requested_at)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    await q.query(`ALTER TABLE model_deployment ADD COLUMN approved_by VARCHAR(64) NULL,
      ADD COLUMN release_id BIGINT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE model_deployment DROP COLUMN approved_by, DROP COLUMN release_id');
    await q.query('DROP TABLE model_release');
  }
}

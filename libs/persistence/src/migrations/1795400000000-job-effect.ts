import { MigrationInterface, QueryRunner } from 'typeorm';

export class JobEffect1795400000000 implements MigrationInterface {
  name = 'JobEffect1795400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE job_effect (
        id BIGINT NOT NULL AUTO_INCREMENT,
        scope VARCHAR(100) NOT NULL,
        effect_key VARCHAR(191) NOT NULL,
        job_key VARCHAR(20) NULL,
        result_json TEXT NULL,
        created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
        PRIMARY KEY (id),
        UNIQUE KEY uq_job_effect_scope_key (scope, effect_key)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE job_effect');
  }
}

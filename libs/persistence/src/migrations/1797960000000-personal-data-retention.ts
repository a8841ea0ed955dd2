import { MigrationInterface, QueryRunner } from 'typeorm';

/** When an ended application's personal data was purged (retention over). */
export class PersonalDataRetention1797960000000 implements MigrationInterface {
  name = 'PersonalDataRetention1797960000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE loan ADD COLUMN personal_data_purged_at DATETIME(3) NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE loan DROP COLUMN personal_data_purged_at`);
  }
}

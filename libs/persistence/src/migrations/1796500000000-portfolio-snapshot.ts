import { MigrationInterface, QueryRunner } from 'typeorm';

/** Daily portfolio figures per org unit, for ratios over time. */
export class PortfolioSnapshot1796500000000 implements MigrationInterface {
  name = 'PortfolioSnapshot1796500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE portfolio_snapshot (
      as_of DATE NOT NULL, org_unit_code VARCHAR(32) NOT NULL, portfolio_json TEXT NOT NULL,
      classification_json TEXT NOT NULL, buckets_json TEXT NOT NULL, taken_at DATETIME(3) NOT NULL,
      PRIMARY KEY (as_of, org_unit_code)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE portfolio_snapshot');
  }
}

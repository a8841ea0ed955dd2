import { MigrationInterface, QueryRunner } from 'typeorm';

const TABLE_OPTIONS = 'ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci';

/** Extension and restructuring requests. */
export class Restructuring1796000000000 implements MigrationInterface {
  name = 'Restructuring1796000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE loan_restructuring (
      id BIGINT NOT NULL AUTO_INCREMENT, loan_id VARCHAR(32) NOT NULL, open_key VARCHAR(32) NULL,
      kind VARCHAR(16) NOT NULL, extra_months INT NOT NULL, reason VARCHAR(2000) NOT NULL,
      requested_by VARCHAR(64) NOT NULL, requested_at DATETIME(3) NOT NULL, state VARCHAR(12) NOT NULL,
      process_instance_key VARCHAR(20) NULL, decided_by VARCHAR(64) NULL, outcome VARCHAR(2000) NULL,
      closed_at DATETIME(3) NULL,
      PRIMARY KEY (id), UNIQUE KEY uq_loan_restructuring_open (open_key),
      KEY ix_loan_restructuring_loan (loan_id),
      CONSTRAINT fk_loan_restructuring_loan FOREIGN KEY (loan_id) REFERENCES loan (id)
    ) ${TABLE_OPTIONS}`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE loan_restructuring');
  }
}

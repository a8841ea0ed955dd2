import { MigrationInterface, QueryRunner } from 'typeorm';

/** Files uploaded to a loan (the bytes are in the document store, this is their register). */
export class LoanDocuments1797985200000 implements MigrationInterface {
  name = 'LoanDocuments1797985200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE loan_document (
      id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
      loan_id VARCHAR(32) NOT NULL,
      task_id VARCHAR(20) NULL,
      kind VARCHAR(40) NOT NULL,
      file_name VARCHAR(255) NOT NULL,
      content_type VARCHAR(40) NOT NULL,
      size_bytes BIGINT NOT NULL,
      sha256 CHAR(64) NOT NULL,
      storage_key VARCHAR(255) NOT NULL,
      uploaded_by VARCHAR(64) NOT NULL,
      uploaded_at DATETIME(3) NOT NULL,
      KEY ix_loan_document_loan (loan_id, uploaded_at)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE loan_document`);
  }
}

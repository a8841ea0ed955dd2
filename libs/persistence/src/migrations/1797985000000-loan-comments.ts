import { MigrationInterface, QueryRunner } from 'typeorm';

/** Comments on a loan and its tasks, and the colleagues they mention. */
export class LoanComments1797985000000 implements MigrationInterface {
  name = 'LoanComments1797985000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE loan_comment (
      id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
      loan_id VARCHAR(32) NOT NULL,
      task_id VARCHAR(20) NULL,
      author VARCHAR(64) NOT NULL,
      at DATETIME(3) NOT NULL,
      body TEXT NOT NULL,
      mentions VARCHAR(1000) NOT NULL,
      KEY ix_loan_comment_loan (loan_id, at),
      KEY ix_loan_comment_task (task_id)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    await q.query(`CREATE TABLE comment_mention (
      comment_id BIGINT NOT NULL,
      username VARCHAR(64) NOT NULL,
      loan_id VARCHAR(32) NOT NULL,
      at DATETIME(3) NOT NULL,
      PRIMARY KEY (comment_id, username),
      KEY ix_comment_mention_user (username, at)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE comment_mention`);
    await q.query(`DROP TABLE loan_comment`);
  }
}

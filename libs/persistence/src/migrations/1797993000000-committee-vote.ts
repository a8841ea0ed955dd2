import { MigrationInterface, QueryRunner } from 'typeorm';

/** The credit committee's votes: each round with its motion and seats, and each member's ballot. */
export class CommitteeVote1797993000000 implements MigrationInterface {
  name = 'CommitteeVote1797993000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE committee_vote (
      id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
      loan_id VARCHAR(32) NOT NULL,
      process_instance_key VARCHAR(20) NOT NULL,
      round INT NOT NULL,
      unit_code VARCHAR(32) NOT NULL,
      motion_decision_id BIGINT NOT NULL,
      motion_amount_minor BIGINT NOT NULL,
      motion_term_months INT NOT NULL,
      motion_annual_rate VARCHAR(12) NOT NULL,
      motion_counter_offer TINYINT NOT NULL DEFAULT 0,
      seats_json TEXT NOT NULL,
      recused_json TEXT NOT NULL,
      rules_json VARCHAR(255) NOT NULL,
      opened_at DATETIME(3) NOT NULL,
      deadline_at DATETIME(3) NOT NULL,
      result VARCHAR(16) NULL,
      count_json TEXT NULL,
      closed_at DATETIME(3) NULL,
      UNIQUE KEY uq_committee_vote_round (loan_id, process_instance_key, round),
      KEY ix_committee_vote_loan (loan_id)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    await q.query(`CREATE TABLE committee_ballot (
      id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
      vote_id BIGINT NOT NULL,
      member VARCHAR(64) NOT NULL,
      ballot VARCHAR(8) NOT NULL,
      reasons TEXT NOT NULL,
      task_id VARCHAR(20) NOT NULL,
      cast_at DATETIME(3) NOT NULL,
      UNIQUE KEY uq_committee_ballot_member (vote_id, member),
      CONSTRAINT fk_committee_ballot_vote FOREIGN KEY (vote_id) REFERENCES committee_vote (id)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE committee_ballot`);
    await q.query(`DROP TABLE committee_vote`);
  }
}

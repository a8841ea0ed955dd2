import { MigrationInterface, QueryRunner } from 'typeorm';

/** Every DMN evaluation the engine exported: inputs, matched rules and output, for the decision audit. */
export class DecisionEvaluation1797991000000 implements MigrationInterface {
  name = 'DecisionEvaluation1797991000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE decision_evaluation (
      evaluation_key VARCHAR(20) NOT NULL PRIMARY KEY,
      process_instance_key VARCHAR(20) NOT NULL,
      bpmn_process_id VARCHAR(100) NOT NULL,
      element_id VARCHAR(100) NOT NULL,
      decision_id VARCHAR(100) NOT NULL,
      decision_name VARCHAR(255) NOT NULL,
      decision_version INT NOT NULL,
      decision_key VARCHAR(20) NOT NULL,
      output_json TEXT NOT NULL,
      evaluated_json MEDIUMTEXT NOT NULL,
      failure_message TEXT NULL,
      evaluated_at DATETIME(3) NOT NULL,
      KEY ix_decision_evaluation_instance (process_instance_key),
      KEY ix_decision_evaluation_decision (decision_id, decision_version, evaluated_at)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE decision_evaluation`);
  }
}

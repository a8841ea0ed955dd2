import { MigrationInterface, QueryRunner } from 'typeorm';

const TABLE_OPTIONS = 'ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci';

/** The rest of the engine projection: incidents, jobs, timers, message subscriptions, deployments, variables. */
export class EngineProjection1796100000000 implements MigrationInterface {
  name = 'EngineProjection1796100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE incident (
      incident_key VARCHAR(20) NOT NULL, process_instance_key VARCHAR(20) NOT NULL,
      process_definition_key VARCHAR(20) NOT NULL, bpmn_process_id VARCHAR(100) NOT NULL,
      element_id VARCHAR(100) NOT NULL, element_instance_key VARCHAR(20) NOT NULL, job_key VARCHAR(20) NULL,
      error_type VARCHAR(60) NOT NULL, error_message TEXT NOT NULL, state VARCHAR(12) NOT NULL,
      created_at DATETIME(3) NOT NULL, resolved_at DATETIME(3) NULL, last_position BIGINT NOT NULL,
      PRIMARY KEY (incident_key), KEY ix_incident_state (state, created_at),
      KEY ix_incident_instance (process_instance_key)
    ) ${TABLE_OPTIONS}`);
    await q.query(`CREATE TABLE job (
      job_key VARCHAR(20) NOT NULL, job_type VARCHAR(100) NOT NULL, process_instance_key VARCHAR(20) NOT NULL,
      element_id VARCHAR(100) NOT NULL, element_instance_key VARCHAR(20) NOT NULL, state VARCHAR(20) NOT NULL,
      retries INT NOT NULL, worker VARCHAR(100) NULL, error_message VARCHAR(1000) NULL,
      created_at DATETIME(3) NOT NULL, ended_at DATETIME(3) NULL, last_position BIGINT NOT NULL,
      PRIMARY KEY (job_key), KEY ix_job_instance (process_instance_key), KEY ix_job_type_state (job_type, state)
    ) ${TABLE_OPTIONS}`);
    await q.query(`CREATE TABLE timer (
      timer_key VARCHAR(20) NOT NULL, process_instance_key VARCHAR(20) NOT NULL,
      process_definition_key VARCHAR(20) NOT NULL, element_id VARCHAR(100) NOT NULL, due_at DATETIME(3) NOT NULL,
      repetitions INT NOT NULL, state VARCHAR(12) NOT NULL, last_position BIGINT NOT NULL,
      PRIMARY KEY (timer_key), KEY ix_timer_instance (process_instance_key), KEY ix_timer_state_due (state, due_at)
    ) ${TABLE_OPTIONS}`);
    await q.query(`CREATE TABLE message_subscription (
      subscription_key VARCHAR(20) NOT NULL, process_instance_key VARCHAR(20) NOT NULL,
      element_instance_key VARCHAR(20) NOT NULL, element_id VARCHAR(100) NOT NULL,
      message_name VARCHAR(100) NOT NULL, correlation_key VARCHAR(100) NOT NULL, state VARCHAR(12) NOT NULL,
      last_position BIGINT NOT NULL, PRIMARY KEY (subscription_key),
      KEY ix_message_subscription_instance (process_instance_key),
      KEY ix_message_subscription_name (message_name, correlation_key)
    ) ${TABLE_OPTIONS}`);
    await q.query(`CREATE TABLE deployment (
      deployment_key VARCHAR(20) NOT NULL, resources_json TEXT NOT NULL, deployed_at DATETIME(3) NOT NULL,
      PRIMARY KEY (deployment_key)
    ) ${TABLE_OPTIONS}`);
    await q.query(`CREATE TABLE process_variable (
      variable_key VARCHAR(20) NOT NULL, process_instance_key VARCHAR(20) NOT NULL, name VARCHAR(100) NOT NULL,
      value VARCHAR(4000) NOT NULL, truncated TINYINT NOT NULL, last_position BIGINT NOT NULL,
      PRIMARY KEY (variable_key), UNIQUE KEY uq_process_variable_name (process_instance_key, name)
    ) ${TABLE_OPTIONS}`);
    // The instance list filters on these; an instance with an open incident is flagged on its row.
    await q.query(`ALTER TABLE process_instance ADD COLUMN incidents INT NOT NULL DEFAULT 0,
      ADD KEY ix_process_instance_started (started_at), ADD KEY ix_process_instance_incidents (incidents)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE process_instance DROP COLUMN incidents, DROP KEY ix_process_instance_started`,
    );
    for (const table of [
      'process_variable',
      'deployment',
      'message_subscription',
      'timer',
      'job',
      'incident',
    ])
      await q.query(`DROP TABLE ${table}`);
  }
}

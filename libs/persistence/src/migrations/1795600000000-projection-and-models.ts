import { MigrationInterface, QueryRunner } from 'typeorm';

const TABLE_OPTIONS = 'ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci';

/** The engine's projection (definitions, instances, element instances) and the model deployment record. */
export class ProjectionAndModels1795600000000 implements MigrationInterface {
  name = 'ProjectionAndModels1795600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE process_definition (
      process_definition_key VARCHAR(20) NOT NULL, bpmn_process_id VARCHAR(100) NOT NULL, version INT NOT NULL,
      resource_name VARCHAR(255) NOT NULL, bpmn_xml MEDIUMTEXT NOT NULL, deployed_at DATETIME(3) NOT NULL,
      PRIMARY KEY (process_definition_key), UNIQUE KEY uq_process_definition_version (bpmn_process_id, version)
    ) ${TABLE_OPTIONS}`);
    await q.query(`CREATE TABLE process_instance (
      process_instance_key VARCHAR(20) NOT NULL, bpmn_process_id VARCHAR(100) NOT NULL, version INT NOT NULL,
      process_definition_key VARCHAR(20) NOT NULL, business_key VARCHAR(64) NULL, state VARCHAR(12) NOT NULL,
      started_at DATETIME(3) NOT NULL, ended_at DATETIME(3) NULL, last_position BIGINT NOT NULL,
      PRIMARY KEY (process_instance_key),
      KEY ix_process_instance_definition_state (process_definition_key, state),
      KEY ix_process_instance_process_state (bpmn_process_id, version, state),
      KEY ix_process_instance_business_key (business_key)
    ) ${TABLE_OPTIONS}`);
    await q.query(`CREATE TABLE element_instance (
      element_instance_key VARCHAR(20) NOT NULL, process_instance_key VARCHAR(20) NOT NULL,
      process_definition_key VARCHAR(20) NOT NULL, element_id VARCHAR(100) NOT NULL, element_type VARCHAR(40) NOT NULL,
      flow_scope_key VARCHAR(20) NOT NULL, state VARCHAR(12) NOT NULL, started_at DATETIME(3) NOT NULL,
      ended_at DATETIME(3) NULL, last_position BIGINT NOT NULL,
      PRIMARY KEY (element_instance_key),
      KEY ix_element_instance_instance (process_instance_key, state),
      KEY ix_element_instance_definition_element (process_definition_key, element_id, state)
    ) ${TABLE_OPTIONS}`);
    await q.query(`CREATE TABLE model_deployment (
      id BIGINT NOT NULL AUTO_INCREMENT, resource_id VARCHAR(100) NOT NULL, kind VARCHAR(8) NOT NULL,
      version INT NOT NULL, definition_key VARCHAR(20) NOT NULL, file_name VARCHAR(255) NOT NULL,
      checksum CHAR(64) NOT NULL, deployed_by VARCHAR(64) NOT NULL,
      deployed_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      PRIMARY KEY (id), KEY ix_model_deployment_resource (resource_id, version)
    ) ${TABLE_OPTIONS}`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'model_deployment',
      'element_instance',
      'process_instance',
      'process_definition',
    ])
      await q.query(`DROP TABLE ${table}`);
  }
}

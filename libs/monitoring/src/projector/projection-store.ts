import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { ProcessDefinitionEntity } from '@loanflow/persistence';
import { ProjectionBatch } from './projection-batch';
import {
  BusinessKeyRow,
  ElementRow,
  IncidentRow,
  JobRow,
  SubscriptionRow,
  TimerRow,
  VariableRow,
} from './projection-rows';

/**
 * Where the projector writes a batch. An abstract class so that it is both the injection token and
 * the shape a unit spec's fake implements.
 */
export abstract class ProjectionStore {
  /** Writes one batch's rows in one transaction: all of them, or none. */
  abstract write(batch: ProjectionBatch): Promise<void>;
}

/**
 * The projection's tables in MySQL/MariaDB. Each row keeps the position of the last record applied
 * and an older record never overwrites a newer one, so a batch written twice changes nothing.
 */
@Injectable()
export class SqlProjectionStore extends ProjectionStore {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async write(batch: ProjectionBatch): Promise<void> {
    // A batch of job batches, messages and the like: no transaction that would write nothing.
    if (batch.empty) return;
    await this.dataSource.transaction(async (manager) => {
      for (const definition of batch.definitions) {
        // A version number held by another key comes from a broker whose data was wiped: the
        // engine now answers for that version with this key.
        await manager.query(
          'DELETE FROM process_definition WHERE bpmn_process_id = ? AND version = ? AND process_definition_key <> ?',
          [definition.bpmnProcessId, definition.version, definition.processDefinitionKey],
        );
        await manager.upsert(ProcessDefinitionEntity, definition, ['processDefinitionKey']);
      }
      await upsertInstances(
        manager,
        batch.elements.filter((row) => row.elementType === 'PROCESS'),
      );
      await upsertElements(
        manager,
        batch.elements.filter((row) => row.elementType !== 'PROCESS'),
      );
      await upsertBusinessKeys(manager, batch.businessKeys);
      await upsertIncidents(manager, batch.incidents);
      await upsertJobs(manager, batch.jobs);
      await upsertTimers(manager, batch.timers);
      await upsertSubscriptions(manager, batch.subscriptions);
      await upsertVariables(manager, batch.variables);
      for (const deployment of batch.deployments)
        await manager.query(
          'INSERT IGNORE INTO deployment (deployment_key, resources_json, deployed_at) VALUES (?, ?, ?)',
          [deployment.deploymentKey, deployment.resourcesJson, deployment.deployedAt],
        );
      if (batch.decisions.length)
        await manager.query(
          `INSERT IGNORE INTO decision_evaluation (evaluation_key, process_instance_key, bpmn_process_id,
             element_id, decision_id, decision_name, decision_version, decision_key, output_json,
             evaluated_json, failure_message, evaluated_at) VALUES ?`,
          [
            batch.decisions.map((d) => [
              d.key,
              d.processInstanceKey,
              d.bpmnProcessId,
              d.elementId,
              d.decisionId,
              d.decisionName,
              d.decisionVersion,
              d.decisionKey,
              d.output,
              d.evaluatedJson,
              d.failureMessage,
              d.at,
            ]),
          ],
        );
      await recountIncidents(manager, batch.instancesWithIncidentNews());
      await syncCurrentTokens(manager, batch.instancesWithTokenNews());
    });
  }
}

// Columns are assigned left to right: every guarded column reads last_position before it moves.
const NEWER = 'VALUES(last_position) > last_position';

async function upsertInstances(manager: EntityManager, rows: ElementRow[]): Promise<void> {
  if (!rows.length) return;
  await manager.query(
    `INSERT INTO process_instance (process_instance_key, bpmn_process_id, version, process_definition_key,
       state, started_at, ended_at, last_position) VALUES ?
     ON DUPLICATE KEY UPDATE
       bpmn_process_id = IF(${NEWER}, VALUES(bpmn_process_id), bpmn_process_id),
       version = IF(${NEWER}, VALUES(version), version),
       process_definition_key = IF(${NEWER}, VALUES(process_definition_key), process_definition_key),
       state = IF(${NEWER}, VALUES(state), state),
       ended_at = IF(${NEWER}, VALUES(ended_at), ended_at),
       started_at = IF(last_position = 0, VALUES(started_at), started_at),
       last_position = GREATEST(last_position, VALUES(last_position))`,
    [
      rows.map((r) => [
        r.key,
        r.bpmnProcessId,
        r.version,
        r.processDefinitionKey,
        r.state,
        r.at,
        r.ended ? r.at : null,
        r.position,
      ]),
    ],
  );
}

async function upsertElements(manager: EntityManager, rows: ElementRow[]): Promise<void> {
  if (!rows.length) return;
  await manager.query(
    `INSERT INTO element_instance (element_instance_key, process_instance_key, process_definition_key, element_id,
       element_type, flow_scope_key, state, started_at, ended_at, last_position) VALUES ?
     ON DUPLICATE KEY UPDATE
       process_definition_key = IF(${NEWER}, VALUES(process_definition_key), process_definition_key),
       element_id = IF(${NEWER}, VALUES(element_id), element_id),
       state = IF(${NEWER}, VALUES(state), state),
       ended_at = IF(${NEWER}, VALUES(ended_at), ended_at),
       last_position = GREATEST(last_position, VALUES(last_position))`,
    [
      rows.map((r) => [
        r.key,
        r.processInstanceKey,
        r.processDefinitionKey,
        r.elementId,
        r.elementType,
        r.flowScopeKey,
        r.state,
        r.at,
        r.ended ? r.at : null,
        r.position,
      ]),
    ],
  );
}

/**
 * The business key may be read before the instance's own record (streams are read side by side):
 * then it opens a placeholder row (position 0) that the instance's record fills in.
 */
async function upsertBusinessKeys(manager: EntityManager, rows: BusinessKeyRow[]): Promise<void> {
  if (!rows.length) return;
  await manager.query(
    `INSERT INTO process_instance (process_instance_key, bpmn_process_id, version, process_definition_key,
       business_key, state, started_at, ended_at, last_position) VALUES ?
     ON DUPLICATE KEY UPDATE business_key = VALUES(business_key)`,
    [
      rows.map((r) => [
        r.processInstanceKey,
        r.bpmnProcessId,
        0,
        r.processDefinitionKey,
        r.businessKey,
        'active',
        r.at,
        null,
        0,
      ]),
    ],
  );
  // The loan's branch, from the loan register (a business key that is no loan has none): every
  // monitor list is filtered to the reader's org subtree by it.
  await manager.query(
    `UPDATE process_instance p JOIN loan l ON l.id = p.business_key SET p.branch_code = l.branch_code
      WHERE p.process_instance_key IN (?)`,
    [rows.map((r) => r.processInstanceKey)],
  );
}

/** Rows in one statement, with the guard that an older record never overwrites a newer one. */
async function upsertGuarded(
  manager: EntityManager,
  table: string,
  columns: string[],
  guarded: string[],
  rows: unknown[][],
): Promise<void> {
  if (!rows.length) return;
  const updates = guarded.map((column) => `${column} = IF(${NEWER}, VALUES(${column}), ${column})`);
  await manager.query(
    `INSERT INTO ${table} (${columns.join(', ')}) VALUES ?
     ON DUPLICATE KEY UPDATE ${[...updates, 'last_position = GREATEST(last_position, VALUES(last_position))'].join(', ')}`,
    [rows],
  );
}

async function upsertIncidents(manager: EntityManager, rows: IncidentRow[]): Promise<void> {
  await upsertGuarded(
    manager,
    'incident',
    [
      'incident_key',
      'process_instance_key',
      'process_definition_key',
      'bpmn_process_id',
      'element_id',
      'element_instance_key',
      'job_key',
      'error_type',
      'error_message',
      'state',
      'created_at',
      'resolved_at',
      'last_position',
    ],
    ['state', 'resolved_at'],
    rows.map((r) => [
      r.key,
      r.processInstanceKey,
      r.processDefinitionKey,
      r.bpmnProcessId,
      r.elementId,
      r.elementInstanceKey,
      r.jobKey,
      r.errorType,
      r.errorMessage,
      r.state,
      r.at,
      r.state === 'resolved' ? r.at : null,
      r.position,
    ]),
  );
}

async function upsertJobs(manager: EntityManager, rows: JobRow[]): Promise<void> {
  await upsertGuarded(
    manager,
    'job',
    [
      'job_key',
      'job_type',
      'process_instance_key',
      'element_id',
      'element_instance_key',
      'state',
      'retries',
      'worker',
      'error_message',
      'created_at',
      'ended_at',
      'last_position',
    ],
    ['state', 'retries', 'worker', 'error_message', 'ended_at'],
    rows.map((r) => [
      r.key,
      r.jobType,
      r.processInstanceKey,
      r.elementId,
      r.elementInstanceKey,
      r.state,
      r.retries,
      r.worker,
      r.errorMessage,
      r.at,
      r.ended ? r.at : null,
      r.position,
    ]),
  );
}

async function upsertTimers(manager: EntityManager, rows: TimerRow[]): Promise<void> {
  await upsertGuarded(
    manager,
    'timer',
    [
      'timer_key',
      'process_instance_key',
      'process_definition_key',
      'element_id',
      'due_at',
      'repetitions',
      'state',
      'last_position',
    ],
    ['due_at', 'repetitions', 'state'],
    rows.map((r) => [
      r.key,
      r.processInstanceKey,
      r.processDefinitionKey,
      r.elementId,
      r.dueAt,
      r.repetitions,
      r.state,
      r.position,
    ]),
  );
}

async function upsertSubscriptions(manager: EntityManager, rows: SubscriptionRow[]): Promise<void> {
  await upsertGuarded(
    manager,
    'message_subscription',
    [
      'subscription_key',
      'process_instance_key',
      'element_instance_key',
      'element_id',
      'message_name',
      'correlation_key',
      'state',
      'last_position',
    ],
    ['state'],
    rows.map((r) => [
      r.key,
      r.processInstanceKey,
      r.elementInstanceKey,
      r.elementId,
      r.messageName,
      r.correlationKey,
      r.state,
      r.position,
    ]),
  );
}

async function upsertVariables(manager: EntityManager, rows: VariableRow[]): Promise<void> {
  await upsertGuarded(
    manager,
    'process_variable',
    ['variable_key', 'process_instance_key', 'name', 'value', 'truncated', 'last_position'],
    ['value', 'truncated'],
    rows.map((r) => [
      r.key,
      r.processInstanceKey,
      r.name,
      r.value,
      r.truncated ? 1 : 0,
      r.position,
    ]),
  );
}

/** Counted again from the incident rows, so a batch applied twice leaves the same count. */
async function recountIncidents(manager: EntityManager, instanceKeys: string[]): Promise<void> {
  if (!instanceKeys.length) return;
  await manager.query(
    `UPDATE process_instance p SET incidents =
       (SELECT COUNT(*) FROM incident i WHERE i.process_instance_key = p.process_instance_key AND i.state = 'open')
     WHERE p.process_instance_key IN (?)`,
    [instanceKeys],
  );
}

/**
 * The instances' rows in current_token, rebuilt from their element and instance rows in the same
 * transaction. Derived from rows that are themselves idempotent by record position, so a batch
 * applied twice, or an old batch after a newer one, leaves exactly the active element instances
 * (of instances the engine has reported itself, as the monitor lists them).
 */
async function syncCurrentTokens(manager: EntityManager, instanceKeys: string[]): Promise<void> {
  for (let from = 0; from < instanceKeys.length; from += 1000) {
    const keys = instanceKeys.slice(from, from + 1000);
    await manager.query('DELETE FROM current_token WHERE process_instance_key IN (?)', [keys]);
    await manager.query(
      `INSERT INTO current_token (element_instance_key, process_instance_key, bpmn_process_id, element_id,
         instance_started_at, branch_code)
       SELECT e.element_instance_key, e.process_instance_key, p.bpmn_process_id, e.element_id, p.started_at,
              p.branch_code
         FROM element_instance e JOIN process_instance p ON p.process_instance_key = e.process_instance_key
        WHERE e.process_instance_key IN (?) AND e.state = 'active' AND p.last_position > 0`,
      [keys],
    );
  }
}

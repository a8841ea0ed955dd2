import { Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { hostname } from 'node:os';
import { PinoLogger } from 'nestjs-pino';
import { DataSource, EntityManager } from 'typeorm';
import { AppConfig } from '@loanflow/config';
import { MetricsService } from '@loanflow/observability';
import { ProcessDefinitionEntity } from '@loanflow/persistence';
import {
  ExportedRecord,
  ExporterStreamReader,
  JobTypeFilter,
  StreamEntry,
  streamName,
} from '@loanflow/workflow';
import {
  BusinessKeyRow,
  businessKeyOf,
  decisionEvaluationRowOf,
  DecisionEvaluationRow,
  deploymentRowOf,
  ElementRow,
  elementRowOf,
  IncidentRow,
  incidentRowOf,
  JobRow,
  jobRowOf,
  processDefinitionOf,
  SubscriptionRow,
  subscriptionRowOf,
  TimerRow,
  timerRowOf,
  VariableRow,
  variableRowOf,
} from './projection-rows';

/** WORKER_TYPES name of the projector (it has no job type of its own). */
export const PROJECTOR_WORKER_TYPE = 'monitoring.projector';
export const PROJECTOR_GROUP = 'loanflow-projector';
const VALUE_TYPES = [
  'DECISION_EVALUATION',
  'PROCESS',
  'PROCESS_INSTANCE',
  'VARIABLE',
  'INCIDENT',
  'JOB',
  'TIMER',
  'PROCESS_MESSAGE_SUBSCRIPTION',
  'DEPLOYMENT',
] as const;

/**
 * Projects the broker's exported records into MySQL: process definitions, process instances, every
 * element instance, incidents, jobs, timers, message subscriptions, deployments and root-scope
 * variables (capped). At least once (consumer group, acknowledged after commit) and idempotent:
 * each row keeps the position of the last record applied, and an older record never overwrites a
 * newer one, so a batch read twice after a crash changes nothing.
 */
@Injectable()
export class EngineProjector implements OnApplicationBootstrap, OnApplicationShutdown {
  private reader?: ExporterStreamReader;

  constructor(
    private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly metrics: MetricsService,
    private readonly logger: PinoLogger,
  ) {
    this.logger.setContext('EngineProjector');
  }

  onApplicationBootstrap(): void {
    if (!JobTypeFilter.parse(this.config.WORKER_TYPES).matches(PROJECTOR_WORKER_TYPE)) return;
    this.reader = new ExporterStreamReader(
      {
        redisUrl: this.config.REDIS_URL,
        streams: VALUE_TYPES.map((type) => streamName(this.config.EXPORTER_STREAM_PREFIX, type)),
        group: PROJECTOR_GROUP,
        consumer: `projector-${hostname()}-${process.pid}`,
        batchSize: 1000,
        onError: (message) => this.logger.warn(`projection batch failed, will retry: ${message}`),
      },
      (entries) => this.apply(entries),
    );
    this.reader.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.reader?.stop();
  }

  /** Applies one batch in one transaction. */
  async apply(entries: StreamEntry[]): Promise<void> {
    const batch = new ProjectionBatch();
    let newest = 0;
    for (const { record } of entries) {
      if (!record) continue;
      newest = Math.max(newest, record.timestamp);
      this.metrics.projectedRecords.inc({ valueType: record.valueType });
      batch.add(record);
    }
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
    if (newest) this.metrics.projectorLag.set(Math.max(0, (Date.now() - newest) / 1000));
  }
}

/** One batch's records sorted into the rows each table takes. */
class ProjectionBatch {
  readonly elements: ElementRow[] = [];
  readonly businessKeys: BusinessKeyRow[] = [];
  readonly definitions: NonNullable<ReturnType<typeof processDefinitionOf>>[] = [];
  readonly incidents: IncidentRow[] = [];
  readonly jobs: JobRow[] = [];
  readonly timers: TimerRow[] = [];
  readonly subscriptions: SubscriptionRow[] = [];
  readonly deployments: NonNullable<ReturnType<typeof deploymentRowOf>>[] = [];
  readonly variables: VariableRow[] = [];
  readonly decisions: DecisionEvaluationRow[] = [];

  add(record: ExportedRecord): void {
    const push = <T>(list: T[], row: T | null) => {
      if (row) list.push(row);
    };
    switch (record.valueType) {
      case 'PROCESS_INSTANCE':
        return push(this.elements, elementRowOf(record));
      case 'PROCESS':
        return push(this.definitions, processDefinitionOf(record));
      case 'VARIABLE':
        push(this.businessKeys, businessKeyOf(record));
        return push(this.variables, variableRowOf(record));
      case 'INCIDENT':
        return push(this.incidents, incidentRowOf(record));
      case 'JOB':
        return push(this.jobs, jobRowOf(record));
      case 'TIMER':
        return push(this.timers, timerRowOf(record));
      case 'PROCESS_MESSAGE_SUBSCRIPTION':
        return push(this.subscriptions, subscriptionRowOf(record));
      case 'DEPLOYMENT':
        return push(this.deployments, deploymentRowOf(record));
      case 'DECISION_EVALUATION':
        return push(this.decisions, decisionEvaluationRowOf(record));
    }
  }

  /**
   * Instances whose current tokens may have changed: an element moved, the instance row itself moved
   * (its start, its process after a migration) or its business key brought its branch.
   */
  instancesWithTokenNews(): string[] {
    return [
      ...new Set([
        ...this.elements.map((row) =>
          row.elementType === 'PROCESS' ? row.key : row.processInstanceKey,
        ),
        ...this.businessKeys.map((row) => row.processInstanceKey),
      ]),
    ];
  }

  /** Instances whose open-incident count may have changed: an incident moved, or the row is new. */
  instancesWithIncidentNews(): string[] {
    return [
      ...new Set([
        ...this.incidents.map((row) => row.processInstanceKey),
        ...this.elements.filter((row) => row.elementType === 'PROCESS').map((row) => row.key),
      ]),
    ];
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

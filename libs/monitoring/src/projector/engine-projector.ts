import { Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { hostname } from 'node:os';
import { PinoLogger } from 'nestjs-pino';
import { DataSource, EntityManager } from 'typeorm';
import { AppConfig } from '@loanflow/config';
import { MetricsService } from '@loanflow/observability';
import { ProcessDefinitionEntity } from '@loanflow/persistence';
import { ExporterStreamReader, JobTypeFilter, StreamEntry, streamName } from '@loanflow/workflow';
import {
  BusinessKeyRow,
  businessKeyOf,
  ElementRow,
  elementRowOf,
  processDefinitionOf,
} from './projection-rows';

/** WORKER_TYPES name of the projector (it has no job type of its own). */
export const PROJECTOR_WORKER_TYPE = 'monitoring.projector';
export const PROJECTOR_GROUP = 'loanflow-projector';
const VALUE_TYPES = ['PROCESS', 'PROCESS_INSTANCE', 'VARIABLE'] as const;

/**
 * Projects the broker's exported records into MySQL: process definitions, process instances and
 * every element instance. At least once (consumer group, acknowledged after commit) and idempotent:
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
        consumer: `projector-${hostname()}`,
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
    const elements: ElementRow[] = [];
    const businessKeys: BusinessKeyRow[] = [];
    const definitions: ReturnType<typeof processDefinitionOf>[] = [];
    let newest = 0;
    for (const { record } of entries) {
      if (!record) continue;
      newest = Math.max(newest, record.timestamp);
      this.metrics.projectedRecords.inc({ valueType: record.valueType });
      if (record.valueType === 'PROCESS_INSTANCE') {
        const row = elementRowOf(record);
        if (row) elements.push(row);
      } else if (record.valueType === 'PROCESS') {
        const definition = processDefinitionOf(record);
        if (definition) definitions.push(definition);
      } else if (record.valueType === 'VARIABLE') {
        const key = businessKeyOf(record);
        if (key) businessKeys.push(key);
      }
    }
    await this.dataSource.transaction(async (manager) => {
      for (const definition of definitions) {
        if (!definition) continue;
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
        elements.filter((row) => row.elementType === 'PROCESS'),
      );
      await upsertElements(
        manager,
        elements.filter((row) => row.elementType !== 'PROCESS'),
      );
      await upsertBusinessKeys(manager, businessKeys);
    });
    if (newest) this.metrics.projectorLag.set(Math.max(0, (Date.now() - newest) / 1000));
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
}

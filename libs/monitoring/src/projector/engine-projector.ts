import { Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { hostname } from 'node:os';
import { PinoLogger } from 'nestjs-pino';
import { AppConfig } from '@loanflow/config';
import { MetricsService } from '@loanflow/observability';
import { ExporterStreamReader, JobTypeFilter, StreamEntry, streamName } from '@loanflow/workflow';
import { ProjectionBatch } from './projection-batch';
import { ProjectionStore } from './projection-store';

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
    private readonly store: ProjectionStore,
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
    await this.store.write(batch);
    if (newest) this.metrics.projectorLag.set(Math.max(0, (Date.now() - newest) / 1000));
  }
}

import { Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { hostname } from 'node:os';
import { PinoLogger } from 'nestjs-pino';
import { AppConfig } from '@loanflow/config';
import {
  ExportedRecord,
  ExporterStreamReader,
  JobTypeFilter,
  streamName,
} from '@loanflow/workflow';
import { INBOX_WORKER_TYPE, RECONCILER_GROUP } from './inbox.constants';
import { CompletionOutbox } from '../completion/completion-outbox';
import { TaskEnding } from './task-ending';
import { USER_TASK_JOB_TYPE } from './user-task-headers';

const ENDINGS: Readonly<
  Record<
    'CANCELED' | 'COMPLETED' | 'ERROR_THROWN',
    { state: 'completed' | 'cancelled'; reason: string }
  >
> = {
  CANCELED: {
    state: 'cancelled',
    reason: 'withdrawn by the engine (boundary event, escalation or cancelled instance)',
  },
  COMPLETED: { state: 'completed', reason: 'completed outside the inbox' },
  ERROR_THROWN: { state: 'cancelled', reason: 'ended by a business error in the engine' },
};

/**
 * Reads the broker's exported records (Redis Streams, one consumer group) and ends the inbox tasks
 * the engine ended: a user-task element terminated (boundary event, escalation, cancelled or
 * migrated-away instance) or its job completed or ended otherwise. Exact, not a guess from
 * timeouts; either record alone suffices, and the second finds the task already ended.
 */
@Injectable()
export class TaskReconciler implements OnApplicationBootstrap, OnApplicationShutdown {
  private reader?: ExporterStreamReader;

  constructor(
    private readonly config: AppConfig,
    private readonly ending: TaskEnding,
    private readonly outbox: CompletionOutbox,
    private readonly logger: PinoLogger,
  ) {
    this.logger.setContext('TaskReconciler');
  }

  onApplicationBootstrap(): void {
    if (!JobTypeFilter.parse(this.config.WORKER_TYPES).matches(INBOX_WORKER_TYPE)) return;
    this.reader = new ExporterStreamReader(
      {
        redisUrl: this.config.REDIS_URL,
        streams: ['JOB', 'PROCESS_INSTANCE'].map((type) =>
          streamName(this.config.EXPORTER_STREAM_PREFIX, type),
        ),
        group: RECONCILER_GROUP,
        consumer: `inbox-${hostname()}-${process.pid}`,
        onError: (message) => this.logger.warn(`reconciliation pass failed: ${message}`),
      },
      async (entries) => {
        for (const { record } of entries) if (record) await this.apply(record);
      },
    );
    this.reader.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.reader?.stop();
  }

  private async apply(record: ExportedRecord): Promise<void> {
    if (record.recordType !== 'EVENT') return;
    if (record.valueType === 'PROCESS_INSTANCE') return this.applyElement(record);
    if (record.value.type !== USER_TASK_JOB_TYPE) return;
    const ending = Object.hasOwn(ENDINGS, record.intent)
      ? ENDINGS[record.intent as keyof typeof ENDINGS]
      : undefined;
    if (!ending) return;
    // The engine's record that a job completed settles a person's pending completion of it.
    if (record.intent === 'COMPLETED') {
      const settled = await this.outbox.settle(String(record.key), 'reconciler');
      if (settled !== 'not-pending') return;
    }
    if (await this.ending.endInEngine(String(record.key), ending.state, ending.reason)) {
      this.logger.info(
        { taskId: String(record.key), intent: record.intent },
        `task ${ending.state}: ${ending.reason}`,
      );
    }
  }

  private async applyElement(record: ExportedRecord): Promise<void> {
    if (record.intent !== 'ELEMENT_TERMINATED' || record.value.bpmnElementType !== 'USER_TASK')
      return;
    const reason = ENDINGS.CANCELED.reason;
    if (await this.ending.endByElement(String(record.key), reason)) {
      this.logger.info({ elementInstanceKey: String(record.key) }, `task cancelled: ${reason}`);
    }
  }
}

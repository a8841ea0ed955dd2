import { Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';
import { hostname } from 'node:os';
import { PinoLogger } from 'nestjs-pino';
import { AppConfig } from '@loanflow/config';
import { decodeStreamEntry, JobTypeFilter, streamName } from '@loanflow/workflow';
import { INBOX_WORKER_TYPE, RECONCILER_GROUP } from './inbox.constants';
import { TaskEnding } from './task-ending';
import { USER_TASK_JOB_TYPE } from './user-task-headers';

const ENDINGS: Record<string, { state: 'completed' | 'cancelled'; reason: string }> = {
  CANCELED: {
    state: 'cancelled',
    reason: 'withdrawn by the engine (boundary event, escalation or cancelled instance)',
  },
  COMPLETED: { state: 'completed', reason: 'completed outside the inbox' },
  ERROR_THROWN: { state: 'cancelled', reason: 'ended by a business error in the engine' },
};

/**
 * Reads the broker's exported job records (Redis Streams, one consumer group) and ends the inbox
 * tasks whose user-task job the engine ended: exact, not a guess from timeouts.
 */
@Injectable()
export class TaskReconciler implements OnApplicationBootstrap, OnApplicationShutdown {
  private redis?: Redis;
  private running = false;
  private loop?: Promise<void>;
  private readonly consumer = `inbox-${hostname()}`;

  constructor(
    private readonly config: AppConfig,
    private readonly ending: TaskEnding,
    private readonly logger: PinoLogger,
  ) {
    this.logger.setContext('TaskReconciler');
  }

  onApplicationBootstrap(): void {
    if (!JobTypeFilter.parse(this.config.WORKER_TYPES).matches(INBOX_WORKER_TYPE)) return;
    // Blocking reads need a connection of their own.
    this.redis = new Redis(this.config.REDIS_URL, { maxRetriesPerRequest: null });
    this.running = true;
    this.loop = this.run();
  }

  async onApplicationShutdown(): Promise<void> {
    this.running = false;
    this.redis?.disconnect();
    await this.loop;
  }

  private get stream(): string {
    return streamName(this.config.EXPORTER_STREAM_PREFIX, 'JOB');
  }

  private async run(): Promise<void> {
    while (this.running) {
      try {
        await this.ensureGroup();
        await this.readBatch();
      } catch (error) {
        if (!this.running) return;
        const message = (error as Error).message;
        if (!message.includes('NOGROUP'))
          this.logger.warn(`reconciliation pass failed: ${message}`);
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
    }
  }

  private async ensureGroup(): Promise<void> {
    try {
      // From the stream's start: records exported while no inbox ran are applied too (idempotently).
      await this.redis!.xgroup('CREATE', this.stream, RECONCILER_GROUP, '0', 'MKSTREAM');
    } catch (error) {
      if (!(error as Error).message.includes('BUSYGROUP')) throw error;
    }
  }

  private async readBatch(): Promise<void> {
    const reply = (await this.redis!.xreadgroup(
      'GROUP',
      RECONCILER_GROUP,
      this.consumer,
      'COUNT',
      500,
      'BLOCK',
      2000,
      'STREAMS',
      this.stream,
      '>',
    )) as [string, [string, string[]][]][] | null;
    for (const [, entries] of reply ?? []) {
      for (const [id, fields] of entries) {
        await this.apply(fields);
        await this.redis!.xack(this.stream, RECONCILER_GROUP, id);
      }
    }
  }

  private async apply(fields: string[]): Promise<void> {
    const record = decodeStreamEntry(fields);
    if (!record || record.recordType !== 'EVENT' || record.value.type !== USER_TASK_JOB_TYPE)
      return;
    const ending = ENDINGS[record.intent];
    if (!ending) return;
    if (await this.ending.endInEngine(String(record.key), ending.state, ending.reason)) {
      this.logger.info(
        { taskId: String(record.key), intent: record.intent },
        `task ${ending.state}: ${ending.reason}`,
      );
    }
  }
}

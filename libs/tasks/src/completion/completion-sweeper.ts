import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { PinoLogger } from 'nestjs-pino';
import { DataSource } from 'typeorm';
import { AppConfig } from '@loanflow/config';
import { JobEntity, TaskCompletionOutboxEntity } from '@loanflow/persistence';
import { JobTypeFilter, ZEEBE_CLIENT, ZeebeClient } from '@loanflow/workflow';
import { INBOX_WORKER_TYPE } from '../inbox/inbox.constants';
import { TaskEnding } from '../inbox/task-ending';
import { CompletionOutbox } from './completion-outbox';
import { ConsistencyCheck } from './consistency-check';
import { engineAnswerOf } from './engine-answer';
import { messageOf } from '@loanflow/domain';

const PASS_INTERVAL_MS = 15_000;
/** Older than any request still waiting on the broker (the client gives up after about 15 s). */
export const SETTLE_GRACE_MS = 30_000;
/** A claim lasts this long: a sweeper that dies mid-pass leaves its rows to the next after it. */
const CLAIM_MS = 60_000;
const BATCH = 50;

class ClaimedElsewhere extends Error {}

export interface SweepResult {
  settled: number;
  released: number;
  voided: number;
  waiting: number;
  /** Settled by someone else (the request, the reconciler) between the claim and the settling. */
  skipped: number;
}

/**
 * Settles completions left pending (the api died after asking the broker, or its commit failed):
 * a job the engine's records show completed is settled with its audit entry; a job the broker
 * still holds was never completed, so the row is released and the person may complete again; a job
 * the engine cancelled makes the row void. Rows are claimed first, so two workers processes never
 * sweep the same row at once.
 */
@Injectable()
export class CompletionSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer?: NodeJS.Timeout;
  private readonly me = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: CompletionOutbox,
    private readonly ending: TaskEnding,
    private readonly consistency: ConsistencyCheck,
    @Inject(ZEEBE_CLIENT) private readonly zeebe: ZeebeClient,
    private readonly config: AppConfig,
    private readonly logger: PinoLogger,
  ) {
    this.logger.setContext('CompletionSweeper');
  }

  onApplicationBootstrap(): void {
    if (!JobTypeFilter.parse(this.config.WORKER_TYPES).matches(INBOX_WORKER_TYPE)) return;
    this.timer = setInterval(
      // Each pass also refreshes the consistency gauges (/metrics) the operators and the fault suite read.
      () =>
        void this.sweep()
          .then(() => this.consistency.run())
          .catch((e) => this.logger.warn(`outbox sweep failed: ${messageOf(e)}`)),
      PASS_INTERVAL_MS,
    );
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  async sweep(graceMs = SETTLE_GRACE_MS): Promise<SweepResult> {
    const result: SweepResult = { settled: 0, released: 0, voided: 0, waiting: 0, skipped: 0 };
    for (const jobKey of await this.claim(graceMs)) {
      const outcome = await this.settleOne(jobKey).catch((error: Error) => {
        this.logger.warn({ taskId: jobKey }, `cannot settle ${jobKey} now: ${error.message}`);
        return 'waiting' as const;
      });
      result[outcome] += 1;
      if (outcome !== 'waiting' && outcome !== 'skipped')
        this.logger.info(
          { taskId: jobKey, outcome },
          `pending completion of ${jobKey}: ${outcome}`,
        );
    }
    return result;
  }

  /**
   * Picks pending rows by a plain read, then claims each by its key alone: a range update over the
   * pending rows would lock index ranges that a settling transaction (task, then row) needs too.
   */
  private async claim(graceMs: number): Promise<string[]> {
    const now = Date.now();
    const candidates = await this.dataSource.query<{ job_key: string }[]>(
      `SELECT job_key FROM task_completion_outbox
        WHERE state = 'pending' AND created_at < ? AND (claimed_until IS NULL OR claimed_until < ?)
        ORDER BY created_at LIMIT ?`,
      [new Date(now - graceMs), new Date(now), BATCH],
    );
    const claimed: string[] = [];
    for (const { job_key: jobKey } of candidates) {
      const mine = await this.outbox
        .whilePending(jobKey, async (manager, row) => {
          if (row.claimedUntil && row.claimedUntil.getTime() >= now) throw new ClaimedElsewhere();
          await manager.update(
            TaskCompletionOutboxEntity,
            { jobKey },
            { claimedBy: this.me, claimedUntil: new Date(now + CLAIM_MS) },
          );
        })
        .catch((error: unknown) => {
          if (error instanceof ClaimedElsewhere) return false;
          throw error;
        });
      if (mine) claimed.push(jobKey);
    }
    return claimed;
  }

  private async settleOne(jobKey: string): Promise<keyof SweepResult> {
    const known = await this.projectedState(jobKey);
    if (known === 'completed') {
      const settlement = await this.outbox.settle(jobKey, `sweeper ${this.me}`);
      return settlement === 'settled' ? 'settled' : settlement === 'void' ? 'voided' : 'skipped';
    }
    if (known === 'canceled' || known === 'error-thrown') return this.voidAndEnd(jobKey);
    // Not known ended: ask the broker. Extending the hold succeeds only on a job it still has,
    // which proves the completion never took.
    try {
      await this.zeebe.updateJobTimeout({ jobKey, timeout: this.config.INBOX_HOLD_MS });
      await this.outbox.release(jobKey);
      return 'released';
    } catch (error) {
      // Gone, but the records have not said how yet (the projection lags): the next pass decides.
      // Broker away: likewise.
      if (engineAnswerOf(error).kind !== 'gone')
        this.logger.warn({ taskId: jobKey }, `cannot ask the broker: ${messageOf(error)}`);
      await this.outbox.whilePending(jobKey, async (manager, row) => {
        if (row.claimedBy === this.me)
          await manager.update(
            TaskCompletionOutboxEntity,
            { jobKey },
            { claimedBy: null, claimedUntil: null },
          );
      });
      return 'waiting';
    }
  }

  private async voidAndEnd(jobKey: string): Promise<'voided'> {
    await this.outbox.void(jobKey, `sweeper ${this.me}`);
    await this.ending.endInEngine(jobKey, 'cancelled', 'the process no longer waits for it');
    return 'voided';
  }

  private async projectedState(jobKey: string): Promise<string | null> {
    const job = await this.dataSource
      .getRepository(JobEntity)
      .findOne({ select: { state: true }, where: { jobKey } });
    return job?.state ?? null;
  }
}

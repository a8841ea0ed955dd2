import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import { DataSource, LessThan } from 'typeorm';
import { AppConfig } from '@loanflow/config';
import { UserTaskEntity } from '@loanflow/persistence';
import { JobTypeFilter, ZEEBE_CLIENT, ZeebeClient } from '@loanflow/workflow';
import { INBOX_JOB_TIMEOUT_MS, INBOX_WORKER_TYPE, RENEWAL_WINDOW_MS } from './inbox.constants';

const PASS_INTERVAL_MS = 3600 * 1000;

/**
 * Extends the inbox's hold on open user-task jobs before it runs out, so a task waiting weeks for a
 * person is never handed back to the engine. A job the broker no longer knows is left to the reconciler.
 */
@Injectable()
export class TaskHoldRenewal implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer?: NodeJS.Timeout;

  constructor(
    @Inject(ZEEBE_CLIENT) private readonly client: ZeebeClient,
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly logger: PinoLogger,
  ) {
    this.logger.setContext('TaskHoldRenewal');
  }

  onApplicationBootstrap(): void {
    if (!JobTypeFilter.parse(this.config.WORKER_TYPES).matches(INBOX_WORKER_TYPE)) return;
    this.timer = setInterval(
      () =>
        void this.renewDue().catch((e) => this.logger.warn(`renewal pass failed: ${e.message}`)),
      PASS_INTERVAL_MS,
    );
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /** Renews every open task whose hold ends before `now + window`; returns how many were renewed. */
  async renewDue(now = new Date()): Promise<number> {
    const due = await this.dataSource.getRepository(UserTaskEntity).find({
      select: { id: true },
      where: { state: 'open', jobDeadline: LessThan(new Date(now.getTime() + RENEWAL_WINDOW_MS)) },
      take: 1000,
    });
    let renewed = 0;
    for (const { id } of due) {
      try {
        await this.client.updateJobTimeout({ jobKey: id, timeout: INBOX_JOB_TIMEOUT_MS });
        await this.dataSource
          .getRepository(UserTaskEntity)
          .update({ id }, { jobDeadline: new Date(now.getTime() + INBOX_JOB_TIMEOUT_MS) });
        renewed += 1;
      } catch (error) {
        this.logger.warn(
          { taskId: id },
          `could not renew the hold on task ${id}: ${(error as Error).message}`,
        );
      }
    }
    return renewed;
  }
}

import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import { DataSource } from 'typeorm';
import { AppConfig } from '@loanflow/config';
import { UserTaskEntity } from '@loanflow/persistence';
import { JobTypeFilter, ZEEBE_CLIENT, ZeebeClient } from '@loanflow/workflow';
import { engineAnswerOf } from '../completion/engine-answer';
import { INBOX_WORKER_TYPE } from './inbox.constants';
import { TaskEnding } from './task-ending';
import { messageOf } from '@loanflow/domain';

/** How many open tasks a pass asks the broker about (a pass runs every INBOX_HOLD_PASS_MS). */
export const HOLD_PASS_BATCH = 200;

export const LOST_ENDING_REASON =
  'withdrawn by the engine: the broker no longer has its job, and its record never reached the inbox';

export interface HoldPass {
  /** Holds extended: the broker still has the job and it is the inbox's. */
  renewed: number;
  /** Tasks ended because the broker no longer has their job. */
  ended: number;
  /** Not settled this pass (the broker away, the job between holds, a completion pending). */
  waiting: number;
}

/**
 * Asks the broker about every open inbox task in turn, the ones whose hold ends first each pass.
 * Extending the hold keeps a task waiting weeks for a person from being handed back to the engine;
 * the same call answers "no such job" for a task the engine ended whose record never reached the
 * inbox (an exporter that lost records in flight when Redis died), and the task is ended then. Each
 * renewal moves the task to the back of the order, so the passes walk the whole inbox: 200 tasks
 * every 10 minutes (the default) is 28,800 a day.
 */
@Injectable()
export class TaskHoldRenewal implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer?: NodeJS.Timeout;
  private running = false;

  constructor(
    @Inject(ZEEBE_CLIENT) private readonly client: ZeebeClient,
    private readonly dataSource: DataSource,
    private readonly ending: TaskEnding,
    private readonly config: AppConfig,
    private readonly logger: PinoLogger,
  ) {
    this.logger.setContext('TaskHoldRenewal');
  }

  onApplicationBootstrap(): void {
    if (!JobTypeFilter.parse(this.config.WORKER_TYPES).matches(INBOX_WORKER_TYPE)) return;
    this.timer = setInterval(
      () =>
        void this.renewDue().catch((e) => this.logger.warn(`hold pass failed: ${messageOf(e)}`)),
      this.config.INBOX_HOLD_PASS_MS,
    );
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /**
   * One pass over the `batch` open tasks whose hold ends first; `now` is the broker's time. A pass
   * still running when the next is due is not doubled, and a pass stops at the first answer that
   * says the broker cannot serve (each such call waits out the client's retries, about 15 s): the
   * tasks it did not reach come first in the next pass.
   */
  async renewDue(now = new Date(), batch = HOLD_PASS_BATCH): Promise<HoldPass> {
    const pass: HoldPass = { renewed: 0, ended: 0, waiting: 0 };
    if (this.running) return pass;
    this.running = true;
    try {
      const tasks = await this.dataSource.getRepository(UserTaskEntity).find({
        select: { id: true },
        where: { state: 'open' },
        order: { jobDeadline: 'ASC' },
        take: batch,
      });
      for (const { id } of tasks) {
        const outcome = await this.check(id, now);
        pass[outcome === 'broker-away' ? 'waiting' : outcome] += 1;
        if (outcome === 'broker-away') break;
      }
      return pass;
    } finally {
      this.running = false;
    }
  }

  private async check(id: string, now: Date): Promise<keyof HoldPass | 'broker-away'> {
    try {
      const hold = this.config.INBOX_HOLD_MS;
      await this.client.updateJobTimeout({ jobKey: id, timeout: hold });
      await this.dataSource
        .getRepository(UserTaskEntity)
        .update({ id }, { jobDeadline: new Date(now.getTime() + hold) });
      return 'renewed';
    } catch (error) {
      const answer = engineAnswerOf(error).kind;
      if (answer !== 'gone') {
        this.logger.warn({ taskId: id }, `cannot renew task ${id}: ${messageOf(error)}`);
        // "Not active" (the hold ran out and the intake has not taken it again): the intake or the
        // next pass settles it. Anything else says the broker cannot serve now.
        return answer === 'rejected' ? 'waiting' : 'broker-away';
      }
      const ended = await this.ending.endInEngine(id, 'cancelled', LOST_ENDING_REASON, {
        leavePending: true,
      });
      if (ended) this.logger.warn({ taskId: id }, `task ${id} ended: ${LOST_ENDING_REASON}`);
      return ended ? 'ended' : 'waiting';
    }
  }
}

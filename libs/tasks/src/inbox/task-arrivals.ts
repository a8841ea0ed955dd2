import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  OnApplicationShutdown,
} from '@nestjs/common';
import type Redis from 'ioredis';
import { PinoLogger } from 'nestjs-pino';
import { messageOf } from '@loanflow/domain';
import { REDIS } from '@loanflow/persistence';
import { ArrivalWait, ArrivalWaits } from './arrival-waits';

/**
 * The Redis channel a task's loan key ('' for none) is announced on when the intake files the task
 * or a person gives it to someone else or back to its pool.
 */
export const TASK_ARRIVALS_CHANNEL = 'loanflow:inbox:filed';
/** Waiting requests one api process holds at most; past it a request is answered at once. */
export const MAX_WAITING_REQUESTS = 2_000;

/**
 * Tells every api process that a task was filed or reassigned, so that a reader waiting for one
 * looks again at once instead of asking every few seconds. Best effort both ways: an announcement lost (Redis
 * away) only means the waiting reader sees the task at their next look, which comes within
 * seconds anyway (WaitingTaskList).
 */
@Injectable()
export class TaskArrivals implements BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly waits = new ArrivalWaits(MAX_WAITING_REQUESTS);
  private subscriber?: Redis;
  private closing = false;

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly logger: PinoLogger,
  ) {
    this.logger.setContext('TaskArrivals');
  }

  /** After the task's row committed: a task of `loan` (null: of no loan) is in the inbox, or moved in it. */
  announce(loan: string | null): void {
    this.redis
      .publish(TASK_ARRIVALS_CHANNEL, loan ?? '')
      .catch((error: unknown) =>
        this.logger.debug(
          `task arrival of ${loan ?? '(no loan)'} not announced: ${messageOf(error)}`,
        ),
      );
  }

  /** A wait for the next task of `loan` (any loan when null) to be filed, `ms` at most. */
  next(loan: string | null, ms: number): ArrivalWait {
    if (ms > 0 && !this.closing) this.listen();
    return this.waits.until(loan, ms);
  }

  /** Before the server stops taking requests: the waiting ones are answered now instead of holding the stop up. */
  beforeApplicationShutdown(): void {
    this.closing = true;
    this.waits.close();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.subscriber?.quit().catch(() => this.subscriber?.disconnect());
  }

  /** Subscribes on first use, on a connection of its own (a subscribed connection does nothing else). */
  private listen(): void {
    if (this.subscriber) return;
    const subscriber = this.redis.duplicate();
    this.subscriber = subscriber;
    // Its errors are the shared connection's too (Redis away): the health check reports those.
    subscriber.on('error', (error: unknown) =>
      this.logger.debug(`task arrivals' connection: ${messageOf(error)}`),
    );
    subscriber.on('message', (_channel: string, loan: string) =>
      this.waits.arrived(loan === '' ? null : loan),
    );
    subscriber.subscribe(TASK_ARRIVALS_CHANNEL).catch((error: unknown) => {
      // Waits still end on their own time; the next one subscribes again.
      this.logger.warn(`not listening for task arrivals: ${messageOf(error)}`);
      subscriber.disconnect();
      if (this.subscriber === subscriber) this.subscriber = undefined;
    });
  }
}

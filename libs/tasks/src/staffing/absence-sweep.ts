import { Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import { AppConfig } from '@loanflow/config';
import { BusinessClock, JobTypeFilter } from '@loanflow/workflow';
import { INBOX_WORKER_TYPE } from '../inbox/inbox.constants';
import { AbsenceRouting } from './absence-routing';
import { messageOf } from '@loanflow/domain';

const PASS_INTERVAL_MS = 10 * 60_000;

/**
 * Starts the absences declared ahead: on an absence's first day the tasks the person holds move to
 * the deputy (or the pool). Runs where the inbox intake runs, every ten minutes.
 */
@Injectable()
export class AbsenceSweep implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly routing: AbsenceRouting,
    private readonly clock: BusinessClock,
    private readonly config: AppConfig,
    private readonly logger: PinoLogger,
  ) {
    this.logger.setContext('AbsenceSweep');
  }

  onApplicationBootstrap(): void {
    if (!JobTypeFilter.parse(this.config.WORKER_TYPES).matches(INBOX_WORKER_TYPE)) return;
    this.timer = setInterval(
      () => void this.run().catch((e) => this.logger.warn(`absence pass failed: ${messageOf(e)}`)),
      PASS_INTERVAL_MS,
    );
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /** Moves the claimed tasks of every absence begun by today; returns how many absences began. */
  async run(): Promise<number> {
    return this.routing.sweep(await this.clock.today());
  }
}

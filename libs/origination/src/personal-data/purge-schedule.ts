import { Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import { AppConfig } from '@loanflow/config';
import { BusinessClock, JobTypeFilter } from '@loanflow/workflow';
import { PersonalDataRetention } from './retention';

/** WORKER_TYPES name of the purge (it has no job type of its own). */
export const PURGE_WORKER_TYPE = 'privacy.purge';
const CHECK_MS = 60 * 60_000;

/** Runs the retention purge every hour in the workers process that serves privacy.purge. */
@Injectable()
export class PersonalDataPurgeSchedule implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;

  constructor(
    private readonly config: AppConfig,
    private readonly retention: PersonalDataRetention,
    private readonly clock: BusinessClock,
    private readonly logger: PinoLogger,
  ) {
    this.logger.setContext('PersonalDataPurge');
  }

  onApplicationBootstrap(): void {
    if (!JobTypeFilter.parse(this.config.WORKER_TYPES).matches(PURGE_WORKER_TYPE)) return;
    const tick = () => {
      this.running ??= this.clock
        .now()
        .then((now) => this.retention.purgeExpired(now))
        .then(({ loans }) => {
          if (loans.length)
            this.logger.info(`personal data of ${loans.length} applications purged`);
        })
        .catch((error: Error) => this.logger.warn(`personal data purge failed: ${error.message}`))
        .finally(() => (this.running = undefined));
    };
    this.timer = setInterval(tick, CHECK_MS);
    tick();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}

import { Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import { AppConfig } from '@loanflow/config';
import { beijingDate } from '@loanflow/domain';
import { BusinessClock, JobTypeFilter } from '@loanflow/workflow';
import { FiguresQueries } from './figures.queries';
import { FiguresService } from './figures.service';

/** WORKER_TYPES name of the recorder (it has no job type of its own). */
export const SNAPSHOT_WORKER_TYPE = 'monitoring.snapshots';
const CHECK_MS = 10 * 60_000;
const DAY_MS = 86_400_000;

/**
 * Keeps each org unit's portfolio figures at the end of every business day (Beijing), so that the
 * dashboard shows the overdue and non-performing ratios over time as they were, not as today's
 * classifications would recompute them. Checks every ten minutes whether yesterday is recorded;
 * a day missed while no worker ran is recorded when one runs again (as of that day).
 */
@Injectable()
export class PortfolioSnapshots implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;

  constructor(
    private readonly config: AppConfig,
    private readonly queries: FiguresQueries,
    private readonly figures: FiguresService,
    private readonly clock: BusinessClock,
    private readonly logger: PinoLogger,
  ) {
    this.logger.setContext('PortfolioSnapshots');
  }

  onApplicationBootstrap(): void {
    if (!JobTypeFilter.parse(this.config.WORKER_TYPES).matches(SNAPSHOT_WORKER_TYPE)) return;
    const tick = () => {
      this.running ??= this.recordYesterday()
        .catch((error: Error) => this.logger.warn(`portfolio snapshot failed: ${error.message}`))
        .finally(() => (this.running = undefined));
    };
    this.timer = setInterval(tick, CHECK_MS);
    tick();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** Records the last complete business day, unless it is recorded already. */
  async recordYesterday(): Promise<string | null> {
    const now = await this.clock.now();
    const yesterday = beijingDate(new Date(now.getTime() - DAY_MS));
    if ((await this.queries.unitsKeptOn(yesterday)) > 0) return null;
    await this.record(yesterday, now);
    return yesterday;
  }

  /** Every org unit's figures as of a business date (taken again if they were). */
  async record(asOf: string, now: Date): Promise<void> {
    const units = await this.queries.orgUnitCodes();
    await this.figures.record(units, asOf, now);
    this.logger.info(`portfolio figures of ${units.length} org units recorded as of ${asOf}`);
  }
}

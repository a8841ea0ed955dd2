import { Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import { AppConfig } from '@loanflow/config';
import { JobTypeFilter } from '@loanflow/workflow';
import { RiskWarnings } from '../post-loan/risk-warnings.service';
import { RepaymentRecords } from './repayment-records';
import { RepaymentsService } from './repayments.service';

/** WORKER_TYPES name of the sweeper (no job type of its own). */
export const REPAYMENT_OUTBOX_WORKER_TYPE = 'servicing.outbox';
const SWEEP_MS = 5_000;

/**
 * Publishes repayment and risk-warning messages the API could not publish after its commit (broker
 * away): a recorded repayment always reaches its loan's process, a raised warning always starts its
 * own, once (the message ids are the rows').
 */
@Injectable()
export class RepaymentOutbox implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer?: NodeJS.Timeout;
  private sweeping?: Promise<unknown>;

  constructor(
    private readonly config: AppConfig,
    private readonly register: RepaymentRecords,
    private readonly repayments: RepaymentsService,
    private readonly warnings: RiskWarnings,
    private readonly logger: PinoLogger,
  ) {
    this.logger.setContext('RepaymentOutbox');
  }

  onApplicationBootstrap(): void {
    if (!JobTypeFilter.parse(this.config.WORKER_TYPES).matches(REPAYMENT_OUTBOX_WORKER_TYPE))
      return;
    this.timer = setInterval(() => {
      // A sweep that fails (the database away) is tried again on the next tick: left unhandled, its
      // rejection would end the whole workers process (the fault suite found it).
      this.sweeping ??= this.sweep()
        .catch((error: Error) =>
          this.logger.warn(`outbox sweep failed, will retry: ${error.message}`),
        )
        .finally(() => (this.sweeping = undefined));
    }, SWEEP_MS);
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.sweeping;
  }

  /** Publishes what has waited longer than one sweep; returns how many went out. */
  async sweep(): Promise<number> {
    const waiting = await this.register.unpublished(new Date(Date.now() - SWEEP_MS), 100);
    let published = 0;
    for (const repayment of waiting) if (await this.repayments.publish(repayment)) published++;
    // A warning's API call publishes right after its commit; one swept meanwhile is deduplicated.
    return published + (await this.warnings.publishPending());
  }
}

import { beijingDate } from '@loanflow/domain';
import { BrokerClock } from './broker-clock';

/**
 * The time business rules run on: when a payment may be dated, which day a loan is paid out, how
 * old an applicant is. Normally the system clock; on a clock-controlled broker (tests) the broker's
 * own clock, so that the API, the workers and the models' timers agree on what day it is.
 */
export class BusinessClock {
  constructor(
    private readonly source: 'system' | 'engine',
    private readonly broker: BrokerClock,
  ) {}

  async now(): Promise<Date> {
    return this.source === 'engine' ? this.broker.now() : new Date();
  }

  /** Today in Beijing (UTC+8), YYYY-MM-DD. */
  async today(): Promise<string> {
    return beijingDate(await this.now());
  }
}

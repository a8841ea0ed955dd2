import type { AppConfig } from '@loanflow/config';
import type { RepaymentEntity } from '@loanflow/persistence';
import type { PinoLogger } from 'nestjs-pino';
import type { RiskWarnings } from '../post-loan/risk-warnings.service';
import { RepaymentOutbox } from './repayment-outbox';
import type { RepaymentRecords } from './repayment-records';
import type { RepaymentsService } from './repayments.service';

const payment = (id: string) => ({ id, state: 'applied', publishedAt: null }) as RepaymentEntity;

/** Three applied payments wait; the broker takes the first and third, the warnings publish two. */
function outbox() {
  const asked: { before: Date; limit: number }[] = [];
  const register = {
    unpublished: (before: Date, limit: number) => {
      asked.push({ before, limit });
      return Promise.resolve([payment('1'), payment('2'), payment('3')]);
    },
  } as unknown as RepaymentRecords;
  const tried: string[] = [];
  const repayments = {
    publish: (repayment: RepaymentEntity) => {
      tried.push(repayment.id);
      return Promise.resolve(repayment.id !== '2');
    },
  } as unknown as RepaymentsService;
  const warnings = { publishPending: () => Promise.resolve(2) } as unknown as RiskWarnings;
  const logger = { setContext: () => undefined, warn: () => undefined } as unknown as PinoLogger;
  const config = { WORKER_TYPES: '' } as AppConfig;
  return {
    asked,
    tried,
    sweeper: new RepaymentOutbox(config, register, repayments, warnings, logger),
  };
}

describe('the repayment outbox (messages the API could not publish after its commit)', () => {
  it('publishes what waited longer than one sweep, oldest first, and counts what went out', async () => {
    const { asked, tried, sweeper } = outbox();
    const before = Date.now();
    expect(await sweeper.sweep()).toBe(2 + 2);
    expect(tried).toEqual(['1', '2', '3']);
    expect(asked).toHaveLength(1);
    expect(asked[0]?.limit).toBe(100);
    // Only payments recorded at least one sweep (5 s) ago: the API publishes the newer ones itself.
    expect(asked[0].before.getTime()).toBeLessThanOrEqual(before - 5_000 + 50);
    expect(asked[0].before.getTime()).toBeGreaterThanOrEqual(before - 5_000 - 1_000);
  });
});

import { INestApplication, Type } from '@nestjs/common';
import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { loadConfig } from '@loanflow/config';
import { BrokerClock, ZeebeClient } from '@loanflow/workflow';
import { Staff, startApi } from './api-app';
import { ExporterRecords } from './exporter-records';
import { registerTestLoan, TestLoanFacts } from './loans';
import { startWorkers } from './workers-app';
import { deploy, testZeebeClient } from './zeebe';

export interface TestStackOptions {
  /** Model files to deploy first. */
  models?: string[];
  /** Worker plugins to run (none: no workers process). */
  workers?: Type[];
  /** Serve the API in-process too. */
  api?: boolean;
}

/**
 * What a spec talks to: a Zeebe client, the exporter's records, the broker clock, and optionally the
 * real workers and API on the test broker and database. `close()` in afterAll.
 */
export class TestStack {
  readonly zeebe: ZeebeClient = testZeebeClient();
  readonly redis: Redis;
  readonly records: ExporterRecords;
  readonly clock: BrokerClock;
  workers?: INestApplication;
  api?: INestApplication;
  staff?: Staff;

  private constructor() {
    const config = loadConfig();
    this.redis = new Redis(config.REDIS_URL);
    this.records = new ExporterRecords(this.redis, config.EXPORTER_STREAM_PREFIX);
    this.clock = new BrokerClock(config.ZEEBE_MANAGEMENT_URL);
  }

  static async open(options: TestStackOptions = {}): Promise<TestStack> {
    const stack = new TestStack();
    for (const model of options.models ?? []) await deploy(stack.zeebe, model);
    if (options.workers) stack.workers = await startWorkers(options.workers);
    if (options.api) {
      stack.api = await startApi();
      stack.staff = new Staff(stack.api);
    }
    return stack;
  }

  /**
   * Puts a fixture process's business key in the loan register, in a branch: every task and
   * instance belongs to a loan, and what a reader may see follows the loan's branch.
   */
  async registerLoan(
    loanId: string,
    branchCode = 'SB-HZ-XH',
    parties: TestLoanFacts = {},
  ): Promise<void> {
    const app = this.api ?? this.workers;
    if (!app) throw new Error('registerLoan needs the api or the workers in the test stack');
    await registerTestLoan(app.get(DataSource), loanId, branchCode, parties);
  }

  async close(): Promise<void> {
    await this.api?.close();
    await this.workers?.close();
    await this.zeebe.close();
    this.redis.disconnect();
  }
}

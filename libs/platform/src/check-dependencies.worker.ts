import { Inject } from '@nestjs/common';
import { IsISO8601, IsString, Length, Matches } from 'class-validator';
import Redis from 'ioredis';
import { IdempotencyService, REDIS } from '@loanflow/persistence';
import { JobContext, JobHandler, JobWorker, NonRetryableJobError } from '@loanflow/workflow';
import { CHECK_DEPENDENCIES_JOB, SELF_CHECK_RESULT_VARIABLE } from './platform.contract';
import { textOf } from '@loanflow/domain';

export class CheckDependenciesInput {
  /** Who asked for the check (an operator's user name, or "cli"). */
  @IsString()
  @Length(1, 64)
  requestedBy!: string;

  /** The check's own id, e.g. selfcheck-2026-11-23T04:30:00Z: a repeated delivery answers the same. */
  @Matches(/^selfcheck-[\w:.-]+$/, { message: 'businessKey must start with "selfcheck-"' })
  businessKey!: string;

  @IsISO8601()
  requestedAt!: string;
}

export interface SelfCheckResult {
  database: 'up';
  redis: 'up';
  requestedBy: string;
  checkedAt: string;
}

/**
 * A synthetic transaction through the engine: proves that a process reaches a worker and that the
 * worker reaches MySQL and Redis. Its result is written once per check (idempotent by business key).
 */
@JobWorker({
  type: CHECK_DEPENDENCIES_JOB,
  description: 'Check that workers reach the database and Redis (platform self-check).',
  input: CheckDependenciesInput,
  outputs: [SELF_CHECK_RESULT_VARIABLE],
  timeoutMs: 30_000,
})
export class CheckDependenciesWorker implements JobHandler<
  CheckDependenciesInput,
  { selfCheck: SelfCheckResult }
> {
  constructor(
    private readonly idempotency: IdempotencyService,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  async handle(
    input: CheckDependenciesInput,
    context: JobContext,
  ): Promise<{ selfCheck: SelfCheckResult }> {
    const pong = await this.redis.ping();
    if (pong !== 'PONG') throw new NonRetryableJobError(`Redis answered ${textOf(pong)} to PING`);
    const { result, replayed } = await this.idempotency.once(
      CHECK_DEPENDENCIES_JOB,
      input.businessKey,
      context.jobKey,
      async (manager): Promise<SelfCheckResult> => {
        await manager.query('SELECT 1');
        return {
          database: 'up',
          redis: 'up',
          requestedBy: input.requestedBy,
          checkedAt: new Date().toISOString(),
        };
      },
    );
    if (replayed) context.logger.info('self-check already recorded; replaying its result');
    return { selfCheck: result };
  }
}

import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { PinoLogger } from 'nestjs-pino';
import { AppConfig } from '@loanflow/config';
import { messageOf } from '@loanflow/domain';
import { HealthCheckRegistry, MetricsService } from '@loanflow/observability';
import { ZEEBE_CLIENT, ZeebeClient } from '../zeebe/zeebe-client';
import { JobPush, openJobStream, reopenBackoff } from './job-push';
import { giveBackJobsWhileClosing } from './give-back-while-closing';
import type { JobGate } from './job-gate';
import { activationTimeout, DEFAULT_JOB_TIMEOUT_MS } from './job-lease';
import { pollWithoutPause } from './poll-without-pause';
import { declaredVariables } from './job-input';
import {
  ActivatedJob,
  JobLoggerFactory,
  JobObserver,
  JobPhases,
  JobRegistration,
  JobReporter,
  JobRunner,
} from './job-runner';
import { JobTypeFilter } from './job-type-filter';
import { BUSINESS_KEY_VARIABLE, JobLogger } from './job-worker.types';
import { WorkerDiscovery } from './worker-discovery';

const DEFAULT_MAX_JOBS = 32;
const SHUTDOWN_GRACE_MS = 20_000;

interface Closable {
  /** Settles once the subscription takes no more jobs (and, for a poller, its jobs in flight end). */
  close(): Promise<unknown>;
}

/**
 * Opens a job subscription for every discovered worker at boot (long polling, plus job push when
 * JOB_ACTIVATION=stream) and closes them on shutdown after their in-flight jobs finish.
 */
@Injectable()
export class JobWorkerHost implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly subscriptions: Closable[] = [];
  private registrations: JobRegistration[] = [];
  private readonly connected = new Set<string>();
  private readonly runner: JobRunner;
  private readonly gates: JobGate[] = [];

  constructor(
    @Inject(ZEEBE_CLIENT) private readonly client: ZeebeClient,
    private readonly config: AppConfig,
    private readonly discovery: WorkerDiscovery,
    private readonly logger: PinoLogger,
    metrics: MetricsService,
    health: HealthCheckRegistry,
    private readonly indicators: HealthIndicatorService,
  ) {
    this.logger.setContext('JobWorkerHost');
    this.runner = new JobRunner(
      this.reporter(),
      observerOf(metrics),
      this.loggerFactory(),
      this.gates,
      {
        leaseMs: config.JOB_LEASE_MS,
        renew: async (jobKey, timeout) => {
          await this.client.updateJobTimeout({ jobKey, timeout });
        },
      },
    );
    health.register('workers', () => this.health());
  }

  /** Job types this process serves. */
  types(): string[] {
    return this.registrations.map((registration) => registration.options.type);
  }

  async onApplicationBootstrap(): Promise<void> {
    this.registrations = this.discovery.discover(JobTypeFilter.parse(this.config.WORKER_TYPES));
    this.gates.push(...this.discovery.gates());
    for (const registration of this.registrations) await this.subscribe(registration);
    this.logger.info(
      { types: this.types(), activation: this.config.JOB_ACTIVATION },
      `serving ${this.registrations.length} job types`,
    );
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.logger.info('closing job workers; waiting for jobs in flight');
    await Promise.all(this.subscriptions.map((subscription) => subscription.close()));
    this.subscriptions.length = 0;
  }

  private async subscribe(registration: JobRegistration): Promise<void> {
    const { options } = registration;
    const fetchVariable = options.input
      ? [...declaredVariables(options.input), BUSINESS_KEY_VARIABLE]
      : undefined;
    // Held one lease at a time, renewed while the handler runs up to the declared budget.
    const timeout = activationTimeout({
      leaseMs: this.config.JOB_LEASE_MS,
      budgetMs: options.timeoutMs ?? DEFAULT_JOB_TIMEOUT_MS,
    });
    const taskHandler = async (job: ActivatedJob & { forward(): unknown }) => {
      await this.runner.run(job, registration);
      // The runner reported the outcome itself (so it knows whether the broker accepted it);
      // forward() only tells the SDK worker the job is done and frees its slot.
      return job.forward() as never;
    };

    const worker = this.client.createWorker({
      taskType: options.type,
      taskHandler,
      fetchVariable: fetchVariable,
      timeout,
      maxJobsToActivate: options.maxJobsToActivate ?? DEFAULT_MAX_JOBS,
      loglevel: 'NONE',
      onReady: () => this.connected.add(options.type),
      onConnectionError: () => this.connected.delete(options.type),
    });
    giveBackJobsWhileClosing(worker, this.client);
    pollWithoutPause(worker);
    this.subscriptions.push({ close: () => worker.close(SHUTDOWN_GRACE_MS) });
    this.connected.add(options.type);

    if (this.config.JOB_ACTIVATION === 'stream') {
      const maxInFlight = options.maxJobsToActivate ?? DEFAULT_MAX_JOBS;
      const push = new JobPush<ActivatedJob & { forward(): unknown }>(
        (deliver) =>
          openJobStream(this.client, {
            type: options.type,
            worker: `loanflow-${process.pid}`,
            timeout,
            fetchVariables: fetchVariable,
            tenantIds: ['<default>'],
            // The SDK neither awaits nor catches what a stream handler returns; the runner never
            // rejects, and anything else is logged rather than left unhandled.
            taskHandler: (job) =>
              void deliver(job as never).catch((error: unknown) =>
                this.logger.error({ type: options.type }, `pushed job: ${messageOf(error)}`),
              ) as never,
          }),
        taskHandler,
        {
          maxInFlight,
          reopenDelayMs: reopenBackoff,
          onBroken: (error, nextInMs) =>
            this.logger.warn(
              { type: options.type, nextInMs },
              `job stream broken (${messageOf(error)}); polling serves the type until it is open again`,
            ),
        },
      );
      await push.start();
      // A stream's close is immediate: it stops taking jobs; the handlers in flight finish on their own.
      this.subscriptions.push({ close: () => Promise.resolve(push.close()) });
    }
  }

  private health() {
    const indicator = this.indicators.check('workers');
    const disconnected = this.types().filter((type) => !this.connected.has(type));
    const details = { types: this.types().length, activation: this.config.JOB_ACTIVATION };
    return disconnected.length === 0
      ? indicator.up(details)
      : indicator.down({ ...details, message: `not connected: ${disconnected.join(', ')}` });
  }

  private reporter(): JobReporter {
    return {
      complete: async (jobKey, variables) => {
        await this.client.completeJob({ jobKey, variables: variables as Record<string, never> });
      },
      throwError: async (jobKey, errorCode, errorMessage, variables) => {
        await this.client.throwError({
          jobKey,
          errorCode,
          errorMessage,
          variables: variables as Record<string, never>,
        });
      },
      fail: async (jobKey, errorMessage, retries, retryBackOff) => {
        await this.client.failJob({ jobKey, errorMessage, retries, retryBackOff });
      },
    };
  }

  private loggerFactory(): JobLoggerFactory {
    return {
      forJob: (fields): JobLogger => {
        const child = this.logger.logger.child(fields);
        return {
          info: (message, extra) => child.info(extra ?? {}, message),
          warn: (message, extra) => child.warn(extra ?? {}, message),
          error: (message, extra) => child.error(extra ?? {}, message),
        };
      },
    };
  }
}

function observerOf(metrics: MetricsService): JobObserver {
  return {
    observe: (type, outcome, seconds, phases) => {
      metrics.jobsHandled.inc({ type, outcome });
      metrics.jobDuration.observe({ type }, seconds);
      for (const [phase, value] of Object.entries(phases as Record<keyof JobPhases, number>))
        metrics.jobPhaseDuration.observe({ type, phase }, value);
    },
  };
}

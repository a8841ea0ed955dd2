import type { JobGate } from './job-gate';
import { activationIsOver, DEFAULT_JOB_TIMEOUT_MS, holdWhileRunning, RenewJob } from './job-lease';
import { checkJobInput } from './job-input';
import {
  DEFAULT_BACKOFF,
  invalidInput,
  JobOutcome,
  outcomeOfError,
  outcomeOfResult,
} from './job-outcome';
import {
  BUSINESS_KEY_VARIABLE,
  JobContext,
  JobHandler,
  JobLogger,
  JobVariables,
  JobWorkerOptions,
} from './job-worker.types';
import { messageOf } from '@loanflow/domain';

/** The parts of an activated job the runner reads (the SDK's job has these and more). */
export interface ActivatedJob {
  readonly key: string;
  readonly type: string;
  readonly processInstanceKey: string;
  readonly bpmnProcessId: string;
  readonly processDefinitionVersion: number;
  readonly elementId: string;
  readonly elementInstanceKey: string;
  readonly retries: number;
  readonly customHeaders: Readonly<Record<string, unknown>>;
  readonly variables: Readonly<JobVariables>;
}

/** Reports an outcome to the broker. Rejects when the broker refuses (job gone, instance ended). */
export interface JobReporter {
  complete(jobKey: string, variables: JobVariables): Promise<void>;
  throwError(jobKey: string, code: string, message: string, variables: JobVariables): Promise<void>;
  fail(jobKey: string, message: string, retries: number, backoffMs: number): Promise<void>;
}

/** Where one job's time in this process went, in seconds. */
export interface JobPhases {
  /** Input checked and every gate passed. */
  readonly admit: number;
  /** The handler's own work. */
  readonly handle: number;
  /** The outcome sent to the broker until it answered. */
  readonly report: number;
}

export interface JobObserver {
  /** outcome is the JobOutcome kind, or `lost` when the broker no longer knew the job. */
  observe(
    type: string,
    outcome: JobOutcome['kind'] | 'lost',
    seconds: number,
    phases: JobPhases,
  ): void;
}

export interface JobRegistration<TInput extends object = object> {
  readonly options: JobWorkerOptions<TInput>;
  readonly handler: JobHandler<TInput>;
}

/** Renewing a job's hold lease by lease while its handler runs (see job-lease.ts). */
export interface JobLeasing {
  readonly leaseMs: number;
  readonly renew: RenewJob;
}

export interface JobLoggerFactory {
  forJob(fields: Record<string, unknown>): JobLogger;
}

/**
 * Runs one job through its handler and reports the outcome. Never throws: every path ends in
 * complete, a BPMN error or a failure with a readable message.
 */
export class JobRunner {
  constructor(
    private readonly reporter: JobReporter,
    private readonly observer: JobObserver,
    private readonly loggers: JobLoggerFactory,
    /** Waited for, in order, before every handler; the host fills it at boot. */
    private readonly gates: readonly JobGate[] = [],
    private readonly leasing?: JobLeasing,
  ) {}

  async run<TInput extends object>(
    job: ActivatedJob,
    registration: JobRegistration<TInput>,
  ): Promise<JobOutcome> {
    const started = process.hrtime.bigint();
    const { options, handler } = registration;
    const businessKey = stringOrUndefined(job.variables[BUSINESS_KEY_VARIABLE]);
    const logger = this.loggers.forJob({
      jobType: job.type,
      jobKey: job.key,
      processInstanceKey: job.processInstanceKey,
      businessKey,
    });

    let outcome: JobOutcome;
    let handling = started;
    const input = checkJobInput(options.input, { ...job.variables });
    const misplaced = misplacement(options, job);
    if (misplaced) {
      outcome = { kind: 'failed', message: misplaced, retries: 0, backoffMs: 0 };
    } else if (!input.ok) {
      outcome = invalidInput(options.type, input.problems);
    } else {
      const release = this.hold(job.key, options, logger);
      try {
        for (const gate of this.gates)
          await gate.beforeHandle({
            jobKey: job.key,
            type: job.type,
            processInstanceKey: job.processInstanceKey,
            businessKey,
          });
        handling = process.hrtime.bigint();
        const result = await handler.handle(input.value, contextOf(job, businessKey, logger));
        outcome = outcomeOfResult(options.type, result, options.outputs);
      } catch (error) {
        outcome = outcomeOfError(error, job.retries, options.retryBackoff ?? DEFAULT_BACKOFF);
      } finally {
        release();
      }
    }

    const reporting = process.hrtime.bigint();
    if (handling === started) handling = reporting;
    const reported = await this.report(job.key, outcome, logger);
    const ended = process.hrtime.bigint();
    const seconds = (from: bigint, to: bigint) => Number(to - from) / 1e9;
    this.observer.observe(options.type, reported ? outcome.kind : 'lost', seconds(started, ended), {
      admit: seconds(started, handling),
      handle: seconds(handling, reporting),
      report: seconds(reporting, ended),
    });
    return outcome;
  }

  private hold(jobKey: string, options: JobWorkerOptions, logger: JobLogger): () => void {
    if (!this.leasing) return () => undefined;
    return holdWhileRunning(
      jobKey,
      { leaseMs: this.leasing.leaseMs, budgetMs: options.timeoutMs ?? DEFAULT_JOB_TIMEOUT_MS },
      this.leasing.renew,
      (error) =>
        logger.warn(
          activationIsOver(error)
            ? `the job's hold ended before its handler did (no more renewals; its outcome will be refused): ${error.message}`
            : `the job's hold was not renewed: ${error.message}`,
        ),
    );
  }

  private async report(jobKey: string, outcome: JobOutcome, logger: JobLogger): Promise<boolean> {
    try {
      switch (outcome.kind) {
        case 'completed':
          await this.reporter.complete(jobKey, outcome.variables);
          break;
        case 'bpmn_error':
          logger.info(`business outcome ${outcome.code}: ${outcome.message}`);
          await this.reporter.throwError(jobKey, outcome.code, outcome.message, outcome.variables);
          break;
        case 'failed':
        case 'invalid_input': {
          const next = outcome.retries > 0 ? `retry in ${outcome.backoffMs} ms` : 'incident raised';
          logger.warn(`job failed (${outcome.retries} retries left, ${next}): ${outcome.message}`);
          await this.reporter.fail(jobKey, outcome.message, outcome.retries, outcome.backoffMs);
          break;
        }
      }
      return true;
    } catch (error) {
      // The broker no longer has this job for us: its timeout passed and it was given to another
      // worker, or its instance ended. The handler is idempotent, so the other delivery wins.
      logger.warn(`outcome ${outcome.kind} not accepted by the broker: ${messageOf(error)}`);
      return false;
    }
  }
}

/** Why a guarded job type may not run here, or null when it may (or is not guarded). */
function misplacement(options: JobWorkerOptions, job: ActivatedJob): string | null {
  if (!options.onlyAt) return null;
  if (options.onlyAt.some((at) => at.process === job.bpmnProcessId && at.element === job.elementId))
    return null;
  const allowed = options.onlyAt.map((at) => `${at.process}/${at.element}`).join(', ');
  return `job type ${options.type} moves money or changes a loan's standing and runs only where the product ships it (${allowed}); this job comes from ${job.bpmnProcessId}/${job.elementId} and was not run`;
}

function contextOf(
  job: ActivatedJob,
  businessKey: string | undefined,
  logger: JobLogger,
): JobContext {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(job.customHeaders ?? {}))
    headers[name] = String(value);
  return {
    jobKey: job.key,
    type: job.type,
    processInstanceKey: job.processInstanceKey,
    bpmnProcessId: job.bpmnProcessId,
    processDefinitionVersion: job.processDefinitionVersion,
    elementId: job.elementId,
    elementInstanceKey: job.elementInstanceKey,
    retries: job.retries,
    businessKey,
    headers,
    logger,
  };
}

function stringOrUndefined(value: unknown): string | undefined {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
}

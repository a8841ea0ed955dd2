import { applyDecorators, Injectable, SetMetadata } from '@nestjs/common';
import { JOB_TYPE_PATTERN } from './job-type-filter';
import type { JobWorkerOptions } from './job-worker.types';

export const JOB_WORKER_METADATA = Symbol('loanflow:job-worker');

/**
 * Marks a provider as the handler of one job type. The host discovers it at boot, fetches only the
 * variables its input DTO declares, validates them, and maps what it returns or throws onto the job.
 */
export function JobWorker<TInput extends object>(
  options: JobWorkerOptions<TInput>,
): ClassDecorator {
  if (!JOB_TYPE_PATTERN.test(options.type)) {
    throw new Error(
      `Job type "${options.type}" must be area.verb in lower case, e.g. loan.disburse`,
    );
  }
  return applyDecorators(Injectable(), SetMetadata(JOB_WORKER_METADATA, options));
}

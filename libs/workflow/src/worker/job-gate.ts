import { applyDecorators, Injectable, SetMetadata } from '@nestjs/common';

export const JOB_GATE_METADATA = Symbol('loanflow:job-gate');

/** What a gate knows of the job about to run. */
export interface GatedJob {
  readonly jobKey: string;
  readonly type: string;
  readonly processInstanceKey: string;
  readonly businessKey: string | undefined;
}

/**
 * Something every job waits for before its handler runs: a condition outside the engine that the
 * handler's reads depend on. It resolves when the job may run; a rejection fails the job as any
 * error would (retried with back-off, its message on the job).
 */
export interface JobGate {
  beforeHandle(job: GatedJob): Promise<void>;
}

/** Marks a provider as a gate the worker host passes every job through, in discovery order. */
export function BeforeEveryJob(): ClassDecorator {
  return applyDecorators(Injectable(), SetMetadata(JOB_GATE_METADATA, true));
}

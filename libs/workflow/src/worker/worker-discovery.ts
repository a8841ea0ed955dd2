import { Injectable } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { JobTypeFilter } from './job-type-filter';
import { JOB_GATE_METADATA, JobGate } from './job-gate';
import { JOB_WORKER_METADATA } from './job-worker.decorator';
import type { JobHandler, JobWorkerOptions } from './job-worker.types';
import type { JobRegistration } from './job-runner';

/** Finds every @JobWorker provider in the application and keeps those WORKER_TYPES selects. */
@Injectable()
export class WorkerDiscovery {
  constructor(private readonly discovery: DiscoveryService) {}

  discover(filter: JobTypeFilter): JobRegistration[] {
    const found = new Map<string, JobRegistration>();
    for (const wrapper of this.discovery.getProviders()) {
      const { metatype } = wrapper;
      const instance: unknown = wrapper.instance;
      if (!metatype || !instance || typeof metatype !== 'function') continue;
      const options = Reflect.getMetadata(JOB_WORKER_METADATA, metatype) as
        JobWorkerOptions | undefined;
      if (!options) continue;
      const handler = instance as Partial<JobHandler>;
      if (typeof handler.handle !== 'function') {
        throw new Error(
          `${metatype.name} is a @JobWorker for ${options.type} but has no handle(input, context) method`,
        );
      }
      const existing = found.get(options.type);
      if (existing && existing.handler !== instance) {
        throw new Error(
          `Two workers serve job type ${options.type}: ${existing.handler.constructor.name} and ${metatype.name}`,
        );
      }
      if (filter.matches(options.type))
        found.set(options.type, { options, handler: handler as JobHandler });
    }
    return [...found.values()].sort((a, b) => a.options.type.localeCompare(b.options.type));
  }

  /** Every @BeforeEveryJob provider in the application. */
  gates(): JobGate[] {
    const gates: JobGate[] = [];
    for (const { metatype, instance } of this.discovery.getProviders()) {
      if (!metatype || !instance || typeof metatype !== 'function') continue;
      if (!Reflect.getMetadata(JOB_GATE_METADATA, metatype)) continue;
      if (typeof (instance as Partial<JobGate>).beforeHandle !== 'function')
        throw new Error(`${metatype.name} is a @BeforeEveryJob gate but has no beforeHandle(job)`);
      if (!gates.includes(instance as JobGate)) gates.push(instance as JobGate);
    }
    return gates;
  }
}

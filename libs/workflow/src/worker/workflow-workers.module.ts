import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { JobWorkerHost } from './job-worker-host';
import { WorkerDiscovery } from './worker-discovery';

/** Import in a process that runs job workers: discovers @JobWorker providers and serves them. */
@Module({
  imports: [DiscoveryModule, TerminusModule],
  providers: [WorkerDiscovery, JobWorkerHost],
  exports: [JobWorkerHost],
})
export class WorkflowWorkersModule {}

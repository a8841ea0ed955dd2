import { Module } from '@nestjs/common';
import { MonitoringWorkersModule } from '@loanflow/monitoring';
import { OriginationWorkersModule } from '@loanflow/origination';
import { PlatformWorkersModule, RuntimeModule } from '@loanflow/platform';
import { ServicingWorkersModule } from '@loanflow/servicing';
import { TasksWorkersModule } from '@loanflow/tasks';
import { WorkflowWorkersModule } from '@loanflow/workflow';

/**
 * Every area's worker plugins are imported here; WORKER_TYPES decides which of their job types this
 * process actually serves, so areas can be scaled apart with the same build.
 */
export const WORKER_PLUGINS = [
  PlatformWorkersModule,
  TasksWorkersModule,
  OriginationWorkersModule,
  MonitoringWorkersModule,
  ServicingWorkersModule,
];

@Module({ imports: [RuntimeModule, WorkflowWorkersModule, ...WORKER_PLUGINS] })
export class WorkersModule {}

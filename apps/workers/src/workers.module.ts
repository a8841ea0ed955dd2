import { Module } from '@nestjs/common';
import { ConfigModule } from '@loanflow/config';
import { LoggingModule, ObservabilityModule } from '@loanflow/observability';
import { PersistenceModule, RedisModule } from '@loanflow/persistence';
import { AuditModule } from '@loanflow/audit';
import { PlatformWorkersModule } from '@loanflow/platform';
import { TasksWorkersModule } from '@loanflow/tasks';
import { WorkflowWorkersModule, ZeebeModule } from '@loanflow/workflow';

/**
 * Every area's worker plugins are imported here; WORKER_TYPES decides which of their job types this
 * process actually serves, so areas can be scaled apart with the same build.
 */
export const WORKER_PLUGINS = [PlatformWorkersModule, TasksWorkersModule];

@Module({
  imports: [
    ConfigModule,
    LoggingModule,
    PersistenceModule,
    RedisModule,
    ObservabilityModule,
    ZeebeModule,
    AuditModule,
    WorkflowWorkersModule,
    ...WORKER_PLUGINS,
  ],
})
export class WorkersModule {}

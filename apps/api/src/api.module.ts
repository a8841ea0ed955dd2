import { Module } from '@nestjs/common';
import { ConfigModule } from '@loanflow/config';
import { LoggingModule, ObservabilityModule } from '@loanflow/observability';
import { PersistenceModule, RedisModule } from '@loanflow/persistence';
import { AuditModule } from '@loanflow/audit';
import { IdentityModule } from '@loanflow/identity';
import { TasksApiModule } from '@loanflow/tasks';
import { ZeebeModule } from '@loanflow/workflow';
import { SystemController } from './system/system.controller';

@Module({
  imports: [
    ConfigModule,
    LoggingModule,
    PersistenceModule,
    RedisModule,
    ObservabilityModule,
    ZeebeModule,
    AuditModule,
    IdentityModule,
    TasksApiModule,
  ],
  controllers: [SystemController],
})
export class ApiModule {}

import { Module } from '@nestjs/common';
import { AuditModule } from '@loanflow/audit';
import { ConfigModule } from '@loanflow/config';
import { LoggingModule, ObservabilityModule } from '@loanflow/observability';
import { PersistenceModule, RedisModule } from '@loanflow/persistence';
import { ZeebeModule } from '@loanflow/workflow';

/**
 * What every LoanFlow process runs on: validated config, JSON logs, MySQL, Redis, health and
 * metrics, the Zeebe client and the audit trail.
 */
@Module({
  imports: [
    ConfigModule,
    LoggingModule,
    PersistenceModule,
    RedisModule,
    ObservabilityModule,
    ZeebeModule,
    AuditModule,
  ],
  exports: [
    ConfigModule,
    LoggingModule,
    PersistenceModule,
    RedisModule,
    ObservabilityModule,
    ZeebeModule,
    AuditModule,
  ],
})
export class RuntimeModule {}

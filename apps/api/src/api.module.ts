import { Module } from '@nestjs/common';
import { ConfigModule } from '@loanflow/config';
import { LoggingModule, ObservabilityModule } from '@loanflow/observability';
import { PersistenceModule, RedisModule } from '@loanflow/persistence';
import { ZeebeModule } from '@loanflow/workflow';
import { SystemController } from './system/system.controller';

@Module({
  imports: [ConfigModule, LoggingModule, PersistenceModule, RedisModule, ObservabilityModule, ZeebeModule],
  controllers: [SystemController],
})
export class ApiModule {}

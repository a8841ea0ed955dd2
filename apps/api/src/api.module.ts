import { Module } from '@nestjs/common';
import { IdentityModule } from '@loanflow/identity';
import { ModelsApiModule } from '@loanflow/models';
import { MonitoringApiModule } from '@loanflow/monitoring';
import { OriginationApiModule } from '@loanflow/origination';
import { RuntimeModule } from '@loanflow/platform';
import { ServicingApiModule } from '@loanflow/servicing';
import { TasksApiModule } from '@loanflow/tasks';
import { SystemController } from './system/system.controller';

@Module({
  imports: [
    RuntimeModule,
    IdentityModule,
    TasksApiModule,
    OriginationApiModule,
    ModelsApiModule,
    ServicingApiModule,
    MonitoringApiModule,
  ],
  controllers: [SystemController],
})
export class ApiModule {}

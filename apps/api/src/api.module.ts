import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { IdentityModule } from '@loanflow/identity';
import { LoansAccessModule } from '@loanflow/loans';
import { ModelsApiModule } from '@loanflow/models';
import { MonitoringApiModule } from '@loanflow/monitoring';
import { OriginationApiModule } from '@loanflow/origination';
import { RuntimeModule } from '@loanflow/platform';
import { ServicingApiModule } from '@loanflow/servicing';
import { TasksApiModule } from '@loanflow/tasks';
import { MyRoutesController } from './access/my-routes.controller';
import { RouteInventory } from './access/route-inventory';
import { SystemController } from './system/system.controller';

@Module({
  imports: [
    DiscoveryModule,
    RuntimeModule,
    IdentityModule,
    LoansAccessModule,
    TasksApiModule,
    OriginationApiModule,
    ModelsApiModule,
    ServicingApiModule,
    MonitoringApiModule,
  ],
  controllers: [SystemController, MyRoutesController],
  providers: [RouteInventory],
})
export class ApiModule {}

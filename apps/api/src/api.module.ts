import { Module } from '@nestjs/common';
import { IdentityModule } from '@loanflow/identity';
import { OriginationApiModule } from '@loanflow/origination';
import { RuntimeModule } from '@loanflow/platform';
import { TasksApiModule } from '@loanflow/tasks';
import { SystemController } from './system/system.controller';

@Module({
  imports: [RuntimeModule, IdentityModule, TasksApiModule, OriginationApiModule],
  controllers: [SystemController],
})
export class ApiModule {}

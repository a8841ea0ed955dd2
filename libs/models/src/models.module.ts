import { Module } from '@nestjs/common';
import { IdentityModule } from '@loanflow/identity';
import { InstanceMigration } from './api/instance-migration';
import { ModelDeployments } from './api/model-deployments';
import { ModelReleases } from './api/model-releases';
import { ModelsController } from './api/models.controller';

/** Model release and migration for process designers (in the api process). */
@Module({
  imports: [IdentityModule],
  controllers: [ModelsController],
  providers: [ModelDeployments, ModelReleases, InstanceMigration],
  exports: [ModelDeployments, InstanceMigration],
})
export class ModelsApiModule {}

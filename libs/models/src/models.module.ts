import { Module } from '@nestjs/common';
import { IdentityModule } from '@loanflow/identity';
import { InstanceMigration } from './api/instance-migration';
import { MigrationReads, SqlMigrationReads } from './api/migration-reads';
import { DeploymentRecords, SqlDeploymentRecords } from './api/deployment-records';
import { ModelDeployments } from './api/model-deployments';
import { ModelReleases } from './api/model-releases';
import { ModelsController } from './api/models.controller';
import { ReleaseRecords, SqlReleaseRecords } from './api/release-records';

/** Model release and migration for process designers (in the api process). */
@Module({
  imports: [IdentityModule],
  controllers: [ModelsController],
  providers: [
    { provide: DeploymentRecords, useClass: SqlDeploymentRecords },
    ModelDeployments,
    { provide: ReleaseRecords, useClass: SqlReleaseRecords },
    ModelReleases,
    { provide: MigrationReads, useClass: SqlMigrationReads },
    InstanceMigration,
  ],
  exports: [ModelDeployments, InstanceMigration],
})
export class ModelsApiModule {}

import { Module } from '@nestjs/common';
import { CheckDependenciesWorker } from './check-dependencies.worker';

@Module({ providers: [CheckDependenciesWorker] })
export class PlatformWorkersModule {}
